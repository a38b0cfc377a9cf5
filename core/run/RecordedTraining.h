// SPDX-License-Identifier: GPL-3.0-or-later
// One recorded training session: a Trainer, its run record and its final evaluation, used alike
// by `weightscope-cli train`/`rerun`, the Training panel's worker and the Playground's worker.
// Front ends only prepare the model and the data, add their progress callbacks, and read the
// outcome; what becomes of the record is decided here, once:
//
//   how the run ends                 record                          evaluation on the test set
//   finished (all epochs)            kept, "completed"               yes
//   stopped                          kept, "stopped", with why       yes
//   diverged                         kept, "diverged", with why;     no: the metrics of a model
//                                    the weights as training left    that blew up mean nothing
//                                    them (the GUI pauses and rolls
//                                    back to finite ones; the CLI
//                                    keeps where they blew up)
//   no epoch completed (stopped or   removed: a history without an   -
//   diverged in its first epoch,     epoch row compares with nothing
//   or never run at all)             (Playground's Reset is pressed often)
//   killed (the process dies)        kept by RunWriter as "interrupted", epochs flushed so far
//
// An empty test set is never evaluated. The evaluation is the same everywhere: batches of 512,
// top-5 accuracy, the confusion matrix, and each test sample's predicted class (classification).
//
// Threads: construct, add callbacks and run() on the training thread. setLearningRate() and
// post() may be called from any thread while run() is active: they take effect between two
// batches (at once while paused) and are recorded as events at that step, so a re-run replays
// them at the same place (run/PlaygroundRun.h).
#pragma once

#include "run/RunRecord.h"
#include "train/Metrics.h"
#include "train/Trainer.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ws {

struct RecordingOptions {
    std::string runsDir;              // where the record goes; empty: the run is not recorded
    std::vector<int> checkpointEpochs; // 1-based epochs whose weights are kept in the record
    double minimumFlushInterval = 0.0; // seconds between writes at epoch ends (RunWriter)
};

struct SessionOutcome {
    TrainResult result;
    bool evaluated = false;
    Evaluation evaluation;          // on the test set, when evaluated
    std::vector<int32_t> predicted; // classification: each test sample's predicted class
    std::string recordPath;         // the record that was kept; empty when none was
};

class RecordedTraining {
public:
    // The model must be built and initialised; model, train, validation (may be null) and test
    // must outlive the session. The Trainer is built first (it checks that model and data fit),
    // so a run that cannot start leaves no record; then the record is created with `header`
    // when options.runsDir is set (RunWriter's errors propagate).
    RecordedTraining(Sequential& model, const Dataset& train, const Dataset* validation, const Dataset& test,
        const TrainConfig& config, const RunHeader& header, const RecordingOptions& options);
    // A session that never ran removes its record.
    ~RecordedTraining();
    RecordedTraining(const RecordedTraining&) = delete;
    RecordedTraining& operator=(const RecordedTraining&) = delete;

    // For the front end's callbacks (set them before run()) and controls (pause, stop, ...).
    Trainer& trainer() { return trainer_; }
    const std::string& recordPath() const;   // empty when not recorded
    const TrainConfig& config() const { return config_; }

    // Any thread, while run() is active: the base learning rate becomes `lr` between two batches
    // and a "learning_rate" event {from, to} is recorded at that step.
    void setLearningRate(float lr);
    // Any thread, while run() is active: `edit` runs on the model between two batches; with an
    // event kind, {kind, detail} is recorded at that step.
    void post(std::function<void(Sequential&)> edit, const std::string& eventKind = {},
        const nlohmann::json& detail = {});

    // Trains to the end (finished, stopped or diverged), evaluates, and keeps or removes the
    // record as the table above says. Call once.
    SessionOutcome run();

private:
    void dropRecord();

    Sequential& model_;
    const Dataset& test_;
    TrainConfig config_;
    Trainer trainer_;
    std::unique_ptr<RunWriter> record_; // training thread only (events are posted to it)
    std::vector<int> checkpoints_;
    bool ran_ = false;
};

// The session's evaluation, for callers that evaluate a model the same way outside a session.
// With `predicted`, also each sample's predicted class (classification).
Evaluation evaluateForRecord(Sequential& model, const Dataset& test, LossKind loss, std::vector<int32_t>* predicted = nullptr);

} // namespace ws
