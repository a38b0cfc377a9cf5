// SPDX-License-Identifier: GPL-3.0-or-later
// ConstantMerge: a Merge (nn/Merge.h) of the input with a fixed tensor the layer holds, for the
// element-wise arithmetic with constants that imported graphs do (ONNX `x * c`, `c - x`,
// `(x - mean) / std`, Clip as Maximum and Minimum with its bounds). Add, Subtract, Multiply,
// Divide, Maximum, Minimum and the comparisons Equal, Less, Greater (1 or 0, no gradient);
// `constantFirst` computes c op x (matters for Subtract, Divide, Less and Greater).
// The constant broadcasts to the input's per-sample shape (NumPy rules, aligned on the last
// axis) and never makes it larger. It is saved with the weights as the non-trainable parameter
// "constant" (so a model written to disk keeps it) and never trained.
//
// Why a layer of its own and not a constant-producing layer feeding a Merge: every tensor in
// the engine has the batch axis, so a constant would have to be copied per sample and read an
// input it ignores; here it is one small tensor and one loop.
#pragma once

#include "nn/Layer.h"
#include "nn/Merge.h"

namespace ws {

class ConstantMerge final : public Layer {
public:
    // `shape`: the constant's per-sample shape; `values` (row-major, one per element) are what
    // initialize() sets, or without them zeros (ones for Multiply and Divide).
    ConstantMerge(MergeKind kind, Shape shape, bool constantFirst = false, std::vector<float> values = {});

    MergeKind kind() const { return kind_; }
    bool constantFirst() const { return constantFirst_; }
    Param& constant() { return constant_; }

    std::string typeName() const override { return "ConstantMerge"; }
    Shape build(const Shape& inputShape) override;
    void initialize(Rng& rng) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* scratch) override;
    std::vector<Param*> nonTrainableParams() override { return { &constant_ }; }
    nlohmann::json config() const override;

private:
    MergeKind kind_;
    Shape shape_;
    bool constantFirst_;
    std::vector<float> initial_;
    int64_t sample_ = 0;       // values per sample of x and y
    std::vector<int32_t> map_; // element i of a sample reads constant element map_[i]
    Param constant_ { "constant", {}, {}, false }; // shape_
};

} // namespace ws
