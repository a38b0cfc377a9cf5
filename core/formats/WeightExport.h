// SPDX-License-Identifier: GPL-3.0-or-later
// Writing weights out, for `weightscope-cli export` and the GUI's File ▸ Export: a trained model
// as a Weightscope model (.h5: architecture and weights, opens for training again), as ONNX
// (.onnx, a chain of dense layers and activations: io/OnnxWriter.h), or its weights as float32
// safetensors or NumPy .npz; any readable weight file's tensors as
// safetensors or .npz. The format follows the target's extension. Every file is written
// atomically (util/AtomicWrite.h).
#pragma once

#include "io/WeightFile.h"
#include "nn/Sequential.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ws {

// A model's tensors under "<layer>.<param>" names: the trainable ones, then each layer's state.
std::vector<std::pair<std::string, Tensor>> modelTensors(Sequential& model);

// .h5, .onnx, .safetensors or .npz (ConfigError for another extension). metadata goes into the
// safetensors header or the model file; the model's config is kept in both.
void exportModel(const std::string& to, Sequential& model, const std::map<std::string, std::string>& metadata);

// .safetensors or .npz: every tensor of `file`, read as float32, but the per-file slices of a
// consolidated folder (TensorInfo::slice: their elements are in the whole tensors). Returns the
// number written.
size_t exportWeightFile(const std::string& to, const WeightFile& file, const std::map<std::string, std::string>& metadata);

// The extensions exportModel accepts; exportWeightFile accepts all but .h5.
bool isExportTarget(const std::string& path, bool model);

} // namespace ws
