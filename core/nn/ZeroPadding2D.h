// SPDX-License-Identifier: GPL-3.0-or-later
// ZeroPadding2D: pads NHWC images with rows above/below and columns left/right (Keras'
// ZeroPadding2D, `padding` ((top, bottom), (left, right))). The fill value is 0 unless set:
// imported max pooling with explicit padding (PyTorch's MaxPool2d(3, 2, padding=1)) pads with
// the lowest float so that a padded position never wins; Keras configs carry no fill value and
// get 0. Letters: N = batch, H/W = height/width, C = channels. x (N, H, W, C),
// y (N, H + top + bottom, W + left + right, C).
#pragma once

#include "nn/Layer.h"
#include "nn/Window2D.h"

namespace ws {

class ZeroPadding2D final : public Layer {
public:
    explicit ZeroPadding2D(Padding2D padding, float fillValue = 0.0f) : padding_(padding), fill_(fillValue) {}

    const Padding2D& padding() const { return padding_; }
    float fillValue() const { return fill_; }

    std::string typeName() const override { return "ZeroPadding2D"; }
    Shape build(const Shape& inputShape) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* scratch) override;
    nlohmann::json config() const override;

private:
    Padding2D padding_;
    float fill_;
    int64_t h_ = 0, w_ = 0, c_ = 0; // input
};

} // namespace ws
