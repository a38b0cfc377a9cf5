// SPDX-License-Identifier: GPL-3.0-or-later
// The architecture half of the Keras reader: reads a Keras model config (model_config of an
// .h5, config.json of a .keras) into a list of layers, and turns that list into an engine
// Sequential whose weights come from the file through a callback. Pure JSON and engine code;
// the file layouts live in KerasReader.cpp (HDF5) and KerasArchive.cpp (the .keras zip).
//
// Keras' Dense/Conv2D/DepthwiseConv2D/SeparableConv2D `activation` becomes the linear layer
// followed by an activation layer named `<layer>_<activation>`. SeparableConv2D becomes two
// engine layers: a DepthwiseConv2D `<layer>` (the depthwise kernel, no bias) and a 1x1 Conv2D
// `<layer>_pointwise` (the pointwise kernel and the bias), as Keras computes it.
// Lambda and unknown (custom) classes are refused by name; their code is never looked at.
//
// Functional models (Model(inputs, outputs)) become engine graphs: each layer reads the layers its
// inbound node names, Keras 2's [["name", 0, 0, {}]] or Keras 3's keras_history, and merge layers
// (Add, Concatenate, ...) join branches. The engine runs one input and has no weight sharing, so
// several inputs and a layer called twice (a shared layer) are refused by name, as are names that
// point at no layer and cycles. The layers are put in a topological order (Keras writes them in
// one already; a file need not).
//
// Nested models (a Sequential or functional model used as a layer, #16) are inlined: their layers
// take the nested model's place in the graph, named "<nested model>/<layer>" ("encoder/dense_1",
// deeper nesting "outer/inner/dense"), the first reading what the nested model read and the nested
// model's output standing for it. A nested model must have one input and one output. Its weights
// are where Keras keeps them: a legacy .h5 under the group of the top-level nested model
// (model_weights/encoder/dense_1/kernel:0, KerasLayer::h5Group), a .keras under the nested
// model's store path (layers/functional/layers/dense/vars, KerasLayer::storePath).
//
// Several outputs (Model(x, [a, b])): the engine model's last layer is the first output (it may
// be read by no other layer) and Sequential::setOutputs names the others.
#pragma once

#include "nn/Sequential.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ws {

struct KerasLayer {
    std::string name;      // config.name ("dense_1")
    std::string className; // "Dense"
    std::string storePath; // where a .keras keeps its variables: "layers/dense_1" (class-based)
    nlohmann::json config;
    // Functional models: the layers it reads, in order (Sequential::kInputName for the model's
    // input). Empty in a Sequential, where each layer reads the one before it.
    std::vector<std::string> inputs;
    // Inside a nested model: the name in its own model ("dense_1" of "encoder/dense_1"), the
    // nested model ("encoder", "outer/inner") and the top-level layer whose .h5 group holds the
    // weights ("outer"). At the top: localName is the name, the other two are empty.
    std::string localName;
    std::string model;
    std::string h5Group;
};

struct KerasArchitecture {
    std::string modelClass; // "Sequential" or "Functional"
    std::string name;
    Shape inputShape;       // per sample; empty when the config gives none
    std::vector<KerasLayer> layers; // InputLayer removed; in an order where each reads only layers before it
    std::vector<std::string> outputs;      // the outputs' layer names, the first one last in `layers`
    std::vector<std::string> nestedModels; // the inlined nested models' full names ("encoder", "encoder/block")
};

// The most layers a model config may hold: about ten times the largest Keras application
// (EfficientNetB7: 813), so that a hostile config cannot make the conversion run for minutes.
inline constexpr size_t kKerasMaxLayers = 10000;

// Reads a Sequential or a Functional model, nested models inlined. Throws FormatError naming
// `file` and the layer for anything else (subclassed models, several inputs, shared layers, cycles).
KerasArchitecture parseKerasArchitecture(const nlohmann::json& modelConfig, const std::string& file);

// snake_case of a class name as Keras' naming.to_snake_case ("ReLU" -> "re_lu").
std::string kerasSnakeCase(const std::string& className);
// The name a .keras store gives the next layer of `className` in one model level (saving_lib):
// its snake_case class, "_<k>" from the second layer of that class on; `used` counts them.
std::string kerasStoreName(const std::string& className, std::map<std::string, int>& used);

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
