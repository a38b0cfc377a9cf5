// SPDX-License-Identifier: GPL-3.0-or-later
// The application-wide settings and the Help menu: the Preferences dialog writes what its
// controls show and reads it back, Cancel writes nothing; translations switch languages (ours
// and Qt's); the theme changes the palette; the shortcuts list is built from the menus.
#include "UiTestSetup.h"
#include "shell/AppSettings.h"
#include "shell/HelpDialogs.h"
#include "shell/MainWindow.h"
#include "shell/PreferencesDialog.h"
#include "shell/Theme.h"
#include "shell/Translations.h"
#include "shell/StartPage.h"
#include "common/TransportBar.h"
#include "playground/PlaygroundPanel.h"
#include "training/TrainingPanel.h"
#include "inspector/Inspector.h"
#include "inspector/TensorViewPanel.h"
#include "common/EnumText.h"

#include <qcustomplot.h>

#include "util/BuildInfo.h"

#include <QApplication>
#include <QDockWidget>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QScreen>
#include <QTabBar>
#include <QScrollBar>
#include <QAbstractSpinBox>
#include <QAbstractSlider>
#include <QAbstractButton>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLibraryInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPalette>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QFileInfo>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

namespace settings = ws::ui::settings;
using ws::ui::PreferencesDialog;

namespace {

void selectData(QComboBox* combo, const QString& value)
{
    const int index = combo->findData(value);
    QVERIFY2(index >= 0, qPrintable(value));
    combo->setCurrentIndex(index);
}

// The row of the shortcuts tree whose action text is text, or nullptr.
QTreeWidgetItem* findRow(QTreeWidgetItem* parent, const QString& text)
{
    for (int i = 0; i < parent->childCount(); ++i) {
        QTreeWidgetItem* child = parent->child(i);
        if (child->text(0) == text)
            return child;
        if (QTreeWidgetItem* found = findRow(child, text))
            return found;
    }
    return nullptr;
}

} // namespace

class TestPreferences : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ws::test::isolateSettings(QStringLiteral("test_preferences"));
    }
    void init() { QSettings().clear(); }
    void cleanup() { ws::ui::installTranslations(QStringLiteral("en")); }

    void freshSettingsShowTheDefaults()
    {
        PreferencesDialog dialog;
        QCOMPARE(dialog.runsFolderEdit()->text(), QString());
        QCOMPARE(dialog.runsFolderEdit()->placeholderText(), settings::defaultRunsFolder());
        QCOMPARE(dialog.threadsSpin()->value(), 0);
        QCOMPARE(dialog.divergingCombo()->currentData().toString(), QStringLiteral("RdBu"));
        QCOMPARE(dialog.sequentialCombo()->currentData().toString(), QStringLiteral("viridis"));
        QCOMPARE(dialog.themeCombo()->currentData().toString(), QStringLiteral("system"));
        QCOMPARE(dialog.languageCombo()->currentData().toString(), QString());
        QCOMPARE(dialog.refreshSpin()->value(), 30);
        QCOMPARE(settings::effectiveRunsFolder(), settings::defaultRunsFolder());
    }

    // The note that the language changes at the next start is shown whole, not cut to a line.
    void languageNoteIsShownWhole()
    {
        PreferencesDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QLabel* note = nullptr;
        for (QLabel* l : dialog.findChildren<QLabel*>())
            if (l->text().startsWith(QStringLiteral("The language changes")))
                note = l;
        QVERIFY(note);
        QVERIFY(!note->isVisible());
        selectData(dialog.languageCombo(), dialog.languageCombo()->itemData(dialog.languageCombo()->count() - 1).toString());
        QTRY_VERIFY(note->isVisible());
        QTRY_VERIFY2(note->height() >= note->heightForWidth(note->width()),
            qPrintable(QStringLiteral("%1 px for %2").arg(note->height()).arg(note->heightForWidth(note->width()))));
        dialog.reject();
    }

    void acceptedValuesArePersistedAndReadBack()
    {
        {
            PreferencesDialog dialog;
            dialog.runsFolderEdit()->setText(QStringLiteral("/tmp/ws-runs"));
            dialog.threadsSpin()->setValue(3);
            selectData(dialog.divergingCombo(), QStringLiteral("coolwarm"));
            selectData(dialog.sequentialCombo(), QStringLiteral("magma"));
            selectData(dialog.themeCombo(), QStringLiteral("dark"));
            selectData(dialog.languageCombo(), QStringLiteral("fr"));
            dialog.refreshSpin()->setValue(12);
            dialog.accept();
        }
        // Through a new QSettings, as the next start would read them.
        QSettings stored;
        QCOMPARE(stored.value(QStringLiteral("preferences/runsFolder")).toString(), QStringLiteral("/tmp/ws-runs"));
        QCOMPARE(stored.value(QStringLiteral("preferences/threads")).toInt(), 3);
        QCOMPARE(settings::divergingColourMap.get(), QStringLiteral("coolwarm"));
        QCOMPARE(settings::sequentialColourMap.get(), QStringLiteral("magma"));
        QCOMPARE(settings::theme.get(), QStringLiteral("dark"));
        QCOMPARE(settings::language.get(), QStringLiteral("fr"));
        QCOMPARE(settings::plotRefreshHz.get(), 12);
        QCOMPARE(settings::effectiveRunsFolder(), QStringLiteral("/tmp/ws-runs"));

        PreferencesDialog reopened;
        QCOMPARE(reopened.runsFolderEdit()->text(), QStringLiteral("/tmp/ws-runs"));
        QCOMPARE(reopened.threadsSpin()->value(), 3);
        QCOMPARE(reopened.divergingCombo()->currentData().toString(), QStringLiteral("coolwarm"));
        QCOMPARE(reopened.sequentialCombo()->currentData().toString(), QStringLiteral("magma"));
        QCOMPARE(reopened.themeCombo()->currentData().toString(), QStringLiteral("dark"));
        QCOMPARE(reopened.languageCombo()->currentData().toString(), QStringLiteral("fr"));
        QCOMPARE(reopened.refreshSpin()->value(), 12);
    }

    void fileDialogsStartInTheFolderUsedLast()
    {
        QTemporaryDir dir;
        const QString file = dir.path() + QStringLiteral("/model.safetensors");
        settings::rememberFolder(QStringLiteral("weights"), file);
        QCOMPARE(settings::lastFolder(QStringLiteral("weights")), QFileInfo(dir.path()).absoluteFilePath());
        settings::rememberFolder(QStringLiteral("weights"), QString()); // Cancel keeps the last one
        QCOMPARE(settings::lastFolder(QStringLiteral("weights")), QFileInfo(dir.path()).absoluteFilePath());
        settings::rememberFolder(QStringLiteral("export"), dir.path()); // a picked folder is itself
        QCOMPARE(settings::lastFolder(QStringLiteral("export")), QFileInfo(dir.path()).absoluteFilePath());
        QCOMPARE(QSettings().value(QStringLiteral("lastFolders/export")).toString(), QFileInfo(dir.path()).absoluteFilePath());
    }

    void everyControlOfTheMainWindowHasATooltip()
    {
        // Buttons, boxes, sliders and text fields of every panel (the inspector's docks, the
        // Playground, the Training panel, the Runs); Qt's own parts (dock title buttons, tab bars,
        // scroll bars, the editors inside spin and combo boxes) are not ours to explain.
        ws::ui::MainWindow window;
        QStringList missing;
        int controls = 0;
        for (QWidget* c : window.findChildren<QWidget*>()) {
            QWidget* parent = c->parentWidget();
            const bool editorOfABox = qobject_cast<QAbstractSpinBox*>(parent) || qobject_cast<QComboBox*>(parent);
            const bool control = qobject_cast<QAbstractButton*>(c) || qobject_cast<QComboBox*>(c)
                || qobject_cast<QAbstractSpinBox*>(c) || (qobject_cast<QAbstractSlider*>(c) && !qobject_cast<QScrollBar*>(c))
                || (qobject_cast<QLineEdit*>(c) && !editorOfABox);
            if (!control || c->inherits("QDockWidgetTitleButton") || c->inherits("QLineEditIconButton")
                || c->inherits("QTableCornerButton") || qobject_cast<QTabBar*>(parent)
                || c->objectName() == QLatin1String("qt_menubar_ext_button")) // the menu bar's overflow button
                continue;
            ++controls;
            if (c->toolTip().isEmpty()) {
                const auto* button = qobject_cast<QAbstractButton*>(c);
                missing << QStringLiteral("%1 '%2' in %3")
                               .arg(QString::fromLatin1(c->metaObject()->className()),
                                   button ? button->text() : c->objectName(),
                                   parent ? QString::fromLatin1(parent->metaObject()->className()) : QString());
            }
        }
        QVERIFY(controls > 50);
        QVERIFY2(missing.isEmpty(), qPrintable(QString::number(missing.size()) + QStringLiteral(" without a tooltip:\n") + missing.join(QLatin1Char('\n'))));
    }

    void cancelWritesNothing()
    {
        settings::threads.set(2);
        PreferencesDialog dialog;
        dialog.threadsSpin()->setValue(7);
        selectData(dialog.themeCombo(), QStringLiteral("light"));
        dialog.reject();
        QCOMPARE(settings::threads.get(), 2);
        QVERIFY(!QSettings().contains(QStringLiteral("preferences/theme")));
    }

    void restoreDefaultsResetsTheControls()
    {
        settings::plotRefreshHz.set(5);
        settings::theme.set(QStringLiteral("dark"));
        PreferencesDialog dialog;
        QCOMPARE(dialog.refreshSpin()->value(), 5);
        auto* buttons = dialog.findChild<QDialogButtonBox*>();
        QVERIFY(buttons);
        buttons->button(QDialogButtonBox::RestoreDefaults)->click();
        QCOMPARE(dialog.refreshSpin()->value(), 30);
        QCOMPARE(dialog.themeCombo()->currentData().toString(), QStringLiteral("system"));
        QCOMPARE(settings::plotRefreshHz.get(), 5); // not saved until OK
        dialog.accept();
        QCOMPARE(settings::plotRefreshHz.get(), 30);
    }

    void everyControlHasATooltip()
    {
        PreferencesDialog dialog;
        for (QWidget* w : dialog.findChildren<QWidget*>()) {
            if (qobject_cast<QComboBox*>(w) || qobject_cast<QSpinBox*>(w) || qobject_cast<QLineEdit*>(w)) {
                if (qobject_cast<QSpinBox*>(w->parentWidget())) // a spin box's own line edit
                    continue;
                QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->metaObject()->className()));
            }
        }
    }

    void translationsSwitchLanguages()
    {
        const auto file = [] { return QCoreApplication::translate("ws::ui::MainWindow", "&File"); };
        QCOMPARE(ws::ui::installTranslations(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(file(), QStringLiteral("&Datei"));
        QCOMPARE(QCoreApplication::translate("ws::ui::PlaygroundWorker", "Training finished after %n step(s).", nullptr, 3),
            QStringLiteral("Training nach 3 Schritten beendet."));
        QCOMPARE(ws::ui::installTranslations(QStringLiteral("fr")), QStringLiteral("fr"));
        QCOMPARE(file(), QStringLiteral("&Fichier"));
        QCOMPARE(ws::ui::installTranslations(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(file(), QStringLiteral("&File"));
        // Each language listed under its own name.
        QCOMPARE(ws::ui::languageName(QStringLiteral("en")), QStringLiteral("English"));
        QCOMPARE(ws::ui::languageName(QStringLiteral("de")), QStringLiteral("Deutsch"));
        QCOMPARE(ws::ui::languageName(QStringLiteral("fr")), QStringLiteral("Français"));
    }

    void qtsOwnTranslationsFollow()
    {
        const QString dir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (!QFile::exists(dir + QStringLiteral("/qtbase_de.qm")))
            QSKIP("qtbase_de.qm missing (Debian package qt6-translations-l10n)");
        ws::ui::installTranslations(QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
        ws::ui::installTranslations(QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    }

    void themeChangesThePalette()
    {
        const QColor startup = QApplication::palette().color(QPalette::Window);
        ws::ui::applyTheme(QStringLiteral("dark"));
        QVERIFY2(QApplication::palette().color(QPalette::Window).lightness() < 80,
            qPrintable(QApplication::palette().color(QPalette::Window).name()));
        QCOMPARE(QApplication::style()->name(), QStringLiteral("fusion"));
        ws::ui::applyTheme(QStringLiteral("light"));
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
        ws::ui::applyTheme(QStringLiteral("system"));
        QCOMPARE(QApplication::palette().color(QPalette::Window), startup);
    }

    // The plot-refresh preference reaches both live panels (it reached only the Playground).
    void refreshRateReachesBothLivePanels()
    {
        ws::ui::MainWindow window;
        ws::ui::settings::plotRefreshHz.set(10);
        window.applyPreferences();
        QCOMPARE(window.training()->refreshIntervalMs(), 100);
        ws::ui::settings::plotRefreshHz.set(30);
        window.applyPreferences();
        QCOMPARE(window.training()->refreshIntervalMs(), 33);
    }

    // The plots follow the theme: a dark background with light axes, and back.
    void plotsFollowTheTheme()
    {
        ws::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCustomPlot* plot = window.inspector()->tensorView()->plot();
        ws::ui::applyTheme(QStringLiteral("dark"));
        QVERIFY2(plot->axisRect()->backgroundBrush().color().lightness() < 80, qPrintable(plot->axisRect()->backgroundBrush().color().name()));
        QVERIFY(plot->xAxis->tickLabelColor().lightness() > 180);
        QVERIFY(plot->xAxis->basePen().color().lightness() > 180);
        // A plot made after the change (the Spectrum dock's, a dialog's) gets the colours when shown.
        QCustomPlot later;
        later.show();
        QVERIFY(QTest::qWaitForWindowExposed(&later));
        QVERIFY(later.axisRect()->backgroundBrush().color().lightness() < 80);
        ws::ui::applyTheme(QStringLiteral("light"));
        QVERIFY(plot->axisRect()->backgroundBrush().color().lightness() > 180);
        QVERIFY(plot->xAxis->tickLabelColor().lightness() < 80);
        ws::ui::applyTheme(QStringLiteral("system"));
        window.close();
    }

    void shortcutsAreListedFromTheMenus()
    {
        ws::ui::MainWindow window;
        ws::ui::ShortcutsDialog dialog(window.menuBar(),
            window.playground()->transport()->shortcutActions() + window.training()->transport()->shortcutActions());
        QTreeWidgetItem* root = dialog.tree()->invisibleRootItem();
        QTreeWidgetItem* preferences = findRow(root, QStringLiteral("Preferences…"));
        QVERIFY(preferences);
        // Ctrl+, first, then the platform's own key if it has another.
        const QString first = preferences->text(1).section(QStringLiteral(", "), 0, 0);
        QCOMPARE(QKeySequence(first, QKeySequence::NativeText), QKeySequence(Qt::CTRL | Qt::Key_Comma));
        QTreeWidgetItem* playground = findRow(root, QStringLiteral("Playground"));
        QVERIFY(playground);
        QCOMPARE(QKeySequence(playground->text(1), QKeySequence::NativeText), QKeySequence(Qt::CTRL | Qt::Key_1));
        QVERIFY(findRow(root, QStringLiteral("Quit")));
        QVERIFY(findRow(root, QStringLiteral("User Guide")));
        QVERIFY(findRow(root, QStringLiteral("Keyboard Shortcuts")));
        QVERIFY(!findRow(root, QStringLiteral("About Qt"))); // no shortcut, no row
        // The panels' keys: the training transport, each listed once, and the new file keys.
        QTreeWidgetItem* startPause = findRow(root, QStringLiteral("Start or pause training"));
        QVERIFY(startPause);
        QCOMPARE(QKeySequence(startPause->text(1), QKeySequence::NativeText), QKeySequence(Qt::Key_Space));
        QVERIFY(findRow(root, QStringLiteral("Reset the weights")));
        QVERIFY(findRow(root, QStringLiteral("Stop the run")));
        QVERIFY(findRow(root, QStringLiteral("Compare With…")));
        QVERIFY(findRow(root, QStringLiteral("Open Folder…")));
        window.close();
    }

    // Opening a panel (by the View menu's keys) never makes the window wider or taller than the
    // screen, and the panel comes to the front; a saved geometry larger than the screen (from a
    // bigger monitor, or the old growth) is brought back onto it.
    void windowStaysOnTheScreen()
    {
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        {
            ws::ui::MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            for (const auto& [key, panel] : { std::pair(Qt::Key_1, QStringLiteral("Playground")),
                     std::pair(Qt::Key_2, QStringLiteral("Training")), std::pair(Qt::Key_3, QStringLiteral("Runs")) }) {
                QAction* open = nullptr; // the View menu's action for the key (offscreen windows get no key events)
                for (QAction* action : window.findChildren<QAction*>())
                    if (action->shortcut() == QKeySequence(Qt::CTRL | key))
                        open = action;
                QVERIFY(open);
                open->trigger();
                QTest::qWait(50);
                QVERIFY2(window.frameGeometry().width() <= available.width() && window.frameGeometry().height() <= available.height(),
                    qPrintable(QStringLiteral("%1: %2 × %3 on %4 × %5").arg(panel).arg(window.frameGeometry().width())
                                   .arg(window.frameGeometry().height()).arg(available.width()).arg(available.height())));
                const auto* dock = window.findChild<QDockWidget*>(panel + QStringLiteral("Dock"));
                QVERIFY(dock && dock->isVisible());
                QVERIFY2(!dock->widget()->visibleRegion().isEmpty(), qPrintable(panel + QStringLiteral(" is not in front")));
            }
            window.resize(available.width() * 2, available.height() * 2);
            window.close(); // saves the oversized geometry
        }
        ws::ui::MainWindow window;
        window.restoreLayout();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(available.contains(window.frameGeometry()));
        window.close();
    }

    // #21 at 1366 × 768: beside an open file the Training panel shared the right-hand docks with
    // the Statistics and got 340 px (no curve in sight); the tensor view held 540 px for its
    // controls row. Opened, a panel takes the room the tensor view can give (it scrolls).
    void aPanelOpenedBesideAFileGetsTheRoom()
    {
        ws::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.inspector()->open(QStringLiteral(WS_TEST_DATA_DIR "/gguf/quants.gguf"));
        QTRY_VERIFY_WITH_TIMEOUT(window.inspector()->hasModel(), 20000);
        QAction* training = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_2))
                training = action;
        QVERIFY(training);
        training->trigger();
        const auto* dock = window.findChild<QDockWidget*>(QStringLiteral("TrainingDock"));
        QVERIFY(dock);
        QTRY_VERIFY(dock->isVisible());
        QTest::qWait(100); // the second widening, once the layout has settled
        const QWidget* central = window.centralWidget();
        QVERIFY2(central->width() <= 300 || dock->width() >= std::min(900, window.width() * 2 / 3) - 20,
            qPrintable(QStringLiteral("the tensor view keeps %1 px, the Training panel gets %2 of %3")
                           .arg(central->width()).arg(dock->width()).arg(window.width())));
        window.close();
    }

    // #22: the Playground's schedule showed "Step deca" in a column held at 300 px. In every
    // language, each combo box of the Playground's and the Training panel's settings, opened at
    // the window's default size, is as wide as its longest item needs: the width the combo itself
    // asks for when it adjusts to its contents (text, frame and arrow, as the style draws them).
    void everyComboOfThePanelsShowsItsItemsWhole_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("de") << QStringLiteral("de");
        QTest::newRow("fr") << QStringLiteral("fr");
    }
    void everyComboOfThePanelsShowsItsItemsWhole()
    {
        QFETCH(QString, language);
        QCOMPARE(ws::ui::installTranslations(language), language);
        // Each panel on its own at the main window's default size (1280 × 800): its settings
        // column takes the width its rows need whatever the window's, and a whole MainWindow per
        // language (its docks, the Training panel's data preview) took a minute each.
        ws::ui::PlaygroundPanel playground;
        ws::ui::TrainingPanel training;
        for (QWidget* panel : { static_cast<QWidget*>(&playground), static_cast<QWidget*>(&training) }) {
            panel->resize(1280, 800);
            panel->show();
            QVERIFY(QTest::qWaitForWindowExposed(panel));
            // Every row a schedule or an optimizer can show, each shown once (showSettingsInUse).
            QStringList clipped;
            int checked = 0;
            const auto check = [&] {
                QCoreApplication::processEvents(); // the layout settles (posted LayoutRequests)
                QCoreApplication::processEvents();
                for (QComboBox* box : panel->findChildren<QComboBox*>()) {
                    if (!box->isVisible())
                        continue;
                    const QComboBox::SizeAdjustPolicy policy = box->sizeAdjustPolicy();
                    box->setSizeAdjustPolicy(QComboBox::AdjustToContents); // recomputes its size hint from the items
                    const int needed = box->sizeHint().width();
                    box->setSizeAdjustPolicy(policy);
                    ++checked;
                    if (box->width() < needed) {
                        QString longest;
                        for (int i = 0; i < box->count(); ++i)
                            if (box->itemText(i).size() > longest.size())
                                longest = box->itemText(i);
                        clipped << QStringLiteral("\"%1\" (%2 px of %3)").arg(longest).arg(box->width()).arg(needed);
                    }
                }
            };
            QList<QComboBox*> choices; // the optimizer's and the schedule's: the boxes whose items bring rows
            for (QComboBox* box : panel->findChildren<QComboBox*>()) {
                if (box->findText(ws::ui::enumText(ws::OptimizerKind::RMSprop)) >= 0)
                    choices << box;
                if (box->findText(ws::ui::enumText(ws::ScheduleKind::Cosine)) >= 0)
                    choices << box;
            }
            QCOMPARE(choices.size(), 2);
            check();
            for (QComboBox* box : choices) {
                const int was = box->currentIndex();
                for (int i = 0; i < box->count(); ++i) {
                    box->setCurrentIndex(i);
                    check();
                }
                box->setCurrentIndex(was);
            }
            clipped.removeDuplicates(); // a combo shown for every optimizer is checked for each
            QVERIFY2(checked > 10, qPrintable(QString::number(checked)));
            QVERIFY2(clipped.isEmpty(), qPrintable(QStringLiteral("%1, %2: %3").arg(language,
                panel->metaObject()->className(), clipped.join(QStringLiteral(", ")))));
            panel->hide();
        }
    }

    // The start page: the three things the program does, one click each, and the recent files.
    void startPageLeadsToEachPart()
    {
        ws::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ws::ui::StartPage* page = window.startPage();
        QVERIFY(page->isVisible());
        const auto button = [&](const QString& text) {
            for (QPushButton* b : page->findChildren<QPushButton*>())
                if (b->text() == text)
                    return b;
            return static_cast<QPushButton*>(nullptr);
        };
        QVERIFY(button(QStringLiteral("Open a Model…")));
        button(QStringLiteral("Compare Runs"))->click();
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("RunsDock"))->isVisible());
        button(QStringLiteral("Train a Network"))->click();
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("TrainingDock"))->isVisible());
        // Recent files: listed by name, opened by activation.
        page->setRecentFiles({ QStringLiteral("/data/models/a.safetensors") });
        QCOMPARE(page->recentList()->count(), 1);
        QVERIFY(page->recentList()->item(0)->text().startsWith(QStringLiteral("a.safetensors")));
        QSignalSpy open(page, &ws::ui::StartPage::openFileRequested);
        emit page->recentList()->itemActivated(page->recentList()->item(0));
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().first().toString(), QStringLiteral("/data/models/a.safetensors"));
        window.close();
    }

    void aboutNamesTheLibraryVersions()
    {
        const QString text = ws::ui::aboutText();
        const ws::BuildInfo info = ws::buildInfo();
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        QVERIFY2(QRegularExpression(QStringLiteral("^1\\.\\d+\\.\\d+$")).match(QString::fromStdString(info.hdf5)).hasMatch(),
            info.hdf5.c_str());
        QVERIFY(text.contains(QString::fromStdString(info.hdf5)));
        QVERIFY(text.contains(QString::fromStdString(info.eigen)));
        QVERIFY(text.contains(QStringLiteral(WS_VERSION)));
        QCOMPARE(QString::fromStdString(info.buildType), QStringLiteral(WS_TEST_BUILD_TYPE));
    }

    void userGuideIsFoundFromTheBuildTree()
    {
        const QString path = ws::ui::userGuidePath();
        QVERIFY2(path.endsWith(QStringLiteral("docs/user-guide.md")), qPrintable(path));

        // Help ▸ User Guide renders it as Markdown: headings become text, not "## Train".
        ws::ui::showUserGuide(nullptr);
        QTextBrowser* browser = nullptr;
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* found = w->findChild<QTextBrowser*>())
                browser = found;
        QVERIFY(browser);
        const QString text = browser->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Open a file")), qPrintable(text.left(200)));
        QVERIFY(!text.contains(QStringLiteral("## Train")));
        browser->window()->close();
    }
};

QTEST_MAIN(TestPreferences)
#include "test_preferences.moc"
