// SPDX-License-Identifier: GPL-3.0-or-later
// Layers that read two or more tensors: the joins of a graph (nn/Sequential.h).
//
// Merge: element-wise Add, Subtract, Multiply, Divide, Average, Maximum, Minimum (Keras' merge
// layers, ONNX's Add/Sub/Mul/Div/Max/Min/Mean) with NumPy broadcasting of the per-sample shapes:
// shapes are aligned on their last axis, an axis of size 1 (or a missing leading axis) stretches
// to the others' size. Every input has the same batch size N.
//   Subtract and Divide read exactly two inputs (x0 - x1, x0 / x1); the others two or more.
//   Maximum and Minimum pass the gradient to the first input that holds the extreme.
//   Equal, Less and Greater (ONNX's comparisons, which attention masks are made of) read exactly
//   two inputs and give 1 or 0 (the engine's booleans; Maximum and Minimum of them are Or and
//   And); they are step functions and pass no gradient.
// Concatenate: joins inputs along one axis, Keras' convention: `axis` counts the batch axis as 0,
// so -1 (the default) is the last axis and 0 is refused; the other axes must agree.
#pragma once

#include "nn/Layer.h"
#include "util/EnumNames.h"

#include <cstdint>
#include <vector>

namespace ws {

enum class MergeKind { Add, Subtract, Multiply, Divide, Average, Maximum, Minimum, Equal, Less, Greater };

template <> struct EnumNames<MergeKind> {
    static constexpr std::string_view what = "merge";
    static constexpr EnumEntry<MergeKind> entries[] = {
        { MergeKind::Add, "Add", "Add" },
        { MergeKind::Subtract, "Subtract", "Subtract" },
        { MergeKind::Multiply, "Multiply", "Multiply" },
        { MergeKind::Divide, "Divide", "Divide" },
        { MergeKind::Average, "Average", "Average" },
        { MergeKind::Maximum, "Maximum", "Maximum" },
        { MergeKind::Minimum, "Minimum", "Minimum" },
        { MergeKind::Equal, "Equal", "Equal" },
        { MergeKind::Less, "Less", "Less" },
        { MergeKind::Greater, "Greater", "Greater" },
    };
};

// Equal, Less, Greater.
bool isComparison(MergeKind kind);
// A comparison of a and b (kind is one): 1 or 0.
float compare(MergeKind kind, float a, float b);

// The shape NumPy broadcasting of `shapes` (aligned on their last axis) gives; throws
// ShapeError naming the shapes when they do not fit.
Shape broadcastShapes(const std::vector<Shape>& shapes);
// For each element of one sample of shape `out`, the index of the element of `in` that
// broadcasting reads (`in` broadcasts to `out`; fewer than 2^31 elements, which callers check).
std::vector<int32_t> broadcastMap(const Shape& in, const Shape& out);

// The base of layers that read two or more tensors: the one-input forms refuse, naming the layer
// (such a layer cannot stand in a plain chain).
class JoinLayer : public Layer {
public:
    Shape build(const Shape& inputShape) final;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) final;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* scratch) final;
};

class Merge final : public JoinLayer {
public:
    explicit Merge(MergeKind kind) : kind_(kind) {}
    MergeKind kind() const { return kind_; }

    std::string typeName() const override;
    int inputCount() const override;
    Shape buildMany(const std::vector<Shape>& inputShapes) override;
    void forwardMany(const std::vector<const Tensor*>& xs, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backwardMany(const std::vector<const Tensor*>& xs, const Tensor& y, const Tensor& dy,
        const std::vector<Tensor*>& dxs, LayerScratch* scratch) override;

private:
    // Input k's element for output element i of one sample: maps_[k][i], or i itself when
    // maps_[k] is empty (the input has the output's shape).
    int64_t source(size_t k, int64_t i) const { return maps_[k].empty() ? i : maps_[k][size_t(i)]; }
    void checkBatch(const std::vector<const Tensor*>& xs) const;

    MergeKind kind_;
    Shape out_; // per sample
    int64_t outSample_ = 0;
    std::vector<int64_t> inSample_;
    std::vector<std::vector<int32_t>> maps_;
    // When every input either has the output's shape or repeats along the output with one period
    // (a squeeze-excitation's (1, 1, C) scale of an (H, W, C) map: maps_[k][i] = i % C), that
    // period; 0 otherwise. The output is then combined a run of `period_` elements at a time from
    // plain pointers, over the engine's threads.
    int64_t period_ = 0;
};

class Concatenate final : public JoinLayer {
public:
    explicit Concatenate(int axis = -1) : axis_(axis) {}
    int axis() const { return axis_; }

    std::string typeName() const override { return "Concatenate"; }
    int inputCount() const override { return 0; }
    Shape buildMany(const std::vector<Shape>& inputShapes) override;
    void forwardMany(const std::vector<const Tensor*>& xs, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backwardMany(const std::vector<const Tensor*>& xs, const Tensor& y, const Tensor& dy,
        const std::vector<Tensor*>& dxs, LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    int axis_;
    Shape out_;                     // per sample
    int64_t outer_ = 0;             // product of the axes before the joined one (per sample)
    std::vector<int64_t> chunk_;    // per input: its joined axis times the axes after it
    int64_t outChunk_ = 0;          // sum of chunk_
};

} // namespace ws
