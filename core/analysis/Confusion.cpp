// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/Confusion.h"

#include "train/Metrics.h"
#include "util/Error.h"

#include <numeric>

namespace ws {

ConfusionCells confusionCells(const std::vector<int32_t>& labels, const std::vector<int32_t>& predicted, int numClasses)
{
    if (labels.size() != predicted.size())
        throw Error("confusion matrix: " + std::to_string(labels.size()) + " labels but " + std::to_string(predicted.size())
            + " predictions");
    if (numClasses < 1)
        throw Error("confusion matrix: needs at least one class");
    ConfusionCells c;
    c.numClasses = numClasses;
    const size_t cells = size_t(numClasses) * size_t(numClasses);
    c.counts.assign(cells, 0);
    c.samples.resize(cells);
    for (size_t i = 0; i < labels.size(); ++i) {
        const int32_t t = labels[i], p = predicted[i];
        if (t < 0 || t >= numClasses || p < 0 || p >= numClasses)
            throw Error("confusion matrix: sample " + std::to_string(i) + " has class " + std::to_string(t) + " predicted as "
                + std::to_string(p) + ", outside 0.." + std::to_string(numClasses - 1));
        const size_t cell = size_t(t) * size_t(numClasses) + size_t(p);
        ++c.counts[cell];
        c.samples[cell].push_back(int64_t(i));
        c.correct += t == p;
    }
    c.total = int64_t(labels.size());
    return c;
}

std::vector<int32_t> predictDataset(Sequential& model, const Dataset& data, const UnitMask& mask, int64_t batchSize,
    const std::function<bool()>& cancelled)
{
    if (!data.isClassification())
        throw Error("predicted classes need a classification dataset");
    batchSize = std::max<int64_t>(1, batchSize);
    std::vector<int32_t> out;
    out.reserve(size_t(data.size()));
    Workspace ws = model.makeWorkspace();
    std::vector<int64_t> indices(static_cast<size_t>(batchSize));
    Tensor x, targets;
    std::vector<int32_t> labels, batch;
    for (int64_t start = 0; start < data.size(); start += batchSize) {
        if (cancelled && cancelled())
            return {};
        const int64_t n = std::min(batchSize, data.size() - start);
        std::iota(indices.begin(), indices.begin() + n, start);
        gatherBatch(data, indices.data(), n, x, labels, targets);
        predictClasses(forwardMasked(model, x, ws, mask), batch);
        out.insert(out.end(), batch.begin(), batch.end());
    }
    return out;
}

} // namespace ws
