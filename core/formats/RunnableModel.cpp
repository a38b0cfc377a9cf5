// SPDX-License-Identifier: GPL-3.0-or-later
#include "formats/RunnableModel.h"

#include "formats/WeightFormats.h"
#include "io/ModelFile.h"
#include "io/OnnxReader.h"
#include "io/StateDictModel.h"
#include "util/Error.h"

namespace ws {

RunnableModel loadRunnableModel(const std::string& path, const std::string& layerSpec)
{
    RunnableModel out;
    if (!layerSpec.empty()) {
        const auto file = openWeightFile(path);
        StateDictModel built = buildStateDictModel(*file, layerSpec);
        out.model = std::move(built.model);
        out.assignments = std::move(built.assignments);
        out.format = file->format();
        return out;
    }
    if (isNativeModelFile(path)) {
        // Read as a model file rather than through openWeightFile: the metadata comes with it.
        LoadedModel loaded = loadModel(path);
        out.model = std::move(loaded.model);
        out.metadata = std::move(loaded.metadata);
        out.format = "weightscope";
        return out;
    }
    const auto file = openWeightFile(path);
    if (const auto* onnx = dynamic_cast<const OnnxFile*>(file.get())) { // it knows its inputs' names
        out.model = onnx->model(out.inputParts);
        out.format = file->format();
        return out;
    }
    std::optional<Sequential> model = file->model();
    if (!model)
        throw FormatError(path + ": a " + file->format() + " file without an architecture the engine can run "
                                 "(weights alone, such as a state dict, run with their layers given as --model \"<layers>\")");
    out.model = std::move(*model);
    out.format = file->format();
    return out;
}

} // namespace ws
