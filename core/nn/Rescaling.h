// SPDX-License-Identifier: GPL-3.0-or-later
// Rescaling: y = x * scale + offset, element-wise, as Keras' Rescaling (a preprocessing layer
// models often start with, e.g. scale = 1/255 for pixels). No parameters.
#pragma once

#include "nn/Layer.h"

namespace ws {

class Rescaling final : public Layer {
public:
    explicit Rescaling(float scale = 1.0f, float offset = 0.0f) : scale_(scale), offset_(offset) {}

    float scale() const { return scale_; }
    float offset() const { return offset_; }

    std::string typeName() const override { return "Rescaling"; }
    Shape build(const Shape& inputShape) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    float scale_;
    float offset_;
};

} // namespace ws
