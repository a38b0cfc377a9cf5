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
// hold; TorchScript's layer settings (stride, padding) live in its code, which is never
// interpreted. Both are refused by name. A pickle records no input size: it is the smallest
// square image (or the in_features of a first Linear) that the layers accept and that makes a
// Flatten feed the next Linear exactly its in_features; where no Linear fixes it, it is refused.
#pragma once

#include "io/WeightFile.h"
#include "nn/Sequential.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ws {

// `modules` is metadata()["modules"] of `file` (io/TorchObject.h), whose "(root)" is converted.
// Throws FormatError naming the file and the module that cannot be converted.
Sequential buildTorchSequential(const nlohmann::json& modules, const WeightFile& file);

} // namespace ws
