#include "MainWindow.h"

#include "AppSettings.h"
#include "HelpDialogs.h"
#include "Preference.h"
#include "PreferencesDialog.h"
#include "Theme.h"
#include "inspector/Inspector.h"
#include "inspector/TensorViewPanel.h"
#include "playground/PlaygroundPanel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

namespace ws::ui {

namespace {
const Preference<QByteArray> kGeometry("mainWindow/geometry");
const Preference<QByteArray> kDockState("mainWindow/dockState");
constexpr int kDockStateVersion = 2; // bump when docks are added or renamed (2: the inspector's)

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
    startPage_ = new QLabel(tr("<h2>Weightscope</h2>"
                               "<p><b>File ▸ Open</b> (or drop a file here) to look inside a model's weights: "
                               "safetensors, Keras, NumPy, Weightscope models.</p>"
                               "<p>Open <b>View ▸ Playground</b> to watch a small network learn.</p>"));
    startPage_->setAlignment(Qt::AlignCenter);
    startPage_->setTextFormat(Qt::RichText);
    startPage_->setWordWrap(true);

    // The inspector: its tensor view is the central widget once a file is open; its panels are docks.
    inspector_ = new Inspector(this);
    central_ = new QStackedWidget;
    central_->addWidget(startPage_);
    central_->addWidget(inspector_->tensorView());
    setCentralWidget(central_);
    connect(inspector_, &Inspector::modelOpened, this, &MainWindow::updateCentral);
    connect(inspector_, &Inspector::statusMessage, this, [this](const QString& message) {
        statusBar()->showMessage(message, 10000);
    });

    playground_ = new PlaygroundPanel;
    playgroundDock_ = new QDockWidget(tr("Playground"), this);
    playgroundDock_->setObjectName(QStringLiteral("PlaygroundDock"));
    playgroundDock_->setWidget(playground_);
    addDockWidget(Qt::RightDockWidgetArea, playgroundDock_);
    // The playground shares the right-hand area with the inspector's statistics, one tab each;
    // it is opened from the View menu (or --demo), so a file's statistics get the room by default.
    tabifyDockWidget(inspector_->statsDock(), playgroundDock_);
    playgroundDock_->hide();
    // The start page only makes room for the docks while they are shown.
    connect(playgroundDock_, &QDockWidget::visibilityChanged, this, &MainWindow::updateCentral);
    connect(playground_, &PlaygroundPanel::statusMessage, this, [this](const QString& message) {
        statusBar()->showMessage(message, 10000);
    });

    createMenus();
    applyPreferences();
    statusBar()->showMessage(tr("Ready"), 3000);
    resize(1280, 800);
    inspector_->applyDefaultSizes();
}

MainWindow::~MainWindow() = default;

void MainWindow::updateCentral()
{
    const bool model = inspector_->hasModel();
    central_->setCurrentIndex(model ? 1 : 0);
    central_->setVisible(model || !playgroundDock_->isVisible() || playgroundDock_->isFloating());
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    inspector_->addFileActions(file);
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
    QAction* toggle = playgroundDock_->toggleViewAction();
    toggle->setShortcut(QKeySequence(tr("Ctrl+1")));
    view->addAction(toggle);
    inspector_->addViewActions(view);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&User Guide"), this, [this] { showUserGuide(this); })
        ->setShortcuts(standardOr(QKeySequence::HelpContents, QKeySequence(Qt::Key_F1)));
    help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    help->addSeparator();
    help->addAction(tr("&About Weightscope"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
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
    ShortcutsDialog dialog(menuBar(), this);
    dialog.exec();
}

void MainWindow::applyPreferences()
{
    applyTheme(settings::theme.get());
    playground_->setRefreshRate(settings::plotRefreshHz.get());
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = kGeometry.get();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = kDockState.get();
    if (!state.isEmpty())
        restoreState(state, kDockStateVersion);
}

void MainWindow::showPlayground()
{
    playgroundDock_->show();
    playgroundDock_->raise();
    resizeDocks({ playgroundDock_ }, { 900 }, Qt::Horizontal); // its plots need the room
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    kGeometry.set(saveGeometry());
    kDockState.set(saveState(kDockStateVersion));
    // Join the training and inspector threads now, while every widget still exists.
    playground_->shutdown();
    inspector_->shutdown();
    event->accept();
}

} // namespace ws::ui
