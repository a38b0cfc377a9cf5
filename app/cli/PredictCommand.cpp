// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli predict MODEL --input X.npy --output Y.npy: runs a model (or one of its layers)
// on every sample of a NumPy array and writes the outputs as float32 .npy. A model of several
// inputs (an ONNX graph with a mask input) takes one --input NAME=X.npy per graph input. The input stays
// memory-mapped and is read a batch at a time (core/train/Predict.h); the output is written under
// a temporary name and renamed (io/NpyWriter.h).
#include "cli/Args.h"
#include "cli/Commands.h"
#include "cli/Report.h"

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
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>

namespace ws::cli {

namespace {

const std::vector<OptionSpec>& predictOptions()
{
    static const std::vector<OptionSpec> specs = {
        { "input", "X.npy", "the samples: (N, input shape...) or one sample (input shape...), any numeric dtype; for a model "
                            "of several inputs NAME=X.npy, once per input (a bool input takes a bool array)" },
        { "output", "Y.npy", "the float32 .npy file to write (replaced if it exists)" },
        { "layer", "NAME", "write this layer's output instead of the model's (an unknown name lists them)" },
        { "all-outputs", "", "a model with several outputs: write output k (from 0) to Y.npy for k = 0, Y_k.npy after" },
        { "model", "LAYERS", "MODEL is a bare state dict (.pt/.pth, safetensors, .npz): its tensors go to these layers in "
                             "order, e.g. \"flatten dense(128) relu dense(10)\" (PyTorch's NCHW inputs)" },
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

std::string describeInputs(const std::vector<InputPart>& parts)
{
    std::string list;
    for (const InputPart& p : parts) {
        list += (list.empty() ? "" : ", ") + p.name + " (N";
        for (const int64_t d : p.shape)
            list += ", " + std::to_string(d);
        list += std::string(") ") + (p.boolean ? "bool" : "float");
    }
    return list;
}

// One array per input part: "--input NAME=PATH" for each, every name once, none unknown; the
// dtype a bool input needs; shapes that fit, with the same number of samples in all.
struct GivenInput {
    std::string path;
    std::unique_ptr<NpyFile> file;
    InputLayout layout;
};

std::vector<GivenInput> openInputs(const std::vector<InputPart>& parts, const std::vector<std::string>& given)
{
    std::vector<GivenInput> inputs(parts.size());
    const std::string want = "the model takes " + describeInputs(parts) + ", each as --input NAME=X.npy";
    for (const std::string& arg : given) {
        const size_t eq = arg.find('=');
        const std::string name = eq == std::string::npos ? std::string() : arg.substr(0, eq);
        const auto part = std::find_if(parts.begin(), parts.end(), [&](const InputPart& p) { return p.name == name; });
        if (part == parts.end())
            throw ConfigError("--input " + arg + ": " + (eq == std::string::npos ? "no input name" : "no graph input named '" + name + "'")
                + "; " + want);
        GivenInput& in = inputs[size_t(part - parts.begin())];
        if (!in.path.empty())
            throw ConfigError("graph input '" + name + "' is given twice (" + in.path + " and " + arg.substr(eq + 1) + ")");
        in.path = arg.substr(eq + 1);
    }
    for (size_t k = 0; k < parts.size(); ++k) {
        GivenInput& in = inputs[k];
        const InputPart& part = parts[k];
        if (in.path.empty())
            throw ConfigError("graph input '" + part.name + "' is not given; " + want);
        in.file = std::make_unique<NpyFile>(in.path);
        const bool isBool = in.file->header().dtype == DType::Bool;
        if (isBool != part.boolean)
            throw ConfigError(in.path + ": graph input '" + part.name + "' takes " + (part.boolean ? "a bool array" : "numbers")
                + ", not " + in.file->header().descr);
        try {
            in.layout = inputLayout(in.file->header().shape, part.shape, in.path);
        } catch (const ShapeError& e) {
            throw ShapeError("graph input '" + part.name + "': " + e.what());
        }
        if (k > 0 && (in.layout.samples != inputs[0].layout.samples || in.layout.batched != inputs[0].layout.batched))
            throw ShapeError("graph input '" + part.name + "' (" + in.path + ") holds " + shapeToString(in.file->header().shape)
                + ", graph input '" + parts[0].name + "' " + shapeToString(inputs[0].file->header().shape)
                + ": both need the same number of samples");
    }
    return inputs;
}

} // namespace

std::string predictHelp()
{
    return "usage: weightscope-cli predict MODEL --input X.npy --output Y.npy [options]\n\n"
           "Runs a model on every sample of a NumPy array and writes the outputs as a float32 .npy file.\n"
           "MODEL is a Weightscope model file, a Keras model (.h5, .keras), an ONNX graph the engine runs, a\n"
           "whole PyTorch nn.Sequential, or a bare state dict with its layers given by --model.\n\n"
           "X.npy holds (N, input shape...) in the model's own layout, NCHW for ONNX exported from PyTorch,\n"
           "NHWC for Keras (an array that does not fit is refused with the shape the model takes). Any\n"
           "numeric dtype is converted to float32 as it is: uint8 is not scaled to [0, 1]. One sample\n"
           "without the batch axis is accepted, and its output is written without the batch axis too. A\n"
           "Weightscope model trained with --normalize has its saved normalisation applied first, as in eval.\n\n"
           "A model of several inputs (an ONNX graph given an attention mask beside its tokens) takes one\n"
           "--input NAME=X.npy per graph input, named as in the graph, e.g. --input src=X.npy --input\n"
           "mask=M.npy; a bool graph input takes a bool array. All hold the same number of samples.\n\n"
           "--layer writes a layer's output in the engine's layout: images are NHWC inside the engine, so\n"
           "an ONNX model's layers between the Permute layers its conversion inserts (to_channels_last,\n"
           "to_channels_first) give (N, H, W, C), not PyTorch's (N, C, H, W).\n\n"
           "A model with several outputs (a Keras Model(x, [a, b])) writes its first output to Y.npy and\n"
           "says so; --all-outputs writes output k to Y_k.npy as well (Y_1.npy, Y_2.npy, ...), from the same\n"
           "passes, and --layer with an output's name writes that one alone.\n\n"
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
    const std::string modelPath = a.positional().front(), outPath = *a.get("output");

    RunnableModel loaded = loadRunnableModel(modelPath, a.get("model").value_or(""));
    printWeightAssignments(a.has("json") ? std::cerr : std::cout, modelPath, loaded.assignments);
    Sequential& model = loaded.model;
    if (model.size() == 0)
        throw FormatError(modelPath + ": the model has no layers");
    if (a.has("all-outputs") && a.get("layer"))
        throw ConfigError("predict takes --layer or --all-outputs, not both");
    const size_t layer = a.get("layer") ? layerIndex(model, *a.get("layer")) : model.size() - 1;
    const std::vector<InputPart>& parts = loaded.inputParts;
    const std::vector<std::string> given = a.all("input");
    if (parts.empty() && given.size() != 1)
        throw ConfigError("predict: the model takes one input, so --input is given once, not " + std::to_string(given.size()) + " times");
    std::vector<GivenInput> inputs;
    if (parts.empty()) {
        GivenInput in;
        in.path = given.front();
        in.file = std::make_unique<NpyFile>(in.path);
        in.layout = inputLayout(in.file->header().shape, model.inputShape(), in.path);
        inputs.push_back(std::move(in));
    } else {
        inputs = openInputs(parts, given);
    }
    const std::string inPath = inputs.front().path;
    const InputLayout layout = inputs.front().layout;
    // The layers whose outputs are written, and where: one, or each of the model's outputs.
    std::vector<size_t> layers { layer };
    std::vector<std::string> paths { outPath };
    const std::vector<int> outputs = model.outputs();
    if (a.has("all-outputs")) {
        const std::filesystem::path out(outPath);
        for (size_t k = 1; k < outputs.size(); ++k) {
            layers.push_back(size_t(outputs[k]));
            std::filesystem::path p = out;
            p.replace_filename(out.stem().string() + "_" + std::to_string(k) + out.extension().string());
            paths.push_back(p.string());
        }
    }
    auto outputName = [&](size_t k) { return model.layer(layers[k]).name(); };
    std::optional<Normalizer> normalizer;
    if (loaded.metadata.contains("normalizer"))
        normalizer = Normalizer::fromJson(loaded.metadata.at("normalizer"));

    const int64_t sampleSize = shapeNumel(model.inputShape());
    SampleSource source = [&](int64_t first, int64_t count, float* out) {
        inputs.front().file->read(0, first * sampleSize, count * sampleSize, out);
        if (normalizer)
            normalizer->apply(out, count, sampleSize, inPath);
    };
    if (!parts.empty()) {
        std::vector<SampleSource> sources;
        for (size_t k = 0; k < parts.size(); ++k)
            sources.push_back([file = inputs[k].file.get(), n = shapeNumel(parts[k].shape)](int64_t first, int64_t count, float* out) {
                file->read(0, first * n, count * n, out);
            });
        source = packedSource(parts, std::move(sources));
    }
    const auto start = std::chrono::steady_clock::now();
    MultiPrediction p = predictLayers(model, layout.samples, source, layers, batch);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (size_t k = 0; k < layers.size(); ++k) {
        Tensor& y = p.outputs[k];
        if (!layout.batched)
            y.reshape(Shape(y.shape().begin() + 1, y.shape().end()));
        writeNpy(paths[k], y);
    }

    const double rate = seconds > 0 ? double(layout.samples) / seconds : 0.0;
    if (a.has("json")) {
        nlohmann::ordered_json j = { { "model", modelPath }, { "format", loaded.format }, { "input", inPath },
            { "output", outPath }, { "input_shape", inputs.front().file->header().shape }, { "output_shape", p.outputs[0].shape() } };
        if (a.get("layer"))
            j["layer"] = *a.get("layer");
        if (outputs.size() > 1) {
            nlohmann::ordered_json list = nlohmann::ordered_json::array();
            for (size_t k = 0; k < outputs.size(); ++k) {
                nlohmann::ordered_json o = { { "layer", model.layer(size_t(outputs[k])).name() } };
                if (k < paths.size() && !a.get("layer")) {
                    o["path"] = paths[k];
                    o["shape"] = p.outputs[k].shape();
                }
                list.push_back(o);
            }
            j["model_outputs"] = list;
        }
        j["batch_size"] = p.batchSize;
        j["batches"] = p.batches;
        j["samples"] = layout.samples;
        j["threads"] = threadCount();
        j["normalized"] = normalizer ? normalizeName(normalizer->kind) : "none";
        j["seconds"] = seconds;
        j["samples_per_second"] = rate;
        if (!parts.empty()) { // a model of several inputs: each one ("input" and "input_shape" are the first's)
            nlohmann::ordered_json all = nlohmann::ordered_json::array();
            for (size_t k = 0; k < parts.size(); ++k)
                all.push_back({ { "name", parts[k].name }, { "path", inputs[k].path }, { "shape", inputs[k].file->header().shape } });
            j["inputs"] = all;
        }
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    std::string from;
    for (size_t k = 0; k < inputs.size(); ++k)
        from += std::string(k == 0 ? "" : k + 1 == inputs.size() ? " and " : ", ") + (parts.empty() ? "" : parts[k].name + " ")
            + shapeToString(inputs[k].file->header().shape) + " from " + inputs[k].path;
    for (size_t k = 0; k < layers.size(); ++k) {
        std::string what = a.get("layer") ? "layer '" + *a.get("layer") + "'"
            : outputs.size() == 1        ? std::string("the model's output")
                                         : "output " + std::to_string(k) + " '" + outputName(k) + "'";
        std::cout << "wrote " << paths[k] << ": " << shapeToString(p.outputs[k].shape()) << " float32, " << what
                  << " of " << from << "\n";
    }
    if (outputs.size() > 1 && !a.get("layer") && !a.has("all-outputs")) {
        std::string names;
        for (size_t k = 0; k < outputs.size(); ++k)
            names += (k ? ", '" : "'") + model.layer(size_t(outputs[k])).name() + "'";
        std::cout << "note: the model has " << outputs.size() << " outputs (" << names << "); " << outPath
                  << " holds the first. --all-outputs writes each (output k to <name>_k.npy), --layer NAME one\n";
    }
    std::cout << "inference: " << layout.samples << (layout.samples == 1 ? " sample in " : " samples in ") << p.batches
              << (p.batches == 1 ? " batch, " : " batches, ")
              << std::fixed << std::setprecision(0) << rate << " samples/s (" << std::setprecision(3) << seconds
              << " s, threads " << threadCount() << ")\n";
    return 0;
}

} // namespace ws::cli
