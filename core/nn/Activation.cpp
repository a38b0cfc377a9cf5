// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Activation.h"

#include "util/Error.h"
#include "util/ParallelChunks.h"
#include "util/TargetClones.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

namespace ws {

namespace {

constexpr float kInvSqrt2 = 0.70710678118654752f;
constexpr float kInvSqrt2Pi = 0.39894228040143268f;
constexpr float kSqrt2OverPi = 0.79788456080286536f;
constexpr float kGeluCubic = 0.044715f;

// Every kind runs over the engine's threads in fixed chunks of elements (softmax: of whole rows;
// util/ParallelChunks.h). Each element (each softmax row) is computed alone, by the same
// operations in every chunk, so the bits do not depend on the thread count. Those calling libm
// (exp, erf, expm1, tanh) gain from the threads only (#23 item 3: GELU's erf ran at 77 M
// elements/s on the CNN's first activation, 21 ms a pass on one thread). Only tanh, bound by its
// arithmetic, is also built for AVX-512 and AVX2 (util/TargetClones.h): copies of the other loops
// were no faster where memory bounds them (the CNN's 64 x 28 x 28 x 32) and 10-40 % slower on the
// MLP's 64 x 256 and on softmax's rows, so they stay in the baseline build. Tensors below two
// chunks (an MLP's 64 x 256) stay on the calling thread.
constexpr int64_t kChunk = int64_t(1) << 15;

// `when ? a : b` by bit masks. Written as selects, the clamp and the tiny-input choice gave GCC
// branches to move the division under, and without AVX-512's masked division the AVX2 and
// baseline copies stayed scalar, 3x slower than Eigen's packets.
[[gnu::always_inline]] inline float pick(bool when, float a, float b)
{
    const uint32_t m = -uint32_t(when); // all ones or zero
    return std::bit_cast<float>((std::bit_cast<uint32_t>(a) & m) | (std::bit_cast<uint32_t>(b) & ~m));
}

// Eigen 3.4's tanh for float (generic_fast_tanh_float, Eigen/src/Core/MathFunctionsImpl.h: a
// rational approximation of degrees 13/6 on [-c, c]), written out as Eigen evaluates it without
// FMA: the bits the engine's tanh always had (through `x.array().tanh()`, whose SSE packets and
// scalar tail agree), now as wide as the CPU allows: Eigen's baseline build ran 4 lanes, 1.0 G
// elements/s on one thread, this 2.3 G with AVX-512. Its min/max keep a NaN as Eigen's do (the
// test compares with Eigen).
[[gnu::always_inline]] inline float eigenTanh(float a)
{
    constexpr float clamp = 7.90531110763549805f; // without FMA; 7.99881172180175781f with
    const float upper = pick(clamp < a, clamp, a); // std::min(a, clamp), as Eigen's pmin
    const float x = pick(upper < -clamp, -clamp, upper); // std::max(upper, -clamp)
    const float x2 = x * x;
    float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
    p = x2 * p + -8.60467152213735e-11f;
    p = x2 * p + 5.12229709037114e-08f;
    p = x2 * p + 1.48572235717979e-05f;
    p = x2 * p + 6.37261928875436e-04f;
    p = x2 * p + 4.89352455891786e-03f;
    p = x * p;
    float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
    q = x2 * q + 2.26843463243900e-03f;
    q = x2 * q + 4.89352518554385e-03f;
    return pick(std::abs(a) < 0.0004f, x, p / q); // q >= 0.0049, never zero
}

WS_TARGET_CLONES void tanhElements(const float* __restrict in, float* __restrict out, int64_t n)
{
    for (int64_t i = 0; i < n; ++i)
        out[i] = eigenTanh(in[i]);
}

// In place (inference passes whose input nobody reads afterwards: Sequential::forward).
WS_TARGET_CLONES void tanhInPlace(float* __restrict io, int64_t n)
{
    for (int64_t i = 0; i < n; ++i)
        io[i] = eigenTanh(io[i]);
}

// std::min(std::max(v, lo), hi), as selects on values.
inline float clampTo(float v, float lo, float hi)
{
    const float low = v < lo ? lo : v;
    return hi < low ? hi : low;
}

// Hands `map` the element function of `kind` (not Tanh, not Softmax); map applies it to an array
// from one array into another or in place, with the same per-element arithmetic either way.
template <class Map> void withElementFunction(ActivationKind kind, float a, float beta, Map&& map)
{
    switch (kind) {
    case ActivationKind::Linear:
        map([](float v) { return v; });
        break;
    case ActivationKind::ReLU:
        map([](float v) { return v > 0.0f ? v : 0.0f; });
        break;
    case ActivationKind::LeakyReLU:
        map([a](float v) { return v > 0.0f ? v : a * v; });
        break;
    case ActivationKind::ELU:
        map([a](float v) { return v > 0.0f ? v : a * std::expm1(v); });
        break;
    case ActivationKind::GELU: // exact form, x * Phi(x)
        map([](float v) { return 0.5f * v * (1.0f + std::erf(v * kInvSqrt2)); });
        break;
    case ActivationKind::GELUTanh:
        map([](float v) { return 0.5f * v * (1.0f + std::tanh(kSqrt2OverPi * (v + kGeluCubic * v * v * v))); });
        break;
    case ActivationKind::Sigmoid:
        map([](float v) { return 1.0f / (1.0f + std::exp(-v)); });
        break;
    // The clamps are written as selects on values, which GCC turns into vector compares and
    // blends; std::min(std::max(...)) works on references and stayed two branches per element
    // (MobileNetV3-Small at 224: a fifth of its time in these loops). Each select is exactly
    // std::max(v, lo) = v < lo ? lo : v and std::min(v, hi) = hi < v ? hi : v, NaN included.
    case ActivationKind::ReLU6:
        map([](float v) { return clampTo(v, 0.0f, 6.0f); });
        break;
    case ActivationKind::HardSigmoid:
        map([a, beta](float v) { return clampTo(a * v + beta, 0.0f, 1.0f); });
        break;
    case ActivationKind::HardSwish:
        map([](float v) { return v * clampTo(v * (1.0f / 6.0f) + 0.5f, 0.0f, 1.0f); });
        break;
    case ActivationKind::Tanh:    // tanhElements
    case ActivationKind::Softmax: // per row, below
        break;
    }
}

WS_TARGET_CLONES void forwardElements(ActivationKind kind, float a, float beta, const float* __restrict in,
    float* __restrict out, int64_t n)
{
    withElementFunction(kind, a, beta, [in, out, n](auto f) {
        for (int64_t i = 0; i < n; ++i)
            out[i] = f(in[i]);
    });
}

WS_TARGET_CLONES void elementsInPlace(ActivationKind kind, float a, float beta, float* __restrict io, int64_t n)
{
    withElementFunction(kind, a, beta, [io, n](auto f) {
        for (int64_t i = 0; i < n; ++i)
            io[i] = f(io[i]);
    });
}

// Softmax over rows of c elements.
void softmaxRows(const float* __restrict in, float* __restrict out, int64_t rows, int64_t c)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float* xi = in + r * c;
        float* yi = out + r * c;
        float m = xi[0];
        for (int64_t j = 1; j < c; ++j)
            m = std::max(m, xi[j]);
        float sum = 0.0f;
        for (int64_t j = 0; j < c; ++j) {
            yi[j] = std::exp(xi[j] - m);
            sum += yi[j];
        }
        const float inv = 1.0f / sum;
        for (int64_t j = 0; j < c; ++j)
            yi[j] *= inv;
    }
}

// in = x, out = y, g = dy, d = dx.
WS_TARGET_CLONES void backwardElements(ActivationKind kind, float a, float beta, const float* __restrict in,
    const float* __restrict out, const float* __restrict g, float* __restrict d, int64_t n)
{
    switch (kind) {
    case ActivationKind::Linear:
        for (int64_t i = 0; i < n; ++i)
            d[i] = g[i];
        break;
    case ActivationKind::ReLU:
        // g[i] is loaded unconditionally so that GCC vectorises the select (a compare and a
        // mask); `in[i] > 0 ? g[i] : 0` stayed a branch per element, mispredicted half the time
        // on real activations: 40% of the default CNN's training step.
        for (int64_t i = 0; i < n; ++i) {
            const float gi = g[i];
            d[i] = in[i] > 0.0f ? gi : 0.0f;
        }
        break;
    case ActivationKind::LeakyReLU:
        for (int64_t i = 0; i < n; ++i)
            d[i] = in[i] > 0.0f ? g[i] : a * g[i];
        break;
    case ActivationKind::ELU:
        for (int64_t i = 0; i < n; ++i)
            d[i] = in[i] > 0.0f ? g[i] : g[i] * (out[i] + a);
        break;
    case ActivationKind::GELU:
        for (int64_t i = 0; i < n; ++i) {
            const float cdf = 0.5f * (1.0f + std::erf(in[i] * kInvSqrt2));
            const float pdf = kInvSqrt2Pi * std::exp(-0.5f * in[i] * in[i]);
            d[i] = g[i] * (cdf + in[i] * pdf);
        }
        break;
    case ActivationKind::GELUTanh:
        for (int64_t i = 0; i < n; ++i) {
            const float v = in[i];
            const float t = std::tanh(kSqrt2OverPi * (v + kGeluCubic * v * v * v));
            d[i] = g[i] * (0.5f * (1.0f + t) + 0.5f * v * (1.0f - t * t) * kSqrt2OverPi * (1.0f + 3.0f * kGeluCubic * v * v));
        }
        break;
    case ActivationKind::Tanh:
        for (int64_t i = 0; i < n; ++i)
            d[i] = g[i] * (1.0f - out[i] * out[i]);
        break;
    case ActivationKind::Sigmoid:
        for (int64_t i = 0; i < n; ++i)
            d[i] = g[i] * out[i] * (1.0f - out[i]);
        break;
    case ActivationKind::ReLU6:
        for (int64_t i = 0; i < n; ++i)
            d[i] = in[i] > 0.0f && in[i] < 6.0f ? g[i] : 0.0f;
        break;
    case ActivationKind::HardSigmoid:
        for (int64_t i = 0; i < n; ++i) {
            const float z = a * in[i] + beta;
            d[i] = z > 0.0f && z < 1.0f ? a * g[i] : 0.0f;
        }
        break;
    case ActivationKind::HardSwish: // x / 3 + 1/2 between -3 and 3
        for (int64_t i = 0; i < n; ++i)
            d[i] = in[i] <= -3.0f ? 0.0f : in[i] >= 3.0f ? g[i] : g[i] * (in[i] * (1.0f / 3.0f) + 0.5f);
        break;
    case ActivationKind::Softmax: // per row, below
        break;
    }
}

// dx = y * (dy - sum(dy * y)) per row of c elements.
void softmaxBackwardRows(const float* __restrict out, const float* __restrict g, float* __restrict d,
    int64_t rows, int64_t c)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float* yi = out + r * c;
        const float* gi = g + r * c;
        float dot = 0.0f;
        for (int64_t j = 0; j < c; ++j)
            dot += gi[j] * yi[j];
        for (int64_t j = 0; j < c; ++j)
            d[r * c + j] = yi[j] * (gi[j] - dot);
    }
}

// Whole rows of c elements, about kChunk elements a chunk.
template <class Fn> void forEachRowChunk(int64_t n, int64_t c, Fn&& fn)
{
    const int64_t rows = c == 0 ? 0 : n / c;
    forEachChunk(rows, std::max<int64_t>(1, kChunk / std::max<int64_t>(c, 1)), fn);
}

} // namespace

ActivationKind parseActivation(const std::string& text)
{
    if (text.empty())
        return ActivationKind::Linear;
    return parseEnum<ActivationKind>(text);
}

std::string activationName(ActivationKind kind) { return std::string(enumName(kind)); }

ActivationLayer::ActivationLayer(ActivationKind kind, float alpha, float beta)
    : kind_(kind)
    , alpha_(alpha)
    , beta_(beta)
{
    if (alpha_ < 0.0f)
        alpha_ = kind == ActivationKind::LeakyReLU ? 0.3f : kind == ActivationKind::HardSigmoid ? 1.0f / 6.0f : 1.0f;
}

std::string ActivationLayer::typeName() const { return std::string(enumLabel(kind_)); }

Shape ActivationLayer::build(const Shape& inputShape)
{
    if (kind_ == ActivationKind::Softmax && inputShape.empty())
        throwLayerShapeError(*this, "softmax needs at least one axis");
    return inputShape;
}

void ActivationLayer::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    y.resizeForOverwrite(x.shape());
    const float* in = x.data();
    float* out = y.data();
    const int64_t n = x.size();
    switch (kind_) {
    case ActivationKind::Tanh:
        forEachChunk(n, kChunk, [in, out](int64_t, int64_t lo, int64_t hi) { tanhElements(in + lo, out + lo, hi - lo); });
        break;
    case ActivationKind::Softmax: {
        const int64_t c = x.shape().back();
        forEachRowChunk(n, c, [in, out, c](int64_t, int64_t lo, int64_t hi) {
            softmaxRows(in + lo * c, out + lo * c, hi - lo, c);
        });
        break;
    }
    default:
        forEachChunk(n, kChunk, [this, in, out](int64_t, int64_t lo, int64_t hi) {
            forwardElements(kind_, alpha_, beta_, in + lo, out + lo, hi - lo);
        });
        break;
    }
}

void ActivationLayer::forwardInPlace(Tensor& xy, LayerScratch*, const Pass&)
{
    float* io = xy.data();
    const int64_t n = xy.size();
    if (kind_ == ActivationKind::Tanh)
        forEachChunk(n, kChunk, [io](int64_t, int64_t lo, int64_t hi) { tanhInPlace(io + lo, hi - lo); });
    else if (kind_ != ActivationKind::Softmax)
        forEachChunk(n, kChunk, [this, io](int64_t, int64_t lo, int64_t hi) {
            elementsInPlace(kind_, alpha_, beta_, io + lo, hi - lo);
        });
}

void ActivationLayer::backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
    LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    const float* in = x.data();
    const float* out = y.data();
    const float* g = dy.data();
    float* d = dx->data();
    const int64_t n = x.size();
    if (kind_ == ActivationKind::Softmax) {
        const int64_t c = x.shape().back();
        forEachRowChunk(n, c, [out, g, d, c](int64_t, int64_t lo, int64_t hi) {
            softmaxBackwardRows(out + lo * c, g + lo * c, d + lo * c, hi - lo, c);
        });
        return;
    }
    forEachChunk(n, kChunk, [this, in, out, g, d](int64_t, int64_t lo, int64_t hi) {
        backwardElements(kind_, alpha_, beta_, in + lo, out + lo, g + lo, d + lo, hi - lo);
    });
}

nlohmann::json ActivationLayer::config() const
{
    auto j = Layer::config();
    j["activation"] = activationName(kind_);
    if (kind_ == ActivationKind::LeakyReLU || kind_ == ActivationKind::ELU || kind_ == ActivationKind::HardSigmoid)
        j["alpha"] = alpha_;
    if (kind_ == ActivationKind::HardSigmoid)
        j["beta"] = beta_;
    return j;
}

} // namespace ws
