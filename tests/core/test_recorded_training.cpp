// SPDX-License-Identifier: GPL-3.0-or-later
// The one recorded training session (core/run/RecordedTraining.h) that the command line, the
// Training panel and the Playground share: what becomes of the record however a run ends, and
// the Playground's recipe re-run from its record bit for bit, with the person's changes replayed.
#include "RunCompare.h"
#include "TempDir.h"

#include "nn/Dense.h"
#include "data/PlaygroundPoints.h"
#include "run/PlaygroundRun.h"
#include "run/RecordedTraining.h"
#include "run/Replay.h"
#include "run/RunStore.h"
#include "train/PlaygroundRecipe.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <cstring>

using namespace ws;
using ws::test::TempDir;

namespace {

PlaygroundRecipe circle()
{
    PlaygroundRecipe r;
    r.dataset = PlaygroundKind::Circle;
    r.hidden = { 4 };
    r.batchSize = 10;
    r.learningRate = 0.03f;
    return r;
}

// A recorded session on `setup` that ends after `epochs` epochs (without pausing on divergence,
// as the command line trains).
std::unique_ptr<RecordedTraining> session(PlaygroundSetup& setup, const std::string& dir, int epochs)
{
    setup.config.epochs = epochs;
    RecordingOptions options;
    options.runsDir = dir;
    return std::make_unique<RecordedTraining>(setup.model, setup.data.train, nullptr, setup.data.test, setup.config,
        playgroundRunHeader(setup), options);
}

} // namespace

TEST(RecordedTraining, AFinishedRunIsKeptAsCompletedWithItsTestEvaluation)
{
    TempDir dir;
    PlaygroundSetup setup(circle());
    auto s = session(setup, dir.path, 3);
    const SessionOutcome out = s->run();
    EXPECT_EQ(out.result.reason, StopReason::Finished);
    ASSERT_FALSE(out.recordPath.empty());
    ASSERT_TRUE(out.evaluated);
    EXPECT_EQ(out.predicted.size(), size_t(setup.data.test.size())) << "one predicted class per test sample";
    const RunInfo info = readRunInfo(out.recordPath);
    EXPECT_EQ(info.status, RunStatus::Completed);
    EXPECT_EQ(info.epochsCompleted, 3);
    EXPECT_DOUBLE_EQ(info.final["loss"].get<double>(), out.evaluation.loss);
    EXPECT_EQ(info.final["samples"].get<int64_t>(), setup.data.test.size());
}

TEST(RecordedTraining, AStoppedRunIsKeptAsStoppedSayingWhenAndIsEvaluated)
{
    TempDir dir;
    PlaygroundSetup setup(circle());
    auto s = session(setup, dir.path, 100);
    const int64_t stopAt = setup.data.batchesPerEpoch + 3;
    s->trainer().onBatch = [&](const BatchProgress& p) {
        if (p.step == stopAt)
            s->trainer().stop();
    };
    const SessionOutcome out = s->run();
    EXPECT_EQ(out.result.reason, StopReason::Stopped);
    EXPECT_TRUE(out.evaluated);
    const RunInfo info = readRunInfo(out.recordPath);
    EXPECT_EQ(info.status, RunStatus::Stopped);
    EXPECT_EQ(info.epochsCompleted, 1);
    EXPECT_EQ(info.message, "stopped after " + std::to_string(stopAt) + " steps");
    EXPECT_FALSE(info.final.is_null());
}

TEST(RecordedTraining, ARunStoppedInItsFirstEpochLeavesNoRecord)
{
    TempDir dir;
    PlaygroundSetup setup(circle());
    auto s = session(setup, dir.path, 100);
    // Until its first epoch the record is "<run>.h5.part": the Runs dock lists no empty run.
    EXPECT_TRUE(test::runFiles(dir.path).empty());
    ASSERT_TRUE(std::filesystem::exists(s->recordPath() + ".part")) << "the record exists while the run is on";
    s->trainer().onBatch = [&](const BatchProgress& p) {
        if (p.step == 2)
            s->trainer().stop();
    };
    const SessionOutcome out = s->run();
    EXPECT_EQ(out.result.reason, StopReason::Stopped);
    EXPECT_TRUE(out.recordPath.empty());
    EXPECT_FALSE(out.evaluated);
    EXPECT_TRUE(std::filesystem::is_empty(dir.path)) << "neither the run nor its .part file is left";
}

TEST(RecordedTraining, ASessionThatNeverRanLeavesNoRecord)
{
    TempDir dir;
    PlaygroundSetup setup(circle());
    {
        auto s = session(setup, dir.path, 3);
        EXPECT_FALSE(s->recordPath().empty());
    }
    EXPECT_TRUE(test::runFiles(dir.path).empty());
}

TEST(RecordedTraining, ADivergedRunIsKeptWithTheWeightsItEndedWithAndNoEvaluation)
{
    TempDir dir;
    PlaygroundRecipe r = circle();
    r.dataset = PlaygroundKind::Plane; // regression: SGD at rate 10 blows up within a few batches
    PlaygroundSetup setup(r);
    auto s = session(setup, dir.path, 100);
    s->trainer().onEpoch = [&](const EpochProgress& p) {
        if (p.epoch == 0)
            s->setLearningRate(10.0f); // after one good epoch, so that the record is kept
    };
    const SessionOutcome out = s->run();
    ASSERT_EQ(out.result.reason, StopReason::Diverged);
    EXPECT_FALSE(out.evaluated);
    const RunInfo info = readRunInfo(out.recordPath);
    EXPECT_EQ(info.status, RunStatus::Diverged);
    EXPECT_TRUE(info.final.is_null()) << info.final.dump();
    EXPECT_FALSE(info.message.empty());
    // Without the GUI's pause and rollback, where the weights blew up is what the record shows.
    Sequential kept = loadRunWeights(out.recordPath);
    ASSERT_EQ(kept.size(), setup.model.size());
    for (size_t i = 0; i < kept.size(); ++i) {
        const auto a = kept.layer(i).params(), b = setup.model.layer(i).params();
        for (size_t k = 0; k < a.size(); ++k)
            EXPECT_EQ(std::memcmp(a[k]->value.data(), b[k]->value.data(), size_t(a[k]->value.size()) * sizeof(float)), 0)
                << kept.layer(i).name() << " " << a[k]->name;
    }
}

TEST(RecordedTraining, ALearningRateChangeTakesEffectAtTheStepItIsRecordedAt)
{
    TempDir dir;
    PlaygroundSetup setup(circle());
    auto s = session(setup, dir.path, 2);
    s->trainer().onBatch = [&](const BatchProgress& p) {
        if (p.step == 7)
            s->setLearningRate(0.25f);
    };
    const SessionOutcome out = s->run();
    const std::vector<RunEvent> events = readRunEvents(out.recordPath);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, "learning_rate");
    EXPECT_EQ(events[0].step, 7);
    const RunHistory h = readRunHistory(out.recordPath, HistoryKind::Batch);
    ASSERT_GT(h.size(), 8u);
    EXPECT_FLOAT_EQ(float(h.learningRate[6]), 0.03f) << "step 7, before the change";
    EXPECT_FLOAT_EQ(float(h.learningRate[7]), 0.25f) << "step 8, the first after it";
}

TEST(PlaygroundRerun, ReplaysWeightEditsAndLearningRateChangesBitForBit)
{
    TempDir dir;
    PlaygroundSetup setup(circle());
    auto s = makePlaygroundSession(setup, playgroundRunHeader(setup), dir.path);
    const int64_t stopAt = 2 * setup.data.batchesPerEpoch + 5; // mid-epoch, as a person stops
    const PlaygroundWeightEdit edit { 1, 0, 2, 1.75f };
    s->trainer().onBatch = [&](const BatchProgress& p) {
        if (p.step == 5)
            s->setLearningRate(0.1f);
        if (p.step == 9)
            s->post([edit](Sequential& m) { applyPlaygroundEdit(m, edit); }, "weight_edit", edit.toJson());
        if (p.step == stopAt)
            s->trainer().stop();
    };
    const SessionOutcome first = s->run();
    ASSERT_FALSE(first.recordPath.empty());
    EXPECT_EQ(readRunEvents(first.recordPath).size(), 2u);

    const RunInfo info = readRunInfo(first.recordPath);
    PlaygroundSetup again(playgroundRecipeFromRun(info.header.config));
    TempDir dir2;
    auto s2 = makePlaygroundSession(again, playgroundRunHeader(again), dir2.path);
    const auto replaying = replay(*s2, replayPlan(first.recordPath, false));
    const SessionOutcome second = s2->run();
    EXPECT_EQ(second.result.steps, stopAt);
    test::expectIdenticalRuns(first.recordPath, second.recordPath);
    EXPECT_EQ(readRunEvents(second.recordPath).size(), 2u);

    // Without the replay the weights differ: the comparison above can fail.
    PlaygroundSetup plain(playgroundRecipeFromRun(info.header.config));
    TempDir dir3;
    auto s3 = makePlaygroundSession(plain, playgroundRunHeader(plain), dir3.path);
    s3->trainer().onBatch = [&](const BatchProgress& p) {
        if (p.step == stopAt)
            s3->trainer().stop();
    };
    const SessionOutcome third = s3->run();
    EXPECT_FALSE(test::sameBits(readRunHistory(first.recordPath, HistoryKind::Batch).loss,
        readRunHistory(third.recordPath, HistoryKind::Batch).loss));
}

TEST(PlaygroundRerun, ReplaysADivergenceThePersonAnsweredWithALowerRateBitForBit)
{
    TempDir dir;
    PlaygroundRecipe r = circle();
    r.dataset = PlaygroundKind::Plane;
    r.learningRate = 10.0f; // SGD: diverges within a few batches, then pauses (Playground)
    PlaygroundSetup setup(r);
    auto s = makePlaygroundSession(setup, playgroundRunHeader(setup), dir.path);
    int divergences = 0;
    s->trainer().onDiverged = [&](const std::string&) { // the person lowers the rate and goes on
        ++divergences;
        s->setLearningRate(0.01f);
        s->trainer().resume();
    };
    s->trainer().onEpoch = [&](const EpochProgress& p) {
        if (p.epoch == 2)
            s->trainer().stop();
    };
    const SessionOutcome first = s->run();
    ASSERT_GE(divergences, 1);
    ASSERT_FALSE(first.recordPath.empty());
    const std::vector<RunEvent> events = readRunEvents(first.recordPath);
    ASSERT_GE(events.size(), 2u);
    EXPECT_EQ(events[0].kind, "diverged");
    EXPECT_EQ(events[1].kind, "learning_rate");
    EXPECT_EQ(events[0].step, events[1].step);

    PlaygroundSetup again(playgroundRecipeFromRun(readRunInfo(first.recordPath).header.config));
    TempDir dir2;
    auto s2 = makePlaygroundSession(again, playgroundRunHeader(again), dir2.path);
    const auto replaying = replay(*s2, replayPlan(first.recordPath, false));
    const SessionOutcome second = s2->run();
    test::expectIdenticalRuns(first.recordPath, second.recordPath);
}

TEST(PlaygroundRecipe, TheRunConfigReadsBackAsTheSameRecipe)
{
    PlaygroundRecipe r;
    r.dataset = PlaygroundKind::Xor;
    r.noise = 0.25;
    r.testShare = 0.3;
    r.features = FeatureX1 | FeatureX1X2 | FeatureSinX2;
    r.hidden = { 3, 16, 1 };
    r.activation = ActivationKind::ReLU;
    r.optimizer = OptimizerKind::Adam;
    r.learningRate = 0.003f;
    r.regularization = Regularization::L2;
    r.regularizationRate = 0.001f;
    r.batchSize = 7;
    r.dataSeed = 11;
    r.modelSeed = 12345678901ULL;
    const PlaygroundRecipe back = playgroundRecipeFromRun(playgroundRunConfig(r));
    EXPECT_EQ(playgroundRunConfig(back), playgroundRunConfig(r));
    EXPECT_EQ(back.modelSeed, r.modelSeed);
    EXPECT_EQ(back.learningRate, r.learningRate);
    EXPECT_EQ(back.regularization, Regularization::L2);
    EXPECT_FALSE(playgroundRunConfig(r)["train"]["optimizer"].contains("momentum")); // old records unchanged
    // SGD with momentum: kept in the record, read back, and given to the trainer.
    r.optimizer = OptimizerKind::SGD;
    r.momentum = 0.9f;
    const PlaygroundRecipe sgd = playgroundRecipeFromRun(playgroundRunConfig(r));
    EXPECT_EQ(sgd.momentum, 0.9f);
    EXPECT_EQ(playgroundTrainConfig(sgd).optimizer.momentum, 0.9f);
    nlohmann::json bad = playgroundRunConfig(r);
    bad["train"]["optimizer"]["momentum"] = 1.5;
    EXPECT_THROW(playgroundRecipeFromRun(bad), ConfigError);
    // #21: Nesterov, weight decay and warm-up, as in the Training panel: recorded only when set,
    // read back, given to the trainer.
    EXPECT_FALSE(playgroundRunConfig(r)["train"]["optimizer"].contains("nesterov"));
    EXPECT_FALSE(playgroundRunConfig(r)["train"]["optimizer"].contains("weight_decay"));
    EXPECT_FALSE(playgroundRunConfig(r)["train"].contains("schedule"));
    EXPECT_EQ(playgroundTrainConfig(r).optimizer.weightDecay, -1.0f); // the optimizer's default, as before
    r.nesterov = true;
    r.weightDecay = 1e-3f;
    r.warmupSteps = 100;
    const PlaygroundRecipe all = playgroundRecipeFromRun(playgroundRunConfig(r));
    EXPECT_TRUE(all.nesterov);
    EXPECT_EQ(all.weightDecay, 1e-3f);
    EXPECT_EQ(all.warmupSteps, 100);
    const TrainConfig tc = playgroundTrainConfig(all);
    EXPECT_TRUE(tc.optimizer.nesterov);
    EXPECT_EQ(tc.optimizer.weightDecay, 1e-3f);
    EXPECT_EQ(tc.schedule.warmupSteps, 100);
    r.momentum = 0.0f; // Nesterov means nothing without momentum
    EXPECT_FALSE(playgroundTrainConfig(r).optimizer.nesterov);
    bad = playgroundRunConfig(all);
    bad["train"]["schedule"]["warmup_steps"] = -5;
    EXPECT_THROW(playgroundRecipeFromRun(bad), ConfigError);
}

// #22: Adam's and AdamW's betas, RMSprop's rho and their epsilon reach the trainer only with
// the optimizers that use them, are recorded (under OptimizerConfig's keys, so that the record's
// train section reads as a TrainConfig too) and read back; records without them get the defaults.
TEST(PlaygroundRecipe, BetasRhoAndEpsilonReachTheTrainerAndTheRunRecord)
{
    PlaygroundRecipe r = circle();
    r.optimizer = OptimizerKind::Adam;
    r.beta1 = 0.8f;
    r.beta2 = 0.99f;
    r.epsilon = 1e-6f;
    r.rho = 0.5f; // not Adam's: neither given to the trainer nor recorded
    TrainConfig tc = playgroundTrainConfig(r);
    EXPECT_EQ(tc.optimizer.beta1, 0.8f);
    EXPECT_EQ(tc.optimizer.beta2, 0.99f);
    EXPECT_EQ(tc.optimizer.epsilon, 1e-6f);
    EXPECT_EQ(tc.optimizer.rho, OptimizerConfig {}.rho);
    nlohmann::json config = playgroundRunConfig(r);
    EXPECT_FALSE(config["train"]["optimizer"].contains("rho"));
    PlaygroundRecipe back = playgroundRecipeFromRun(config);
    EXPECT_EQ(back.beta1, 0.8f);
    EXPECT_EQ(back.beta2, 0.99f);
    EXPECT_EQ(back.epsilon, 1e-6f);
    EXPECT_EQ(playgroundRunConfig(back), config);
    const OptimizerConfig read = TrainConfig::fromJson(config.at("train")).optimizer;
    EXPECT_EQ(read.beta2, 0.99f);
    EXPECT_EQ(read.epsilon, 1e-6f);

    r.optimizer = OptimizerKind::RMSprop;
    tc = playgroundTrainConfig(r);
    EXPECT_EQ(tc.optimizer.rho, 0.5f);
    EXPECT_EQ(tc.optimizer.epsilon, 1e-6f);
    EXPECT_EQ(tc.optimizer.beta2, OptimizerConfig {}.beta2);
    config = playgroundRunConfig(r);
    EXPECT_FALSE(config["train"]["optimizer"].contains("beta2"));
    back = playgroundRecipeFromRun(config);
    EXPECT_EQ(back.rho, 0.5f);
    EXPECT_EQ(playgroundTrainConfig(back).optimizer.rho, 0.5f);

    r.optimizer = OptimizerKind::SGD;
    EXPECT_EQ(playgroundTrainConfig(r).optimizer.epsilon, OptimizerConfig {}.epsilon);
    EXPECT_FALSE(playgroundRunConfig(r)["train"]["optimizer"].contains("epsilon"));

    // Records from before these settings have none: PyTorch's defaults, as they were trained.
    r.optimizer = OptimizerKind::Adam;
    r.beta1 = 0.9f;
    r.beta2 = 0.999f;
    r.epsilon = 1e-8f;
    config = playgroundRunConfig(r);
    EXPECT_FALSE(config["train"]["optimizer"].contains("beta1"));
    EXPECT_FALSE(config["train"]["optimizer"].contains("beta2"));
    EXPECT_FALSE(config["train"]["optimizer"].contains("epsilon"));
    back = playgroundRecipeFromRun(config);
    EXPECT_EQ(back.beta2, 0.999f);
    EXPECT_EQ(back.epsilon, 1e-8f);

    const auto refusal = [&](const char* key, double value) -> std::string {
        nlohmann::json bad = config;
        bad["train"]["optimizer"][key] = value;
        try {
            (void)playgroundRecipeFromRun(bad);
        } catch (const ConfigError& e) {
            return e.what();
        }
        return "accepted";
    };
    EXPECT_EQ(refusal("beta1", 1.0), "train.optimizer.beta1 must be in [0, 1), got 1");
    EXPECT_EQ(refusal("beta2", -0.5), "train.optimizer.beta2 must be in [0, 1), got -0.5");
    EXPECT_EQ(refusal("rho", 1.5), "train.optimizer.rho must be in [0, 1), got 1.5");
    EXPECT_EQ(refusal("epsilon", 0.0), "train.optimizer.epsilon must be in (0, 1], got 0");
}

// #22: beyond two classes a softmax over one output per class, trained with cross-entropy;
// two classes keep Playground's one tanh output and its squared error.
TEST(PlaygroundRecipe, FourClassesGetASoftmaxOverFourOutputsAndCrossEntropy)
{
    PlaygroundRecipe r = circle();
    r.dataset = PlaygroundKind::FourBlobs;
    EXPECT_EQ(playgroundClasses(r), 4);
    Sequential model = makePlaygroundModel(r);
    EXPECT_EQ(model.outputShape(), (Shape { 4 }));
    EXPECT_EQ(playgroundTrainConfig(r).loss, LossKind::CrossEntropy);
    EXPECT_EQ(playgroundModelSummary(r, model), "2-4-4 tanh");
    const PlaygroundRecipe back = playgroundRecipeFromRun(playgroundRunConfig(r));
    EXPECT_EQ(back.dataset, PlaygroundKind::FourBlobs);
    EXPECT_EQ(playgroundRunConfig(r)["train"]["loss"], "cross_entropy");
    Tensor points(Shape { 3, 2 });
    const float xy[] = { 0.f, 0.f, 3.f, 3.f, -5.f, 1.f };
    std::copy(std::begin(xy), std::end(xy), points.data());
    Workspace ws = model.makeWorkspace();
    const Tensor& out = model.forward(points, ws, false);
    for (int64_t i = 0; i < 3; ++i)
        EXPECT_NEAR(out[4 * i] + out[4 * i + 1] + out[4 * i + 2] + out[4 * i + 3], 1.0f, 1e-5f) << "row " << i;
    const PlaygroundRecipe two = circle();
    EXPECT_EQ(makePlaygroundModel(two).outputShape(), (Shape { 1 }));
    EXPECT_EQ(playgroundTrainConfig(two).loss, LossKind::MeanSquaredError);
}

// #22: a run on your own points keeps them in its record, reads back as the same recipe and
// trains on exactly those points.
TEST(PlaygroundRecipe, OwnPointsAreKeptInTheRunConfig)
{
    auto points = std::make_shared<Dataset>(emptyPlaygroundPoints(3));
    points->x = Tensor(Shape { 12, 2 });
    for (int64_t i = 0; i < 12; ++i) {
        points->x[2 * i] = float(i % 3) * 2.5f - 2.5f + 0.01f * float(i);
        points->x[2 * i + 1] = -1.0f / 3.0f * float(i);
        points->labels.push_back(int32_t(i % 3));
    }
    PlaygroundRecipe r = circle();
    r.dataset = PlaygroundKind::Custom;
    r.points = points;
    EXPECT_EQ(playgroundClasses(r), 3);
    const nlohmann::json config = playgroundRunConfig(r);
    const PlaygroundRecipe back = playgroundRecipeFromRun(config);
    ASSERT_TRUE(back.points);
    EXPECT_EQ(back.points->x, points->x);
    EXPECT_EQ(back.points->labels, points->labels);
    EXPECT_EQ(playgroundRunConfig(back), config);
    const PlaygroundSets sets = makePlaygroundSets(back);
    EXPECT_EQ(sets.train.size() + sets.test.size(), 12);
    nlohmann::json bad = config;
    bad["playground"].erase("points");
    EXPECT_THROW(playgroundRecipeFromRun(bad), ConfigError);
    bad = config;
    bad["playground"]["points"]["labels"] = std::vector<int> (12, 0); // one class: nothing to learn
    EXPECT_THROW(playgroundRecipeFromRun(bad), ConfigError);
    r.points = nullptr;
    EXPECT_THROW(makePlaygroundSets(r), ConfigError);
}

// #21: Playground runs were all "playground-spiral"; now named as the Training panel names its
// runs, with the hidden layers as the model.
TEST(PlaygroundRun, RunsAreNamedByDataModelLearningRateAndSeed)
{
    PlaygroundRecipe r = circle();
    r.hidden = { 8, 4 };
    r.learningRate = 0.03f;
    r.modelSeed = 7;
    EXPECT_EQ(playgroundRunHeader(PlaygroundSetup(r)).name, "circle-mlp8x4-lr0.03-seed7");
}

TEST(PlaygroundRecipe, AConfigMissingAKeyIsRefusedNamingIt)
{
    nlohmann::json config = playgroundRunConfig(circle());
    config["playground"].erase("noise");
    try {
        playgroundRecipeFromRun(config);
        FAIL() << "a config without noise was read";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("playground.noise"), std::string::npos) << e.what();
    }
}

TEST(PlaygroundRecipe, ANetworkBeyondThePanelsLimitsIsRefused)
{
    nlohmann::json config = playgroundRunConfig(circle());
    config["playground"]["hidden"] = std::vector<int> { 8, 100000 };
    EXPECT_THROW(playgroundRecipeFromRun(config), ConfigError);
    config = playgroundRunConfig(circle());
    config["playground"]["feature_bits"] = 0;
    EXPECT_THROW(playgroundRecipeFromRun(config), ConfigError);
}

TEST(PlaygroundRecipe, AnEditOutsideTheNetworkChangesNothing)
{
    Sequential model = makePlaygroundModel(circle()); // 2 -> 4 -> 1
    EXPECT_FALSE(applyPlaygroundEdit(model, { 3, 0, 0, 1.0f })) << "there are two dense layers";
    EXPECT_FALSE(applyPlaygroundEdit(model, { 1, 2, 0, 1.0f })) << "two inputs";
    EXPECT_FALSE(applyPlaygroundEdit(model, { 2, 0, 1, 1.0f })) << "one output";
    ASSERT_TRUE(applyPlaygroundEdit(model, { 2, -1, 0, -0.75f }));
    EXPECT_EQ(playgroundDenseLayers(model)[1]->bias().value[0], -0.75f);
    ASSERT_TRUE(applyPlaygroundEdit(model, { 1, 1, 3, 2.5f }));
    EXPECT_EQ(playgroundDenseLayers(model)[0]->kernel().value[1 * 4 + 3], 2.5f);
}
