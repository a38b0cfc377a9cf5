// SPDX-License-Identifier: GPL-3.0-or-later
// The architecture half of the Keras reader: reads a Keras model config (model_config of an
// .h5, config.json of a .keras) into a list of layers, and turns that list into an engine
// Sequential whose weights come from the file through a callback. Pure JSON and engine code;
// the file layouts live in KerasReader.cpp (HDF5) and KerasArchive.cpp (the .keras zip).
//
// Keras' Dense/Conv2D `activation` becomes the linear layer followed by an activation layer.
// Lambda and unknown (custom) classes are refused by name; their code is never looked at.
#pragma once

#include "nn/Sequential.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace ws {

struct KerasLayer {
    std::string name;      // config.name ("dense_1")
    std::string className; // "Dense"
    std::string storePath; // where a .keras keeps its variables: "layers/dense_1" (class-based)
    nlohmann::json config;
};

struct KerasArchitecture {
    std::string modelClass; // "Sequential" or "Functional"
    std::string name;
    Shape inputShape;       // per sample; empty when the config gives none
    std::vector<KerasLayer> layers; // InputLayer removed
};

// Reads a Sequential, or a Functional model whose layers form one chain. Throws FormatError
// naming `file` and the layer for anything else (subclassed models, branches, nesting).
KerasArchitecture parseKerasArchitecture(const nlohmann::json& modelConfig, const std::string& file);

// snake_case of a class name as Keras' naming.to_snake_case ("ReLU" -> "re_lu").
std::string kerasSnakeCase(const std::string& className);

struct KerasWeight {
    std::string where; // the dataset, for messages ("model_weights/dense/dense/kernel:0")
    Shape shape;
    std::vector<float> values;
};
// The weights of one layer in Keras' order (trainable, then non-trainable).
using KerasWeightSource = std::function<std::vector<KerasWeight>(const KerasLayer&)>;

// Builds the engine model and loads its weights; throws FormatError naming `file`, the layer and
// the dataset when a layer is refused or a weight does not fit.
Sequential buildKerasModel(const KerasArchitecture& arch, const std::string& file, const KerasWeightSource& weights);

} // namespace ws
