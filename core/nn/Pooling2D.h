// SPDX-License-Identifier: GPL-3.0-or-later
// Pooling over NHWC images: MaxPooling2D and AveragePooling2D (a window slid over height and
// width, per channel) and GlobalAveragePooling2D (the mean over all positions).
// Letters: N = batch, H/W = input height/width, C = channels, OH/OW = output height/width.
// Shapes: x (N, H, W, C), y (N, OH, OW, C); global pooling gives y (N, C) (or (N, 1, 1, C) with
// keepdims). Padding follows TensorFlow (see Window2D.h); padded positions never win a max and
// are not counted in an average (tf.nn.avg_pool; PyTorch's count_include_pad=False).
#pragma once

#include "nn/Layer.h"
#include "nn/Window2D.h"

namespace ws {

enum class PoolKind { Max, Average };

// The label starts the layer's type name: "Max" + "Pooling2D".
template <> struct EnumNames<PoolKind> {
    static constexpr std::string_view what = "pooling";
    static constexpr EnumEntry<PoolKind> entries[] = {
        { PoolKind::Max, "max", "Max" },
        { PoolKind::Average, "average", "Average" },
    };
};

class Pooling2D final : public Layer {
public:
    // strides {0, 0} means "the pool size", as Keras' strides=None.
    Pooling2D(PoolKind kind, Size2 poolSize, Size2 strides = { 0, 0 }, Padding padding = Padding::Valid);

    PoolKind kind() const { return kind_; }
    Size2 poolSize() const { return poolSize_; }
    Size2 strides() const { return strides_; }
    Padding padding() const { return padding_; }

    std::string typeName() const override { return std::string(enumLabel(kind_)) + "Pooling2D"; }
    Shape build(const Shape& inputShape) override;
    std::unique_ptr<LayerScratch> makeScratch() const override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    struct MaxPoolScratch;
    // f(n0, n1) for fixed chunks of samples [n0, n1), spread over the engine's threads.
    template <class F> void forEachSampleChunk(int64_t samples, F&& f) const;
    // The input rows [ih0, ih1) and columns [iw0, iw1) under output position (oh, ow), padding
    // excluded; f(n, oh, ow, ih0, ih1, iw0, iw1) is called for every window of samples [n0, n1).
    template <class F> void forEachWindow(int64_t n0, int64_t n1, F&& f) const;
    // Whether the windows are 2x2 with stride 2 and tile the input exactly (no padding).
    bool tiles2x2() const;
    template <class F> void forEachTile(int64_t n0, int64_t n1, F&& f) const;
    void forwardMax(const Tensor& x, Tensor& y, MaxPoolScratch& s, int64_t n0, int64_t n1) const;
    void forwardAverage(const Tensor& x, Tensor& y, int64_t n0, int64_t n1) const;

    PoolKind kind_;
    Size2 poolSize_;
    Size2 strides_;
    Padding padding_;
    int64_t h_ = 0, w_ = 0, c_ = 0;  // input
    int64_t oh_ = 0, ow_ = 0;        // output
    int64_t padTop_ = 0, padLeft_ = 0;
};

class GlobalAveragePooling2D final : public Layer {
public:
    explicit GlobalAveragePooling2D(bool keepDims = false) : keepDims_(keepDims) {}

    bool keepDims() const { return keepDims_; }

    std::string typeName() const override { return "GlobalAveragePooling2D"; }
    Shape build(const Shape& inputShape) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    bool keepDims_;
};

} // namespace ws
