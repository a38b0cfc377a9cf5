// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/MainWindow.h"

#include "shell/AppSettings.h"
#include "common/DockAction.h"
#include "common/TransportBar.h"
#include "shell/HelpDialogs.h"
#include "shell/ModelExport.h"
#include "shell/Preference.h"
#include "shell/PreferencesDialog.h"
#include "shell/RecentFiles.h"
#include "shell/RecoveryNotice.h"
#include "shell/StartPage.h"
#include "shell/Theme.h"
#include "inspector/Inspector.h"
#include "inspector/TensorViewPanel.h"
#include "io/ModelWeightFile.h"
#include "playground/PlaygroundPanel.h"
#include "training/TrainingInsights.h"
#include "training/TrainingPanel.h"
#include "runs/RunsPanel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>

namespace ws::ui {

namespace {
const Preference<QByteArray> kGeometry("mainWindow/geometry");
const Preference<QByteArray> kDockState("mainWindow/dockState");
constexpr int kDockStateVersion = 5; // bump when docks are added or renamed

// The platform's key for a standard action, or fallback where the platform has none (Qt's
// offscreen and minimal platforms, some desktops), so every main action has a shortcut.
QList<QKeySequence> standardOr(QKeySequence::StandardKey key, const QKeySequence& fallback)
{
    const QList<QKeySequence> keys = QKeySequence::keyBindings(key);
    return keys.isEmpty() ? QList<QKeySequence> { fallback } : keys;
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Weightscope"));
    setDockNestingEnabled(true);

    // Shown when no dock is open: a pointer to what there is to do.
    startPage_ = new StartPage;

    // The inspector: its tensor view is the central widget once a file is open; its panels are docks.
    inspector_ = new Inspector(this);
    central_ = new QStackedWidget;
    central_->addWidget(startPage_);
    central_->addWidget(inspector_->tensorView()); // its controls wrap when it is narrow
    central_->setMinimumWidth(300); // not the start page's width while it is not shown
    setCentralWidget(central_);
    connect(inspector_, &Inspector::modelOpened, this, &MainWindow::updateCentral);
    connect(startPage_, &StartPage::openRequested, inspector_, &Inspector::chooseFile);
    connect(startPage_, &StartPage::openFileRequested, inspector_, &Inspector::open);
    startPage_->setRecentFiles(inspector_->recentFiles()->files());
    connect(inspector_->recentFiles(), &RecentFiles::changed, startPage_,
        [this] { startPage_->setRecentFiles(inspector_->recentFiles()->files()); });
    connect(inspector_, &Inspector::liveShown, this, &MainWindow::updateCentral);
    connect(inspector_, &Inspector::statusMessage, this, [this](const QString& message) {
        statusBar()->showMessage(message, 10000);
    });

    // The Playground, the Training panel and the Runs share the right-hand area with the
    // inspector's statistics, one tab each. They are opened from the View menu (or --demo,
    // --training-demo, --runs), so by default a file's statistics get the room.
    playground_ = new PlaygroundPanel;
    playgroundDock_ = addPanelDock(playground_, tr("Playground"), QStringLiteral("PlaygroundDock"));
    connect(playground_, &PlaygroundPanel::statusMessage, this, [this](const QString& message) {
        statusBar()->showMessage(message, 10000);
    });
    // File ▸ Open, a recent file or the command line naming a Playground session (#22).
    connect(inspector_, &Inspector::playgroundSessionRequested, this, [this](const QString& path) {
        showPlayground();
        playground_->openSession(path);
    });

    training_ = new TrainingPanel;
    trainingDock_ = addPanelDock(training_, tr("Training"), QStringLiteral("TrainingDock"));
    connect(trainingDock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible) // a tab that is really seen: only then load the data for its preview
            training_->ensurePreview();
    });
    connect(training_, &TrainingPanel::statusMessage, this, [this](const QString& message) {
        statusBar()->showMessage(message, 10000);
    });
    // The file open in the inspector is offered to the Training panel to fine-tune.
    connect(inspector_, &Inspector::modelOpened, training_, &TrainingPanel::setInspectorModel);
    // The inspector follows the trained model when asked to (View menu), until a file is opened.
    followTraining_ = new QAction(tr("Inspector &Follows Training"), this);
    followTraining_->setCheckable(true);
    followTraining_->setChecked(settings::inspectorFollowsTraining.get());
    followTraining_->setToolTip(tr("Show the Training panel's model in the inspector after every epoch (at most once a second); opening a file stops it"));
    connect(followTraining_, &QAction::toggled, this, [this](bool on) {
        settings::inspectorFollowsTraining.set(on);
        const ModelSnapshot& now = training_->insights()->snapshot();
        if (on && now.model)
            followTraining(now.model, tr("Training, %n epoch(s)", nullptr, now.epoch));
    });
    connect(inspector_, &Inspector::modelOpened, followTraining_, [this] { followTraining_->setChecked(false); });
    liveTimer_ = new QTimer(this);
    liveTimer_->setSingleShot(true);
    connect(liveTimer_, &QTimer::timeout, this, &MainWindow::showPendingLive);
    connect(training_->insights(), &TrainingInsights::modelUpdated, this, [this](const ModelSnapshot& s) {
        if (followTraining_->isChecked() && s.model)
            followTraining(s.model, s.epochEnd ? tr("Training, %n epoch(s)", nullptr, s.epoch)
                                               : tr("Training, step %1").arg(s.step));
    });

    runs_ = new RunsPanel;
    runsDock_ = addPanelDock(runs_, tr("Runs"), QStringLiteral("RunsDock"));
    connect(runs_, &RunsPanel::statusMessage, this, [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    recovery_ = new RecoveryNotice(runs_, this, [this] { showRuns(); });
    // A run's weights go to the inspector; for a comparison B follows once A is open.
    connect(runs_, &RunsPanel::openWeightsRequested, this, [this](const QString& path) {
        compareAfterOpen_ = {};
        inspector_->open(path);
    });
    // A Playground session saved from a run (#22) opens as File ▸ Open opens it.
    connect(runs_, &RunsPanel::playgroundSessionRequested, inspector_, &Inspector::open);
    connect(runs_, &RunsPanel::compareWeightsRequested, this, [this](const QString& a, const QString& b) {
        compareAfterOpen_ = { a, b };
        inspector_->open(a);
    });
    connect(inspector_, &Inspector::modelOpened, this, [this](const QString& path) {
        const auto [a, b] = std::exchange(compareAfterOpen_, {});
        if (!a.isEmpty() && path == a)
            inspector_->compareWith(b);
    });
    connect(inspector_, &Inspector::openFailed, this, [this] { compareAfterOpen_ = {}; });

    modelExport_ = new ModelExport(this);
    // File ▸ Export Playground Network…: the copy the Playground's worker made, ONNX first (#22).
    connect(playground_, &PlaygroundPanel::networkReady, this, [this](std::shared_ptr<Sequential> model) {
        modelExport_->exportTrained(std::move(model), QStringLiteral("playground.onnx"));
    });
    connect(modelExport_, &ModelExport::finished, this, [this](const QString& path, const QString& error) {
        if (error.isEmpty()) {
            statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 10000);
            return;
        }
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Export failed"), error, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    connect(startPage_, &StartPage::trainRequested, this, &MainWindow::showTraining);
    connect(startPage_, &StartPage::runsRequested, this, &MainWindow::showRuns);
    connect(startPage_, &StartPage::demoRequested, this, [this] {
        showPlayground();
        playground_->start();
    });
    createMenus();
    applyPreferences();
    statusBar()->showMessage(tr("Ready"), 3000);
    resize(1280, 800);
    inspector_->applyDefaultSizes();
}

MainWindow::~MainWindow()
{
    // ~QWidget closes the window after this body, and every dock then reports that it was hidden,
    // to slots of a MainWindow whose members are already gone (UBSan in test_recovery: a call
    // through a MainWindow pointer to what is by then only a QWidget). Nothing needs to hear it.
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        disconnect(dock, nullptr, this, nullptr);
}

void MainWindow::followTraining(std::shared_ptr<Sequential> model, const QString& label)
{
    pendingLive_ = std::move(model);
    pendingLiveLabel_ = label;
    if (liveTimer_->isActive())
        return; // the newest snapshot goes when the timer fires
    const qint64 since = liveShownAt_.isValid() ? liveShownAt_.elapsed() : 1000;
    liveTimer_->start(int(std::max<qint64>(0, 1000 - since)));
}

void MainWindow::showPendingLive()
{
    if (!pendingLive_ || !followTraining_->isChecked())
        return;
    try {
        // A snapshot is a copy nobody trains on, so the file may read it on the inspector's threads.
        inspector_->showLive(std::make_shared<ModelWeightFile>(std::exchange(pendingLive_, nullptr),
            pendingLiveLabel_.toStdString()));
        liveShownAt_.start();
    } catch (const std::exception& e) {
        statusBar()->showMessage(QString::fromStdString(e.what()), 10000);
    }
}

QDockWidget* MainWindow::addPanelDock(QWidget* panel, const QString& title, const QString& objectName)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    // In a scroll area the panel's minimum size no longer becomes the window's: docking the
    // Training panel made the main window 2004 px wide on a 1600 px screen.
    auto* scroll = new QScrollArea;
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    dock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    tabifyDockWidget(inspector_->statsDock(), dock);
    dock->hide();
    // The start page only takes room while no file is open and no panel is docked.
    connect(dock, &QDockWidget::visibilityChanged, this, &MainWindow::updateCentral);
    return dock;
}

void MainWindow::keepOnScreen()
{
    // After a restore from a larger screen or a dock that asked for more room: the whole window,
    // frame included, inside the screen's available area.
    const QScreen* s = screen();
    if (!s)
        return;
    const QRect available = s->availableGeometry();
    const QRect frame = frameGeometry();
    const QSize extra = frame.size() - size(); // the window manager's frame
    const QSize fit(std::min(width(), available.width() - extra.width()), std::min(height(), available.height() - extra.height()));
    if (fit != size())
        resize(fit);
    QPoint topLeft = frameGeometry().topLeft();
    topLeft.setX(std::clamp(topLeft.x(), available.left(), std::max(available.left(), available.right() + 1 - frameGeometry().width())));
    topLeft.setY(std::clamp(topLeft.y(), available.top(), std::max(available.top(), available.bottom() + 1 - frameGeometry().height())));
    if (topLeft != frameGeometry().topLeft())
        move(topLeft);
}

void MainWindow::updateCentral()
{
    const bool model = inspector_->hasModel();
    central_->setCurrentIndex(model ? 1 : 0);
    bool panelDocked = false;
    for (const QDockWidget* dock : { playgroundDock_, trainingDock_, runsDock_ })
        panelDocked = panelDocked || (dock && dock->isVisible() && !dock->isFloating());
    central_->setVisible(model || !panelDocked);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    inspector_->addFileActions(file);
    file->addSeparator();
    // Export: the Training panel's trained model (a snapshot copy), the open file's weights.
    QAction* exportTrained = file->addAction(tr("Export &Trained Model…"));
    exportTrained->setToolTip(tr("The Training panel's model as a Weightscope model (.h5), safetensors or .npz"));
    exportTrained->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(exportTrained, &QAction::triggered, this, &MainWindow::exportTrainedModel);
    QAction* exportWeights = file->addAction(tr("Export &Weights…"));
    exportWeights->setToolTip(tr("Every tensor of the open file as safetensors or .npz (float32)"));
    connect(exportWeights, &QAction::triggered, this, &MainWindow::exportOpenWeights);
    QAction* exportNetwork = file->addAction(tr("Export Playground &Network…"), playground_, &PlaygroundPanel::copyNetwork);
    exportNetwork->setToolTip(tr("The Playground's trained network as ONNX, a Weightscope model (.h5), safetensors or .npz"));
    QAction* saveSession = file->addAction(tr("Save &Playground Session…"), playground_, &PlaygroundPanel::chooseSaveSession);
    saveSession->setToolTip(tr("The Playground's data, network, optimizer settings and training state, to open again with File ▸ Open"));
    connect(file, &QMenu::aboutToShow, this, [this, exportTrained, exportWeights] {
        exportTrained->setEnabled(training_->insights()->snapshot().model != nullptr);
        exportWeights->setEnabled(inspector_->hasModel());
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcuts(standardOr(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* preferences = edit->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    // Ctrl+, everywhere (as most Linux programs), and the platform's own key (KDE: Ctrl+Shift+,) too.
    QList<QKeySequence> preferenceKeys { QKeySequence(Qt::CTRL | Qt::Key_Comma) };
    for (const QKeySequence& key : QKeySequence::keyBindings(QKeySequence::Preferences))
        if (!preferenceKeys.contains(key))
            preferenceKeys << key;
    preferences->setShortcuts(preferenceKeys);
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(dockAction(playgroundDock_, QKeySequence(tr("Ctrl+1")), this, [this] { showPlayground(); }));
    view->addAction(dockAction(trainingDock_, QKeySequence(tr("Ctrl+2")), this, [this] { showTraining(); }));
    view->addAction(dockAction(runsDock_, QKeySequence(tr("Ctrl+3")), this, [this] { showRuns(); }));
    inspector_->addViewActions(view);
    view->addSeparator();
    view->addAction(followTraining_);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&User Guide"), this, [this] { showUserGuide(this); })
        ->setShortcuts(standardOr(QKeySequence::HelpContents, QKeySequence(Qt::Key_F1)));
    help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    help->addSeparator();
    help->addAction(tr("&About Weightscope"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::exportTrainedModel()
{
    std::shared_ptr<Sequential> model = training_->insights()->snapshot().model;
    if (model)
        modelExport_->exportTrained(model);
}

void MainWindow::exportOpenWeights()
{
    if (inspector_->hasModel())
        modelExport_->exportFile(inspector_->model().file);
}

void MainWindow::showAbout() { QMessageBox::about(this, tr("About Weightscope"), aboutText()); }

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        applyPreferences();
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(menuBar(), playground_->transport()->shortcutActions() + training_->transport()->shortcutActions(), this);
    dialog.exec();
}

void MainWindow::applyPreferences()
{
    applyTheme(settings::theme.get());
    playground_->setRefreshRate(settings::plotRefreshHz.get()); // both live panels
    training_->setRefreshRate(settings::plotRefreshHz.get());
    inspector_->tensorView()->applyColourMaps();
    if (runs_->folder() != settings::effectiveRunsFolder())
        runs_->setFolder(settings::effectiveRunsFolder(), false);
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = kGeometry.get();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = kDockState.get();
    if (!state.isEmpty())
        restoreState(state, kDockStateVersion);
    // The inspector's docks wait for a file: restored empty around the start page they only
    // squeezed it. The first file shows them again (Inspector::onOpened).
    if (!inspector_->hasModel())
        for (QDockWidget* dock : inspector_->docks())
            dock->hide();
    keepOnScreen();
}

void MainWindow::showPlayground() { bringWide(playgroundDock_); }

void MainWindow::bringWide(QDockWidget* dock)
{
    bringForward(dock);
    // Beside an open file the panels share the right-hand dock area with the Statistics dock: at
    // 1366 × 768 the Training panel got 340 px, its buttons cut and no room for a curve. Opened, a
    // panel takes two thirds of the window (at most 900 px), again once the layout has settled.
    const auto widen = [this, dock] { resizeDocks({ dock }, { std::min(900, width() * 2 / 3) }, Qt::Horizontal); };
    widen();
    QTimer::singleShot(0, this, widen);
}

void MainWindow::bringForward(QDockWidget* dock)
{
    bringDockForward(dock);
    keepOnScreen();
    QTimer::singleShot(0, this, &MainWindow::keepOnScreen); // once the layout has settled
}

void MainWindow::showTraining() { bringWide(trainingDock_); }

void MainWindow::showRuns() { bringWide(runsDock_); }

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    keepOnScreen(); // the default 1280 × 800 on a smaller screen, or a restored geometry
    shownAt_.start();
}

void MainWindow::moveEvent(QMoveEvent* event)
{
    QMainWindow::moveEvent(event);
    if (shownAt_.isValid() && shownAt_.elapsed() < 2000)
        QTimer::singleShot(0, this, &MainWindow::keepOnScreen); // the frame is known now
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    kGeometry.set(saveGeometry());
    kDockState.set(saveState(kDockStateVersion));
    // Join the training and inspector threads now, while every widget still exists.
    playground_->shutdown();
    training_->shutdown();
    inspector_->shutdown();
    event->accept();
}

} // namespace ws::ui
