#include "train/Optimizer.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace ws {

namespace {

struct OptName {
    OptimizerKind kind;
    const char* name;
};
constexpr OptName kNames[] = {
    { OptimizerKind::SGD, "sgd" }, { OptimizerKind::Adam, "adam" },
    { OptimizerKind::AdamW, "adamw" }, { OptimizerKind::RMSprop, "rmsprop" },
};

} // namespace

OptimizerKind parseOptimizer(const std::string& text)
{
    for (const auto& e : kNames)
        if (text == e.name)
            return e.kind;
    throw ConfigError("unknown optimizer '" + text + "' (known: sgd, adam, adamw, rmsprop)");
}

std::string optimizerName(OptimizerKind kind)
{
    for (const auto& e : kNames)
        if (e.kind == kind)
            return e.name;
    return "?";
}

float OptimizerConfig::effectiveWeightDecay() const
{
    if (weightDecay >= 0.0f)
        return weightDecay;
    return kind == OptimizerKind::AdamW ? 0.01f : 0.0f;
}

nlohmann::json OptimizerConfig::toJson() const
{
    return { { "type", optimizerName(kind) }, { "learning_rate", learningRate }, { "momentum", momentum },
        { "nesterov", nesterov }, { "beta1", beta1 }, { "beta2", beta2 }, { "epsilon", epsilon },
        { "rho", rho }, { "weight_decay", effectiveWeightDecay() }, { "l1", l1 }, { "l2", l2 } };
}

OptimizerConfig OptimizerConfig::fromJson(const nlohmann::json& j)
{
    OptimizerConfig c;
    try {
        if (j.contains("type"))
            c.kind = parseOptimizer(j.at("type").get<std::string>());
        c.learningRate = j.value("learning_rate", c.learningRate);
        c.momentum = j.value("momentum", c.momentum);
        c.nesterov = j.value("nesterov", c.nesterov);
        c.beta1 = j.value("beta1", c.beta1);
        c.beta2 = j.value("beta2", c.beta2);
        c.epsilon = j.value("epsilon", c.epsilon);
        c.rho = j.value("rho", c.rho);
        c.weightDecay = j.value("weight_decay", c.weightDecay);
        c.l1 = j.value("l1", c.l1);
        c.l2 = j.value("l2", c.l2);
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(std::string("optimizer config: ") + e.what());
    }
    if (!(c.learningRate > 0.0f))
        throw ConfigError("optimizer config: learning_rate must be positive");
    return c;
}

Optimizer::Optimizer(OptimizerConfig config, std::vector<Param*> params)
    : config_(config)
    , params_(std::move(params))
{
    state_.resize(params_.size());
    for (size_t i = 0; i < params_.size(); ++i) {
        const Shape& s = params_[i]->value.shape();
        const bool needsFirst = config_.kind != OptimizerKind::RMSprop
            && !(config_.kind == OptimizerKind::SGD && config_.momentum == 0.0f);
        const bool needsSecond = config_.kind != OptimizerKind::SGD;
        if (needsFirst)
            state_[i].first = Tensor(s);
        if (needsSecond)
            state_[i].second = Tensor(s);
    }
}

void Optimizer::step(float lr)
{
    ++t_;
    const OptimizerConfig& c = config_;
    const float wd = c.effectiveWeightDecay();
    const double bias1 = 1.0 - std::pow(double(c.beta1), double(t_));
    const double bias2 = 1.0 - std::pow(double(c.beta2), double(t_));
    for (size_t i = 0; i < params_.size(); ++i) {
        Param& prm = *params_[i];
        float* p = prm.value.data();
        const float* graw = prm.grad.data();
        const int64_t n = prm.value.size();
        const bool reg = prm.regularize && (c.l1 != 0.0f || c.l2 != 0.0f);
        const bool decay = prm.regularize && wd != 0.0f;
        float* m = state_[i].first.data();
        float* v = state_[i].second.data();
        for (int64_t k = 0; k < n; ++k) {
            float g = graw[k];
            const float before = p[k];
            if (reg)
                g += 2.0f * c.l2 * before + c.l1 * float((before > 0.0f) - (before < 0.0f));
            if (decay)
                p[k] -= lr * wd * before;
            switch (c.kind) {
            case OptimizerKind::SGD:
                if (c.momentum != 0.0f) {
                    m[k] = c.momentum * m[k] + g;
                    p[k] -= lr * (c.nesterov ? g + c.momentum * m[k] : m[k]);
                } else {
                    p[k] -= lr * g;
                }
                break;
            case OptimizerKind::Adam:
            case OptimizerKind::AdamW: {
                m[k] = c.beta1 * m[k] + (1.0f - c.beta1) * g;
                v[k] = c.beta2 * v[k] + (1.0f - c.beta2) * g * g;
                const float mhat = float(m[k] / bias1);
                const float vhat = float(v[k] / bias2);
                p[k] -= lr * mhat / (std::sqrt(vhat) + c.epsilon);
                break;
            }
            case OptimizerKind::RMSprop:
                v[k] = c.rho * v[k] + (1.0f - c.rho) * g * g;
                p[k] -= lr * g / (std::sqrt(v[k]) + c.epsilon);
                break;
            }
            if (reg && c.l1 != 0.0f && before * p[k] < 0.0f)
                p[k] = 0.0f;
        }
    }
}

} // namespace ws
