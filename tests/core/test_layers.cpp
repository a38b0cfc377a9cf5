// SPDX-License-Identifier: GPL-3.0-or-later
// Gradient checks and forward values of the element-wise and dense layers.
#include "GradCheck.h"

#include "nn/Activation.h"
#include "nn/Dense.h"
#include "util/Error.h"

#include <cmath>
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

TEST(Activation, UnknownNameIsAConfigError)
{
    EXPECT_THROW(parseActivation("swishy"), ConfigError);
}
