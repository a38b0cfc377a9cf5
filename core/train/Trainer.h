// SPDX-License-Identifier: GPL-3.0-or-later
// Mini-batch training of a Sequential model, driven from one thread and steered from others.
//
// run() blocks the calling (worker) thread until training finishes, is stopped, or diverges.
// pause(), resume(), requestSteps(), stop(), setLearningRate() and post() may be called from
// any thread; they take effect between batches, so stop and pause act within one batch.
// Progress leaves through the onBatch/onEpoch callbacks, called on the training thread; the
// engine knows nothing of Qt (ui/ adapts the callbacks to queued signals).
//
// Divergence (a loss, gradient or weight that is NaN or infinite) ends run() with
// StopReason::Diverged; a bad loss or gradient is caught before the optimizer step, so the
// weights stay finite. With setPauseOnDivergence(true) the trainer instead rolls back, pauses,
// reports through onDiverged and waits; resume() goes on with the next batch (at whatever
// learning rate was set meanwhile), stop() ends run() with Diverged. The rollback goes to a copy
// of the state taken every kDivergenceSnapshotSteps steps, the older of the last two, and only
// while the mean loss since the previous copy stays within twice the lowest seen: the last finite
// weights are usually already huge (a loss overflows long after the weights start to explode),
// and going on from them at any learning rate diverges again.
//
// Determinism: one seed drives initialisation (done by the caller), shuffling and dropout;
// with the same seed and thread count, the weights after training are identical bit for bit.
#pragma once

#include "data/Dataset.h"
#include "nn/Loss.h"
#include "nn/Sequential.h"
#include "train/Optimizer.h"
#include "train/Schedule.h"

#include <nlohmann/json_fwd.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace ws {

struct TrainConfig {
    int epochs = 10;
    int64_t batchSize = 32;
    bool shuffle = true;
    uint64_t seed = 0;
    int threads = 0; // 0: all cores
    // Subnormal floats flushed to zero while run() trains (util/Subnormals.h): twice the speed
    // of an MLP whose optimizer moments decay below 2^-126. Configs without the key flush; a run
    // recorded before the key existed re-runs without (Experiment::fromRecord).
    bool flushSubnormals = true;
    LossKind loss = LossKind::SoftmaxCrossEntropy;
    OptimizerConfig optimizer;
    ScheduleConfig schedule;

    nlohmann::json toJson() const;
    static TrainConfig fromJson(const nlohmann::json& j);
};

struct BatchProgress {
    int epoch = 0;            // 0-based
    int64_t batch = 0;        // 0-based within the epoch
    int64_t batchesPerEpoch = 0;
    int64_t step = 0;         // optimizer steps done, including this one
    double loss = 0.0;
    double accuracy = 0.0;    // NaN for regression
    float learningRate = 0.0f;
};

struct EpochProgress {
    int epoch = 0;            // 0-based
    double trainLoss = 0.0;
    double trainAccuracy = 0.0;
    bool hasValidation = false;
    double validationLoss = 0.0;
    double validationAccuracy = 0.0;
    double seconds = 0.0;     // this epoch's training time (without validation)
    double samplesPerSecond = 0.0;
    double elapsed = 0.0;     // since run() started
};

enum class StopReason { Finished, Stopped, Diverged };

// Everything run() needs to go on from an epoch boundary exactly as it would have gone on (#22,
// time travel): every parameter and non-trainable value, the optimizer's moments and step count,
// and the epochs done, whose shuffles run() replays so that the batches that follow are the same
// ones. Dropout's random draws are not kept: a model with dropout goes on from the same weights
// with other masks (the Playground's networks have none).
struct TrainerState {
    std::vector<Tensor> values;            // in the order of stateParams()
    std::vector<Optimizer::State> moments; // in the order of the model's params()
    int64_t steps = 0;
    int epoch = 0;                         // epochs completed
    // Batches done of epoch `epoch` when the state was taken between two batches of it (a
    // Playground session saved after stepping by hand); 0 at an epoch's end.
    int64_t batch = 0;

    size_t bytes() const; // what its numbers take (the timeline's bound, train/TrainingTimeline.h)
};

// Every value a TrainerState keeps, in its fixed order: each layer's parameters, then its
// non-trainable values (batch-norm statistics).
std::vector<Param*> stateParams(Sequential& model);
// Writes the state's values into `model`, which must be built as the one it was taken from
// (ShapeError naming the first value that does not fit, and the model is left unchanged).
void loadStateValues(Sequential& model, const TrainerState& state);

struct TrainResult {
    StopReason reason = StopReason::Finished;
    std::string message; // for Diverged: what became non-finite, where, and what to try
    int epochsCompleted = 0;
    int64_t steps = 0;
};

inline constexpr int64_t kDivergenceSnapshotSteps = 16;

class Trainer {
public:
    // The model must be built and initialised; validation may be null.
    Trainer(Sequential& model, const Dataset& train, const Dataset* validation, TrainConfig config);

    std::function<void(const BatchProgress&)> onBatch;
    std::function<void(const EpochProgress&)> onEpoch;
    // With setPauseOnDivergence(true): called on the training thread when training has diverged
    // and paused; the message says what became non-finite, where, and what to try.
    std::function<void(const std::string& message)> onDiverged;

    TrainResult run();

    // Thread-safe controls.
    void pause();
    void resume();
    void requestSteps(int batches = 1); // while paused: run this many batches, then pause again
    void stop();
    void setLearningRate(float lr);     // the base rate; the schedule still applies on top
    void post(std::function<void(Sequential&)> edit); // run on the training thread between batches
    void setPauseOnDivergence(bool on) { pauseOnDivergence_ = on; } // before run()
    bool isPaused() const { return paused_.load(); }
    float learningRate() const { return baseLr_.load(); }

    const Optimizer& optimizer() const { return optimizer_; }

    // Training thread, between batches (in onEpoch, or before run()): the state after the epochs
    // completed so far.
    TrainerState state() const;
    // Before run(): the model and optimizer take the state, and run() begins with epoch
    // state.epoch at its batch state.batch, on the batches it would have had there (ShapeError
    // when the state is not of this model).
    void restore(const TrainerState& state);

private:
    bool waitForNextBatch(); // false when stopped
    void runPosted();
    std::string checkFinite(double loss, int epoch, int64_t batch);
    std::string checkGradients(double loss, int epoch, int64_t batch); // before the step
    void takeSnapshot();
    void restoreSnapshot();
    void copyState(TrainerState& into) const; // reuses into's buffers
    void applyState(const TrainerState& from);
    bool pauseAfterDivergence(const std::string& problem); // false when stopped meanwhile

    Sequential& model_;
    const Dataset& train_;
    const Dataset* validation_;
    TrainConfig config_;
    Optimizer optimizer_;

    std::atomic<bool> paused_ { false };
    std::atomic<bool> stop_ { false };
    std::atomic<int> stepsAllowed_ { 0 };
    std::atomic<float> baseLr_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<std::function<void(Sequential&)>> posted_; // guarded by mutex_

    int firstEpoch_ = 0;  // run() begins here (restore())
    int epochsDone_ = 0;  // training thread: completed epochs, for state()
    int64_t firstBatch_ = 0;   // of epoch firstEpoch_ (restore())
    int64_t batchInEpoch_ = 0; // training thread: batches done of the current epoch, for state()

    // Copies of the state, kept while pauseOnDivergence_ (training thread only); steps -1: none taken.
    bool pauseOnDivergence_ = false;
    TrainerState older_ { {}, {}, -1, 0 }, newer_ { {}, {}, -1, 0 }; // rollback goes to older_ (newer_ while there is only one)
    double windowLoss_ = 0.0;  // sum of the batch losses since the last snapshot point
    int64_t windowBatches_ = 0;
    double bestWindowLoss_ = -1; // lowest mean of a window so far (< 0: none yet)
};

} // namespace ws
