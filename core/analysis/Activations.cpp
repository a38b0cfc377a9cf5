// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/Activations.h"

#include "nn/Activation.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ws {

namespace {

std::vector<float> softmax(const float* z, int64_t k)
{
    std::vector<float> p(static_cast<size_t>(k));
    const float top = *std::max_element(z, z + k);
    double sum = 0.0;
    for (int64_t j = 0; j < k; ++j)
        sum += p[size_t(j)] = std::exp(z[j] - top);
    for (float& v : p)
        v = float(v / sum);
    return p;
}

bool endsInSoftmax(const Sequential& model)
{
    if (model.size() == 0)
        return false;
    const auto* act = dynamic_cast<const ActivationLayer*>(&model.layer(model.size() - 1));
    return act && act->kind() == ActivationKind::Softmax;
}

} // namespace

SampleActivations sampleActivations(Sequential& model, const Tensor& x, const UnitMask& mask, LossKind loss)
{
    if (x.rank() < 1 || x.dim(0) != 1)
        throw ShapeError("sampleActivations takes one sample, not a batch of " + shapeToString(x.shape()));
    Workspace ws = model.makeWorkspace();
    const Tensor& out = forwardMasked(model, x, ws, mask);
    SampleActivations result;
    for (size_t i = 0; i < model.size(); ++i) {
        const Tensor& y = ws.outputs[i];
        LayerActivation a;
        a.name = model.layer(i).name();
        a.type = model.layer(i).typeName();
        a.shape = model.layer(i).outputShape();
        a.values.assign(y.data(), y.data() + y.size());
        result.layers.push_back(std::move(a));
    }
    const int64_t k = out.size();
    if (loss == LossKind::MeanSquaredError || k == 0)
        return result;
    if (k == 1) {
        const float z = out.data()[0];
        // One logit (binary cross-entropy): class 1 above zero, as core/train/Metrics reads it.
        const float p = 1.0f / (1.0f + std::exp(-z));
        result.probabilities = { 1.0f - p, p };
    } else if (loss == LossKind::CrossEntropy || endsInSoftmax(model)) {
        result.probabilities.assign(out.data(), out.data() + k);
    } else {
        result.probabilities = softmax(out.data(), k);
    }
    result.predicted = k == 1 ? int(out.data()[0] > 0.0f)
                              : int(std::max_element(out.data(), out.data() + k) - out.data());
    return result;
}

Tensor sampleBatch(const Dataset& data, int64_t i)
{
    if (i < 0 || i >= data.size())
        throw Error("sample " + std::to_string(i) + " is outside the dataset (" + std::to_string(data.size()) + " samples)");
    Shape shape = data.x.shape();
    shape[0] = 1;
    Tensor x(shape);
    const int64_t stride = x.size();
    std::memcpy(x.data(), data.x.data() + i * stride, size_t(stride) * sizeof(float));
    return x;
}

std::pair<float, float> inputRange(const Dataset& data)
{
    if (data.x.size() == 0)
        return { 0.0f, 1.0f };
    const auto [lo, hi] = std::minmax_element(data.x.data(), data.x.data() + data.x.size());
    return { *lo, *hi };
}

} // namespace ws
