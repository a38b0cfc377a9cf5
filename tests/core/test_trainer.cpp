// SPDX-License-Identifier: GPL-3.0-or-later
// The trainer: learning, determinism, control from another thread, divergence, bad set-ups.
#include "TeamFlushing.h"
#include "TempDir.h"

#include "io/ModelFile.h"
#include "io/NpyReader.h"
#include "nn/Activation.h"
#include "nn/Dense.h"
#include "nn/Dropout.h"
#include "run/RunRecord.h"
#include "run/RunStore.h"
#include "train/Experiment.h"
#include "train/Metrics.h"
#include "train/Trainer.h"
#include "train/TrainingHealth.h"
#include "util/Error.h"
#include "util/Subnormals.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

using namespace ws;

namespace {

// Two Gaussian blobs around (1, 1) and (-1, -1), labels 1 and 0.
Dataset blobs(int64_t n, uint64_t seed)
{
    Dataset d;
    d.name = "blobs";
    d.numClasses = 2;
    d.x = Tensor({ n, 2 });
    Rng rng(seed);
    for (int64_t i = 0; i < n; ++i) {
        const int32_t label = int32_t(i % 2);
        const float c = label ? 1.0f : -1.0f;
        d.x[2 * i] = c + float(rng.normal(0, 0.5));
        d.x[2 * i + 1] = c + float(rng.normal(0, 0.5));
        d.labels.push_back(label);
    }
    return d;
}

Sequential smallNet(int64_t hidden = 8)
{
    Sequential m({ 2 });
    m.emplace<Dense>(hidden);
    m.emplace<ActivationLayer>(ActivationKind::Tanh);
    m.emplace<Dense>(2);
    m.build();
    m.initialize(1);
    return m;
}

std::vector<Tensor> weightsOf(Sequential& model)
{
    std::vector<Tensor> weights;
    for (Param* p : model.params())
        weights.push_back(p->value);
    return weights;
}

TrainConfig quickConfig(int epochs)
{
    TrainConfig c;
    c.epochs = epochs;
    c.batchSize = 16;
    c.seed = 3;
    c.threads = 1;
    c.optimizer.kind = OptimizerKind::Adam;
    c.optimizer.learningRate = 0.01f;
    return c;
}

// y = 1000 x on x = 0..63: plain SGD at learning rate 10 overflows within a few batches.
Dataset ramp()
{
    Dataset d;
    d.name = "ramp";
    d.x = Tensor({ 64, 1 });
    d.targets = Tensor({ 64, 1 });
    for (int i = 0; i < 64; ++i) {
        d.x[i] = float(i);
        d.targets[i] = float(i) * 1000.0f;
    }
    return d;
}

// One weight and a bias, y = w x + b, to fit the ramp with.
Sequential line()
{
    Sequential m({ 1 });
    m.emplace<Dense>(1);
    m.build();
    m.initialize(0);
    return m;
}

// Plain SGD at learning rate 10 on the squared error: diverges on the ramp.
TrainConfig divergingConfig(int epochs)
{
    TrainConfig c = quickConfig(epochs);
    c.loss = LossKind::MeanSquaredError;
    c.optimizer.kind = OptimizerKind::SGD;
    c.optimizer.learningRate = 10.0f;
    return c;
}

} // namespace

TEST(Trainer, LearnsTwoSeparableBlobs)
{
    const Dataset train = blobs(400, 1), test = blobs(200, 2);
    Sequential model = smallNet();
    Trainer trainer(model, train, &test, quickConfig(5));
    int epochs = 0;
    double lastValAcc = 0;
    trainer.onEpoch = [&](const EpochProgress& e) {
        ++epochs;
        lastValAcc = e.validationAccuracy;
        EXPECT_TRUE(e.hasValidation);
        EXPECT_GT(e.samplesPerSecond, 0);
    };
    const TrainResult r = trainer.run();
    EXPECT_EQ(r.reason, StopReason::Finished);
    EXPECT_EQ(epochs, 5);
    EXPECT_EQ(r.steps, 5 * 25);
    EXPECT_GT(lastValAcc, 0.95);
    EXPECT_GT(evaluate(model, test, LossKind::SoftmaxCrossEntropy).accuracy, 0.95);
}

TEST(Trainer, SameSeedAndThreadsGiveBitIdenticalWeights)
{
    const Dataset train = blobs(300, 5);
    auto trainOnce = [&](uint64_t seed) {
        Sequential model = smallNet(32);
        model.initialize(seed);
        TrainConfig c = quickConfig(3);
        c.seed = seed;
        c.threads = 2;
        Trainer(model, train, nullptr, c).run();
        return weightsOf(model);
    };
    const auto a = trainOnce(11), b = trainOnce(11), c = trainOnce(12);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i)
        EXPECT_EQ(a[i], b[i]) << "parameter " << i << " differs between two runs with the same seed";
    EXPECT_NE(a[0], c[0]) << "a different seed should give different weights";
}

// #23 item 5: the speed work must not cost reproducibility. Dropout draws its masks from the
// seed; with two threads splitting the batch, the same seed still gives every weight bit for bit.
TEST(Trainer, DropoutOnTwoThreadsGivesBitIdenticalWeightsForTheSameSeed)
{
    const Dataset train = blobs(640, 7);
    auto trainOnce = [&](uint64_t seed) {
        Sequential m({ 2 });
        m.emplace<Dense>(64);
        m.emplace<ActivationLayer>(ActivationKind::ReLU);
        m.emplace<Dropout>(0.5f);
        m.emplace<Dense>(32);
        m.emplace<ActivationLayer>(ActivationKind::ReLU);
        m.emplace<Dropout>(0.3f);
        m.emplace<Dense>(2);
        m.build();
        m.initialize(seed);
        TrainConfig c = quickConfig(3);
        c.batchSize = 64; // large enough for both threads to take part of every batch
        c.seed = seed;
        c.threads = 2;
        Trainer(m, train, nullptr, c).run();
        return weightsOf(m);
    };
    const auto a = trainOnce(21), b = trainOnce(21), c = trainOnce(22);
    ASSERT_EQ(a.size(), 6u);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i)
        EXPECT_EQ(a[i], b[i]) << "parameter " << i << " differs between two runs with the same seed";
    EXPECT_NE(a[2], c[2]) << "a different seed should give different weights";
}

// Subnormals (util/Subnormals.h). Every optimizer moment starts at 1e-39, below 2^-126; the
// second input is 0 in every sample, so the weights it feeds get a zero gradient at every step and
// their momentum only decays: 0.9^k 1e-39 stays subnormal for over 100 steps, unless the run
// flushes, where DAZ reads it as 0. The calling thread and both OpenMP threads flush during
// run() and not after it.
TEST(Trainer, SubnormalsAreFlushedOnEveryThreadWhileItTrainsUnlessTheConfigKeepsThem)
{
    Dataset train = blobs(128, 9);
    for (int64_t i = 0; i < train.size(); ++i)
        train.x[2 * i + 1] = 0.0f;
    const test::TeamFlushing before = test::teamFlushing();
    EXPECT_EQ(before.flushing, 0); // the team exists before run(): its threads cannot inherit the flush
    const auto trainOnce = [&](bool flush, int* threadsFlushing) {
        Sequential model = smallNet();
        TrainConfig c = quickConfig(1);
        c.optimizer.kind = OptimizerKind::SGD;
        c.optimizer.momentum = 0.9f;
        c.threads = 2;
        c.flushSubnormals = flush;
        Trainer trainer(model, train, nullptr, c);
        TrainerState state = trainer.state();
        for (Optimizer::State& m : state.moments)
            m.first.vector().setConstant(1e-39f);
        trainer.restore(state);
        std::atomic<int> flushing { -1 };
        trainer.onBatch = [&](const BatchProgress&) { flushing = (subnormalsFlushed() ? 1 : 0) + test::teamFlushing().flushing; };
        EXPECT_EQ(trainer.run().reason, StopReason::Finished);
        *threadsFlushing = flushing;
        EXPECT_FALSE(subnormalsFlushed()) << "run() leaves the thread as it found it";
        EXPECT_EQ(test::teamFlushing().flushing, 0) << "and its OpenMP threads";
        int subnormal = 0;
        for (const Optimizer::State& m : trainer.optimizer().state())
            for (int64_t i = 0; i < m.first.size(); ++i)
                subnormal += std::fpclassify(m.first[i]) == FP_SUBNORMAL;
        return subnormal;
    };
    int flushing = 0;
    EXPECT_EQ(trainOnce(true, &flushing), 0);
    EXPECT_EQ(flushing, 1 + before.team) << "the calling thread and every thread of its OpenMP team";
    EXPECT_GE(trainOnce(false, &flushing), 8) << "the 8 weights the zero input feeds, at least";
    EXPECT_EQ(flushing, 0);
}

// Configs without the key flush; a run record written before the key existed re-runs without.
TEST(Trainer, ConfigsFlushSubnormalsAndRecordsWithoutTheKeyReRunKeepingThem)
{
    EXPECT_TRUE(TrainConfig::fromJson({ { "epochs", 1 } }).flushSubnormals);
    EXPECT_FALSE(TrainConfig::fromJson({ { "flush_subnormals", false } }).flushSubnormals);
    TrainConfig keep;
    keep.flushSubnormals = false;
    EXPECT_FALSE(TrainConfig::fromJson(keep.toJson()).flushSubnormals);
    EXPECT_THROW(TrainConfig::fromJson({ { "flush_subnormals", "yes" } }), ConfigError);

    Experiment e;
    e.model = "mlp";
    nlohmann::json recorded = e.toJson();
    EXPECT_TRUE(Experiment::fromRecord(recorded).train.flushSubnormals);
    recorded["train"]["flush_subnormals"] = false;
    EXPECT_FALSE(Experiment::fromRecord(recorded).train.flushSubnormals);
    recorded["train"].erase("flush_subnormals"); // as runs were recorded up to session 20
    EXPECT_FALSE(Experiment::fromRecord(recorded).train.flushSubnormals);
    EXPECT_TRUE(Experiment::fromJson(recorded).train.flushSubnormals) << "a config a person wrote";
}

TEST(Trainer, PauseStepResumeAndStopFromAnotherThread)
{
    const Dataset train = blobs(20000, 6);
    Sequential model = smallNet();
    TrainConfig c = quickConfig(1000);
    Trainer trainer(model, train, nullptr, c);
    std::atomic<int64_t> batches { 0 };
    trainer.onBatch = [&](const BatchProgress&) { ++batches; };
    trainer.pause(); // start paused: nothing runs until asked
    TrainResult result;
    std::thread worker([&] { result = trainer.run(); });

    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(batches.load(), 0) << "batches ran while paused";

    trainer.requestSteps(1);
    for (int i = 0; i < 200 && batches.load() < 1; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(batches.load(), 1) << "one step request must run exactly one batch";

    trainer.resume();
    for (int i = 0; i < 400 && batches.load() < 50; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_GE(batches.load(), 50) << "training did not resume";

    trainer.stop();
    worker.join();
    EXPECT_EQ(result.reason, StopReason::Stopped);
    const int64_t atStop = batches.load();
    EXPECT_EQ(result.steps, atStop);
}

TEST(Trainer, StopWhilePausedEndsPromptly)
{
    const Dataset train = blobs(100, 7);
    Sequential model = smallNet();
    Trainer trainer(model, train, nullptr, quickConfig(10));
    trainer.pause();
    TrainResult result;
    std::thread worker([&] { result = trainer.run(); });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    trainer.stop();
    worker.join();
    EXPECT_EQ(result.reason, StopReason::Stopped);
    EXPECT_EQ(result.steps, 0);
}

TEST(Trainer, PostedEditsReachTheModelBetweenBatches)
{
    const Dataset train = blobs(100, 8);
    Sequential model = smallNet();
    Trainer trainer(model, train, nullptr, quickConfig(1));
    trainer.pause();
    std::thread worker([&] { trainer.run(); });
    std::atomic<bool> applied { false };
    trainer.post([&](Sequential& m) {
        static_cast<Dense&>(m.layer(0)).kernel().value[0] = 42.0f;
        applied = true;
    });
    for (int i = 0; i < 200 && !applied; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_TRUE(applied.load()) << "an edit posted while paused was not applied";
    EXPECT_EQ(static_cast<Dense&>(model.layer(0)).kernel().value[0], 42.0f);
    trainer.stop();
    worker.join();
}

TEST(Trainer, DivergenceStopsWithAReadableReason)
{
    const Dataset train = ramp();
    Sequential model = line();
    const TrainConfig c = divergingConfig(50);
    const TrainResult r = Trainer(model, train, nullptr, c).run();
    ASSERT_EQ(r.reason, StopReason::Diverged);
    EXPECT_NE(r.message.find("learning rate"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("epoch"), std::string::npos) << r.message;
}

TEST(Trainer, RejectsAModelThatDoesNotFitTheData)
{
    const Dataset train = blobs(10, 9);
    Sequential wrongInput({ 3 });
    wrongInput.emplace<Dense>(2);
    wrongInput.build();
    EXPECT_THROW(Trainer(wrongInput, train, nullptr, quickConfig(1)), ShapeError);
    Sequential wrongOutput({ 2 });
    wrongOutput.emplace<Dense>(5);
    wrongOutput.build();
    EXPECT_THROW(Trainer(wrongOutput, train, nullptr, quickConfig(1)), ShapeError);
}

TEST(Trainer, LearningRateChangeTakesEffectAtTheNextBatch)
{
    const Dataset train = blobs(64, 10);
    Sequential model = smallNet();
    Trainer trainer(model, train, nullptr, quickConfig(2));
    std::vector<float> rates;
    trainer.onBatch = [&](const BatchProgress& b) {
        rates.push_back(b.learningRate);
        if (b.step == 2)
            trainer.setLearningRate(0.5f);
    };
    trainer.run();
    ASSERT_GE(rates.size(), 4u);
    EXPECT_FLOAT_EQ(rates[1], 0.01f);
    EXPECT_FLOAT_EQ(rates[2], 0.5f);
}

TEST(Trainer, StopBeforeRunCancelsWithoutTouchingTheModel)
{
    // Cancel pressed before the worker got going: no batch runs, the weights stay as they were.
    const Dataset train = blobs(200, 11);
    Sequential model = smallNet();
    const float before = static_cast<Dense&>(model.layer(0)).kernel().value[0];
    Trainer trainer(model, train, nullptr, quickConfig(3));
    int batches = 0;
    trainer.onBatch = [&](const BatchProgress&) { ++batches; };
    trainer.stop();
    const TrainResult r = trainer.run();
    EXPECT_EQ(r.reason, StopReason::Stopped);
    EXPECT_EQ(r.steps, 0);
    EXPECT_EQ(batches, 0);
    EXPECT_EQ(static_cast<Dense&>(model.layer(0)).kernel().value[0], before);
}

TEST(Trainer, StopFromTheBatchCallbackEndsAfterThatBatch)
{
    // The GUI's cancel arrives between batches: the batch that saw it is the last one.
    const Dataset train = blobs(2000, 12);
    Sequential model = smallNet();
    Trainer trainer(model, train, nullptr, quickConfig(5));
    int batches = 0;
    trainer.onBatch = [&](const BatchProgress&) {
        if (++batches == 7)
            trainer.stop();
    };
    const TrainResult r = trainer.run();
    EXPECT_EQ(r.reason, StopReason::Stopped);
    EXPECT_EQ(batches, 7);
    EXPECT_EQ(r.steps, 7);
}

TEST(Trainer, DivergenceSaysWhenItHappened)
{
    // A learning rate that explodes at once: the result says at which step and epoch it stopped,
    // and no epoch is reported as completed after the loss became non-finite.
    const Dataset train = ramp();
    Sequential model = line();
    const TrainConfig c = divergingConfig(50);
    Trainer trainer(model, train, nullptr, c);
    int epochsSeen = 0;
    trainer.onEpoch = [&](const EpochProgress&) { ++epochsSeen; };
    const TrainResult r = trainer.run();
    ASSERT_EQ(r.reason, StopReason::Diverged);
    EXPECT_GT(r.steps, 0);
    EXPECT_LT(r.steps, int64_t(50) * 4) << "it should stop long before the last of 50 epochs of 4 batches";
    EXPECT_LT(r.epochsCompleted, 50);
    EXPECT_EQ(epochsSeen, r.epochsCompleted);
}

// #9: what a diverged or cancelled training leaves in its run record (the glue of run/RunStore:
// recordTraining, statusOf), as the CLI and the Training panel finish it.
namespace {

RunInfo recordAndFinish(Trainer& trainer, Sequential& model, const std::string& path, TrainResult& result)
{
    RunHeader h;
    h.name = "t";
    h.modelConfig = model.config();
    RunWriter writer(path, h);
    recordTraining(trainer, model, writer);
    result = trainer.run();
    writer.finish(statusOf(result.reason), &model, nullptr, result.message);
    return readRunInfo(path);
}

bool allFinite(Sequential& model)
{
    for (Param* p : model.params())
        if (!p->value.vector().allFinite())
            return false;
    return true;
}

} // namespace

TEST(Trainer, ADivergedTrainingIsRecordedAsDivergedWithItsReason)
{
    const Dataset train = ramp();
    Sequential model = line();
    const TrainConfig c = divergingConfig(50);
    Trainer trainer(model, train, nullptr, c);
    ws::test::TempDir dir;
    TrainResult r;
    const RunInfo info = recordAndFinish(trainer, model, dir.file("run.h5"), r);
    ASSERT_EQ(r.reason, StopReason::Diverged);
    EXPECT_EQ(info.status, RunStatus::Diverged);
    EXPECT_EQ(info.message, r.message);
    EXPECT_EQ(info.epochsCompleted, r.epochsCompleted);
    const RunHistory batches = readRunHistory(dir.file("run.h5"), HistoryKind::Batch);
    ASSERT_GT(batches.size(), 0u);
    // Every step taken is a row. The batch whose loss or gradient was not finite is caught before
    // the optimizer's step (the weights stay finite), so it took no step and is no row.
    EXPECT_EQ(batches.step.back(), r.steps);
    EXPECT_EQ(int64_t(batches.size()), r.steps);
    EXPECT_EQ(readRunHistory(dir.file("run.h5"), HistoryKind::Epoch).size(), size_t(r.epochsCompleted));
}

TEST(Trainer, ACancelledTrainingIsRecordedAsStoppedUpToItsLastBatch)
{
    const Dataset train = blobs(2000, 12);
    Sequential model = smallNet();
    Trainer trainer(model, train, nullptr, quickConfig(5));
    int batches = 0;
    trainer.onBatch = [&](const BatchProgress&) {
        if (++batches == 130) // in the second epoch (125 batches of 16 each)
            trainer.stop();
    };
    ws::test::TempDir dir;
    TrainResult r;
    const RunInfo info = recordAndFinish(trainer, model, dir.file("run.h5"), r);
    ASSERT_EQ(r.reason, StopReason::Stopped);
    EXPECT_EQ(info.status, RunStatus::Stopped);
    EXPECT_EQ(info.steps, 130);
    EXPECT_EQ(info.epochsCompleted, 1);
    EXPECT_EQ(readRunHistory(dir.file("run.h5"), HistoryKind::Batch).size(), 130u);
    // The weights of the moment it stopped are the ones stored.
    Sequential stored = loadRunWeights(dir.file("run.h5"));
    EXPECT_EQ(static_cast<Dense&>(stored.layer(0)).kernel().value[0], static_cast<Dense&>(model.layer(0)).kernel().value[0]);
}

TEST(Trainer, PausesOnDivergenceWithFiniteWeightsAndStopEndsIt)
{
    const Dataset train = ramp();
    Sequential model = line();
    const TrainConfig c = divergingConfig(50);
    Trainer trainer(model, train, nullptr, c);
    trainer.setPauseOnDivergence(true);
    std::vector<std::string> messages;
    bool finiteWhilePaused = false, pausedWhenTold = false;
    trainer.onDiverged = [&](const std::string& message) {
        messages.push_back(message);
        finiteWhilePaused = allFinite(model); // the training thread is here: the model is ours to read
        pausedWhenTold = trainer.isPaused();
        trainer.stop();
    };
    const TrainResult r = trainer.run();
    EXPECT_EQ(r.reason, StopReason::Diverged);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(r.message, messages[0].substr(0, r.message.size())) << r.message;
    EXPECT_NE(messages[0].find("learning rate"), std::string::npos) << messages[0];
    EXPECT_TRUE(finiteWhilePaused);
    EXPECT_TRUE(pausedWhenTold);
    EXPECT_TRUE(allFinite(model));
}

TEST(Trainer, ContinuesAfterDivergenceAtALowerLearningRate)
{
    const Dataset train = ramp();
    Sequential model = line();
    const TrainConfig c = divergingConfig(150);
    Trainer trainer(model, train, nullptr, c);
    trainer.setPauseOnDivergence(true);
    int divergences = 0;
    trainer.onDiverged = [&](const std::string&) {
        ++divergences;
        // What the GUI's "Lower the learning rate" does, from the GUI thread; here from the
        // training thread, which the controls allow too.
        trainer.setLearningRate(trainer.learningRate() / 100.0f);
        trainer.resume();
    };
    const TrainResult r = trainer.run();
    EXPECT_EQ(r.reason, StopReason::Finished) << r.message;
    EXPECT_GE(divergences, 1);
    EXPECT_LT(trainer.learningRate(), 1.0f);
    EXPECT_TRUE(allFinite(model));
    // It learnt the slope after all: y = 1000 x within 10 % at x = 50 (SGD is stable below
    // a learning rate of about 1 / mean(x^2) = 7.6e-4, so it ends at 1e-5 after diverging at
    // 10, 0.1 and 1e-3, each time rolled back to the initial weights; the last of the 600 steps
    // shrink the error by 0.974 each).
    Workspace ws = model.makeWorkspace();
    Tensor x({ 1, 1 });
    x[0] = 50.0f;
    EXPECT_NEAR(model.forward(x, ws, false)[0], 50000.0f, 5000.0f);
}

TEST(Trainer, FineTuningStartsFromTheLoadedModelsWeights)
{
    // A small native model, trained a little and saved as `weightscope-cli train --save` does.
    ws::test::TempDir dir;
    const Dataset train = blobs(96, 4);
    Sequential original = smallNet();
    Trainer(original, train, nullptr, quickConfig(1)).run();
    const std::string path = dir.file("small.h5");
    saveModel(path, original);

    Experiment e;
    e.initFrom = path;
    e.model = "dense(3) dense(2)"; // ignored: the file's layers and weights are taken over
    e.train = quickConfig(1);
    e.train.shuffle = false;
    e.train.batchSize = train.size(); // the first batch is the whole set, in order
    e.train.seed = 99;                // would initialise other weights if it were used
    PreparedRun run = prepareRun(e, train, Dataset {});
    ASSERT_EQ(run.model.paramCount(), original.paramCount());

    Sequential loaded = loadModel(path).model;
    const double expected = evaluate(loaded, train, run.config.loss, 1000, 0).loss;
    Trainer trainer(run.model, run.train, nullptr, run.config);
    double first = -1;
    trainer.onBatch = [&](const BatchProgress& p) {
        if (p.step == 1)
            first = p.loss;
    };
    ASSERT_EQ(trainer.run().reason, StopReason::Finished);
    EXPECT_NEAR(first, expected, 1e-6 * std::max(1.0, expected)) << "the first batch's loss is the loaded model's";
    // A freshly initialised model would start elsewhere.
    Sequential freshModel = smallNet();
    const double fresh = evaluate(freshModel, train, run.config.loss, 1000, 0).loss;
    EXPECT_GT(std::abs(fresh - expected), 1e-3);
}

// --init-from a bare state dict takes the layers of --model (io/StateDictModel.h); without them
// the refusal says what is missing.
TEST(Trainer, FineTuningABareStateDictTakesTheLayersOfTheModelSpec)
{
    const std::string models = std::string(WS_TEST_DATA_DIR) + "/torch/models/";
    const NpyFile input(models + "statedict_mlp_input.npy");
    Dataset train;
    train.name = "nchw";
    train.numClasses = 4;
    train.x = input.readTensor(0);
    train.labels = { 0, 3 };
    Experiment e;
    e.initFrom = models + "statedict_mlp.pt";
    e.model = "conv2d(3, 3) relu maxpool2d(2) flatten dense(5) relu dense(4)";
    PreparedRun run = prepareRun(e, train, Dataset {});
    ASSERT_EQ(run.weightAssignments.size(), 6u);
    EXPECT_EQ(run.weightAssignments.back(), "6.bias (4,) -> layer 7 Dense(units=4): bias");
    Workspace ws = run.model.makeWorkspace();
    const Tensor y = run.model.forward(train.x, ws, false);
    const Tensor want = NpyFile(models + "statedict_mlp_output.npy").readTensor(0);
    ASSERT_EQ(y.shape(), want.shape());
    for (int64_t i = 0; i < y.size(); ++i)
        EXPECT_NEAR(y[i], want[i], 1e-5) << "output " << i;

    e.model = "auto";
    try {
        prepareRun(e, train, Dataset {});
        ADD_FAILURE() << "no ConfigError";
    } catch (const ConfigError& ex) {
        EXPECT_NE(std::string(ex.what()).find("a bare state dict needs its layers as --model"), std::string::npos)
            << ex.what();
    }
}

// --init-from a TorchScript Sequential (#17 item 5): scripted and traced, the model that starts
// training gives PyTorch's outputs.
TEST(Trainer, FineTuningATorchScriptSequentialStartsFromPyTorchsModel)
{
    const std::string models = std::string(WS_TEST_DATA_DIR) + "/torch/models/";
    Dataset train;
    train.name = "nchw";
    train.numClasses = 4;
    train.x = NpyFile(models + "cnn_input.npy").readTensor(0);
    train.labels = { 0, 3 };
    const Tensor want = NpyFile(models + "cnn_output.npy").readTensor(0);
    for (const char* name : { "cnn_scripted.pt", "cnn_traced.pt" }) {
        Experiment e;
        e.initFrom = models + name;
        PreparedRun run = prepareRun(e, train, Dataset {});
        Workspace ws = run.model.makeWorkspace();
        const Tensor y = run.model.forward(train.x, ws, false);
        ASSERT_EQ(y.shape(), want.shape()) << name;
        for (int64_t i = 0; i < y.size(); ++i)
            EXPECT_NEAR(y[i], want[i], 1e-5) << name << " output " << i;
    }
}

TEST(Trainer, FineTuningRefusesDataOfAnotherShapeNamingBoth)
{
    ws::test::TempDir dir;
    Sequential original = smallNet();
    const std::string path = dir.file("small.h5");
    saveModel(path, original);
    Dataset wide;
    wide.name = "wide";
    wide.numClasses = 2;
    wide.x = Tensor({ 4, 3 });
    wide.labels = { 0, 1, 0, 1 };
    Experiment e;
    e.initFrom = path;
    try {
        prepareRun(e, wide, Dataset {});
        ADD_FAILURE() << "no ShapeError";
    } catch (const ShapeError& ex) {
        const std::string m = ex.what();
        EXPECT_NE(m.find(path), std::string::npos) << m;
        EXPECT_NE(m.find("inputs of shape (2,)"), std::string::npos) << m;
        EXPECT_NE(m.find("samples have shape (3,)"), std::string::npos) << m;
    }
    // The experiment keeps the file in its JSON, so a recorded run can be repeated.
    EXPECT_EQ(Experiment::fromJson(e.toJson()).initFrom, path);
}

// The exploding and not-learning verdicts behind the Training panel's dialog
// (train/TrainingHealth.h): finite losses that go nowhere.
TEST(TrainingHealth, ExplodingAndFlatAtChanceAreCalledHealthyRunsAreNot)
{
    // A network killed by a huge learning rate: cross-entropy 2.3 at the start, 2.5e10 later.
    const std::string exploding = trainingProblem(2.3, { 4.1, 2.5e10 }, { 0.1, 0.1 }, 10, 5.0);
    EXPECT_NE(exploding.find("exploding"), std::string::npos) << exploding;
    EXPECT_NE(exploding.find("learning rate (now 5)"), std::string::npos) << exploding;
    // Units died: 10 % accuracy and a loss of 2.0 for three epochs.
    const std::string flat = trainingProblem(2.3, { 2.3, 2.01, 2.0, 2.0 }, { 0.12, 0.1, 0.1, 0.1 }, 10, 3.0);
    EXPECT_NE(flat.find("not learning"), std::string::npos) << flat;
    // Healthy: falling loss; at chance but still moving (early epochs); regression; too few epochs.
    EXPECT_EQ(trainingProblem(2.3, { 0.9, 0.6, 0.5 }, { 0.7, 0.8, 0.82 }, 10, 0.001), "");
    EXPECT_EQ(trainingProblem(2.3, { 2.3, 2.2, 2.1 }, { 0.1, 0.1, 0.1 }, 10, 0.001), "");
    EXPECT_EQ(trainingProblem(0.5, { 0.5, 0.5, 0.5 }, { NAN, NAN, NAN }, 0, 0.001), "");
    EXPECT_EQ(trainingProblem(2.3, { 2.0, 2.0 }, { 0.1, 0.1 }, 10, 0.001), "");
    // A loss that grew, but less than tenfold, is left to the person.
    EXPECT_EQ(trainingProblem(2.3, { 2.3, 9.0 }, { 0.3, 0.3 }, 10, 0.001), "");
}
