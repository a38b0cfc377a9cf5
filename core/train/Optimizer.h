// SPDX-License-Identifier: GPL-3.0-or-later
// Optimizers over a model's parameters. Update rules follow PyTorch's definitions so that
// runs compare directly with it (docs/benchmarks.md):
//   SGD      v = mu v + g;  p -= lr (g + mu v) with Nesterov, else p -= lr v   (mu = momentum)
//   Adam     Kingma & Ba 2015, bias-corrected, eps outside the square root
//   AdamW    Loshchilov & Hutter 2019: Adam plus decoupled decay p -= lr wd p
//   RMSprop  s = rho s + (1 - rho) g^2;  p -= lr g / (sqrt(s) + eps)
// Regularisation, only on parameters marked `regularize` (kernels, not biases):
//   l2   adds l2 * sum(w^2) to the loss (Keras' L2): g += 2 l2 w
//   l1   adds l1 * sum(|w|) to the loss: g += l1 sign(w); a weight that crosses zero in the
//        step is set to zero (TensorFlow Playground's rule), so L1 yields exact zeros
//   weight_decay  decoupled, p -= lr wd p, for every optimizer (AdamW defaults it to 0.01)
#pragma once

#include "nn/Layer.h"
#include "util/EnumNames.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace ws {

enum class OptimizerKind { SGD, Adam, AdamW, RMSprop };

template <> struct EnumNames<OptimizerKind> {
    static constexpr std::string_view what = "optimizer";
    static constexpr EnumEntry<OptimizerKind> entries[] = {
        { OptimizerKind::SGD, "sgd", "SGD" },
        { OptimizerKind::Adam, "adam", "Adam" },
        { OptimizerKind::AdamW, "adamw", "AdamW" },
        { OptimizerKind::RMSprop, "rmsprop", "RMSprop" },
    };
};

struct OptimizerConfig {
    OptimizerKind kind = OptimizerKind::Adam;
    float learningRate = 1e-3f;
    float momentum = 0.0f;  // SGD
    bool nesterov = false;  // SGD
    float beta1 = 0.9f;     // Adam, AdamW
    float beta2 = 0.999f;   // Adam, AdamW
    float epsilon = 1e-8f;  // Adam, AdamW, RMSprop
    float rho = 0.99f;      // RMSprop (PyTorch's alpha)
    float weightDecay = -1.0f; // < 0: the optimizer's default (0.01 for AdamW, else 0)
    float l1 = 0.0f;
    float l2 = 0.0f;

    float effectiveWeightDecay() const;
    nlohmann::json toJson() const;
    static OptimizerConfig fromJson(const nlohmann::json& j);
};

OptimizerKind parseOptimizer(const std::string& text);
std::string optimizerName(OptimizerKind kind);

class Optimizer {
public:
    Optimizer(OptimizerConfig config, std::vector<Param*> params);

    // One update of every parameter from its gradient, at learning rate lr.
    void step(float lr);
    int64_t steps() const { return t_; }
    // Whether every parameter value the last step wrote is finite (true before the first step).
    bool lastStepFinite() const { return lastStepFinite_; }
    const OptimizerConfig& config() const { return config_; }

    // Internal state (moments), per parameter, in the order of the params given; for saving.
    struct State {
        Tensor first;  // SGD velocity, Adam m
        Tensor second; // Adam v, RMSprop s
    };
    const std::vector<State>& state() const { return state_; }
    std::vector<State>& state() { return state_; }
    void setSteps(int64_t t) { t_ = t; }

private:
    OptimizerConfig config_;
    std::vector<Param*> params_;
    std::vector<State> state_;
    int64_t t_ = 0;
    bool lastStepFinite_ = true;
    int64_t elements_ = 0; // of all parameters
};

} // namespace ws
