// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli eval MODEL: evaluates a saved model on a dataset's test split.
#include "cli/Args.h"
#include "cli/Commands.h"
#include "cli/Report.h"

#include "data/DatasetSource.h"
#include "data/Normalize.h"
#include "formats/RunnableModel.h"
#include "train/Experiment.h"
#include "util/Error.h"
#include "util/Threads.h"

#include <chrono>
#include <iomanip>
#include <iostream>

namespace ws::cli {

namespace {

const std::vector<OptionSpec>& evalOptions()
{
    static const std::vector<OptionSpec> specs = {
        { "dataset", "NAME|PATH", "dataset to evaluate on (default: the one the model was trained on)" },
        { "model", "LAYERS", "MODEL is a bare state dict (.pt/.pth, safetensors, .npz): its tensors go to these layers in "
                             "order, e.g. \"flatten dense(128) relu dense(10)\" (PyTorch's NCHW inputs)" },
        { "labels", "PATH|NAME", "labels: an IDX or .npy file, or the labels array in an HDF5/.npz file" },
        { "features", "NAME", "the features array in an HDF5/.npz file (default x, X, images, data)" },
        { "label-column", "NAME|INDEX", "CSV column holding the label" },
        { "test-split", "F", "share used as test data where the dataset has no test split" },
        { "batch", "N", "batch size for inference (default 512)" },
        { "threads", "N", "threads for matrix products (default: all cores)" },
        { "warmup", "N", "passes over the test data before the one that is timed (default 0)" },
        { "help", "", "this help" },
    };
    return specs;
}

} // namespace

std::string evalHelp()
{
    return "usage: weightscope-cli eval MODEL [options]\n\n"
           "Evaluates a saved model: loss, accuracy, confusion matrix, per-class precision/recall/F1.\n\n"
        + Args::help(evalOptions());
}

int evalCommand(const std::vector<std::string>& argv)
{
    const Args a(evalOptions(), argv);
    if (a.has("help")) {
        std::cout << evalHelp();
        return 0;
    }
    if (a.positional().size() != 1)
        throw ConfigError("eval needs exactly one model file (see eval --help)");
    setThreadCount(int(a.integer("threads", 0)));
    const int64_t batch = a.integer("batch", 512), warmup = a.integer("warmup", 0);
    if (warmup < 0 || warmup > 100)
        throw ConfigError("--warmup must be between 0 and 100, got " + std::to_string(warmup));
    const std::string path = a.positional().front();
    // A Weightscope model file, or any other file whose architecture the engine can run.
    RunnableModel loaded = loadRunnableModel(path, a.get("model").value_or(""));
    printWeightAssignments(std::cout, path, loaded.assignments);
    if (loaded.format != "weightscope" && !a.has("dataset"))
        throw ConfigError("eval of a " + loaded.format + " file needs --dataset");
    const nlohmann::json& meta = loaded.metadata;

    DatasetSource source;
    LossKind loss = LossKind::SoftmaxCrossEntropy;
    bool lossKnown = false;
    if (meta.contains("experiment")) {
        const Experiment e = Experiment::fromJson(meta.at("experiment"));
        source = e.dataset;
        if (e.loss) {
            loss = *e.loss;
            lossKnown = true;
        }
    }
    if (auto v = a.get("dataset"))
        source.name = *v;
    if (auto v = a.get("labels"))
        source.labels = *v;
    if (auto v = a.get("features"))
        source.features = *v;
    if (auto v = a.get("label-column"))
        source.labelColumn = *v;
    source.testFraction = a.number("test-split", source.testFraction);
    LoadedData data = loadDatasetSource(source);
    if (meta.contains("normalizer"))
        Normalizer::fromJson(meta.at("normalizer")).apply(data.test);
    if (!lossKnown)
        loss = defaultLoss(loaded.model, data.test);
    const Shape sampleShape = data.test.sampleShape();
    const bool reshaped = fitSamplesToModelInput(data.test, loaded.model.inputShape());
    std::cout << data.description << "\n";
    if (const std::vector<int> outputs = loaded.model.outputs(); outputs.size() > 1) {
        std::string names;
        for (size_t k = 0; k < outputs.size(); ++k)
            names += (k ? ", '" : "'") + loaded.model.layer(size_t(outputs[k])).name() + "'";
        std::cout << "note: the model has " << outputs.size() << " outputs (" << names << "): evaluated on the first, '"
                  << loaded.model.layer(size_t(outputs[0])).name() << "'\n";
    }
    if (reshaped)
        std::cout << "note: the dataset's samples have shape " << shapeToString(sampleShape) << " and the model takes "
                  << shapeToString(loaded.model.inputShape())
                  << ": they differ only by axes of size 1, so the samples were reshaped\n";
    // Untimed passes first, as inference benchmarks time a warm engine: the first pass also pays
    // for the threads' start and its buffers' first touch (a fifth of a 22 ms pass of the MLP).
    for (int64_t pass = 0; pass < warmup; ++pass)
        evaluate(loaded.model, data.test, loss, batch, 5);
    const auto start = std::chrono::steady_clock::now();
    const Evaluation ev = evaluate(loaded.model, data.test, loss, batch, 5);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    printEvaluation(std::cout, ev, data.test);
    std::cout << "inference: " << std::fixed << std::setprecision(0) << double(ev.samples) / seconds
              << " samples/s (" << std::setprecision(3) << seconds << " s, threads " << threadCount();
    if (warmup > 0)
        std::cout << ", after " << warmup << (warmup == 1 ? " warm-up pass" : " warm-up passes");
    std::cout << ")\n";
    return 0;
}

} // namespace ws::cli
