// SPDX-License-Identifier: GPL-3.0-or-later
// Element-wise activations (and softmax over the last axis) as a layer of their own.
// Dense/Conv2D with a Keras-style `activation` are built as the linear layer followed by one
// of these, so every nonlinearity has one implementation and one gradient check.
#pragma once

#include "nn/Layer.h"
#include "util/EnumNames.h"

namespace ws {

enum class ActivationKind { Linear, ReLU, LeakyReLU, ELU, GELU, Tanh, Sigmoid, Softmax, ReLU6, HardSigmoid, HardSwish, GELUTanh };

// ReLU6 = min(max(x, 0), 6); HardSigmoid = clamp(alpha * x + beta, 0, 1) with Keras 3's and
// PyTorch's alpha = 1/6, beta = 0.5 by default (ONNX writes its own alpha/beta); HardSwish =
// x * clamp(x / 6 + 0.5, 0, 1) (PyTorch's Hardswish, ONNX HardSwish, Keras 3's hard_silu);
// GELUTanh = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) (PyTorch's gelu(approximate="tanh"),
// ONNX Gelu approximate="tanh", GPT-2's gelu_new).
// Names are Keras' spellings; the label is also the layer's type name (ActivationLayer::typeName).
template <> struct EnumNames<ActivationKind> {
    static constexpr std::string_view what = "activation";
    static constexpr EnumEntry<ActivationKind> entries[] = {
        { ActivationKind::Linear, "linear", "Linear", "none" },
        { ActivationKind::ReLU, "relu", "ReLU" },
        { ActivationKind::LeakyReLU, "leaky_relu", "LeakyReLU" },
        { ActivationKind::ELU, "elu", "ELU" },
        { ActivationKind::GELU, "gelu", "GELU" },
        { ActivationKind::Tanh, "tanh", "Tanh" },
        { ActivationKind::Sigmoid, "sigmoid", "Sigmoid" },
        { ActivationKind::Softmax, "softmax", "Softmax" },
        { ActivationKind::ReLU6, "relu6", "ReLU6" },
        { ActivationKind::HardSigmoid, "hard_sigmoid", "HardSigmoid" },
        { ActivationKind::HardSwish, "hard_silu", "HardSwish", "hard_swish" },
        { ActivationKind::GELUTanh, "gelu_tanh", "GELUTanh" },
    };
};

// A name or alias from the table; the empty text is linear too (Keras' activation=None).
ActivationKind parseActivation(const std::string& text);
std::string activationName(ActivationKind kind);

class ActivationLayer final : public Layer {
public:
    // alpha < 0 picks the kind's default; beta is HardSigmoid's offset.
    explicit ActivationLayer(ActivationKind kind, float alpha = -1.0f, float beta = 0.5f);

    ActivationKind kind() const { return kind_; }
    float alpha() const { return alpha_; }
    float beta() const { return beta_; }

    std::string typeName() const override;
    Shape build(const Shape& inputShape) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    bool forwardsInPlace() const override { return kind_ != ActivationKind::Softmax; }
    void forwardInPlace(Tensor& xy, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    ActivationKind kind_;
    float alpha_; // LeakyReLU slope (default 0.3 as Keras 2; PyTorch uses 0.01), ELU alpha (1.0),
                  // HardSigmoid slope (1/6)
    float beta_;  // HardSigmoid offset (0.5)
};

} // namespace ws
