// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Permute.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ws {

Shape Permute::build(const Shape& inputShape)
{
    if (dims_.size() != inputShape.size())
        throwLayerShapeError(*this, "dims has " + std::to_string(dims_.size()) + " entries but the input "
            + shapeToString(inputShape) + " has " + std::to_string(inputShape.size()) + " axes besides the batch");
    perm_.assign(dims_.size(), 0);
    inverse_.assign(dims_.size(), -1);
    Shape out(dims_.size());
    for (size_t i = 0; i < dims_.size(); ++i) {
        const int d = dims_[i] - 1;
        if (d < 0 || size_t(d) >= dims_.size() || inverse_[size_t(d)] >= 0)
            throwLayerShapeError(*this, "dims must name each axis 1.." + std::to_string(dims_.size()) + " once");
        perm_[i] = d;
        inverse_[size_t(d)] = int(i);
        out[i] = inputShape[size_t(d)];
    }
    return out;
}

void Permute::permute(const float* from, const Shape& fromShape, const std::vector<int>& perm, int64_t samples,
    float* to)
{
    const size_t rank = fromShape.size();
    std::vector<int64_t> fromStride(rank, 1);
    for (size_t i = rank; i-- > 1;)
        fromStride[i - 1] = fromStride[i] * fromShape[i];
    Shape toShape(rank);
    std::vector<int64_t> stride(rank); // input stride of each output axis
    for (size_t i = 0; i < rank; ++i) {
        toShape[i] = fromShape[size_t(perm[i])];
        stride[i] = fromStride[size_t(perm[i])];
    }
    const int64_t per = shapeNumel(fromShape);
    std::vector<int64_t> index(rank);
    for (int64_t n = 0; n < samples; ++n) {
        const float* src = from + n * per;
        float* dst = to + n * per;
        std::fill(index.begin(), index.end(), 0);
        int64_t offset = 0; // input offset of the output position `index`
        for (int64_t k = 0; k < per; ++k) {
            dst[k] = src[offset];
            // odometer step over the output axes, last fastest
            for (size_t i = rank; i-- > 0;) {
                offset += stride[i];
                if (++index[i] < toShape[i])
                    break;
                offset -= stride[i] * toShape[i];
                index[i] = 0;
            }
        }
    }
}

void Permute::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    Shape shape = outputShape_;
    shape.insert(shape.begin(), x.dim(0));
    y.resizeForOverwrite(shape);
    permute(x.data(), inputShape_, perm_, x.dim(0), y.data());
}

void Permute::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    permute(dy.data(), outputShape_, inverse_, x.dim(0), dx->data());
}

nlohmann::json Permute::config() const
{
    auto j = Layer::config();
    j["dims"] = dims_;
    return j;
}

} // namespace ws
