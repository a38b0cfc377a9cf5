// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/ConstantMerge.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace ws {

ConstantMerge::ConstantMerge(MergeKind kind, Shape shape, bool constantFirst, std::vector<float> values)
    : kind_(kind)
    , shape_(std::move(shape))
    , constantFirst_(constantFirst)
    , initial_(std::move(values))
{
}

Shape ConstantMerge::build(const Shape& inputShape)
{
    if (kind_ == MergeKind::Average)
        throwLayerShapeError(*this, "Average of an input with a constant is not supported");
    Shape out;
    try {
        out = broadcastShapes({ inputShape, shape_ });
    } catch (const ShapeError& e) {
        throwLayerShapeError(*this, e.what());
    }
    if (out != inputShape)
        throwLayerShapeError(*this, "the constant of shape " + shapeToString(shape_)
            + " would make the input of shape " + shapeToString(inputShape) + " larger (" + shapeToString(out) + ")");
    sample_ = shapeNumel(out);
    if (sample_ > std::numeric_limits<int32_t>::max())
        throwLayerShapeError(*this, "a sample of " + std::to_string(sample_) + " values is too large");
    map_ = broadcastMap(shape_, out);
    constant_.value.resize(shape_);
    if (!initial_.empty() && int64_t(initial_.size()) != constant_.value.size())
        throwLayerShapeError(*this, std::to_string(initial_.size()) + " values given for a constant of shape "
            + shapeToString(shape_));
    return out;
}

void ConstantMerge::initialize(Rng&)
{
    if (!initial_.empty()) {
        std::copy(initial_.begin(), initial_.end(), constant_.value.data());
        return;
    }
    const bool product = kind_ == MergeKind::Multiply || kind_ == MergeKind::Divide;
    constant_.value.vector().setConstant(product ? 1.0f : 0.0f);
}

void ConstantMerge::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    y.resize(x.shape());
    const float* c = constant_.value.data();
    const int64_t batch = sample_ == 0 ? 0 : x.size() / sample_;
    for (int64_t b = 0; b < batch; ++b) {
        const float* in = x.data() + b * sample_;
        float* out = y.data() + b * sample_;
        for (int64_t i = 0; i < sample_; ++i) {
            const float v = in[i], k = c[map_[size_t(i)]];
            const float first = constantFirst_ ? k : v, second = constantFirst_ ? v : k;
            switch (kind_) {
            case MergeKind::Add: out[i] = v + k; break;
            case MergeKind::Subtract: out[i] = first - second; break;
            case MergeKind::Multiply: out[i] = v * k; break;
            case MergeKind::Divide: out[i] = first / second; break;
            case MergeKind::Maximum: out[i] = std::max(v, k); break;
            case MergeKind::Minimum: out[i] = std::min(v, k); break;
            case MergeKind::Average: out[i] = 0.5f * (v + k); break;
            case MergeKind::Equal:
            case MergeKind::Less:
            case MergeKind::Greater: out[i] = compare(kind_, first, second); break;
            }
        }
    }
}

void ConstantMerge::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    const float* c = constant_.value.data();
    for (int64_t j = 0; j < x.size(); ++j) {
        const float v = x[j], k = c[map_[size_t(j % sample_)]], g = dy[j];
        float d = g;
        switch (kind_) {
        case MergeKind::Add: break;
        case MergeKind::Subtract: d = constantFirst_ ? -g : g; break;
        case MergeKind::Multiply: d = g * k; break;
        case MergeKind::Divide: d = constantFirst_ ? -g * k / (v * v) : g / k; break;
        // The input gets the gradient where it holds the extreme (Merge's rule: it comes first).
        case MergeKind::Maximum: d = v >= k ? g : 0.0f; break;
        case MergeKind::Minimum: d = v <= k ? g : 0.0f; break;
        case MergeKind::Average: d = 0.5f * g; break;
        case MergeKind::Equal:
        case MergeKind::Less:
        case MergeKind::Greater: d = 0.0f; break;
        }
        (*dx)[j] = d;
    }
}

nlohmann::json ConstantMerge::config() const
{
    auto j = Layer::config();
    j["kind"] = std::string(enumName(kind_));
    j["shape"] = shape_;
    j["constant_first"] = constantFirst_;
    return j;
}

} // namespace ws
