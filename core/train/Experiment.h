// SPDX-License-Identifier: GPL-3.0-or-later
// An experiment: everything needed to reproduce one training — the dataset source, the model
// (a preset, a compact layer spec, or a full Sequential config), normalisation, validation
// split and the training configuration. The command line and the GUI both build one; the JSON
// form is what `weightscope-cli train --config` reads (docs/cli.md).
#pragma once

#include "data/DatasetSource.h"
#include "data/Normalize.h"
#include "nn/Sequential.h"
#include "train/Trainer.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ws {

struct Experiment {
    DatasetSource dataset;
    nlohmann::json model = "auto"; // preset name, compact spec string, or {"input_shape", "layers"}
    // A model file (native, Keras, ONNX: whatever WeightFile::model() runs) to fine-tune: its
    // architecture and weights replace `model` and the initialisation. Empty: build `model`.
    std::string initFrom;
    NormalizeKind normalize = NormalizeKind::None;
    double validationSplit = 0.0;  // share of the training split held out for validation
    std::optional<LossKind> loss;  // empty: chosen from the model and data (defaultLoss)
    TrainConfig train;

    nlohmann::json toJson() const;
    static Experiment fromJson(const nlohmann::json& j);
    // The config a run record holds, to re-run it as it ran: a record written before
    // train.flush_subnormals existed trained with subnormals kept, and its re-run keeps them.
    static Experiment fromRecord(const nlohmann::json& j);
};

// The model presets by name, as compact specs without the output layer:
//   mlp         flatten dense(256) relu dense(128) relu            (Fashion-MNIST MLP)
//   cnn         the default small CNN
//   tf-cnn      TensorFlow's tutorial CNN (conv 5x5x32, pool, conv 5x5x64, pool, dense 1024, dropout)
//   playground  dense(8) tanh dense(8) tanh                         (2-D data)
// "auto" picks cnn for images and playground for 2-D data, mlp otherwise.
std::string modelPresetSpec(const std::string& preset);
bool isModelPreset(const std::string& name);

// Builds the model for samples of `data`: presets get an output layer sized to the classes
// (one tanh output for two-class 2-D data, as Playground; linear outputs for regression).
Sequential buildModel(const nlohmann::json& model, const Dataset& data);

// softmax cross-entropy for several outputs, mse for one output or regression.
LossKind defaultLoss(const Sequential& model, const Dataset& data);

// The model in `path` with its weights, checked against samples of shape `sample`; throws
// ConfigError when the file holds no runnable model, ShapeError when its input does not fit.
// A file without an architecture (a bare state dict) is given the layers of `layerSpec` (the
// compact syntax, io/StateDictModel.h) when there is one; `assignments` then says which tensor
// went to which layer.
Sequential loadModelToFineTune(const std::string& path, const Shape& sample, const std::string& layerSpec = {},
                               std::vector<std::string>* assignments = nullptr);

// A training made ready the one way the command line and the GUI share: the validation share
// held out of the training data (seeded by the training seed), the normaliser fitted on what is
// left and applied to all three sets, the model built for the data and initialised with the
// seed (or loaded from initFrom), and the loss chosen (defaultLoss unless the experiment names one).
struct PreparedRun {
    Dataset train, validation, test;
    Normalizer normalizer;
    Sequential model;
    TrainConfig config; // the experiment's, with the loss filled in
    std::vector<std::string> weightAssignments; // a state dict's tensors -> layers (initFrom + a layer spec)
};
PreparedRun prepareRun(const Experiment& experiment, Dataset train, Dataset test);

} // namespace ws
