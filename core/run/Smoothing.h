// SPDX-License-Identifier: GPL-3.0-or-later
// Curve arithmetic for comparing runs: TensorBoard's smoothing, mean ± std across a group, and
// the thinning that keeps many long runs drawable in bounded memory.
#pragma once

#include "run/RunRecord.h"

#include <cstddef>
#include <vector>

namespace ws {

// TensorBoard's "classic" scalar smoothing (webapp line chart): a debiased exponential moving
// average. weight is clamped to [0, 0.999]. For each finite y: last = last*w + (1-w)*y, n += 1,
// out = last / (1 - w^n); a non-finite y is passed through unchanged and neither counted nor
// mixed in. A series whose every value equals the first is returned unchanged (TensorBoard does
// the same, so a constant curve is not bent by rounding).
std::vector<double> smoothSeries(const std::vector<double>& y, double weight);

// A time-weighted EMA that does not depend on how densely the curve was sampled (#19; TensorBoard's
// EMA does, its issue #6829): each point weighs as much as the x-span since the point before it,
// and the weights decay as exp(-distance / tau) along x:
//   num = num * d + y * dx, den = den * d + dx, out = num / den, with d = exp(-dx / tau).
// For evenly spaced points (dx constant) this is exactly smoothSeries with weight exp(-dx / tau);
// sampling the same curve twice as densely gives the same line. The first point weighs as much
// as the gap after it (1 when alone). x ascending; tau > 0 (tau <= 0 returns y). Non-finite y
// pass through as in smoothSeries.
std::vector<double> smoothTimeWeighted(const std::vector<double>& x, const std::vector<double>& y, double tau);

// The mean of the finite values among the points i-k .. i+k (fewer at the ends), NaN where there
// is none; k = 0 returns y. O(n) with running sums.
std::vector<double> centredMovingAverage(const std::vector<double>& y, size_t k);

enum class SmoothingKind { Ema, TimeWeightedEma, MovingAverage };
// What the Runs dock's one smoothing slider (weight in [0, 0.999], TensorBoard's 0.6 by default)
// means for each kind: the EMA's weight; for the time-weighted EMA, tau such that a curve of
// 1,000 evenly spaced points over `xExtent` (TensorBoard's sample count) is smoothed as the EMA
// with that weight would, tau = -(xExtent / 1000) / ln(weight); for the moving average the
// half-width k = round(weight / (1 - weight)) points (0.6 -> 2, 0.9 -> 9, 0.99 -> 99).
std::vector<double> smoothCurve(SmoothingKind kind, const std::vector<double>& x, const std::vector<double>& y,
    double weight, double xExtent);

struct SeriesRef {
    const std::vector<double>* x = nullptr; // ascending
    const std::vector<double>* y = nullptr;
};

struct GroupCurve {
    std::vector<double> x;
    std::vector<double> mean;
    std::vector<double> std;  // sample standard deviation (n - 1); 0 for one value
    std::vector<int> count;   // finite values that went into the point
};

// Mean and ±1 std across series at the x values every series has (exact matches: steps or epochs
// of runs with the same schedule). Non-finite values are left out of a point; a point with
// none left is NaN.
GroupCurve groupStatistics(const std::vector<SeriesRef>& series);

// Keeps rows 0, s, 2s, ... and the last row of a history longer than maxRows (>= 2), with the
// stride s = ceil((n - 1) / (maxRows - 1)), so at most maxRows rows remain; returns s (1 when
// the history is left whole). Smoothing the thinned series with weight w^s keeps the EMA's time
// constant in steps (an average over s steps of the original is one step here).
size_t thinHistory(RunHistory& h, size_t maxRows);

// Like thinHistory, but what a plot of the thinned history shows keeps every extreme (#19): the
// rows are cut into blocks, and of each block the first row and the rows holding the lowest and
// the highest loss, accuracy and learning rate stay (at most 7, in order; the last row of the
// history too), so a one-batch spike in any of them survives. Blocks are sized so that at most
// maxRows (>= 8) rows remain. Returns the average number of original rows per kept row, rounded
// (1 when the history is left whole), for the EMA's w^stride.
size_t thinHistoryKeepingExtremes(RunHistory& h, size_t maxRows);

} // namespace ws
