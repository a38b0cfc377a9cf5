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

namespace {

Shape flattened(const Tensor& x)
{
    const int64_t n = x.dim(0);
    return { n, n == 0 ? 0 : x.size() / n };
}

} // namespace

void Flatten::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    y.resize(flattened(x));
    std::copy_n(x.data(), x.size(), y.data());
}

void Flatten::forwardInPlace(Tensor& xy, LayerScratch*, const Pass&) { xy.reshape(flattened(xy)); }

void Flatten::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    std::copy_n(dy.data(), dy.size(), dx->data());
}

} // namespace ws
