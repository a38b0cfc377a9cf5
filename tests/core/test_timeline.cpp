// SPDX-License-Identifier: GPL-3.0-or-later
// #22, time travel: the timeline's bound and thinning (train/TrainingTimeline.h), and a trainer
// restored from a kept state going on bit for bit as the run it was taken from.
#include "nn/Activation.h"
#include "nn/Dense.h"
#include "train/Trainer.h"
#include "train/TrainingTimeline.h"
#include "util/Error.h"
#include "util/Rng.h"

#include <gtest/gtest.h>

#include <memory>

using namespace ws;

namespace {

// A state of `floats` numbers at `epoch` (the timeline looks only at the epoch and the size).
std::shared_ptr<const TrainerState> stateAt(int64_t epoch, int64_t floats = 4)
{
    auto s = std::make_shared<TrainerState>();
    s->values.push_back(Tensor({ floats }));
    s->epoch = int(epoch);
    return s;
}

bool isPowerOfTwo(int64_t s) { return s > 0 && (s & (s - 1)) == 0; }

// What the header promises, checked after every add: the window whole, older states on the
// spacing (epoch 0 among them), at most 2 * window states.
void expectBound(const TrainingTimeline& t, int64_t last)
{
    const std::vector<int64_t> epochs = t.epochs();
    ASSERT_LE(int64_t(epochs.size()), 2 * t.window()) << "after epoch " << last;
    ASSERT_EQ(epochs.front(), 0) << "the first state is always kept (after epoch " << last << ")";
    ASSERT_EQ(epochs.back(), last);
    ASSERT_TRUE(isPowerOfTwo(t.spacing())) << t.spacing();
    for (size_t i = 0; i < epochs.size(); ++i) {
        if (epochs[i] > last - t.window())
            ASSERT_EQ(epochs[i], last - int64_t(epochs.size() - 1 - i)) << "a gap inside the window after epoch " << last;
        else
            ASSERT_EQ(epochs[i] % t.spacing(), 0) << "epoch " << epochs[i] << " is off the spacing " << t.spacing();
    }
}

} // namespace

TEST(TrainingTimeline, KeepsEveryEpochOfTheWindowAndThinsTheRestEvenly)
{
    TrainingTimeline t(100, size_t(1) << 30);
    for (int64_t e = 0; e <= 10000; ++e) {
        t.add(stateAt(e));
        expectBound(t, e);
    }
    EXPECT_EQ(t.window(), 100);
    // 9,901 epochs beyond the window on a spacing that keeps at most 100 of them: 128.
    EXPECT_EQ(t.spacing(), 128);
    EXPECT_EQ(t.size(), size_t(100 + 9900 / 128 + 1));
    // Older states are evenly spaced from epoch 0 on, not only the newest of them.
    const std::vector<int64_t> epochs = t.epochs();
    for (size_t i = 1; epochs[i] <= 10000 - 100; ++i)
        EXPECT_EQ(epochs[i] - epochs[i - 1], 128) << "between epochs " << epochs[i - 1] << " and " << epochs[i];
}

TEST(TrainingTimeline, ALongRunStaysWithinTheBound)
{
    TrainingTimeline t(50, size_t(1) << 30);
    size_t most = 0;
    for (int64_t e = 0; e <= 200000; ++e) {
        t.add(stateAt(e));
        most = std::max(most, t.size());
    }
    expectBound(t, 200000);
    EXPECT_LE(most, size_t(100));
    EXPECT_EQ(t.bytes(), t.size() * 4 * sizeof(float));
}

TEST(TrainingTimeline, LargeStatesShrinkTheWindowToTheByteBudget)
{
    // 1,000 floats a state, 400,000 bytes: (100 - 1) / 2 = 49 epochs one by one.
    TrainingTimeline t(2000, 400000);
    for (int64_t e = 0; e <= 5000; ++e) {
        t.add(stateAt(e, 1000));
        ASSERT_LE(t.bytes(), size_t(400000)) << "after epoch " << e;
    }
    EXPECT_EQ(t.window(), 49);
    expectBound(t, 5000);
}

TEST(TrainingTimeline, AtFindsTheLatestStateAtOrBefore)
{
    TrainingTimeline t(4, size_t(1) << 30);
    for (int64_t e = 0; e <= 20; ++e)
        t.add(stateAt(e));
    // Beyond the window of 4 (epochs 17 to 20) the states are thinned.
    ASSERT_GT(t.spacing(), 1);
    EXPECT_EQ(t.at(20)->epoch, 20);
    EXPECT_EQ(t.at(17)->epoch, 17);
    EXPECT_EQ(t.at(1000)->epoch, 20);
    const int64_t below = t.at(15)->epoch;
    EXPECT_LE(below, 15);
    EXPECT_EQ(below % t.spacing(), 0);
    EXPECT_EQ(t.at(0)->epoch, 0);
    EXPECT_EQ(t.at(-1), nullptr);
}

TEST(TrainingTimeline, GoingBackDropsTheLaterHistoryAndANewOneGrows)
{
    TrainingTimeline t(10, size_t(1) << 30);
    for (int64_t e = 0; e <= 100; ++e)
        t.add(stateAt(e));
    const int64_t back = t.at(40)->epoch; // thinned there
    t.dropAfter(back);
    EXPECT_EQ(t.lastEpoch(), back);
    EXPECT_EQ(t.at(100)->epoch, back);
    for (int64_t e = back + 1; e <= back + 500; ++e) {
        t.add(stateAt(e));
        ASSERT_LE(int64_t(t.size()), 2 * t.window()) << "after epoch " << e;
    }
    EXPECT_EQ(t.lastEpoch(), back + 500);
    // Adding an earlier epoch replaces the future from there.
    t.add(stateAt(back + 3));
    EXPECT_EQ(t.lastEpoch(), back + 3);
    t.clear();
    EXPECT_EQ(t.size(), size_t(0));
    EXPECT_EQ(t.bytes(), size_t(0));
}

namespace {

Dataset twoBlobs()
{
    Dataset d;
    d.name = "blobs";
    d.numClasses = 2;
    const int64_t n = 100;
    d.x = Tensor({ n, 2 });
    Rng rng(4);
    for (int64_t i = 0; i < n; ++i) {
        const int32_t label = int32_t(i % 2);
        d.x[2 * i] = (label ? 1.0f : -1.0f) + float(rng.normal(0, 0.7));
        d.x[2 * i + 1] = (label ? 1.0f : -1.0f) + float(rng.normal(0, 0.7));
        d.labels.push_back(label);
    }
    return d;
}

Sequential net(uint64_t seed, int64_t hidden = 6)
{
    Sequential m({ 2 });
    m.emplace<Dense>(hidden);
    m.emplace<ActivationLayer>(ActivationKind::Tanh);
    m.emplace<Dense>(2);
    m.build();
    m.initialize(seed);
    return m;
}

TrainConfig adam(int epochs)
{
    TrainConfig c;
    c.epochs = epochs;
    c.batchSize = 16; // 7 batches an epoch, the last one short
    c.seed = 9;
    c.threads = 1;
    c.optimizer.kind = OptimizerKind::Adam; // moments and a step count that must come back too
    c.optimizer.learningRate = 0.01f;
    c.schedule.kind = ScheduleKind::Cosine; // the rate depends on the step
    return c;
}

} // namespace

TEST(TrainerState, ARestoredTrainerGoesOnBitForBitAsTheRunItWasTakenFrom)
{
    const Dataset train = twoBlobs();
    // The whole run, keeping the state after epoch 3.
    Sequential whole = net(1);
    Trainer a(whole, train, nullptr, adam(8));
    TrainerState third;
    a.onEpoch = [&](const EpochProgress& p) {
        if (p.epoch + 1 == 3)
            third = a.state();
    };
    const TrainResult full = a.run();
    ASSERT_EQ(third.epoch, 3);

    // Another model (other initial weights) restored to that state and trained to the same end.
    Sequential resumed = net(2);
    Trainer b(resumed, train, nullptr, adam(8));
    b.restore(third);
    int firstEpoch = -1;
    b.onEpoch = [&](const EpochProgress& p) {
        if (firstEpoch < 0)
            firstEpoch = p.epoch;
    };
    const TrainResult rest = b.run();
    EXPECT_EQ(firstEpoch, 3);
    EXPECT_EQ(rest.steps, full.steps);
    const std::vector<Param*> want = whole.params(), got = resumed.params();
    ASSERT_EQ(want.size(), got.size());
    for (size_t i = 0; i < want.size(); ++i)
        EXPECT_EQ(got[i]->value, want[i]->value) << "parameter " << want[i]->name << " differs after going on from epoch 3";
}

TEST(TrainerState, AStateOfAnotherNetworkIsRefusedAndChangesNothing)
{
    const Dataset train = twoBlobs();
    Sequential small = net(1);
    Trainer a(small, train, nullptr, adam(1));
    const TrainerState s = a.state();

    Sequential other = net(1, 7);
    const Tensor before = other.params()[0]->value;
    Trainer b(other, train, nullptr, adam(1));
    EXPECT_THROW(b.restore(s), ShapeError);
    EXPECT_EQ(other.params()[0]->value, before);
}
