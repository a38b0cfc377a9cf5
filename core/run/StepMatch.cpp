// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/StepMatch.h"

#include <algorithm>
#include <cmath>

namespace ws {

size_t pointAtOrBefore(std::span<const int64_t> steps, int64_t step)
{
    // upper_bound: past the last of equal steps, so a step logged twice shows its later point.
    const size_t after = size_t(std::upper_bound(steps.begin(), steps.end(), step) - steps.begin());
    return after == 0 ? kNoPoint : after - 1;
}

size_t finitePointAtOrBefore(std::span<const double> x, std::span<const double> y, double at)
{
    if (std::isnan(at))
        return kNoPoint;
    const size_t n = std::min(x.size(), y.size());
    for (size_t k = size_t(std::upper_bound(x.begin(), x.begin() + ptrdiff_t(n), at) - x.begin()); k-- > 0;)
        if (std::isfinite(y[k]))
            return k;
    return kNoPoint;
}

size_t nearestFinitePoint(std::span<const double> x, std::span<const double> y, double at)
{
    if (std::isnan(at))
        return kNoPoint;
    const size_t n = std::min(x.size(), y.size());
    const size_t from = size_t(std::lower_bound(x.begin(), x.begin() + ptrdiff_t(n), at) - x.begin());
    size_t after = kNoPoint, before = kNoPoint;
    for (size_t k = from; k < n && after == kNoPoint; ++k)
        if (std::isfinite(y[k]))
            after = k;
    for (size_t k = from; k-- > 0 && before == kNoPoint;)
        if (std::isfinite(y[k]))
            before = k;
    if (before == kNoPoint)
        return after;
    if (after == kNoPoint)
        return before;
    return std::abs(x[before] - at) <= std::abs(x[after] - at) ? before : after;
}

} // namespace ws
