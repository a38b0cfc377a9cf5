// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing two checkpoints of the same model (before/after fine-tuning, two epochs): tensors
// are matched by name; for each pair with the same element count the difference is summarised
// as max |a − b|, the relative change ‖a − b‖₂ / ‖a‖₂ and the cosine similarity a·b / (‖a‖‖b‖),
// streamed in chunks in float64. Elements where a or b is not finite are left out (and counted).
#pragma once

#include "analysis/TensorView.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ws {

enum class DiffStatus {
    Matched,  // same name, same shape
    Reshaped, // same name, different shape (compared when the element counts agree)
    OnlyInA,  // removed in B
    OnlyInB,  // added in B
};

struct DiffStats {
    bool computed = false;
    double maxAbs = 0;
    double relativeL2 = 0; // 0 when both are all zeros; +inf when only a is
    double cosine = 0;     // NaN when a or b is all zeros
    int64_t compared = 0;  // element pairs with both values finite
    int64_t skipped = 0;   // pairs with a NaN or ±Inf
};

struct DiffRow {
    std::string name;
    DiffStatus status = DiffStatus::Matched;
    int64_t indexA = -1, indexB = -1;
    Shape shapeA, shapeB;
    DiffStats stats;
};

// Rows in A's order (removed ones included), then the tensors only B has, in B's order. No
// statistics yet: they cost a read of both tensors each (compareTensors).
std::vector<DiffRow> matchTensors(const WeightFile& a, const WeightFile& b);

// Throws Error when the element counts differ, Cancelled when `cancel` says so.
DiffStats compareTensors(const WeightFile& a, size_t indexA, const WeightFile& b, size_t indexB,
    const CancelCheck& cancel = {});
DiffStats compareValues(const float* a, const float* b, int64_t n);

} // namespace ws
