// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/Split.h"

#include "util/Error.h"
#include "util/Rng.h"

#include <cmath>
#include <numeric>

namespace ws {

std::pair<Dataset, Dataset> splitDataset(const Dataset& data, double fraction, uint64_t seed)
{
    if (!(fraction >= 0.0 && fraction <= 1.0))
        throw ConfigError("a split fraction must be between 0 and 1, got " + std::to_string(fraction));
    std::vector<int64_t> order(size_t(data.size()));
    std::iota(order.begin(), order.end(), 0);
    Rng rng(seed);
    rng.shuffle(order.begin(), order.end());
    const auto second = size_t(std::llround(fraction * double(order.size())));
    const std::vector<int64_t> a(order.begin(), order.end() - int64_t(second));
    const std::vector<int64_t> b(order.end() - int64_t(second), order.end());
    return { data.subset(a), data.subset(b) };
}

} // namespace ws
