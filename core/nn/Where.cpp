// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Where.h"

#include "nn/Merge.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace ws {

namespace {

constexpr const char* kOperandNames[3] = { "condition", "a", "b" };

} // namespace

Where::Where(std::array<std::optional<Constant>, 3> operands) : operands_(std::move(operands))
{
    for (size_t k = 0; k < 3; ++k)
        inputOf_[k] = operands_[k] ? -1 : inputs_++;
}

Shape Where::buildMany(const std::vector<Shape>& inputShapes)
{
    if (inputs_ == 0)
        throwLayerShapeError(*this, "every operand is a constant; at least one must be an input");
    if (int(inputShapes.size()) != inputs_)
        throwLayerShapeError(*this, "reads " + std::to_string(inputs_) + " inputs, not " + std::to_string(inputShapes.size()));
    std::array<Shape, 3> shapes;
    for (size_t k = 0; k < 3; ++k)
        shapes[k] = operands_[k] ? operands_[k]->shape : inputShapes[size_t(inputOf_[k])];
    try {
        out_ = broadcastShapes({ shapes[0], shapes[1], shapes[2] });
    } catch (const ShapeError& e) {
        throwLayerShapeError(*this, e.what());
    }
    // A constant must not make a sample larger than the inputs do: its values would be the same
    // for every sample but the layer would still copy them per sample. The inputs set the shape.
    std::vector<Shape> fromInputs(inputShapes.begin(), inputShapes.end());
    if (broadcastShapes(fromInputs) != out_)
        throwLayerShapeError(*this, "a constant operand would make the inputs " + shapeToString(fromInputs[0])
            + " larger (" + shapeToString(out_) + ")");
    outSample_ = shapeNumel(out_);
    if (outSample_ > std::numeric_limits<int32_t>::max())
        throwLayerShapeError(*this, "a sample of " + std::to_string(outSample_) + " values is too large");
    for (size_t k = 0; k < 3; ++k) {
        sample_[k] = shapeNumel(shapes[k]);
        maps_[k] = shapes[k] == out_ ? std::vector<int32_t>() : broadcastMap(shapes[k], out_);
        if (!operands_[k])
            continue;
        constants_[k].value.resize(shapes[k]);
        const std::vector<float>& values = operands_[k]->values;
        if (!values.empty() && int64_t(values.size()) != sample_[k])
            throwLayerShapeError(*this, std::to_string(values.size()) + " values given for the " + kOperandNames[k]
                + " of shape " + shapeToString(shapes[k]));
    }
    Rng unused(0);
    initialize(unused); // the constants are known: the layer runs right after build
    return out_;
}

void Where::initialize(Rng&)
{
    for (size_t k = 0; k < 3; ++k)
        if (operands_[k]) {
            Tensor& t = constants_[k].value;
            if (operands_[k]->values.empty())
                t.setZero();
            else
                std::copy(operands_[k]->values.begin(), operands_[k]->values.end(), t.data());
        }
}

std::vector<Param*> Where::nonTrainableParams()
{
    std::vector<Param*> out;
    for (size_t k = 0; k < 3; ++k)
        if (operands_[k])
            out.push_back(&constants_[k]);
    return out;
}

float Where::at(const std::vector<const Tensor*>& xs, size_t k, int64_t b, int64_t i) const
{
    const int64_t j = maps_[k].empty() ? i : maps_[k][size_t(i)];
    if (operands_[k])
        return constants_[k].value.data()[j];
    return xs[size_t(inputOf_[k])]->data()[b * sample_[k] + j];
}

void Where::checkBatch(const std::vector<const Tensor*>& xs) const
{
    if (int(xs.size()) != inputs_)
        throwLayerShapeError(*this, "was built for " + std::to_string(inputs_) + " inputs, not " + std::to_string(xs.size()));
    const int64_t batch = xs[0]->rank() ? xs[0]->dim(0) : 0;
    for (size_t k = 0; k < 3; ++k) {
        if (operands_[k])
            continue;
        const Tensor& x = *xs[size_t(inputOf_[k])];
        if (x.rank() == 0 || x.dim(0) != batch || x.size() != batch * sample_[k])
            throwLayerShapeError(*this, std::string("the ") + kOperandNames[k] + " has shape " + shapeToString(x.shape())
                + ", which does not fit the shape it was built for with a batch of " + std::to_string(batch));
    }
}

void Where::forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass)
{
    forwardMany({ &x }, y, scratch, pass);
}

void Where::backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* scratch)
{
    backwardMany({ &x }, y, dy, { dx }, scratch);
}

void Where::forwardMany(const std::vector<const Tensor*>& xs, Tensor& y, LayerScratch*, const Pass&)
{
    checkBatch(xs);
    const int64_t batch = xs[0]->dim(0);
    Shape shape = out_;
    shape.insert(shape.begin(), batch);
    y.resize(shape);
    for (int64_t b = 0; b < batch; ++b) {
        float* out = y.data() + b * outSample_;
        for (int64_t i = 0; i < outSample_; ++i)
            out[i] = at(xs, at(xs, 0, b, i) != 0.0f ? 1 : 2, b, i);
    }
}

void Where::backwardMany(const std::vector<const Tensor*>& xs, const Tensor&, const Tensor& dy,
    const std::vector<Tensor*>& dxs, LayerScratch*)
{
    checkBatch(xs);
    const int64_t batch = xs[0]->dim(0);
    if (dy.size() != batch * outSample_)
        throwLayerShapeError(*this, "the output gradient has shape " + shapeToString(dy.shape()));
    for (size_t k = 0; k < 3; ++k) {
        const int input = inputOf_[k];
        Tensor* dx = input >= 0 && size_t(input) < dxs.size() ? dxs[size_t(input)] : nullptr;
        if (!dx)
            continue;
        dx->resize(xs[size_t(input)]->shape());
        dx->setZero();
        if (k == 0)
            continue; // a condition is a step function: no gradient
        for (int64_t b = 0; b < batch; ++b) {
            const float* g = dy.data() + b * outSample_;
            float* d = dx->data() + b * sample_[k];
            for (int64_t i = 0; i < outSample_; ++i)
                if ((at(xs, 0, b, i) != 0.0f) == (k == 1))
                    d[maps_[k].empty() ? i : maps_[k][size_t(i)]] += g[i];
        }
    }
}

nlohmann::json Where::config() const
{
    nlohmann::json j = Layer::config();
    for (size_t k = 0; k < 3; ++k)
        j[kOperandNames[k]] = operands_[k] ? nlohmann::json { { "shape", operands_[k]->shape } } : nlohmann::json("input");
    return j;
}

} // namespace ws
