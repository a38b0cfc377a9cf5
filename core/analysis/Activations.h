// SPDX-License-Identifier: GPL-3.0-or-later
// One sample through a model, layer by layer, for the activations view: every layer's output
// (with an ablation mask applied, see UnitMask) and the class probabilities at the end.
#pragma once

#include "analysis/UnitMask.h"
#include "data/Dataset.h"
#include "nn/Loss.h"

#include <string>
#include <vector>

namespace ws {

struct LayerActivation {
    std::string name, type;
    Shape shape;          // per sample, no batch dimension: (units) or (H, W, C)
    std::vector<float> values; // row-major in `shape`
};

struct SampleActivations {
    std::vector<LayerActivation> layers; // layers[i]: output of model layer i
    // What the model predicts for the sample: softmax of logits, the output itself when the
    // model ends in Softmax, sigmoid of a single logit as (1 - p, p). Empty for regression.
    std::vector<float> probabilities;
    int predicted = -1;
};

// x holds one sample (1, inputShape...). `loss` says how to read the output as probabilities.
SampleActivations sampleActivations(Sequential& model, const Tensor& x, const UnitMask& mask, LossKind loss);

// Sample i of `data` as a batch of one.
Tensor sampleBatch(const Dataset& data, int64_t i);

// Smallest and largest input value over the dataset: a drawing in [0, 1] is mapped onto this
// range so that it looks to the model like the data it learned from.
std::pair<float, float> inputRange(const Dataset& data);

} // namespace ws
