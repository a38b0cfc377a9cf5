// SPDX-License-Identifier: GPL-3.0-or-later
// Trains any model the engine builds on any dataset it reads (an Experiment), on its own thread.
// The owner moves it to a QThread held in a ThreadPtr and steers it with the thread-safe
// methods; progress leaves as queued signals carrying every batch since the last one, at most
// about 30 per second, so the GUI is never flooded however fast the engine runs.
#pragma once

#include "threads/HandOff.h"
#include "training/InsightTypes.h"
#include "threads/TrainerControl.h"
#include "training/TrainingTypes.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace ws {
class Trainer;
}

namespace ws::ui {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    // Thread-safe. Loads the data (if not loaded already) and answers with previewReady.
    void requestPreview(const DatasetSource& source, quint64 request);
    // Thread-safe. Opens the model file to fine-tune and answers with modelInfoReady.
    void requestModelInfo(const QString& path, quint64 request);
    // Thread-safe. Stops the current run and queues this one; returns its generation.
    // Records the run into runsFolder (core/run) unless it is empty.
    quint64 startRun(const Experiment& experiment, bool paused, const QString& runsFolder = {});
    void pause();
    void resume();
    void step(int batches = 1);
    void stop();
    void setLearningRate(float lr); // the next batch uses it
    // Thread-safe. A snapshot of the running model, taken between batches (also while paused),
    // arrives as snapshotReady; nothing happens when no run is active.
    void requestSnapshot();

    // After runEnded: the trained model and the test split it was evaluated on (null before the
    // first run ends). Call from the owner's thread once runEnded has arrived.
    std::shared_ptr<Sequential> lastModel() const;
    std::shared_ptr<const Dataset> lastTestSet() const;

signals:
    void previewReady(const ws::ui::DatasetPreview& preview);
    void modelInfoReady(const ws::ui::ModelInfo& info);
    void progress(quint64 generation, const QList<ws::ui::TrainingPoint>& points);
    void runEnded(const ws::ui::TrainingOutcome& outcome);
    // After every epoch and on request: a copy of the model (InsightTypes.h), not evaluated (the
    // analysis thread does that), except the last epoch's, which comes after the run's final test
    // evaluation and carries it.
    void snapshotReady(const ws::ui::ModelSnapshot& snapshot);
    // The run became NaN/Inf and paused with its last finite weights; resume() goes on (after a
    // lower learning rate, say), stop() ends it.
    void diverged(quint64 generation, const QString& message);

private:
    struct Cache;
    const LoadedData& load(const DatasetSource& source); // on the worker thread, cached
    const std::string& datasetFingerprint(); // SHA-256 of the cached data (load() first), computed once
    void preview(const DatasetSource& source, quint64 request);
    void run(quint64 generation, const Experiment& experiment, const std::string& runsFolder);

    std::unique_ptr<Cache> cache_; // worker thread only
    TrainerControl control_;
    mutable std::mutex mutex_;
    std::shared_ptr<Sequential> lastModel_;       // guarded by mutex_
    std::shared_ptr<const Dataset> lastTest_;     // guarded by mutex_
    // Set on the worker thread while no trainer is attached; read under control_'s lock
    // (withTrainer) only while one is: posted to the running trainer by requestSnapshot().
    std::function<void(Sequential&)> snapshotter_;
    // Sends the batch points not sent yet; posted to the trainer by pause() (set while a run is attached).
    std::function<void(Sequential&)> flusher_;
    HandOff inbox_ { this }; // what the GUI asks runs on this thread through it; last, so destroyed first
};

} // namespace ws::ui
