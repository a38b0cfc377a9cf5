// SPDX-License-Identifier: GPL-3.0-or-later
// Conv2D's direct convolution (nn/DirectConv.h, #23 item 2) against a convolution summed in double
// precision, over kernels from 1x1 to 7x7, strides 1 to 3, same and valid padding, odd sizes, one
// and three input channels, filter counts that no copy's block divides, images smaller than a band
// (several images a band) and larger (several bands an image); every copy of the band loop and any
// thread count give the same bits; and the rule picks what bench_layers measured fastest.
#include "ConvReference.h"
#include "GradCheck.h"

#include "nn/Conv2D.h"
#include "nn/ConvAlgorithm.h"
#include "nn/DirectConv.h"
#include "util/Threads.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

using namespace ws;

namespace ws {
// For GoogleTest's messages: "Direct", not "4-byte object <04-00 00-00>".
void PrintTo(ConvAlgorithm algorithm, std::ostream* os)
{
    constexpr const char* names[] = { "Auto", "Im2col", "Winograd2", "Winograd4", "Direct" };
    *os << names[int(algorithm)];
}
} // namespace ws

namespace {

struct Case {
    int64_t n, h, w, c, f;
    Size2 kernel, strides;
    Padding padding;
    bool bias;
};

std::string describe(const Case& k)
{
    std::ostringstream s;
    s << k.n << "x" << k.h << "x" << k.w << "x" << k.c << " -> " << k.f << ", kernel " << size2ToString(k.kernel)
      << ", strides " << size2ToString(k.strides) << ", " << paddingName(k.padding) << (k.bias ? ", bias" : ", no bias");
    return s.str();
}

using Restore = ws::test::RestoreConvSettings;
using ws::test::relativeError;

struct Conv : ws::test::ConvUnderTest {
    explicit Conv(const Case& k)
        : ConvUnderTest(k.n, k.h, k.w, k.c, k.f, k.kernel, k.strides, k.padding, k.bias, 21)
    {
    }

    // The geometry Conv2D hands to directForward, from Window2D.h's definition of the padding.
    DirectGeometry geometry()
    {
        Conv2D& conv = layer();
        const WindowAxis rows = windowAxis(x.dim(1), conv.kernelSize().h, conv.strides().h, conv.padding());
        const WindowAxis cols = windowAxis(x.dim(2), conv.kernelSize().w, conv.strides().w, conv.padding());
        return { x.dim(1), x.dim(2), x.dim(3), rows.out, cols.out, conv.filters(), conv.kernelSize().h,
            conv.kernelSize().w, conv.strides().h, conv.strides().w, rows.padBefore, cols.padBefore };
    }
};

bool sameBits(const float* a, const float* b, int64_t size)
{
    return std::memcmp(a, b, size_t(size) * sizeof(float)) == 0;
}

const std::vector<Case> kCases = {
    { 1, 1, 1, 1, 1, { 3, 3 }, { 1, 1 }, Padding::Same, true },    // one pixel, the rest of the window is padding
    { 5, 2, 2, 3, 4, { 3, 3 }, { 1, 1 }, Padding::Same, false },   // five images in one band
    { 3, 28, 28, 1, 32, { 3, 3 }, { 1, 1 }, Padding::Same, true }, // the CNN's first layer: several bands an image
    { 2, 28, 28, 1, 32, { 5, 5 }, { 1, 1 }, Padding::Same, true }, // tf-cnn's
    { 2, 32, 32, 3, 32, { 3, 3 }, { 1, 1 }, Padding::Same, true }, // an RGB stem
    { 2, 9, 7, 3, 5, { 3, 3 }, { 2, 2 }, Padding::Same, true },    // strides, odd sizes, 5 filters
    { 2, 9, 7, 3, 5, { 3, 3 }, { 2, 2 }, Padding::Valid, false },
    { 3, 11, 13, 2, 40, { 5, 3 }, { 1, 2 }, Padding::Same, true }, // 40 = 32 + 8 filters, a rectangle
    { 2, 23, 19, 3, 33, { 7, 7 }, { 2, 2 }, Padding::Same, true }, // ResNet's stem, smaller
    { 2, 10, 10, 4, 17, { 2, 2 }, { 3, 3 }, Padding::Valid, true }, // strides larger than the kernel
    { 4, 6, 6, 16, 24, { 1, 1 }, { 1, 1 }, Padding::Valid, true },  // 1x1
    { 2, 14, 14, 32, 64, { 5, 5 }, { 1, 1 }, Padding::Same, true }, // tf-cnn's second layer
    { 7, 7, 7, 70, 48, { 3, 3 }, { 1, 1 }, Padding::Same, false },  // several images a band, the last one short
};

// Measured over kCases (GCC 12, AVX-512), max |y - reference| / max |reference|: the direct
// convolution 1.3e-6, worst at 14x14x32 -> 64 with a 5x5 kernel, where each output is one running
// sum of 800 terms; im2col 6.5e-7, whose GEMM sums blocks of 128 (AVX-512) and then adds the
// blocks. The bound leaves room for other compilers.
constexpr double kDirectBound = 3e-6;

// A convolution with a square kernel and strides, as the rule sees it.
ConvCase conv(int64_t kernel, int64_t stride, int64_t outH, int64_t outW, int64_t c, int64_t f, bool training = false)
{
    return { { kernel, kernel }, { stride, stride }, outH, outW, c, f, training };
}

} // namespace

TEST(DirectConv, MatchesTheConvolutionInDoubleOnEveryShape)
{
    Restore restore;
    double worst = 0, worstIm2col = 0;
    for (const Case& k : kCases) {
        Conv conv(k);
        const Tensor direct = conv.forward(ConvAlgorithm::Direct, 1);
        const Tensor im2col = conv.forward(ConvAlgorithm::Im2col, 1);
        ASSERT_EQ(direct.shape(), im2col.shape()) << describe(k);
        const std::vector<double> want = conv.inDouble();
        const double e = relativeError(direct, want), e0 = relativeError(im2col, want);
        EXPECT_LT(e, kDirectBound) << describe(k);
        worst = std::max(worst, e);
        worstIm2col = std::max(worstIm2col, e0);
    }
    std::printf("max relative error: direct %.2g, im2col %.2g (%s)\n", worst, worstIm2col, directVariant());
}

TEST(DirectConv, EveryCopyAndThreadCountGivesTheSameBits)
{
    Restore restore;
    for (const Case& k : kCases) {
        Conv conv(k);
        const Tensor want = conv.forward(ConvAlgorithm::Direct, 1);
        const DirectGeometry g = conv.geometry();
        Conv2D& layer = conv.layer();
        const float* bias = layer.useBias() ? layer.bias().value.data() : nullptr;
        for (const char* variant : directVariants())
            for (int threads : { 1, 2, 3 }) {
                setThreadCount(threads);
                Tensor y(want.shape());
                DirectScratch scratch;
                directForward(g, k.n, conv.x.data(), layer.kernel().value.data(), bias, y.data(), scratch, variant);
                EXPECT_TRUE(sameBits(y.data(), want.data(), want.size()))
                    << describe(k) << ": " << variant << " on " << threads << " threads";
            }
    }
}

TEST(DirectConv, ReusedScratchGivesTheSameOutputForAnotherBatchSize)
{
    // Bands of several images hold fewer of them in a smaller batch; a batch after a larger one
    // must not read stale rows.
    Restore restore;
    setConvAlgorithm(ConvAlgorithm::Direct);
    setThreadCount(1);
    const Case k { 7, 7, 7, 70, 48, { 3, 3 }, { 1, 1 }, Padding::Same, true };
    Conv conv(k);
    const auto [all, one] = conv.batchThenFirstSample();
    ASSERT_EQ(one.size() * k.n, all.size());
    EXPECT_TRUE(sameBits(one.data(), all.data(), one.size()));
}

// A backward after a direct forward makes its own cols:
// Winograd.BackwardAfterAWinogradOrDirectForwardDoesNotReuseOlderCols.

// Inside an outer parallel region (evaluate() and predict give each thread whole batches), a
// thread that set no count of its own may get one thread and so one band, while its number in
// the outer team is 1: it must take band 0, not band 1 (an out-of-bounds write, which the asan
// stage sees, and a wrong output otherwise).
TEST(DirectConv, EachThreadOfAnOuterTeamUsesABandOfItsOwnScratch)
{
    Restore restore;
    setConvAlgorithm(ConvAlgorithm::Direct);
    setThreadCount(1);
    setDefaultThreadCount(1); // the outer team's second thread sets none: it gets 1
    const Case k { 3, 20, 18, 3, 8, { 3, 3 }, { 1, 1 }, Padding::Same, true };
    Conv conv(k);
    Workspace one = conv.model.makeWorkspace();
    const Tensor want = conv.model.forward(conv.x, one, false);
    Workspace lanes[2] = { conv.model.makeWorkspace(), conv.model.makeWorkspace() };
    Tensor got[2];
#pragma omp parallel num_threads(2)
    {
        const int t = omp_get_thread_num();
        got[t] = conv.model.forward(conv.x, lanes[t], false);
    }
    setDefaultThreadCount(0);
    EXPECT_TRUE(sameBits(got[0].data(), want.data(), want.size()));
    EXPECT_TRUE(sameBits(got[1].data(), want.data(), want.size()));
}

TEST(DirectConv, TheRulePicksWhatTheBenchmarkMeasuredFastest)
{
    // docs/benchmarks.md, "The direct convolution": (kernel, stride, OH, OW, C, F) -> the
    // fastest algorithm in the table, except where runs disagreed: 5x5 over 32 channels and the
    // stride-2 layers (ties, settled as the rule says there), and F(2x2) against F(4x4) at 14x14,
    // which the Winograd rule decides from its own table.
    Restore restore;
    setConvAlgorithm(ConvAlgorithm::Auto);
    if (std::strcmp(directVariant(), "baseline") == 0)
        GTEST_SKIP() << "no FMA: the rule keeps im2col, and the table was measured with AVX-512";
    using enum ConvAlgorithm;
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 28, 28, 1, 32)), Direct);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 28, 28, 3, 32)), Direct);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 32, 32, 3, 32)), Direct);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 28, 28, 8, 32)), Direct);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 28, 28, 16, 32)), Winograd4);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 14, 14, 32, 64)), Winograd2);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 56, 56, 64, 64)), Winograd4);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 1, 1, 512, 512)), Im2col);
    EXPECT_EQ(chooseConvAlgorithm(conv(5, 1, 28, 28, 1, 32)), Direct);
    EXPECT_EQ(chooseConvAlgorithm(conv(5, 1, 28, 28, 3, 32)), Direct);
    EXPECT_EQ(chooseConvAlgorithm(conv(5, 1, 28, 28, 8, 32)), Direct);
    EXPECT_EQ(chooseConvAlgorithm(conv(5, 1, 14, 14, 32, 64)), Direct);
    EXPECT_EQ(chooseConvAlgorithm(conv(7, 2, 112, 112, 3, 64)), Direct);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 2, 28, 28, 64, 128)), Im2col);
    EXPECT_EQ(chooseConvAlgorithm(conv(1, 2, 28, 28, 64, 128)), Im2col);
}

TEST(DirectConv, TrainingPassesNeverRunIt)
{
    // Training keeps the rule it had before the direct convolution: Winograd for 3x3 stride 1 from
    // 16 channels on, im2col elsewhere; a forced direct convolution runs im2col there.
    Restore restore;
    setConvAlgorithm(ConvAlgorithm::Auto);
    using enum ConvAlgorithm;
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 28, 28, 1, 32, true)), Im2col);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 28, 28, 16, 32, true)), Winograd4);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 14, 14, 32, 64, true)), Winograd2);
    EXPECT_EQ(chooseConvAlgorithm(conv(5, 1, 28, 28, 1, 32, true)), Im2col);
    EXPECT_EQ(chooseConvAlgorithm(conv(7, 2, 112, 112, 3, 64, true)), Im2col);
    setConvAlgorithm(ConvAlgorithm::Direct);
    EXPECT_EQ(chooseConvAlgorithm(conv(5, 1, 28, 28, 1, 32, true)), Im2col);
}

TEST(DirectConv, ForcedWinogradRunsIm2colWhereWinogradDoesNotApply)
{
    Restore restore;
    setConvAlgorithm(ConvAlgorithm::Winograd4);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 1, 28, 28, 32, 32)), ConvAlgorithm::Winograd4);
    EXPECT_EQ(chooseConvAlgorithm(conv(5, 1, 28, 28, 1, 32)), ConvAlgorithm::Im2col);
    EXPECT_EQ(chooseConvAlgorithm(conv(3, 2, 14, 14, 32, 32)), ConvAlgorithm::Im2col);
    setConvAlgorithm(ConvAlgorithm::Direct);
    EXPECT_EQ(chooseConvAlgorithm(conv(7, 2, 112, 112, 3, 64)), ConvAlgorithm::Direct);
}
