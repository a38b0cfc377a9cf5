// SPDX-License-Identifier: GPL-3.0-or-later
// Where: y = condition ? a : b element-wise, NumPy broadcasting of the three (ONNX Where, which
// torch.onnx writes for masked_fill: the padding and causal masks of attention). Each of the
// three operands is either an input of the layer or a constant the layer holds, in operand
// order: masked_fill of scores with a constant mask reads one input (b), a padding mask turned
// into -inf/0 reads one input (the condition), Where of two activations reads three. Conditions
// are 0/1 floats (the engine has one element type; comparisons give 0 or 1): non-zero is true.
// The gradient goes to a where the condition holds and to b elsewhere; a condition has none.
// Constants are saved with the weights as non-trainable parameters "condition", "a", "b".
#pragma once

#include "nn/Layer.h"

#include <array>
#include <optional>

namespace ws {

class Where final : public Layer {
public:
    // An operand held by the layer: its per-sample shape (broadcast against the inputs') and,
    // optionally, the values initialize() sets (else zeros).
    struct Constant {
        Shape shape;
        std::vector<float> values;
    };
    // operands[k] empty: operand k (condition, a, b) is an input; at least one must be.
    explicit Where(std::array<std::optional<Constant>, 3> operands);

    std::string typeName() const override { return "Where"; }
    int inputCount() const override { return inputs_; }
    Shape build(const Shape& inputShape) override { return buildMany({ inputShape }); }
    Shape buildMany(const std::vector<Shape>& inputShapes) override;
    void initialize(Rng& rng) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* scratch) override;
    void forwardMany(const std::vector<const Tensor*>& xs, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backwardMany(const std::vector<const Tensor*>& xs, const Tensor& y, const Tensor& dy,
        const std::vector<Tensor*>& dxs, LayerScratch* scratch) override;
    std::vector<Param*> nonTrainableParams() override;
    nlohmann::json config() const override;

private:
    // Operand k's element for output element i of sample b.
    float at(const std::vector<const Tensor*>& xs, size_t k, int64_t b, int64_t i) const;
    void checkBatch(const std::vector<const Tensor*>& xs) const;

    std::array<std::optional<Constant>, 3> operands_;
    int inputs_ = 0;
    std::array<int, 3> inputOf_ {}; // operand k -> input index, -1 for a constant
    std::array<Param, 3> constants_ { Param { "condition", {}, {}, false }, Param { "a", {}, {}, false },
        Param { "b", {}, {}, false } };
    Shape out_;
    int64_t outSample_ = 0;
    std::array<int64_t, 3> sample_ {}; // values per sample of each operand
    std::array<std::vector<int32_t>, 3> maps_; // empty: the operand has the output's shape
};

} // namespace ws
