// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in 2-D playground (TensorFlow Playground's datasets and controls): settings on the
// left, the decision boundary with the data in the middle, loss curves on the right. Training
// runs in a PlaygroundWorker on a thread this panel owns; its snapshots are coalesced and drawn on
// a ~30 Hz timer, never once per batch.
#pragma once

#include "threads/HandOff.h"
#include "threads/ThreadPtr.h"
#include "playground/PlaygroundTypes.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

namespace ws::ui {

class BoundaryPlot;
class DivergenceDialog;
class LossPlot;
class NetworkSettings;
class NetworkView;
class PlaygroundWorker;
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
    void setHiddenLayers(const std::vector<int>& hidden); // clamped to the limits; restarts the model
    void setFeatures(unsigned featureMask);  // PlaygroundFeature bits (at least one); restarts
    void setRegression(bool regression);     // problem type; picks its first dataset; restarts
    void editWeight(const ws::ui::WeightEdit& edit); // taken at the next step, also while paused
    void shutdown(); // stops training and joins the thread; the panel stays inert afterwards
    void setRefreshRate(int hz); // redraws per second of the plots (Preferences)

    NetworkView* networkView() const { return network_; }
    const PlaygroundSnapshot& latestSnapshot() const { return latest_; }
    DivergenceDialog* divergenceDialog() const { return divergence_; }

signals:
    void progressed(qint64 step); // every snapshot of the current run, before coalescing
    void snapshotArrived(const ws::ui::PlaygroundSnapshot& snapshot); // the same, with its contents
    void statusMessage(const QString& message);
    void diverged(const QString& message); // the run paused on NaN/Inf; the dialog is shown

private:
    QWidget* makeControls();
    QWidget* makeDataBox();
    QWidget* makeTrainingBox();
    void connectControls();
    void restartKeepingState(); // after a setting that needs a new model changed
    void onData(const PlaygroundData& data);
    void onSnapshot(const PlaygroundSnapshot& snapshot);
    void onRunEnded(quint64 generation, const QString& message);
    void onDiverged(quint64 generation, const QString& message);
    void lowerLearningRate(); // to the listed rate nearest a tenth of the current one, and go on
    void redraw(); // on the timer
    void updateButtons();
    void fillDatasets(); // the datasets of the chosen problem type

    // Controls.
    QComboBox* problem_ = nullptr;
    QComboBox* dataset_ = nullptr;
    QSpinBox* noise_ = nullptr;
    QSpinBox* trainShare_ = nullptr;
    NetworkSettings* networkSettings_ = nullptr; // features, hidden layers, activation
    QComboBox* optimizer_ = nullptr;
    QComboBox* learningRate_ = nullptr;
    QComboBox* momentum_ = nullptr;
    QComboBox* regularization_ = nullptr;
    QComboBox* regularizationRate_ = nullptr;
    QSpinBox* batchSize_ = nullptr;
    QCheckBox* showTest_ = nullptr;
    QCheckBox* discretize_ = nullptr;
    QComboBox* speed_ = nullptr;
    QPushButton* regenerateButton_ = nullptr;
    TransportBar* transport_ = nullptr;
    QLabel* stats_ = nullptr;
    BoundaryPlot* boundary_ = nullptr;
    NetworkView* network_ = nullptr;
    LossPlot* loss_ = nullptr;
    QTimer* redrawTimer_ = nullptr;
    DivergenceDialog* divergence_ = nullptr;

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
    HandOff inbox_ { this }; // the worker's signals arrive through it; last, so destroyed first
};

} // namespace ws::ui
