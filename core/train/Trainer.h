// Mini-batch training of a Sequential model, driven from one thread and steered from others.
//
// run() blocks the calling (worker) thread until training finishes, is stopped, or diverges.
// pause(), resume(), requestSteps(), stop(), setLearningRate() and post() may be called from
// any thread; they take effect between batches, so stop and pause act within one batch.
// Progress leaves through the onBatch/onEpoch callbacks, called on the training thread; the
// engine knows nothing of Qt (ui/ adapts the callbacks to queued signals).
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

struct TrainResult {
    StopReason reason = StopReason::Finished;
    std::string message; // for Diverged: what became non-finite, where, and what to try
    int epochsCompleted = 0;
    int64_t steps = 0;
};

class Trainer {
public:
    // The model must be built and initialised; validation may be null.
    Trainer(Sequential& model, const Dataset& train, const Dataset* validation, TrainConfig config);

    std::function<void(const BatchProgress&)> onBatch;
    std::function<void(const EpochProgress&)> onEpoch;

    TrainResult run();

    // Thread-safe controls.
    void pause();
    void resume();
    void requestSteps(int batches = 1); // while paused: run this many batches, then pause again
    void stop();
    void setLearningRate(float lr);     // the base rate; the schedule still applies on top
    void post(std::function<void(Sequential&)> edit); // run on the training thread between batches
    bool isPaused() const { return paused_.load(); }
    float learningRate() const { return baseLr_.load(); }

    const Optimizer& optimizer() const { return optimizer_; }

private:
    bool waitForNextBatch(); // false when stopped
    void runPosted();
    std::string checkFinite(double loss, int epoch, int64_t batch);

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
};

} // namespace ws
