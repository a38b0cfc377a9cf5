// SPDX-License-Identifier: GPL-3.0-or-later
// neuronMaps: the per-neuron pictures of the Playground's network column, checked against
// values worked out by hand for a network with chosen weights.
#include "analysis/NeuronMaps.h"
#include "nn/Activation.h"
#include "nn/Dense.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace ws;

namespace {

// 2 inputs -> dense(2) tanh -> dense(1) (no activation after it).
Sequential smallNet()
{
    Sequential model({ 2 });
    auto& hidden = model.emplace<Dense>(2);
    model.emplace<ActivationLayer>(ActivationKind::Tanh);
    auto& out = model.emplace<Dense>(1);
    model.build();
    // kernel (in, out) row-major
    const float w1[] = { 1.0f, -2.0f, 0.5f, 3.0f };
    const float b1[] = { 0.1f, -0.2f };
    for (int i = 0; i < 4; ++i)
        hidden.kernel().value[i] = w1[i];
    hidden.bias().value[0] = b1[0];
    hidden.bias().value[1] = b1[1];
    out.kernel().value[0] = 2.0f;
    out.kernel().value[1] = -1.0f;
    out.bias().value[0] = 0.25f;
    return model;
}

} // namespace

TEST(NeuronMaps, GivesEachNeuronItsValueAtEveryPoint)
{
    Sequential model = smallNet();
    Tensor points({ 3, 2 });
    const float xy[] = { 0.0f, 0.0f, 1.0f, 2.0f, -0.5f, 0.25f };
    for (int i = 0; i < 6; ++i)
        points[i] = xy[i];

    const std::vector<Tensor> maps = neuronMaps(model, points);
    ASSERT_EQ(maps.size(), 3u);
    EXPECT_EQ(maps[0].shape(), (Shape { 2, 3 }));
    EXPECT_EQ(maps[1].shape(), (Shape { 2, 3 }));
    EXPECT_EQ(maps[2].shape(), (Shape { 1, 3 }));
    for (int p = 0; p < 3; ++p) {
        const double x = xy[2 * p], y = xy[2 * p + 1];
        EXPECT_FLOAT_EQ(maps[0][0 * 3 + p], float(x)) << "input x1 at point " << p;
        EXPECT_FLOAT_EQ(maps[0][1 * 3 + p], float(y)) << "input x2 at point " << p;
        const double h0 = std::tanh(1.0 * x + 0.5 * y + 0.1);
        const double h1 = std::tanh(-2.0 * x + 3.0 * y - 0.2);
        EXPECT_NEAR(maps[1][0 * 3 + p], h0, 1e-6) << "hidden neuron 0 at point " << p;
        EXPECT_NEAR(maps[1][1 * 3 + p], h1, 1e-6) << "hidden neuron 1 at point " << p;
        EXPECT_NEAR(maps[2][p], 2.0 * h0 - h1 + 0.25, 1e-5) << "output (no activation) at point " << p;
    }
}

TEST(NeuronMaps, RejectsInputsOfTheWrongWidth)
{
    Sequential model = smallNet();
    EXPECT_THROW(neuronMaps(model, Tensor({ 4, 3 })), ShapeError);
    EXPECT_THROW(neuronMaps(model, Tensor({ 4 })), ShapeError);
}
