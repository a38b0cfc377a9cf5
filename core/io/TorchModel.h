// SPDX-License-Identifier: GPL-3.0-or-later
// A whole nn.Sequential saved with torch.save(model) as an engine model (TorchFile::model()), so
// that eval, predict and --init-from take it like an ONNX graph. The module tree of
// io/TorchObject.h is written out as the ONNX graph torch.onnx.export would make of it (Conv,
// BatchNormalization, Relu, MaxPool, Flatten, Dropout, Gemm, ...) and built by the ONNX converter
// (io/OnnxModel.h): one translation of PyTorch's layouts into the engine's (NCHW in and out;
// conv kernels reordered; the Flatten of (C, H, W) kept in PyTorch's order, so the first Linear
// after it gives PyTorch's outputs). Parameters come from the file's tensors by state-dict name.
//
// Only a Sequential runs: any other module's forward() is Python code, which a pickle does not
// hold, and is refused by name. A TorchScript archive's layers come the same way from the
// declarations of its code text (io/TorchScriptLayers.h), read and never interpreted. A pickle
// records no input size: it is the smallest square image (or the in_features of a first Linear)
// that the layers accept and that makes a Flatten feed the next Linear exactly its in_features;
// where no Linear fixes it, it is refused.
#pragma once

#include "io/WeightFile.h"
#include "nn/Sequential.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ws {

// One module of the Sequential, in the order it runs: its path ("0", "seq.3"; its tensors are
// "<name>.weight", ...), its class ("Conv2d") and its settings under nn.Module's attribute names
// (in_channels, kernel_size, stride, padding, eps, ...).
struct TorchLayer {
    std::string name;
    std::string cls;
    nlohmann::json attrs;
};

// `layers` with their parameters from `file`'s tensors by name. Throws FormatError naming the
// file and the module that cannot be converted.
Sequential buildTorchLayers(std::vector<TorchLayer> layers, const WeightFile& file);

// `modules` is metadata()["modules"] of `file` (io/TorchObject.h), whose "(root)" is converted:
// an nn.Sequential pickled whole. Throws FormatError naming the file and the module.
Sequential buildTorchSequential(const nlohmann::json& modules, const WeightFile& file);

} // namespace ws
