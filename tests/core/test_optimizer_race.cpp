// SPDX-License-Identifier: GPL-3.0-or-later
// #22, the optimizer race (train/OptimizerRace.h): every contestant starts from the same weights
// and sees the same batches, only the optimizer differs; and the Playground's schedules (step
// decay, cosine over a span of epochs) reach the trainer and the run record.
#include "train/OptimizerRace.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace ws;

namespace {

bool sameBits(const Tensor& a, const Tensor& b)
{
    // (an empty tensor's data() is null, and memcmp of null is undefined even for 0 bytes: UBSan)
    return a.size() == b.size() && (a.size() == 0 || std::memcmp(a.data(), b.data(), size_t(a.size()) * sizeof(float)) == 0);
}

// The weights of `recipe`'s network after `epochs` epochs of its trainer.
std::vector<Tensor> trained(const PlaygroundRecipe& recipe, int epochs)
{
    const PlaygroundSets sets = makePlaygroundSets(recipe);
    Sequential model = makePlaygroundModel(recipe);
    TrainConfig tc = playgroundTrainConfig(recipe);
    tc.epochs = epochs;
    Trainer trainer(model, sets.train, nullptr, tc);
    trainer.run();
    std::vector<Tensor> values;
    for (Param* p : model.params())
        values.push_back(p->value);
    return values;
}

} // namespace

TEST(OptimizerRace, ContestantsKeepTheBaseRecipeButTheirOptimizer)
{
    PlaygroundRecipe base;
    base.dataSeed = 7;
    base.modelSeed = 11;
    base.hidden = { 4, 3 };
    base.warmupSteps = 10;
    const std::vector<RaceContestant> contestants {
        { OptimizerKind::SGD, 0.1f, 0.9f, true }, { OptimizerKind::Adam, 0.01f, 0.9f, true } };
    const std::vector<PlaygroundRecipe> recipes = raceRecipes(base, contestants);
    ASSERT_EQ(recipes.size(), 2u);
    for (const PlaygroundRecipe& r : recipes) {
        EXPECT_EQ(r.dataSeed, 7u);
        EXPECT_EQ(r.modelSeed, 11u);
        EXPECT_EQ(r.hidden, base.hidden);
        EXPECT_EQ(r.warmupSteps, 10);
    }
    EXPECT_EQ(recipes[0].optimizer, OptimizerKind::SGD);
    EXPECT_FLOAT_EQ(recipes[0].learningRate, 0.1f);
    EXPECT_FLOAT_EQ(recipes[0].momentum, 0.9f);
    EXPECT_TRUE(recipes[0].nesterov);
    // Adam has no momentum setting of SGD's kind: the recipe does not carry one.
    EXPECT_EQ(recipes[1].optimizer, OptimizerKind::Adam);
    EXPECT_FLOAT_EQ(recipes[1].momentum, 0.0f);
    EXPECT_FALSE(recipes[1].nesterov);
    EXPECT_EQ(contestants[0].label(), "SGD 0.1, momentum 0.9, Nesterov");
    EXPECT_EQ(contestants[1].label(), "Adam 0.01");
}

TEST(OptimizerRace, RefusesTooFewOrTooManyContestantsAndBadRates)
{
    const PlaygroundRecipe base;
    const RaceContestant sgd;
    EXPECT_THROW(raceRecipes(base, { sgd }), ConfigError);
    EXPECT_THROW(raceRecipes(base, { sgd, sgd, sgd, sgd, sgd }), ConfigError);
    EXPECT_THROW(raceRecipes(base, { sgd, { OptimizerKind::Adam, 0.0f } }), ConfigError);
    EXPECT_THROW(raceRecipes(base, { sgd, { OptimizerKind::SGD, 0.1f, 1.0f } }), ConfigError);
    EXPECT_EQ(raceRecipes(base, defaultRaceContestants()).size(), 4u);
}

// The same initial weights: the first forward pass of SGD's and Adam's networks is the same bit
// for bit; one epoch later their weights differ.
TEST(OptimizerRace, SgdAndAdamStartFromTheSameWeightsAndPartAfterAnEpoch)
{
    PlaygroundRecipe base;
    const std::vector<PlaygroundRecipe> recipes
        = raceRecipes(base, { { OptimizerKind::SGD, 0.03f }, { OptimizerKind::Adam, 0.03f } });
    Sequential sgd = makePlaygroundModel(recipes[0]);
    Sequential adam = makePlaygroundModel(recipes[1]);
    const Tensor grid = playgroundFeatures(playgroundGrid(20), base.features);
    Workspace wsSgd = sgd.makeWorkspace(), wsAdam = adam.makeWorkspace();
    EXPECT_TRUE(sameBits(sgd.forward(grid, wsSgd, false), adam.forward(grid, wsAdam, false)));

    const std::vector<Tensor> a = trained(recipes[0], 1), b = trained(recipes[1], 1);
    ASSERT_EQ(a.size(), b.size());
    EXPECT_FALSE(sameBits(a[0], b[0]));
}

// The same batches: two contestants with the same settings end bit for bit alike, and a third
// whose data seed differs (other points, other split) does not: the test can fail.
TEST(OptimizerRace, ContestantsWithTheSameSettingsTrainAlikeBitForBit)
{
    PlaygroundRecipe base;
    const RaceContestant momentum { OptimizerKind::SGD, 0.03f, 0.9f, false };
    const std::vector<PlaygroundRecipe> recipes = raceRecipes(base, { momentum, momentum });
    const std::vector<Tensor> a = trained(recipes[0], 3), b = trained(recipes[1], 3);
    for (size_t i = 0; i < a.size(); ++i)
        EXPECT_TRUE(sameBits(a[i], b[i])) << "parameter " << i;
    PlaygroundRecipe other = recipes[1];
    other.dataSeed = base.dataSeed + 1;
    EXPECT_FALSE(sameBits(trained(other, 3)[0], a[0]));
}

TEST(Schedule, CosineOverAFixedSpanOfEpochsThenStaysAtItsMinimum)
{
    ScheduleConfig cosine;
    cosine.kind = ScheduleKind::Cosine;
    cosine.cosineEpochs = 4;
    cosine.minLr = 0.1f;
    const int64_t endless = int64_t(1) << 40; // a run with no end, as the Playground's
    EXPECT_FLOAT_EQ(cosine.learningRate(1.0f, 0, 10, endless), 1.0f);
    EXPECT_NEAR(cosine.learningRate(1.0f, 20, 10, endless), 0.55, 1e-6);
    EXPECT_NEAR(cosine.learningRate(1.0f, 40, 10, endless), 0.1, 1e-6);
    EXPECT_NEAR(cosine.learningRate(1.0f, 4000, 10, endless), 0.1, 1e-6);
    const ScheduleConfig back = ScheduleConfig::fromJson(cosine.toJson());
    EXPECT_EQ(back.cosineEpochs, 4);
    ScheduleConfig whole;
    EXPECT_FALSE(whole.toJson().contains("cosine_epochs")); // older configs stay as they were
}

// #22: the Playground's schedule control reaches its trainer and its run record, and comes back.
TEST(Schedule, PlaygroundStepAndCosineReachTheTrainerAndTheRunRecord)
{
    PlaygroundRecipe r;
    r.schedule = ScheduleKind::Step;
    r.scheduleEpochs = 50;
    TrainConfig tc = playgroundTrainConfig(r);
    EXPECT_EQ(tc.schedule.kind, ScheduleKind::Step);
    EXPECT_EQ(tc.schedule.stepEpochs, 50);
    EXPECT_FLOAT_EQ(tc.schedule.learningRate(0.04f, 50 * 25, 25, 1 << 30), 0.02f);
    PlaygroundRecipe back = playgroundRecipeFromRun(playgroundRunConfig(r));
    EXPECT_EQ(back.schedule, ScheduleKind::Step);
    EXPECT_EQ(back.scheduleEpochs, 50);
    // The record's train section is a TrainConfig the trainer reads alike.
    EXPECT_EQ(TrainConfig::fromJson(playgroundRunConfig(r).at("train")).schedule.stepEpochs, 50);

    r.schedule = ScheduleKind::Cosine;
    r.scheduleEpochs = 200;
    r.warmupSteps = 10;
    tc = playgroundTrainConfig(r);
    EXPECT_EQ(tc.schedule.cosineEpochs, 200);
    back = playgroundRecipeFromRun(playgroundRunConfig(r));
    EXPECT_EQ(back.schedule, ScheduleKind::Cosine);
    EXPECT_EQ(back.scheduleEpochs, 200);
    EXPECT_EQ(back.warmupSteps, 10);

    nlohmann::json bad = playgroundRunConfig(r);
    bad["train"]["schedule"]["cosine_epochs"] = 0;
    EXPECT_THROW(playgroundRecipeFromRun(bad), ConfigError);
    bad["train"]["schedule"].erase("cosine_epochs");
    EXPECT_THROW(playgroundRecipeFromRun(bad), ConfigError);
    // A record from before the schedules has none: constant.
    EXPECT_EQ(playgroundRecipeFromRun(playgroundRunConfig(PlaygroundRecipe {})).schedule, ScheduleKind::Constant);
}

// #22: the step decay's factor and the cosine's floor are settings of their own: they reach the
// trainer and the record, and records from before them read back as the halving and 0 they had.
TEST(Schedule, PlaygroundDecayFactorAndCosineFloorReachTheTrainerAndTheRunRecord)
{
    PlaygroundRecipe r;
    r.schedule = ScheduleKind::Step;
    r.scheduleEpochs = 50;
    r.stepGamma = 0.1f;
    TrainConfig tc = playgroundTrainConfig(r);
    EXPECT_EQ(tc.schedule.gamma, 0.1f);
    EXPECT_FLOAT_EQ(tc.schedule.learningRate(0.04f, 50 * 25, 25, 1 << 30), 0.004f);
    nlohmann::json config = playgroundRunConfig(r);
    EXPECT_EQ(TrainConfig::fromJson(config.at("train")).schedule.gamma, 0.1f);
    EXPECT_EQ(playgroundRecipeFromRun(config).stepGamma, 0.1f);
    config["train"]["schedule"].erase("gamma");
    EXPECT_EQ(playgroundRecipeFromRun(config).stepGamma, 0.5f);
    config["train"]["schedule"]["gamma"] = 0.0;
    EXPECT_THROW(playgroundRecipeFromRun(config), ConfigError);
    config["train"]["schedule"]["gamma"] = 2.0; // a "decay" that grows the rate
    EXPECT_THROW(playgroundRecipeFromRun(config), ConfigError);

    r.schedule = ScheduleKind::Cosine;
    r.cosineMinLr = 0.001f;
    tc = playgroundTrainConfig(r);
    EXPECT_EQ(tc.schedule.minLr, 0.001f);
    EXPECT_NEAR(tc.schedule.learningRate(0.03f, 50 * 25, 25, int64_t(1) << 40), 0.001f, 1e-7f);
    config = playgroundRunConfig(r);
    EXPECT_EQ(TrainConfig::fromJson(config.at("train")).schedule.minLr, 0.001f);
    EXPECT_EQ(playgroundRecipeFromRun(config).cosineMinLr, 0.001f);
    r.cosineMinLr = 0.0f;
    EXPECT_FALSE(playgroundRunConfig(r)["train"]["schedule"].contains("min_lr")); // as before
    config["train"]["schedule"]["min_lr"] = -0.1;
    EXPECT_THROW(playgroundRecipeFromRun(config), ConfigError);
}

// #22: a contestant's optimizer takes the Playground's betas, rho and epsilon where it uses them,
// and ignores them where it does not.
TEST(OptimizerRace, ContestantsTakeTheBaseBetasOrRhoWhereTheirOptimizerUsesThem)
{
    PlaygroundRecipe base;
    base.beta2 = 0.95f;
    base.rho = 0.7f;
    const std::vector<PlaygroundRecipe> recipes = raceRecipes(base,
        { { OptimizerKind::SGD, 0.1f, 0.0f, false }, { OptimizerKind::Adam, 0.01f, 0.0f, false },
            { OptimizerKind::RMSprop, 0.01f, 0.0f, false } });
    const OptimizerConfig defaults;
    const OptimizerConfig sgd = playgroundTrainConfig(recipes[0]).optimizer;
    const OptimizerConfig adam = playgroundTrainConfig(recipes[1]).optimizer;
    const OptimizerConfig rmsprop = playgroundTrainConfig(recipes[2]).optimizer;
    EXPECT_EQ(sgd.beta2, defaults.beta2);
    EXPECT_EQ(sgd.rho, defaults.rho);
    EXPECT_EQ(adam.beta2, 0.95f);
    EXPECT_EQ(adam.rho, defaults.rho);
    EXPECT_EQ(rmsprop.rho, 0.7f);
    EXPECT_EQ(rmsprop.beta2, defaults.beta2);
}
