// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/HistogramViews.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws {

DistributionPoint compressHistogram(const std::vector<double>& buckets)
{
    DistributionPoint out {};
    if (buckets.empty())
        return out;
    const bool finite = std::all_of(buckets.begin(), buckets.end(), [](double v) { return std::isfinite(v); });
    if (!finite || buckets.size() % 3 != 0) {
        out.fill(std::numeric_limits<double>::quiet_NaN());
        return out;
    }
    const size_t n = buckets.size() / 3;
    const double minmin = buckets[0], maxmax = buckets[3 * (n - 1) + 1];
    const auto right = [&](size_t i) { return buckets[3 * i + 1]; };
    double total = 0;
    for (size_t i = 0; i < n; ++i)
        total += buckets[3 * i + 2];
    // The cumulative counts scaled to 10,000, summed in the same order as NumPy's cumsum.
    const double scale = kDistributionBasisPoints.back();
    std::vector<double> weights(n);
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
        sum += buckets[3 * i + 2] * scale / (total != 0 ? total : 1.0);
        weights[i] = sum;
    }
    size_t j = 0;
    while (j < kDistributionBasisPoints.size()) {
        const double bp = kDistributionBasisPoints[j];
        size_t i = size_t(std::upper_bound(weights.begin(), weights.end(), bp) - weights.begin());
        bool found = false;
        for (; i < n; ++i) {
            const double cumsum = weights[i];
            const double previous = i > 0 ? weights[i - 1] : 0.0;
            if (cumsum == previous) // an empty bucket: no interpolation inside it
                continue;
            const double lhs = (i == 0 || previous == 0) ? minmin : std::max(right(i - 1), minmin);
            const double rhs = std::min(right(i), maxmax);
            out[j] = lhs + (bp - previous) * (rhs - lhs) / (cumsum - previous);
            found = true;
            break;
        }
        if (!found)
            break;
        ++j;
    }
    for (; j < out.size(); ++j)
        out[j] = maxmax;
    return out;
}

DistributionSeries histogramDistribution(const HistogramSeries& h)
{
    DistributionSeries out;
    out.step = h.step;
    out.wallTime = h.wallTime;
    out.value.reserve(h.size());
    for (const std::vector<double>& buckets : h.buckets)
        out.value.push_back(compressHistogram(buckets));
    return out;
}

namespace {

// A bucket that can be drawn: finite edges, left <= right, a positive finite count.
bool counted(const double* b)
{
    return std::isfinite(b[0]) && std::isfinite(b[1]) && b[0] <= b[1] && std::isfinite(b[2]) && b[2] > 0;
}

} // namespace

RebinnedHistograms rebinHistograms(const HistogramSeries& h, int bins)
{
    RebinnedHistograms out;
    bins = std::max(bins, 1);
    double lo = INFINITY, hi = -INFINITY;
    for (const std::vector<double>& buckets : h.buckets)
        for (size_t k = 0; k + 2 < buckets.size(); k += 3)
            if (counted(&buckets[k])) {
                lo = std::min(lo, buckets[k]);
                hi = std::max(hi, buckets[k + 1]);
            }
    if (!(lo <= hi))
        return out;
    if (hi == lo) {
        lo -= 0.5;
        hi += 0.5;
    }
    const double width = (hi - lo) / bins;
    out.edges.resize(size_t(bins) + 1);
    for (int b = 0; b <= bins; ++b)
        out.edges[size_t(b)] = b == bins ? hi : lo + b * width;
    const auto binOf = [&](double x) { return std::clamp(int(std::floor((x - lo) / width)), 0, bins - 1); };
    out.step = h.step;
    out.count.assign(h.size(), std::vector<double>(size_t(bins), 0.0));
    for (size_t s = 0; s < h.size(); ++s) {
        const std::vector<double>& buckets = h.buckets[s];
        std::vector<double>& count = out.count[s];
        for (size_t k = 0; k + 2 < buckets.size(); k += 3) {
            const double* b = &buckets[k];
            if (!counted(b))
                continue;
            const double left = b[0], right = b[1];
            if (right == left) {
                count[size_t(binOf(left))] += b[2];
                continue;
            }
            for (int bin = binOf(left); bin <= binOf(right); ++bin) {
                const double overlap = std::min(right, out.edges[size_t(bin) + 1]) - std::max(left, out.edges[size_t(bin)]);
                if (overlap > 0)
                    count[size_t(bin)] += b[2] * overlap / (right - left);
            }
        }
    }
    return out;
}

} // namespace ws
