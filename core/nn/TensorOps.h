// SPDX-License-Identifier: GPL-3.0-or-later
// Layers for the tensor arithmetic imported graphs do (ONNX MatMul of two activations, Slice,
// Split, ReduceMean/ReduceSum, Pow, Sqrt, Erf, Expand), which a transformer block exported by
// torch.onnx needs: its attention multiplies activations by activations, its layer norm (before
// opset 17) is ReduceMean, Sub, Pow, Sqrt and Div. Axes are 0-based per-sample axes (the batch
// axis is never one of them: every layer works on each sample alone).
#pragma once

#include "nn/Merge.h"

namespace ws {

// y = a @ b over the last two axes, the axes before them broadcast (NumPy rules): a (..., M, K),
// b (..., K, N), y (..., M, N). Both inputs are activations; products with a constant matrix are
// Dense layers.
class MatMul final : public JoinLayer {
public:
    std::string typeName() const override { return "MatMul"; }
    int inputCount() const override { return 2; }
    Shape buildMany(const std::vector<Shape>& inputShapes) override;
    void forwardMany(const std::vector<const Tensor*>& xs, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backwardMany(const std::vector<const Tensor*>& xs, const Tensor& y, const Tensor& dy,
        const std::vector<Tensor*>& dxs, LayerScratch* scratch) override;

private:
    Shape out_; // per sample (Layer::outputShape() is only set inside a model)
    int64_t m_ = 0, k_ = 0, n_ = 0;
    std::vector<int32_t> mapA_, mapB_; // per broadcast matrix: which matrix of a and of b it reads
    int64_t matricesA_ = 0, matricesB_ = 0;
};

// The elements [start, end) of one axis.
class Slice final : public Layer {
public:
    Slice(int axis, int64_t start, int64_t end) : axis_(axis), start_(start), end_(end) {}
    int axis() const { return axis_; }
    int64_t start() const { return start_; }
    int64_t end() const { return end_; }

    std::string typeName() const override { return "Slice"; }
    Shape build(const Shape& inputShape) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    int axis_;
    int64_t start_, end_;
    Shape out_;
    int64_t outer_ = 0, size_ = 0, inner_ = 0; // per sample: axes before, the axis, axes after
};

// The mean or sum over one axis; `keepDims` keeps it with size 1.
class Reduce final : public Layer {
public:
    Reduce(bool mean, int axis, bool keepDims) : mean_(mean), axis_(axis), keepDims_(keepDims) {}

    std::string typeName() const override { return mean_ ? "ReduceMean" : "ReduceSum"; }
    Shape build(const Shape& inputShape) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    bool mean_;
    int axis_;
    bool keepDims_;
    Shape out_;
    int64_t outer_ = 0, size_ = 0, inner_ = 0;
};

// Element-wise y = x^p for a constant p (ONNX Pow with a constant exponent; Sqrt is p = 0.5), or
// y = erf(x) (ONNX Erf, which PyTorch's exact GELU is exported as).
class Elementwise final : public Layer {
public:
    enum class Kind { Power, Erf };
    explicit Elementwise(Kind kind, float exponent = 1.0f) : kind_(kind), exponent_(exponent) {}

    std::string typeName() const override { return kind_ == Kind::Power ? "Power" : "Erf"; }
    Shape build(const Shape& inputShape) override { return inputShape; }
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    Kind kind_;
    float exponent_;
};

// ONNX Expand of an activation: each sample broadcast (NumPy rules) to a larger per-sample
// shape, as torch.onnx writes for `mask.expand(-1, heads, -1, -1)`. The gradient of an input
// element is the sum over the outputs that copy it.
class Expand final : public Layer {
public:
    explicit Expand(Shape shape) : shape_(std::move(shape)) {}
    const Shape& shape() const { return shape_; }

    std::string typeName() const override { return "Expand"; }
    Shape build(const Shape& inputShape) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    Shape shape_; // what the input broadcasts against (the output is their broadcast)
    Shape out_;
    int64_t inSample_ = 0;
    std::vector<int32_t> map_; // output element -> input element of one sample
};

} // namespace ws
