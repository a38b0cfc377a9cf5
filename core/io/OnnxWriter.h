// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the engine's dense networks as ONNX (#22, keep and share: the Playground's trained
// network, to open in the inspector and in other tools), through the protobuf classes Debian's
// libonnx-dev generated, the same the reader (io/OnnxReader.h) parses with.
//
// What it writes is what torch.onnx.export writes for nn.Sequential(nn.Linear, nn.Tanh, ...,
// nn.Softmax(dim=1)) at opset 13: one Gemm (transB = 1, the weight stored (out, in) as
// nn.Linear keeps it) per Dense, then Relu, Tanh, Sigmoid, LeakyRelu, Elu, HardSigmoid,
// Clip(0, 6) for ReLU6, or Softmax(axis = 1); a linear activation writes nothing. The input is
// "input" of shape (batch, features) with a symbolic batch, the output "output". Initializers
// are float32 raw_data (little-endian, as ONNX requires), named "<layer>.weight" and
// "<layer>.bias". IR version 7, so that onnx.checker and onnxruntime of Debian's versions take it.
//
// Only chains of Dense and ActivationLayer are written; any other layer, a branch, or an
// activation ONNX has no operator for at opset 13 (GELU, HardSwish) is refused with a
// ConfigError naming the layer, before anything is written. The file is written atomically.
#pragma once

#include "nn/Sequential.h"

#include <map>
#include <string>

namespace ws {

inline constexpr int64_t kOnnxWriterOpset = 13;
inline constexpr int64_t kOnnxWriterIrVersion = 7;

// metadata goes into the model's metadata_props (key, value), shown by the inspector's Metadata
// panel and by onnx.load(...).metadata_props.
void writeOnnx(const std::string& path, Sequential& model, const std::map<std::string, std::string>& metadata);

// The serialised ModelProto (for tests and the fuzz corpus); the same checks as writeOnnx.
std::string onnxModelBytes(Sequential& model, const std::map<std::string, std::string>& metadata);

} // namespace ws
