// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/ModelSave.h"

namespace ws {

SavedOptimizer savedOptimizer(const Optimizer& optimizer, Sequential& model)
{
    SavedOptimizer out;
    out.config = optimizer.config().toJson();
    out.steps = optimizer.steps();
    const auto params = model.params();
    const auto& state = optimizer.state();
    size_t k = 0;
    for (size_t i = 0; i < model.size(); ++i) {
        for (const Param* p : model.layer(i).params()) {
            // An optimizer made for other parameters: what matches up to here is kept.
            if (k >= state.size() || params[k] != p)
                break;
            const Optimizer::State& s = state[k++];
            if (s.first.empty() && s.second.empty())
                continue;
            out.moments.push_back({ model.layer(i).name(), p->name, s.first, s.second });
        }
    }
    return out;
}

void saveModel(const std::string& path, Sequential& model, const nlohmann::json& metadata,
    const Optimizer* optimizer)
{
    if (optimizer)
        saveModel(path, model, metadata, savedOptimizer(*optimizer, model));
    else
        saveModel(path, model, metadata);
}

} // namespace ws
