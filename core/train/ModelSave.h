// SPDX-License-Identifier: GPL-3.0-or-later
// Saving a model with its optimizer into the native model file (io/ModelFile.h). io/ takes the
// optimizer's state as plain data (SavedOptimizer) so that it needs nothing from train/; this is
// where a ws::Optimizer becomes that data.
#pragma once

#include "io/ModelFile.h"
#include "nn/Sequential.h"
#include "train/Optimizer.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ws {

// The optimizer's configuration, step count and moments, one entry per parameter of `model`
// in layer order (the optimizer's state follows the order of model.params()); parameters
// without moments are left out.
SavedOptimizer savedOptimizer(const Optimizer& optimizer, Sequential& model);

// saveModel of io/ModelFile.h with the optimizer's state under /optimizer (none when null).
// No default arguments: saveModel(path, model[, metadata]) is io's own overload.
void saveModel(const std::string& path, Sequential& model, const nlohmann::json& metadata,
    const Optimizer* optimizer);

} // namespace ws
