// SPDX-License-Identifier: GPL-3.0-or-later
#include "formats/WeightExport.h"

#include "io/ModelFile.h"
#include "io/NpyWriter.h"
#include "io/OnnxWriter.h"
#include "io/SafetensorsWriter.h"
#include "util/Error.h"

namespace ws {

namespace {

void writeTensors(const std::string& to, const std::vector<std::pair<std::string, Tensor>>& tensors,
    const std::map<std::string, std::string>& metadata)
{
    if (to.ends_with(".npz"))
        writeNpz(to, tensors, true);
    else if (to.ends_with(".safetensors"))
        writeSafetensors(to, tensors, metadata);
    else
        throw ConfigError(to + ": the weights can be written as .safetensors or .npz");
}

} // namespace

bool isExportTarget(const std::string& path, bool model)
{
    return path.ends_with(".safetensors") || path.ends_with(".npz") || (model && (path.ends_with(".h5") || path.ends_with(".onnx")));
}

std::vector<std::pair<std::string, Tensor>> modelTensors(Sequential& model)
{
    std::vector<std::pair<std::string, Tensor>> tensors;
    for (size_t i = 0; i < model.size(); ++i) {
        Layer& layer = model.layer(i);
        for (Param* p : layer.params())
            tensors.emplace_back(layer.name() + "." + p->name, p->value);
        for (Param* p : layer.nonTrainableParams())
            tensors.emplace_back(layer.name() + "." + p->name, p->value);
    }
    return tensors;
}

void exportModel(const std::string& to, Sequential& model, const std::map<std::string, std::string>& metadata)
{
    if (to.ends_with(".h5")) {
        nlohmann::json meta = nlohmann::json::object();
        for (const auto& [k, v] : metadata)
            meta[k] = v;
        saveModel(to, model, meta);
        return;
    }
    if (!isExportTarget(to, true))
        throw ConfigError(to + ": a model can be written as .h5 (Weightscope model), .onnx, .safetensors or .npz");
    std::map<std::string, std::string> meta = metadata;
    meta["weightscope_model_config"] = model.config().dump();
    if (to.ends_with(".onnx")) {
        try {
            writeOnnx(to, model, meta);
        } catch (const ConfigError& e) { // which layer does not fit, and for which file
            throw ConfigError(to + ": " + e.what());
        }
        return;
    }
    writeTensors(to, modelTensors(model), meta);
}

size_t exportWeightFile(const std::string& to, const WeightFile& file, const std::map<std::string, std::string>& metadata)
{
    if (!isExportTarget(to, false))
        throw ConfigError(to + ": the weights of a file can be written as .safetensors or .npz");
    std::vector<std::pair<std::string, Tensor>> tensors;
    for (size_t i = 0; i < file.tensors().size(); ++i)
        if (!file.tensors()[i].slice) // a per-file slice's elements are written in its whole tensor
            tensors.emplace_back(file.tensors()[i].name, file.readTensor(i));
    writeTensors(to, tensors, metadata);
    return tensors.size();
}

} // namespace ws
