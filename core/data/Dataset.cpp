// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/Dataset.h"

#include "util/Error.h"

#include <algorithm>
#include <cstring>
#include <iterator>

namespace ws {

Dataset Dataset::subset(const std::vector<int64_t>& indices) const
{
    Dataset out;
    out.name = name;
    out.numClasses = numClasses;
    out.classNames = classNames;
    Shape shape = x.shape();
    shape[0] = int64_t(indices.size());
    out.x.resize(shape);
    const int64_t stride = size() ? x.size() / size() : 0;
    const bool hasTargets = targets.rank() > 0 && targets.dim(0) == size();
    const int64_t tStride = hasTargets && size() ? targets.size() / size() : 0;
    if (hasTargets) {
        Shape ts = targets.shape();
        ts[0] = int64_t(indices.size());
        out.targets.resize(ts);
    }
    for (size_t i = 0; i < indices.size(); ++i) {
        const int64_t src = indices[i];
        if (src < 0 || src >= size())
            throw Error("subset index " + std::to_string(src) + " outside the dataset of " + std::to_string(size()));
        // (a sample of no values, shape (n, 0) in a fuzzed HDF5 file, has no data pointer to copy
        // from: memcpy may not be given one even for 0 bytes; UBSan, fuzz_dataset_h5)
        if (stride > 0)
            std::memcpy(out.x.data() + int64_t(i) * stride, x.data() + src * stride, size_t(stride) * sizeof(float));
        if (!labels.empty())
            out.labels.push_back(labels[size_t(src)]);
        if (hasTargets && tStride > 0)
            std::memcpy(out.targets.data() + int64_t(i) * tStride, targets.data() + src * tStride, size_t(tStride) * sizeof(float));
    }
    return out;
}

void Dataset::validate() const
{
    if (x.rank() < 2)
        throw Error("dataset '" + name + "': samples need a batch axis and at least one feature axis");
    if (isClassification()) {
        if (int64_t(labels.size()) != size())
            throw Error("dataset '" + name + "': " + std::to_string(labels.size()) + " labels for "
                + std::to_string(size()) + " samples");
        for (size_t i = 0; i < labels.size(); ++i)
            if (labels[i] < 0 || labels[i] >= numClasses)
                throw Error("dataset '" + name + "': label " + std::to_string(labels[i]) + " of sample "
                    + std::to_string(i) + " is outside 0.." + std::to_string(numClasses - 1));
    } else if (targets.rank() == 0 || targets.dim(0) != size()) {
        throw Error("dataset '" + name + "': regression targets do not match the " + std::to_string(size()) + " samples");
    }
}

bool sameUpToUnitAxes(const Shape& a, const Shape& b)
{
    auto squeezed = [](const Shape& s) {
        Shape out;
        std::copy_if(s.begin(), s.end(), std::back_inserter(out), [](int64_t d) { return d != 1; });
        return out;
    };
    return squeezed(a) == squeezed(b);
}

bool fitSamplesToModelInput(Dataset& data, const Shape& modelInput)
{
    const Shape sample = data.sampleShape();
    if (sample == modelInput)
        return false;
    if (!sameUpToUnitAxes(sample, modelInput))
        throw ShapeError("the model takes inputs of shape " + shapeToString(modelInput)
            + " but the dataset's samples have shape " + shapeToString(sample));
    Shape batch = modelInput;
    batch.insert(batch.begin(), data.size());
    data.x.reshape(batch);
    return true;
}

} // namespace ws
