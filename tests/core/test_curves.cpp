// SPDX-License-Identifier: GPL-3.0-or-later
// Curves that never lie about extremes (#19): the min/max (M4) downsampling the Runs dock draws,
// and the smoothings it offers besides TensorBoard's EMA.
#include "run/CurveDownsample.h"
#include "run/RunRecord.h"
#include "run/Smoothing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace ws;

namespace {

// 100,000 steps of a noisy, slowly falling loss with one step at 100 (the spike).
constexpr size_t kPoints = 100'000;
constexpr size_t kSpike = 54'321;

void lossWithSpike(std::vector<double>& x, std::vector<double>& y)
{
    x.resize(kPoints);
    y.resize(kPoints);
    uint32_t state = 12345;
    for (size_t i = 0; i < kPoints; ++i) {
        state = state * 1664525u + 1013904223u;
        x[i] = double(i);
        y[i] = 2.0 * std::exp(-double(i) / 30000.0) + 0.05 * double(state >> 8) / double(1u << 24);
    }
    y[kSpike] = 100.0;
}

bool holds(const CurvePoints& c, double x, double y)
{
    for (size_t i = 0; i < c.x.size(); ++i)
        if (c.x[i] == x && c.y[i] == y)
            return true;
    return false;
}

} // namespace

TEST(CurveDownsample, ASpikeOfOneStepIsOnScreenAtEveryZoomAndWidth)
{
    std::vector<double> x, y;
    lossWithSpike(x, y);
    const double s = double(kSpike);
    // From the whole run down to a few steps around the spike, with the spike in the middle,
    // near an edge, and exactly on an edge; widths from a thumbnail to a 4K screen.
    const std::vector<std::pair<double, double>> ranges = { { 0, 99999 }, { -5000, 120000 }, { 50000, 60000 },
        { s - 3, s + 20000 }, { s - 20000, s + 0.5 }, { s, s + 1000 }, { s - 1000, s }, { 54000, 55000 },
        { s - 10, s + 10 }, { s - 0.25, s + 0.25 } };
    for (int pixels : { 1, 7, 37, 300, 801, 1920, 3840 }) {
        for (const auto& [lo, hi] : ranges) {
            const CurvePoints c = downsampleMinMax(x, y, lo, hi, pixels);
            EXPECT_TRUE(holds(c, s, 100.0)) << "range [" << lo << ", " << hi << "] at " << pixels << " px";
            EXPECT_LE(c.x.size(), size_t(4 * pixels + 2)) << "range [" << lo << ", " << hi << "] at " << pixels << " px";
        }
    }
}

TEST(CurveDownsample, EachColumnKeepsItsMinimumAndMaximumInOrder)
{
    std::vector<double> x, y;
    lossWithSpike(x, y);
    const CurvePoints c = downsampleMinMax(x, y, 0, 99999, 100);
    for (size_t i = 1; i < c.x.size(); ++i)
        ASSERT_LT(c.x[i - 1], c.x[i]) << "point " << i;
    // Column 10 holds steps 10,000 to 10,999: its true extremes must be among the kept points.
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 10000; i < 11000; ++i) {
        lo = std::min(lo, y[i]);
        hi = std::max(hi, y[i]);
    }
    double keptLo = INFINITY, keptHi = -INFINITY;
    for (size_t i = 0; i < c.x.size(); ++i)
        if (c.x[i] >= 10000 && c.x[i] < 11000) {
            keptLo = std::min(keptLo, c.y[i]);
            keptHi = std::max(keptHi, c.y[i]);
        }
    EXPECT_EQ(keptLo, lo);
    EXPECT_EQ(keptHi, hi);
}

TEST(CurveDownsample, FewPointsComeBackWholeWithTheNeighboursOutsideTheRange)
{
    const std::vector<double> x = { 0, 1, 2, 3, 4, 5 }, y = { 5, NAN, 3, 2, 1, 0 };
    const CurvePoints c = downsampleMinMax(x, y, 2, 3, 100);
    EXPECT_EQ(c.x, (std::vector<double> { 0, 2, 3, 4 })); // NaN at 1 skipped: the neighbour is 0
    EXPECT_EQ(c.y, (std::vector<double> { 5, 3, 2, 1 }));
}

TEST(Smoothing, TimeWeightedEmaOfEvenlySpacedPointsIsTheDebiasedEma)
{
    std::vector<double> x, y;
    for (int i = 0; i < 200; ++i) {
        x.push_back(3.0 * i);
        y.push_back(std::sin(i * 0.1) + (i % 7) * 0.1);
    }
    const double w = 0.8;
    const std::vector<double> ema = smoothSeries(y, w);
    const std::vector<double> tw = smoothTimeWeighted(x, y, -3.0 / std::log(w));
    for (size_t i = 0; i < y.size(); ++i)
        EXPECT_NEAR(tw[i], ema[i], 1e-12) << "point " << i;
}

TEST(Smoothing, TimeWeightedEmaDoesNotDependOnTheSamplingDensity)
{
    // The same curve logged every step and every 8th step: TensorBoard's EMA with one weight
    // smooths the sparse one over 8 times the steps; the time-weighted one draws the same line.
    const auto f = [](double t) { return std::sin(t / 40.0) + 0.3 * std::sin(t / 7.0); };
    std::vector<double> xd, yd, xs, ys;
    for (int t = 0; t <= 2000; ++t) {
        xd.push_back(t);
        yd.push_back(f(t));
        if (t % 8 == 0) {
            xs.push_back(t);
            ys.push_back(f(t));
        }
    }
    const double tau = 60.0, w = std::exp(-1.0 / tau);
    const std::vector<double> twDense = smoothTimeWeighted(xd, yd, tau), twSparse = smoothTimeWeighted(xs, ys, tau);
    const std::vector<double> emaDense = smoothSeries(yd, w), emaSparse = smoothSeries(ys, w);
    double twGap = 0, emaGap = 0;
    for (size_t k = 10; k < xs.size(); ++k) { // past the start-up
        const size_t d = size_t(xs[k]);
        twGap = std::max(twGap, std::abs(twDense[d] - twSparse[k]));
        emaGap = std::max(emaGap, std::abs(emaDense[d] - emaSparse[k]));
    }
    EXPECT_LT(twGap, 0.1) << "time-weighted EMA: dense and sparse sampling differ by " << twGap;
    EXPECT_GT(emaGap, 0.3) << "the step-count EMA should differ (that is the point): " << emaGap;
}

TEST(Smoothing, CentredMovingAverageAveragesTheFiniteNeighbours)
{
    const std::vector<double> y = { 1, 2, NAN, 4, 5, 6 };
    const std::vector<double> m = centredMovingAverage(y, 1);
    EXPECT_DOUBLE_EQ(m[0], 1.5);       // 1, 2
    EXPECT_DOUBLE_EQ(m[1], 1.5);       // 1, 2 (NaN left out)
    EXPECT_DOUBLE_EQ(m[2], 3.0);       // 2, 4
    EXPECT_DOUBLE_EQ(m[3], 4.5);       // 4, 5
    EXPECT_DOUBLE_EQ(m[5], 5.5);       // 5, 6
    EXPECT_EQ(centredMovingAverage(y, 0).size(), y.size());
    // The slider's 0.6 is a half-width of 2 points: 5 in all.
    const std::vector<double> ramp = { 0, 1, 2, 3, 4, 5, 6, 7, 8 };
    EXPECT_DOUBLE_EQ(smoothCurve(SmoothingKind::MovingAverage, ramp, ramp, 0.6, 8.0)[4], 4.0);
    EXPECT_DOUBLE_EQ(smoothCurve(SmoothingKind::MovingAverage, ramp, { 0, 0, 0, 0, 10, 0, 0, 0, 0 }, 0.6, 8.0)[2], 2.0);
}

TEST(Smoothing, TimeWeightedEmaWeighsAPointByTheSpanItStandsFor)
{
    // Logged every step up to 1,000, then every 10th: the sparse points must not count for a
    // tenth of the dense ones, or the line lags behind the curve after the switch.
    const auto f = [](double t) { return t < 1000 ? 0.0 : 1.0; };
    std::vector<double> xd, yd, xm, ym;
    for (int t = 0; t <= 1400; ++t) {
        xd.push_back(t);
        yd.push_back(f(t));
        if (t < 1000 || t % 10 == 0) {
            xm.push_back(t);
            ym.push_back(f(t));
        }
    }
    const double tau = 60.0;
    const std::vector<double> dense = smoothTimeWeighted(xd, yd, tau), mixed = smoothTimeWeighted(xm, ym, tau);
    double gap = 0;
    for (size_t k = 0; k < xm.size(); ++k)
        gap = std::max(gap, std::abs(dense[size_t(xm[k])] - mixed[k]));
    EXPECT_LT(gap, 0.1) << "sparse logging after dense logging changes the line by " << gap;
}

TEST(Smoothing, ThinningForManyRunsKeepsEverySpikeOfEveryColumn)
{
    RunHistory h;
    const size_t n = 100'000;
    for (size_t i = 0; i < n; ++i) {
        h.step.push_back(int64_t(i + 1));
        h.epoch.push_back(double(i) / 1000.0);
        h.wallTime.push_back(double(i) * 0.01);
        h.loss.push_back(1.0 + 0.001 * double(i % 13));
        h.accuracy.push_back(0.5 + 0.001 * double(i % 11));
        h.learningRate.push_back(0.01);
    }
    h.loss[54321] = 100.0;      // a loss spike
    h.accuracy[77777] = 0.0;    // an accuracy dip
    h.learningRate[1234] = 1.0; // a learning-rate change for one batch
    const size_t stride = thinHistoryKeepingExtremes(h, 500);
    EXPECT_LE(h.size(), 500u);
    EXPECT_GE(stride, 200u);
    const auto has = [&](int64_t step, const std::vector<double>& column, double value) {
        for (size_t i = 0; i < h.size(); ++i)
            if (h.step[i] == step)
                return column[i] == value;
        return false;
    };
    EXPECT_TRUE(has(54322, h.loss, 100.0));
    EXPECT_TRUE(has(77778, h.accuracy, 0.0));
    EXPECT_TRUE(has(1235, h.learningRate, 1.0));
    EXPECT_EQ(h.step.back(), int64_t(n));
    for (size_t i = 1; i < h.size(); ++i)
        ASSERT_LT(h.step[i - 1], h.step[i]);
    EXPECT_EQ(h.valLoss.size(), 0u); // absent columns stay absent
}
