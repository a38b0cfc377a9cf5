// SPDX-License-Identifier: GPL-3.0-or-later
// Inverted dropout (Srivastava et al. 2014, scaled at training time as Keras does): in training
// each element is kept with probability 1 - rate and scaled by 1 / (1 - rate), so inference is
// the identity. The mask is drawn from the pass's Rng and kept in the scratch for backward.
#pragma once

#include "nn/Layer.h"

namespace ws {

class Dropout final : public Layer {
public:
    explicit Dropout(float rate) : rate_(rate) {}

    float rate() const { return rate_; }

    std::string typeName() const override { return "Dropout"; }
    Shape build(const Shape& inputShape) override;
    std::unique_ptr<LayerScratch> makeScratch() const override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    float rate_; // probability of dropping an element, in [0, 1)
};

} // namespace ws
