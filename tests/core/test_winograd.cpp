// SPDX-License-Identifier: GPL-3.0-or-later
// Conv2D's Winograd forward (nn/Winograd.h, #23 item 2) against a direct convolution summed in
// double precision and against the im2col path, over shapes that exercise the borders: same and
// valid padding, odd sizes (partial tiles), 1x1 and 2x2 images, one channel or filter, several
// blocks of tiles; and the same bits for any thread count.
#include "ConvReference.h"
#include "GradCheck.h"

#include "nn/Conv2D.h"
#include "nn/ConvAlgorithm.h"
#include "nn/Winograd.h"
#include "util/Threads.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

using namespace ws;

namespace {

struct Case {
    int64_t n, h, w, c, f;
    Padding padding;
    bool bias;
};

std::string describe(const Case& k)
{
    std::ostringstream s;
    s << k.n << "x" << k.h << "x" << k.w << "x" << k.c << " -> " << k.f << " " << paddingName(k.padding)
      << (k.bias ? " bias" : " no bias");
    return s.str();
}

using Restore = ws::test::RestoreConvSettings;
using ws::test::relativeError;

// 3x3 at stride 1, the only kernel Winograd takes.
struct Conv : ws::test::ConvUnderTest {
    explicit Conv(const Case& k)
        : ConvUnderTest(k.n, k.h, k.w, k.c, k.f, { 3, 3 }, { 1, 1 }, k.padding, k.bias, 11)
    {
    }
};

bool sameBits(const Tensor& a, const Tensor& b)
{
    return a.shape() == b.shape() && std::memcmp(a.data(), b.data(), size_t(a.size()) * sizeof(float)) == 0;
}

const std::vector<Case> kCases = {
    { 1, 1, 1, 1, 1, Padding::Same, true },      // one pixel: the whole window but its centre is padding
    { 1, 2, 2, 3, 4, Padding::Same, false },
    { 5, 2, 2, 1, 1, Padding::Same, true },
    { 1, 3, 3, 1, 1, Padding::Valid, true },     // one output
    { 5, 7, 9, 3, 5, Padding::Same, true },      // odd sizes: partial tiles at the bottom and right
    { 5, 7, 9, 3, 5, Padding::Valid, false },
    { 1, 6, 5, 1, 32, Padding::Same, true },     // the small CNNs' first layer, C = 1
    { 2, 13, 11, 16, 8, Padding::Valid, true },
    { 1, 17, 5, 33, 1, Padding::Same, true },    // more than one lane block of channels, F = 1
    { 2, 14, 14, 32, 64, Padding::Same, true },  // the CNN's second layer at half size
    { 2, 7, 7, 70, 40, Padding::Same, true },    // ResNet's last stage, fewer channels
    { 3, 12, 12, 128, 512, Padding::Same, true }, // two blocks of tiles for F(2x2)
    { 6, 16, 16, 256, 64, Padding::Valid, false }, // two blocks of tiles for F(4x4)
};

// Measured over kCases (GCC 12, the AVX-512 GEMM), max |y - direct| / max |direct|: im2col
// 6.0e-7, F(2x2, 3x3) 7.7e-7, F(4x4, 3x3) 1.3e-5, each worst at 16x16x256 -> 64 valid. F(4x4)'s
// larger transform coefficients (up to 8 in A, 1/24 in G) cost it about 20 times im2col's error.
// The bounds leave room for the other GEMM variants and compilers.
constexpr double kIm2colBound = 1e-6;
constexpr double kWinograd2Bound = 1.5e-6;
constexpr double kWinograd4Bound = 3e-5;

// A 3x3 stride-1 convolution with this output size, C inputs and F filters, as the rule sees it.
ConvCase conv3x3(int64_t outH, int64_t outW, int64_t c, int64_t f) { return { { 3, 3 }, { 1, 1 }, outH, outW, c, f }; }

} // namespace

TEST(Winograd, MatchesTheDirectConvolutionOnEveryShape)
{
    Restore restore;
    double worst2 = 0, worst4 = 0, worstIm2col = 0;
    for (const Case& k : kCases) {
        Conv conv(k);
        const Tensor im2col = conv.forward(ConvAlgorithm::Im2col, 1);
        const Tensor f2 = conv.forward(ConvAlgorithm::Winograd2, 1);
        const Tensor f4 = conv.forward(ConvAlgorithm::Winograd4, 1);
        ASSERT_EQ(f2.shape(), im2col.shape()) << describe(k);
        ASSERT_EQ(f4.shape(), im2col.shape()) << describe(k);
        const std::vector<double> want = conv.inDouble();
        const double e0 = relativeError(im2col, want), e2 = relativeError(f2, want), e4 = relativeError(f4, want);
        EXPECT_LT(e0, kIm2colBound) << describe(k) << ": im2col";
        EXPECT_LT(e2, kWinograd2Bound) << describe(k) << ": F(2x2, 3x3)";
        EXPECT_LT(e4, kWinograd4Bound) << describe(k) << ": F(4x4, 3x3)";
        worstIm2col = std::max(worstIm2col, e0);
        worst2 = std::max(worst2, e2);
        worst4 = std::max(worst4, e4);
    }
    std::printf("max relative error: im2col %.2g, F(2x2, 3x3) %.2g, F(4x4, 3x3) %.2g\n", worstIm2col, worst2, worst4);
}

TEST(Winograd, GivesTheSameBitsOnOneAndTwoThreads)
{
    Restore restore;
    for (const Case& k : kCases)
        for (ConvAlgorithm algorithm : { ConvAlgorithm::Winograd2, ConvAlgorithm::Winograd4 }) {
            Conv conv(k);
            const Tensor one = conv.forward(algorithm, 1), two = conv.forward(algorithm, 2);
            EXPECT_TRUE(sameBits(one, two)) << describe(k) << (algorithm == ConvAlgorithm::Winograd2 ? " F(2x2)" : " F(4x4)");
        }
}

TEST(Winograd, ReusedScratchGivesTheSameOutputForAnotherBatchSize)
{
    // The scratch grows and shrinks its blocks with the batch; a batch after a larger one must
    // not read stale tiles.
    Restore restore;
    setConvAlgorithm(ConvAlgorithm::Winograd4);
    setThreadCount(1);
    const Case k { 6, 16, 16, 256, 64, Padding::Same, true };
    Conv conv(k);
    const auto [all, one] = conv.batchThenFirstSample();
    ASSERT_EQ(one.size() * k.n, all.size());
    EXPECT_EQ(std::memcmp(one.data(), all.data(), size_t(one.size()) * sizeof(float)), 0);
}

TEST(Winograd, BackwardAfterAWinogradOrDirectForwardDoesNotReuseOlderCols)
{
    // A training forward (im2col) keeps its cols for backward, marked with its input's address.
    // A Winograd or direct forward (nn/DirectConv.h) fills no cols: a backward after it, on new
    // values at that address, must make its own rather than reuse the older ones.
    for (ConvAlgorithm algorithm : { ConvAlgorithm::Winograd2, ConvAlgorithm::Direct }) {
        Restore restore;
        setThreadCount(1);
        const Case k { 2, 9, 8, 3, 4, Padding::Same, true };
        Conv conv(k);
        Layer& layer = conv.model.layer(0);
        const Tensor a = conv.x;
        Tensor b = conv.x;
        for (int64_t i = 0; i < b.size(); ++i)
            b[i] = 0.5f - b[i];
        Tensor dy({ k.n, k.h, k.w, k.f });
        Rng rng(3);
        ws::test::fillRandom(dy, rng);

        // What backward gives for input b.
        setConvAlgorithm(ConvAlgorithm::Im2col);
        Workspace fresh = conv.model.makeWorkspace();
        Tensor x = b, y, dx;
        layer.forward(x, y, fresh.scratch[0].get(), Pass { true });
        conv.model.zeroGrad();
        layer.backward(x, y, dy, &dx, fresh.scratch[0].get());
        const Tensor want = conv.model.params()[0]->grad;

        // A training forward of a, then an inference forward of b in the same tensor.
        Workspace ws = conv.model.makeWorkspace();
        x = a;
        const float* address = x.data();
        layer.forward(x, y, ws.scratch[0].get(), Pass { true });
        std::copy_n(b.data(), b.size(), x.data());
        ASSERT_EQ(x.data(), address);
        setConvAlgorithm(algorithm);
        layer.forward(x, y, ws.scratch[0].get(), Pass {});
        conv.model.zeroGrad();
        layer.backward(x, y, dy, &dx, ws.scratch[0].get());
        const Tensor& got = conv.model.params()[0]->grad;
        for (int64_t i = 0; i < want.size(); ++i)
            ASSERT_EQ(got[i], want[i])
                << "kernel gradient " << i << (algorithm == ConvAlgorithm::Direct ? " (direct)" : "");
    }
}

TEST(Winograd, TheRulePicksWhatTheBenchmarkMeasuredFastest)
{
    // docs/benchmarks.md, "Winograd for 3x3 convolutions": (OH, OW, C, F) -> the rule's pick.
    // Fewer channels: DirectConv.TheRulePicksWhatTheBenchmarkMeasuredFastest.
    Restore restore;
    setConvAlgorithm(ConvAlgorithm::Auto);
    EXPECT_EQ(chooseConvAlgorithm(conv3x3(14, 14, 32, 64)), ConvAlgorithm::Winograd2);
    EXPECT_EQ(chooseConvAlgorithm(conv3x3(56, 56, 64, 64)), ConvAlgorithm::Winograd4);
    EXPECT_EQ(chooseConvAlgorithm(conv3x3(28, 28, 128, 128)), ConvAlgorithm::Winograd4);
    EXPECT_EQ(chooseConvAlgorithm(conv3x3(14, 14, 256, 256)), ConvAlgorithm::Winograd2);
    EXPECT_EQ(chooseConvAlgorithm(conv3x3(7, 7, 512, 512)), ConvAlgorithm::Winograd4);
    EXPECT_EQ(chooseConvAlgorithm(conv3x3(8, 8, 64, 64)), ConvAlgorithm::Winograd4);
    EXPECT_EQ(chooseConvAlgorithm(conv3x3(4, 4, 128, 128)), ConvAlgorithm::Winograd2);
    EXPECT_EQ(chooseConvAlgorithm(conv3x3(2, 2, 256, 256)), ConvAlgorithm::Winograd2);
    EXPECT_EQ(chooseConvAlgorithm(conv3x3(1, 1, 512, 512)), ConvAlgorithm::Im2col);
    setConvAlgorithm(ConvAlgorithm::Im2col); // a forced algorithm wins over the rule
    EXPECT_EQ(chooseConvAlgorithm(conv3x3(56, 56, 64, 64)), ConvAlgorithm::Im2col);
}

namespace {

// A training pass of the single Conv2D: its output, dL/dx and kernel and bias gradients for a
// fixed dL/dy, with `algorithm` forced.
struct TrainingPass {
    Tensor y, dx, dKernel, dBias;
};

TrainingPass trainingPass(ws::test::ConvUnderTest& conv, const Tensor& dy, ConvAlgorithm algorithm, int threads)
{
    setConvAlgorithm(algorithm);
    setThreadCount(threads);
    Workspace ws = conv.model.makeWorkspace();
    Layer& layer = conv.model.layer(0);
    TrainingPass out;
    layer.forward(conv.x, out.y, ws.scratch[0].get(), Pass { true });
    conv.model.zeroGrad();
    layer.backward(conv.x, out.y, dy, &out.dx, ws.scratch[0].get());
    auto& c = static_cast<Conv2D&>(layer);
    out.dKernel = c.kernel().grad;
    if (c.useBias())
        out.dBias = c.bias().grad;
    return out;
}

// dL/dx in double: each output's gradient times the kernel, back through the window.
std::vector<double> directInputGradient(ws::test::ConvUnderTest& conv, const Tensor& dy)
{
    auto& c = static_cast<Conv2D&>(conv.model.layer(0));
    const Tensor& K = c.kernel().value;
    const Tensor& x = conv.x;
    const int64_t N = x.dim(0), H = x.dim(1), W = x.dim(2), C = x.dim(3);
    const int64_t OH = dy.dim(1), OW = dy.dim(2), F = dy.dim(3);
    const int64_t pt = c.pads() ? c.pads()->top : windowAxis(H, 3, 1, c.padding()).padBefore;
    const int64_t pl = c.pads() ? c.pads()->left : windowAxis(W, 3, 1, c.padding()).padBefore;
    std::vector<double> dx(static_cast<size_t>(x.size()), 0.0);
    for (int64_t n = 0; n < N; ++n)
        for (int64_t oh = 0; oh < OH; ++oh)
            for (int64_t ow = 0; ow < OW; ++ow)
                for (int64_t i = 0; i < 3; ++i)
                    for (int64_t j = 0; j < 3; ++j) {
                        const int64_t h = oh - pt + i, w = ow - pl + j;
                        if (h < 0 || h >= H || w < 0 || w >= W)
                            continue;
                        for (int64_t ch = 0; ch < C; ++ch) {
                            double sum = 0;
                            for (int64_t f = 0; f < F; ++f)
                                sum += double(dy[((n * OH + oh) * OW + ow) * F + f]) * K[((i * 3 + j) * C + ch) * F + f];
                            dx[size_t(((n * H + h) * W + w) * C + ch)] += sum;
                        }
                    }
    return dx;
}

} // namespace

// Training runs Winograd too (session 17): the forward, and dL/dx as a convolution of dL/dy with
// the kernel turned half a turn (its padding 2 - pad). Both against sums in double, within the
// forward's bounds, and the same bits on two threads; the kernel and bias gradients, which come
// from im2col's cols either way, the same bits as im2col's.
TEST(Winograd, TrainingForwardAndInputGradientMatchTheDirectSums)
{
    Restore restore;
    double worst[2] = { 0, 0 };
    for (const Case& k : kCases) {
        Conv conv(k);
        const int64_t oh = k.padding == Padding::Same ? k.h : k.h - 2, ow = k.padding == Padding::Same ? k.w : k.w - 2;
        Tensor dy({ k.n, oh, ow, k.f });
        Rng rng(21);
        ws::test::fillRandom(dy, rng);
        const TrainingPass ref = trainingPass(conv, dy, ConvAlgorithm::Im2col, 1);
        const std::vector<double> wantY = conv.inDouble(), wantDx = directInputGradient(conv, dy);
        EXPECT_LT(relativeError(ref.dx, wantDx), kIm2colBound) << describe(k) << ": im2col dx";
        for (ConvAlgorithm algorithm : { ConvAlgorithm::Winograd2, ConvAlgorithm::Winograd4 }) {
            const bool four = algorithm == ConvAlgorithm::Winograd4;
            const double bound = four ? kWinograd4Bound : kWinograd2Bound;
            const TrainingPass got = trainingPass(conv, dy, algorithm, 1);
            const std::string what = describe(k) + (four ? ": F(4x4)" : ": F(2x2)");
            const double ey = relativeError(got.y, wantY), edx = relativeError(got.dx, wantDx);
            EXPECT_LT(ey, bound) << what << " y";
            EXPECT_LT(edx, bound) << what << " dx";
            worst[four] = std::max({ worst[four], ey, edx });
            EXPECT_TRUE(sameBits(got.dKernel, ref.dKernel)) << what << " kernel gradient";
            if (k.bias) {
                EXPECT_TRUE(sameBits(got.dBias, ref.dBias)) << what << " bias gradient";
            }
            const TrainingPass two = trainingPass(conv, dy, algorithm, 2);
            // The kernel gradient is summed per thread's part of the batch, so its bits follow the
            // thread count (as im2col's do); y and dx must not.
            EXPECT_TRUE(sameBits(two.y, got.y)) << what << " y on two threads";
            EXPECT_TRUE(sameBits(two.dx, got.dx)) << what << " dx on two threads";
        }
    }
    std::printf("training, max relative error of y and dx: F(2x2, 3x3) %.2g, F(4x4, 3x3) %.2g\n", worst[0], worst[1]);
}

// #16: a convolution's own pads (an ONNX Conv's, such as PyTorch's symmetric padding of a
// stride-2 kernel, or any other) instead of valid/same, with no ZeroPadding2D copy in front: every
// algorithm's forward, and training's input gradient by Winograd, against the sums in double.
TEST(Conv2D, ExplicitPadsMatchTheDirectSumsInEveryAlgorithm)
{
    Restore restore;
    struct PadCase {
        int64_t h, w, c, f;
        Size2 strides;
        Padding2D pads;
    };
    const PadCase cases[] = {
        { 9, 7, 16, 16, { 1, 1 }, { 1, 1, 1, 1 } }, // = same
        { 9, 7, 16, 16, { 1, 1 }, { 0, 2, 2, 0 } }, // all below and left
        { 8, 8, 16, 24, { 1, 1 }, { 2, 1, 0, 1 } },
        { 8, 8, 3, 16, { 2, 2 }, { 1, 1, 1, 1 } },  // PyTorch's stride-2 stem: TensorFlow's same pads 0 and 1
        { 7, 6, 4, 8, { 2, 2 }, { 0, 3, 1, 0 } },   // a pad beyond the kernel's reach
        { 6, 6, 16, 16, { 1, 1 }, { 3, 0, 0, 3 } }, // the same at stride 1: Winograd's dx would pad by -1
    };
    for (const PadCase& k : cases) {
        ws::test::ConvUnderTest conv(2, k.h, k.w, k.c, k.f, { 3, 3 }, k.strides, Padding::Valid, true, 5, k.pads);
        const std::vector<double> want = conv.inDouble();
        const std::string what = std::to_string(k.h) + "x" + std::to_string(k.w) + " stride " + std::to_string(k.strides.h)
            + " pads " + std::to_string(k.pads.top) + "," + std::to_string(k.pads.bottom) + "," + std::to_string(k.pads.left)
            + "," + std::to_string(k.pads.right);
        const int64_t oh = (k.h + k.pads.top + k.pads.bottom - 3) / k.strides.h + 1;
        const int64_t ow = (k.w + k.pads.left + k.pads.right - 3) / k.strides.w + 1;
        for (ConvAlgorithm algorithm :
            { ConvAlgorithm::Im2col, ConvAlgorithm::Winograd2, ConvAlgorithm::Winograd4, ConvAlgorithm::Direct }) {
            const Tensor y = conv.forward(algorithm, 1);
            ASSERT_EQ(y.shape(), (Shape { 2, oh, ow, k.f })) << what;
            EXPECT_LT(relativeError(y, want), kWinograd4Bound) << what << ", algorithm " << int(algorithm);
        }
        if (k.strides.h != 1)
            continue;
        Tensor dy({ 2, oh, ow, k.f });
        Rng rng(21);
        ws::test::fillRandom(dy, rng);
        const std::vector<double> wantDx = directInputGradient(conv, dy);
        for (ConvAlgorithm algorithm : { ConvAlgorithm::Im2col, ConvAlgorithm::Winograd2, ConvAlgorithm::Winograd4 }) {
            const TrainingPass got = trainingPass(conv, dy, algorithm, 1);
            EXPECT_LT(relativeError(got.dx, wantDx), kWinograd4Bound) << what << " dx, algorithm " << int(algorithm);
        }
    }
}
