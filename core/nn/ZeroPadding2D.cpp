// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/ZeroPadding2D.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ws {

Shape ZeroPadding2D::build(const Shape& inputShape)
{
    const Padding2D& p = padding_;
    if (p.top < 0 || p.bottom < 0 || p.left < 0 || p.right < 0)
        throwLayerShapeError(*this, "padding must not be negative");
    if (inputShape.size() != 3)
        throwLayerShapeError(*this, "needs images (height, width, channels), got input shape " + shapeToString(inputShape));
    h_ = inputShape[0];
    w_ = inputShape[1];
    c_ = inputShape[2];
    // The sizes are checked for overflow where the model computes its buffers.
    return { h_ + p.top + p.bottom, w_ + p.left + p.right, c_ };
}

void ZeroPadding2D::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    const int64_t n = x.dim(0);
    const int64_t oh = h_ + padding_.top + padding_.bottom, ow = w_ + padding_.left + padding_.right;
    y.resize({ n, oh, ow, c_ });
    y.vector().setConstant(fill_);
    const int64_t row = w_ * c_;
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < h_; ++i) {
            const float* from = x.data() + (b * h_ + i) * row;
            std::copy(from, from + row, y.data() + ((b * oh + i + padding_.top) * ow + padding_.left) * c_);
        }
}

void ZeroPadding2D::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    const int64_t n = x.dim(0);
    const int64_t oh = h_ + padding_.top + padding_.bottom, ow = w_ + padding_.left + padding_.right;
    const int64_t row = w_ * c_;
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < h_; ++i) {
            const float* from = dy.data() + ((b * oh + i + padding_.top) * ow + padding_.left) * c_;
            std::copy(from, from + row, dx->data() + (b * h_ + i) * row);
        }
}

nlohmann::json ZeroPadding2D::config() const
{
    auto j = Layer::config();
    j["padding"] = { { padding_.top, padding_.bottom }, { padding_.left, padding_.right } };
    if (fill_ != 0.0f)
        j["fill_value"] = fill_;
    return j;
}

} // namespace ws
