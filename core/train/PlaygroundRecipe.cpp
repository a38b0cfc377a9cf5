// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/PlaygroundRecipe.h"

#include "data/PlaygroundPoints.h"
#include "data/Split.h"
#include "nn/Dense.h"
#include "nn/Initializer.h"
#include "util/Error.h"
#include "util/JsonNumbers.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <sstream>

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
    if (!numbersFit<T>(section.at(key)))
        throw ConfigError(std::string("the Playground config's ") + sectionName + "." + key + " must be a whole number in range, got "
            + section.at(key).dump());
    try {
        return section.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw ConfigError(std::string("the Playground config's ") + sectionName + "." + key + " has the wrong type");
    }
}

// 0.999 rather than std::to_string's 0.999000: the number as the user would type it.
std::string number(float v)
{
    std::ostringstream out;
    out << v;
    return out.str();
}

struct Interval {
    float low, high;
    bool lowOpen, highOpen;

    bool holds(float v) const { return (lowOpen ? v > low : v >= low) && (highOpen ? v < high : v <= high); }
    std::string text() const
    {
        return (lowOpen ? "(" : "[") + number(low) + ", " + number(high) + (highOpen ? ")" : "]");
    }
};

// A value of `section` that may be missing (then `fallback`), else must lie in `range`.
float optionalIn(const nlohmann::json& section, const char* sectionName, const char* key, float fallback, Interval range)
{
    if (!section.contains(key))
        return fallback;
    const float v = required<float>(section, sectionName, key);
    if (!range.holds(v))
        throw ConfigError(std::string(sectionName) + "." + key + " must be in " + range.text() + ", got " + number(v));
    return v;
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
    Dataset all;
    if (r.dataset == PlaygroundKind::Custom) {
        if (!r.points)
            throw ConfigError("the Playground's own data has no points");
        checkPlaygroundPoints(*r.points, "your points");
        all = *r.points;
    } else {
        all = makePlaygroundDataset(r.dataset, 0, r.noise, r.dataSeed);
    }
    auto [train, test] = splitDataset(all, r.testShare, r.dataSeed);
    d.trainPoints = std::move(train);
    d.testPoints = std::move(test);
    d.train = withFeatures(d.trainPoints, r.features);
    d.test = withFeatures(d.testPoints, r.features);
    const int64_t batch = std::max<int64_t>(1, std::min<int64_t>(r.batchSize, d.train.size()));
    d.batchesPerEpoch = (d.train.size() + batch - 1) / batch;
    return d;
}

int playgroundClasses(const PlaygroundRecipe& r)
{
    if (r.dataset != PlaygroundKind::Custom)
        return playgroundClassCount(r.dataset);
    if (!r.points)
        throw ConfigError("the Playground's own data has no points");
    return std::max(2, r.points->numClasses);
}

int playgroundOutputs(const PlaygroundRecipe& r)
{
    const int classes = playgroundClasses(r);
    return classes > 2 ? classes : 1;
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
    const int classes = playgroundClasses(r);
    model.emplace<Dense>(playgroundOutputs(r), true, kernelInit, biasInit);
    model.emplace<ActivationLayer>(classes == 0 ? ActivationKind::Linear
            : classes == 2                      ? ActivationKind::Tanh
                                                : ActivationKind::Softmax);
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
    // Networks of a few hundred weights make too few subnormals to be slowed by them, and a
    // Playground record holds its recipe, not a TrainConfig: its runs keep subnormals, as
    // they always did, so that every record re-runs bit for bit.
    tc.flushSubnormals = false;
    // Softmax probabilities in, so that the neuron maps show them; Loss.h clips them at 1e-7.
    tc.loss = playgroundClasses(r) > 2 ? LossKind::CrossEntropy : LossKind::MeanSquaredError;
    tc.optimizer.kind = r.optimizer;
    tc.optimizer.learningRate = r.learningRate;
    if (r.optimizer == OptimizerKind::SGD) {
        tc.optimizer.momentum = r.momentum;
        tc.optimizer.nesterov = r.nesterov && r.momentum > 0.0f;
    }
    if (optimizerUsesBetas(r.optimizer)) {
        tc.optimizer.beta1 = r.beta1;
        tc.optimizer.beta2 = r.beta2;
    }
    if (optimizerUsesRho(r.optimizer))
        tc.optimizer.rho = r.rho;
    if (optimizerUsesEpsilon(r.optimizer))
        tc.optimizer.epsilon = r.epsilon;
    tc.optimizer.weightDecay = r.weightDecay;
    tc.schedule.warmupSteps = r.warmupSteps;
    tc.schedule.kind = r.schedule;
    if (r.schedule == ScheduleKind::Step) {
        tc.schedule.stepEpochs = r.scheduleEpochs;
        tc.schedule.gamma = r.stepGamma;
    } else if (r.schedule == ScheduleKind::Cosine) {
        tc.schedule.cosineEpochs = r.scheduleEpochs;
        tc.schedule.minLr = r.cosineMinLr;
    }
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
    // Like momentum, the later settings are written only when set: older records stay as they were.
    if (r.optimizer == OptimizerKind::SGD && r.nesterov && r.momentum != 0.0f)
        optimizer["nesterov"] = true;
    if (r.weightDecay >= 0.0f)
        optimizer["weight_decay"] = r.weightDecay;
    // #22: and only where the optimizer uses them, under OptimizerConfig's own keys.
    const OptimizerConfig defaults;
    if (optimizerUsesBetas(r.optimizer) && r.beta1 != defaults.beta1)
        optimizer["beta1"] = r.beta1;
    if (optimizerUsesBetas(r.optimizer) && r.beta2 != defaults.beta2)
        optimizer["beta2"] = r.beta2;
    if (optimizerUsesRho(r.optimizer) && r.rho != defaults.rho)
        optimizer["rho"] = r.rho;
    if (optimizerUsesEpsilon(r.optimizer) && r.epsilon != defaults.epsilon)
        optimizer["epsilon"] = r.epsilon;
    nlohmann::json playground = { { "dataset", playgroundName(r.dataset) }, { "noise", r.noise }, { "hidden", r.hidden },
        { "activation", activationName(r.activation) }, { "test_share", r.testShare }, { "data_seed", r.dataSeed },
        { "feature_bits", r.features },
        { "regularization", { { "type", enumName(r.regularization) }, { "rate", r.regularizationRate } } } };
    if (r.dataset == PlaygroundKind::Custom && r.points)
        playground["points"] = playgroundPointsToJson(*r.points);
    nlohmann::json config = { { "playground", playground },
        { "train",
            { { "seed", r.modelSeed }, { "batch_size", r.batchSize }, { "threads", 1 },
                { "loss", lossName(playgroundTrainConfig(r).loss) },
                { "optimizer", optimizer } } } };
    if (r.warmupSteps > 0)
        config["train"]["schedule"] = { { "warmup_steps", r.warmupSteps } };
    if (r.schedule != ScheduleKind::Constant) { // the section as Trainer's TrainConfig reads it too
        nlohmann::json& schedule = config["train"]["schedule"];
        schedule["type"] = scheduleName(r.schedule);
        if (r.schedule == ScheduleKind::Step) {
            schedule["step_epochs"] = r.scheduleEpochs;
            schedule["gamma"] = r.stepGamma;
        } else {
            schedule["cosine_epochs"] = r.scheduleEpochs;
            if (r.cosineMinLr != 0.0f)
                schedule["min_lr"] = r.cosineMinLr;
        }
    }
    return config;
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
    if (r.dataset == PlaygroundKind::Custom) {
        const std::string what = "the Playground config's playground.points";
        if (!p.contains("points"))
            throw ConfigError("the Playground config has no playground.points (the own data of a custom run)");
        auto points = std::make_shared<Dataset>(playgroundPointsFromJson(p.at("points"), what));
        checkPlaygroundPoints(*points, what);
        r.points = std::move(points);
    }
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
    r.nesterov = opt.contains("nesterov") && required<bool>(opt, "train.optimizer", "nesterov");
    // #22: absent in records from before they were settings: the defaults they were trained with.
    r.beta1 = optionalIn(opt, "train.optimizer", "beta1", r.beta1, { 0.0f, 1.0f, false, true });
    r.beta2 = optionalIn(opt, "train.optimizer", "beta2", r.beta2, { 0.0f, 1.0f, false, true });
    r.rho = optionalIn(opt, "train.optimizer", "rho", r.rho, { 0.0f, 1.0f, false, true });
    r.epsilon = optionalIn(opt, "train.optimizer", "epsilon", r.epsilon, { 0.0f, 1.0f, true, false });
    r.weightDecay = opt.contains("weight_decay") ? required<float>(opt, "train.optimizer", "weight_decay") : -1.0f;
    if (opt.contains("weight_decay") && !(r.weightDecay >= 0.0f && r.weightDecay <= 1.0f))
        throw ConfigError("train.optimizer.weight_decay must be in [0, 1], got " + std::to_string(r.weightDecay));
    const nlohmann::json schedule = train.value("schedule", nlohmann::json::object());
    r.warmupSteps = schedule.contains("warmup_steps") ? required<int64_t>(schedule, "train.schedule", "warmup_steps") : 0;
    if (r.warmupSteps < 0 || r.warmupSteps > int64_t(1) << 40)
        throw ConfigError("train.schedule.warmup_steps must be between 0 and 2^40, got " + std::to_string(r.warmupSteps));
    r.schedule = schedule.contains("type") ? parseSchedule(required<std::string>(schedule, "train.schedule", "type"))
                                           : ScheduleKind::Constant;
    if (r.schedule != ScheduleKind::Constant) {
        const char* key = r.schedule == ScheduleKind::Step ? "step_epochs" : "cosine_epochs";
        r.scheduleEpochs = required<int>(schedule, "train.schedule", key);
        if (r.scheduleEpochs < 1 || r.scheduleEpochs > kMaxPlaygroundScheduleEpochs)
            throw ConfigError(std::string("train.schedule.") + key + " must be between 1 and "
                + std::to_string(kMaxPlaygroundScheduleEpochs) + ", got " + std::to_string(r.scheduleEpochs));
    }
    if (r.schedule == ScheduleKind::Step)
        r.stepGamma = optionalIn(schedule, "train.schedule", "gamma", kPlaygroundStepGamma, { 0.0f, 1.0f, true, false });
    if (r.schedule == ScheduleKind::Cosine)
        r.cosineMinLr = optionalIn(schedule, "train.schedule", "min_lr", 0.0f, { 0.0f, 10.0f, false, false });

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
        .append("-")
        .append(std::to_string(playgroundOutputs(r)))
        .append(" ")
        .append(activationName(r.activation));
}

} // namespace ws
