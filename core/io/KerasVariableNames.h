// SPDX-License-Identifier: GPL-3.0-or-later
// Keras's own names for the weights of a Keras 3 .keras file. Its model.weights.h5 addresses a
// layer by its class and place, not by its name (keras/src/saving/saving_lib.py: a container's
// layers are "layers/<snake_case(class)>[_k]", k counting the layers of that class before it, a
// nested model's own layers below its path), and a layer's variables by number
// ("layers/batch_normalization/vars/2"). A person knows that tensor as "norm/moving_mean": the
// layer's config.name from config.json, then the variable the layer class saves in that place.
// The inspector's tree (ui/inspector) and `weightscope-cli inspect` show these names, compare
// (analysis/TensorMatch.h) pairs by them; the store paths stay the tensors' names.
//
// Never a guess: a tensor keeps no Keras name unless its layer is a built-in class whose saved
// variables are known here, in the number its config says; a layer of another class (custom
// code, a quantized dtype policy), a count or numbering that differs, a name with '/' in it, a
// vars group whose "name" attribute (Keras >= 3.3) names another layer, or a name two tensors
// would share leaves those tensors out. Hostile configs (wrong types, deep nesting, too many
// layers) leave tensors out too; nothing here throws.
#pragma once

#include "io/WeightFile.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ws {

// The variables a built-in Keras 3 layer saves, in their order in its vars group, as the layer's
// `build` adds them (trainable ones first) or its save_own_variables lists them: Dense "kernel",
// "bias"; BatchNormalization "gamma", "beta", "moving_mean", "moving_variance" (gamma only with
// scale, beta only with center). Empty when the class is not known here or its config asks for
// something whose variables are not (a quantized layer, an option of the wrong type).
std::optional<std::vector<std::string>> kerasLayerVariables(const std::string& className, const nlohmann::json& config);

// Store path -> Keras name ("layers/batch_normalization/vars/2" -> "norm/moving_mean",
// "layers/sequential/layers/dense/vars/0" -> "head/dense_3/kernel") for the tensors of a .keras
// file, from its model config (config.json) and its tensors as the reader lists them (name: the
// store path; layer: the vars group's name attribute where there is one). Tensors without a
// Keras name are not in the map.
std::map<std::string, std::string> kerasVariableNames(
    const nlohmann::json& modelConfig, const std::vector<TensorInfo>& tensors);

// The same for an opened file: empty unless it is a .keras archive (format "keras") with a
// model config.
std::map<std::string, std::string> kerasVariableNames(const WeightFile& file);

} // namespace ws
