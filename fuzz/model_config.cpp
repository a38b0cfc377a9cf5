// SPDX-License-Identifier: GPL-3.0-or-later
// Model configs as JSON: a Keras model config (model_config of an .h5, config.json of a .keras)
// through parseKerasArchitecture and buildKerasModel, and Weightscope's own model_config through
// Sequential::fromConfig. Building allocates the layers' parameters, so this target is also the
// one that finds configs asking for more memory than any file justifies. The weight callback
// gives no weights: a model that gets that far is refused for missing weights.
#include "FuzzInput.h"

#include "io/KerasModel.h"
#include "nn/Sequential.h"
#include "tensor/TensorBudget.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    nlohmann::json config;
    try {
        config = nlohmann::json::parse(data, data + size);
    } catch (const nlohmann::json::exception&) {
        return 0;
    }
    ws::TensorBudget budget(ws::kModelBudgetFloorElements); // as the file loaders do
    try {
        const ws::KerasArchitecture arch = ws::parseKerasArchitecture(config, "fuzz.json");
        (void)ws::buildKerasModel(arch, "fuzz.json", [](const ws::KerasLayer&) { return std::vector<ws::KerasWeight>(); });
    } catch (const ws::Error&) {
    }
    try {
        ws::Sequential model = ws::Sequential::fromConfig(config);
        model.build();
    } catch (const ws::Error&) {
    }
    return 0;
}
