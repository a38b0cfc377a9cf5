// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/PlaygroundRecipe.h"

#include "data/Split.h"
#include "nn/Dense.h"
#include "nn/Initializer.h"
#include "util/Error.h"

#include <algorithm>
#include <bit>
#include <limits>

namespace ws {

namespace {

Dataset withFeatures(Dataset d, unsigned features)
{
    d.x = playgroundFeatures(d.x, features);
    return d;
}

// A value of `section` that must be there, read as T; ConfigError naming the key otherwise.
template <class T>
T required(const nlohmann::json& section, const char* sectionName, const char* key)
{
    if (!section.is_object() || !section.contains(key))
        throw ConfigError(std::string("the Playground config has no ") + sectionName + "." + key);
    try {
        return section.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw ConfigError(std::string("the Playground config's ") + sectionName + "." + key + " has the wrong type");
    }
}

} // namespace

nlohmann::json PlaygroundWeightEdit::toJson() const
{
    return { { "column", column }, { "from", from }, { "to", to }, { "value", value } };
}

PlaygroundWeightEdit PlaygroundWeightEdit::fromJson(const nlohmann::json& j)
{
    PlaygroundWeightEdit e;
    e.column = required<int>(j, "weight_edit", "column");
    e.from = required<int>(j, "weight_edit", "from");
    e.to = required<int>(j, "weight_edit", "to");
    e.value = required<float>(j, "weight_edit", "value");
    return e;
}

PlaygroundSets makePlaygroundSets(const PlaygroundRecipe& r)
{
    PlaygroundSets d;
    const Dataset all = makePlaygroundDataset(r.dataset, 0, r.noise, r.dataSeed);
    auto [train, test] = splitDataset(all, r.testShare, r.dataSeed);
    d.trainPoints = std::move(train);
    d.testPoints = std::move(test);
    d.train = withFeatures(d.trainPoints, r.features);
    d.test = withFeatures(d.testPoints, r.features);
    const int64_t batch = std::max<int64_t>(1, std::min<int64_t>(r.batchSize, d.train.size()));
    d.batchesPerEpoch = (d.train.size() + batch - 1) / batch;
    return d;
}

Sequential makePlaygroundModel(const PlaygroundRecipe& r)
{
    Sequential model(Shape { int64_t(std::popcount(r.features)) });
    const Initializer kernelInit { Init::Uniform, 0.5f };
    const Initializer biasInit { Init::Constant, 0.1f };
    for (const int units : r.hidden) {
        model.emplace<Dense>(units, true, kernelInit, biasInit);
        model.emplace<ActivationLayer>(r.activation);
    }
    model.emplace<Dense>(1, true, kernelInit, biasInit);
    model.emplace<ActivationLayer>(isRegression(r.dataset) ? ActivationKind::Linear : ActivationKind::Tanh);
    model.build();
    model.initialize(r.modelSeed);
    return model;
}

TrainConfig playgroundTrainConfig(const PlaygroundRecipe& r)
{
    TrainConfig tc;
    tc.epochs = std::numeric_limits<int>::max(); // Playground trains until paused or reset
    tc.batchSize = r.batchSize;
    tc.seed = r.modelSeed;
    tc.threads = 1;
    tc.loss = LossKind::MeanSquaredError;
    tc.optimizer.kind = r.optimizer;
    tc.optimizer.learningRate = r.learningRate;
    if (r.optimizer == OptimizerKind::SGD)
        tc.optimizer.momentum = r.momentum;
    if (r.regularization == Regularization::L1)
        tc.optimizer.l1 = r.regularizationRate;
    else if (r.regularization == Regularization::L2)
        tc.optimizer.l2 = r.regularizationRate;
    return tc;
}

Tensor playgroundGrid(int size)
{
    Tensor grid(Shape { int64_t(size) * size, 2 });
    const double cell = 2.0 * kPlaygroundExtent / size;
    for (int row = 0; row < size; ++row)
        for (int col = 0; col < size; ++col) {
            const int64_t i = int64_t(row) * size + col;
            grid[2 * i] = float(-kPlaygroundExtent + (col + 0.5) * cell);
            grid[2 * i + 1] = float(-kPlaygroundExtent + (row + 0.5) * cell);
        }
    return grid;
}

std::vector<Dense*> playgroundDenseLayers(Sequential& model)
{
    std::vector<Dense*> dense;
    for (size_t i = 0; i < model.size(); ++i)
        if (auto* d = dynamic_cast<Dense*>(&model.layer(i)))
            dense.push_back(d);
    return dense;
}

bool applyPlaygroundEdit(Sequential& model, const PlaygroundWeightEdit& e)
{
    const std::vector<Dense*> dense = playgroundDenseLayers(model);
    if (e.column < 1 || e.column > int(dense.size()))
        return false;
    Dense& d = *dense[size_t(e.column - 1)];
    const int64_t in = d.kernel().value.dim(0), out = d.units();
    if (e.to < 0 || e.to >= out || e.from < -1 || e.from >= in)
        return false;
    if (e.from < 0)
        d.bias().value[e.to] = e.value;
    else
        d.kernel().value[int64_t(e.from) * out + e.to] = e.value;
    return true;
}

nlohmann::json playgroundRunConfig(const PlaygroundRecipe& r)
{
    nlohmann::json optimizer = { { "type", optimizerName(r.optimizer) }, { "learning_rate", r.learningRate } };
    if (r.optimizer == OptimizerKind::SGD && r.momentum != 0.0f) // records without momentum stay as they were
        optimizer["momentum"] = r.momentum;
    return { { "playground",
                 { { "dataset", playgroundName(r.dataset) }, { "noise", r.noise }, { "hidden", r.hidden },
                     { "activation", activationName(r.activation) }, { "test_share", r.testShare },
                     { "data_seed", r.dataSeed }, { "feature_bits", r.features },
                     { "regularization",
                         { { "type", enumName(r.regularization) }, { "rate", r.regularizationRate } } } } },
        { "train",
            { { "seed", r.modelSeed }, { "batch_size", r.batchSize }, { "threads", 1 }, { "loss", "mse" },
                { "optimizer", optimizer } } } };
}

bool isPlaygroundRunConfig(const nlohmann::json& config)
{
    return config.is_object() && config.contains("playground");
}

PlaygroundRecipe playgroundRecipeFromRun(const nlohmann::json& config)
{
    if (!isPlaygroundRunConfig(config))
        throw ConfigError("not a Playground run: its config has no \"playground\" section");
    const nlohmann::json& p = config.at("playground");
    const nlohmann::json train = config.value("train", nlohmann::json::object());
    PlaygroundRecipe r;
    r.dataset = parsePlaygroundKind(required<std::string>(p, "playground", "dataset"));
    r.noise = required<double>(p, "playground", "noise");
    r.hidden = required<std::vector<int>>(p, "playground", "hidden");
    r.activation = parseActivation(required<std::string>(p, "playground", "activation"));
    r.testShare = required<double>(p, "playground", "test_share");
    r.dataSeed = required<uint64_t>(p, "playground", "data_seed");
    r.features = required<unsigned>(p, "playground", "feature_bits");
    const nlohmann::json reg = p.value("regularization", nlohmann::json::object());
    r.regularization = parseEnum<Regularization>(required<std::string>(reg, "playground.regularization", "type"));
    r.regularizationRate = required<float>(reg, "playground.regularization", "rate");
    r.modelSeed = required<uint64_t>(train, "train", "seed");
    r.batchSize = required<int>(train, "train", "batch_size");
    const nlohmann::json opt = train.value("optimizer", nlohmann::json::object());
    r.optimizer = parseOptimizer(required<std::string>(opt, "train.optimizer", "type"));
    r.learningRate = required<float>(opt, "train.optimizer", "learning_rate");
    r.momentum = opt.contains("momentum") ? required<float>(opt, "train.optimizer", "momentum") : 0.0f;
    if (!(r.momentum >= 0.0f && r.momentum < 1.0f))
        throw ConfigError("train.optimizer.momentum must be in [0, 1), got " + std::to_string(r.momentum));

    // The same limits as the panel's controls: a hand-edited record must not build a huge net.
    constexpr int kMaxLayers = 8, kMaxNeurons = 16;
    if (r.hidden.size() > size_t(kMaxLayers)
        || std::any_of(r.hidden.begin(), r.hidden.end(), [](int n) { return n < 1 || n > kMaxNeurons; }))
        throw ConfigError("the Playground config's playground.hidden must hold at most 8 layers of 1 to 16 neurons");
    if (r.features == 0 || r.features >= (1u << 7))
        throw ConfigError("the Playground config's playground.feature_bits must name 1 to 7 features (1 to 127)");
    if (!(r.noise >= 0 && r.noise <= 0.5) || !(r.testShare > 0 && r.testShare < 1))
        throw ConfigError("the Playground config's noise must be in [0, 0.5] and test_share in (0, 1)");
    if (r.batchSize < 1 || !(r.learningRate > 0) || !(r.regularizationRate >= 0))
        throw ConfigError("the Playground config's batch size and learning rate must be positive");
    return r;
}

std::string playgroundModelSummary(const PlaygroundRecipe& r, const Sequential& model)
{
    std::string hidden; // appended piecewise: GCC 12's -Wrestrict misfires on "," + std::to_string
    for (int h : r.hidden) {
        if (!hidden.empty())
            hidden.append(",");
        hidden.append(std::to_string(h));
    }
    return std::to_string(model.inputShape().empty() ? 0 : model.inputShape().back())
        .append("-")
        .append(hidden)
        .append("-1 ")
        .append(activationName(r.activation));
}

} // namespace ws
