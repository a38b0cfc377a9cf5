// SPDX-License-Identifier: GPL-3.0-or-later
// Depthwise 2-D convolution over NHWC images (Keras' DepthwiseConv2D, channels_last, no
// dilation): each input channel is convolved with its own M filters (M = depth_multiplier), so
// output channel c * M + m reads input channel c only. This is PyTorch's Conv2d with
// groups == in_channels (MobileNet's depthwise layers); the ONNX importer maps Conv with
// group == C onto it.
// Letters: N = batch, H/W = input height/width, C = input channels, M = depth multiplier,
// OH/OW = output height/width, KH/KW = kernel height/width.
// Shapes: x (N, H, W, C), kernel (KH, KW, C, M) exactly as Keras stores it, bias (C * M),
// y (N, OH, OW, C * M). Padding valid/same as Conv2D (nn/Window2D.h).
//
// Direct loops, not im2col: with one input channel per filter a GEMM has nothing to share, and
// the layer is a small part of the models that use it.
#pragma once

#include "nn/Initializer.h"
#include "nn/Layer.h"
#include "nn/Window2D.h"

#include <optional>

namespace ws {

class DepthwiseConv2D final : public Layer {
public:
    DepthwiseConv2D(Size2 kernelSize, int64_t depthMultiplier = 1, Size2 strides = {}, Padding padding = Padding::Valid,
        bool useBias = true, Initializer kernelInit = {}, Initializer biasInit = { Init::Zeros, 0.0f });

    Size2 kernelSize() const { return kernelSize_; }
    int64_t depthMultiplier() const { return multiplier_; }
    Size2 strides() const { return strides_; }
    Padding padding() const { return padding_; }
    // Explicit pads (before build) instead of valid/same: what an ONNX or PyTorch convolution
    // declares, without a ZeroPadding2D copy of the input in front of the layer. Saved in the
    // config as "padding": [[top, bottom], [left, right]].
    void setPads(const Padding2D& pads) { pads_ = pads; }
    const std::optional<Padding2D>& pads() const { return pads_; }
    Param& kernel() { return kernel_; }
    Param& bias() { return bias_; }

    std::string typeName() const override { return "DepthwiseConv2D"; }
    Shape build(const Shape& inputShape) override;
    void initialize(Rng& rng) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* scratch) override;
    std::vector<Param*> params() override;
    nlohmann::json config() const override;

private:
    // Calls f(n, oy, ox, iy, ix) for every output position and every kernel tap (ky, kx) that
    // lands inside the input; forward and backward share the window walk.
    template <class F> void forEachTap(int64_t batch, F&& f) const;

    Size2 kernelSize_;
    int64_t multiplier_;
    Size2 strides_;
    Padding padding_;
    std::optional<Padding2D> pads_;
    bool useBias_;
    Initializer kernelInit_;
    Initializer biasInit_;
    int64_t h_ = 0, w_ = 0, c_ = 0, oh_ = 0, ow_ = 0, padTop_ = 0, padLeft_ = 0;
    Param kernel_ { "kernel", {}, {}, true }; // (KH, KW, C, M)
    Param bias_ { "bias", {}, {}, false };    // (C * M)
};

} // namespace ws
