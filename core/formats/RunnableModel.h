// SPDX-License-Identifier: GPL-3.0-or-later
// A model the engine can run, from any file that holds one: a Weightscope model file (with its
// metadata: the experiment it was trained in, the normaliser), or any weight file whose
// architecture converts to an engine model (a Keras model, an ONNX graph of supported operators, a
// whole PyTorch nn.Sequential, a run record's final weights; see openWeightFile). The command line's eval and predict load
// their MODEL through it, so both accept the same files and refuse the others alike.
#pragma once

#include "nn/InputParts.h"
#include "nn/Sequential.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ws {

struct RunnableModel {
    Sequential model;
    nlohmann::json metadata = nlohmann::json::object(); // a Weightscope model file's; empty for others
    std::string format;                                  // "weightscope", "onnx", "keras-h5", ...
    // With a layer spec: which tensor of the file went to which layer (io/StateDictModel.h).
    std::vector<std::string> assignments;
    // An ONNX graph of several inputs: the model takes them packed (nn/InputParts.h); else empty.
    std::vector<InputPart> inputParts;
};

// Throws FormatError naming the file when it cannot be read or holds no architecture the
// engine can run, and what the converters throw for a layer they cannot convert.
// With a `layerSpec` (the compact layer syntax), the file is taken as a bare state dict whose
// tensors go to those layers in order (io/StateDictModel.h), whatever else it holds.
RunnableModel loadRunnableModel(const std::string& path, const std::string& layerSpec = {});

} // namespace ws
