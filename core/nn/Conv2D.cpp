// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Conv2D.h"

#include "nn/ConvAlgorithm.h"
#include "nn/DirectConv.h"
#include "nn/Winograd.h"
#include "tensor/Gemm.h"
#include "util/TargetClones.h"
#include "util/Threads.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <vector>

namespace ws {

namespace {

// Unaligned views: chunks start at arbitrary rows of y/dy.
using RowMap = Eigen::Map<MatrixRM>;
using ConstRowMap = Eigen::Map<const MatrixRM>;

// Upper bound on the im2col buffer, in floats (16 MiB). A batch whose cols fit is done in one
// pass and backward reuses forward's cols; larger batches are cut into chunks of samples and
// backward recomputes each chunk's cols (a copy, cheap next to the GEMMs). Measured on the
// Fashion-MNIST CNN (5x5x32 then 5x5x64, batch 128), 16 MiB is as fast as 64 MiB.
constexpr int64_t kColsBudget = int64_t(1) << 22;

// A block of samples gets about this many floats of cols and output (1 MiB): one or a few
// samples of the CNNs here, which keeps a block in the 2 MiB level-2 cache between im2col, the
// product and what reads its output.
constexpr int64_t kBlockBudget = int64_t(1) << 18;

struct Conv2DScratch final : LayerScratch {
    MatrixRM cols;  // (rows of one chunk, K)
    // Set when cols holds the im2col of a whole batch (one chunk) read from this input.
    const float* colsOf = nullptr;
    int64_t colsBatch = 0;
    // What each thread (part of the batch) works in.
    struct Part {
        MatrixRM y;       // (rows of one block, F): the output or dL/dy of a block in fused passes
        MatrixRM cols;    // (rows of one block, K): the block's im2col when the batch's cols are not kept
        MatrixRM dcols;   // (rows of one block, K)
        MatrixRM dKernel; // (K, F): partial kernel gradient
        Eigen::VectorXf dBias; // (F): partial bias gradient
    };
    std::vector<Part> parts;
    WinogradScratch winograd; // forwards and input gradients of 3x3 stride-1 kernels (nn/Winograd.h)
    std::vector<float> flipped; // (3, 3, F, C): the kernel turned half a turn, for the input gradient
    DirectScratch direct;       // inference forwards by the direct convolution (nn/DirectConv.h)
    // The kernel packed once per pass for the blocks' products, (K, F) forward and transposed for
    // the input gradient, when a thread runs more than one block (packsOnce). Packed by each
    // product, the tutorial CNN's 800 x 64 kernel was copied (and for the input gradient
    // transposed) for every sample, 7 % of a training step. With a block a thread, packing it
    // first is a serial copy of the whole kernel that each product would have done on its own
    // thread in pieces that stay in the cache: ResNet-18 at 32 x 32, whose last layers run one
    // block of the batch, fell from 2,540-2,760 to 1,825-1,956 samples/s.
    GemmPackedB kernel;
};

int partsFor(int64_t samples)
{
    return int(std::clamp<int64_t>(threadCount(), 1, std::max<int64_t>(samples, 1)));
}

// Whether some part of a chunk of `samples` (forEachPart's split) runs more than one block.
bool packsOnce(int64_t samples, int64_t block)
{
    const int parts = partsFor(samples);
    return (samples + parts - 1) / parts > block;
}

template <class Fn> void forEachPart(int64_t samples, Fn&& fn)
{
    // Samples are split across threads, each running im2col and a single-threaded GEMM on its
    // share (Eigen does not spawn threads inside a parallel region). Splitting the GEMMs
    // themselves performs badly for the kernel gradient: a (K, F) result summed over N*OH*OW
    // rows makes Eigen's parallel GEMM synchronise once per depth block.
    const int n = partsFor(samples);
    if (n == 1) {
        fn(int64_t(0), samples, 0); // Eigen may still parallelise this GEMM itself
        return;
    }
#pragma omp parallel for num_threads(n) schedule(static, 1)
    for (int p = 0; p < n; ++p)
        fn(samples * p / n, samples * (p + 1) / n, p);
}

// The geometry im2col and col2im need.
struct ConvShape {
    int64_t h, w, c, oh, ow, kh, kw, strideH, strideW, padTop, padLeft;
};

// im2col and col2im, each compiled for AVX-512, AVX2 and the baseline and picked at run time
// (util/TargetClones.h). A kernel row (KW*C floats: 96 for 3x3 over 32 channels) is moved by
// an inline loop, not a memcpy call (Conv2D.cpp is built with -fno-tree-loop-distribute-patterns,
// so GCC keeps these loops): im2col of ResNet-style 3x3x32 layers made 150,000 such calls a
// batch, and for the one-channel first layers (3 floats a row) the calls alone took 7 % of an
// epoch. The values moved are the same in every variant.

WS_TARGET_CLONES void im2colSamples(const float* __restrict x, int64_t count, const ConvShape& g, float* __restrict cols)
{
    const int64_t KH = g.kh, KW = g.kw, C = g.c, W = g.w, H = g.h;
    const int64_t rowLen = KW * C; // one kernel row is contiguous in both x and cols
    float* dst = cols;
    for (int64_t n = 0; n < count; ++n) {
        const float* img = x + n * H * W * C;
        for (int64_t oh = 0; oh < g.oh; ++oh) {
            const int64_t ih0 = oh * g.strideH - g.padTop;
            for (int64_t ow = 0; ow < g.ow; ++ow) {
                const int64_t iw0 = ow * g.strideW - g.padLeft;
                const int64_t lo = std::max<int64_t>(0, -iw0);     // first kernel column inside
                const int64_t hi = std::min<int64_t>(KW, W - iw0); // one past the last
                for (int64_t ki = 0; ki < KH; ++ki, dst += rowLen) {
                    const int64_t ih = ih0 + ki;
                    if (ih < 0 || ih >= H || lo >= hi) {
                        for (int64_t i = 0; i < rowLen; ++i)
                            dst[i] = 0.0f;
                        continue;
                    }
                    const float* src = img + (ih * W + iw0 + lo) * C;
                    for (int64_t i = 0; i < lo * C; ++i)
                        dst[i] = 0.0f;
                    for (int64_t i = 0; i < (hi - lo) * C; ++i)
                        dst[lo * C + i] = src[i];
                    for (int64_t i = hi * C; i < rowLen; ++i)
                        dst[i] = 0.0f;
                }
            }
        }
    }
}

WS_TARGET_CLONES void col2imSamples(const float* __restrict cols, int64_t count, const ConvShape& g, float* __restrict dx)
{
    const int64_t KH = g.kh, KW = g.kw, C = g.c, W = g.w, H = g.h;
    const int64_t rowLen = KW * C;
    const float* src = cols;
    for (int64_t n = 0; n < count; ++n) {
        float* img = dx + n * H * W * C;
        for (int64_t oh = 0; oh < g.oh; ++oh) {
            const int64_t ih0 = oh * g.strideH - g.padTop;
            for (int64_t ow = 0; ow < g.ow; ++ow) {
                const int64_t iw0 = ow * g.strideW - g.padLeft;
                const int64_t lo = std::max<int64_t>(0, -iw0);
                const int64_t hi = std::min<int64_t>(KW, W - iw0);
                for (int64_t ki = 0; ki < KH; ++ki, src += rowLen) {
                    const int64_t ih = ih0 + ki;
                    if (ih < 0 || ih >= H || lo >= hi)
                        continue;
                    float* out = img + (ih * W + iw0 + lo) * C;
                    const float* in = src + lo * C;
                    const int64_t len = (hi - lo) * C;
                    for (int64_t i = 0; i < len; ++i)
                        out[i] += in[i];
                }
            }
        }
    }
}

} // namespace

Conv2D::Conv2D(int64_t filters, Size2 kernelSize, Size2 strides, Padding padding, bool useBias,
    Initializer kernelInit, Initializer biasInit)
    : filters_(filters)
    , kernelSize_(kernelSize)
    , strides_(strides)
    , padding_(padding)
    , useBias_(useBias)
    , kernelInit_(kernelInit)
    , biasInit_(biasInit)
{
}

Shape Conv2D::build(const Shape& inputShape)
{
    if (filters_ <= 0)
        throwLayerShapeError(*this, "filters must be positive, got " + std::to_string(filters_));
    if (kernelSize_.h <= 0 || kernelSize_.w <= 0)
        throwLayerShapeError(*this, "kernel_size must be positive, got " + size2ToString(kernelSize_));
    if (strides_.h <= 0 || strides_.w <= 0)
        throwLayerShapeError(*this, "strides must be positive, got " + size2ToString(strides_));
    if (inputShape.size() != 3)
        throwLayerShapeError(*this, "needs images (height, width, channels), got input shape "
            + shapeToString(inputShape) + (inputShape.size() == 1 ? "; add a Reshape before it" : ""));
    for (int64_t d : inputShape)
        if (d <= 0)
            throwLayerShapeError(*this, "input shape " + shapeToString(inputShape) + " has an empty dimension");
    if (hasNegativeSide(pads_))
        throwLayerShapeError(*this, "padding must not be negative");
    const auto [rows, cols] = windowAxes(inputShape[0], inputShape[1], kernelSize_, strides_, padding_, pads_);
    if (rows.out <= 0 || cols.out <= 0)
        throwLayerShapeError(*this, "kernel " + size2ToString(kernelSize_) + " is larger than the input " + shapeToString(inputShape)
            + (pads_ ? std::string(" with its padding") : " with valid padding; use padding=same"));
    g_ = { inputShape[0], inputShape[1], inputShape[2], rows.out, cols.out, rows.padBefore, cols.padBefore,
        kernelSize_.h * kernelSize_.w * inputShape[2] };
    kernel_.value.resize({ kernelSize_.h, kernelSize_.w, g_.c, filters_ });
    kernel_.grad = Tensor(kernel_.value.shape());
    if (useBias_) {
        bias_.value.resize({ filters_ });
        bias_.grad = Tensor({ filters_ });
    }
    return { g_.oh, g_.ow, filters_ };
}

void Conv2D::initialize(Rng& rng)
{
    const int64_t area = kernelSize_.h * kernelSize_.w;
    ws::initialize(kernel_.value, kernelInit_, area * g_.c, area * filters_, rng);
    if (useBias_)
        ws::initialize(bias_.value, biasInit_, area * g_.c, area * filters_, rng);
}

std::unique_ptr<LayerScratch> Conv2D::makeScratch() const { return std::make_unique<Conv2DScratch>(); }

int64_t Conv2D::samplesPerChunk() const
{
    return std::max<int64_t>(1, kColsBudget / std::max<int64_t>(1, g_.oh * g_.ow * g_.k));
}

void Conv2D::im2col(const float* x, int64_t n0, int64_t count, float* cols) const
{
    const ConvShape shape { g_.h, g_.w, g_.c, g_.oh, g_.ow, kernelSize_.h, kernelSize_.w, strides_.h, strides_.w,
        g_.padTop, g_.padLeft };
    im2colSamples(x + n0 * g_.h * g_.w * g_.c, count, shape, cols);
}

void Conv2D::col2im(const float* cols, int64_t n0, int64_t count, float* dx) const
{
    const ConvShape shape { g_.h, g_.w, g_.c, g_.oh, g_.ow, kernelSize_.h, kernelSize_.w, strides_.h, strides_.w,
        g_.padTop, g_.padLeft };
    col2imSamples(cols, count, shape, dx + n0 * g_.h * g_.w * g_.c);
}

int64_t Conv2D::samplesPerBlock() const
{
    return std::max<int64_t>(1, kBlockBudget / std::max<int64_t>(1, g_.oh * g_.ow * (g_.k + filters_)));
}

void Conv2D::forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass)
{
    y.resizeForOverwrite({ x.dim(0), g_.oh, g_.ow, filters_ });
    // Winograd in training too (#23 item 2, #16's residual CNN): backward makes its own cols for
    // the kernel gradient then, as it does anyway for a batch whose cols do not fit in
    // kColsBudget (a 64-image batch of 28x28x32 inputs has 58 MB of them). WS_CONV=im2col gives
    // the bits of runs recorded before session 17. The direct convolution in inference only
    // (nn/ConvAlgorithm.h).
    ConvAlgorithm algorithm = chooseConvAlgorithm({ kernelSize_, strides_, g_.oh, g_.ow, g_.c, filters_, pass.training });
    if ((algorithm == ConvAlgorithm::Winograd2 || algorithm == ConvAlgorithm::Winograd4) && !winogradFits())
        algorithm = ConvAlgorithm::Im2col;
    if (algorithm == ConvAlgorithm::Im2col) {
        runForward(x, scratch, y.data(), nullptr);
        return;
    }
    auto& s = scratchAs<Conv2DScratch>(scratch, *this);
    const float* bias = useBias_ ? bias_.value.data() : nullptr;
    if (algorithm == ConvAlgorithm::Direct) {
        const DirectGeometry geo { g_.h, g_.w, g_.c, g_.oh, g_.ow, filters_, kernelSize_.h, kernelSize_.w, strides_.h,
            strides_.w, g_.padTop, g_.padLeft };
        directForward(geo, x.dim(0), x.data(), kernel_.value.data(), bias, y.data(), s.direct);
    } else {
        const WinogradGeometry geo { g_.h, g_.w, g_.c, g_.oh, g_.ow, filters_, g_.padTop, g_.padLeft };
        winogradForward(algorithm == ConvAlgorithm::Winograd4 ? 4 : 2, geo, x.dim(0), x.data(), kernel_.value.data(),
            bias, y.data(), s.winograd);
    }
    s.colsOf = nullptr; // cols were not filled: a backward after this must make its own
    s.colsBatch = 0;
}

bool Conv2D::winogradFits() const
{
    // The input gradient's Winograd convolution pads dL/dy by 2 - pad before; explicit pads
    // beyond the kernel's reach (more than 2 for 3x3) would make that negative, which Winograd's
    // geometry was not written for (a test gave right numbers without this, but its border
    // reads were never reasoned about for it). No exporter writes such pads.
    return g_.padTop <= kernelSize_.h - 1 && g_.padLeft <= kernelSize_.w - 1;
}

bool Conv2D::pointwise() const
{
    return kernelSize_ == Size2 { 1, 1 } && strides_ == Size2 { 1, 1 } && g_.padTop == 0 && g_.padLeft == 0;
}

void Conv2D::forwardBlocks(const Tensor& x, LayerScratch* scratch, const ForwardBlockFn& epilogue)
{
    runForward(x, scratch, nullptr, &epilogue);
}

void Conv2D::runForward(const Tensor& x, LayerScratch* scratch, float* y, const ForwardBlockFn* epilogue)
{
    auto& s = scratchAs<Conv2DScratch>(scratch, *this);
    const int64_t N = x.dim(0);
    const int64_t F = filters_;
    const int64_t spatial = g_.oh * g_.ow;
    const int64_t chunk = std::min(samplesPerChunk(), std::max<int64_t>(N, 1));
    const int64_t block = std::min(samplesPerBlock(), chunk);
    // A batch whose cols fit is kept whole for backward. Otherwise each part writes each block's
    // cols to a buffer of its own, which stays in the level-2 cache: written at their place in
    // the chunk's buffer, the cols of ResNet-style 3x3x32 layers (a 64-image batch: 58 MB) went
    // through memory twice, and that copy took a fifth of a training step.
    // A 1x1 kernel at stride 1 without padding: the input's rows are its cols, and the product
    // reads them where they are (im2col's copy of them took 8 % of MobileNetV3-Small at 224).
    const bool inPlace = pointwise();
    const bool whole = chunk >= N && !inPlace;
    if (whole && (s.cols.rows() < chunk * spatial || s.cols.cols() != g_.k))
        s.cols.resize(chunk * spatial, g_.k);
    s.parts.resize(size_t(partsFor(chunk)));
    for (auto& part : s.parts) {
        if (!y && (part.y.rows() < block * spatial || part.y.cols() != F))
            part.y.resize(block * spatial, F);
        if (!whole && !inPlace && (part.cols.rows() < block * spatial || part.cols.cols() != g_.k))
            part.cols.resize(block * spatial, g_.k);
    }
    s.kernel.pack(false, false, g_.k, F, kernel_.value.data(), packsOnce(std::min(chunk, N), block));
    for (int64_t n0 = 0; n0 < N; n0 += chunk) {
        const int64_t count = std::min(chunk, N - n0);
        forEachPart(count, [&](int64_t begin, int64_t end, int part) {
            for (int64_t b0 = begin; b0 < end; b0 += block) {
                const int64_t samples = std::min(block, end - b0);
                const int64_t rows = samples * spatial;
                const float* cols = x.data() + (n0 + b0) * spatial * g_.k;
                if (!inPlace) {
                    float* to = whole ? s.cols.data() + b0 * spatial * g_.k : s.parts[size_t(part)].cols.data();
                    im2col(x.data(), n0 + b0, samples, to);
                    cols = to;
                }
                float* out = y ? y + (n0 + b0) * spatial * F : s.parts[size_t(part)].y.data();
                // The bias goes in first and the product adds to it: Eigen clears the output
                // of a non-accumulating product anyway, and this saves a pass over it.
                if (useBias_)
                    RowMap(out, rows, F).rowwise() = bias_.value.vector().transpose();
                gemm(false, rows, cols, s.kernel, out, useBias_);
                if (epilogue)
                    (*epilogue)(n0 + b0, samples, out);
            }
        });
    }
    s.colsOf = whole ? x.data() : nullptr;
    s.colsBatch = whole ? N : 0;
}

void Conv2D::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch* scratch)
{
    // dL/dx of a 3x3 stride-1 kernel is itself such a convolution: of dL/dy (OH, OW, F) with the
    // kernel turned half a turn and its two channel axes swapped, (3, 3, F, C), padded by 2 - pad
    // on the top and left and with zeros wherever it leaves dL/dy. Winograd does it where the rule
    // picks it for that shape, instead of a product into dcols and col2im.
    const ConvAlgorithm algorithm = dx && winogradFits()
        ? chooseConvAlgorithm({ kernelSize_, strides_, g_.h, g_.w, filters_, g_.c, true })
        : ConvAlgorithm::Im2col;
    if (algorithm == ConvAlgorithm::Winograd2 || algorithm == ConvAlgorithm::Winograd4) {
        auto& s = scratchAs<Conv2DScratch>(scratch, *this);
        const int64_t C = g_.c, F = filters_;
        s.flipped.resize(size_t(9 * F * C));
        const float* K = kernel_.value.data(); // (3, 3, C, F)
        for (int64_t a = 0; a < 3; ++a)
            for (int64_t b = 0; b < 3; ++b)
                for (int64_t c = 0; c < C; ++c)
                    for (int64_t f = 0; f < F; ++f)
                        s.flipped[size_t(((a * 3 + b) * F + f) * C + c)] = K[(((2 - a) * 3 + (2 - b)) * C + c) * F + f];
        const WinogradGeometry geo { g_.oh, g_.ow, F, g_.h, g_.w, C, 2 - g_.padTop, 2 - g_.padLeft };
        dx->resize(x.shape());
        winogradForward(algorithm == ConvAlgorithm::Winograd4 ? 4 : 2, geo, x.dim(0), dy.data(), s.flipped.data(),
            nullptr, dx->data(), s.winograd);
        runBackward(x, dy.data(), nullptr, nullptr, scratch);
        return;
    }
    runBackward(x, dy.data(), nullptr, dx, scratch);
}

void Conv2D::backwardBlocks(const Tensor& x, const BackwardBlockFn& gradient, Tensor* dx, LayerScratch* scratch)
{
    runBackward(x, nullptr, &gradient, dx, scratch);
}

void Conv2D::runBackward(const Tensor& x, const float* dy, const BackwardBlockFn* gradient, Tensor* dx,
    LayerScratch* scratch)
{
    auto& s = scratchAs<Conv2DScratch>(scratch, *this);
    const int64_t N = x.dim(0);
    const int64_t F = filters_;
    const int64_t spatial = g_.oh * g_.ow;
    const bool inPlace = pointwise(); // cols are x's rows (runForward)
    const bool reuse = !inPlace && s.colsOf == x.data() && s.colsBatch == N && s.cols.rows() >= N * spatial;
    const int64_t chunk = reuse ? std::max<int64_t>(N, 1) : std::min(samplesPerChunk(), std::max<int64_t>(N, 1));
    const int64_t block = std::min(samplesPerBlock(), chunk);
    if (dx)
        dx->resize(x.shape()); // each block clears its own samples before col2im adds into them
    // Each part sums its own kernel and bias gradients; the parts are added in a fixed order
    // afterwards, so the result does not depend on thread timing.
    s.parts.resize(size_t(partsFor(chunk)));
    for (auto& part : s.parts) {
        part.dKernel.setZero(g_.k, F);
        part.dBias.setZero(F);
        if (dx && !inPlace && (part.dcols.rows() < block * spatial || part.dcols.cols() != g_.k))
            part.dcols.resize(block * spatial, g_.k);
        if (gradient && (part.y.rows() < block * spatial || part.y.cols() != F))
            part.y.resize(block * spatial, F);
        if (!reuse && !inPlace && (part.cols.rows() < block * spatial || part.cols.cols() != g_.k))
            part.cols.resize(block * spatial, g_.k);
    }
    if (dx) // op(B) = the kernel transposed
        s.kernel.pack(false, true, F, g_.k, kernel_.value.data(), packsOnce(std::min(chunk, N), block));
    for (int64_t n0 = 0; n0 < N; n0 += chunk) {
        const int64_t count = std::min(chunk, N - n0);
        forEachPart(count, [&](int64_t begin, int64_t end, int part) {
            auto& p = s.parts[size_t(part)];
            for (int64_t b0 = begin; b0 < end; b0 += block) {
                const int64_t samples = std::min(block, end - b0);
                const int64_t rows = samples * spatial;
                const float* cols = reuse ? s.cols.data() + b0 * spatial * g_.k : p.cols.data();
                if (inPlace)
                    cols = x.data() + (n0 + b0) * spatial * g_.k;
                else if (!reuse)
                    im2col(x.data(), n0 + b0, samples, p.cols.data());
                const float* G = dy ? dy + (n0 + b0) * spatial * F : p.y.data(); // (rows, F)
                if (gradient)
                    (*gradient)(n0 + b0, samples, p.y.data());
                gemm(true, false, g_.k, F, rows, cols, G, p.dKernel.data(), true);
                if (useBias_) {
                    float* db = p.dBias.data();
                    for (int64_t r = 0; r < rows; ++r)
                        for (int64_t f = 0; f < F; ++f)
                            db[f] += G[r * F + f];
                }
                if (dx && inPlace) { // dL/dx's rows are its dcols: the product writes them in place
                    gemm(false, rows, G, s.kernel, dx->data() + (n0 + b0) * spatial * g_.k, false);
                } else if (dx) {
                    gemm(false, rows, G, s.kernel, p.dcols.data(), false);
                    // Cleared just before col2im adds into it, while it is in the cache.
                    const int64_t sample = g_.h * g_.w * g_.c;
                    std::fill(dx->data() + (n0 + b0) * sample, dx->data() + (n0 + b0 + samples) * sample, 0.0f);
                    col2im(p.dcols.data(), n0 + b0, samples, dx->data());
                }
            }
        });
    }
    RowMap dK(kernel_.grad.data(), g_.k, F);
    for (const auto& part : s.parts) {
        dK += part.dKernel;
        if (useBias_)
            bias_.grad.vector() += part.dBias;
    }
}

std::vector<Param*> Conv2D::params()
{
    if (useBias_)
        return { &kernel_, &bias_ };
    return { &kernel_ };
}

nlohmann::json Conv2D::config() const
{
    auto j = Layer::config();
    j["filters"] = filters_;
    j["kernel_size"] = { kernelSize_.h, kernelSize_.w };
    j["strides"] = { strides_.h, strides_.w };
    if (pads_)
        j["padding"] = { { pads_->top, pads_->bottom }, { pads_->left, pads_->right } };
    else
        j["padding"] = paddingName(padding_);
    j["use_bias"] = useBias_;
    j["kernel_initializer"] = kernelInit_.toString();
    j["bias_initializer"] = biasInit_.toString();
    return j;
}

} // namespace ws
