// SPDX-License-Identifier: GPL-3.0-or-later
// Flatten: (N, d1, d2, ...) -> (N, d1*d2*...). Row-major storage makes it a copy (none in place); NHWC images
// flatten in Keras' order (channels fastest), so Dense kernels imported from Keras line up.
#pragma once

#include "nn/Layer.h"

namespace ws {

class Flatten final : public Layer {
public:
    std::string typeName() const override { return "Flatten"; }
    Shape build(const Shape& inputShape) override;
    void forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass) override;
    void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx,
        LayerScratch* scratch) override;
    // Only the shape changes: in inference the output is the input's buffer (Sequential's rule).
    bool forwardsInPlace() const override { return true; }
    void forwardInPlace(Tensor& xy, LayerScratch* scratch, const Pass& pass) override;
};

} // namespace ws
