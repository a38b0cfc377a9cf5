// SPDX-License-Identifier: GPL-3.0-or-later
#include "formats/RunnableModel.h"

#include "formats/WeightFormats.h"
#include "io/ModelFile.h"
#include "util/Error.h"

namespace ws {

RunnableModel loadRunnableModel(const std::string& path)
{
    RunnableModel out;
    if (isNativeModelFile(path)) {
        // Read as a model file rather than through openWeightFile: the metadata comes with it.
        LoadedModel loaded = loadModel(path);
        out.model = std::move(loaded.model);
        out.metadata = std::move(loaded.metadata);
        out.format = "weightscope";
        return out;
    }
    const auto file = openWeightFile(path);
    std::optional<Sequential> model = file->model();
    if (!model)
        throw FormatError(path + ": a " + file->format() + " file without an architecture the engine can run");
    out.model = std::move(*model);
    out.format = file->format();
    return out;
}

} // namespace ws
