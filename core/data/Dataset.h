// SPDX-License-Identifier: GPL-3.0-or-later
// An in-memory dataset: samples x (N, sampleShape...) in float32 and either class labels
// (classification) or target values (N, K) (regression).
#pragma once

#include "tensor/Tensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ws {

struct Dataset {
    std::string name;
    Tensor x;                       // (N, sampleShape...)
    std::vector<int32_t> labels;    // (N) class indices, for classification
    Tensor targets;                 // (N, K), for regression
    int numClasses = 0;             // 0 for regression
    std::vector<std::string> classNames;

    int64_t size() const { return x.rank() ? x.dim(0) : 0; }
    Shape sampleShape() const { return x.rank() ? Shape(x.shape().begin() + 1, x.shape().end()) : Shape {}; }
    bool isClassification() const { return numClasses > 0; }

    // The samples at `indices`, in that order (labels/targets follow).
    Dataset subset(const std::vector<int64_t>& indices) const;
    // Throws Error when labels/targets do not match x or a label is out of range.
    void validate() const;
};

// Whether two shapes are the same once their axes of size 1 are dropped ((28, 28, 1) and
// (28, 28)): row-major data of the one is then data of the other, the same values in the same
// order, so a reshape is all it takes.
bool sameUpToUnitAxes(const Shape& a, const Shape& b);

// Gives the samples the model's input shape when the two differ only by axes of size 1 (a Keras
// MLP built for (28, 28), Fashion-MNIST's (28, 28, 1)) and returns true: the caller says so. Equal
// shapes give false; any other difference is a ShapeError naming both shapes.
bool fitSamplesToModelInput(Dataset& data, const Shape& modelInput);

} // namespace ws
