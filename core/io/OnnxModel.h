// SPDX-License-Identifier: GPL-3.0-or-later
// The runnable half of the ONNX reader: turns an ONNX graph with a FLOAT input (more FLOAT or BOOL
// inputs beside it are packed into one sample: nn/InputParts.h) and one output into an
// engine Sequential (a graph of layers) with the file's weights. The converter
// (io/OnnxConverter.h) orders the nodes the output needs, refuses cycles, dangling inputs and
// (before building anything) every operator the engine lacks, folds the shape arithmetic
// exporters write (Shape, Gather, Concat, ... with the batch size carried symbolically) at load
// time, and translates the operators on activations into layers: Gemm/MatMul (Dense), Conv
// (Conv2D, DepthwiseConv2D for group = channels), pooling, BatchNormalization, activations,
// Add/Sub/Mul/Div (Merge, or ConstantMerge with a constant; a bias folds into the layer before),
// Concat, Flatten, Reshape. Every refusal is a FormatError naming the file, the node and its
// op_type; nothing else from the file is ever run.
//
// Why a Sequential: WeightFile::model() hands out one, and everything that runs models (eval,
// the GUI's prediction views, training on from imported weights) already takes one.
//
// Layouts: ONNX images are NCHW, the engine's NHWC. The converted model takes and returns
// tensors in the ONNX layout; each value knows its engine layout and gets a Permute to the other
// once, when an operator first needs it. Conv kernels are reordered from (F, C, KH, KW) to
// (KH, KW, C, F); pads that are neither valid nor same become a ZeroPadding2D.
//
// Protobuf-free on purpose: the reader (OnnxReader.cpp) hands the graph over in this plain form.
#pragma once

#include "nn/InputParts.h"
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
// With several graph inputs the model takes them packed (nn/InputParts.h); `parts`, when given,
// receives them (left empty for a graph of one input).
Sequential buildOnnxModel(const OnnxGraph& graph, const OnnxConstantSource& constants, const std::string& file,
    std::vector<InputPart>* parts = nullptr);

// Value name -> its whole ONNX shape: integers, and on the batch axis the graph input's batch
// size when the file fixes it, else its symbolic name ("batch"; "N" when the file names none).
using OnnxShapes = std::map<std::string, std::vector<nlohmann::json>>;

// The shape of every value of the graph, as the converter infers it while building the model
// (torch.onnx.export writes no value_info, so the file does not say; libonnx's shape inference is
// not run on untrusted files). Only when every node the output needs converts: empty when the
// converter refuses the graph, and never throws for that. The layers are not built nor filled
// with the weights, which halves the time: ResNet-18's shapes took 0.43-0.56 s at load 4 on the
// 2-core build machine, against 0.85-0.99 s through buildOnnxModel. Reading the weights (the
// converter folds constants from them) is most of what is left. Values whose batch is merged with other axes
// (attention's (T, N * H, E / H) with a symbolic batch) and constants whose shape depends on the
// batch are left out rather than given a size they may not have.
OnnxShapes onnxValueShapes(const OnnxGraph& graph, const OnnxConstantSource& constants, const std::string& file);

} // namespace ws
