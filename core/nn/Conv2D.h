// SPDX-License-Identifier: GPL-3.0-or-later
// 2-D convolution over NHWC images (Keras' Conv2D, channels_last, no dilation).
// Letters: N = batch, H/W = input height/width, C = input channels, OH/OW = output height/width,
// F = filters (output channels), KH/KW = kernel height/width, K = KH*KW*C.
// Shapes: x (N, H, W, C), kernel (KH, KW, C, F) exactly as Keras stores it, bias (F),
// y (N, OH, OW, F).
//
// Implemented as im2col + GEMM: cols (N*OH*OW, K) times the kernel viewed as (K, F) gives
// y viewed as (N*OH*OW, F) directly in NHWC order. Backward: dW = cols^T dY, dcols = dY W^T,
// then col2im scatters dcols back into dx. With several threads (setThreadCount) the batch is
// split into one contiguous share of samples per thread, each doing its own im2col and GEMM.
// Each share is worked through in blocks of a few samples (im2col, product, bias) so that a
// block's cols and output are still in cache when the next step reads them.
// Inference forwards may instead run the direct convolution (nn/DirectConv.h) or, for 3x3
// stride-1 kernels, Winograd's F(2x2, 3x3) or F(4x4, 3x3) (nn/Winograd.h), chosen per shape by
// measurement (nn/ConvAlgorithm.h).
#pragma once

#include "nn/Initializer.h"
#include "nn/Layer.h"
#include "nn/Window2D.h"

#include <optional>

#include <functional>

namespace ws {

class Conv2D final : public Layer {
public:
    Conv2D(int64_t filters, Size2 kernelSize, Size2 strides = {}, Padding padding = Padding::Valid,
        bool useBias = true, Initializer kernelInit = {}, Initializer biasInit = { Init::Zeros, 0.0f });

    int64_t filters() const { return filters_; }
    Size2 kernelSize() const { return kernelSize_; }
    Size2 strides() const { return strides_; }
    Padding padding() const { return padding_; }
    // Explicit pads (before build) instead of valid/same: what an ONNX or PyTorch convolution
    // declares, without a ZeroPadding2D copy of the input in front of the layer. Saved in the
    // config as "padding": [[top, bottom], [left, right]].
    void setPads(const Padding2D& pads) { pads_ = pads; }
    const std::optional<Padding2D>& pads() const { return pads_; }
    bool useBias() const { return useBias_; }
    Param& kernel() { return kernel_; }
    Param& bias() { return bias_; }

    std::string typeName() const override { return "Conv2D"; }
    Shape build(const Shape& inputShape) override;
    void initialize(Rng& rng) override;
    std::unique_ptr<LayerScratch> makeScratch() const override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    std::vector<Param*> params() override;
    nlohmann::json config() const override;

    // For fused passes (nn/FusedConv.h), which never hold the whole batch's y or dL/dy:
    // forwardBlocks hands each block's output y (count, OH, OW, F), bias added, to `epilogue`
    // while it is in cache; backwardBlocks has `gradient` write each block's dL/dy (count, OH,
    // OW, F) into the buffer it passes, then does what backward does with it. The callbacks get
    // the block's first sample n0 and its sample count; with several threads they run
    // concurrently on disjoint samples.
    using ForwardBlockFn = std::function<void(int64_t n0, int64_t count, const float* y)>;
    using BackwardBlockFn = std::function<void(int64_t n0, int64_t count, float* dy)>;
    void forwardBlocks(const Tensor& x, LayerScratch* scratch, const ForwardBlockFn& epilogue);
    void backwardBlocks(const Tensor& x, const BackwardBlockFn& gradient, Tensor* dx, LayerScratch* scratch);

private:
    // Geometry fixed at build time.
    struct Geometry {
        int64_t h = 0, w = 0, c = 0;  // input
        int64_t oh = 0, ow = 0;       // output
        int64_t padTop = 0, padLeft = 0;
        int64_t k = 0;                // KH*KW*C: one im2col row
    };
    // Samples per im2col chunk, so that the buffer stays bounded for large batches.
    int64_t samplesPerChunk() const;
    // Samples per block within a chunk (see the file comment).
    int64_t samplesPerBlock() const;
    // A 1x1 kernel at stride 1 without padding: im2col would copy the input as it is.
    bool pointwise() const;
    // Pads before no larger than the kernel's reach, as Winograd's input gradient needs.
    bool winogradFits() const;
    // y null: blocks go to a per-thread buffer and to the epilogue only. dy null: gradient
    // fills each block's dL/dy.
    void runForward(const Tensor& x, LayerScratch* scratch, float* y, const ForwardBlockFn* epilogue);
    void runBackward(const Tensor& x, const float* dy, const BackwardBlockFn* gradient, Tensor* dx,
        LayerScratch* scratch);
    // cols rows for samples [n0, n0 + count) of x; col2im adds them back into dx.
    void im2col(const float* x, int64_t n0, int64_t count, float* cols) const;
    void col2im(const float* cols, int64_t n0, int64_t count, float* dx) const;

    int64_t filters_;
    Size2 kernelSize_;
    Size2 strides_;
    Padding padding_;
    std::optional<Padding2D> pads_;
    bool useBias_;
    Initializer kernelInit_;
    Initializer biasInit_;
    Geometry g_;
    Param kernel_ { "kernel", {}, {}, true }; // (KH, KW, C, F)
    Param bias_ { "bias", {}, {}, false };    // (F)
};

} // namespace ws
