// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli export MODEL --to OUT.safetensors: writes a model's weights as float32
// safetensors. MODEL is a Weightscope model file (.h5: layer "<layer>.<param>" names, the
// architecture in __metadata__["weightscope_model_config"]) or any weight file Weightscope
// reads (tensors keep their names, values converted to float32).
#include "cli/Args.h"
#include "cli/Commands.h"

#include "formats/WeightExport.h"
#include "formats/WeightFormats.h"
#include "io/ModelFile.h"
#include "util/Error.h"

#include <iostream>

namespace ws::cli {

namespace {

const std::vector<OptionSpec>& exportOptions()
{
    static const std::vector<OptionSpec> specs = {
        { "to", "OUT", "the .safetensors or .npz file to write (replaced if it exists)" },
        { "help", "", "this help" },
    };
    return specs;
}

} // namespace

std::string exportHelp()
{
    return "usage: weightscope-cli export MODEL --to OUT.safetensors|OUT.npz|OUT.onnx\n\n"
           "Writes the weights of a Weightscope model (.h5) or of any readable weight file as float32 safetensors or NumPy .npz (deflated); "
           "a Weightscope model of dense layers and activations also as ONNX (.onnx).\n\n"
        + Args::help(exportOptions());
}

int exportCommand(const std::vector<std::string>& argv)
{
    const Args a(exportOptions(), argv);
    if (a.has("help")) {
        std::cout << exportHelp();
        return 0;
    }
    if (a.positional().size() != 1 || !a.get("to"))
        throw ConfigError("export needs one model file and --to OUT.safetensors or OUT.npz (see export --help)");
    const std::string in = a.positional().front(), to = *a.get("to");
    if (!isExportTarget(to, isNativeModelFile(in)))
        throw ConfigError("--to must name a .safetensors or .npz file (or .onnx for a Weightscope model), got '" + to + "'");
    const std::map<std::string, std::string> metadata = { { "producer", std::string("weightscope-cli ") + WS_VERSION },
        { "source", in } };
    size_t written = 0;
    if (isNativeModelFile(in)) {
        LoadedModel loaded = loadModel(in);
        exportModel(to, loaded.model, metadata);
        written = modelTensors(loaded.model).size();
    } else {
        written = exportWeightFile(to, *openWeightFile(in), metadata);
    }
    std::cout << "wrote " << written << " tensors to " << to << "\n";
    return 0;
}

} // namespace ws::cli
