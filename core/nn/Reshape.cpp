// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Reshape.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ws {

Shape Reshape::build(const Shape& inputShape)
{
    if (targetShape_.empty())
        throwLayerShapeError(*this, "target_shape is empty");
    const int64_t total = shapeNumel(inputShape);
    int64_t known = 1;
    int inferred = -1;
    for (size_t i = 0; i < targetShape_.size(); ++i) {
        const int64_t d = targetShape_[i];
        if (d == -1) {
            if (inferred >= 0)
                throwLayerShapeError(*this, "target_shape " + shapeToString(targetShape_) + " has more than one -1");
            inferred = int(i);
        } else if (d <= 0) {
            throwLayerShapeError(*this, "target_shape " + shapeToString(targetShape_)
                + " may only hold positive sizes and one -1");
        } else {
            known *= d;
        }
    }
    Shape out = targetShape_;
    if (inferred >= 0) {
        if (total % known != 0)
            throwLayerShapeError(*this, "cannot reshape input " + shapeToString(inputShape) + " (" + std::to_string(total)
                + " elements) to " + shapeToString(targetShape_) + ": " + std::to_string(total)
                + " is not a multiple of " + std::to_string(known));
        out[size_t(inferred)] = total / known;
    } else if (known != total) {
        throwLayerShapeError(*this, "cannot reshape input " + shapeToString(inputShape) + " (" + std::to_string(total)
            + " elements) to " + shapeToString(targetShape_) + " (" + std::to_string(known) + " elements)");
    }
    resolved_ = out;
    return out;
}

Shape Reshape::batchShape(const Tensor& x) const
{
    Shape shape = resolved_;
    shape.insert(shape.begin(), x.dim(0));
    return shape;
}

void Reshape::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    y.resize(batchShape(x));
    std::copy_n(x.data(), x.size(), y.data());
}

void Reshape::forwardInPlace(Tensor& xy, LayerScratch*, const Pass&) { xy.reshape(batchShape(xy)); }

void Reshape::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    std::copy_n(dy.data(), dy.size(), dx->data());
}

nlohmann::json Reshape::config() const
{
    auto j = Layer::config();
    j["target_shape"] = targetShape_;
    return j;
}

} // namespace ws
