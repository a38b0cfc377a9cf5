// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/CurveDownsample.h"

#include <algorithm>
#include <cmath>

namespace ws {

CurvePoints downsampleMinMax(const std::vector<double>& x, const std::vector<double>& y, double xMin, double xMax,
    int pixels)
{
    CurvePoints out;
    const size_t n = std::min(x.size(), y.size());
    pixels = std::max(pixels, 1);
    // [begin, end): the points inside the range; one more on each side when there is one.
    size_t begin = size_t(std::lower_bound(x.begin(), x.begin() + ptrdiff_t(n), xMin) - x.begin());
    size_t end = size_t(std::upper_bound(x.begin(), x.begin() + ptrdiff_t(n), xMax) - x.begin());
    const auto put = [&](size_t i) {
        if (std::isfinite(y[i]) && std::isfinite(x[i])) {
            out.x.push_back(x[i]);
            out.y.push_back(y[i]);
        }
    };
    // The nearest finite point outside each edge, so the line enters and leaves the view.
    size_t before = begin;
    while (before > 0 && !std::isfinite(y[before - 1]))
        --before;
    if (before > 0)
        put(before - 1);
    if (end - begin <= size_t(4) * size_t(pixels) || !(xMax > xMin)) {
        for (size_t i = begin; i < end; ++i)
            put(i);
    } else {
        const double scale = double(pixels) / (xMax - xMin);
        size_t i = begin;
        while (i < end) {
            const long column = std::min(long(pixels) - 1, long((x[i] - xMin) * scale));
            size_t first = n, last = n, lo = n, hi = n;
            for (; i < end && std::min(long(pixels) - 1, long((x[i] - xMin) * scale)) == column; ++i) {
                if (!std::isfinite(y[i]))
                    continue;
                if (first == n)
                    first = i;
                last = i;
                if (lo == n || y[i] < y[lo])
                    lo = i;
                if (hi == n || y[i] > y[hi])
                    hi = i;
            }
            if (first == n)
                continue;
            // The four in x order, each once.
            size_t keep[4] = { first, std::min(lo, hi), std::max(lo, hi), last };
            std::sort(keep, keep + 4);
            for (int k = 0; k < 4; ++k)
                if (k == 0 || keep[k] != keep[k - 1])
                    put(keep[k]);
        }
    }
    size_t after = end;
    while (after < n && !std::isfinite(y[after]))
        ++after;
    if (after < n)
        put(after);
    return out;
}

} // namespace ws
