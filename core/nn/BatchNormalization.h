// SPDX-License-Identifier: GPL-3.0-or-later
// Batch normalisation over the last axis (Ioffe & Szegedy 2015; Keras' BatchNormalization with
// axis=-1): channels for NHWC images, features for dense data.
// Letters: M = number of rows = N * (all axes but the last), C = size of the last axis.
// Training normalises with the batch's mean and (biased) variance and moves the moving
// statistics towards them, moving = momentum * moving + (1 - momentum) * batch, as Keras does
// (Keras also feeds the biased variance into the moving variance; PyTorch uses the unbiased one).
// Inference normalises with the moving statistics.
//
// The moving statistics are updated by forward in training mode: like every training step, that
// must not run while another thread does inference with the same model.
#pragma once

#include "nn/Layer.h"

namespace ws {

class BatchNormalization final : public Layer {
public:
    // axis: -1, or the index of the last axis counting the batch (Keras configs write 3 for NHWC).
    explicit BatchNormalization(float momentum = 0.99f, float epsilon = 1e-3f, bool center = true, bool scale = true,
        int axis = -1);

    float momentum() const { return momentum_; }
    float epsilon() const { return epsilon_; }
    Param& gamma() { return gamma_; }
    Param& beta() { return beta_; }
    Tensor& movingMean() { return movingMean_.value; }         // (C)
    Tensor& movingVariance() { return movingVariance_.value; } // (C)

    std::string typeName() const override { return "BatchNormalization"; }
    Shape build(const Shape& inputShape) override;
    void initialize(Rng& rng) override;
    std::unique_ptr<LayerScratch> makeScratch() const override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    std::vector<Param*> params() override;
    std::vector<Param*> nonTrainableParams() override;
    nlohmann::json config() const override;

private:
    int axis_;
    float momentum_;
    float epsilon_;
    bool center_; // has beta
    bool scale_;  // has gamma
    Param gamma_ { "gamma", {}, {}, false };                   // (C), initialised to 1
    Param beta_ { "beta", {}, {}, false };                     // (C), initialised to 0
    Param movingMean_ { "moving_mean", {}, {}, false };        // (C), initialised to 0; no grad
    Param movingVariance_ { "moving_variance", {}, {}, false }; // (C), initialised to 1; no grad
};

} // namespace ws
