// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/Smoothing.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws {

std::vector<double> smoothSeries(const std::vector<double>& y, double weight)
{
    if (y.empty() || std::all_of(y.begin(), y.end(), [&](double v) { return v == y.front(); }))
        return y;
    const double w = std::clamp(std::isfinite(weight) ? weight : 0.0, 0.0, 0.999);
    std::vector<double> out(y.size());
    double last = 0.0;
    int n = 0;
    for (size_t i = 0; i < y.size(); ++i) {
        if (!std::isfinite(y[i])) {
            out[i] = y[i];
            continue;
        }
        last = last * w + (1.0 - w) * y[i];
        ++n;
        const double debias = w == 1.0 ? 1.0 : 1.0 - std::pow(w, n);
        out[i] = last / debias;
    }
    return out;
}

std::vector<double> smoothTimeWeighted(const std::vector<double>& x, const std::vector<double>& y, double tau)
{
    const size_t n = std::min(x.size(), y.size());
    if (!(tau > 0) || !std::isfinite(tau) || n == 0)
        return y;
    std::vector<double> out(y.begin(), y.begin() + ptrdiff_t(n));
    double num = 0.0, den = 0.0, lastX = NAN;
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(y[i]) || !std::isfinite(x[i]))
            continue;
        double dx;
        if (std::isnan(lastX)) {
            // The first point stands for the span up to the next finite point.
            dx = 1.0;
            for (size_t j = i + 1; j < n; ++j)
                if (std::isfinite(y[j]) && std::isfinite(x[j])) {
                    dx = x[j] - x[i] > 0 ? x[j] - x[i] : 1.0;
                    break;
                }
        } else {
            dx = std::max(0.0, x[i] - lastX);
        }
        const double d = std::isnan(lastX) ? 0.0 : std::exp(-(x[i] - lastX) / tau);
        num = num * d + y[i] * dx;
        den = den * d + dx;
        out[i] = den > 0 ? num / den : y[i];
        lastX = x[i];
    }
    return out;
}

std::vector<double> centredMovingAverage(const std::vector<double>& y, size_t k)
{
    if (k == 0)
        return y;
    const size_t n = y.size();
    std::vector<double> sum(n + 1, 0.0);
    std::vector<size_t> count(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        const bool ok = std::isfinite(y[i]);
        sum[i + 1] = sum[i] + (ok ? y[i] : 0.0);
        count[i + 1] = count[i] + (ok ? 1 : 0);
    }
    std::vector<double> out(n);
    for (size_t i = 0; i < n; ++i) {
        const size_t lo = i >= k ? i - k : 0, hi = std::min(n, i + k + 1);
        const size_t c = count[hi] - count[lo];
        out[i] = c > 0 ? (sum[hi] - sum[lo]) / double(c) : std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

std::vector<double> smoothCurve(SmoothingKind kind, const std::vector<double>& x, const std::vector<double>& y,
    double weight, double xExtent)
{
    const double w = std::clamp(std::isfinite(weight) ? weight : 0.0, 0.0, 0.999);
    switch (kind) {
    case SmoothingKind::TimeWeightedEma:
        if (w <= 0 || !(xExtent > 0))
            return y;
        return smoothTimeWeighted(x, y, -(xExtent / 1000.0) / std::log(w));
    case SmoothingKind::MovingAverage:
        // 1e-9: 0.6 / 0.4 is 1.4999999999999998 in binary and must round to 2 as documented.
        return centredMovingAverage(y, size_t(std::lround(w / (1.0 - w) + 1e-9)));
    case SmoothingKind::Ema:
    default:
        return smoothSeries(y, w);
    }
}

GroupCurve groupStatistics(const std::vector<SeriesRef>& series)
{
    GroupCurve g;
    if (series.empty())
        return g;
    // Walk every series with its own cursor; keep the x values all of them have.
    std::vector<size_t> at(series.size(), 0);
    const auto& first = *series.front().x;
    for (double x : first) {
        std::vector<double> values;
        bool everywhere = true;
        for (size_t s = 0; s < series.size() && everywhere; ++s) {
            const auto& xs = *series[s].x;
            const auto& ys = *series[s].y;
            size_t& i = at[s];
            while (i < xs.size() && xs[i] < x)
                ++i;
            if (i >= xs.size() || xs[i] != x || i >= ys.size()) {
                everywhere = false;
                break;
            }
            if (std::isfinite(ys[i]))
                values.push_back(ys[i]);
        }
        if (!everywhere)
            continue;
        const int n = int(values.size());
        double mean = std::numeric_limits<double>::quiet_NaN(), sd = mean;
        if (n > 0) {
            mean = 0.0;
            for (double v : values)
                mean += v;
            mean /= n;
            double ss = 0.0;
            for (double v : values)
                ss += (v - mean) * (v - mean);
            sd = n > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
        }
        g.x.push_back(x);
        g.mean.push_back(mean);
        g.std.push_back(sd);
        g.count.push_back(n);
    }
    return g;
}

size_t thinHistory(RunHistory& h, size_t maxRows)
{
    const size_t n = h.size();
    if (maxRows < 2 || n <= maxRows)
        return 1;
    const size_t stride = (n - 1 + maxRows - 2) / (maxRows - 1);
    const auto thin = [&](auto& column) {
        if (column.size() != n)
            return; // an absent column (validation in the batch table) stays absent
        size_t k = 0;
        for (size_t i = 0; i < n - 1; i += stride)
            column[k++] = column[i];
        column[k++] = column[n - 1];
        column.resize(k);
    };
    thin(h.step);
    for (auto* c : { &h.epoch, &h.wallTime, &h.loss, &h.accuracy, &h.valLoss, &h.valAccuracy, &h.learningRate })
        thin(*c);
    return stride;
}

size_t thinHistoryKeepingExtremes(RunHistory& h, size_t maxRows)
{
    const size_t n = h.size();
    if (maxRows < 8 || n <= maxRows)
        return 1;
    constexpr size_t kPerBlock = 7;
    const size_t block = (kPerBlock * n + maxRows - 2) / (maxRows - 1); // ceil(7n / (maxRows - 1))
    std::vector<size_t> keep;
    keep.reserve(std::min(n, (n / block + 1) * kPerBlock + 1));
    const std::vector<double>* columns[] = { &h.loss, &h.accuracy, &h.learningRate };
    for (size_t first = 0; first < n; first += block) {
        const size_t end = std::min(n, first + block);
        size_t rows[kPerBlock];
        size_t count = 0;
        rows[count++] = first;
        for (const std::vector<double>* c : columns) {
            if (c->size() != n)
                continue;
            size_t lo = n, hi = n;
            for (size_t i = first; i < end; ++i) {
                const double v = (*c)[i];
                if (!std::isfinite(v))
                    continue;
                if (lo == n || v < (*c)[lo])
                    lo = i;
                if (hi == n || v > (*c)[hi])
                    hi = i;
            }
            if (lo != n) {
                rows[count++] = lo;
                rows[count++] = hi;
            }
        }
        // At most seven: an insertion sort (std::sort over a count GCC cannot bound warns).
        for (size_t k = 1; k < count; ++k)
            for (size_t j = k; j > 0 && rows[j - 1] > rows[j]; --j)
                std::swap(rows[j - 1], rows[j]);
        for (size_t k = 0; k < count; ++k)
            if (k == 0 || rows[k] != rows[k - 1])
                keep.push_back(rows[k]);
    }
    if (keep.back() != n - 1)
        keep.push_back(n - 1);
    const auto thin = [&](auto& column) {
        if (column.size() != n)
            return; // an absent column (validation in the batch table) stays absent
        for (size_t k = 0; k < keep.size(); ++k)
            column[k] = column[keep[k]]; // keep[k] >= k: an in-place forward copy
        column.resize(keep.size());
    };
    thin(h.step);
    for (auto* c : { &h.epoch, &h.wallTime, &h.loss, &h.accuracy, &h.valLoss, &h.valAccuracy, &h.learningRate })
        thin(*c);
    return std::max<size_t>(1, (n + keep.size() / 2) / keep.size());
}

} // namespace ws
