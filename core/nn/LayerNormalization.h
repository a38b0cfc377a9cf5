// SPDX-License-Identifier: GPL-3.0-or-later
// Layer normalisation over the last axis (Ba, Kiros & Hinton 2016; Keras' LayerNormalization with
// axis=-1): each row of C values (a sample's features, a pixel's channels) is normalised with its
// own mean and (biased) variance, then scaled by gamma and shifted by beta, one of each per
// feature. Nothing depends on the rest of the batch, so training and inference compute the same
// and there are no moving statistics.
// Letters: M = number of rows = N * (all axes but the last), C = size of the last axis.
#pragma once

#include "nn/Layer.h"

namespace ws {

class LayerNormalization final : public Layer {
public:
    // axis: -1, or the index of the last axis counting the batch (Keras configs may write 2 for
    // (N, T, C)); Keras' default epsilon.
    explicit LayerNormalization(float epsilon = 1e-3f, bool center = true, bool scale = true, int axis = -1);

    float epsilon() const { return epsilon_; }
    Param& gamma() { return gamma_; }
    Param& beta() { return beta_; }

    std::string typeName() const override { return "LayerNormalization"; }
    Shape build(const Shape& inputShape) override;
    void initialize(Rng& rng) override;
    std::unique_ptr<LayerScratch> makeScratch() const override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    // Keras' order: gamma, then beta (each only when enabled).
    std::vector<Param*> params() override;
    nlohmann::json config() const override;

private:
    int axis_;
    float epsilon_;
    bool center_; // has beta
    bool scale_;  // has gamma
    Param gamma_ { "gamma", {}, {}, false }; // (C), initialised to 1
    Param beta_ { "beta", {}, {}, false };   // (C), initialised to 0
};

} // namespace ws
