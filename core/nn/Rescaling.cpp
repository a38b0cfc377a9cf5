// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Rescaling.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace ws {

Shape Rescaling::build(const Shape& inputShape)
{
    if (!std::isfinite(scale_) || !std::isfinite(offset_))
        throwLayerShapeError(*this, "scale and offset must be finite numbers, got " + std::to_string(scale_) + " and "
            + std::to_string(offset_));
    return inputShape;
}

void Rescaling::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    y.resize(x.shape());
    y.vector() = (x.vector() * scale_).array() + offset_;
}

void Rescaling::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    dx->vector() = dy.vector() * scale_;
}

nlohmann::json Rescaling::config() const
{
    auto j = Layer::config();
    j["scale"] = scale_;
    j["offset"] = offset_;
    return j;
}

} // namespace ws
