// SPDX-License-Identifier: GPL-3.0-or-later
// Conv2D + ReLU (+ 2x2 max pooling) fused in training passes (nn/FusedConv.h, #10): which layers
// Sequential fuses, and that the fused pass gives the outputs and gradients of the layers one by
// one (Sequential::setFusion(false)) and of central differences.
#include "GradCheck.h"

#include "nn/LayerFactory.h"
#include "nn/Sequential.h"
#include "util/Threads.h"

#include <nlohmann/json.hpp>

#include <cmath>

using namespace ws;

namespace {


std::vector<std::pair<size_t, size_t>> groupsOf(const Sequential& model)
{
    std::vector<std::pair<size_t, size_t>> groups;
    for (const FusedConv& g : model.fusedGroups())
        groups.emplace_back(g.first(), g.count());
    return groups;
}

// Everything one training step computes: the output, every parameter gradient and the
// gradients Sequential keeps (dL/d output of each layer that is not inside a fused group).
struct StepResult {
    Tensor output;
    std::vector<Tensor> paramGrads;
    std::vector<Tensor> layerGrads;
};

StepResult trainingStep(Sequential& model, bool fusion, const Tensor& x, const Tensor& dOutput)
{
    model.setFusion(fusion);
    Workspace ws = model.makeWorkspace(5);
    StepResult r;
    r.output = model.forward(x, ws, true);
    model.zeroGrad();
    model.backward(dOutput, ws);
    for (Param* p : model.params())
        r.paramGrads.push_back(p->grad);
    r.layerGrads = ws.gradients;
    return r;
}

void expectNear(const Tensor& got, const Tensor& want, double tolerance, const std::string& what)
{
    ASSERT_EQ(got.shape(), want.shape()) << what;
    for (int64_t i = 0; i < got.size(); ++i)
        ASSERT_NEAR(got[i], want[i], tolerance * (1.0 + std::abs(want[i]))) << what << " element " << i;
}

// Fused against unfused on one model, input and output gradient.
void expectSameStep(Sequential& model, const Tensor& x, const Tensor& dOutput, const std::string& what)
{
    const StepResult fused = trainingStep(model, true, x, dOutput);
    const StepResult plain = trainingStep(model, false, x, dOutput);
    expectNear(fused.output, plain.output, 1e-6, what + ": output");
    ASSERT_EQ(fused.paramGrads.size(), plain.paramGrads.size());
    for (size_t i = 0; i < plain.paramGrads.size(); ++i)
        expectNear(fused.paramGrads[i], plain.paramGrads[i], 1e-5, what + ": gradient of parameter " + std::to_string(i));
    // Gradients below a fused group (its dx) must match; inside a group only the unfused pass has them.
    for (size_t i = 0; i < plain.layerGrads.size(); ++i)
        if (!fused.layerGrads[i].empty())
            expectNear(fused.layerGrads[i], plain.layerGrads[i], 1e-5, what + ": dL/d output of layer " + std::to_string(i));
}

Tensor randomBatch(Shape shape, uint64_t seed)
{
    Tensor t(std::move(shape));
    Rng rng(seed);
    ws::test::fillRandom(t, rng);
    return t;
}

} // namespace

TEST(FusedConv, SequentialFusesConvReluAndATilingMaxPool)
{
    const Sequential cnn = ws::test::modelFromSpec({ 28, 28, 1 }, "conv2d(4, 3, padding=same) relu maxpool2d(2) conv2d(8, 3, padding=same) relu "
                                                  "maxpool2d(2) flatten dense(10)");
    EXPECT_EQ(groupsOf(cnn), (std::vector<std::pair<size_t, size_t>> { { 0, 3 }, { 3, 3 } }));
    // Without pooling, or with pooling whose windows are not 2x2 tiles inside the image, only
    // the convolution and its ReLU fuse; other activations do not fuse.
    const Sequential noPool = ws::test::modelFromSpec({ 8, 8, 2 }, "conv2d(3, 3) relu conv2d(3, 3) relu flatten dense(2)");
    EXPECT_EQ(groupsOf(noPool), (std::vector<std::pair<size_t, size_t>> { { 0, 2 }, { 2, 2 } }));
    const Sequential otherPools = ws::test::modelFromSpec({ 9, 9, 2 },
        "conv2d(3, 3, padding=same) relu maxpool2d(2, padding=same) conv2d(3, 2) relu maxpool2d(3) conv2d(2, 1) relu "
        "avgpool2d(2, padding=same) flatten");
    EXPECT_EQ(groupsOf(otherPools), (std::vector<std::pair<size_t, size_t>> { { 0, 2 }, { 3, 2 }, { 6, 2 } }));
    const Sequential tanh = ws::test::modelFromSpec({ 8, 8, 2 }, "conv2d(3, 3) tanh maxpool2d(2) relu flatten");
    EXPECT_TRUE(groupsOf(tanh).empty());
}

TEST(FusedConv, TrainingStepMatchesTheLayersOneByOne)
{
    // A leading convolution with tanh (not fused) makes the first fused group compute its input
    // gradient; odd sizes leave a last row and column outside every pooling window.
    Sequential model = ws::test::modelFromSpec({ 11, 9, 2 }, "conv2d(3, 2, padding=same) tanh conv2d(5, 3, padding=same) relu "
                                             "maxpool2d(2) conv2d(4, 2) relu conv2d(3, 3, strides=2, padding=same) relu "
                                             "maxpool2d(2) flatten dense(3)");
    ASSERT_EQ(groupsOf(model), (std::vector<std::pair<size_t, size_t>> { { 2, 3 }, { 5, 2 }, { 7, 3 } }));
    const Tensor x = randomBatch({ 6, 11, 9, 2 }, 3);
    const Tensor dOutput = randomBatch({ 6, 3 }, 4);
    expectSameStep(model, x, dOutput, "one thread");
    // With threads, each one runs the fused blocks of its share of the batch.
    const int saved = threadCount();
    setThreadCount(3);
    expectSameStep(model, x, dOutput, "three threads");
    setThreadCount(saved);
}

TEST(FusedConv, TiesAndAllNegativeWindowsGiveTheUnfusedGradients)
{
    // Zero images make every convolution output equal to its bias: four-way ties in every
    // pooling window, positive (the first position wins) or not (no gradient at all).
    Sequential model = ws::test::modelFromSpec({ 6, 6, 1 }, "conv2d(4, 3, padding=same) relu maxpool2d(2) flatten dense(2)");
    auto& bias = model.params()[1]->value;
    ASSERT_EQ(bias.size(), 4);
    bias[0] = 0.5f;
    bias[1] = -0.5f;
    bias[2] = 0.0f;
    bias[3] = 0.25f;
    Tensor x({ 3, 6, 6, 1 });
    for (int64_t i = 36; i < x.size(); ++i) // sample 0 all zero; the others with a zero band
        x[i] = (i / 6) % 3 == 0 ? 0.0f : float(std::sin(double(i)));
    const Tensor dOutput = randomBatch({ 3, 2 }, 8);
    expectSameStep(model, x, dOutput, "ties");
}

TEST(FusedConv, InferencePassesKeepEveryLayerOutput)
{
    Sequential model = ws::test::modelFromSpec({ 8, 8, 1 }, "conv2d(2, 3, padding=same) relu maxpool2d(2) flatten dense(2)");
    Workspace ws = model.makeWorkspace();
    const Tensor x = randomBatch({ 2, 8, 8, 1 }, 6);
    model.forward(x, ws, true);
    EXPECT_TRUE(ws.outputs[0].empty()) << "the fused convolution's output is not written";
    EXPECT_TRUE(ws.outputs[1].empty()) << "the fused ReLU's output is not written";
    const Tensor pooled = ws.outputs[2];
    model.forward(x, ws, false);
    EXPECT_EQ(ws.outputs[0].shape(), (Shape { 2, 8, 8, 2 }));
    EXPECT_EQ(ws.outputs[1].shape(), (Shape { 2, 8, 8, 2 }));
    expectNear(ws.outputs[2], pooled, 1e-6, "pooled output, inference against training");
}

TEST(FusedConv, ParameterGradientsMatchCentralDifferences)
{
    // Central differences in double precision through the whole fused model. The loss is
    // piecewise linear in each parameter (convolution, ReLU, max, dense), so the step can be
    // larger than GradCheck.h's, which puts the float32 rounding of the loss far below the
    // tolerance; a probe whose step reaches a kink (a ReLU sign or a pooling winner changes) shows
    // different one-sided slopes and is skipped, and few may be.
    for (const std::string spec : { "conv2d(3, 3, padding=same) relu maxpool2d(2) flatten dense(2)",
             "conv2d(3, 3) relu flatten dense(2)" }) {
        Sequential model = ws::test::modelFromSpec({ 6, 6, 2 }, spec, 2);
        ASSERT_FALSE(model.fusedGroups().empty()) << spec;
        const Tensor x = randomBatch({ 2, 6, 6, 2 }, 12);
        const Tensor weights = randomBatch({ 2, 2 }, 9);
        Workspace ws = model.makeWorkspace();
        double magnitude = 0.0; // sum of |y_i w_i|: float32 outputs carry rounding of about eps times it
        auto loss = [&] {
            const Tensor& y = model.forward(x, ws, true);
            double l = 0.0;
            magnitude = 0.0;
            for (int64_t i = 0; i < y.size(); ++i) {
                l += double(y[i]) * weights[i];
                magnitude += std::abs(double(y[i]) * weights[i]);
            }
            return l;
        };
        loss();
        model.zeroGrad();
        model.backward(weights, ws);
        int probes = 0, skipped = 0;
        for (Param* p : model.params())
            for (int64_t i = 0; i < p->value.size(); ++i, ++probes) {
                const float saved = p->value[i];
                const double h = 3e-3 * (1.0 + std::abs(double(saved)));
                const double base = loss();
                p->value[i] = float(saved + h);
                const double up = loss(), hp = double(p->value[i]) - saved;
                p->value[i] = float(saved - h);
                const double down = loss(), hm = double(saved) - double(p->value[i]);
                p->value[i] = saved;
                if (ws::test::relError((up - base) / hp, (base - down) / hm) > 1e-3) {
                    ++skipped;
                    continue;
                }
                const double numeric = (up - down) / (hp + hm);
                // The difference quotient's own error: the outputs' float32 rounding (a few
                // ulps of each term; the GEMM's summation order sets which) over the step.
                const double noise = 8.0 * std::numeric_limits<float>::epsilon() * magnitude / (hp + hm);
                EXPECT_NEAR(p->grad[i], numeric, 1e-3 * std::max(std::abs(numeric), 1e-3) + noise)
                    << spec << ": " << p->name << "[" << i << "] analytic " << p->grad[i] << " numeric " << numeric;
            }
        EXPECT_LE(skipped, probes / 10) << spec << ": too many probes reached a kink";
    }
}
