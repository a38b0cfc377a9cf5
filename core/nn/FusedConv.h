// SPDX-License-Identifier: GPL-3.0-or-later
// Conv2D followed by ReLU, and by 2x2 max pooling where the model has it, run as one pass in
// training (#10). Sequential::build finds these runs of layers; a training pass then computes the
// convolution in blocks of a few samples (Conv2D::forwardBlocks) and applies ReLU and pooling to
// each block while it is in cache, writing only the group's last output: the whole batch's
// convolution output (and, with pooling, ReLU output) is never written nor read back. Backward
// builds each block's dL/d(convolution output) from dL/d(group output) the same way.
// Letters as in Conv2D.h: N = batch, OH/OW = convolution output height/width, F = filters;
// PH/PW = pooled height/width.
//
// The results are those of the layers one by one:
//   maxpool(relu(z)) = relu(maxpool(z)), and the winner of a window is its first maximum of z
//   (the unfused pooling's rule, TF's and PyTorch's). A window whose maximum is <= 0 has no
//   winner here (all four ReLU outputs are 0 and the unfused pooling's pick gets no gradient
//   through the ReLU either). dL/dz = dL/dr where relu(z) > 0.
#pragma once

#include "nn/Layer.h"

#include <memory>
#include <vector>

namespace ws {

class Conv2D;

class FusedConv {
public:
    // How many layers from layers[first] on fuse: 3 (Conv2D, ReLU, 2x2 max pooling with stride 2
    // whose windows lie inside the image), 2 (Conv2D, ReLU) or 0. The layers must be built.
    static size_t match(const std::vector<std::unique_ptr<Layer>>& layers, size_t first);

    FusedConv(Conv2D& conv, size_t first, size_t count);

    size_t first() const { return first_; }
    size_t count() const { return count_; }

    std::unique_ptr<LayerScratch> makeScratch() const;
    // x: the convolution's input; y: the output of the group's last layer. convScratch is the
    // Conv2D's own scratch, scratch this group's.
    void forward(const Tensor& x, Tensor& y, LayerScratch* convScratch, LayerScratch* scratch);
    // dy: dL/dy; dx (null when not needed): dL/dx. Adds into the convolution's gradients.
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* convScratch,
        LayerScratch* scratch);

private:
    bool pooled() const { return count_ == 3; }

    Conv2D* conv_;
    size_t first_;
    size_t count_;
    int64_t oh_ = 0, ow_ = 0, f_ = 0; // convolution output
    int64_t ph_ = 0, pw_ = 0;         // pooled output
};

} // namespace ws
