// SPDX-License-Identifier: GPL-3.0-or-later
// A step chosen for several runs is matched by its number (run/StepMatch.h, #19): each run shows
// its point at that step, or its nearest before it, or nothing when it starts later.
#include "run/StepMatch.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

using namespace ws;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
}

// A run logging every second epoch beside one logging every epoch: step 8 is its point 4.
TEST(StepMatch, AStepLoggedIsFoundByItsNumberNotItsPosition)
{
    const std::vector<int64_t> everyEpoch = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    const std::vector<int64_t> everySecond = { 0, 2, 4, 6, 8 };
    EXPECT_EQ(pointAtOrBefore(everyEpoch, 8), size_t(8));
    EXPECT_EQ(pointAtOrBefore(everySecond, 8), size_t(4)) << "step 8 is the fifth point of a run logging every 2";
    EXPECT_EQ(pointAtOrBefore(everySecond, 0), size_t(0));
}

TEST(StepMatch, AStepBetweenTwoPointsShowsTheOneBefore)
{
    const std::vector<int64_t> steps = { 0, 2, 4, 6, 8 };
    EXPECT_EQ(pointAtOrBefore(steps, 7), size_t(3)) << "step 7: the run's step 6, never its step 8";
    EXPECT_EQ(pointAtOrBefore(steps, 1), size_t(0));
}

TEST(StepMatch, AStepBeforeTheFirstPointShowsNothing)
{
    const std::vector<int64_t> startsLate = { 5, 6, 7 };
    EXPECT_EQ(pointAtOrBefore(startsLate, 4), kNoPoint);
    EXPECT_EQ(pointAtOrBefore(startsLate, -1), kNoPoint);
    EXPECT_EQ(pointAtOrBefore(std::vector<int64_t> {}, 3), kNoPoint) << "a run without points";
}

TEST(StepMatch, AStepAfterTheLastPointShowsTheLast)
{
    const std::vector<int64_t> steps = { 0, 2, 4 };
    EXPECT_EQ(pointAtOrBefore(steps, 9), size_t(2));
    EXPECT_EQ(pointAtOrBefore(steps, std::numeric_limits<int64_t>::max()), size_t(2));
}

// A run restarted at step 3 that logged steps 3 and 4 again: the restarted run's points (the
// later ones) are shown, as the TensorBoard reader keeps them.
TEST(StepMatch, AStepLoggedTwiceByARestartShowsTheLaterPoint)
{
    const std::vector<int64_t> steps = { 0, 1, 2, 3, 3, 4, 4, 5 };
    EXPECT_EQ(pointAtOrBefore(steps, 3), size_t(4));
    EXPECT_EQ(pointAtOrBefore(steps, 4), size_t(6));
    EXPECT_EQ(pointAtOrBefore(steps, 2), size_t(2));
    const std::vector<double> x = { 0, 1, 2, 3, 3, 4 }, y = { 10, 11, 12, 13, 23, 24 };
    EXPECT_EQ(finitePointAtOrBefore(x, y, 3.0), size_t(4));
}

// The hover read-out on a double axis: at or before, skipping NaN values (a gap, or what a log
// axis cannot show), nothing before the first point.
TEST(StepMatch, TheReadoutTakesTheLastFiniteValueAtOrBefore)
{
    const std::vector<double> x = { 10, 20, 30, 40 }, y = { 1.0, 2.0, kNaN, 4.0 };
    EXPECT_EQ(finitePointAtOrBefore(x, y, 20.0), size_t(1));
    EXPECT_EQ(finitePointAtOrBefore(x, y, 29.9), size_t(1));
    EXPECT_EQ(finitePointAtOrBefore(x, y, 35.0), size_t(1)) << "30 holds NaN: 20 is the last value before 35";
    EXPECT_EQ(finitePointAtOrBefore(x, y, 99.0), size_t(3));
    EXPECT_EQ(finitePointAtOrBefore(x, y, 9.0), kNoPoint);
    EXPECT_EQ(finitePointAtOrBefore(x, y, kNaN), kNoPoint);
    const std::vector<double> allNaN = { kNaN, kNaN, kNaN, kNaN };
    EXPECT_EQ(finitePointAtOrBefore(x, allNaN, 40.0), kNoPoint);
}

// Where the cursor lands: the nearest point with a value on either side, the earlier on a tie.
TEST(StepMatch, TheNearestFinitePointIsOnEitherSide)
{
    const std::vector<double> x = { 10, 20, 30, 40 }, y = { 1.0, 2.0, kNaN, 4.0 };
    EXPECT_EQ(nearestFinitePoint(x, y, 19.0), size_t(1));
    EXPECT_EQ(nearestFinitePoint(x, y, 21.0), size_t(1));
    EXPECT_EQ(nearestFinitePoint(x, y, 15.0), size_t(0)) << "a tie: the earlier";
    EXPECT_EQ(nearestFinitePoint(x, y, 31.0), size_t(3)) << "30 holds NaN: 40 is nearer than 20";
    EXPECT_EQ(nearestFinitePoint(x, y, -5.0), size_t(0));
    EXPECT_EQ(nearestFinitePoint(x, y, 99.0), size_t(3));
    EXPECT_EQ(nearestFinitePoint(std::vector<double> {}, std::vector<double> {}, 1.0), kNoPoint);
}
