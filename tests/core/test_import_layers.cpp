// SPDX-License-Identifier: GPL-3.0-or-later
// The layers imported graphs need (#16): ZeroPadding2D, DepthwiseConv2D, ConstantMerge and the
// ReLU6/HardSigmoid/HardSwish activations, the tensor arithmetic of transformer graphs (Slice,
// ReduceMean/ReduceSum, Power, Erf; MatMul is in test_graph.cpp): gradient checks, forward values against direct
// definitions, and config round trips through the layer factory.
#include "GradCheck.h"

#include "nn/Activation.h"
#include "nn/ConstantMerge.h"
#include "nn/Conv2D.h"
#include "nn/DepthwiseConv2D.h"
#include "nn/LayerFactory.h"
#include "nn/Sequential.h"
#include "nn/TensorOps.h"
#include "nn/ZeroPadding2D.h"
#include "util/Error.h"
#include "util/Threads.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <vector>

using namespace ws;
using ws::test::checkLayerGradients;

namespace {

Tensor ramp(Shape shape)
{
    Tensor t(std::move(shape));
    for (int64_t i = 0; i < t.size(); ++i)
        t[i] = 0.1f * float(i % 17) - 0.7f;
    return t;
}

} // namespace

TEST(ZeroPadding2D, AsymmetricPaddingGradientsMatchCentralDifferences)
{
    ZeroPadding2D pad({ 1, 2, 0, 3 });
    checkLayerGradients(pad, { 3, 2, 2 }, 2);
}

TEST(ZeroPadding2D, PutsTheImageAtTopLeftOffsetAndFillsTheRest)
{
    ZeroPadding2D pad({ 1, 0, 2, 1 }, -5.0f);
    EXPECT_EQ(pad.build({ 2, 2, 1 }), (Shape { 3, 5, 1 }));
    Tensor x = ramp({ 1, 2, 2, 1 }), y;
    pad.forward(x, y, nullptr, {});
    for (int64_t r = 0; r < 3; ++r)
        for (int64_t c = 0; c < 5; ++c) {
            const bool inside = r >= 1 && c >= 2 && c < 4;
            const float want = inside ? x[(r - 1) * 2 + (c - 2)] : -5.0f;
            EXPECT_EQ(y[r * 5 + c], want) << "row " << r << " column " << c;
        }
}

TEST(ZeroPadding2D, ReadsKerasPaddingFormsAndRoundTripsItsConfig)
{
    const auto a = makeLayer({ { "type", "ZeroPadding2D" }, { "padding", { { 1, 2 }, { 3, 4 } } } });
    EXPECT_EQ(dynamic_cast<ZeroPadding2D&>(*a).padding(), (Padding2D { 1, 2, 3, 4 }));
    const auto b = makeLayer({ { "type", "ZeroPadding2D" }, { "padding", { 1, 2 } } });
    EXPECT_EQ(dynamic_cast<ZeroPadding2D&>(*b).padding(), (Padding2D { 1, 1, 2, 2 }));
    const auto c = makeLayer({ { "type", "ZeroPadding2D" }, { "padding", 3 } });
    EXPECT_EQ(dynamic_cast<ZeroPadding2D&>(*c).padding(), (Padding2D { 3, 3, 3, 3 }));
    ZeroPadding2D low({ 0, 1, 1, 0 }, std::numeric_limits<float>::lowest());
    const auto copy = makeLayer(low.config());
    EXPECT_EQ(dynamic_cast<ZeroPadding2D&>(*copy).fillValue(), std::numeric_limits<float>::lowest());
    EXPECT_THROW(makeLayer({ { "type", "ZeroPadding2D" }, { "padding", "wide" } }), ConfigError);
    ZeroPadding2D negative({ -1, 0, 0, 0 });
    EXPECT_THROW(negative.build({ 3, 3, 1 }), ShapeError);
}

TEST(DepthwiseConv2D, SamePaddingWithMultiplierGradientsMatchCentralDifferences)
{
    DepthwiseConv2D conv({ 3, 3 }, 2, { 1, 1 }, Padding::Same);
    checkLayerGradients(conv, { 4, 3, 2 }, 2);
}

TEST(DepthwiseConv2D, StridedValidWithoutBiasGradientsMatchCentralDifferences)
{
    DepthwiseConv2D conv({ 3, 2 }, 1, { 2, 1 }, Padding::Valid, false);
    checkLayerGradients(conv, { 5, 4, 3 }, 2);
}

// Output channel c * M + m convolves input channel c with kernel[:, :, c, m] (Keras' layout).
TEST(DepthwiseConv2D, MatchesADirectPerChannelConvolution)
{
    const int64_t h = 5, w = 4, c = 3, m = 2;
    DepthwiseConv2D conv({ 3, 3 }, m, { 2, 1 }, Padding::Same);
    EXPECT_EQ(conv.build({ h, w, c }), (Shape { 3, 4, 6 }));
    Rng rng(5);
    ws::test::fillRandom(conv.kernel().value, rng);
    ws::test::fillRandom(conv.bias().value, rng);
    Tensor x({ 2, h, w, c }), y;
    ws::test::fillRandom(x, rng);
    conv.forward(x, y, nullptr, {});
    const Tensor& k = conv.kernel().value;
    for (int64_t n = 0; n < 2; ++n)
        for (int64_t oy = 0; oy < 3; ++oy)
            for (int64_t ox = 0; ox < 4; ++ox)
                for (int64_t ci = 0; ci < c; ++ci)
                    for (int64_t mi = 0; mi < m; ++mi) {
                        // same: out 3 rows from 5 with stride 2, pad total 2 -> 1 before; columns pad 1.
                        double want = conv.bias().value[ci * m + mi];
                        for (int64_t ky = 0; ky < 3; ++ky)
                            for (int64_t kx = 0; kx < 3; ++kx) {
                                const int64_t iy = oy * 2 - 1 + ky, ix = ox - 1 + kx;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                                    want += double(x[((n * h + iy) * w + ix) * c + ci]) * k[((ky * 3 + kx) * c + ci) * m + mi];
                            }
                        EXPECT_NEAR(y[((n * 3 + oy) * 4 + ox) * c * m + ci * m + mi], want, 1e-5)
                            << "n " << n << " y " << oy << " x " << ox << " channel " << ci << " multiplier " << mi;
                    }
}

// With one filter a channel (MobileNet's layers) the forward keeps each output pixel's sum in
// registers and runs on the engine's threads (session 17). The bits must be those of a float sum
// from the bias over the taps in (ky, kx) order, as the tap-by-tap loop before it gave, on one
// and two threads: 3x3 and 5x5, strides 1 and 2, same and valid, channels under, at and over one
// block of 64 lanes.
TEST(DepthwiseConv2D, OneFilterAChannelSumsTheTapsInOrderOnAnyThreadCount)
{
    struct Case {
        int64_t h, w, c, k, stride;
        Padding padding;
    };
    const Case cases[] = { { 9, 7, 16, 3, 1, Padding::Same }, { 12, 11, 72, 3, 2, Padding::Same },
        { 8, 9, 64, 5, 1, Padding::Same }, { 10, 10, 130, 5, 2, Padding::Valid }, { 3, 3, 5, 3, 1, Padding::Valid } };
    for (const Case& k : cases) {
        DepthwiseConv2D conv({ k.k, k.k }, 1, { k.stride, k.stride }, k.padding);
        const Shape out = conv.build({ k.h, k.w, k.c });
        Rng rng(7);
        ws::test::fillRandom(conv.kernel().value, rng);
        ws::test::fillRandom(conv.bias().value, rng);
        Tensor x({ 3, k.h, k.w, k.c });
        ws::test::fillRandom(x, rng);
        const int64_t oh = out[0], ow = out[1];
        const int64_t padTop = k.padding == Padding::Same ? std::max<int64_t>(0, (oh - 1) * k.stride + k.k - k.h) / 2 : 0;
        const int64_t padLeft = k.padding == Padding::Same ? std::max<int64_t>(0, (ow - 1) * k.stride + k.k - k.w) / 2 : 0;
        std::vector<float> want(size_t(3 * oh * ow * k.c));
        for (int64_t n = 0; n < 3; ++n)
            for (int64_t oy = 0; oy < oh; ++oy)
                for (int64_t ox = 0; ox < ow; ++ox)
                    for (int64_t ch = 0; ch < k.c; ++ch) {
                        float sum = conv.bias().value[ch];
                        for (int64_t ky = 0; ky < k.k; ++ky)
                            for (int64_t kx = 0; kx < k.k; ++kx) {
                                const int64_t iy = oy * k.stride - padTop + ky, ix = ox * k.stride - padLeft + kx;
                                if (iy >= 0 && iy < k.h && ix >= 0 && ix < k.w) {
                                    const float product = x[((n * k.h + iy) * k.w + ix) * k.c + ch]
                                        * conv.kernel().value[(ky * k.k + kx) * k.c + ch];
                                    sum += product;
                                }
                            }
                        want[size_t(((n * oh + oy) * ow + ox) * k.c + ch)] = sum;
                    }
        for (int threads = 1; threads <= 2; ++threads) {
            setThreadCount(threads);
            Tensor y;
            conv.forward(x, y, nullptr, {});
            setThreadCount(1);
            ASSERT_EQ(y.size(), int64_t(want.size()));
            EXPECT_EQ(std::vector<float>(y.data(), y.data() + y.size()), want)
                << k.h << "x" << k.w << "x" << k.c << " kernel " << k.k << " stride " << k.stride << " on " << threads
                << " threads";
        }
    }
}

TEST(DepthwiseConv2D, RoundTripsItsKerasConfig)
{
    const auto layer = makeLayer({ { "type", "DepthwiseConv2D" }, { "kernel_size", { 3, 3 } }, { "depth_multiplier", 2 },
        { "strides", { 2, 2 } }, { "padding", "same" }, { "use_bias", false } });
    const auto copy = makeLayer(layer->config());
    const auto& d = dynamic_cast<DepthwiseConv2D&>(*copy);
    EXPECT_EQ(d.depthMultiplier(), 2);
    EXPECT_EQ(d.strides(), (Size2 { 2, 2 }));
    EXPECT_EQ(d.padding(), Padding::Same);
    EXPECT_THROW(makeLayer({ { "type", "DepthwiseConv2D" }, { "kernel_size", 3 }, { "dilation_rate", 2 } }), ConfigError);
}

// #16: an ONNX convolution's own pads (PyTorch's symmetric stride-2 padding, or any other) are
// the layer's, not a ZeroPadding2D copy of the input in front of it.
TEST(DepthwiseConv2D, ExplicitPadsGradientsMatchCentralDifferences)
{
    DepthwiseConv2D conv({ 3, 3 }, 2, { 2, 2 });
    conv.setPads({ 1, 1, 2, 0 });
    checkLayerGradients(conv, { 5, 6, 3 }, 2);
    Conv2D full(3, { 3, 3 }, { 2, 2 });
    full.setPads({ 1, 2, 0, 1 });
    checkLayerGradients(full, { 6, 5, 2 }, 2);
}

// The same numbers as ZeroPadding2D then a valid layer (what the ONNX importer built before), on
// both layers, one filter a channel (the register path) and a multiplier of 2.
TEST(DepthwiseConv2D, ExplicitPadsGiveWhatZeroPaddingThenValidGives)
{
    const Padding2D pads { 2, 1, 0, 3 };
    for (const int64_t multiplier : { 1, 2 }) {
        Sequential padded({ 9, 8, 5 }), own({ 9, 8, 5 });
        padded.emplace<ZeroPadding2D>(pads);
        padded.emplace<DepthwiseConv2D>(Size2 { 5, 5 }, multiplier, Size2 { 2, 2 });
        own.emplace<DepthwiseConv2D>(Size2 { 5, 5 }, multiplier, Size2 { 2, 2 }).setPads(pads);
        padded.build();
        own.build();
        padded.initialize(3);
        own.initialize(3);
        auto& from = static_cast<DepthwiseConv2D&>(padded.layer(1));
        auto& to = static_cast<DepthwiseConv2D&>(own.layer(0));
        to.kernel().value = from.kernel().value;
        to.bias().value = from.bias().value;
        ASSERT_EQ(own.outputShape(), padded.outputShape());
        Tensor x({ 3, 9, 8, 5 });
        Rng rng(4);
        ws::test::fillRandom(x, rng);
        Workspace a = padded.makeWorkspace(), b = own.makeWorkspace();
        const Tensor ya = padded.forward(x, a, false), yb = own.forward(x, b, false);
        ASSERT_EQ(ya.shape(), yb.shape());
        for (int64_t i = 0; i < ya.size(); ++i)
            ASSERT_NEAR(ya[i], yb[i], 1e-5) << "multiplier " << multiplier << " element " << i;
    }
}

TEST(DepthwiseConv2D, ExplicitPadsRoundTripTheConfigAndRefuseNegatives)
{
    for (const char* type : { "DepthwiseConv2D", "Conv2D" }) {
        const nlohmann::json config = { { "type", type }, { "filters", 4 }, { "kernel_size", { 3, 3 } },
            { "strides", { 2, 2 } }, { "padding", { { 1, 2 }, { 0, 1 } } } };
        const auto layer = makeLayer(config);
        EXPECT_EQ(layer->config().at("padding"), nlohmann::json::parse("[[1, 2], [0, 1]]")) << type;
        EXPECT_EQ(makeLayer(layer->config())->config().at("padding"), layer->config().at("padding")) << type;
        nlohmann::json negative = config;
        negative["padding"] = { { -1, 0 }, { 0, 0 } };
        EXPECT_THROW(makeLayer(negative), ConfigError) << type;
        nlohmann::json flat = config;
        flat["padding"] = { 1, 1 };
        EXPECT_THROW(makeLayer(flat), ConfigError) << type;
    }
    // Pooling keeps valid/same only.
    EXPECT_THROW(makeLayer({ { "type", "MaxPooling2D" }, { "padding", { { 1, 1 }, { 1, 1 } } } }), std::exception);
}

class ConstantMergeGradient : public ::testing::TestWithParam<std::pair<MergeKind, bool>> { };

TEST_P(ConstantMergeGradient, MatchesCentralDifferences)
{
    const auto [kind, first] = GetParam();
    // (C) broadcast over (H, W, C); values away from 0 (Divide) and from the inputs (Maximum).
    ConstantMerge layer(kind, { 3 }, first, { 1.5f, -2.0f, 3.0f });
    checkLayerGradients(layer, { 2, 2, 3 }, 2, 2e-2, true, 42, [](Tensor& x) {
        for (int64_t i = 0; i < x.size(); ++i)
            x[i] = x[i] < 0 ? x[i] - 0.5f : x[i] + 0.5f;
    });
}

INSTANTIATE_TEST_SUITE_P(Kinds, ConstantMergeGradient,
    ::testing::Values(std::pair { MergeKind::Add, false }, std::pair { MergeKind::Subtract, false },
        std::pair { MergeKind::Subtract, true }, std::pair { MergeKind::Multiply, false },
        std::pair { MergeKind::Divide, false }, std::pair { MergeKind::Divide, true },
        std::pair { MergeKind::Maximum, false }, std::pair { MergeKind::Minimum, false }),
    [](const auto& p) { return std::string(enumName(p.param.first)) + (p.param.second ? "ConstantFirst" : ""); });

TEST(ConstantMerge, BroadcastsTheConstantAndKeepsItsOrder)
{
    ConstantMerge minus(MergeKind::Subtract, { 2, 1 }, true, { 10.0f, 20.0f }); // c - x, c per row
    EXPECT_EQ(minus.build({ 2, 3 }), (Shape { 2, 3 }));
    Rng rng(1);
    minus.initialize(rng);
    Tensor x = ramp({ 1, 2, 3 }), y;
    minus.forward(x, y, nullptr, {});
    for (int64_t i = 0; i < 6; ++i)
        EXPECT_FLOAT_EQ(y[i], (i < 3 ? 10.0f : 20.0f) - x[i]) << "element " << i;
    ConstantMerge wider(MergeKind::Add, { 4, 3 });
    EXPECT_THROW(wider.build({ 3 }), ShapeError); // would make the input larger
    const auto copy = makeLayer(minus.config());
    EXPECT_EQ(copy->config(), minus.config());
}

TEST(ImportActivations, ForwardValuesMatchPyTorchsDefinitions)
{
    const float xs[] = { -4.0f, -3.0f, -1.0f, 0.5f, 3.0f, 7.0f };
    auto clamp = [](double v, double lo, double hi) { return std::min(std::max(v, lo), hi); };
    ActivationLayer relu6(ActivationKind::ReLU6), hsig(ActivationKind::HardSigmoid), hswish(ActivationKind::HardSwish);
    ActivationLayer onnxSig(ActivationKind::HardSigmoid, 0.2f, 0.5f); // ONNX's defaults
    for (int i = 0; i < 6; ++i) {
        Tensor x({ 1, 1 }), y;
        x[0] = xs[i];
        const double v = xs[i];
        relu6.forward(x, y, nullptr, {});
        EXPECT_FLOAT_EQ(y[0], float(clamp(v, 0, 6))) << "relu6 at " << v;
        hsig.forward(x, y, nullptr, {});
        EXPECT_FLOAT_EQ(y[0], float(clamp(v / 6 + 0.5, 0, 1))) << "hard_sigmoid at " << v;
        hswish.forward(x, y, nullptr, {});
        EXPECT_FLOAT_EQ(y[0], float(v * clamp(v / 6 + 0.5, 0, 1))) << "hard_silu at " << v;
        onnxSig.forward(x, y, nullptr, {});
        EXPECT_FLOAT_EQ(y[0], float(clamp(0.2 * v + 0.5, 0, 1))) << "hard_sigmoid(0.2, 0.5) at " << v;
    }
    const auto copy = makeLayer(onnxSig.config());
    EXPECT_FLOAT_EQ(dynamic_cast<ActivationLayer&>(*copy).alpha(), 0.2f);
    EXPECT_EQ(parseActivation("hard_swish"), ActivationKind::HardSwish);
}

// Inputs spread over [-5, 5] so the clamped regions and the slopes are both checked; no value
// sits within 0.05 of a kink (0, 6, and +-3).
TEST(ImportActivations, GradientsMatchCentralDifferencesAcrossTheirPieces)
{
    for (ActivationKind kind : { ActivationKind::ReLU6, ActivationKind::HardSigmoid, ActivationKind::HardSwish }) {
        SCOPED_TRACE(activationName(kind));
        ActivationLayer layer(kind);
        checkLayerGradients(layer, { 4, 3 }, 2, 2e-2, true, 42, [](Tensor& x) {
            for (int64_t i = 0; i < x.size(); ++i) {
                float v = 5.0f * x[i];
                for (float kink : { 0.0f, 3.0f, -3.0f })
                    if (std::abs(v - kink) < 0.05f)
                        v = kink + 0.1f;
                x[i] = v;
            }
        });
    }
}

TEST(TensorOps, SliceTakesARangeOfOneAxisAndGivesItsGradientBack)
{
    Slice slice(1, 1, 3);
    slice.setName("k");
    ASSERT_EQ(slice.build({ 2, 4, 3 }), (Shape { 2, 2, 3 }));
    const Tensor x = ramp({ 1, 2, 4, 3 });
    Tensor y;
    slice.forward(x, y, nullptr, {});
    for (int64_t a = 0; a < 2; ++a)
        for (int64_t b = 0; b < 2; ++b)
            for (int64_t c = 0; c < 3; ++c)
                EXPECT_EQ(y[(a * 2 + b) * 3 + c], x[(a * 4 + b + 1) * 3 + c]);
    checkLayerGradients(slice, { 2, 4, 3 }, 2);
    Slice outside(0, 1, 5);
    outside.setName("outside");
    EXPECT_THROW(outside.build({ 4 }), ShapeError);
}

TEST(TensorOps, ReduceMeanAndSumGradientsMatchCentralDifferences)
{
    for (const bool mean : { true, false })
        for (const bool keep : { true, false }) {
            Reduce reduce(mean, 1, keep);
            reduce.setName("reduce");
            checkLayerGradients(reduce, { 2, 3, 4 }, 2);
            EXPECT_EQ(reduce.build({ 2, 3, 4 }), keep ? (Shape { 2, 1, 4 }) : (Shape { 2, 4 }));
        }
    Reduce mean(true, 0, true);
    mean.setName("mean");
    mean.build({ 4 });
    const Tensor x = ramp({ 1, 4 });
    Tensor y;
    mean.forward(x, y, nullptr, {});
    EXPECT_NEAR(y[0], (x[0] + x[1] + x[2] + x[3]) / 4.0f, 1e-6);
}

TEST(TensorOps, PowerSqrtAndErfGradientsMatchCentralDifferences)
{
    auto positive = [](Tensor& x) {
        for (int64_t i = 0; i < x.size(); ++i)
            x[i] = std::abs(x[i]) + 0.2f;
    };
    for (const float p : { 2.0f, 0.5f, 3.0f, -1.0f }) {
        Elementwise power(Elementwise::Kind::Power, p);
        power.setName("pow");
        checkLayerGradients(power, { 3, 2 }, 2, 2e-2, true, 42, positive);
        const Tensor x = [&] {
            Tensor t = ramp({ 1, 6 });
            positive(t);
            return t;
        }();
        Tensor y;
        power.forward(x, y, nullptr, {});
        for (int64_t i = 0; i < 6; ++i)
            EXPECT_NEAR(y[i], std::pow(x[i], p), 1e-5 * std::max(1.0f, y[i])) << "exponent " << p;
    }
    Elementwise erf(Elementwise::Kind::Erf);
    erf.setName("erf");
    checkLayerGradients(erf, { 5 }, 2);
    const Tensor x = ramp({ 1, 5 });
    Tensor y;
    erf.forward(x, y, nullptr, {});
    EXPECT_NEAR(y[4], std::erf(x[4]), 1e-7);
}

TEST(TensorOps, ConfigsRoundTripThroughTheLayerFactory)
{
    const nlohmann::json config = { { "input_shape", { 4, 6 } },
        { "layers",
            { { { "type", "Slice" }, { "axis", 1 }, { "start", 2 }, { "end", 5 } },
                { { "type", "ReduceMean" }, { "axis", 0 }, { "keepdims", false } },
                { { "type", "Power" }, { "exponent", 2.0 } }, { { "type", "Erf" } },
                { { "type", "Expand" }, { "shape", { 2, 3 } } },
                { { "type", "Where" }, { "condition", { { "shape", { 3 } } } }, { "b", { { "shape", { 1 } } } } },
                { { "type", "Greater" }, { "inputs", { "expand_1", "where_1" } } } } } };
    Sequential model = Sequential::fromConfig(config);
    model.build();
    EXPECT_EQ(model.outputShape(), (Shape { 2, 3 }));
    Sequential again = Sequential::fromConfig(model.config());
    again.build();
    EXPECT_EQ(again.config(), model.config());
}
