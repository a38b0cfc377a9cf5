// SPDX-License-Identifier: GPL-3.0-or-later
// The runnable half of the ONNX reader: turns an ONNX graph that is a simple chain of operators
// the engine has (Gemm, MatMul, Add of a bias, Relu, Sigmoid, Tanh, Softmax, Conv, MaxPool,
// AveragePool, GlobalAveragePool, BatchNormalization, Flatten, Reshape) into an engine Sequential
// with the file's weights. Every other operator, domain or graph shape (branches, residual Adds)
// is refused with a FormatError naming the file, the node and its op_type; nothing else from the
// file is ever run.
//
// Why a Sequential and not a graph interpreter: WeightFile::model() hands out a Sequential, and
// everything that runs models (eval, the GUI's prediction views, training on from imported
// weights) already takes one; a chain is what torch.onnx.export writes for nn.Sequential models.
//
// Layouts: ONNX images are NCHW, the engine's NHWC. The converted model takes and returns
// tensors in the ONNX layout: the importer tracks whether the data is currently channels-first
// or channels-last and inserts a Permute only where an operator needs the other order (before the
// first Conv/pool/BatchNormalization on images, and back before Flatten, Reshape or the output).
// Conv kernels are reordered from (F, C, KH, KW) to (KH, KW, C, F).
//
// Protobuf-free on purpose: the reader (OnnxReader.cpp) hands the graph over in this plain form.
#pragma once

#include "nn/Sequential.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ws {

struct OnnxNode {
    std::string name;
    std::string opType;
    std::string domain;               // "" or "ai.onnx" for the standard operators
    std::vector<std::string> inputs;  // "" marks an omitted optional input
    std::vector<std::string> outputs;
    nlohmann::json attributes = nlohmann::json::object(); // {"alpha": 1.0, "pads": [0, 0, 0, 0], ...}
};

struct OnnxValue {
    std::string name;
    std::string elemType;              // "FLOAT", "INT64", ...
    std::vector<nlohmann::json> dims;  // integers, symbolic names (strings), or null when unknown
};

struct OnnxGraph {
    std::vector<OnnxNode> nodes;       // in file order (ONNX requires topological order)
    std::vector<OnnxValue> inputs;     // graph inputs that are not initializers
    std::vector<OnnxValue> outputs;
    int64_t opset = 0;                 // version of the default ("" / "ai.onnx") domain
    // Element types ("INT64", "FLOAT", ...) of the initializers and Constant nodes' values: the
    // shape arithmetic folded at load time divides integers as integers.
    std::map<std::string, std::string> constantTypes;
};

// The value of a constant (an initializer or the output of a Constant node) as float32, or
// nullopt when `name` is not constant. May throw FormatError for a damaged tensor.
using OnnxConstantSource = std::function<std::optional<Tensor>(const std::string& name)>;

// Builds the engine model; throws FormatError naming `file` and the node that cannot be converted.
Sequential buildOnnxModel(const OnnxGraph& graph, const OnnxConstantSource& constants, const std::string& file);

} // namespace ws
