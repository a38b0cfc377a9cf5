// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Flatten.h"

#include <algorithm>

namespace ws {

Shape Flatten::build(const Shape& inputShape)
{
    if (inputShape.empty())
        throwLayerShapeError(*this, "needs an input with at least one axis besides the batch");
    return { shapeNumel(inputShape) };
}

void Flatten::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    const int64_t n = x.dim(0);
    y.resize({ n, n == 0 ? 0 : x.size() / n });
    std::copy_n(x.data(), x.size(), y.data());
}

void Flatten::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    std::copy_n(dy.data(), dy.size(), dx->data());
}

} // namespace ws
