// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli: the command line. Thin: picks the sub-command and reports errors.
#include "cli/Commands.h"

#include "util/Error.h"

#include <iostream>
#include <string>
#include <vector>

namespace {

const char* kUsage = "usage: weightscope-cli COMMAND [options]\n\n"
                     "Commands:\n"
                     "  train      train a model on a dataset (train --help)\n"
                     "  eval       evaluate a saved model, native, Keras, ONNX or PyTorch nn.Sequential (eval --help)\n"
                     "  predict    run a model on a .npy array and write the outputs as .npy (predict --help)\n"
                     "  inspect    list a weight file's tensors and metadata (inspect --help)\n"
                     "  export     write a model's weights as .safetensors or .npz (export --help)\n"
                     "  compare    compare two weight files tensor by tensor, across formats (compare --help)\n"
                     "  health     the model health report: alpha, spectral norm, stable rank, MP edge per weight (health --help)\n"
                     "  tokens     a GGUF file's tokenizer: tokens by id and by text, merges (tokens --help)\n"
                     "  runs       list, show and export recorded runs (runs --help)\n"
                     "  rerun      train again from a run's record (runs --help)\n\n"
                     "  --help     this help\n"
                     "  --version  print the version\n\n"
                     "Documentation: docs/cli.md\n";

} // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "weightscope-cli " << WS_VERSION << "\n";
        return 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (args[0] == "train")
            return ws::cli::trainCommand(rest);
        if (args[0] == "eval")
            return ws::cli::evalCommand(rest);
        if (args[0] == "predict")
            return ws::cli::predictCommand(rest);
        if (args[0] == "inspect")
            return ws::cli::inspectCommand(rest);
        if (args[0] == "export")
            return ws::cli::exportCommand(rest);
        if (args[0] == "compare")
            return ws::cli::compareCommand(rest);
        if (args[0] == "health")
            return ws::cli::healthCommand(rest);
        if (args[0] == "tokens")
            return ws::cli::tokensCommand(rest);
        if (args[0] == "runs")
            return ws::cli::runsCommand(rest);
        if (args[0] == "rerun")
            return ws::cli::rerunCommand(rest);
        std::cerr << "weightscope-cli: unknown command '" << args[0] << "'\n\n" << kUsage;
        return 2;
    } catch (const ws::ConfigError& e) {
        std::cerr << "weightscope-cli: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "weightscope-cli: error: " << e.what() << "\n";
        return 1;
    }
}
