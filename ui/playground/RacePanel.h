// SPDX-License-Identifier: GPL-3.0-or-later
// #22, the optimizer race: two to four optimizer settings train the Playground's network side by
// side, from the same initial weights on the same batches (core/train/OptimizerRace.h), each
// with its decision map, and one plot of their training losses; one Start/Pause/Step/Reset
// drives them all. Each contestant trains in a PlaygroundWorker on a thread of its own (a lane),
// so two cores share the work and the GUI thread only draws; snapshots are coalesced and drawn
// on a ~30 Hz timer, never once per batch. The Playground opens it with its own settings (data,
// network, schedule, regularisation, batch size and current initial weights) as the base.
#pragma once

#include "playground/PlaygroundTypes.h"
#include "threads/HandOff.h"
#include "threads/ThreadPtr.h"
#include "train/OptimizerRace.h"

#include <QPointer>
#include <QWidget>

#include <array>
#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QTimer;

namespace ws::ui {

class BoundaryPlot;
class PlaygroundWorker;
class RaceLossPlot;
class TransportBar;

class RacePanel : public QWidget {
    Q_OBJECT
public:
    explicit RacePanel(QWidget* parent = nullptr);
    ~RacePanel() override;

    // What every contestant trains with; their optimizer settings replace its own. Starts the
    // race again, paused, from the base's initial weights (its model seed).
    void setBase(const PlaygroundConfig& base);
    // The contestants chosen in the rows, in order (2 to 4).
    std::vector<RaceContestant> contestants() const;
    // Fills the rows (2 to 4 contestants; ConfigError otherwise) and starts again, paused, from
    // the same initial weights.
    void setContestants(const std::vector<RaceContestant>& contestants);

    TransportBar* transport() const { return transport_; }
    RaceLossPlot* lossPlot() const { return loss_; }
    BoundaryPlot* boundaryPlot(int lane) const { return lanes_.at(size_t(lane)).plot; }
    QLabel* laneTitle(int lane) const { return lanes_.at(size_t(lane)).title; }
    const PlaygroundSnapshot& latestSnapshot(int lane) const { return lanes_.at(size_t(lane)).latest; }
    int activeLanes() const { return active_; }
    bool isRunning() const { return running_; }
    quint64 framesDrawn() const { return frames_; } // redraws that drew something (benchmarks)

public slots:
    void start(); // every contestant trains
    void pause();
    void step();      // one batch each, then paused
    void stepEpoch(); // one epoch's batches each, then paused
    void reset();     // new initial weights (the same for all), paused
    void restartSameInitialisation(); // the race again from the weights it started from, paused
    void setEpochsPerSecond(double epochsPerSecond); // each contestant's pace; 0: unlimited
    void shutdown(); // stops every lane and joins its thread; the panel stays inert afterwards

signals:
    // Every snapshot of the current race, before coalescing; lane is the contestant's row.
    void snapshotArrived(int lane, const ws::ui::PlaygroundSnapshot& snapshot);
    void statusMessage(const QString& message);

private:
    struct Row {
        QCheckBox* enabled = nullptr; // rows 0 and 1 always race
        QComboBox* optimizer = nullptr;
        QComboBox* learningRate = nullptr;
        QComboBox* momentum = nullptr;
        QCheckBox* nesterov = nullptr;
    };
    struct Lane {
        ThreadPtr thread;
        QPointer<PlaygroundWorker> worker;
        quint64 generation = 0; // the run whose signals this lane draws
        PlaygroundSnapshot latest;
        bool have = false;
        bool dirty = false;
        bool pointsChanged = false; // a full replot, not only the map's
        QString label; // the contestant, translated
        QString ended; // why the lane stopped (diverged), empty while it races
        QWidget* box = nullptr;
        QLabel* title = nullptr;
        BoundaryPlot* plot = nullptr;
    };

    QWidget* makeControls();
    QWidget* makeRow(int index);
    QWidget* makeLane(int index);
    void restart(bool newWeights);
    void rowsChanged(); // enables the momentum and Nesterov boxes that apply, restarts
    void onData(int lane, const PlaygroundData& data);
    void onSnapshot(int lane, const PlaygroundSnapshot& snapshot);
    void onRunEnded(int lane, quint64 generation, const QString& message);
    void onDiverged(int lane, quint64 generation, const QString& message);
    void redraw(); // on the timer
    void updateButtons();
    // Sets running_ and gives every racing lane's worker the same order (Start, Pause, Step).
    void driveLanes(bool running, const std::function<void(PlaygroundWorker&, const Lane&)>& order);
    QString contestantText(const RaceContestant& c) const;

    std::array<Row, kMaxRaceContestants> rows_;
    std::array<Lane, kMaxRaceContestants> lanes_;
    int active_ = 0;
    PlaygroundConfig base_;
    uint64_t seedStep_ = 0;  // Reset's new weights: the base's model seed plus this
    qint64 batchesPerEpoch_ = 1;
    bool running_ = false;
    bool alive_ = true;
    bool lossDirty_ = false;
    quint64 frames_ = 0;
    QComboBox* speed_ = nullptr;
    TransportBar* transport_ = nullptr;
    RaceLossPlot* loss_ = nullptr;
    QLabel* summary_ = nullptr;
    QTimer* redrawTimer_ = nullptr;
    HandOff inbox_ { this }; // the workers' signals arrive through it; last, so destroyed first
};

} // namespace ws::ui
