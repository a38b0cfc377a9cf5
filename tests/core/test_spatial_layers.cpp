// SPDX-License-Identifier: GPL-3.0-or-later
// Convolution, pooling, reshaping, dropout, batch-norm, layer-norm and rescaling layers: gradient checks, forward values
// against PyTorch (tests/data/layers/*.json from tools/make_layer_reference.py), config round
// trips through the layer factory, and shape errors.
#include "GradCheck.h"

#include "nn/BatchNormalization.h"
#include "nn/Conv2D.h"
#include "nn/Dropout.h"
#include "nn/Flatten.h"
#include "nn/LayerFactory.h"
#include "nn/LayerNormalization.h"
#include "nn/Pooling2D.h"
#include "nn/Rescaling.h"
#include "nn/Reshape.h"
#include "util/Error.h"
#include "util/Rng.h"
#include "util/Threads.h"

#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>
#include <fstream>
#include <limits>
#include <numeric>

using namespace ws;
using ws::test::checkLayerGradients;

namespace {

// Distinct values at least 0.01 apart in a shuffled order, so no max-pool window has a tie
// that a finite-difference step could flip.
void distinctValues(Tensor& x)
{
    std::vector<int64_t> order(size_t(x.size()));
    std::iota(order.begin(), order.end(), 0);
    Rng rng(7);
    rng.shuffle(order.begin(), order.end());
    for (int64_t i = 0; i < x.size(); ++i)
        x[i] = 0.01f * float(order[size_t(i)] - x.size() / 2);
}

nlohmann::json loadReference(const std::string& file)
{
    std::ifstream in(std::string(WS_TEST_DATA_DIR) + "/layers/" + file);
    if (!in.good())
        throw std::runtime_error("missing tests/data/layers/" + file + "; run tools/make_layer_reference.py");
    return nlohmann::json::parse(in);
}

void copyInto(Tensor& t, const std::vector<float>& values, const std::string& what)
{
    ASSERT_EQ(t.size(), int64_t(values.size())) << what;
    std::copy(values.begin(), values.end(), t.data());
}

// Builds each case's layer from its config, loads its parameters and state, runs forward and
// compares with the PyTorch output (and the moving statistics batch norm should have left).
void compareWithReference(const std::string& file)
{
    const auto ref = loadReference(file);
    ASSERT_FALSE(ref.at("cases").empty()) << file;
    for (const auto& c : ref.at("cases")) {
        const std::string name = file + " case " + c.at("name").get<std::string>();
        Sequential model(c.at("input_shape").get<Shape>());
        Layer& layer = model.add(makeLayer(c.at("config")));
        model.build();
        for (Param* p : layer.params())
            copyInto(p->value, c.at("params").at(p->name).get<std::vector<float>>(), name + " param " + p->name);
        for (Param* p : layer.nonTrainableParams())
            copyInto(p->value, c.at("state").at(p->name).get<std::vector<float>>(), name + " state " + p->name);
        Shape inShape = model.inputShape();
        inShape.insert(inShape.begin(), c.at("batch").get<int64_t>());
        Tensor x(inShape);
        copyInto(x, c.at("input").get<std::vector<float>>(), name + " input");
        Workspace ws = model.makeWorkspace();
        const Tensor& y = model.forward(x, ws, c.at("training").get<bool>());
        EXPECT_EQ(layer.outputShape(), c.at("output_shape").get<Shape>()) << name;
        const auto want = c.at("output").get<std::vector<double>>();
        ASSERT_EQ(y.size(), int64_t(want.size())) << name;
        for (size_t i = 0; i < want.size(); ++i)
            EXPECT_NEAR(y[int64_t(i)], want[i], 1e-5) << name << " output element " << i;
        if (c.contains("expected_state"))
            for (Param* p : layer.nonTrainableParams()) {
                if (!c.at("expected_state").contains(p->name))
                    continue;
                const auto s = c.at("expected_state").at(p->name).get<std::vector<double>>();
                for (size_t i = 0; i < s.size(); ++i)
                    EXPECT_NEAR(p->value[int64_t(i)], s[i], 1e-5) << name << " " << p->name << "[" << i << "]";
            }
    }
}

// The message of the ShapeError that building `layer` on `inputShape` throws.
std::string shapeErrorOf(std::unique_ptr<Layer> layer, const Shape& inputShape)
{
    Sequential model(inputShape);
    model.add(std::move(layer));
    try {
        model.build();
    } catch (const ShapeError& e) {
        return e.what();
    }
    return "(no error)";
}

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

// ---- gradient checks ----------------------------------------------------------------------

// Kept small: the loss sums every output in float32, and with many outputs its rounding noise
// (~1e-7 * |L| / 2h) reaches the checker's 1e-3 floor. The exact comparison against a direct
// double-precision convolution below covers larger shapes.
TEST(Conv2D, SamePaddingGradientsMatchCentralDifferences)
{
    Conv2D conv(2, { 3, 3 }, { 1, 1 }, Padding::Same);
    checkLayerGradients(conv, { 4, 3, 2 }, 2);
}

TEST(Conv2D, StridedValidNonSquareGradientsMatchCentralDifferences)
{
    Conv2D conv(2, { 3, 2 }, { 2, 1 }, Padding::Valid);
    checkLayerGradients(conv, { 5, 4, 2 }, 2);
}

TEST(Conv2D, AsymmetricSamePaddingWithoutBiasGradientsMatchCentralDifferences)
{
    Conv2D conv(2, { 4, 3 }, { 2, 2 }, Padding::Same, false);
    checkLayerGradients(conv, { 7, 6, 2 }, 2);
}

// A 1x1 kernel at stride 1 reads its input's rows as its cols and writes dL/dx in place
// (session 17): no im2col, no col2im.
TEST(Conv2D, PointwiseGradientsMatchCentralDifferences)
{
    Conv2D conv(3, { 1, 1 }, { 1, 1 }, Padding::Same);
    checkLayerGradients(conv, { 4, 3, 5 }, 3);
    Conv2D valid(2, { 1, 1 }, { 1, 1 }, Padding::Valid, false);
    checkLayerGradients(valid, { 2, 5, 3 }, 2);
}

TEST(MaxPooling2D, GradientsMatchCentralDifferences)
{
    Pooling2D pool(PoolKind::Max, { 2, 2 });
    checkLayerGradients(pool, { 4, 6, 3 }, 2, 2e-2, true, 42, distinctValues);
}

// The 2x2 stride-2 path (#10) and the generic one must pick the same element of a tie: the first
// in row-major order, as TF and PyTorch do. Odd width 5 with valid padding takes the generic path.
TEST(MaxPooling2D, TiesSendTheGradientToTheFirstPositionOfEachWindow)
{
    for (const int64_t width : { 4, 5 }) {
        Pooling2D pool(PoolKind::Max, { 2, 2 });
        pool.build({ 4, width, 3 });
        auto scratch = pool.makeScratch();
        Tensor x({ 2, 4, width, 3 }, 1.5f), y, dx;
        pool.forward(x, y, scratch.get(), {});
        Tensor dy(y.shape(), 1.0f);
        pool.backward(x, y, dy, &dx, scratch.get());
        for (int64_t n = 0; n < 2; ++n)
            for (int64_t h = 0; h < 4; ++h)
                for (int64_t w = 0; w < width; ++w)
                    for (int64_t c = 0; c < 3; ++c) {
                        const bool first = h % 2 == 0 && w % 2 == 0 && w + 1 < width;
                        EXPECT_EQ(dx[((n * 4 + h) * width + w) * 3 + c], first ? 1.0f : 0.0f)
                            << "width " << width << " at " << h << "," << w << "," << c;
                    }
    }
}

TEST(MaxPooling2D, SamePaddingOverlappingWindowsGradientsMatchCentralDifferences)
{
    Pooling2D pool(PoolKind::Max, { 3, 3 }, { 2, 2 }, Padding::Same);
    checkLayerGradients(pool, { 7, 6, 2 }, 2, 2e-2, true, 42, distinctValues);
}

TEST(AveragePooling2D, GradientsMatchCentralDifferences)
{
    Pooling2D pool(PoolKind::Average, { 2, 2 });
    checkLayerGradients(pool, { 4, 6, 3 }, 2);
}

TEST(AveragePooling2D, SamePaddingOverlappingWindowsGradientsMatchCentralDifferences)
{
    Pooling2D pool(PoolKind::Average, { 3, 3 }, { 2, 2 }, Padding::Same);
    checkLayerGradients(pool, { 7, 6, 2 }, 2);
}

// #23 item 3: pooling runs over the engine's threads by samples; 2x2 stride-2 windows that tile
// the input take paths of their own (average pooling's sum, backward without a zeroing pass).
// Each must give the bits of the generic window loop written out here: the sum from 0 in
// row-major order times 1 / count, the first maximum of a tie, and a gradient that is the
// zeroed dx plus the window's share (so -0 becomes +0).
void poolReference(PoolKind kind, Size2 pool, Size2 stride, int64_t padTop, int64_t padLeft, const Tensor& x,
    const Tensor& dy, Tensor& y, Tensor& dx)
{
    const int64_t N = x.dim(0), H = x.dim(1), W = x.dim(2), C = x.dim(3), OH = dy.dim(1), OW = dy.dim(2);
    y = Tensor(dy.shape());
    dx = Tensor(x.shape(), 0.0f);
    for (int64_t n = 0; n < N; ++n)
        for (int64_t oh = 0; oh < OH; ++oh)
            for (int64_t ow = 0; ow < OW; ++ow) {
                const int64_t ih0 = std::max<int64_t>(0, oh * stride.h - padTop);
                const int64_t ih1 = std::min<int64_t>(H, oh * stride.h - padTop + pool.h);
                const int64_t iw0 = std::max<int64_t>(0, ow * stride.w - padLeft);
                const int64_t iw1 = std::min<int64_t>(W, ow * stride.w - padLeft + pool.w);
                const float inv = 1.0f / float((ih1 - ih0) * (iw1 - iw0));
                for (int64_t c = 0; c < C; ++c) {
                    const int64_t o = ((n * OH + oh) * OW + ow) * C + c;
                    float acc = kind == PoolKind::Max ? -std::numeric_limits<float>::infinity() : 0.0f;
                    int64_t best = ((n * H + ih0) * W + iw0) * C + c;
                    for (int64_t ih = ih0; ih < ih1; ++ih)
                        for (int64_t iw = iw0; iw < iw1; ++iw) {
                            const int64_t i = ((n * H + ih) * W + iw) * C + c;
                            if (kind == PoolKind::Average)
                                acc += x[i];
                            else if (x[i] > acc) {
                                acc = x[i];
                                best = i;
                            }
                        }
                    y[o] = kind == PoolKind::Max ? acc : acc * inv;
                    if (kind == PoolKind::Max) {
                        dx[best] += dy[o];
                    } else {
                        for (int64_t ih = ih0; ih < ih1; ++ih)
                            for (int64_t iw = iw0; iw < iw1; ++iw)
                                dx[((n * H + ih) * W + iw) * C + c] += dy[o] * inv;
                    }
                }
            }
}

TEST(Pooling2D, GivesTheGenericLoopsBitsOnOneAndTwoThreads)
{
    struct Case {
        PoolKind kind;
        Size2 pool, stride;
        Padding padding;
    };
    const Case cases[] = {
        { PoolKind::Max, { 2, 2 }, { 2, 2 }, Padding::Valid },
        { PoolKind::Average, { 2, 2 }, { 2, 2 }, Padding::Valid },
        { PoolKind::Max, { 3, 3 }, { 2, 2 }, Padding::Same },
        { PoolKind::Average, { 3, 3 }, { 2, 2 }, Padding::Same },
    };
    // 6 samples of 12 x 10 x 150, one chunk each; every other value on a coarse grid so that
    // windows have ties, and gradients with -0 among them.
    Tensor x({ 6, 12, 10, 150 });
    Rng rng(3);
    for (int64_t i = 0; i < x.size(); ++i)
        x[i] = i % 2 ? float(int(rng.below(7)) - 3) * 0.37f : float(rng.uniform(-1.0, 1.0));
    const int saved = threadCount();
    for (const Case& c : cases) {
        Pooling2D layer(c.kind, c.pool, c.stride, c.padding);
        const Shape out = layer.build({ 12, 10, 150 });
        Tensor dy({ 6, out[0], out[1], out[2] });
        for (int64_t i = 0; i < dy.size(); ++i)
            dy[i] = i % 11 == 0 ? -0.0f : float(rng.uniform(-1.0, 1.0));
        Tensor wantY, wantDx;
        poolReference(c.kind, c.pool, c.stride, windowAxis(12, c.pool.h, c.stride.h, c.padding).padBefore,
            windowAxis(10, c.pool.w, c.stride.w, c.padding).padBefore, x, dy, wantY, wantDx);
        for (int threads : { 1, 2 }) {
            setThreadCount(threads);
            auto scratch = layer.makeScratch();
            Tensor y, dx;
            layer.forward(x, y, scratch.get(), {});
            layer.backward(x, y, dy, &dx, scratch.get());
            const std::string what = layer.typeName() + " " + size2ToString(c.pool) + " on " + std::to_string(threads)
                + " threads";
            ASSERT_EQ(y.shape(), wantY.shape()) << what;
            for (int64_t i = 0; i < y.size(); ++i)
                ASSERT_EQ(std::bit_cast<uint32_t>(y[i]), std::bit_cast<uint32_t>(wantY[i]))
                    << what << ": y[" << i << "] " << y[i] << ", want " << wantY[i];
            for (int64_t i = 0; i < dx.size(); ++i)
                ASSERT_EQ(std::bit_cast<uint32_t>(dx[i]), std::bit_cast<uint32_t>(wantDx[i]))
                    << what << ": dx[" << i << "] " << dx[i] << ", want " << wantDx[i];
        }
    }
    setThreadCount(saved);
}

TEST(GlobalAveragePooling2D, GradientsMatchCentralDifferences)
{
    GlobalAveragePooling2D pool;
    checkLayerGradients(pool, { 3, 4, 5 }, 2);
    GlobalAveragePooling2D keep(true);
    checkLayerGradients(keep, { 3, 4, 5 }, 2);
}

TEST(Flatten, GradientsMatchCentralDifferences)
{
    Flatten flatten;
    checkLayerGradients(flatten, { 3, 2, 2 }, 2);
}

TEST(Reshape, GradientsMatchCentralDifferences)
{
    Reshape reshape({ 2, -1 });
    checkLayerGradients(reshape, { 3, 4 }, 2);
}

TEST(Dropout, TrainingGradientsMatchCentralDifferencesWithAFixedMask)
{
    Dropout dropout(0.4f);
    checkLayerGradients(dropout, { 5, 6 }, 3, 2e-2, true, 11);
}

TEST(BatchNormalization, TrainingGradientsMatchCentralDifferencesOnImages)
{
    BatchNormalization bn;
    checkLayerGradients(bn, { 3, 3, 4 }, 3);
}

TEST(BatchNormalization, TrainingGradientsMatchCentralDifferencesOnFeatures)
{
    BatchNormalization bn(0.9f, 1e-3f);
    checkLayerGradients(bn, { 5 }, 6);
}

TEST(BatchNormalization, InferenceGradientsMatchCentralDifferences)
{
    BatchNormalization bn;
    checkLayerGradients(bn, { 2, 2, 3 }, 2, 2e-2, false);
}

TEST(LayerNormalization, GradientsMatchCentralDifferencesOnFeatures)
{
    LayerNormalization ln;
    checkLayerGradients(ln, { 6 }, 4);
}

TEST(LayerNormalization, GradientsMatchCentralDifferencesOnImagesWithoutCenter)
{
    LayerNormalization ln(1e-5f, false, true);
    checkLayerGradients(ln, { 2, 3, 4 }, 2);
}

TEST(LayerNormalization, GradientsMatchCentralDifferencesWithoutScale)
{
    LayerNormalization ln(1e-3f, true, false);
    checkLayerGradients(ln, { 5 }, 3);
}

TEST(Rescaling, GradientsMatchCentralDifferences)
{
    Rescaling rescale(0.25f, -1.0f);
    checkLayerGradients(rescale, { 3, 4 }, 2);
}

// ---- forward values against PyTorch ---------------------------------------------------------

TEST(Conv2D, ForwardMatchesTorchConv2dForSameAndValidPadding) { compareWithReference("conv2d.json"); }

TEST(Pooling2D, ForwardMatchesTorchMaxAndAveragePooling) { compareWithReference("pooling.json"); }

TEST(BatchNormalization, ForwardAndMovingStatisticsMatchTorchAndKeras) { compareWithReference("batchnorm.json"); }

TEST(LayerNormalization, ForwardMatchesTorchLayerNorm) { compareWithReference("layernorm.json"); }

TEST(Rescaling, ForwardMatchesScaleAndOffset) { compareWithReference("rescaling.json"); }

// ---- behaviour ------------------------------------------------------------------------------

TEST(Conv2D, BackwardMatchesDirectConvolutionInDoublePrecision)
{
    // y[n,oh,ow,f] = b[f] + sum x[n, oh*s - pt + i, ow*s - pl + j, c] * K[i,j,c,f]; its adjoint
    // written as plain loops, independent of im2col/col2im.
    const int64_t N = 2, H = 9, W = 8, C = 3, F = 4, KH = 3, KW = 4, S = 2;
    Sequential model({ H, W, C });
    auto& conv = model.emplace<Conv2D>(F, Size2 { KH, KW }, Size2 { S, S }, Padding::Same);
    model.build();
    model.initialize(4);
    Rng rng(6);
    ws::test::fillRandom(conv.bias().value, rng);
    Tensor x({ N, H, W, C });
    ws::test::fillRandom(x, rng);
    Workspace ws = model.makeWorkspace();
    const Tensor y = model.forward(x, ws, true);
    const int64_t OH = y.dim(1), OW = y.dim(2);
    ASSERT_EQ(OH, 5);
    ASSERT_EQ(OW, 4);
    const int64_t pt = ((OH - 1) * S + KH - H) / 2, pl = ((OW - 1) * S + KW - W) / 2;
    Tensor dy(y.shape());
    ws::test::fillRandom(dy, rng);
    model.zeroGrad();
    Tensor dx;
    conv.backward(x, y, dy, &dx, ws.scratch[0].get());

    const Tensor& K = conv.kernel().value;
    std::vector<double> yRef(size_t(y.size())), dxRef(size_t(x.size())), dkRef(size_t(K.size()));
    std::vector<double> dbRef(static_cast<size_t>(F));
    auto xi = [&](int64_t n, int64_t h, int64_t w, int64_t c) { return ((n * H + h) * W + w) * C + c; };
    auto ki = [&](int64_t i, int64_t j, int64_t c, int64_t f) { return ((i * KW + j) * C + c) * F + f; };
    for (int64_t n = 0; n < N; ++n)
        for (int64_t oh = 0; oh < OH; ++oh)
            for (int64_t ow = 0; ow < OW; ++ow)
                for (int64_t f = 0; f < F; ++f) {
                    const int64_t o = ((n * OH + oh) * OW + ow) * F + f;
                    double acc = conv.bias().value[f];
                    dbRef[size_t(f)] += dy[o];
                    for (int64_t i = 0; i < KH; ++i)
                        for (int64_t j = 0; j < KW; ++j) {
                            const int64_t h = oh * S - pt + i, w = ow * S - pl + j;
                            if (h < 0 || h >= H || w < 0 || w >= W)
                                continue;
                            for (int64_t c = 0; c < C; ++c) {
                                acc += double(x[xi(n, h, w, c)]) * K[ki(i, j, c, f)];
                                dxRef[size_t(xi(n, h, w, c))] += double(dy[o]) * K[ki(i, j, c, f)];
                                dkRef[size_t(ki(i, j, c, f))] += double(dy[o]) * x[xi(n, h, w, c)];
                            }
                        }
                    yRef[size_t(o)] = acc;
                }
    for (int64_t i = 0; i < y.size(); ++i)
        ASSERT_NEAR(y[i], yRef[size_t(i)], 1e-5) << "y[" << i << "]";
    for (int64_t i = 0; i < x.size(); ++i)
        ASSERT_NEAR(dx[i], dxRef[size_t(i)], 1e-5) << "dx[" << i << "]";
    for (int64_t i = 0; i < K.size(); ++i)
        ASSERT_NEAR(conv.kernel().grad[i], dkRef[size_t(i)], 1e-5) << "dkernel[" << i << "]";
    for (int64_t f = 0; f < F; ++f)
        ASSERT_NEAR(conv.bias().grad[f], dbRef[size_t(f)], 1e-5) << "dbias[" << f << "]";
}

TEST(Conv2D, ChunkedBatchesMatchOneSampleAtATime)
{
    // 24*24 positions * 5*5*32 = 460,800 floats of im2col per sample: a batch of 40 exceeds the
    // 2^22-float buffer budget and runs in five chunks; single samples run in one.
    const Shape sample { 24, 24, 32 };
    Sequential model(sample);
    model.emplace<Conv2D>(2, Size2 { 5, 5 }, Size2 { 1, 1 }, Padding::Same);
    model.build();
    model.initialize(3);
    const int64_t batch = 40;
    Tensor x({ batch, 24, 24, 32 });
    Rng rng(5);
    ws::test::fillRandom(x, rng);
    Workspace ws = model.makeWorkspace();
    const Tensor y = model.forward(x, ws, true);
    Tensor dy(y.shape());
    ws::test::fillRandom(dy, rng);
    model.zeroGrad();
    Tensor dx;
    model.layer(0).backward(x, y, dy, &dx, ws.scratch[0].get());
    const Tensor dKernel = model.params()[0]->grad;

    model.zeroGrad();
    const int64_t in = shapeNumel(sample), out = y.size() / batch;
    double worstY = 0, worstDx = 0;
    for (int64_t n = 0; n < batch; ++n) {
        Tensor xn({ 1, 24, 24, 32 }), dyn({ 1, 24, 24, 2 }), dxn;
        std::copy_n(x.data() + n * in, in, xn.data());
        std::copy_n(dy.data() + n * out, out, dyn.data());
        const Tensor& yn = model.forward(xn, ws, true);
        for (int64_t i = 0; i < out; ++i)
            worstY = std::max(worstY, double(std::abs(yn[i] - y[n * out + i])));
        model.layer(0).backward(xn, yn, dyn, &dxn, ws.scratch[0].get());
        for (int64_t i = 0; i < in; ++i)
            worstDx = std::max(worstDx, double(std::abs(dxn[i] - dx[n * in + i])));
    }
    EXPECT_LT(worstY, 1e-5) << "forward";
    EXPECT_LT(worstDx, 1e-5) << "dx";
    const Tensor& dKernelOneByOne = model.params()[0]->grad;
    for (int64_t i = 0; i < dKernel.size(); ++i)
        ASSERT_NEAR(dKernel[i], dKernelOneByOne[i], 1e-3 * (1 + std::abs(dKernel[i]))) << "kernel grad " << i;
}

TEST(Conv2D, SplittingTheBatchAcrossThreadsGivesTheSameResults)
{
    Sequential model({ 12, 10, 3 });
    model.emplace<Conv2D>(5, Size2 { 3, 3 }, Size2 { 1, 1 }, Padding::Same);
    model.build();
    model.initialize(8);
    Tensor x({ 7, 12, 10, 3 });
    Rng rng(9);
    ws::test::fillRandom(x, rng);
    Tensor dy({ 7, 12, 10, 5 });
    ws::test::fillRandom(dy, rng);
    auto run = [&](int threads, Tensor& y, Tensor& dx, Tensor& dKernel) {
        setThreadCount(threads);
        Workspace ws = model.makeWorkspace();
        y = model.forward(x, ws, true);
        model.zeroGrad();
        model.layer(0).backward(x, y, dy, &dx, ws.scratch[0].get());
        dKernel = model.params()[0]->grad;
    };
    const int saved = threadCount();
    Tensor y1, dx1, dk1, y3, dx3, dk3;
    run(1, y1, dx1, dk1);
    run(3, y3, dx3, dk3);
    setThreadCount(saved);
    for (int64_t i = 0; i < y1.size(); ++i)
        ASSERT_NEAR(y1[i], y3[i], 1e-5) << "y[" << i << "]";
    for (int64_t i = 0; i < dx1.size(); ++i)
        ASSERT_NEAR(dx1[i], dx3[i], 1e-5) << "dx[" << i << "]";
    for (int64_t i = 0; i < dk1.size(); ++i)
        ASSERT_NEAR(dk1[i], dk3[i], 1e-4) << "dkernel[" << i << "]";
}

TEST(Conv2D, GlorotUniformUsesReceptiveFieldFans)
{
    Sequential model({ 8, 8, 3 });
    auto& conv = model.emplace<Conv2D>(16, Size2 { 5, 5 });
    model.build();
    model.initialize(1);
    const double limit = std::sqrt(6.0 / (5 * 5 * 3 + 5 * 5 * 16));
    float largest = 0;
    for (int64_t i = 0; i < conv.kernel().value.size(); ++i)
        largest = std::max(largest, std::abs(conv.kernel().value[i]));
    EXPECT_LE(largest, limit);
    EXPECT_GT(largest, 0.95 * limit) << "1200 draws should come close to the limit";
    EXPECT_EQ(conv.kernel().value.shape(), (Shape { 5, 5, 3, 16 }));
    EXPECT_EQ(conv.bias().value, Tensor({ 16 }));
}

TEST(Dropout, IsTheIdentityInInference)
{
    Sequential model({ 10 });
    model.emplace<Dropout>(0.5f);
    model.build();
    Tensor x({ 3, 10 });
    Rng rng(1);
    ws::test::fillRandom(x, rng);
    Workspace ws = model.makeWorkspace(9);
    EXPECT_EQ(model.forward(x, ws, false), x);
}

TEST(Dropout, TrainingDropsAboutRateAndScalesTheRest)
{
    Sequential model({ 1000 });
    model.emplace<Dropout>(0.25f);
    model.build();
    Tensor x({ 10, 1000 }, 2.0f);
    Workspace ws = model.makeWorkspace(9);
    const Tensor& y = model.forward(x, ws, true);
    int64_t dropped = 0;
    for (int64_t i = 0; i < y.size(); ++i) {
        if (y[i] == 0.0f)
            ++dropped;
        else
            ASSERT_FLOAT_EQ(y[i], 2.0f / 0.75f) << "element " << i;
    }
    EXPECT_NEAR(double(dropped) / double(y.size()), 0.25, 0.02);
    // Same seed, same mask.
    const Tensor first = y;
    Workspace again = model.makeWorkspace(9);
    EXPECT_EQ(model.forward(x, again, true), first);
}

// #23 item 3: the mask comes from one draw per element in order, y = x * mask, dx = dy * mask,
// bit for bit as the two passes gave before they were fused, and the generator moves on by as
// many draws (a recorded run replays the same stream).
TEST(Dropout, DrawsOneNumberPerElementInOrderAndGivesTheTwoPassBits)
{
    const float rate = 0.3f;
    Dropout layer(rate);
    layer.build({ 1001 });
    auto scratch = layer.makeScratch();
    Tensor x({ 7, 1001 }), dy({ 7, 1001 }), y, dx;
    Rng values(4);
    for (int64_t i = 0; i < x.size(); ++i) {
        x[i] = float(values.uniform(-2.0, 2.0));
        dy[i] = float(values.uniform(-1.0, 1.0));
    }
    Rng rng(5), reference(5);
    layer.forward(x, y, scratch.get(), { true, &rng });
    layer.backward(x, y, dy, &dx, scratch.get());
    const float keep = 1.0f / (1.0f - rate);
    for (int64_t i = 0; i < x.size(); ++i) {
        const float mask = reference.uniform() < double(rate) ? 0.0f : keep;
        ASSERT_EQ(std::bit_cast<uint32_t>(y[i]), std::bit_cast<uint32_t>(x[i] * mask)) << "y[" << i << "]";
        ASSERT_EQ(std::bit_cast<uint32_t>(dx[i]), std::bit_cast<uint32_t>(dy[i] * mask)) << "dx[" << i << "]";
    }
    EXPECT_EQ(rng.next(), reference.next()) << "the generator moved on by a different number of draws";
}

TEST(BatchNormalization, ExposesMovingStatisticsAsNonTrainableState)
{
    Sequential model({ 4, 4, 6 });
    auto& bn = model.emplace<BatchNormalization>();
    model.build();
    model.initialize(0);
    ASSERT_EQ(bn.params().size(), 2u);
    EXPECT_EQ(bn.params()[0]->name, "gamma");
    EXPECT_FALSE(bn.params()[0]->regularize);
    EXPECT_FALSE(bn.params()[1]->regularize);
    const auto state = bn.nonTrainableParams();
    ASSERT_EQ(state.size(), 2u);
    EXPECT_EQ(state[0]->name, "moving_mean");
    EXPECT_EQ(state[1]->name, "moving_variance");
    EXPECT_EQ(state[0]->value, Tensor({ 6 }, 0.0f));
    EXPECT_EQ(state[1]->value, Tensor({ 6 }, 1.0f));
    EXPECT_EQ(model.paramCount(), 12) << "trainable parameters only";
}

// The batch statistics go over chunks of 1,024 rows, each shifted by its first row and merged in
// order (BatchNormalization.cpp): over 5 chunks of data whose mean (1000) is 10^5 times its spread,
// the mean and variance must match a two-pass sum in long double, and a second thread must not
// change a bit of the output or the gradients.
TEST(BatchNormalization, BatchStatisticsOfALargeMeanAcrossChunksAndThreads)
{
    const int64_t rows = 4500, C = 3;
    Tensor x({ rows, C });
    Rng rng(11);
    for (int64_t i = 0; i < x.size(); ++i)
        x[i] = 1000.0f + float(i % C) + 0.01f * float(rng.normal());
    std::vector<long double> mean(C, 0.0L), var(C, 0.0L);
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < C; ++c)
            mean[size_t(c)] += x[r * C + c];
    for (auto& m : mean)
        m /= rows;
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < C; ++c)
            var[size_t(c)] += (x[r * C + c] - mean[size_t(c)]) * (x[r * C + c] - mean[size_t(c)]);
    for (auto& v : var)
        v /= rows;

    struct Result {
        Tensor y, dx, dGamma, movingMean, movingVariance;
    };
    auto run = [&](int threads) {
        setThreadCount(threads);
        Sequential model({ C });
        // momentum 0: the moving statistics are the batch's
        auto& bn = model.emplace<BatchNormalization>(0.0f, 1e-3f);
        model.build();
        model.initialize(0);
        Workspace ws = model.makeWorkspace(0);
        Result out;
        out.y = model.forward(x, ws, true);
        Tensor dy(out.y.shape());
        for (int64_t i = 0; i < dy.size(); ++i)
            dy[i] = float(i % 7) - 3.0f;
        model.zeroGrad();
        Tensor dx;
        bn.backward(x, out.y, dy, &dx, ws.scratch[0].get());
        out.dx = dx;
        out.dGamma = bn.gamma().grad;
        out.movingMean = bn.movingMean();
        out.movingVariance = bn.movingVariance();
        setThreadCount(1);
        return out;
    };
    const Result one = run(1), two = run(2);
    for (int64_t c = 0; c < C; ++c) {
        EXPECT_NEAR(one.movingMean[c], double(mean[size_t(c)]), 1e-4) << "channel " << c;
        EXPECT_NEAR(one.movingVariance[c], double(var[size_t(c)]), 1e-6 * double(var[size_t(c)]) + 1e-12) << "channel " << c;
    }
    EXPECT_EQ(one.y, two.y);
    EXPECT_EQ(one.dx, two.dx);
    EXPECT_EQ(one.dGamma, two.dGamma);
    EXPECT_EQ(one.movingVariance, two.movingVariance);
}

// ---- configs and the compact spec -----------------------------------------------------------

TEST(SpatialLayers, ConfigsRoundTripThroughTheFactory)
{
    std::vector<std::unique_ptr<Layer>> layers;
    layers.push_back(std::make_unique<Conv2D>(8, Size2 { 3, 5 }, Size2 { 2, 1 }, Padding::Same, false,
        Initializer { Init::HeNormal, 0.0f }, Initializer { Init::Constant, 0.1f }));
    layers.push_back(std::make_unique<Pooling2D>(PoolKind::Max, Size2 { 3, 3 }, Size2 { 2, 2 }, Padding::Same));
    layers.push_back(std::make_unique<Pooling2D>(PoolKind::Average, Size2 { 2, 2 }));
    layers.push_back(std::make_unique<GlobalAveragePooling2D>(true));
    layers.push_back(std::make_unique<Flatten>());
    layers.push_back(std::make_unique<Reshape>(Shape { 7, -1, 4 }));
    layers.push_back(std::make_unique<Dropout>(0.3f));
    layers.push_back(std::make_unique<BatchNormalization>(0.9f, 1e-5f, false, true));
    layers.push_back(std::make_unique<LayerNormalization>(1e-5f, true, false));
    layers.push_back(std::make_unique<Rescaling>(0.5f, -0.25f));
    for (auto& layer : layers) {
        layer->setName("my_" + layer->typeName());
        const auto config = layer->config();
        const auto copy = makeLayer(config);
        EXPECT_EQ(copy->typeName(), layer->typeName());
        EXPECT_EQ(copy->config(), config) << config.dump();
    }
}

TEST(SpatialLayers, KerasConfigsAreAccepted)
{
    // Keras writes strides=None for pooling and axis as a list for batch norm.
    const auto pool = makeLayer({ { "type", "MaxPooling2D" }, { "pool_size", { 2, 2 } }, { "strides", nullptr },
        { "padding", "valid" }, { "data_format", "channels_last" } });
    EXPECT_EQ(pool->config().at("strides"), nlohmann::json({ 2, 2 }));
    const auto conv = makeLayer({ { "type", "Conv2D" }, { "filters", 4 }, { "kernel_size", { 3, 3 } },
        { "strides", { 1, 1 } }, { "dilation_rate", { 1, 1 } }, { "activation", "linear" },
        { "data_format", "channels_last" } });
    EXPECT_EQ(conv->config().at("kernel_size"), nlohmann::json({ 3, 3 }));
    EXPECT_NO_THROW(makeLayer({ { "type", "BatchNormalization" }, { "axis", { 3 } } }));
    EXPECT_THROW(makeLayer({ { "type", "Conv2D" }, { "filters", 4 }, { "kernel_size", 3 }, { "dilation_rate", 2 } }),
        ConfigError);
    EXPECT_THROW(makeLayer({ { "type", "Conv2D" }, { "filters", 4 }, { "kernel_size", 3 }, { "activation", "relu" } }),
        ConfigError);
    EXPECT_THROW(makeLayer({ { "type", "Conv2D" }, { "filters", 4 }, { "kernel_size", 3 },
                     { "data_format", "channels_first" } }),
        ConfigError);
    EXPECT_THROW(makeLayer({ { "type", "Conv2D" }, { "filters", 4 }, { "kernel_size", { 3, 3, 3 } } }), ConfigError);
    EXPECT_THROW(makeLayer({ { "type", "MaxPooling2D" }, { "padding", "full" } }), ConfigError);
}

TEST(SpatialLayers, CompactSpecKnowsEveryAlias)
{
    const auto layers = parseLayerSpec("conv2d(4, 3x5, 2, same) maxpool2d(2) maxpooling2d(3, 1, same) avgpool2d(2) "
                                       "globalavgpool2d reshape(2, -1) flatten dropout(0.25) batchnorm(0.9)");
    ASSERT_EQ(layers.size(), 9u);
    EXPECT_EQ(layers[0].at("type"), "Conv2D");
    EXPECT_EQ(layers[0].at("filters"), 4);
    EXPECT_EQ(layers[0].at("strides"), 2);
    EXPECT_EQ(layers[0].at("padding"), "same");
    EXPECT_EQ(layers[1].at("type"), "MaxPooling2D");
    EXPECT_EQ(layers[2].at("pool_size"), 3);
    EXPECT_EQ(layers[3].at("type"), "AveragePooling2D");
    EXPECT_EQ(layers[4].at("type"), "GlobalAveragePooling2D");
    EXPECT_EQ(layers[5].at("target_shape"), nlohmann::json({ 2, -1 }));
    EXPECT_EQ(layers[7].at("rate"), 0.25);
    EXPECT_EQ(layers[8].at("type"), "BatchNormalization");
    const auto conv = makeLayer(layers[0]);
    EXPECT_EQ(static_cast<Conv2D&>(*conv).kernelSize(), (Size2 { 3, 5 }));
    EXPECT_EQ(static_cast<Conv2D&>(*conv).strides(), (Size2 { 2, 2 }));
}

TEST(SpatialLayers, SmallCnnFromTheCompactSpecReportsShapesAndParameterCounts)
{
    const auto layers = parseLayerSpec("conv2d(8,3,padding=same) relu maxpool2d(2) flatten dense(10)");
    Sequential model = Sequential::fromConfig({ { "input_shape", { 28, 28, 1 } }, { "layers", layers } });
    const auto rows = model.summary();
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[0].type, "Conv2D");
    EXPECT_EQ(rows[0].outputShape, (Shape { 28, 28, 8 }));
    EXPECT_EQ(rows[0].params, 3 * 3 * 1 * 8 + 8);
    EXPECT_EQ(rows[1].outputShape, (Shape { 28, 28, 8 }));
    EXPECT_EQ(rows[2].type, "MaxPooling2D");
    EXPECT_EQ(rows[2].outputShape, (Shape { 14, 14, 8 }));
    EXPECT_EQ(rows[2].params, 0);
    EXPECT_EQ(rows[3].outputShape, (Shape { 14 * 14 * 8 }));
    EXPECT_EQ(rows[4].outputShape, (Shape { 10 }));
    EXPECT_EQ(rows[4].params, 14 * 14 * 8 * 10 + 10);
    EXPECT_EQ(model.paramCount(), 80 + 15690);

    // And it runs: a batch through forward and backward.
    model.initialize(1);
    Workspace ws = model.makeWorkspace();
    Tensor x({ 4, 28, 28, 1 });
    Rng rng(2);
    ws::test::fillRandom(x, rng);
    const Tensor& y = model.forward(x, ws, true);
    EXPECT_EQ(y.shape(), (Shape { 4, 10 }));
    model.zeroGrad();
    model.backward(Tensor(y.shape(), 1.0f), ws);
    EXPECT_GT(model.params()[0]->grad.vector().norm(), 0.0f);
}

// ---- shape errors -----------------------------------------------------------------------------

TEST(SpatialLayers, ShapeErrorsNameTheLayerAndSayWhatIsWrong)
{
    const std::string convOnVector = shapeErrorOf(std::make_unique<Conv2D>(4, Size2 { 3, 3 }), { 784 });
    EXPECT_TRUE(mentions(convOnVector, "conv2d_1") && mentions(convOnVector, "(784,)")) << convOnVector;

    const std::string bigKernel = shapeErrorOf(std::make_unique<Conv2D>(4, Size2 { 5, 5 }), { 4, 4, 1 });
    EXPECT_TRUE(mentions(bigKernel, "larger than the input") && mentions(bigKernel, "(5, 5)")) << bigKernel;
    EXPECT_EQ(shapeErrorOf(std::make_unique<Conv2D>(4, Size2 { 5, 5 }, Size2 { 1, 1 }, Padding::Same), { 4, 4, 1 }),
        "(no error)");

    const std::string bigPool = shapeErrorOf(std::make_unique<Pooling2D>(PoolKind::Max, Size2 { 3, 3 }), { 2, 8, 1 });
    EXPECT_TRUE(mentions(bigPool, "maxpooling2d_1") && mentions(bigPool, "larger")) << bigPool;

    const std::string wrongCount = shapeErrorOf(std::make_unique<Reshape>(Shape { 5, 5 }), { 4, 6 });
    EXPECT_TRUE(mentions(wrongCount, "24 elements") && mentions(wrongCount, "25 elements")) << wrongCount;
    const std::string notMultiple = shapeErrorOf(std::make_unique<Reshape>(Shape { 5, -1 }), { 4, 6 });
    EXPECT_TRUE(mentions(notMultiple, "multiple of 5")) << notMultiple;
    const std::string twoFree = shapeErrorOf(std::make_unique<Reshape>(Shape { -1, -1 }), { 4, 6 });
    EXPECT_TRUE(mentions(twoFree, "more than one -1")) << twoFree;

    const std::string gap = shapeErrorOf(std::make_unique<GlobalAveragePooling2D>(), { 10 });
    EXPECT_TRUE(mentions(gap, "globalaveragepooling2d_1")) << gap;
    const std::string rate = shapeErrorOf(std::make_unique<Dropout>(1.0f), { 10 });
    EXPECT_TRUE(mentions(rate, "rate")) << rate;
    const std::string axis = shapeErrorOf(std::make_unique<BatchNormalization>(0.99f, 1e-3f, true, true, 1), { 4, 4, 2 });
    EXPECT_TRUE(mentions(axis, "last axis")) << axis;
    const std::string flat = shapeErrorOf(std::make_unique<Flatten>(), Shape {});
    EXPECT_NE(flat, "(no error)");
}
