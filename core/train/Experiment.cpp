// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Experiment.h"

#include "data/Split.h"
#include "formats/WeightFormats.h"
#include "io/StateDictModel.h"
#include "nn/LayerFactory.h"
#include "util/Error.h"

namespace ws {

namespace {

struct Preset {
    const char* name;
    const char* spec;
};
constexpr Preset kPresets[] = {
    { "mlp", "flatten dense(256) relu dense(128) relu" },
    { "cnn", "conv2d(32, 3, padding=same) relu maxpool2d(2) conv2d(64, 3, padding=same) relu maxpool2d(2) "
             "flatten dense(128) relu dropout(0.3)" },
    { "tf-cnn", "conv2d(32, 5, padding=same) relu maxpool2d(2) conv2d(64, 5, padding=same) relu maxpool2d(2) "
                "flatten dense(1024) relu dropout(0.4)" },
    { "playground", "dense(8) tanh dense(8) tanh" },
};

} // namespace

bool isModelPreset(const std::string& name)
{
    if (name == "auto")
        return true;
    for (const auto& p : kPresets)
        if (name == p.name)
            return true;
    return false;
}

std::string modelPresetSpec(const std::string& preset)
{
    for (const auto& p : kPresets)
        if (preset == p.name)
            return p.spec;
    throw ConfigError("unknown model preset '" + preset + "' (known: mlp, cnn, tf-cnn, playground, auto)");
}

Sequential buildModel(const nlohmann::json& model, const Dataset& data)
{
    const Shape sample = data.sampleShape();
    if (model.is_object())
        return Sequential::fromConfig(model); // input_shape is checked against the data by the Trainer
    if (!model.is_string())
        throw ConfigError("'model' must be a preset name, a layer spec string, or a model config object");
    std::string text = model.get<std::string>();
    nlohmann::json layers;
    if (isModelPreset(text)) {
        std::string preset = text;
        if (preset == "auto")
            preset = sample.size() == 3 ? "cnn" : (sample == Shape { 2 } ? "playground" : "mlp");
        layers = parseLayerSpec(modelPresetSpec(preset));
        const bool twoD = sample.size() == 1 && sample[0] <= 7;
        if (!data.isClassification()) {
            const int64_t outputs = data.targets.rank() > 1 ? data.targets.size() / std::max<int64_t>(1, data.size()) : 1;
            layers.push_back({ { "type", "Dense" }, { "units", outputs } });
        } else if (data.numClasses == 2 && twoD) {
            layers.push_back({ { "type", "Dense" }, { "units", 1 } });
            layers.push_back({ { "type", "Tanh" } });
        } else {
            layers.push_back({ { "type", "Dense" }, { "units", data.numClasses } });
        }
        if (sample.size() != 3 && (preset == "cnn" || preset == "tf-cnn"))
            throw ShapeError("the " + preset + " preset needs image samples (height, width, channels), the data has "
                + shapeToString(sample));
    } else {
        layers = parseLayerSpec(text);
    }
    return Sequential::fromConfig({ { "input_shape", sample }, { "layers", layers } });
}

LossKind defaultLoss(const Sequential& model, const Dataset& data)
{
    if (!data.isClassification())
        return LossKind::MeanSquaredError;
    const int64_t outputs = shapeNumel(model.outputShape());
    if (outputs == 1)
        return LossKind::MeanSquaredError;
    if (model.size() && model.layer(model.size() - 1).typeName() == "Softmax")
        return LossKind::CrossEntropy;
    return LossKind::SoftmaxCrossEntropy;
}

nlohmann::json Experiment::toJson() const
{
    nlohmann::json j = { { "dataset", dataset.toJson() }, { "model", model },
        { "normalize", normalize },
        { "validation_split", validationSplit }, { "train", train.toJson() } };
    if (!initFrom.empty())
        j["init_from"] = initFrom;
    if (loss)
        j["train"]["loss"] = lossName(*loss);
    else
        j["train"].erase("loss");
    return j;
}

Experiment Experiment::fromJson(const nlohmann::json& j)
{
    if (!j.is_object())
        throw ConfigError("an experiment config must be a JSON object");
    Experiment e;
    try {
        if (j.contains("dataset"))
            e.dataset = DatasetSource::fromJson(j.at("dataset"));
        if (j.contains("model"))
            e.model = j.at("model");
        if (j.contains("normalize"))
            e.normalize = parseNormalize(j.at("normalize").get<std::string>());
        e.validationSplit = j.value("validation_split", e.validationSplit);
        e.initFrom = j.value("init_from", e.initFrom);
        if (j.contains("train")) {
            e.train = TrainConfig::fromJson(j.at("train"));
            if (j.at("train").contains("loss"))
                e.loss = e.train.loss;
        }
    } catch (const nlohmann::json::exception& ex) {
        throw ConfigError(std::string("experiment config: ") + ex.what());
    }
    for (const auto& [key, value] : j.items())
        if (key != "dataset" && key != "model" && key != "normalize" && key != "validation_split" && key != "train"
            && key != "init_from")
            throw ConfigError("experiment config: unknown key '" + key + "'");
    return e;
}

Experiment Experiment::fromRecord(const nlohmann::json& j)
{
    Experiment e = fromJson(j);
    const auto train = j.find("train");
    if (train == j.end() || !train->is_object() || !train->contains("flush_subnormals"))
        e.train.flushSubnormals = false;
    return e;
}

Sequential loadModelToFineTune(const std::string& path, const Shape& sample, const std::string& layerSpec,
                                std::vector<std::string>* assignments)
{
    const auto file = openWeightFile(path);
    std::optional<Sequential> model = file->model();
    if (!model && !layerSpec.empty()) {
        StateDictModel built = buildStateDictModel(*file, layerSpec);
        model = std::move(built.model);
        if (assignments)
            *assignments = std::move(built.assignments);
    }
    if (!model)
        throw ConfigError(path + ": holds weights but no model the engine can run (fine-tuning needs a "
                                 "Weightscope model, a Keras Sequential or functional model, an ONNX graph of supported "
                                 "layers or a whole PyTorch nn.Sequential; a bare state dict needs its layers as "
                                 "--model \"<layers>\")");
    if (!model->isBuilt())
        model->build();
    if (const std::vector<int> outputs = model->outputs(); outputs.size() > 1) {
        std::string names;
        for (size_t k = 0; k < outputs.size(); ++k)
            names += (k ? ", '" : "'") + model->layer(size_t(outputs[k])).name() + "'";
        throw ConfigError(path + ": the model has " + std::to_string(outputs.size()) + " outputs (" + names
            + "); training runs one loss on one output, and the layers that lead only to the other outputs would "
              "get no gradient from it, so a model with several outputs is not trained (it can be inspected, "
              "evaluated on its first output and run with predict)");
    }
    if (model->inputShape() != sample)
        throw ShapeError(path + ": the model takes inputs of shape " + shapeToString(model->inputShape())
            + " but the dataset's samples have shape " + shapeToString(sample)
            + "; choose data the model was made for, or build a new model");
    return std::move(*model);
}

PreparedRun prepareRun(const Experiment& e, Dataset train, Dataset test)
{
    PreparedRun r;
    r.train = std::move(train);
    r.test = std::move(test);
    if (e.validationSplit > 0) {
        auto [rest, held] = splitDataset(r.train, e.validationSplit, e.train.seed ^ 0x7a1dULL);
        r.train = std::move(rest);
        r.validation = std::move(held);
    }
    r.normalizer = Normalizer::fit(r.train, e.normalize);
    r.normalizer.apply(r.train);
    r.normalizer.apply(r.validation);
    r.normalizer.apply(r.test);
    if (e.initFrom.empty()) {
        r.model = buildModel(e.model, r.train);
        r.model.initialize(e.train.seed);
    } else {
        // A layer spec (not a preset) says what a bare state dict's tensors are.
        const bool spec = e.model.is_string() && !isModelPreset(e.model.get<std::string>());
        r.model = loadModelToFineTune(e.initFrom, r.train.sampleShape(), spec ? e.model.get<std::string>() : "",
                                      &r.weightAssignments);
    }
    r.config = e.train;
    r.config.loss = e.loss.value_or(defaultLoss(r.model, r.train));
    return r;
}

} // namespace ws
