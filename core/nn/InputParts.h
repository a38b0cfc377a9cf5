// SPDX-License-Identifier: GPL-3.0-or-later
// The inputs of a model whose file has several (an ONNX graph given an attention mask beside its
// tokens). The engine's Sequential takes one tensor a sample, so such a model takes the parts'
// values one after another, each flattened in C order, and its first layers (a Slice and a
// Reshape per part) take them apart again. The list travels beside the model
// (RunnableModel::inputParts); train/Predict.h's packedSource lays the parts out.
#pragma once

#include "tensor/Tensor.h"

#include <string>
#include <vector>

namespace ws {

struct InputPart {
    std::string name;     // the file's name for the input ("mask")
    Shape shape;          // per sample
    bool boolean = false; // the file's input is a bool tensor, given as 0 and 1
};

} // namespace ws
