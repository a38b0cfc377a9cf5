// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/PairScatter.h"

#include "analysis/QuantBlockError.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

namespace ws {

namespace {

// The header's binning rule, for the 2-D bins and the 1-D histogram that trims the range alike.
int binOf(double v, double lo, double scale, int bins) { return std::clamp(int(std::floor((v - lo) * scale)), 0, bins - 1); }

} // namespace

ScatterBinner::ScatterBinner(double lo, double hi, int bins)
{
    if (!(hi > lo)) {
        lo -= 0.5;
        hi = lo + 1;
    }
    h_.bins = std::max(bins, 1);
    h_.lo = lo;
    h_.hi = hi;
    h_.counts.assign(size_t(h_.bins) * size_t(h_.bins), 0);
    scale_ = double(h_.bins) / (hi - lo);
}

int ScatterBinner::bin(double v) const
{
    return binOf(v, h_.lo, scale_, h_.bins);
}

void ScatterBinner::add(const float* x, const float* y, int64_t n)
{
    for (int64_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
            ++h_.skipped;
            continue;
        }
        if (x[i] < h_.lo || x[i] > h_.hi || y[i] < h_.lo || y[i] > h_.hi) {
            ++h_.outside;
            continue;
        }
        ++h_.counts[size_t(bin(y[i])) * size_t(h_.bins) + size_t(bin(x[i]))];
        ++h_.points;
    }
}

namespace {

constexpr int kRangeBins = 1 << 14;

// The central 1 − 2·tail of both sides' values: the header's rule, on a 1-D histogram.
std::pair<double, double> trimmedRange(const WeightFile& a, const WeightFile& b, const DiffRow& row, double lo, double hi,
    double tail, const CancelCheck& cancel)
{
    const double scale = double(kRangeBins) / (hi - lo);
    std::vector<uint64_t> counts(kRangeBins);
    uint64_t total = 0;
    visitPair(a, b, row, [&](int64_t, int64_t n, const float* x, const float* y) {
        for (int64_t i = 0; i < n; ++i)
            if (std::isfinite(x[i]) && std::isfinite(y[i])) {
                ++counts[size_t(binOf(x[i], lo, scale, kRangeBins))];
                ++counts[size_t(binOf(y[i], lo, scale, kRangeBins))];
                total += 2;
            }
    }, cancel);
    const double cut = tail * double(total);
    int first = 0, last = kRangeBins - 1;
    for (uint64_t below = 0; first < kRangeBins - 1 && double(below += counts[size_t(first)]) <= cut;)
        ++first;
    for (uint64_t above = 0; last > first && double(above += counts[size_t(last)]) <= cut;)
        --last;
    return { lo + double(first) / scale, lo + double(last + 1) / scale };
}

} // namespace

ScatterHistogram pairScatter(const WeightFile& a, const WeightFile& b, const DiffRow& row, int bins, double tail,
    const CancelCheck& cancel)
{
    const auto side = quantizedSide(a, b, row);
    const bool originalIsB = side && !side->inB;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    visitPair(a, b, row, [&](int64_t, int64_t n, const float* x, const float* y) {
        for (int64_t i = 0; i < n; ++i)
            if (std::isfinite(x[i]) && std::isfinite(y[i])) {
                lo = std::min({ lo, double(x[i]), double(y[i]) });
                hi = std::max({ hi, double(x[i]), double(y[i]) });
            }
    }, cancel);
    if (lo > hi) // nothing finite: an empty picture
        lo = hi = 0;
    if (tail > 0 && hi > lo)
        std::tie(lo, hi) = trimmedRange(a, b, row, lo, hi, tail, cancel);
    ScatterBinner binner(lo, hi, bins);
    visitPair(a, b, row, [&](int64_t, int64_t n, const float* x, const float* y) {
        if (originalIsB)
            binner.add(y, x, n);
        else
            binner.add(x, y, n);
    }, cancel);
    ScatterHistogram h = binner.result();
    h.originalIsB = originalIsB;
    return h;
}

} // namespace ws
