// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Trainer.h"

#include "train/Metrics.h"
#include "util/Error.h"
#include "util/JsonNumbers.h"
#include "util/Subnormals.h"
#include "util/Threads.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

namespace ws {

nlohmann::json TrainConfig::toJson() const
{
    return { { "epochs", epochs }, { "batch_size", batchSize }, { "shuffle", shuffle }, { "seed", seed },
        { "threads", threads }, { "flush_subnormals", flushSubnormals }, { "loss", lossName(loss) }, { "optimizer", optimizer.toJson() },
        { "schedule", schedule.toJson() } };
}

TrainConfig TrainConfig::fromJson(const nlohmann::json& j)
{
    TrainConfig c;
    try {
        c.epochs = valueChecked(j, "epochs", c.epochs);
        c.batchSize = valueChecked(j, "batch_size", c.batchSize);
        c.shuffle = valueChecked(j, "shuffle", c.shuffle);
        c.seed = valueChecked(j, "seed", c.seed);
        c.threads = valueChecked(j, "threads", c.threads);
        c.flushSubnormals = valueChecked(j, "flush_subnormals", c.flushSubnormals);
        if (j.contains("loss"))
            c.loss = parseLoss(j.at("loss").get<std::string>());
        if (j.contains("optimizer"))
            c.optimizer = OptimizerConfig::fromJson(j.at("optimizer"));
        if (j.contains("schedule"))
            c.schedule = ScheduleConfig::fromJson(j.at("schedule"));
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(std::string("training config: ") + e.what());
    }
    if (c.epochs < 0 || c.batchSize <= 0)
        throw ConfigError("training config: epochs must not be negative and batch_size must be positive");
    return c;
}

Trainer::Trainer(Sequential& model, const Dataset& train, const Dataset* validation, TrainConfig config)
    : model_(model)
    , train_(train)
    , validation_(validation)
    , config_(std::move(config))
    , optimizer_(config_.optimizer, model.params())
    , baseLr_(config_.optimizer.learningRate)
{
    train_.validate();
    if (validation_ && validation_->size() > 0)
        validation_->validate();
    if (train_.sampleShape() != model_.inputShape())
        throw ShapeError("the model takes inputs of shape " + shapeToString(model_.inputShape())
            + " but dataset '" + train_.name + "' has samples of shape " + shapeToString(train_.sampleShape()));
    const int64_t outputs = shapeNumel(model_.outputShape());
    if (train_.isClassification()) {
        const bool binary = outputs == 1 && train_.numClasses == 2;
        if (!binary && outputs != train_.numClasses)
            throw ShapeError("the model has " + std::to_string(outputs) + " outputs but dataset '" + train_.name
                + "' has " + std::to_string(train_.numClasses) + " classes");
        if (config_.loss == LossKind::BinaryCrossEntropy && !binary)
            throw ConfigError("binary cross-entropy needs a model with one output and two classes");
    } else {
        if (config_.loss != LossKind::MeanSquaredError)
            throw ConfigError("a regression dataset needs the mse loss");
        if (outputs != train_.targets.size() / std::max<int64_t>(1, train_.size()))
            throw ShapeError("the model has " + std::to_string(outputs) + " outputs but the dataset has "
                + std::to_string(train_.targets.size() / std::max<int64_t>(1, train_.size())) + " targets per sample");
    }
}

void Trainer::pause() { paused_ = true; }

void Trainer::resume()
{
    {
        std::lock_guard lock(mutex_);
        paused_ = false;
    }
    wake_.notify_all();
}

void Trainer::requestSteps(int batches)
{
    {
        std::lock_guard lock(mutex_);
        stepsAllowed_ += batches;
    }
    wake_.notify_all();
}

void Trainer::stop()
{
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
}

void Trainer::setLearningRate(float lr)
{
    if (lr > 0.0f && std::isfinite(lr))
        baseLr_ = lr;
}

void Trainer::post(std::function<void(Sequential&)> edit)
{
    {
        std::lock_guard lock(mutex_);
        posted_.push_back(std::move(edit));
    }
    wake_.notify_all();
}

void Trainer::runPosted()
{
    std::vector<std::function<void(Sequential&)>> edits;
    {
        std::lock_guard lock(mutex_);
        edits.swap(posted_);
    }
    for (auto& edit : edits)
        edit(model_);
}

bool Trainer::waitForNextBatch()
{
    runPosted();
    if (stop_)
        return false;
    if (!paused_)
        return true;
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [&] { return stop_ || !paused_ || stepsAllowed_ > 0 || !posted_.empty(); });
    while (!posted_.empty() && !stop_) {
        lock.unlock();
        runPosted();
        lock.lock();
        wake_.wait(lock, [&] { return stop_ || !paused_ || stepsAllowed_ > 0 || !posted_.empty(); });
    }
    if (stop_)
        return false;
    if (paused_)
        --stepsAllowed_;
    return true;
}

std::string Trainer::checkFinite(double loss, int epoch, int64_t batch)
{
    // The optimizer has just written every trainable weight and knows whether all are finite;
    // scanning them again here took 5% of an MLP epoch. Only on its word do we look for the layer.
    if (std::isfinite(loss) && optimizer_.lastStepFinite())
        return {};
    const std::string where = "in epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(batch + 1);
    const std::string advice = "; lower the learning rate (now " + std::to_string(baseLr_.load()) + ") or reset the model";
    if (!std::isfinite(loss))
        return "the loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") + " " + where + advice;
    for (size_t i = 0; i < model_.size(); ++i)
        for (const Param* p : std::as_const(model_.layer(i)).params())
            if (!p->value.vector().allFinite())
                return "weights of layer '" + model_.layer(i).name() + "' (" + p->name + ") became non-finite "
                    + where + advice;
    return {};
}

std::string Trainer::checkGradients(double loss, int epoch, int64_t batch)
{
    if (!std::isfinite(loss))
        return checkFinite(loss, epoch, batch);
    // Scanning every gradient costs about as much as the weight scan the optimizer made
    // unnecessary (5% of an MLP epoch). Without a pause to roll back to, a finite loss with a
    // non-finite gradient is caught after the step by the optimizer's own report (checkFinite).
    if (!pauseOnDivergence_)
        return {};
    const std::string where = "in epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(batch + 1);
    for (size_t i = 0; i < model_.size(); ++i)
        for (Param* p : model_.layer(i).params())
            if (!p->grad.vector().allFinite())
                return "the gradient of layer '" + model_.layer(i).name() + "' (" + p->name + ") became non-finite "
                    + where + "; lower the learning rate (now " + std::to_string(baseLr_.load()) + ") or reset the model";
    return {};
}

std::vector<Param*> stateParams(Sequential& model)
{
    std::vector<Param*> out;
    for (size_t i = 0; i < model.size(); ++i) {
        for (Param* p : model.layer(i).params())
            out.push_back(p);
        for (Param* p : model.layer(i).nonTrainableParams())
            out.push_back(p);
    }
    return out;
}

size_t TrainerState::bytes() const
{
    int64_t n = 0;
    for (const Tensor& t : values)
        n += t.size();
    for (const Optimizer::State& m : moments)
        n += m.first.size() + m.second.size();
    return size_t(n) * sizeof(float);
}

void loadStateValues(Sequential& model, const TrainerState& state)
{
    const std::vector<Param*> params = stateParams(model);
    if (params.size() != state.values.size())
        throw ShapeError("the saved training state has " + std::to_string(state.values.size())
            + " values but the model has " + std::to_string(params.size()));
    for (size_t i = 0; i < params.size(); ++i)
        if (params[i]->value.shape() != state.values[i].shape())
            throw ShapeError("the saved training state's value " + std::to_string(i) + " has shape "
                + shapeToString(state.values[i].shape()) + " but the model's " + params[i]->name + " has "
                + shapeToString(params[i]->value.shape()));
    for (size_t i = 0; i < params.size(); ++i)
        params[i]->value = state.values[i];
}

void Trainer::copyState(TrainerState& into) const
{
    const std::vector<Param*> params = stateParams(model_);
    into.values.resize(params.size());
    for (size_t i = 0; i < params.size(); ++i)
        into.values[i] = params[i]->value;
    into.moments = optimizer_.state();
    into.steps = optimizer_.steps();
    into.epoch = epochsDone_;
    into.batch = batchInEpoch_;
}

void Trainer::applyState(const TrainerState& from)
{
    loadStateValues(model_, from);
    optimizer_.state() = from.moments;
    optimizer_.setSteps(from.steps);
}

TrainerState Trainer::state() const
{
    TrainerState s;
    copyState(s);
    return s;
}

void Trainer::restore(const TrainerState& state)
{
    if (state.moments.size() != optimizer_.state().size())
        throw ShapeError("the saved training state has moments for " + std::to_string(state.moments.size())
            + " parameters but the optimizer has " + std::to_string(optimizer_.state().size()));
    for (size_t i = 0; i < state.moments.size(); ++i)
        if (state.moments[i].first.shape() != optimizer_.state()[i].first.shape()
            || state.moments[i].second.shape() != optimizer_.state()[i].second.shape())
            throw ShapeError("the saved training state's optimizer moments of parameter " + std::to_string(i)
                + " do not fit this model or optimizer");
    if (state.batch < 0)
        throw ShapeError("the saved training state's batch within its epoch is negative");
    applyState(state);
    firstEpoch_ = epochsDone_ = state.epoch;
    firstBatch_ = batchInEpoch_ = state.batch;
}

void Trainer::takeSnapshot()
{
    std::swap(older_, newer_); // the older copy's buffers are reused for the new one
    copyState(newer_);
}

void Trainer::restoreSnapshot()
{
    const TrainerState& s = older_.steps >= 0 ? older_ : newer_;
    applyState(s);
    newer_ = s; // the rolled-back state is the newest good one now
    older_ = TrainerState { {}, {}, -1, 0 };
    windowLoss_ = 0.0;
    windowBatches_ = 0;
}

bool Trainer::pauseAfterDivergence(const std::string& problem)
{
    restoreSnapshot();
    pause();
    if (onDiverged)
        onDiverged(problem + " (training goes on from the weights of step " + std::to_string(optimizer_.steps()) + ")");
    return waitForNextBatch();
}

TrainResult Trainer::run()
{
    using Clock = std::chrono::steady_clock;
    setThreadCount(config_.threads);
    const SubnormalsFlushed floats(config_.flushSubnormals, threadCount());
    TrainResult result;
    const int64_t n = train_.size();
    const int64_t batch = std::min<int64_t>(config_.batchSize, std::max<int64_t>(1, n));
    const int64_t batchesPerEpoch = (n + batch - 1) / batch;
    const int64_t totalSteps = batchesPerEpoch * config_.epochs;
    const bool classify = train_.isClassification();

    Rng shuffleRng(config_.seed ^ 0x5eed5eed5eedULL);
    Workspace ws = model_.makeWorkspace(config_.seed ^ 0xd50f0d50f0ULL);
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    Tensor x, targets, grad;
    std::vector<int32_t> labels;
    const auto start = Clock::now();
    if (pauseOnDivergence_)
        takeSnapshot();
    const auto diverged = [&](const std::string& problem, int epoch) {
        result.reason = StopReason::Diverged;
        result.message = problem;
        result.steps = optimizer_.steps();
        result.epochsCompleted = epoch;
        return result;
    };

    // restore(): the shuffles of the epochs done, so that the next epoch's batches are the same.
    if (config_.shuffle)
        for (int epoch = 0; epoch < firstEpoch_; ++epoch)
            shuffleRng.shuffle(order.begin(), order.end());
    for (int epoch = firstEpoch_; epoch < config_.epochs; ++epoch) {
        if (config_.shuffle)
            shuffleRng.shuffle(order.begin(), order.end());
        double lossSum = 0.0, accSum = 0.0;
        int64_t seen = 0;
        double trainSeconds = 0.0;
        // restore() of a state taken between two batches: the epoch's first batches are done.
        const int64_t firstBatch = epoch == firstEpoch_ ? std::min(firstBatch_, batchesPerEpoch) : 0;
        for (int64_t b = firstBatch; b < batchesPerEpoch; ++b) {
            batchInEpoch_ = b;
            if (!waitForNextBatch()) {
                result.reason = StopReason::Stopped;
                result.steps = optimizer_.steps();
                return result;
            }
            const auto t0 = Clock::now();
            const int64_t first = b * batch;
            const int64_t count = std::min(batch, n - first);
            gatherBatch(train_, order.data() + first, count, x, labels, targets);
            model_.zeroGradForBackward();
            const Tensor& pred = model_.forward(x, ws, true);
            const Targets t { classify ? labels.data() : nullptr, classify ? nullptr : targets.data() };
            const double loss = computeLoss(config_.loss, pred, t, &grad);
            const double acc = classify ? batchAccuracy(pred, labels.data()) : std::numeric_limits<double>::quiet_NaN();
            model_.backward(grad, ws);
            // A bad loss or gradient is caught before it reaches the weights.
            if (const std::string problem = checkGradients(loss, epoch, b); !problem.empty()) {
                if (!pauseOnDivergence_)
                    return diverged(problem, epoch);
                trainSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
                if (!pauseAfterDivergence(problem))
                    return diverged(problem, epoch);
                continue; // this batch is skipped
            }
            const float lr = config_.schedule.learningRate(baseLr_, optimizer_.steps(), batchesPerEpoch, totalSteps);
            optimizer_.step(lr);
            trainSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
            lossSum += loss * double(count);
            accSum += acc * double(count);
            seen += count;
            if (const std::string problem = checkFinite(loss, epoch, b); !problem.empty()) {
                if (!pauseOnDivergence_ || !pauseAfterDivergence(problem))
                    return diverged(problem, epoch);
                continue;
            }
            if (pauseOnDivergence_) {
                windowLoss_ += loss;
                ++windowBatches_;
                if (optimizer_.steps() % kDivergenceSnapshotSteps == 0) {
                    // A window whose loss grew well past the best is the start of a divergence:
                    // its weights are no place to roll back to.
                    const double mean = windowLoss_ / double(windowBatches_);
                    if (bestWindowLoss_ < 0 || mean <= 2.0 * bestWindowLoss_)
                        takeSnapshot();
                    if (bestWindowLoss_ < 0 || mean < bestWindowLoss_)
                        bestWindowLoss_ = mean;
                    windowLoss_ = 0.0;
                    windowBatches_ = 0;
                }
            }
            if (onBatch)
                onBatch({ epoch, b, batchesPerEpoch, optimizer_.steps(), loss, acc, lr });
        }
        EpochProgress ep;
        ep.epoch = epoch;
        ep.trainLoss = seen ? lossSum / double(seen) : 0.0;
        ep.trainAccuracy = classify && seen ? accSum / double(seen) : std::numeric_limits<double>::quiet_NaN();
        ep.seconds = trainSeconds;
        ep.samplesPerSecond = trainSeconds > 0 ? double(seen) / trainSeconds : 0.0;
        if (validation_ && validation_->size() > 0) {
            const Evaluation ev = evaluate(model_, *validation_, config_.loss, 512, 0);
            ep.hasValidation = true;
            ep.validationLoss = ev.loss;
            ep.validationAccuracy = ev.accuracy;
        }
        ep.elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        result.epochsCompleted = epoch + 1;
        epochsDone_ = epoch + 1;
        batchInEpoch_ = 0;
        if (onEpoch)
            onEpoch(ep);
    }
    result.steps = optimizer_.steps();
    return result;
}

} // namespace ws
