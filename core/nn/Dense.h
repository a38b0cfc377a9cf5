// SPDX-License-Identifier: GPL-3.0-or-later
// Fully connected layer: y = x W + b over the last axis.
// Shapes: x (N, ..., in), W (in, out) as Keras stores it, b (out), y (N, ..., out).
#pragma once

#include "nn/Initializer.h"
#include "nn/Layer.h"

namespace ws {

class Dense final : public Layer {
public:
    explicit Dense(int64_t units, bool useBias = true,
        Initializer kernelInit = {}, Initializer biasInit = { Init::Zeros, 0.0f });

    int64_t units() const { return units_; }
    bool useBias() const { return useBias_; }
    Param& kernel() { return kernel_; }
    Param& bias() { return bias_; }

    std::string typeName() const override { return "Dense"; }
    Shape build(const Shape& inputShape) override;
    void initialize(Rng& rng) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    std::vector<Param*> params() override;
    bool writesPendingGradients() const override { return true; }
    nlohmann::json config() const override;

private:
    int64_t units_;
    bool useBias_;
    Initializer kernelInit_;
    Initializer biasInit_;
    Param kernel_ { "kernel", {}, {}, true }; // (in, out)
    Param bias_ { "bias", {}, {}, false };    // (out)
};

} // namespace ws
