// SPDX-License-Identifier: GPL-3.0-or-later
// Histogram and percentiles of a tensor's finite values, streamed in bounded chunks.
//
// Percentiles follow NumPy's default ("linear"): for q in [0, 100] over n sorted finite values,
// h = (n − 1)·q/100 and the result is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). They are exact
// (the finite values are copied and partially sorted with nth_element) when there are at most
// `exactLimit` finite values (default 2^24: 64 MB of float32); above that they come from a
// histogram of kPercentileBins bins over [min, max] and are within one bin width (maxError) of
// the exact answer.
#pragma once

#include "analysis/TensorView.h"

#include <cstdint>
#include <vector>

namespace ws {

struct Histogram {
    double lo = 0, hi = 1;          // bins are [lo + k·w, lo + (k+1)·w); the last one includes hi
    std::vector<int64_t> counts;
    int64_t below = 0, above = 0;   // finite values outside [lo, hi]
    int64_t nonFinite = 0;          // NaN and ±Inf, not counted in any bin
    double binWidth() const { return counts.empty() ? 0.0 : (hi - lo) / double(counts.size()); }
};

// bins >= 1. When hi <= lo (a constant tensor), the range becomes [lo − 0.5, lo + 0.5].
Histogram computeHistogram(const ElementSource& source, double lo, double hi, int bins, const CancelCheck& cancel = {});
Histogram histogramOf(const float* values, int64_t n, double lo, double hi, int bins);

inline constexpr int kPercentileBins = 1 << 16;

struct Percentiles {
    std::vector<double> q;      // as asked, in [0, 100]
    std::vector<double> values; // NaN when there is no finite value
    bool exact = true;
    double maxError = 0;        // 0 when exact, else the histogram's bin width
};

// min/max: of the finite values (TensorStats gives them); finite: how many there are.
Percentiles computePercentiles(const ElementSource& source, const std::vector<double>& q, double min, double max,
    int64_t finite, const CancelCheck& cancel = {}, int64_t exactLimit = int64_t(1) << 24);

} // namespace ws
