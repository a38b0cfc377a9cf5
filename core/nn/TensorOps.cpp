// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/TensorOps.h"

#include "nn/Merge.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace ws {

namespace {

// Products of the axes before `axis`, of `axis` and of the axes after it.
void splitAxis(const Layer& layer, const Shape& shape, int axis, int64_t& outer, int64_t& size, int64_t& inner)
{
    if (axis < 0 || size_t(axis) >= shape.size())
        throwLayerShapeError(layer, "axis " + std::to_string(axis) + " is outside the input " + shapeToString(shape));
    outer = shapeNumel(Shape(shape.begin(), shape.begin() + axis));
    size = shape[size_t(axis)];
    inner = shapeNumel(Shape(shape.begin() + axis + 1, shape.end()));
}

Shape withBatch(Shape shape, int64_t batch)
{
    shape.insert(shape.begin(), batch);
    return shape;
}

} // namespace

// ---- MatMul ------------------------------------------------------------------------------

Shape MatMul::buildMany(const std::vector<Shape>& inputShapes)
{
    if (inputShapes.size() != 2)
        throwLayerShapeError(*this, "reads exactly two inputs, not " + std::to_string(inputShapes.size()));
    const Shape& a = inputShapes[0];
    const Shape& b = inputShapes[1];
    if (a.size() < 2 || b.size() < 2)
        throwLayerShapeError(*this, "needs matrices (two axes or more per sample), got " + shapeToString(a) + " and "
            + shapeToString(b));
    m_ = a[a.size() - 2];
    k_ = a.back();
    n_ = b.back();
    if (b[b.size() - 2] != k_)
        throwLayerShapeError(*this, "the inputs " + shapeToString(a) + " and " + shapeToString(b)
            + " cannot be multiplied (" + std::to_string(k_) + " columns against " + std::to_string(b[b.size() - 2])
            + " rows)");
    const Shape leadA(a.begin(), a.end() - 2), leadB(b.begin(), b.end() - 2);
    Shape lead;
    try {
        lead = broadcastShapes({ leadA, leadB });
    } catch (const ShapeError& e) {
        throwLayerShapeError(*this, e.what());
    }
    if (shapeNumel(lead) > std::numeric_limits<int32_t>::max())
        throwLayerShapeError(*this, "too many matrices per sample");
    mapA_ = broadcastMap(leadA, lead);
    mapB_ = broadcastMap(leadB, lead);
    matricesA_ = shapeNumel(leadA);
    matricesB_ = shapeNumel(leadB);
    Shape out = lead;
    out.push_back(m_);
    out.push_back(n_);
    out_ = out;
    return out;
}

void MatMul::forwardMany(const std::vector<const Tensor*>& xs, Tensor& y, LayerScratch*, const Pass&)
{
    const int64_t batch = xs.at(0)->dim(0);
    if (xs.size() != 2 || xs[1]->dim(0) != batch || xs[0]->size() != batch * matricesA_ * m_ * k_
        || xs[1]->size() != batch * matricesB_ * k_ * n_)
        throwLayerShapeError(*this, "the inputs do not fit the shapes it was built for");
    y.resize(withBatch(out_, batch));
    y.setZero();
    const int64_t count = int64_t(mapA_.size());
    for (int64_t s = 0; s < batch; ++s)
        for (int64_t o = 0; o < count; ++o) {
            const float* a = xs[0]->data() + (s * matricesA_ + mapA_[size_t(o)]) * m_ * k_;
            const float* b = xs[1]->data() + (s * matricesB_ + mapB_[size_t(o)]) * k_ * n_;
            float* c = y.data() + (s * count + o) * m_ * n_;
            for (int64_t i = 0; i < m_; ++i)
                for (int64_t p = 0; p < k_; ++p) {
                    const float v = a[i * k_ + p];
                    const float* row = b + p * n_;
                    float* out = c + i * n_;
                    for (int64_t j = 0; j < n_; ++j)
                        out[j] += v * row[j];
                }
        }
}

void MatMul::backwardMany(const std::vector<const Tensor*>& xs, const Tensor&, const Tensor& dy,
    const std::vector<Tensor*>& dxs, LayerScratch*)
{
    Tensor* da = dxs.at(0);
    Tensor* db = dxs.at(1);
    for (size_t k = 0; k < 2; ++k)
        if (dxs[k]) {
            dxs[k]->resize(xs[k]->shape());
            dxs[k]->setZero();
        }
    const int64_t batch = xs[0]->dim(0);
    const int64_t count = int64_t(mapA_.size());
    for (int64_t s = 0; s < batch; ++s)
        for (int64_t o = 0; o < count; ++o) {
            const int64_t offA = (s * matricesA_ + mapA_[size_t(o)]) * m_ * k_;
            const int64_t offB = (s * matricesB_ + mapB_[size_t(o)]) * k_ * n_;
            const float* a = xs[0]->data() + offA;
            const float* b = xs[1]->data() + offB;
            const float* dc = dy.data() + (s * count + o) * m_ * n_;
            for (int64_t i = 0; i < m_; ++i)
                for (int64_t p = 0; p < k_; ++p) {
                    const float* row = b + p * n_;
                    const float* g = dc + i * n_;
                    if (da) { // dA = dC B^T
                        float sum = 0.0f;
                        for (int64_t j = 0; j < n_; ++j)
                            sum += g[j] * row[j];
                        da->data()[offA + i * k_ + p] += sum;
                    }
                    if (db) { // dB = A^T dC
                        const float v = a[i * k_ + p];
                        float* out = db->data() + offB + p * n_;
                        for (int64_t j = 0; j < n_; ++j)
                            out[j] += v * g[j];
                    }
                }
        }
}

// ---- Slice -------------------------------------------------------------------------------

Shape Slice::build(const Shape& inputShape)
{
    splitAxis(*this, inputShape, axis_, outer_, size_, inner_);
    if (start_ < 0 || end_ <= start_ || end_ > size_)
        throwLayerShapeError(*this, "the range [" + std::to_string(start_) + ", " + std::to_string(end_)
            + ") is empty or outside axis " + std::to_string(axis_) + " of size " + std::to_string(size_));
    out_ = inputShape;
    out_[size_t(axis_)] = end_ - start_;
    return out_;
}

void Slice::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    const int64_t rows = x.dim(0) * outer_, chunk = (end_ - start_) * inner_;
    y.resize(withBatch(out_, x.dim(0)));
    for (int64_t r = 0; r < rows; ++r)
        std::copy_n(x.data() + (r * size_ + start_) * inner_, chunk, y.data() + r * chunk);
}

void Slice::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    dx->setZero();
    const int64_t rows = x.dim(0) * outer_, chunk = (end_ - start_) * inner_;
    for (int64_t r = 0; r < rows; ++r)
        std::copy_n(dy.data() + r * chunk, chunk, dx->data() + (r * size_ + start_) * inner_);
}

nlohmann::json Slice::config() const
{
    auto j = Layer::config();
    j["axis"] = axis_;
    j["start"] = start_;
    j["end"] = end_;
    return j;
}

// ---- Reduce ------------------------------------------------------------------------------

Shape Reduce::build(const Shape& inputShape)
{
    splitAxis(*this, inputShape, axis_, outer_, size_, inner_);
    if (size_ == 0)
        throwLayerShapeError(*this, "axis " + std::to_string(axis_) + " is empty");
    out_ = inputShape;
    if (keepDims_)
        out_[size_t(axis_)] = 1;
    else
        out_.erase(out_.begin() + axis_);
    return out_;
}

void Reduce::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    const int64_t rows = x.dim(0) * outer_;
    const float scale = mean_ ? 1.0f / float(size_) : 1.0f;
    y.resize(withBatch(out_, x.dim(0)));
    y.setZero();
    for (int64_t r = 0; r < rows; ++r) {
        float* out = y.data() + r * inner_;
        for (int64_t k = 0; k < size_; ++k) {
            const float* in = x.data() + (r * size_ + k) * inner_;
            for (int64_t i = 0; i < inner_; ++i)
                out[i] += in[i];
        }
        for (int64_t i = 0; i < inner_; ++i)
            out[i] *= scale;
    }
}

void Reduce::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    const int64_t rows = x.dim(0) * outer_;
    const float scale = mean_ ? 1.0f / float(size_) : 1.0f;
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t k = 0; k < size_; ++k)
            for (int64_t i = 0; i < inner_; ++i)
                dx->data()[(r * size_ + k) * inner_ + i] = dy.data()[r * inner_ + i] * scale;
}

nlohmann::json Reduce::config() const
{
    auto j = Layer::config();
    j["axis"] = axis_;
    j["keepdims"] = keepDims_;
    return j;
}

// ---- Elementwise -------------------------------------------------------------------------

void Elementwise::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    y.resize(x.shape());
    const float* in = x.data();
    float* out = y.data();
    const int64_t n = x.size();
    if (kind_ == Kind::Erf) {
        for (int64_t i = 0; i < n; ++i)
            out[i] = std::erf(in[i]);
    } else if (exponent_ == 2.0f) {
        for (int64_t i = 0; i < n; ++i)
            out[i] = in[i] * in[i];
    } else if (exponent_ == 0.5f) {
        for (int64_t i = 0; i < n; ++i)
            out[i] = std::sqrt(in[i]);
    } else {
        for (int64_t i = 0; i < n; ++i)
            out[i] = std::pow(in[i], exponent_);
    }
}

void Elementwise::backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    const int64_t n = x.size();
    const float* in = x.data();
    const float* g = dy.data();
    float* out = dx->data();
    if (kind_ == Kind::Erf) {
        const float c = float(2.0 / std::sqrt(std::numbers::pi));
        for (int64_t i = 0; i < n; ++i)
            out[i] = g[i] * c * std::exp(-in[i] * in[i]);
    } else if (exponent_ == 0.5f) { // d sqrt(x) = 1 / (2 sqrt(x)), from the output
        for (int64_t i = 0; i < n; ++i)
            out[i] = g[i] * 0.5f / y[i];
    } else {
        for (int64_t i = 0; i < n; ++i)
            out[i] = g[i] * exponent_ * std::pow(in[i], exponent_ - 1.0f);
    }
}

nlohmann::json Elementwise::config() const
{
    auto j = Layer::config();
    if (kind_ == Kind::Power)
        j["exponent"] = exponent_;
    return j;
}

// ---- Expand ------------------------------------------------------------------------------

Shape Expand::build(const Shape& inputShape)
{
    try {
        out_ = broadcastShapes({ inputShape, shape_ });
    } catch (const ShapeError& e) {
        throwLayerShapeError(*this, e.what());
    }
    if (shapeNumel(out_) > std::numeric_limits<int32_t>::max())
        throwLayerShapeError(*this, "a sample of " + shapeToString(out_) + " is too large");
    inSample_ = shapeNumel(inputShape);
    map_ = broadcastMap(inputShape, out_);
    return out_;
}

void Expand::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    const int64_t batch = x.dim(0), outSample = int64_t(map_.size());
    y.resize(withBatch(out_, batch));
    for (int64_t b = 0; b < batch; ++b) {
        const float* in = x.data() + b * inSample_;
        float* out = y.data() + b * outSample;
        for (int64_t i = 0; i < outSample; ++i)
            out[i] = in[map_[size_t(i)]];
    }
}

void Expand::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    const int64_t batch = x.dim(0), outSample = int64_t(map_.size());
    dx->resize(x.shape());
    dx->setZero();
    for (int64_t b = 0; b < batch; ++b) {
        const float* g = dy.data() + b * outSample;
        float* d = dx->data() + b * inSample_;
        for (int64_t i = 0; i < outSample; ++i)
            d[map_[size_t(i)]] += g[i];
    }
}

nlohmann::json Expand::config() const
{
    nlohmann::json j = Layer::config();
    j["shape"] = shape_;
    return j;
}

} // namespace ws
