// SPDX-License-Identifier: GPL-3.0-or-later
// Permute: reorders the axes of each sample, as Keras' Permute. `dims` are 1-based indices of
// the input's per-sample axes (the batch axis stays first): Permute({2, 3, 1}) turns a channels-
// first sample (C, H, W) into the engine's channels-last (H, W, C); Permute({3, 1, 2}) goes back.
// The ONNX importer inserts these around the convolutional part of NCHW models.
#pragma once

#include "nn/Layer.h"

namespace ws {

class Permute final : public Layer {
public:
    explicit Permute(std::vector<int> dims) : dims_(std::move(dims)) {}

    const std::vector<int>& dims() const { return dims_; }

    std::string typeName() const override { return "Permute"; }
    Shape build(const Shape& inputShape) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    // Copies every sample of `from` (per-sample shape `fromShape`) to `to`, output axis i being
    // input axis perm[i] (0-based, per sample).
    static void permute(const float* from, const Shape& fromShape, const std::vector<int>& perm, int64_t samples,
        float* to);

    std::vector<int> dims_;    // as configured, 1-based
    std::vector<int> perm_;    // 0-based, output axis i <- input axis perm_[i]
    std::vector<int> inverse_; // for backward
};

} // namespace ws
