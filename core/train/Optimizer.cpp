// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Optimizer.h"

#include "util/Error.h"
#include "util/Threads.h"
#include "util/TargetClones.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>

#include <omp.h>

namespace ws {

OptimizerKind parseOptimizer(const std::string& text) { return parseEnum<OptimizerKind>(text); }

std::string optimizerName(OptimizerKind kind) { return std::string(enumName(kind)); }

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
    for (const Param* p : params_)
        elements_ += p->value.size();
}

namespace {

// Everything one parameter's update needs, hoisted out of the element loop.
struct StepArgs {
    float lr, momentum, beta1, beta2, epsilon, rho, l1, l2, wd;
    float invBias1, invBias2; // Adam's bias corrections as reciprocals
    bool nesterov;
};

// One parameter tensor's update. The kind and the optional terms are template arguments so that
// each combination is its own branch-free loop that GCC vectorises; a switch inside the element
// loop (as before) kept it scalar and cost 13% of an MLP epoch. Returns nonzero when some
// updated value is infinite or NaN (all exponent bits set), found with an integer OR that
// vectorises, unlike a float reduction; Trainer::checkFinite uses it instead of scanning every
// weight again after each batch.
template <OptimizerKind Kind, bool Reg, bool Decay, bool Momentum>
[[gnu::always_inline]] inline uint32_t updateParam(const StepArgs& a, float* __restrict p, const float* __restrict graw,
    float* __restrict m, float* __restrict v, int64_t n)
{
    uint32_t nonFinite = 0;
    for (int64_t k = 0; k < n; ++k) {
        float g = graw[k];
        const float before = p[k];
        float value = before;
        if constexpr (Reg)
            g += 2.0f * a.l2 * before + a.l1 * float((before > 0.0f) - (before < 0.0f));
        if constexpr (Decay)
            value -= a.lr * a.wd * before;
        if constexpr (Kind == OptimizerKind::SGD) {
            if constexpr (Momentum) {
                const float vel = a.momentum * m[k] + g;
                m[k] = vel;
                value -= a.lr * (a.nesterov ? g + a.momentum * vel : vel);
            } else {
                value -= a.lr * g;
            }
        } else if constexpr (Kind == OptimizerKind::RMSprop) {
            const float s = a.rho * v[k] + (1.0f - a.rho) * g * g;
            v[k] = s;
            value -= a.lr * g / (std::sqrt(s) + a.epsilon);
        } else { // Adam, AdamW
            const float m1 = a.beta1 * m[k] + (1.0f - a.beta1) * g;
            const float v1 = a.beta2 * v[k] + (1.0f - a.beta2) * g * g;
            m[k] = m1;
            v[k] = v1;
            value -= a.lr * (m1 * a.invBias1) / (std::sqrt(v1 * a.invBias2) + a.epsilon);
        }
        if constexpr (Reg) // L1 never pushes a weight across zero
            if (a.l1 != 0.0f && before * value < 0.0f)
                value = 0.0f;
        p[k] = value;
        nonFinite |= uint32_t((std::bit_cast<uint32_t>(value) & 0x7f800000u) == 0x7f800000u);
    }
    return nonFinite;
}

template <OptimizerKind Kind, bool Momentum>
[[gnu::always_inline]] inline uint32_t updateParamWith(
    bool reg, bool decay, const StepArgs& a, float* p, const float* g, float* m, float* v, int64_t n)
{
    if (reg)
        return decay ? updateParam<Kind, true, true, Momentum>(a, p, g, m, v, n)
                     : updateParam<Kind, true, false, Momentum>(a, p, g, m, v, n);
    return decay ? updateParam<Kind, false, true, Momentum>(a, p, g, m, v, n)
                 : updateParam<Kind, false, false, Momentum>(a, p, g, m, v, n);
}

// One piece of one parameter, for every kind: built for AVX-512, AVX2 and the baseline and chosen
// at run time (util/TargetClones.h), the loops above inlined into each copy. Element-wise, with
// IEEE square roots and divisions, so each copy writes the same bits.
WS_TARGET_CLONES uint32_t updatePiece(OptimizerKind kind, bool momentum, bool reg, bool decay, const StepArgs& a,
    float* p, const float* g, float* m, float* v, int64_t n)
{
    switch (kind) {
    case OptimizerKind::SGD:
        return momentum ? updateParamWith<OptimizerKind::SGD, true>(reg, decay, a, p, g, m, v, n)
                        : updateParamWith<OptimizerKind::SGD, false>(reg, decay, a, p, g, m, v, n);
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW:
        return updateParamWith<OptimizerKind::Adam, false>(reg, decay, a, p, g, m, v, n);
    case OptimizerKind::RMSprop:
        return updateParamWith<OptimizerKind::RMSprop, false>(reg, decay, a, p, g, m, v, n);
    }
    return 0;
}

} // namespace

void Optimizer::step(float lr)
{
    ++t_;
    const OptimizerConfig& c = config_;
    const float wd = c.effectiveWeightDecay();
    const double bias1 = 1.0 - std::pow(double(c.beta1), double(t_));
    const double bias2 = 1.0 - std::pow(double(c.beta2), double(t_));
    const StepArgs a { lr, c.momentum, c.beta1, c.beta2, c.epsilon, c.rho, c.l1, c.l2, wd,
        float(1.0 / bias1), float(1.0 / bias2), c.nesterov };
    std::atomic<uint32_t> nonFinite { 0 };
    // Thread t of T updates the same share of every parameter: elements [n t / T, n (t + 1) / T),
    // on whole cache lines. Each element's update depends on that element alone, so the bits are
    // the same on any number of threads. The GEMM splits a kernel gradient's rows alike (the
    // MLP's 784 x 256 and 256 x 128, gemm_packed::run), so each thread mostly updates what it
    // has just written into its own level-2 cache. Pieces of 4,096 elements shared out in order
    // (until session 22) gave a fifth of the MLP's weights to the thread that had not written
    // their gradients: MLP training on two threads went from ~142k to ~147k samples/s.
    // Below 16,384 elements a step stays on the calling thread (the Playground's networks).
    const auto share = [&](int64_t t, int64_t parts) {
        constexpr int64_t kLine = 16; // floats
        for (size_t i = 0; i < params_.size(); ++i) {
            Param& prm = *params_[i];
            const int64_t size = prm.value.size();
            const int64_t b = size * t / parts / kLine * kLine;
            const int64_t e = t + 1 == parts ? size : size * (t + 1) / parts / kLine * kLine;
            if (e <= b)
                continue;
            float* p = prm.value.data() + b;
            const float* g = prm.grad.data() + b;
            const bool reg = prm.regularize && (c.l1 != 0.0f || c.l2 != 0.0f);
            const bool decay = prm.regularize && wd != 0.0f;
            float* m = state_[i].first.size() ? state_[i].first.data() + b : nullptr;
            float* v = state_[i].second.size() ? state_[i].second.data() + b : nullptr;
            const uint32_t bad = updatePiece(c.kind, c.momentum != 0.0f, reg, decay, a, p, g, m, v, e - b);
            if (bad)
                nonFinite.fetch_or(bad, std::memory_order_relaxed);
        }
    };
    const int threads = int(std::clamp<int64_t>(threadCount(), 1, std::max<int64_t>(elements_ / 16384, 1)));
    if (threads == 1)
        share(0, 1); // no OpenMP region, not even a serialised one (util/ParallelChunks.h)
    else
#pragma omp parallel num_threads(threads)
        share(omp_get_thread_num(), omp_get_num_threads());
    lastStepFinite_ = nonFinite.load() == 0;
}

} // namespace ws
