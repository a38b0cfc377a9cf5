// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/DepthwiseConv2D.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

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
    const WindowAxis rows = windowAxis(inputShape[0], kernelSize_.h, strides_.h, padding_);
    const WindowAxis cols = windowAxis(inputShape[1], kernelSize_.w, strides_.w, padding_);
    if (rows.out <= 0 || cols.out <= 0)
        throwLayerShapeError(*this, "kernel " + size2ToString(kernelSize_) + " is larger than the input "
            + shapeToString(inputShape) + " with valid padding; use padding=same");
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

// out[i] += a[i] * b[i]: the three never overlap (the output is a tensor of its own), which the
// compiler is told so that it vectorises without run-time overlap checks.
inline void multiplyAdd(float* __restrict out, const float* __restrict a, const float* __restrict b, int64_t n)
{
    for (int64_t i = 0; i < n; ++i)
        out[i] += a[i] * b[i];
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
    y.resize({ batch, oh_, ow_, f });
    const float* b = useBias_ ? bias_.value.data() : nullptr;
    for (int64_t p = 0; p < batch * oh_ * ow_; ++p)
        for (int64_t o = 0; o < f; ++o)
            y[p * f + o] = b ? b[o] : 0.0f;
    const float* in = x.data();
    const float* k = kernel_.value.data();
    float* out = y.data();
    // Kernel (KH, KW, C, M) flattened per tap is (C * M), the output channel order.
    if (multiplier_ == 1) { // every depthwise layer of MobileNet and EfficientNet: one vector a tap
        const int64_t c = c_;
        forEachTap(batch, [&](int64_t xi, int64_t yi, int64_t ki) { multiplyAdd(out + yi, in + xi, k + ki, c); });
        return;
    }
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
    j["padding"] = paddingName(padding_);
    j["use_bias"] = useBias_;
    j["depthwise_initializer"] = kernelInit_.toString();
    j["bias_initializer"] = biasInit_.toString();
    return j;
}

} // namespace ws
