// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/Histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws {

namespace {

constexpr int64_t kChunk = int64_t(1) << 16;

// Reads `source` chunk by chunk into one buffer and calls f(values, n) for each; checks `cancel`
// before every chunk.
template <class F> void forEachChunk(const ElementSource& source, const CancelCheck& cancel, F&& f)
{
    std::vector<float> buffer(size_t(std::min(source.numel, kChunk)));
    for (int64_t first = 0; first < source.numel; first += kChunk) {
        if (cancel && cancel())
            throw Cancelled();
        const int64_t n = std::min(kChunk, source.numel - first);
        source.read(first, n, buffer.data());
        f(buffer.data(), n);
    }
}

void checkQ(const std::vector<double>& q)
{
    for (double v : q)
        if (!(v >= 0.0 && v <= 100.0))
            throw Error("percentile " + std::to_string(v) + " is outside [0, 100]");
}

void add(Histogram& h, const float* x, int64_t n)
{
    const int bins = int(h.counts.size());
    const double scale = double(bins) / (h.hi - h.lo);
    for (int64_t i = 0; i < n; ++i) {
        const double v = x[i];
        if (!std::isfinite(v)) {
            ++h.nonFinite;
            continue;
        }
        if (v < h.lo) {
            ++h.below;
            continue;
        }
        if (v > h.hi) {
            ++h.above;
            continue;
        }
        const int k = std::min(bins - 1, int((v - h.lo) * scale));
        ++h.counts[size_t(k)];
    }
}

Histogram empty(double lo, double hi, int bins)
{
    if (bins < 1)
        throw Error("a histogram needs at least one bin");
    if (!std::isfinite(lo) || !std::isfinite(hi))
        throw Error("a histogram's range must be finite");
    Histogram h;
    if (hi <= lo) {
        h.lo = lo - 0.5;
        h.hi = lo + 0.5;
    } else {
        h.lo = lo;
        h.hi = hi;
    }
    h.counts.assign(size_t(bins), 0);
    return h;
}

} // namespace

Histogram histogramOf(const float* values, int64_t n, double lo, double hi, int bins)
{
    Histogram h = empty(lo, hi, bins);
    add(h, values, n);
    return h;
}

Histogram computeHistogram(const ElementSource& source, double lo, double hi, int bins, const CancelCheck& cancel)
{
    Histogram h = empty(lo, hi, bins);
    forEachChunk(source, cancel, [&h](const float* x, int64_t n) { add(h, x, n); });
    return h;
}

Percentiles computePercentiles(const ElementSource& source, const std::vector<double>& q, double min, double max,
    int64_t finite, const CancelCheck& cancel, int64_t exactLimit)
{
    checkQ(q);
    Percentiles p;
    p.q = q;
    p.values.assign(q.size(), std::numeric_limits<double>::quiet_NaN());
    if (finite <= 0)
        return p;

    if (finite <= exactLimit) {
        std::vector<float> values;
        values.reserve(size_t(finite));
        forEachChunk(source, cancel, [&values](const float* x, int64_t n) {
            for (int64_t i = 0; i < n; ++i)
                if (std::isfinite(x[i]))
                    values.push_back(x[i]);
        });
        const int64_t count = int64_t(values.size());
        if (count == 0)
            return p;
        // The k-th smallest, by nth_element on the whole vector (each call is O(n)).
        auto kth = [&values](int64_t k) {
            std::nth_element(values.begin(), values.begin() + k, values.end());
            return double(values[size_t(k)]);
        };
        for (size_t i = 0; i < q.size(); ++i) {
            const double h = double(count - 1) * q[i] / 100.0;
            const int64_t lo = int64_t(std::floor(h));
            const double a = kth(lo);
            const double frac = h - double(lo);
            const double b = lo + 1 < count && frac > 0 ? kth(lo + 1) : a;
            p.values[i] = a + frac * (b - a);
        }
        return p;
    }

    // Too many values to copy: locate each rank in a fine histogram over [min, max] and place it
    // by its rank within the bin (values spread evenly inside a bin).
    p.exact = false;
    const Histogram h = computeHistogram(source, min, max, kPercentileBins, cancel);
    p.maxError = h.binWidth();
    int64_t total = 0;
    for (int64_t c : h.counts)
        total += c;
    for (size_t i = 0; i < q.size(); ++i) {
        const double rank = double(total - 1) * q[i] / 100.0;
        int64_t before = 0;
        size_t k = 0;
        while (k + 1 < h.counts.size() && double(before + h.counts[k]) <= rank)
            before += h.counts[k++];
        const double within = h.counts[k] > 0 ? (rank - double(before) + 0.5) / double(h.counts[k]) : 0.5;
        p.values[i] = std::clamp(h.lo + (double(k) + std::clamp(within, 0.0, 1.0)) * h.binWidth(), min, max);
    }
    return p;
}

} // namespace ws
