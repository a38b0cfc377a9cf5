// SPDX-License-Identifier: GPL-3.0-or-later
// Train/validation/test splits by a seeded permutation.
#pragma once

#include "data/Dataset.h"

#include <cstdint>
#include <utility>

namespace ws {

// Shuffles the sample order with `seed` and puts round(fraction * N) samples into the second
// dataset, the rest into the first. fraction must be in [0, 1] (1: everything goes to the second, e.g. to evaluate on a whole file).
std::pair<Dataset, Dataset> splitDataset(const Dataset& data, double fraction, uint64_t seed);

} // namespace ws
