// SPDX-License-Identifier: GPL-3.0-or-later
// Runs Playground training on its own thread: the recipe and its recorded session are core's
// (core/run/PlaygroundRun.h); this worker adds the pace and the pictures. The owner moves it to a QThread (held in a
// ThreadPtr) and steers it with the thread-safe methods below, which forward to ws::Trainer;
// the trainer's callbacks come back as queued signals, throttled to about 30 per second (and one
// per batch while stepping), each carrying losses and the decision boundary evaluated here, on
// the worker thread. It also keeps the run's timeline (#22, time travel): a Trainer state at every
// epoch end, drawn on request on a model of its own, and restarted from by a new run.
#pragma once

#include "threads/HandOff.h"
#include "threads/TrainerControl.h"
#include "playground/PlaygroundTypes.h"
#include "train/TrainingTimeline.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace ws {
class Sequential;
class Trainer;
}

namespace ws::ui {

class PlaygroundWorker : public QObject {
    Q_OBJECT
public:
    explicit PlaygroundWorker(QObject* parent = nullptr);

    // Thread-safe. Stops the current run and queues a new one on the worker's thread; the new run
    // starts paused when `paused`. Returns the run's generation, which stamps its signals.
    quint64 startRun(const PlaygroundConfig& config, bool paused);
    void pause();
    void resume();
    void step(int batches = 1);
    void stop(); // ends the current run (if any) between two batches
    void setLearningRate(float lr);
    void setEpochsPerSecond(double epochsPerSecond); // 0: unlimited
    // Writes a weight or bias before the next step (at once while paused), then sends a snapshot.
    void editWeight(const WeightEdit& edit);
    bool isPaused() const { return control_.wantsPaused(); }
    // Thread-safe (#22, time travel). Draws the kept state at or before `epoch` of the current
    // run, between two batches (at once while paused), and sends it by momentReady; requests
    // that pile up meanwhile are drawn once, the newest. Restarting from a moment is
    // startRun() with config.fromEpoch.
    void showMoment(qint64 epoch);
    // Thread-safe (#22, keep and share). Saves the current run as a session file
    // (core/run/PlaygroundSession.h) between two batches (at once while paused), on the worker
    // thread, and answers by sessionSaved; the run's record notes the file (event "session_saved").
    void saveSession(const QString& path);
    // Thread-safe (#22). A copy of the live network (between two batches), sent by networkReady.
    void copyNetwork();

signals:
    void dataReady(const ws::ui::PlaygroundData& data);
    void snapshotReady(const ws::ui::PlaygroundSnapshot& snapshot);
    void momentReady(const ws::ui::PlaygroundSnapshot& snapshot); // past: true
    // The run ended: finished, stopped or failed (message says which and what to do).
    void runEnded(quint64 generation, const QString& message);
    // The run became NaN/Inf and paused with its last finite weights; resume() goes on (after a
    // lower learning rate, say), stop() ends it.
    void diverged(quint64 generation, const QString& message);
    void sessionSaved(const QString& path, const QString& error); // error empty: written
    void networkReady(std::shared_ptr<ws::Sequential> model); // nobody else holds it

private:
    void run(quint64 generation, const PlaygroundConfig& config); // on the worker thread

    TrainerControl control_;
    std::atomic<double> epochsPerSecond_ { 0.0 };
    std::function<void()> snapshotNow_; // only touched on the worker thread, while run() is on the stack
    std::function<void()> momentNow_;   // the same
    std::function<void(const std::string& path)> saveNow_; // the same
    std::function<void()> copyNow_; // the same
    std::atomic<qint64> wantedMoment_ { -1 }; // the epoch showMoment() asked for last; -1: drawn
    // The states of the current run at its epoch ends, and of the run it was restarted from up to
    // that point (worker thread only; bound: train/TrainingTimeline.h).
    TrainingTimeline timeline_;
    HandOff inbox_ { this }; // runs on the worker thread; last, so destroyed first
};

} // namespace ws::ui
