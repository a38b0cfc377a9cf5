// SPDX-License-Identifier: GPL-3.0-or-later
// Runs Playground training on its own thread: the recipe and its recorded session are core's
// (core/run/PlaygroundRun.h); this worker adds the pace and the pictures. The owner moves it to a QThread (held in a
// ThreadPtr) and steers it with the thread-safe methods below, which forward to ws::Trainer;
// the trainer's callbacks come back as queued signals, throttled to about 30 per second (and one
// per batch while stepping), each carrying losses and the decision boundary evaluated here, on
// the worker thread.
#pragma once

#include "threads/HandOff.h"
#include "threads/TrainerControl.h"
#include "playground/PlaygroundTypes.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

namespace ws {
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

signals:
    void dataReady(const ws::ui::PlaygroundData& data);
    void snapshotReady(const ws::ui::PlaygroundSnapshot& snapshot);
    // The run ended: finished, stopped or failed (message says which and what to do).
    void runEnded(quint64 generation, const QString& message);
    // The run became NaN/Inf and paused with its last finite weights; resume() goes on (after a
    // lower learning rate, say), stop() ends it.
    void diverged(quint64 generation, const QString& message);

private:
    void run(quint64 generation, const PlaygroundConfig& config); // on the worker thread

    TrainerControl control_;
    std::atomic<double> epochsPerSecond_ { 0.0 };
    std::function<void()> snapshotNow_; // only touched on the worker thread, while run() is on the stack
    HandOff inbox_ { this }; // runs on the worker thread; last, so destroyed first
};

} // namespace ws::ui
