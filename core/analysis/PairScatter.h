// SPDX-License-Identifier: GPL-3.0-or-later
// Original against dequantised value, for every element of a compared pair (#18 item 3): a 2-D
// histogram, drawn as a density scatter with a log colour scale and the line y = x. Never all
// points: the pair is read through visitPair two or three times (the range; with `tail` > 0 a
// 1-D histogram of both sides' values that trims the range; the counts), so memory is bins²
// counters (plus 16 384 for the trimming) whatever the tensor's size. Both axes share one range,
// so y = x is the square's diagonal. x is the original: the side that is not block-quantised
// (A when both or neither are, analysis/QuantBlockError.h's quantizedSide); y the other.
//
// The range is [min, max] of both sides' finite values; with `tail` = 0.0005, the central 99.9 %:
// the lower edge of the bin of that 1-D histogram (16 384 bins over [min, max]) where more than
// tail · (2n) values lie at or below it, the upper edge of the last bin with more than that many
// at or above it. One outlier then no longer squeezes the bulk into a few bins; the values left
// outside are counted (`outside`) and said.
//
// Binning (ScatterBinner), as NumPy's histogram2d with range=[[lo, hi], [lo, hi]] does it up to
// rounding at the edges: bin = floor((v − lo) · (bins / (hi − lo))) in float64, v = hi in the last
// bin; pairs where x or y is not finite are left out and counted (`skipped`), pairs outside the
// range too (`outside`).
#pragma once

#include "analysis/TensorDiff.h"

#include <cstdint>
#include <vector>

namespace ws {

struct ScatterHistogram {
    int bins = 0;
    double lo = 0, hi = 0;         // both axes; hi > lo
    std::vector<uint64_t> counts;  // bins × bins, row = y bin (from lo upwards), column = x bin
    uint64_t points = 0;           // pairs counted
    uint64_t skipped = 0;          // pairs with a NaN or ±Inf
    uint64_t outside = 0;          // finite pairs with x or y outside [lo, hi]
    bool originalIsB = false;      // x is B's value (A is the quantised side)
    uint64_t count(int xBin, int yBin) const { return counts[size_t(yBin) * size_t(bins) + size_t(xBin)]; }
};

class ScatterBinner {
public:
    // An empty range (lo = hi) is widened to lo ± 0.5 so that every value has a bin.
    ScatterBinner(double lo, double hi, int bins);
    void add(const float* x, const float* y, int64_t n);
    int bin(double v) const; // clamped to [0, bins)
    const ScatterHistogram& result() const { return h_; }

private:
    ScatterHistogram h_;
    double scale_ = 0;
};

// Throws Error when the pair cannot be read, Cancelled when `cancel` says so.
ScatterHistogram pairScatter(const WeightFile& a, const WeightFile& b, const DiffRow& row, int bins = 256,
    double tail = 0, const CancelCheck& cancel = {});

} // namespace ws
