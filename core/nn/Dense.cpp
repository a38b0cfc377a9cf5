// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Dense.h"

#include "tensor/Gemm.h"

#include <nlohmann/json.hpp>

namespace ws {

Dense::Dense(int64_t units, bool useBias, Initializer kernelInit, Initializer biasInit)
    : units_(units)
    , useBias_(useBias)
    , kernelInit_(kernelInit)
    , biasInit_(biasInit)
{
}

Shape Dense::build(const Shape& inputShape)
{
    if (units_ <= 0)
        throwLayerShapeError(*this, "units must be positive, got " + std::to_string(units_));
    if (inputShape.empty() || inputShape.back() <= 0)
        throwLayerShapeError(*this, "needs an input with a feature axis, got " + shapeToString(inputShape));
    const int64_t in = inputShape.back();
    kernel_.value.resize({ in, units_ });
    kernel_.grad = Tensor({ in, units_ });
    if (useBias_) {
        bias_.value.resize({ units_ });
        bias_.grad = Tensor({ units_ });
    }
    Shape out = inputShape;
    out.back() = units_;
    return out;
}

void Dense::initialize(Rng& rng)
{
    const int64_t in = kernel_.value.dim(0);
    ws::initialize(kernel_.value, kernelInit_, in, units_, rng);
    if (useBias_)
        ws::initialize(bias_.value, biasInit_, in, units_, rng);
}

void Dense::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    const int64_t in = kernel_.value.dim(0);
    const int64_t rows = x.size() / in;
    Shape outShape = x.shape();
    outShape.back() = units_;
    y.resizeForOverwrite(outShape);
    gemm(false, false, rows, units_, in, x.data(), kernel_.value.data(), y.data(), false,
        useBias_ ? bias_.value.data() : nullptr);
}

void Dense::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    const int64_t in = kernel_.value.dim(0);
    const int64_t rows = x.size() / in;
    ConstMatrixMap G(dy.data(), rows, units_);
    gemm(true, false, in, units_, rows, x.data(), dy.data(), kernel_.grad.data(), !kernel_.takeGradPending());
    if (useBias_) {
        if (bias_.takeGradPending())
            bias_.grad.vector().noalias() = G.colwise().sum().transpose();
        else
            bias_.grad.vector().noalias() += G.colwise().sum().transpose();
    }
    if (dx) {
        dx->resize(x.shape());
        gemm(false, true, rows, in, units_, dy.data(), kernel_.value.data(), dx->data(), false);
    }
}

std::vector<Param*> Dense::params()
{
    if (useBias_)
        return { &kernel_, &bias_ };
    return { &kernel_ };
}

nlohmann::json Dense::config() const
{
    auto j = Layer::config();
    j["units"] = units_;
    j["use_bias"] = useBias_;
    j["kernel_initializer"] = kernelInit_.toString();
    j["bias_initializer"] = biasInit_.toString();
    return j;
}

} // namespace ws
