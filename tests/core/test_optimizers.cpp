// SPDX-License-Identifier: GPL-3.0-or-later
// Optimizers replay gradient sequences recorded from torch.optim (tools/make_optimizer_reference.py)
// and must follow the same parameter trajectory; schedules against their formulas.
#include "train/Optimizer.h"
#include "train/Schedule.h"
#include "util/Error.h"
#include "util/Rng.h"
#include "util/Threads.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <vector>

using namespace ws;

namespace {

nlohmann::json loadReference()
{
    std::ifstream in(std::string(WS_TEST_DATA_DIR) + "/optim/reference.json");
    EXPECT_TRUE(in.good()) << "missing tests/data/optim/reference.json";
    return nlohmann::json::parse(in);
}

} // namespace

TEST(Optimizer, FollowsTorchOptimTrajectories)
{
    const auto ref = loadReference();
    const auto initial = ref.at("initial").get<std::vector<double>>();
    const auto grads = ref.at("grads").get<std::vector<std::vector<double>>>();
    ASSERT_GE(ref.at("cases").size(), 6u);
    for (const auto& c : ref.at("cases")) {
        const std::string name = c.at("name");
        Param p { "kernel", Tensor({ int64_t(initial.size()) }), Tensor({ int64_t(initial.size()) }), true };
        for (size_t i = 0; i < initial.size(); ++i)
            p.value[int64_t(i)] = float(initial[i]);
        const OptimizerConfig config = OptimizerConfig::fromJson(c.at("config"));
        Optimizer opt(config, { &p });
        const auto trajectory = c.at("trajectory").get<std::vector<std::vector<double>>>();
        for (size_t step = 0; step < grads.size(); ++step) {
            for (size_t i = 0; i < initial.size(); ++i)
                p.grad[int64_t(i)] = float(grads[step][i]);
            opt.step(config.learningRate);
            for (size_t i = 0; i < initial.size(); ++i)
                EXPECT_NEAR(p.value[int64_t(i)], trajectory[step][i], 2e-5)
                    << name << " step " << step + 1 << " element " << i;
        }
    }
}

TEST(Optimizer, L2AddsTwiceLambdaTimesWeightToTheGradient)
{
    Param p { "kernel", Tensor({ 1 }, 2.0f), Tensor({ 1 }, 0.0f), true };
    OptimizerConfig c;
    c.kind = OptimizerKind::SGD;
    c.l2 = 0.5f;
    Optimizer opt(c, { &p });
    opt.step(0.1f);
    EXPECT_FLOAT_EQ(p.value[0], 2.0f - 0.1f * 2.0f * 0.5f * 2.0f);
}

TEST(Optimizer, L1SetsAWeightThatCrossesZeroToZero)
{
    Param p { "kernel", Tensor({ 2 }), Tensor({ 2 }), true };
    p.value[0] = 0.01f;
    p.value[1] = 1.0f;
    OptimizerConfig c;
    c.kind = OptimizerKind::SGD;
    c.l1 = 1.0f;
    Optimizer opt(c, { &p });
    opt.step(0.1f); // 0.01 - 0.1 would cross zero
    EXPECT_EQ(p.value[0], 0.0f);
    EXPECT_FLOAT_EQ(p.value[1], 0.9f);
}

TEST(Optimizer, RegularisationSkipsBiases)
{
    Param bias { "bias", Tensor({ 1 }, 1.0f), Tensor({ 1 }, 0.0f), false };
    OptimizerConfig c;
    c.kind = OptimizerKind::AdamW;
    c.l2 = 1.0f;
    Optimizer opt(c, { &bias });
    opt.step(0.1f);
    EXPECT_FLOAT_EQ(bias.value[0], 1.0f);
}

TEST(Schedule, StepCosineAndWarmupFollowTheirFormulas)
{
    ScheduleConfig step;
    step.kind = ScheduleKind::Step;
    step.stepEpochs = 2;
    step.gamma = 0.5f;
    EXPECT_FLOAT_EQ(step.learningRate(1.0f, 0, 10, 100), 1.0f);
    EXPECT_FLOAT_EQ(step.learningRate(1.0f, 19, 10, 100), 1.0f);
    EXPECT_FLOAT_EQ(step.learningRate(1.0f, 20, 10, 100), 0.5f);
    EXPECT_FLOAT_EQ(step.learningRate(1.0f, 45, 10, 100), 0.25f);

    ScheduleConfig cosine;
    cosine.kind = ScheduleKind::Cosine;
    cosine.minLr = 0.1f;
    EXPECT_FLOAT_EQ(cosine.learningRate(1.0f, 0, 10, 100), 1.0f);
    EXPECT_NEAR(cosine.learningRate(1.0f, 50, 10, 100), 0.55, 1e-6);
    EXPECT_NEAR(cosine.learningRate(1.0f, 100, 10, 100), 0.1, 1e-6);

    ScheduleConfig warm;
    warm.warmupSteps = 4;
    EXPECT_FLOAT_EQ(warm.learningRate(2.0f, 0, 10, 100), 0.5f);
    EXPECT_FLOAT_EQ(warm.learningRate(2.0f, 3, 10, 100), 2.0f);
    EXPECT_FLOAT_EQ(warm.learningRate(2.0f, 50, 10, 100), 2.0f);
}

TEST(Optimizer, UnknownNamesAreConfigErrors)
{
    EXPECT_THROW(parseOptimizer("adagrad2"), ConfigError);
    EXPECT_THROW(parseSchedule("wavy"), ConfigError);
    EXPECT_THROW(OptimizerConfig::fromJson({ { "learning_rate", -1 } }), ConfigError);
}

// The optimizer's own finiteness report replaces the trainer's scan of every weight (#10), so it
// must see an infinity or NaN in any element of any parameter, for every kind.
TEST(Optimizer, ReportsANonFiniteWeightWrittenByTheStep)
{
    for (const OptimizerKind kind : { OptimizerKind::SGD, OptimizerKind::Adam, OptimizerKind::AdamW,
             OptimizerKind::RMSprop }) {
        Param a { "kernel", Tensor({ 37 }, 1.0f), Tensor({ 37 }, 0.5f), true };
        Param b { "bias", Tensor({ 5 }, 1.0f), Tensor({ 5 }, 0.5f), false };
        OptimizerConfig c;
        c.kind = kind;
        c.momentum = 0.9f;
        Optimizer opt(c, { &a, &b });
        EXPECT_TRUE(opt.lastStepFinite()) << optimizerName(kind) << " before any step";
        opt.step(0.01f);
        EXPECT_TRUE(opt.lastStepFinite()) << optimizerName(kind);
        b.grad[3] = std::numeric_limits<float>::infinity();
        opt.step(0.01f);
        EXPECT_FALSE(opt.lastStepFinite()) << optimizerName(kind) << " with an infinite gradient";
        EXPECT_FALSE(std::isfinite(b.value[3])) << optimizerName(kind);
        // A NaN weight stays NaN whatever the gradient.
        Param w { "kernel", Tensor({ 20 }, 1.0f), Tensor({ 20 }, 0.0f), true };
        w.value[19] = std::numeric_limits<float>::quiet_NaN();
        Optimizer opt2(c, { &w });
        opt2.step(0.01f);
        EXPECT_FALSE(opt2.lastStepFinite()) << optimizerName(kind) << " with a NaN weight";
    }
}

// The step is shared out between the engine's threads, each a share of every parameter (#23 item 3). Every
// element's update is its own, so two threads write the same bits as one, for every kind with
// and without momentum, weight decay and L1/L2; and a non-finite value in a piece that another
// thread updates is still reported.
TEST(Optimizer, TwoThreadsStepTheSameBitsAsOne)
{
    struct Case {
        OptimizerKind kind;
        float momentum, l1, l2, wd;
    };
    const Case cases[] = { { OptimizerKind::SGD, 0.9f, 0, 0, -1 }, { OptimizerKind::SGD, 0, 1e-4f, 1e-3f, -1 },
        { OptimizerKind::Adam, 0, 0, 0, -1 }, { OptimizerKind::AdamW, 0, 0, 0, 0.01f },
        { OptimizerKind::RMSprop, 0, 0, 1e-3f, -1 } };
    for (const Case& cs : cases) {
        OptimizerConfig c;
        c.kind = cs.kind;
        c.momentum = cs.momentum;
        c.l1 = cs.l1;
        c.l2 = cs.l2;
        c.weightDecay = cs.wd;
        std::vector<float> result[2];
        for (int threads = 1; threads <= 2; ++threads) {
            setThreadCount(threads);
            // 200,000 weights, split at element 100,000; 300 biases, split at 144 (a whole cache line).
            Param w { "kernel", Tensor({ 200000 }), Tensor({ 200000 }), true };
            Param b { "bias", Tensor({ 300 }), Tensor({ 300 }), false };
            Rng rng(11);
            for (int64_t i = 0; i < w.value.size(); ++i)
                w.value[i] = float(rng.uniform(-1, 1));
            Optimizer opt(c, { &w, &b });
            for (int step = 0; step < 3; ++step) {
                for (int64_t i = 0; i < w.grad.size(); ++i)
                    w.grad[i] = float(rng.uniform(-1, 1));
                for (int64_t i = 0; i < b.grad.size(); ++i)
                    b.grad[i] = float(rng.uniform(-1, 1));
                opt.step(0.01f);
                EXPECT_TRUE(opt.lastStepFinite());
            }
            result[threads - 1].assign(w.value.data(), w.value.data() + w.value.size());
            result[threads - 1].insert(result[threads - 1].end(), b.value.data(), b.value.data() + b.value.size());
            w.grad[199999] = std::numeric_limits<float>::infinity();
            opt.step(0.01f);
            EXPECT_FALSE(opt.lastStepFinite()) << optimizerName(cs.kind) << " on " << threads << " threads";
        }
        setThreadCount(1);
        EXPECT_EQ(result[0], result[1]) << optimizerName(cs.kind);
    }
}
