// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli predict MODEL --input X.npy --output Y.npy: runs a model (or one of its layers)
// on every sample of a NumPy array and writes the outputs as float32 .npy. The input stays
// memory-mapped and is read a batch at a time (core/train/Predict.h); the output is written under
// a temporary name and renamed (io/NpyWriter.h).
#include "cli/Args.h"
#include "cli/Commands.h"

#include "data/Normalize.h"
#include "formats/RunnableModel.h"
#include "io/NpyReader.h"
#include "io/NpyWriter.h"
#include "train/Predict.h"
#include "util/Error.h"
#include "util/Threads.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <optional>

namespace ws::cli {

namespace {

const std::vector<OptionSpec>& predictOptions()
{
    static const std::vector<OptionSpec> specs = {
        { "input", "X.npy", "the samples: (N, input shape...) or one sample (input shape...), any numeric dtype" },
        { "output", "Y.npy", "the float32 .npy file to write (replaced if it exists)" },
        { "layer", "NAME", "write this layer's output instead of the model's (an unknown name lists them)" },
        { "batch", "N", "samples per batch (default 256)" },
        { "threads", "N", "threads (default: all cores)" },
        { "json", "", "print a JSON summary instead of text (schema in docs/cli.md)" },
        { "help", "", "this help" },
    };
    return specs;
}

// How the array's shape fits the model's samples: (N, sample...) or a single (sample...).
struct InputLayout {
    int64_t samples = 0;
    bool batched = true; // false: one sample without the batch axis, and its output likewise
};

InputLayout inputLayout(const Shape& array, const Shape& sample, const std::string& path)
{
    if (array.size() == sample.size() + 1 && std::equal(sample.begin(), sample.end(), array.begin() + 1))
        return { array[0], true };
    if (array == sample)
        return { 1, false };
    std::string batchText = "(N";
    for (const int64_t d : sample)
        batchText += ", " + std::to_string(d);
    batchText += ")";
    throw ShapeError(path + ": an array of shape " + shapeToString(array) + " does not fit the model, which takes samples of shape "
        + shapeToString(sample) + " (give " + batchText + " or one sample " + shapeToString(sample) + ")");
}

} // namespace

std::string predictHelp()
{
    return "usage: weightscope-cli predict MODEL --input X.npy --output Y.npy [options]\n\n"
           "Runs a model on every sample of a NumPy array and writes the outputs as a float32 .npy file.\n"
           "MODEL is a Weightscope model file, a Keras model (.h5, .keras) or an ONNX graph the engine runs.\n\n"
           "X.npy holds (N, input shape...) in the model's own layout, NCHW for ONNX exported from PyTorch,\n"
           "NHWC for Keras (an array that does not fit is refused with the shape the model takes). Any\n"
           "numeric dtype is converted to float32 as it is: uint8 is not scaled to [0, 1]. One sample\n"
           "without the batch axis is accepted, and its output is written without the batch axis too. A\n"
           "Weightscope model trained with --normalize has its saved normalisation applied first, as in eval.\n\n"
           "--layer writes a layer's output in the engine's layout: images are NHWC inside the engine, so\n"
           "an ONNX model's layers between the Permute layers its conversion inserts (to_channels_last,\n"
           "to_channels_first) give (N, H, W, C), not PyTorch's (N, C, H, W).\n\n"
           "Y.npy is written under a temporary name and renamed: a failure leaves an existing file intact.\n\n"
        + Args::help(predictOptions());
}

int predictCommand(const std::vector<std::string>& argv)
{
    const Args a(predictOptions(), argv);
    if (a.has("help")) {
        std::cout << predictHelp();
        return 0;
    }
    if (a.positional().size() != 1 || !a.get("input") || !a.get("output"))
        throw ConfigError("predict needs one model file, --input X.npy and --output Y.npy (see predict --help)");
    const long long batch = a.integer("batch", 256);
    if (batch < 1)
        throw ConfigError("option --batch needs a whole number of at least 1, got " + std::to_string(batch));
    setThreadCount(int(a.integer("threads", 0)));
    const std::string modelPath = a.positional().front(), inPath = *a.get("input"), outPath = *a.get("output");

    RunnableModel loaded = loadRunnableModel(modelPath);
    Sequential& model = loaded.model;
    if (model.size() == 0)
        throw FormatError(modelPath + ": the model has no layers");
    const size_t layer = a.get("layer") ? layerIndex(model, *a.get("layer")) : model.size() - 1;
    const NpyFile input(inPath);
    const InputLayout layout = inputLayout(input.header().shape, model.inputShape(), inPath);
    std::optional<Normalizer> normalizer;
    if (loaded.metadata.contains("normalizer"))
        normalizer = Normalizer::fromJson(loaded.metadata.at("normalizer"));

    const int64_t sampleSize = shapeNumel(model.inputShape());
    const SampleSource source = [&](int64_t first, int64_t count, float* out) {
        input.read(0, first * sampleSize, count * sampleSize, out);
        if (normalizer)
            normalizer->apply(out, count, sampleSize, inPath);
    };
    const auto start = std::chrono::steady_clock::now();
    Prediction p = predict(model, layout.samples, source, layer, batch);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!layout.batched)
        p.output.reshape(Shape(p.output.shape().begin() + 1, p.output.shape().end()));
    writeNpy(outPath, p.output);

    const double rate = seconds > 0 ? double(layout.samples) / seconds : 0.0;
    if (a.has("json")) {
        nlohmann::ordered_json j = { { "model", modelPath }, { "format", loaded.format }, { "input", inPath },
            { "output", outPath }, { "input_shape", input.header().shape }, { "output_shape", p.output.shape() } };
        if (a.get("layer"))
            j["layer"] = *a.get("layer");
        j["batch_size"] = p.batchSize;
        j["batches"] = p.batches;
        j["samples"] = layout.samples;
        j["threads"] = threadCount();
        j["normalized"] = normalizer ? normalizeName(normalizer->kind) : "none";
        j["seconds"] = seconds;
        j["samples_per_second"] = rate;
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    std::cout << "wrote " << outPath << ": " << shapeToString(p.output.shape()) << " float32, "
              << (a.get("layer") ? "layer '" + *a.get("layer") + "'" : std::string("the model's output")) << " of "
              << shapeToString(input.header().shape) << " from " << inPath << "\n";
    std::cout << "inference: " << layout.samples << (layout.samples == 1 ? " sample in " : " samples in ") << p.batches
              << (p.batches == 1 ? " batch, " : " batches, ")
              << std::fixed << std::setprecision(0) << rate << " samples/s (" << std::setprecision(3) << seconds
              << " s, threads " << threadCount() << ")\n";
    return 0;
}

} // namespace ws::cli
