// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/DepthwiseConv2D.h"

#include "util/Error.h"
#include "util/ParallelChunks.h"
#include "util/TargetClones.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace ws {

DepthwiseConv2D::DepthwiseConv2D(Size2 kernelSize, int64_t depthMultiplier, Size2 strides, Padding padding,
    bool useBias, Initializer kernelInit, Initializer biasInit)
    : kernelSize_(kernelSize)
    , multiplier_(depthMultiplier)
    , strides_(strides)
    , padding_(padding)
    , useBias_(useBias)
    , kernelInit_(kernelInit)
    , biasInit_(biasInit)
{
}

Shape DepthwiseConv2D::build(const Shape& inputShape)
{
    if (multiplier_ <= 0)
        throwLayerShapeError(*this, "depth_multiplier must be positive, got " + std::to_string(multiplier_));
    if (kernelSize_.h <= 0 || kernelSize_.w <= 0)
        throwLayerShapeError(*this, "kernel_size must be positive, got " + size2ToString(kernelSize_));
    if (strides_.h <= 0 || strides_.w <= 0)
        throwLayerShapeError(*this, "strides must be positive, got " + size2ToString(strides_));
    if (inputShape.size() != 3)
        throwLayerShapeError(*this, "needs images (height, width, channels), got input shape " + shapeToString(inputShape));
    for (int64_t d : inputShape)
        if (d <= 0)
            throwLayerShapeError(*this, "input shape " + shapeToString(inputShape) + " has an empty dimension");
    if (hasNegativeSide(pads_))
        throwLayerShapeError(*this, "padding must not be negative");
    const auto [rows, cols] = windowAxes(inputShape[0], inputShape[1], kernelSize_, strides_, padding_, pads_);
    if (rows.out <= 0 || cols.out <= 0)
        throwLayerShapeError(*this, "kernel " + size2ToString(kernelSize_) + " is larger than the input "
            + shapeToString(inputShape) + (pads_ ? std::string(" with its padding") : " with valid padding; use padding=same"));
    h_ = inputShape[0];
    w_ = inputShape[1];
    c_ = inputShape[2];
    oh_ = rows.out;
    ow_ = cols.out;
    padTop_ = rows.padBefore;
    padLeft_ = cols.padBefore;
    kernel_.value.resize({ kernelSize_.h, kernelSize_.w, c_, multiplier_ });
    kernel_.grad = Tensor(kernel_.value.shape());
    if (useBias_) {
        bias_.value.resize({ c_ * multiplier_ });
        bias_.grad = Tensor({ c_ * multiplier_ });
    }
    return { oh_, ow_, c_ * multiplier_ };
}

void DepthwiseConv2D::initialize(Rng& rng)
{
    // Keras' fans for a (KH, KW, C, M) kernel: receptive field times C in, times M out.
    const int64_t area = kernelSize_.h * kernelSize_.w;
    ws::initialize(kernel_.value, kernelInit_, area * c_, area * multiplier_, rng);
    if (useBias_)
        ws::initialize(bias_.value, biasInit_, area * c_, area * multiplier_, rng);
}

namespace {

// What depthwiseRows needs of the layer.
struct DepthwiseGeometry {
    int64_t h, w, c, oh, ow, kh, kw, sh, sw, padTop, padLeft;
};

// 16 floats as one value (GCC's vector extension): a zmm register in the AVX-512 copy, two ymm or
// four xmm in the others, so that an output pixel's sums stay in registers in every copy. An
// array of floats with a run-time length lived on the stack.
typedef float V16 __attribute__((vector_size(64)));

// An out-parameter rather than a return value: a 64-byte vector returned by value has another
// ABI in each copy (GCC's -Wpsabi).
[[gnu::always_inline]] inline void load16(V16& v, const float* p) { std::memcpy(&v, p, sizeof v); }

// NV * 16 channels of one output pixel from channel c0: the bias, then the taps in (ky, kx) order.
template <int NV>
[[gnu::always_inline]] inline void pixelChannels(const DepthwiseGeometry& g, const float* in, const float* k,
    const float* bias, float* o, int64_t n, int64_t oy, int64_t ox, int64_t ky0, int64_t ky1, int64_t kx0, int64_t kx1,
    int64_t c0)
{
    const int64_t C = g.c;
    V16 acc[NV];
    for (int v = 0; v < NV; ++v) {
        acc[v] = V16 {};
        if (bias)
            load16(acc[v], bias + c0 + 16 * v);
    }
    for (int64_t ky = ky0; ky < ky1; ++ky) {
        const float* row = in + ((n * g.h + oy * g.sh - g.padTop + ky) * g.w) * C + c0;
        for (int64_t kx = kx0; kx < kx1; ++kx) {
            const float* a = row + (ox * g.sw - g.padLeft + kx) * C;
            const float* w = k + (ky * g.kw + kx) * C + c0;
            for (int v = 0; v < NV; ++v) {
                V16 x, y;
                load16(x, a + 16 * v);
                load16(y, w + 16 * v);
                acc[v] += x * y;
            }
        }
    }
    std::memcpy(o + c0, acc, sizeof acc);
}

// Output rows [rowBegin, rowEnd) (a row: one sample's output line, n * OH + oy) of a depthwise
// convolution with one filter a channel. Each output pixel's channels, 64, 32 or 16 at a time
// and the rest one by one, start from the bias and add the taps in the order (ky, kx) in
// registers, and are stored once: the same sums in the same order as the tap-by-tap loop this
// replaced (which read and wrote every output pixel once a tap), so the same bits. Built for
// AVX-512, AVX2 and the baseline.
WS_TARGET_CLONES void depthwiseRows(const DepthwiseGeometry& g, const float* __restrict in, const float* __restrict k,
    const float* __restrict bias, float* __restrict out, int64_t rowBegin, int64_t rowEnd)
{
    const int64_t C = g.c;
    for (int64_t r = rowBegin; r < rowEnd; ++r) {
        const int64_t n = r / g.oh, oy = r % g.oh;
        const int64_t ky0 = std::max<int64_t>(0, g.padTop - oy * g.sh);
        const int64_t ky1 = std::min<int64_t>(g.kh, g.h + g.padTop - oy * g.sh);
        for (int64_t ox = 0; ox < g.ow; ++ox) {
            const int64_t kx0 = std::max<int64_t>(0, g.padLeft - ox * g.sw);
            const int64_t kx1 = std::min<int64_t>(g.kw, g.w + g.padLeft - ox * g.sw);
            float* o = out + (r * g.ow + ox) * C;
            int64_t c0 = 0;
            for (; c0 + 64 <= C; c0 += 64)
                pixelChannels<4>(g, in, k, bias, o, n, oy, ox, ky0, ky1, kx0, kx1, c0);
            if (c0 + 32 <= C) {
                pixelChannels<2>(g, in, k, bias, o, n, oy, ox, ky0, ky1, kx0, kx1, c0);
                c0 += 32;
            }
            if (c0 + 16 <= C) {
                pixelChannels<1>(g, in, k, bias, o, n, oy, ox, ky0, ky1, kx0, kx1, c0);
                c0 += 16;
            }
            for (; c0 < C; ++c0) {
                float acc = bias ? bias[c0] : 0.0f;
                for (int64_t ky = ky0; ky < ky1; ++ky)
                    for (int64_t kx = kx0; kx < kx1; ++kx)
                        acc += in[((n * g.h + oy * g.sh - g.padTop + ky) * g.w + ox * g.sw - g.padLeft + kx) * C + c0]
                            * k[(ky * g.kw + kx) * C + c0];
                o[c0] = acc;
            }
        }
    }
}

} // namespace

template <class F> void DepthwiseConv2D::forEachTap(int64_t batch, F&& f) const
{
    for (int64_t n = 0; n < batch; ++n)
        for (int64_t oy = 0; oy < oh_; ++oy)
            for (int64_t ky = 0; ky < kernelSize_.h; ++ky) {
                const int64_t iy = oy * strides_.h - padTop_ + ky;
                if (iy < 0 || iy >= h_)
                    continue;
                for (int64_t ox = 0; ox < ow_; ++ox)
                    for (int64_t kx = 0; kx < kernelSize_.w; ++kx) {
                        const int64_t ix = ox * strides_.w - padLeft_ + kx;
                        if (ix >= 0 && ix < w_)
                            f(((n * h_ + iy) * w_ + ix) * c_, ((n * oh_ + oy) * ow_ + ox) * c_ * multiplier_,
                                (ky * kernelSize_.w + kx) * c_ * multiplier_);
                    }
            }
}

void DepthwiseConv2D::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    const int64_t batch = x.dim(0), f = c_ * multiplier_;
    y.resizeForOverwrite({ batch, oh_, ow_, f });
    const float* b = useBias_ ? bias_.value.data() : nullptr;
    if (multiplier_ == 1) { // every depthwise layer of MobileNet and EfficientNet
        // Output rows in fixed chunks of about 2^16 floats over the engine's threads: each
        // output element is computed alone, so any thread count gives the same bits. On one
        // thread and unthreaded, this layer took 18 % of MobileNetV3-Small's inference at 224.
        const DepthwiseGeometry g { h_, w_, c_, oh_, ow_, kernelSize_.h, kernelSize_.w, strides_.h, strides_.w, padTop_,
            padLeft_ };
        const int64_t rowsPerChunk = std::max<int64_t>(1, (int64_t(1) << 16) / std::max<int64_t>(1, ow_ * c_));
        const float* in = x.data();
        const float* k = kernel_.value.data();
        float* out = y.data();
        forEachChunk(batch * oh_, rowsPerChunk,
            [&](int64_t, int64_t begin, int64_t end) { depthwiseRows(g, in, k, b, out, begin, end); });
        return;
    }
    for (int64_t p = 0; p < batch * oh_ * ow_; ++p)
        for (int64_t o = 0; o < f; ++o)
            y[p * f + o] = b ? b[o] : 0.0f;
    const float* in = x.data();
    const float* k = kernel_.value.data();
    float* out = y.data();
    // Kernel (KH, KW, C, M) flattened per tap is (C * M), the output channel order.
    forEachTap(batch, [&](int64_t xi, int64_t yi, int64_t ki) {
        for (int64_t c = 0; c < c_; ++c)
            for (int64_t m = 0; m < multiplier_; ++m)
                out[yi + c * multiplier_ + m] += in[xi + c] * k[ki + c * multiplier_ + m];
    });
}

void DepthwiseConv2D::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    const int64_t batch = x.dim(0), f = c_ * multiplier_;
    if (useBias_)
        for (int64_t p = 0; p < batch * oh_ * ow_; ++p)
            for (int64_t o = 0; o < f; ++o)
                bias_.grad[o] += dy[p * f + o];
    if (dx) {
        dx->resize(x.shape());
        dx->setZero();
    }
    const float* in = x.data();
    const float* k = kernel_.value.data();
    const float* g = dy.data();
    float* dk = kernel_.grad.data();
    float* d = dx ? dx->data() : nullptr;
    forEachTap(batch, [&](int64_t xi, int64_t yi, int64_t ki) {
        for (int64_t c = 0; c < c_; ++c)
            for (int64_t m = 0; m < multiplier_; ++m) {
                const float gy = g[yi + c * multiplier_ + m];
                dk[ki + c * multiplier_ + m] += in[xi + c] * gy;
                if (d)
                    d[xi + c] += k[ki + c * multiplier_ + m] * gy;
            }
    });
}

std::vector<Param*> DepthwiseConv2D::params()
{
    if (useBias_)
        return { &kernel_, &bias_ };
    return { &kernel_ };
}

nlohmann::json DepthwiseConv2D::config() const
{
    auto j = Layer::config();
    j["kernel_size"] = { kernelSize_.h, kernelSize_.w };
    j["depth_multiplier"] = multiplier_;
    j["strides"] = { strides_.h, strides_.w };
    if (pads_)
        j["padding"] = { { pads_->top, pads_->bottom }, { pads_->left, pads_->right } };
    else
        j["padding"] = paddingName(padding_);
    j["use_bias"] = useBias_;
    j["depthwise_initializer"] = kernelInit_.toString();
    j["bias_initializer"] = biasInit_.toString();
    return j;
}

} // namespace ws
