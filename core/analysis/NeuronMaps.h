// SPDX-License-Identifier: GPL-3.0-or-later
// What every neuron of a small dense network outputs over a set of input points: the pictures
// TensorFlow Playground draws in its network column, one small map per neuron. Sits in
// analysis/ because it only reads a model; ui/playground draws the answer.
#pragma once

#include "nn/Sequential.h"

#include <vector>

namespace ws {

// Column 0 is the inputs themselves (one neuron per input feature); then one column per Dense
// layer, taken after the activation that follows it (or the Dense output when none follows).
// maps[c] is (neurons of column c, points): row j holds neuron j's value at every point, the
// layout a picture per neuron wants (the model's own outputs are (points, neurons)).
// inputs is (points, features) and must match the model's input shape (features).
std::vector<Tensor> neuronMaps(Sequential& model, const Tensor& inputs);

} // namespace ws
