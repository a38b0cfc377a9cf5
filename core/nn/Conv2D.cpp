#include "nn/Conv2D.h"

#include "tensor/Gemm.h"

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

struct Conv2DScratch final : LayerScratch {
    MatrixRM cols;  // (rows of one chunk, K)
    MatrixRM dcols; // (rows of one chunk, K)
    // Set when cols holds the im2col of a whole batch (one chunk) read from this input.
    const float* colsOf = nullptr;
    int64_t colsBatch = 0;
    std::vector<MatrixRM> dKernel; // (K, F) per thread: partial kernel gradients
};

// im2col moves one kernel row (KW*C floats) at a time: 3 floats for the first layer of the
// Fashion-MNIST CNN (3x3, one channel). std::copy_n/fill_n call memmove/memset for each, and
// those calls took 7% of a CNN epoch; short rows are moved inline instead (Conv2D.cpp is built
// with -fno-tree-loop-distribute-patterns so GCC does not turn these loops back into calls).
constexpr int64_t kShortRow = 32;

inline void copyRow(const float* src, int64_t n, float* dst)
{
    if (n >= kShortRow) {
        std::copy_n(src, n, dst);
        return;
    }
    for (int64_t i = 0; i < n; ++i)
        dst[i] = src[i];
}

inline void zeroRow(float* dst, int64_t n)
{
    if (n >= kShortRow) {
        std::fill_n(dst, n, 0.0f);
        return;
    }
    for (int64_t i = 0; i < n; ++i)
        dst[i] = 0.0f;
}

int partsFor(int64_t samples)
{
    return int(std::clamp<int64_t>(Eigen::nbThreads(), 1, std::max<int64_t>(samples, 1)));
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
    const WindowAxis rows = windowAxis(inputShape[0], kernelSize_.h, strides_.h, padding_);
    const WindowAxis cols = windowAxis(inputShape[1], kernelSize_.w, strides_.w, padding_);
    if (rows.out <= 0 || cols.out <= 0)
        throwLayerShapeError(*this, "kernel " + size2ToString(kernelSize_) + " is larger than the input " + shapeToString(inputShape) + " with valid padding; use padding=same");
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
    const int64_t KH = kernelSize_.h, KW = kernelSize_.w, C = g_.c, W = g_.w, H = g_.h;
    const int64_t rowLen = KW * C; // one kernel row is contiguous in both x and cols
    float* dst = cols;
    for (int64_t n = n0; n < n0 + count; ++n) {
        const float* img = x + n * H * W * C;
        for (int64_t oh = 0; oh < g_.oh; ++oh) {
            const int64_t ih0 = oh * strides_.h - g_.padTop;
            for (int64_t ow = 0; ow < g_.ow; ++ow) {
                const int64_t iw0 = ow * strides_.w - g_.padLeft;
                const int64_t lo = std::max<int64_t>(0, -iw0);     // first kernel column inside
                const int64_t hi = std::min<int64_t>(KW, W - iw0); // one past the last
                for (int64_t ki = 0; ki < KH; ++ki, dst += rowLen) {
                    const int64_t ih = ih0 + ki;
                    if (ih < 0 || ih >= H || lo >= hi) {
                        zeroRow(dst, rowLen);
                        continue;
                    }
                    zeroRow(dst, lo * C);
                    copyRow(img + (ih * W + iw0 + lo) * C, (hi - lo) * C, dst + lo * C);
                    zeroRow(dst + hi * C, (KW - hi) * C);
                }
            }
        }
    }
}

void Conv2D::col2im(const float* cols, int64_t n0, int64_t count, float* dx) const
{
    const int64_t KH = kernelSize_.h, KW = kernelSize_.w, C = g_.c, W = g_.w, H = g_.h;
    const int64_t rowLen = KW * C;
    const float* src = cols;
    for (int64_t n = n0; n < n0 + count; ++n) {
        float* img = dx + n * H * W * C;
        for (int64_t oh = 0; oh < g_.oh; ++oh) {
            const int64_t ih0 = oh * strides_.h - g_.padTop;
            for (int64_t ow = 0; ow < g_.ow; ++ow) {
                const int64_t iw0 = ow * strides_.w - g_.padLeft;
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

void Conv2D::forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass&)
{
    auto& s = scratchAs<Conv2DScratch>(scratch, *this);
    const int64_t N = x.dim(0);
    const int64_t F = filters_;
    const int64_t spatial = g_.oh * g_.ow;
    y.resize({ N, g_.oh, g_.ow, F });
    const int64_t chunk = std::min(samplesPerChunk(), std::max<int64_t>(N, 1));
    if (s.cols.rows() < chunk * spatial || s.cols.cols() != g_.k)
        s.cols.resize(chunk * spatial, g_.k);
    for (int64_t n0 = 0; n0 < N; n0 += chunk) {
        const int64_t count = std::min(chunk, N - n0);
        forEachPart(count, [&](int64_t begin, int64_t end, int) {
            const int64_t rows = (end - begin) * spatial;
            float* cols = s.cols.data() + begin * spatial * g_.k;
            im2col(x.data(), n0 + begin, end - begin, cols);
            RowMap Y(y.data() + (n0 + begin) * spatial * F, rows, F);
            gemm(false, false, rows, F, g_.k, cols, kernel_.value.data(), Y.data(), false);
            if (useBias_)
                Y.rowwise() += bias_.value.vector().transpose();
        });
    }
    const bool whole = chunk >= N;
    s.colsOf = whole ? x.data() : nullptr;
    s.colsBatch = whole ? N : 0;
}

void Conv2D::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch* scratch)
{
    auto& s = scratchAs<Conv2DScratch>(scratch, *this);
    const int64_t N = x.dim(0);
    const int64_t F = filters_;
    const int64_t spatial = g_.oh * g_.ow;
    const bool reuse = s.colsOf == x.data() && s.colsBatch == N && s.cols.rows() >= N * spatial;
    const int64_t chunk = reuse ? std::max<int64_t>(N, 1) : std::min(samplesPerChunk(), std::max<int64_t>(N, 1));
    if (s.cols.rows() < chunk * spatial || s.cols.cols() != g_.k)
        s.cols.resize(chunk * spatial, g_.k);
    if (dx) {
        dx->resize(x.shape());
        dx->setZero();
        if (s.dcols.rows() < chunk * spatial || s.dcols.cols() != g_.k)
            s.dcols.resize(chunk * spatial, g_.k);
    }
    // Each part sums its own kernel gradient; the parts are added in a fixed order afterwards,
    // so the result does not depend on thread timing.
    s.dKernel.resize(size_t(partsFor(chunk)));
    for (auto& part : s.dKernel)
        part.setZero(g_.k, F);
    for (int64_t n0 = 0; n0 < N; n0 += chunk) {
        const int64_t count = std::min(chunk, N - n0);
        forEachPart(count, [&](int64_t begin, int64_t end, int part) {
            const int64_t rows = (end - begin) * spatial;
            float* cols = s.cols.data() + begin * spatial * g_.k;
            if (!reuse)
                im2col(x.data(), n0 + begin, end - begin, cols);
            const ConstRowMap G(dy.data() + (n0 + begin) * spatial * F, rows, F);
            gemm(true, false, g_.k, F, rows, cols, G.data(), s.dKernel[size_t(part)].data(), true);
            if (dx) {
                float* dcols = s.dcols.data() + begin * spatial * g_.k;
                gemm(false, true, rows, g_.k, F, G.data(), kernel_.value.data(), dcols, false);
                col2im(dcols, n0 + begin, end - begin, dx->data());
            }
        });
    }
    RowMap dK(kernel_.grad.data(), g_.k, F);
    for (const auto& part : s.dKernel)
        dK += part;
    if (useBias_)
        bias_.grad.vector().noalias() += ConstRowMap(dy.data(), N * spatial, F).colwise().sum().transpose();
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
    j["padding"] = paddingName(padding_);
    j["use_bias"] = useBias_;
    j["kernel_initializer"] = kernelInit_.toString();
    j["bias_initializer"] = biasInit_.toString();
    return j;
}

} // namespace ws
