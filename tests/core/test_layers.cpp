// SPDX-License-Identifier: GPL-3.0-or-later
// Gradient checks and forward values of the element-wise and dense layers.
#include "GradCheck.h"

#include "nn/Activation.h"
#include "nn/Dense.h"
#include "util/Error.h"
#include "util/Rng.h"
#include "util/Threads.h"

#include <bit>
#include <cmath>
#include <functional>
#include <numbers>

using namespace ws;
using ws::test::checkLayerGradients;

namespace {

// Keeps inputs at least `gap` away from zero, where ReLU-like activations have a kink.
void awayFromZero(Tensor& x, float gap = 0.05f)
{
    for (int64_t i = 0; i < x.size(); ++i)
        if (std::abs(x[i]) < gap)
            x[i] = x[i] < 0 ? -gap - 0.01f : gap + 0.01f;
}

} // namespace

TEST(Dense, GradientsMatchCentralDifferences)
{
    Dense dense(5);
    checkLayerGradients(dense, { 7 }, 3);
}

TEST(Dense, AppliesToTheLastAxisOfHigherRankInputs)
{
    Dense dense(4, false);
    checkLayerGradients(dense, { 3, 6 }, 2);
}

TEST(Dense, ComputesXTimesKernelPlusBias)
{
    Sequential model({ 2 });
    auto& dense = model.emplace<Dense>(3);
    model.build();
    // kernel (2, 3)
    const float k[] = { 1, 2, 3, 4, 5, 6 };
    std::copy(k, k + 6, dense.kernel().value.data());
    const float b[] = { 0.5f, -1, 0 };
    std::copy(b, b + 3, dense.bias().value.data());
    Tensor x({ 1, 2 });
    x[0] = 1;
    x[1] = -1;
    Workspace ws = model.makeWorkspace();
    const Tensor& y = model.forward(x, ws, false);
    EXPECT_FLOAT_EQ(y[0], 1 - 4 + 0.5f);
    EXPECT_FLOAT_EQ(y[1], 2 - 5 - 1);
    EXPECT_FLOAT_EQ(y[2], 3 - 6);
}

TEST(Dense, RejectsInputWithoutFeatureAxisNamingTheLayer)
{
    Sequential model(Shape { 0 });
    model.emplace<Dense>(3);
    EXPECT_THROW(model.build(), ShapeError);
}

class ActivationGradient : public ::testing::TestWithParam<ActivationKind> { };

TEST_P(ActivationGradient, MatchesCentralDifferences)
{
    ActivationLayer layer(GetParam());
    checkLayerGradients(layer, { 4, 3 }, 2, 2e-2, true, 42, [](Tensor& x) { awayFromZero(x); });
}

INSTANTIATE_TEST_SUITE_P(AllKinds, ActivationGradient,
    ::testing::Values(ActivationKind::Linear, ActivationKind::ReLU, ActivationKind::LeakyReLU, ActivationKind::ELU,
        ActivationKind::GELU, ActivationKind::Tanh, ActivationKind::Sigmoid, ActivationKind::Softmax,
        ActivationKind::GELUTanh),
    [](const auto& p) { return activationName(p.param); });

TEST(Activation, ForwardValuesMatchTheirDefinitions)
{
    const float xs[] = { -2.0f, -0.5f, 0.0f, 0.7f, 3.0f };
    struct Case {
        ActivationKind kind;
        double (*f)(double);
    };
    const Case cases[] = {
        { ActivationKind::ReLU, [](double v) { return v > 0 ? v : 0.0; } },
        { ActivationKind::LeakyReLU, [](double v) { return v > 0 ? v : 0.3 * v; } },
        { ActivationKind::ELU, [](double v) { return v > 0 ? v : std::expm1(v); } },
        { ActivationKind::GELU, [](double v) { return 0.5 * v * (1 + std::erf(v / std::sqrt(2.0))); } },
        { ActivationKind::Tanh, [](double v) { return std::tanh(v); } },
        { ActivationKind::Sigmoid, [](double v) { return 1 / (1 + std::exp(-v)); } },
        // #16: PyTorch's gelu(approximate="tanh")
        { ActivationKind::GELUTanh,
            [](double v) { return 0.5 * v * (1 + std::tanh(std::sqrt(2 / std::numbers::pi) * (v + 0.044715 * v * v * v))); } },
    };
    for (const auto& c : cases) {
        ActivationLayer layer(c.kind);
        layer.build({ 5 });
        Tensor x({ 1, 5 }), y;
        std::copy(xs, xs + 5, x.data());
        layer.forward(x, y, nullptr, {});
        for (int i = 0; i < 5; ++i)
            EXPECT_NEAR(y[i], c.f(xs[i]), 1e-6) << activationName(c.kind) << " at " << xs[i];
    }
}

TEST(Activation, SoftmaxRowsSumToOneAndSurviveLargeLogits)
{
    ActivationLayer layer(ActivationKind::Softmax);
    layer.build({ 3 });
    Tensor x({ 2, 3 }), y;
    const float v[] = { 1000, 1001, 1002, -5, 0, 5 };
    std::copy(v, v + 6, x.data());
    layer.forward(x, y, nullptr, {});
    for (int r = 0; r < 2; ++r) {
        EXPECT_NEAR(y[r * 3] + y[r * 3 + 1] + y[r * 3 + 2], 1.0, 1e-6) << "row " << r;
        EXPECT_TRUE(std::isfinite(y[r * 3])) << "row " << r;
    }
    EXPECT_NEAR(y[2], 1.0 / (1.0 + std::exp(-1.0) + std::exp(-2.0)), 1e-6);
}

// What each kind computed before it ran in chunks over the threads, tanh's chunks built for
// AVX-512, AVX2 and the baseline (#23 item 3): the same float formulas, one element (one softmax
// row) at a time, and Eigen's tanh over the whole tensor at once.
struct ActivationReference {
    std::function<float(float)> forward;                        // y of x
    std::function<float(float x, float y, float dy)> backward; // dx
};

ActivationReference activationReference(ActivationKind kind)
{
    const float a = kind == ActivationKind::LeakyReLU ? 0.3f : kind == ActivationKind::HardSigmoid ? 1.0f / 6.0f : 1.0f;
    const float s2 = 0.70710678118654752f, s2pi = 0.39894228040143268f, s2opi = 0.79788456080286536f, cubic = 0.044715f;
    switch (kind) {
    case ActivationKind::Linear:
        return { [](float x) { return x; }, [](float, float, float g) { return g; } };
    case ActivationKind::ReLU:
        return { [](float x) { return x > 0.0f ? x : 0.0f; }, [](float x, float, float g) { return x > 0.0f ? g : 0.0f; } };
    case ActivationKind::LeakyReLU:
        return { [a](float x) { return x > 0.0f ? x : a * x; }, [a](float x, float, float g) { return x > 0.0f ? g : a * g; } };
    case ActivationKind::ELU:
        return { [a](float x) { return x > 0.0f ? x : a * std::expm1(x); },
            [a](float x, float y, float g) { return x > 0.0f ? g : g * (y + a); } };
    case ActivationKind::GELU:
        return { [=](float x) { return 0.5f * x * (1.0f + std::erf(x * s2)); },
            [=](float x, float, float g) {
                const float cdf = 0.5f * (1.0f + std::erf(x * s2));
                const float pdf = s2pi * std::exp(-0.5f * x * x);
                return g * (cdf + x * pdf);
            } };
    case ActivationKind::GELUTanh:
        return { [=](float x) { return 0.5f * x * (1.0f + std::tanh(s2opi * (x + cubic * x * x * x))); },
            [=](float x, float, float g) {
                const float t = std::tanh(s2opi * (x + cubic * x * x * x));
                return g * (0.5f * (1.0f + t) + 0.5f * x * (1.0f - t * t) * s2opi * (1.0f + 3.0f * cubic * x * x));
            } };
    case ActivationKind::Tanh:
        return { nullptr, [](float, float y, float g) { return g * (1.0f - y * y); } };
    case ActivationKind::Sigmoid:
        return { [](float x) { return 1.0f / (1.0f + std::exp(-x)); },
            [](float, float y, float g) { return g * y * (1.0f - y); } };
    case ActivationKind::ReLU6:
        return { [](float x) { return std::min(std::max(x, 0.0f), 6.0f); },
            [](float x, float, float g) { return x > 0.0f && x < 6.0f ? g : 0.0f; } };
    case ActivationKind::HardSigmoid:
        return { [a](float x) { return std::min(std::max(a * x + 0.5f, 0.0f), 1.0f); },
            [a](float x, float, float g) {
                const float z = a * x + 0.5f;
                return z > 0.0f && z < 1.0f ? a * g : 0.0f;
            } };
    case ActivationKind::HardSwish:
        return { [](float x) { return x * std::min(std::max(x * (1.0f / 6.0f) + 0.5f, 0.0f), 1.0f); },
            [](float x, float, float g) { return x <= -3.0f ? 0.0f : x >= 3.0f ? g : g * (x * (1.0f / 3.0f) + 0.5f); } };
    case ActivationKind::Softmax:
        break;
    }
    return {};
}

class ActivationBits : public ::testing::TestWithParam<ActivationKind> { };

// #23 item 3: three chunks and a ragged tail (softmax: 4000 rows of 25), on one and two threads.
TEST_P(ActivationBits, AreTheFormulasBitsOnOneAndTwoThreads)
{
    const ActivationKind kind = GetParam();
#if defined(EIGEN_VECTORIZE_FMA)
    // Eigen built for FMA (-march=native) has another tanh: fused, with another clamp.
    if (kind == ActivationKind::Tanh)
        GTEST_SKIP() << "Eigen's tanh with FMA is not the engine's";
#endif
    const bool softmax = kind == ActivationKind::Softmax;
    const Shape shape = softmax ? Shape { 4000, 25 } : Shape { 3, 33337 };
    Tensor x(shape), dy(shape);
    Rng rng(23);
    for (int64_t i = 0; i < x.size(); ++i) {
        x[i] = float(rng.uniform(-8.0, 8.0));
        dy[i] = float(rng.uniform(-1.0, 1.0));
    }
    x[1] = 0.0f;
    x[2] = -0.0f;
    x[3] = 6.0f;
    x[4] = -3.0f;
    Tensor wantY(shape), wantDx(shape);
    const ActivationReference ref = activationReference(kind);
    if (softmax) {
        const int64_t c = shape[1];
        for (int64_t r = 0; r < shape[0]; ++r) {
            const float* xi = x.data() + r * c;
            float* yi = wantY.data() + r * c;
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
            float dot = 0.0f;
            for (int64_t j = 0; j < c; ++j)
                dot += dy[r * c + j] * yi[j];
            for (int64_t j = 0; j < c; ++j)
                wantDx[r * c + j] = yi[j] * (dy[r * c + j] - dot);
        }
    } else {
        if (kind == ActivationKind::Tanh)
            wantY.vector() = x.vector().array().tanh();
        for (int64_t i = 0; i < x.size(); ++i) {
            if (ref.forward)
                wantY[i] = ref.forward(x[i]);
            wantDx[i] = ref.backward(x[i], wantY[i], dy[i]);
        }
    }
    const int saved = threadCount();
    for (int threads : { 1, 2 }) {
        setThreadCount(threads);
        ActivationLayer layer(kind);
        layer.build({ shape[1] });
        Tensor y, dx;
        layer.forward(x, y, nullptr, {});
        layer.backward(x, y, dy, &dx, nullptr);
        int64_t wrongY = 0, wrongDx = 0, first = -1;
        for (int64_t i = 0; i < x.size(); ++i) {
            const bool badY = std::bit_cast<uint32_t>(y[i]) != std::bit_cast<uint32_t>(wantY[i]);
            const bool badDx = std::bit_cast<uint32_t>(dx[i]) != std::bit_cast<uint32_t>(wantDx[i]);
            wrongY += badY;
            wrongDx += badDx;
            if ((badY || badDx) && first < 0)
                first = i;
        }
        EXPECT_EQ(wrongY, 0) << activationName(kind) << " forward on " << threads << " threads, first at " << first;
        EXPECT_EQ(wrongDx, 0) << activationName(kind) << " backward on " << threads << " threads, first at " << first;
    }
    setThreadCount(saved);
}

INSTANTIATE_TEST_SUITE_P(AllKinds, ActivationBits,
    ::testing::Values(ActivationKind::Linear, ActivationKind::ReLU, ActivationKind::LeakyReLU, ActivationKind::ELU,
        ActivationKind::GELU, ActivationKind::Tanh, ActivationKind::Sigmoid, ActivationKind::Softmax,
        ActivationKind::ReLU6, ActivationKind::HardSigmoid, ActivationKind::HardSwish, ActivationKind::GELUTanh),
    [](const auto& p) { return activationName(p.param); });

TEST(Activation, UnknownNameIsAConfigError)
{
    EXPECT_THROW(parseActivation("swishy"), ConfigError);
}

// Tensor's storage leaves new elements uninitialised (util/AlignedAllocator.h), so resize() zeroes
// what it adds itself: growing after a shrink within the capacity must give zeros, not the values
// the buffer held. resizeForOverwrite() keeps the buffer too (the inference pool relies on it).
TEST(Tensor, ResizeZeroesWhatItAddsWithinTheCapacity)
{
    Tensor t({ 6 }, 7.0f);
    const float* buffer = t.data();
    t.resize({ 2 });
    t.resize({ 2, 3 });
    EXPECT_EQ(t.data(), buffer);
    for (int64_t i = 0; i < 6; ++i)
        EXPECT_EQ(t[i], i < 2 ? 7.0f : 0.0f) << "element " << i;
    t.resize({ 1 });
    t.resizeForOverwrite({ 5 });
    EXPECT_EQ(t.data(), buffer);
    EXPECT_EQ(t.shape(), (Shape { 5 }));
    EXPECT_EQ(t[0], 7.0f);
}
