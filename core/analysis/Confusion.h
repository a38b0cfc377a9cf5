// SPDX-License-Identifier: GPL-3.0-or-later
// The confusion matrix of a classifier with the samples behind every cell, so that a view can
// show which test samples were taken for which class; and the predictions it is made from.
#pragma once

#include "analysis/UnitMask.h"
#include "data/Dataset.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace ws {

struct ConfusionCells {
    int numClasses = 0;
    std::vector<int64_t> counts;               // (K, K) row-major: [true class][predicted class]
    std::vector<std::vector<int64_t>> samples; // per cell, the sample indices in ascending order
    int64_t correct = 0, total = 0;

    int64_t count(int trueClass, int predicted) const { return counts[size_t(trueClass * numClasses + predicted)]; }
    const std::vector<int64_t>& cell(int trueClass, int predicted) const { return samples[size_t(trueClass * numClasses + predicted)]; }
    double accuracy() const { return total ? double(correct) / double(total) : 0.0; }
};

// Throws Error when the lists differ in length or a class is outside [0, numClasses).
ConfusionCells confusionCells(const std::vector<int32_t>& labels, const std::vector<int32_t>& predicted, int numClasses);

// The predicted class of every sample of a classification dataset, in inference mode with the
// mask applied (batches of batchSize). `cancelled` is asked before every batch; when it says
// yes, the result is empty (a newer request made this one pointless, or the owner is closing).
std::vector<int32_t> predictDataset(Sequential& model, const Dataset& data, const UnitMask& mask, int64_t batchSize = 256,
    const std::function<bool()>& cancelled = {});

} // namespace ws
