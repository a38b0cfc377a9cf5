// SPDX-License-Identifier: GPL-3.0-or-later
// Reshape: (N, ...) -> (N, target_shape...), as Keras' Reshape. One entry of target_shape may be
// -1 and is inferred from the element count. Row-major storage makes it a copy.
#pragma once

#include "nn/Layer.h"

namespace ws {

class Reshape final : public Layer {
public:
    explicit Reshape(Shape targetShape) : targetShape_(std::move(targetShape)) {}

    const Shape& targetShape() const { return targetShape_; }

    std::string typeName() const override { return "Reshape"; }
    Shape build(const Shape& inputShape) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    nlohmann::json config() const override;
    // Only the shape changes: in inference the output is the input's buffer (Sequential's rule).
    bool forwardsInPlace() const override { return true; }
    void forwardInPlace(Tensor& xy, LayerScratch* scratch, const Pass& pass) override;

private:
    Shape batchShape(const Tensor& x) const; // resolved_ after x's batch axis

    Shape targetShape_; // as configured, possibly with one -1
    Shape resolved_;    // with the -1 filled in at build time
};

} // namespace ws
