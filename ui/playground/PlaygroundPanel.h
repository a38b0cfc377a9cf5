// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in 2-D playground (TensorFlow Playground's datasets and controls): settings on the
// left, the decision boundary with the data in the middle, loss curves on the right. Training
// runs in a PlaygroundWorker on a thread this panel owns; its snapshots are coalesced and drawn on
// a ~30 Hz timer, never once per batch.
#pragma once

#include "threads/HandOff.h"
#include "threads/ThreadPtr.h"
#include "playground/PlaygroundTypes.h"
#include "train/TrainingHealth.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <thread>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

namespace ws {
class Sequential;
struct PlaygroundSession;
}

namespace ws::ui {

class BoundaryPlot;
class ConfusionHeatmap;
class DivergenceDialog;
class LossPlot;
class NetworkSettings;
class NetworkView;
class OwnDataBox;
class PlaygroundWorker;
class RacePanel;
class TransportBar;

class PlaygroundPanel : public QWidget {
    Q_OBJECT
public:
    explicit PlaygroundPanel(QWidget* parent = nullptr);
    ~PlaygroundPanel() override;
    TransportBar* transport() const { return transport_; }

    PlaygroundConfig config() const; // from the controls
    bool isRunning() const { return running_; }

public slots:
    void start();    // resumes the current model (Start button)
    void pause();
    void step();     // one batch, then paused
    void stepEpoch(); // one epoch's batches, then paused
    void reset();    // a fresh model (new initial weights) on the chosen data, paused
    void regenerate(); // new points (a new data seed) and a fresh model
    // #22: back to exactly the weights this model started from (same seed: same initial weights,
    // same batches), paused; TensorFlow Playground can only re-randomise.
    void resetSameInitialisation();
    void setHiddenLayers(const std::vector<int>& hidden); // clamped to the limits; restarts the model
    void setFeatures(unsigned featureMask);  // PlaygroundFeature bits (at least one); restarts
    void setRegression(bool regression);     // problem type; picks its first dataset; restarts
    void setDataset(ws::PlaygroundKind kind); // a built-in set (and its problem type); restarts
    void editWeight(const ws::ui::WeightEdit& edit); // taken at the next step, also while paused
    void shutdown(); // stops training and joins the thread; the panel stays inert afterwards
    void setRefreshRate(int hz); // redraws per second of the plots (Preferences)
    // #22, time travel. Shows the kept state at or before `epoch` (drawn on the worker; training
    // pauses), or the live model again for an epoch at or beyond the live one.
    void showEpoch(qint64 epoch);
    // Goes on training, paused, from the moment shown; the history after it is dropped.
    void restartFromHere();
    // #22: opens the optimizer race on this panel's settings and initial weights (pausing here).
    void openRace();
    // #22, keep and share (PlaygroundPanelSession.cpp): the live run as a session file
    // (core/run/PlaygroundSession.h), written on the worker's thread; and a session file read on
    // a thread of its own, then the controls, points and training state taken from it, paused. A
    // file that cannot be read changes nothing. Each answers by its signal below.
    void saveSession(const QString& path);
    void openSession(const QString& path);
    void chooseSaveSession(); // File ▸ Save Playground Session…: a dialog, then saveSession
    // A copy of the live network, sent by networkReady (File ▸ Export Playground Network…).
    void copyNetwork();

    NetworkView* networkView() const { return network_; }
    BoundaryPlot* boundaryPlot() const { return boundary_; }
    ConfusionHeatmap* confusionView() const { return confusion_; }
    OwnDataBox* ownData() const { return ownData_; }
    const PlaygroundSnapshot& latestSnapshot() const { return latest_; }
    QSlider* timeline() const { return timeline_; }
    QPushButton* restartHereButton() const { return restartHere_; }
    LossPlot* lossPlot() const { return loss_; }
    QLabel* hoverLine() const { return hoverLine_; }
    bool isLookingBack() const { return viewing_ >= 0; }
    // The past moment shown (valid while isLookingBack() and one has arrived).
    const PlaygroundSnapshot& shownMoment() const { return moment_; }
    DivergenceDialog* divergenceDialog() const { return divergence_; }
    RacePanel* race() const { return race_; } // null until first opened

signals:
    void progressed(qint64 step); // every snapshot of the current run, before coalescing
    void snapshotArrived(const ws::ui::PlaygroundSnapshot& snapshot); // the same, with its contents
    void momentArrived(const ws::ui::PlaygroundSnapshot& snapshot); // a past moment asked for by showEpoch()
    void statusMessage(const QString& message);
    void diverged(const QString& message); // the run paused on NaN/Inf; the dialog is shown
    void sessionSaved(const QString& path, const QString& error);  // error empty: written
    void sessionOpened(const QString& path, const QString& error); // error empty: restored
    void networkReady(std::shared_ptr<ws::Sequential> model);

private:
    QWidget* makeControls();
    QWidget* makeDataBox();
    QWidget* makeTrainingBox();
    void makeScheduleControls(); // the schedule row and the race button (#22)
    void makeOptimizerDetails(); // #22: Adam's betas, RMSprop's rho, epsilon, the schedules' factor and floor
    void showSettingsInUse();    // #22: only the rows of those the chosen optimizer and schedule use
    void connectControls();
    void restartKeepingState(); // after a setting that needs a new model changed
    void restart(bool newWeights); // a new run on the controls' settings, with new or the same initial weights
    void onData(const PlaygroundData& data);
    void onSnapshot(const PlaygroundSnapshot& snapshot);
    void onMoment(const PlaygroundSnapshot& snapshot);
    QWidget* makeTimeline();
    QWidget* makeNetworkColumn(); // the drawing and the hover line under it
    void backToLive();
    void updateTimeline(); // the slider's range and the label, on the redraw timer
    void onRunEnded(quint64 generation, const QString& message);
    void onDiverged(quint64 generation, const QString& message);
    void checkHealth(const PlaygroundSnapshot& snapshot); // the exploding / not-learning dialog
    void lowerLearningRate(); // to the listed rate nearest a tenth of the current one, and go on
    void redraw(); // on the timer
    void showConfusion(const PlaygroundSnapshot& shown);
    void updateButtons();
    void fillDatasets(); // the datasets of the chosen problem type
    void datasetChosen(); // shows or hides the drawing tools, remembers the choice
    bool isOwnData() const;
    bool canTrain(); // false (saying why) while your own points are too few to train on
    void showOwnPoints(); // all of them, as training points, while drawing or when too few to train
    // The controls, then a run from its state; recordThere: the run it was saved from is still recorded.
    void applySession(const QString& path, const PlaygroundSession& session, bool recordThere);
    void onSessionSaved(const QString& path, const QString& error);

    // Controls.
    QComboBox* problem_ = nullptr;
    QComboBox* dataset_ = nullptr;
    QSpinBox* noise_ = nullptr;
    QSpinBox* trainShare_ = nullptr;
    NetworkSettings* networkSettings_ = nullptr; // features, hidden layers, activation
    OwnDataBox* ownData_ = nullptr;
    QComboBox* optimizer_ = nullptr;
    QComboBox* learningRate_ = nullptr;
    QComboBox* momentum_ = nullptr;
    QCheckBox* nesterov_ = nullptr;
    QComboBox* weightDecay_ = nullptr;
    QComboBox* warmup_ = nullptr;
    QComboBox* schedule_ = nullptr;       // #22: constant, step decay, cosine
    QComboBox* scheduleEpochs_ = nullptr; // the span of a step or of the cosine; its own row (a row of two cut "Step decay")
    // #22: shown only for the optimizers or schedules that use them (showSettingsInUse).
    QComboBox* beta1_ = nullptr;
    QComboBox* beta2_ = nullptr;
    QWidget* betaRow_ = nullptr;
    QComboBox* epsilon_ = nullptr;
    QComboBox* rho_ = nullptr;
    QComboBox* stepGamma_ = nullptr;
    QComboBox* cosineMinLr_ = nullptr;
    QFormLayout* trainingForm_ = nullptr;
    QPushButton* raceButton_ = nullptr;
    RacePanel* race_ = nullptr; // a window of its own, made when first opened
    QComboBox* regularization_ = nullptr;
    QComboBox* regularizationRate_ = nullptr;
    QSpinBox* batchSize_ = nullptr;
    QCheckBox* showTest_ = nullptr;
    QCheckBox* discretize_ = nullptr;
    QComboBox* speed_ = nullptr;
    QPushButton* regenerateButton_ = nullptr;
    QPushButton* sameInitButton_ = nullptr;
    TransportBar* transport_ = nullptr;
    QLabel* stats_ = nullptr;
    BoundaryPlot* boundary_ = nullptr;
    NetworkView* network_ = nullptr;
    LossPlot* loss_ = nullptr;
    ConfusionHeatmap* confusion_ = nullptr; // the test points', in the class colours
    QStringList classNames_;                // of the current run's data
    int classes_ = 2;                       // of the current run's data (0: regression)
    TrainingHealthLog health_;              // sampled every kHealthEpochs epochs
    double nextHealthEpoch_ = 0.0;
    QTimer* redrawTimer_ = nullptr;
    DivergenceDialog* divergence_ = nullptr;
    // Time travel (#22): the slider runs from epoch 0 to the live one; off its right end the
    // panel shows moment_, the worker's drawing of a kept state, instead of latest_.
    QLabel* hoverLine_ = nullptr; // what the pointer is over in the network drawing
    QLabel* hoverMap_ = nullptr;  // a hovered neuron's map, enlarged
    QSlider* timeline_ = nullptr;
    QLabel* timelineLabel_ = nullptr;
    QPushButton* restartHere_ = nullptr;
    qint64 viewing_ = -1; // the epoch asked for; -1: live
    bool haveMoment_ = false;
    PlaygroundSnapshot moment_;

    // Training. The worker lives on thread_ and is deleted when the thread finishes.
    ThreadPtr thread_;
    QPointer<PlaygroundWorker> worker_;
    quint64 generation_ = 0; // the run whose signals we draw
    uint64_t modelSeed_ = 0; // incremented for every new model
    uint64_t dataSeed_ = 1;  // incremented by Regenerate
    qint64 batchesPerEpoch_ = 1; // of the current run
    bool running_ = false;   // what the user asked for: training, or paused/idle
    bool dirty_ = false;     // a snapshot arrived since the last redraw
    bool haveSnapshot_ = false;
    PlaygroundSnapshot latest_;
    // #22: the state of an opened session, for the next restart() to go on from.
    std::shared_ptr<const TrainerState> openedState_;
    std::string openedSessionPath_; // its file, and the run record it names: for the run's record
    std::string openedSessionRun_;
    std::thread sessionReader_; // reads a session file; joined before the next and by shutdown()
    HandOff inbox_ { this }; // the worker's signals arrive through it; last, so destroyed first
};

} // namespace ws::ui
