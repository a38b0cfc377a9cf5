// SPDX-License-Identifier: GPL-3.0-or-later
// Weightscope's native model file (HDF5), schema in docs/file-formats.md:
//   /                      attributes: format = "weightscope-model", format_version = 1,
//                          engine_version, created (UTC, ISO 8601), model_config (JSON),
//                          metadata (JSON: experiment, seed, dataset, evaluation, ...)
//   /weights/<layer>/<param>            float32, the parameter's shape (Dense kernel (in, out))
//   /state/<layer>/<name>               float32, non-trainable state (batch-norm moving stats)
//   /optimizer/<layer>/<param>/{first,second}   optimizer moments; attribute optimizer (JSON)
//                                              and steps on /optimizer
// Files are written to a temporary name beside the target and renamed, so a failure leaves
// an existing file intact. The optimizer's part comes as plain data (SavedOptimizer), so io/
// needs nothing from train/; train/ModelSave.h saves a model with its ws::Optimizer.
#pragma once

#include "io/WeightFile.h"
#include "nn/Sequential.h"
#include "tensor/Tensor.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ws {

// An optimizer's state as the file holds it under /optimizer.
struct SavedOptimizer {
    nlohmann::json config; // attribute optimizer (OptimizerConfig::toJson())
    int64_t steps = 0;     // attribute steps
    struct Moments {
        std::string layer; // /optimizer/<layer>/<param>/{first,second}
        std::string param;
        Tensor first;      // the parameter's shape; empty: no dataset written
        Tensor second;
    };
    std::vector<Moments> moments; // written in this order
};

void saveModel(const std::string& path, Sequential& model, const nlohmann::json& metadata = {});
void saveModel(const std::string& path, Sequential& model, const nlohmann::json& metadata,
    const SavedOptimizer& optimizer);

struct LoadedModel {
    Sequential model;
    nlohmann::json metadata;
    std::string engineVersion;
    std::string created;
};

// Throws FormatError naming the file and the object (attribute, dataset) that is wrong.
LoadedModel loadModel(const std::string& path);

// True when `path` is an HDF5 file whose root says format = "weightscope-model".
bool isNativeModelFile(const std::string& path);
// The native file as a WeightFile: tensors "<layer>/<param>" (F32), metadata, and model().
std::unique_ptr<WeightFile> openNativeModelFile(const std::string& path);

} // namespace ws
