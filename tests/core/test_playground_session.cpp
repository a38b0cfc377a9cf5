// SPDX-License-Identifier: GPL-3.0-or-later
// #22, keep and share: a Playground session saved to a file and opened again goes on training bit
// for bit as the session that was never saved (run/PlaygroundSession.h), also from the middle of
// an epoch; bad files are refused naming the file and the place.
#include "TempDir.h"

#include "data/PlaygroundPoints.h"
#include "run/PlaygroundRun.h"
#include "run/PlaygroundSession.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

using namespace ws;

namespace {

// Trains `setup` (restored from `from` when given) until `steps` optimizer steps are done; the
// state then (mid-epoch when steps is not a multiple of the batches per epoch).
TrainerState trainUntil(PlaygroundSetup& setup, int64_t steps, const TrainerState* from = nullptr)
{
    Trainer trainer(setup.model, setup.data.train, nullptr, setup.config);
    if (from)
        trainer.restore(*from);
    trainer.onBatch = [&](const BatchProgress& p) {
        if (p.step >= steps)
            trainer.stop(); // takes effect before the next batch
    };
    const TrainResult r = trainer.run();
    EXPECT_EQ(r.steps, steps);
    return trainer.state();
}

void expectSameBits(const Tensor& a, const Tensor& b, const std::string& what)
{
    ASSERT_EQ(a.shape(), b.shape()) << what;
    // An empty tensor (SGD's second moment) has no data: memcmp of a null pointer is undefined,
    // even for 0 bytes (UBSan stopped the asan stage of CI here).
    if (a.size() > 0) { // braced: EXPECT_EQ is an if/else inside (-Wdangling-else)
        EXPECT_EQ(std::memcmp(a.data(), b.data(), size_t(a.size()) * sizeof(float)), 0) << what << " differs";
    }
}

void expectSameState(const TrainerState& a, const TrainerState& b)
{
    EXPECT_EQ(a.steps, b.steps);
    EXPECT_EQ(a.epoch, b.epoch);
    EXPECT_EQ(a.batch, b.batch);
    ASSERT_EQ(a.values.size(), b.values.size());
    for (size_t i = 0; i < a.values.size(); ++i)
        expectSameBits(a.values[i], b.values[i], "value " + std::to_string(i));
    ASSERT_EQ(a.moments.size(), b.moments.size());
    for (size_t i = 0; i < a.moments.size(); ++i) {
        expectSameBits(a.moments[i].first, b.moments[i].first, "first moment " + std::to_string(i));
        expectSameBits(a.moments[i].second, b.moments[i].second, "second moment " + std::to_string(i));
    }
}

// Saves after `saveAt` steps, opens the file, and goes on to `total` steps; the same as training
// to `total` without a break.
void expectContinuationIsBitIdentical(const PlaygroundRecipe& recipe, int64_t saveAt, int64_t total)
{
    test::TempDir dir;
    PlaygroundSetup straight(recipe);
    const TrainerState want = trainUntil(straight, total);

    PlaygroundSetup first(recipe);
    PlaygroundSession saved;
    saved.recipe = recipe;
    saved.state = trainUntil(first, saveAt);
    saved.epochsPerSecond = 60.0;
    saved.runRecord = "/runs/spiral-mlp8x8.h5";
    const std::string path = dir.file("session.wsplay");
    savePlaygroundSession(saved, path);

    const PlaygroundSession opened = loadPlaygroundSession(path);
    expectSameState(opened.state, saved.state);
    EXPECT_EQ(opened.epochsPerSecond, 60.0);
    EXPECT_EQ(opened.runRecord, "/runs/spiral-mlp8x8.h5");
    EXPECT_EQ(playgroundRunConfig(opened.recipe), playgroundRunConfig(recipe));
    PlaygroundSetup second(opened.recipe);
    expectSameState(trainUntil(second, total, &opened.state), want);
}

} // namespace

TEST(PlaygroundSession, ContinuingFromAnOpenedSessionIsBitIdenticalToNeverHavingSaved)
{
    PlaygroundRecipe r;
    r.optimizer = OptimizerKind::SGD;
    r.momentum = 0.9f;
    r.nesterov = true;
    r.warmupSteps = 10;
    r.regularization = Regularization::L2;
    r.regularizationRate = 0.001f;
    r.modelSeed = 7;
    const int64_t batches = PlaygroundSetup(r).data.batchesPerEpoch;
    // Saved in the middle of an epoch (after stepping by hand) and at an epoch's end.
    expectContinuationIsBitIdentical(r, 3 * batches + 7, 9 * batches + 2);
    expectContinuationIsBitIdentical(r, 4 * batches, 9 * batches);
}

TEST(PlaygroundSession, OwnPointsAndAdamRoundTripAndGoOnBitIdentically)
{
    // Four blobs, one per class, as if drawn.
    auto points = std::make_shared<Dataset>(emptyPlaygroundPoints(4));
    Tensor x({ 80, 2 });
    for (int i = 0; i < 80; ++i) {
        points->labels.push_back(i % 4);
        x.data()[2 * i] = float((i % 4) & 1 ? 3 : -3) + 0.01f * float(i);
        x.data()[2 * i + 1] = float((i % 4) & 2 ? 3 : -3) - 0.02f * float(i);
    }
    points->x = x;
    PlaygroundRecipe r;
    r.dataset = PlaygroundKind::Custom;
    r.points = points;
    r.optimizer = OptimizerKind::Adam;
    r.learningRate = 0.01f;
    r.hidden = { 5, 3 };
    r.activation = ActivationKind::ReLU;
    const int64_t batches = PlaygroundSetup(r).data.batchesPerEpoch;
    expectContinuationIsBitIdentical(r, 2 * batches + 1, 6 * batches + 3);
}

// #22: the optimizer's betas and epsilon and the schedule's decay factor are kept in the file and
// go on bit for bit; a file saved before they were settings opens with the defaults it had.
TEST(PlaygroundSession, BetasEpsilonAndDecayFactorRoundTripAndOldFilesOpenWithDefaults)
{
    PlaygroundRecipe r;
    r.optimizer = OptimizerKind::AdamW;
    r.learningRate = 0.01f;
    r.beta1 = 0.5f;
    r.beta2 = 0.99f;
    r.epsilon = 1e-4f;
    r.schedule = ScheduleKind::Step;
    r.scheduleEpochs = 2;
    r.stepGamma = 0.25f;
    const int64_t batches = PlaygroundSetup(r).data.batchesPerEpoch;
    expectContinuationIsBitIdentical(r, 3 * batches + 1, 5 * batches + 2);

    PlaygroundSetup setup(r);
    PlaygroundSession s;
    s.recipe = r;
    s.state = trainUntil(setup, 3);
    nlohmann::json j = playgroundSessionToJson(s);
    const PlaygroundRecipe back = parsePlaygroundSession(j.dump(), "new.wsplay").recipe;
    EXPECT_EQ(back.beta1, 0.5f);
    EXPECT_EQ(back.beta2, 0.99f);
    EXPECT_EQ(back.epsilon, 1e-4f);
    EXPECT_EQ(back.stepGamma, 0.25f);
    for (const char* key : { "beta1", "beta2", "epsilon" })
        j["config"]["train"]["optimizer"].erase(key);
    j["config"]["train"]["schedule"].erase("gamma");
    const PlaygroundRecipe old = parsePlaygroundSession(j.dump(), "old.wsplay").recipe;
    EXPECT_EQ(old.beta1, 0.9f);
    EXPECT_EQ(old.beta2, 0.999f);
    EXPECT_EQ(old.epsilon, 1e-8f);
    EXPECT_EQ(old.stepGamma, kPlaygroundStepGamma);
}

namespace {

// A saved default session's JSON, to be damaged by the tests below.
nlohmann::json savedSession()
{
    PlaygroundRecipe r;
    PlaygroundSetup setup(r);
    PlaygroundSession s;
    s.recipe = r;
    s.state = trainUntil(setup, 5);
    return playgroundSessionToJson(s);
}

std::string refusal(const nlohmann::json& j)
{
    try {
        (void)parsePlaygroundSession(j.dump(), "hand.wsplay");
    } catch (const Error& e) {
        return e.what();
    }
    return "accepted";
}

} // namespace

TEST(PlaygroundSession, RefusesWhatDoesNotFitNamingTheFileAndThePlace)
{
    const nlohmann::json good = savedSession();
    EXPECT_EQ(refusal(good), "accepted");

    nlohmann::json newer = good;
    newer["version"] = 2;
    EXPECT_NE(refusal(newer).find("hand.wsplay: session version 2 is newer"), std::string::npos) << refusal(newer);

    nlohmann::json wrongShape = good;
    wrongShape["state"]["values"][1]["shape"] = { 3, 8 };
    EXPECT_NE(refusal(wrongShape).find("hand.wsplay: state.values[1]: shape (3, 8)"), std::string::npos)
        << refusal(wrongShape);

    nlohmann::json notFinite = good;
    notFinite["state"]["values"][0]["data"][2] = "inf";
    EXPECT_NE(refusal(notFinite).find("state.values[0].data[2]: not a finite"), std::string::npos) << refusal(notFinite);

    nlohmann::json farEpoch = good;
    farEpoch["state"]["epoch"] = int64_t(1) << 40;
    EXPECT_NE(refusal(farEpoch).find("state.epoch must be a whole number from 0 to"), std::string::npos) << refusal(farEpoch);

    nlohmann::json hugeNet = good;
    hugeNet["config"]["playground"]["hidden"] = { 100000000 };
    EXPECT_NE(refusal(hugeNet).find("hand.wsplay: config: "), std::string::npos) << refusal(hugeNet);

    nlohmann::json badBeta = good; // #22
    badBeta["config"]["train"]["optimizer"]["type"] = "adam";
    badBeta["config"]["train"]["optimizer"]["beta2"] = 1.5;
    EXPECT_NE(refusal(badBeta).find("hand.wsplay: config: train.optimizer.beta2 must be in [0, 1), got 1.5"),
        std::string::npos) << refusal(badBeta);

    nlohmann::json mistyped = good;
    mistyped["config"]["train"]["batch_size"] = "ten";
    EXPECT_NE(refusal(mistyped).find("hand.wsplay: config: "), std::string::npos) << refusal(mistyped);
}

TEST(PlaygroundSession, RefusesADamagedOrHugeFileNamingIt)
{
    test::TempDir dir;
    const std::string damaged = dir.file("damaged.wsplay");
    {
        const std::string text = savedSession().dump();
        std::ofstream(damaged) << text.substr(0, text.size() / 2);
    }
    try {
        (void)loadPlaygroundSession(damaged);
        FAIL() << "a damaged session was accepted";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find(damaged + " is not valid JSON"), std::string::npos) << e.what();
    }
    const std::string huge = dir.file("huge.wsplay");
    std::filesystem::resize_file((std::ofstream(huge), huge), kMaxPlaygroundSessionBytes + 1);
    try {
        (void)loadPlaygroundSession(huge);
        FAIL() << "a session over the limit was read";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find(huge + ": 16777217 bytes"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(looksLikePlaygroundSession("/a/b/Spiral.WSPLAY"));
    EXPECT_FALSE(looksLikePlaygroundSession("/a/b/spiral.json"));
}

// The session the program saved for the package's MIME test (tests/data/playground/README.md)
// stays one this version opens: the test would otherwise check a file no Weightscope writes.
TEST(PlaygroundSession, TheSavedFixtureOfTheMimeTestOpens)
{
    const PlaygroundSession s = loadPlaygroundSession(WS_TEST_DATA_DIR "/playground/spiral.wsplay");
    EXPECT_EQ(s.recipe.dataset, PlaygroundKind::Spiral);
    EXPECT_EQ(s.recipe.optimizer, OptimizerKind::Adam);
    EXPECT_EQ(s.state.steps, 76);
}
