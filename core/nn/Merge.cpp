// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Merge.h"

#include "util/Error.h"
#include "util/ParallelChunks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <limits>

namespace ws {

namespace {

std::string shapeList(const std::vector<Shape>& shapes)
{
    std::string text;
    for (size_t k = 0; k < shapes.size(); ++k)
        text += (k ? ", " : "") + shapeToString(shapes[k]);
    return text;
}

[[noreturn]] void refuseOneInput(const Layer& layer)
{
    throwLayerShapeError(layer, "reads two or more inputs; it cannot be used in a plain chain");
}

} // namespace

bool isComparison(MergeKind kind)
{
    return kind == MergeKind::Equal || kind == MergeKind::Less || kind == MergeKind::Greater;
}

float compare(MergeKind kind, float a, float b)
{
    const bool r = kind == MergeKind::Equal ? a == b : kind == MergeKind::Less ? a < b : a > b;
    return r ? 1.0f : 0.0f;
}

Shape broadcastShapes(const std::vector<Shape>& shapes)
{
    size_t rank = 0;
    for (const Shape& s : shapes)
        rank = std::max(rank, s.size());
    Shape out(rank, 1);
    for (const Shape& s : shapes)
        for (size_t a = 0; a < s.size(); ++a) {
            int64_t& o = out[rank - s.size() + a];
            const int64_t d = s[a];
            if (d == o || d == 1)
                continue;
            if (o != 1)
                throw ShapeError("shapes " + shapeList(shapes) + " do not broadcast (axis " + std::to_string(a)
                    + " of " + shapeToString(s) + " is " + std::to_string(d) + ", elsewhere " + std::to_string(o) + ")");
            o = d;
        }
    return out;
}

std::vector<int32_t> broadcastMap(const Shape& in, const Shape& out)
{
    const size_t rank = out.size();
    const int64_t count = shapeNumel(out);
    // Strides of the input over the output's axes, 0 where it is stretched.
    std::vector<int64_t> stride(rank, 0);
    int64_t step = 1;
    for (size_t a = in.size(); a-- > 0;) {
        if (in[a] != 1)
            stride[rank - in.size() + a] = step;
        step *= in[a];
    }
    std::vector<int32_t> map(static_cast<size_t>(count));
    std::vector<int64_t> index(rank, 0);
    int64_t source = 0;
    for (int64_t i = 0; i < count; ++i) {
        map[size_t(i)] = int32_t(source);
        for (size_t a = rank; a-- > 0;) { // odometer over the output's axes
            source += stride[a];
            if (++index[a] < out[a])
                break;
            source -= stride[a] * out[a];
            index[a] = 0;
        }
    }
    return map;
}

// ---- Merge -------------------------------------------------------------------------------

std::string Merge::typeName() const { return std::string(enumName(kind_)); }

int Merge::inputCount() const
{
    return kind_ == MergeKind::Subtract || kind_ == MergeKind::Divide || isComparison(kind_) ? 2 : 0;
}

Shape JoinLayer::build(const Shape&) { refuseOneInput(*this); }

void JoinLayer::forward(const Tensor&, Tensor&, LayerScratch*, const Pass&) { refuseOneInput(*this); }

void JoinLayer::backward(const Tensor&, const Tensor&, const Tensor&, Tensor*, LayerScratch*) { refuseOneInput(*this); }

Shape Merge::buildMany(const std::vector<Shape>& inputShapes)
{
    const size_t n = inputShapes.size();
    if (n < 2 || (inputCount() != 0 && int(n) != inputCount()))
        throwLayerShapeError(*this, "reads " + std::string(inputCount() ? "exactly two" : "two or more")
            + " inputs, not " + std::to_string(n));
    Shape out;
    try {
        out = broadcastShapes(inputShapes);
    } catch (const ShapeError& e) {
        throwLayerShapeError(*this, e.what());
    }
    out_ = out;
    outSample_ = shapeNumel(out);
    if (outSample_ > std::numeric_limits<int32_t>::max())
        throwLayerShapeError(*this, "a sample of " + std::to_string(outSample_) + " values is too large");
    inSample_.assign(n, 0);
    maps_.assign(n, {});
    for (size_t k = 0; k < n; ++k) {
        const Shape& s = inputShapes[k];
        inSample_[k] = shapeNumel(s);
        // As many elements as the output: nothing is stretched (a stretched axis is 1 in s), so
        // s differs from out at most by leading axes of 1 and is read element for element, with
        // no map (the run-wise path would take a map for a repeat).
        if (inSample_[k] == outSample_)
            continue;
        maps_[k] = broadcastMap(s, out);
    }
    period_ = outSample_;
    for (size_t k = 0; k < n && period_ != 0; ++k) {
        if (maps_[k].empty())
            continue;
        const int64_t p = inSample_[k];
        bool repeats = p > 0 && outSample_ % p == 0 && (period_ == outSample_ || period_ == p);
        for (int64_t i = 0; i < outSample_ && repeats; ++i)
            repeats = maps_[k][size_t(i)] == i % p;
        period_ = repeats ? p : 0;
    }
    if (period_ < 16 && period_ != outSample_) // runs that short cost more in calls than they save
        period_ = 0;
    return out;
}

namespace {

// out[i] for i < count from in[k][i]: the first input, then each further one added, subtracted,
// multiplied..., in input order.
void combine(MergeKind kind, const std::vector<const float*>& in, float* __restrict out, int64_t count)
{
    const size_t n = in.size();
    switch (kind) {
    case MergeKind::Add:
    case MergeKind::Average:
        std::copy(in[0], in[0] + count, out);
        for (size_t k = 1; k < n; ++k) {
            const float* x = in[k];
            for (int64_t i = 0; i < count; ++i)
                out[i] += x[i];
        }
        if (kind == MergeKind::Average) {
            const float scale = 1.0f / float(n);
            for (int64_t i = 0; i < count; ++i)
                out[i] *= scale;
        }
        break;
    case MergeKind::Subtract:
        for (int64_t i = 0; i < count; ++i)
            out[i] = in[0][i] - in[1][i];
        break;
    case MergeKind::Divide:
        for (int64_t i = 0; i < count; ++i)
            out[i] = in[0][i] / in[1][i];
        break;
    case MergeKind::Equal:
    case MergeKind::Less:
    case MergeKind::Greater:
        for (int64_t i = 0; i < count; ++i)
            out[i] = compare(kind, in[0][i], in[1][i]);
        break;
    case MergeKind::Multiply:
        std::copy(in[0], in[0] + count, out);
        for (size_t k = 1; k < n; ++k) {
            const float* x = in[k];
            for (int64_t i = 0; i < count; ++i)
                out[i] *= x[i];
        }
        break;
    case MergeKind::Maximum:
    case MergeKind::Minimum: {
        const bool max = kind == MergeKind::Maximum;
        std::copy(in[0], in[0] + count, out);
        for (size_t k = 1; k < n; ++k) {
            const float* x = in[k];
            for (int64_t i = 0; i < count; ++i)
                out[i] = max ? std::max(out[i], x[i]) : std::min(out[i], x[i]);
        }
        break;
    }
    }
}

} // namespace

void Merge::checkBatch(const std::vector<const Tensor*>& xs) const
{
    if (xs.size() != inSample_.size())
        throwLayerShapeError(*this, "was built for " + std::to_string(inSample_.size()) + " inputs, not "
            + std::to_string(xs.size()));
    const int64_t batch = xs[0]->rank() ? xs[0]->dim(0) : 0;
    for (size_t k = 0; k < xs.size(); ++k)
        if (xs[k]->rank() == 0 || xs[k]->dim(0) != batch || xs[k]->size() != batch * inSample_[k])
            throwLayerShapeError(*this, "input " + std::to_string(k) + " has shape " + shapeToString(xs[k]->shape())
                + ", which does not fit the shape it was built for with a batch of " + std::to_string(batch));
}

void Merge::forwardMany(const std::vector<const Tensor*>& xs, Tensor& y, LayerScratch*, const Pass&)
{
    checkBatch(xs);
    const int64_t batch = xs[0]->dim(0);
    Shape shape = out_;
    shape.insert(shape.begin(), batch);
    y.resizeForOverwrite(shape);
    const size_t n = xs.size();
    // Inputs of the output's shape, or repeating along it (period_): runs of the period from plain
    // pointers, about 16 K floats a chunk over the engine's threads. Each element is computed
    // alone, so the bits do not depend on the thread count. (A squeeze-excitation's scale was
    // read through its map, an index per element on one thread: 5 % of MobileNetV3-Small's
    // inference.)
    if (period_ > 0) {
        const int64_t runs = outSample_ / period_;
        const int64_t perChunk = std::max<int64_t>(1, (int64_t(1) << 14) / period_);
        forEachChunk(batch * runs, perChunk, [&](int64_t, int64_t r0, int64_t r1) {
            std::vector<const float*> in(n);
            for (int64_t r = r0; r < r1; ++r) {
                const int64_t b = r / runs, offset = (r % runs) * period_;
                for (size_t k = 0; k < n; ++k)
                    in[k] = xs[k]->data() + b * inSample_[k] + (maps_[k].empty() ? offset : 0);
                combine(kind_, in, y.data() + b * outSample_ + offset, period_);
            }
        });
        return;
    }
    // Otherwise each sample's stretched inputs are gathered through their maps, then combined.
    std::vector<std::vector<float>> gathered(n);
    std::vector<const float*> in(n);
    for (int64_t b = 0; b < batch; ++b) {
        for (size_t k = 0; k < n; ++k) {
            const float* x = xs[k]->data() + b * inSample_[k];
            if (maps_[k].empty()) {
                in[k] = x;
                continue;
            }
            gathered[k].resize(size_t(outSample_));
            for (int64_t i = 0; i < outSample_; ++i)
                gathered[k][size_t(i)] = x[maps_[k][size_t(i)]];
            in[k] = gathered[k].data();
        }
        combine(kind_, in, y.data() + b * outSample_, outSample_);
    }
}

void Merge::backwardMany(const std::vector<const Tensor*>& xs, const Tensor& y, const Tensor& dy,
    const std::vector<Tensor*>& dxs, LayerScratch*)
{
    checkBatch(xs);
    if (dy.shape() != y.shape())
        throwLayerShapeError(*this, "the output gradient has shape " + shapeToString(dy.shape()) + ", not "
            + shapeToString(y.shape()));
    const int64_t batch = xs[0]->dim(0);
    const size_t n = xs.size();
    for (size_t k = 0; k < n; ++k) {
        Tensor* dx = k < dxs.size() ? dxs[k] : nullptr;
        if (!dx)
            continue;
        dx->resize(xs[k]->shape());
        // A sum, mean or difference of inputs of the output's shape (a residual block's y + f(y)):
        // each input's gradient is the output's, scaled. The general loop below took 4 % of a
        // residual CNN's training step for this copy.
        const bool linear = kind_ == MergeKind::Add || kind_ == MergeKind::Average || kind_ == MergeKind::Subtract;
        if (linear && maps_[k].empty() && inSample_[k] == outSample_) {
            const float partial
                = kind_ == MergeKind::Average ? 1.0f / float(n) : (kind_ == MergeKind::Subtract && k > 0 ? -1.0f : 1.0f);
            const float* g = dy.data();
            float* d = dx->data();
            const int64_t count = batch * outSample_;
            if (partial == 1.0f)
                std::copy(g, g + count, d);
            else
                for (int64_t i = 0; i < count; ++i)
                    d[i] = g[i] * partial;
            continue;
        }
        dx->setZero();
        for (int64_t b = 0; b < batch; ++b) {
            const float* g = dy.data() + b * outSample_;
            const float* out = y.data() + b * outSample_;
            float* d = dx->data() + b * inSample_[k];
            auto in = [&](size_t j, int64_t i) { return xs[j]->data()[b * inSample_[j] + source(j, i)]; };
            for (int64_t i = 0; i < outSample_; ++i) {
                float partial = 1.0f;
                switch (kind_) {
                case MergeKind::Add:
                    break;
                case MergeKind::Average:
                    partial = 1.0f / float(n);
                    break;
                case MergeKind::Subtract:
                    partial = k == 0 ? 1.0f : -1.0f;
                    break;
                case MergeKind::Divide: {
                    const float den = in(1, i);
                    partial = k == 0 ? 1.0f / den : -in(0, i) / (den * den);
                    break;
                }
                case MergeKind::Multiply:
                    for (size_t j = 0; j < n; ++j)
                        if (j != k)
                            partial *= in(j, i);
                    break;
                case MergeKind::Maximum:
                case MergeKind::Minimum: {
                    // The first input holding the extreme gets the gradient.
                    size_t first = 0;
                    while (first < n && in(first, i) != out[i])
                        ++first;
                    partial = first == k ? 1.0f : 0.0f;
                    break;
                }
                case MergeKind::Equal:
                case MergeKind::Less:
                case MergeKind::Greater:
                    partial = 0.0f;
                    break;
                }
                d[source(k, i)] += g[i] * partial;
            }
        }
    }
}

// ---- Concatenate -------------------------------------------------------------------------


Shape Concatenate::buildMany(const std::vector<Shape>& inputShapes)
{
    if (inputShapes.size() < 2)
        throwLayerShapeError(*this, "reads two or more inputs, not " + std::to_string(inputShapes.size()));
    const int rank = int(inputShapes[0].size()); // per sample
    const int full = rank + 1;
    const int axis = axis_ < 0 ? axis_ + full : axis_;
    if (axis <= 0 || axis >= full)
        throwLayerShapeError(*this, "axis " + std::to_string(axis_) + " is not an axis of the samples (rank "
            + std::to_string(full) + " with the batch axis, which cannot be joined)");
    const size_t a = size_t(axis - 1);
    Shape out = inputShapes[0];
    out[a] = 0;
    chunk_.clear();
    for (const Shape& s : inputShapes) {
        bool fits = int(s.size()) == rank;
        for (size_t d = 0; fits && d < s.size(); ++d)
            fits = d == a || s[d] == inputShapes[0][d];
        if (!fits)
            throwLayerShapeError(*this, "inputs " + shapeList(inputShapes) + " differ in an axis other than "
                + std::to_string(axis));
        out[a] += s[a];
        chunk_.push_back(shapeNumel(Shape(s.begin() + std::ptrdiff_t(a), s.end())));
    }
    outer_ = shapeNumel(Shape(out.begin(), out.begin() + std::ptrdiff_t(a)));
    outChunk_ = 0;
    for (int64_t c : chunk_)
        outChunk_ += c;
    out_ = out;
    return out;
}

void Concatenate::forwardMany(const std::vector<const Tensor*>& xs, Tensor& y, LayerScratch*, const Pass&)
{
    if (xs.size() != chunk_.size())
        throwLayerShapeError(*this, "was built for " + std::to_string(chunk_.size()) + " inputs");
    const int64_t batch = xs[0]->dim(0);
    for (size_t k = 0; k < xs.size(); ++k)
        if (xs[k]->size() != batch * outer_ * chunk_[k])
            throwLayerShapeError(*this, "input " + std::to_string(k) + " has shape " + shapeToString(xs[k]->shape())
                + ", which does not fit the shape it was built for");
    Shape shape = out_;
    shape.insert(shape.begin(), batch);
    y.resizeForOverwrite(shape);
    for (int64_t r = 0; r < batch * outer_; ++r) {
        float* out = y.data() + r * outChunk_;
        for (size_t k = 0; k < xs.size(); ++k) {
            std::memcpy(out, xs[k]->data() + r * chunk_[k], size_t(chunk_[k]) * sizeof(float));
            out += chunk_[k];
        }
    }
}

void Concatenate::backwardMany(const std::vector<const Tensor*>& xs, const Tensor&, const Tensor& dy,
    const std::vector<Tensor*>& dxs, LayerScratch*)
{
    const int64_t batch = xs.at(0)->dim(0);
    if (dy.size() != batch * outer_ * outChunk_)
        throwLayerShapeError(*this, "the output gradient has shape " + shapeToString(dy.shape()));
    for (size_t k = 0; k < xs.size() && k < dxs.size(); ++k)
        if (dxs[k])
            dxs[k]->resize(xs[k]->shape());
    for (int64_t r = 0; r < batch * outer_; ++r) {
        const float* g = dy.data() + r * outChunk_;
        for (size_t k = 0; k < xs.size(); ++k) {
            if (k < dxs.size() && dxs[k])
                std::memcpy(dxs[k]->data() + r * chunk_[k], g, size_t(chunk_[k]) * sizeof(float));
            g += chunk_[k];
        }
    }
}

nlohmann::json Concatenate::config() const
{
    nlohmann::json j = Layer::config();
    j["axis"] = axis_;
    return j;
}

} // namespace ws
