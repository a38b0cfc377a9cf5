// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: menus, status bar and docks. It owns the panels' docks and saves their
// layout; each panel is its own class that talks to the window through signals.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>

#include <memory>

#include <utility>

class QAction;
class QDockWidget;
class QTimer;
class QLabel;
class QStackedWidget;

namespace ws {
class Sequential;
}

namespace ws::ui {

class Inspector;
class ModelExport;
class StartPage;
class PlaygroundPanel;
class TrainingPanel;
class RunsPanel;
class RecoveryNotice;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void restoreLayout(); // geometry and dock state of the last session
    void showPlayground();
    PlaygroundPanel* playground() const { return playground_; }
    void showTraining();
    TrainingPanel* training() const { return training_; }
    void showRuns();
    RunsPanel* runs() const { return runs_; }
    Inspector* inspector() const { return inspector_; }
    RecoveryNotice* recovery() const { return recovery_; }
    ModelExport* modelExport() const { return modelExport_; }
    StartPage* startPage() const { return startPage_; } // offers interrupted runs after a start
    QAction* followTrainingAction() const { return followTraining_; }

    void applyPreferences(); // what can change live: theme, plot refresh rate
    void keepOnScreen();     // the window, frame included, within the screen's available area

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void moveEvent(QMoveEvent* event) override;

private:
    void createMenus();
    void showAbout();
    void exportTrainedModel(); // File ▸ Export Trained Model…
    void exportOpenWeights();  // File ▸ Export Weights…
    void showPreferences();
    void showShortcuts();

    QDockWidget* addPanelDock(QWidget* panel, const QString& title, const QString& objectName);
    void bringForward(QDockWidget* dock); // shown, the front tab, focused, window kept on screen
    void bringWide(QDockWidget* dock);    // bringForward, and two thirds of the window's width
    void updateCentral(); // the tensor view once a file is open, else the start page
    // View ▸ Inspector Follows Training: the newest model snapshot of the Training panel goes to
    // the inspector, at most once a second (showLive keeps the selected tensor).
    void followTraining(std::shared_ptr<Sequential> model, const QString& label);
    void showPendingLive();

    // The window manager frames the window after showEvent (its title bar pushed a 768-px-high
    // window's status bar below a 1366 × 768 screen): for a moment after showing, every move
    // (the framing is one) places the window again. Later moves are the user's.
    QElapsedTimer shownAt_;

    PlaygroundPanel* playground_ = nullptr;
    QDockWidget* playgroundDock_ = nullptr;
    TrainingPanel* training_ = nullptr;
    QDockWidget* trainingDock_ = nullptr;
    RunsPanel* runs_ = nullptr;
    std::pair<QString, QString> compareAfterOpen_; // weights A being opened, then compared with B
    QDockWidget* runsDock_ = nullptr;
    RecoveryNotice* recovery_ = nullptr;
    ModelExport* modelExport_ = nullptr;
    StartPage* startPage_ = nullptr;
    Inspector* inspector_ = nullptr;
    QStackedWidget* central_ = nullptr;
    QAction* followTraining_ = nullptr;
    QTimer* liveTimer_ = nullptr;
    QElapsedTimer liveShownAt_;
    std::shared_ptr<Sequential> pendingLive_;
    QString pendingLiveLabel_;
};

} // namespace ws::ui
