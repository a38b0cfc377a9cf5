// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/TensorStats.h"

#include "util/FirstError.h"
#include "util/Threads.h"

#include <omp.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace ws {

namespace {

// Summary of one chunk (or of several merged ones); mean and m2 over the finite elements.
struct Partial {
    int64_t count = 0, finite = 0, nans = 0, infs = 0, zeros = 0;
    double mean = 0, m2 = 0, sumsq = 0;
    float min = std::numeric_limits<float>::infinity();
    float max = -std::numeric_limits<float>::infinity();
};

bool allFinite(const float* x, int64_t n)
{
    uint32_t bad = 0;
    for (int64_t i = 0; i < n; ++i) {
        uint32_t b;
        std::memcpy(&b, x + i, 4);
        bad |= uint32_t((b & 0x7f800000u) == 0x7f800000u);
    }
    return bad == 0;
}

// Finite values only: the common case, written as separate simple loops so that GCC vectorises
// each (checked with -fopt-info-vec). Sums run in kLanes explicit float64 lanes, added up in a
// fixed order, so results do not depend on the compiler's vector width; min, max and the zero
// count are exact in any order, so an OpenMP simd reduction may reorder them.
constexpr int kLanes = 8;

Partial summariseFinite(const float* x, int64_t n)
{
    static_assert(kStatsChunk < INT32_MAX);
    Partial p;
    p.count = p.finite = n;
    if (n == 0)
        return p;
    float mn = x[0], mx = x[0];
    int32_t zeros = 0; // 32 bits vectorise better; chunks have at most kStatsChunk elements
#pragma omp simd reduction(min : mn) reduction(max : mx) reduction(+ : zeros)
    for (int64_t i = 0; i < n; ++i) {
        const float v = x[i];
        mn = v < mn ? v : mn;
        mx = v > mx ? v : mx;
        zeros += v == 0.0f;
    }
    p.min = mn;
    p.max = mx;
    p.zeros = zeros;

    const int64_t body = n - n % kLanes;
    double sum[kLanes] = {};
    for (int64_t i = 0; i < body; i += kLanes)
        for (int j = 0; j < kLanes; ++j)
            sum[j] += double(x[i + j]);
    for (int64_t i = body; i < n; ++i)
        sum[i - body] += double(x[i]);
    double total = 0;
    for (double s : sum)
        total += s;
    p.mean = total / double(n);

    double m2[kLanes] = {};
    for (int64_t i = 0; i < body; i += kLanes)
        for (int j = 0; j < kLanes; ++j) {
            const double d = double(x[i + j]) - p.mean;
            m2[j] += d * d;
        }
    for (int64_t i = body; i < n; ++i) {
        const double d = double(x[i]) - p.mean;
        m2[i - body] += d * d;
    }
    for (double v : m2)
        p.m2 += v;
    // Σx² = Σ(x - mean)² + n·mean²: two non-negative terms, so no cancellation.
    p.sumsq = p.m2 + double(n) * p.mean * p.mean;
    return p;
}

// Chunks holding NaN or Inf: count them and summarise the rest.
Partial summariseMixed(const float* x, int64_t n)
{
    Partial p;
    p.count = n;
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) {
        const float v = x[i];
        if (std::isnan(v)) {
            ++p.nans;
        } else if (std::isinf(v)) {
            ++p.infs;
        } else {
            ++p.finite;
            sum += double(v);
            p.min = std::min(p.min, v);
            p.max = std::max(p.max, v);
            p.zeros += v == 0.0f;
        }
    }
    p.mean = p.finite > 0 ? sum / double(p.finite) : 0.0;
    for (int64_t i = 0; i < n; ++i)
        if (std::isfinite(x[i])) {
            const double v = double(x[i]);
            p.m2 += (v - p.mean) * (v - p.mean);
            p.sumsq += v * v;
        }
    return p;
}

Partial summarise(const float* x, int64_t n)
{
    return allFinite(x, n) ? summariseFinite(x, n) : summariseMixed(x, n);
}

// Chan, Golub, LeVeque (1979): merging the mean and squared deviations of two groups.
void merge(Partial& a, const Partial& b)
{
    a.count += b.count;
    a.nans += b.nans;
    a.infs += b.infs;
    a.zeros += b.zeros;
    a.sumsq += b.sumsq;
    a.min = std::min(a.min, b.min);
    a.max = std::max(a.max, b.max);
    if (b.finite == 0)
        return;
    const double na = double(a.finite), nb = double(b.finite), n = na + nb;
    const double delta = b.mean - a.mean;
    a.mean += delta * (nb / n);
    a.m2 += b.m2 + delta * delta * (na * nb / n);
    a.finite += b.finite;
}

TensorStats finish(const Partial& p)
{
    TensorStats s;
    s.count = p.count;
    s.finite = p.finite;
    s.nans = p.nans;
    s.infs = p.infs;
    s.zeros = p.zeros;
    s.l2 = std::sqrt(p.sumsq);
    if (p.finite == 0) {
        s.min = s.max = s.mean = s.std = std::numeric_limits<double>::quiet_NaN();
        return s;
    }
    s.min = p.min;
    s.max = p.max;
    s.mean = p.mean;
    s.std = std::sqrt(std::max(0.0, p.m2 / double(p.finite)));
    return s;
}

// Summarises chunk c of n elements with `load(first, count, buffer)`, in parallel, then merges
// the partials in chunk order.
template <class Load> TensorStats chunked(int64_t n, int threads, const Load& load)
{
    const int64_t chunks = (n + kStatsChunk - 1) / kStatsChunk;
    std::vector<Partial> parts(static_cast<size_t>(chunks));
    FirstError error;
    const int t = threads > 0 ? threads : threadCount();
#pragma omp parallel num_threads(t) if (chunks > 1)
    {
        std::vector<float> buffer(size_t(std::min(n, kStatsChunk)));
#pragma omp for schedule(static)
        for (int64_t c = 0; c < chunks; ++c) {
            error.capture([&] {
                const int64_t first = c * kStatsChunk;
                const int64_t count = std::min(kStatsChunk, n - first);
                parts[size_t(c)] = summarise(load(first, count, buffer.data()), count);
            });
        }
    }
    error.rethrow();
    Partial total;
    for (const Partial& p : parts)
        merge(total, p);
    return finish(total);
}

} // namespace

TensorStats computeTensorStats(const WeightFile& file, size_t index, int threads)
{
    const int64_t n = file.tensors().at(index).numel();
    return chunked(n, threads, [&](int64_t first, int64_t count, float* buffer) -> const float* {
        file.read(index, first, count, buffer);
        return buffer;
    });
}

TensorStats computeSourceStats(const ElementSource& source, int threads)
{
    return chunked(source.numel, threads, [&](int64_t first, int64_t count, float* buffer) -> const float* {
        source.read(first, count, buffer);
        return buffer;
    });
}

TensorStats computeStats(const float* data, int64_t n)
{
    return chunked(n, 0, [&](int64_t first, int64_t, float*) { return data + first; });
}

} // namespace ws
