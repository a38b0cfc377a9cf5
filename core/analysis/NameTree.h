// SPDX-License-Identifier: GPL-3.0-or-later
// Tensor names grouped by prefix into a tree, for formats that do not describe the model's
// layers (safetensors, NumPy, GGUF): "model.layers.3.mlp.up_proj.weight" becomes
// model › layers › 3 › mlp › up_proj › weight. Names split at '.' and '/' (Keras and TensorFlow
// write "dense/kernel:0"). Children keep the order of the file, except that siblings which are
// all numbers ("0", "1", ..., "10") are sorted by value. Every node sums its tensors' parameters
// and bytes.
#pragma once

#include "io/WeightFile.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ws {

struct NameNode {
    std::string label;            // "up_proj"
    std::string path;             // "model.layers.3.mlp.up_proj" (the original separators)
    int64_t tensor = -1;          // index in WeightFile::tensors() when a tensor has this name
    std::vector<NameNode> children;
    int64_t tensorCount = 0;      // tensors at or below this node
    int64_t params = 0;           // their elements
    uint64_t bytes = 0;           // their bytes in the file
};

std::vector<std::string> splitTensorName(const std::string& name);

// The root has an empty label and path and holds every tensor.
NameNode buildNameTree(const std::vector<TensorInfo>& tensors);

} // namespace ws
