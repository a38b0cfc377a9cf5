// SPDX-License-Identifier: GPL-3.0-or-later
// A built and initialised model of one of the engine's presets (mlp, cnn, tf-cnn) on
// Fashion-MNIST-shaped 28 x 28 x 1 inputs with a 10-class head: what bench_layers' whole-step
// and micro benchmarks train.
#pragma once

#include "nn/LayerFactory.h"
#include "nn/Sequential.h"
#include "train/Experiment.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ws::bench {

inline Sequential presetModel(const std::string& preset)
{
    nlohmann::json layers = parseLayerSpec(modelPresetSpec(preset));
    layers.push_back({ { "type", "Dense" }, { "units", 10 } });
    Sequential model = Sequential::fromConfig({ { "input_shape", { 28, 28, 1 } }, { "layers", layers } });
    model.initialize(1);
    return model;
}

} // namespace ws::bench
