// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/NeuronMaps.h"

#include "nn/Activation.h"
#include "nn/Dense.h"
#include "util/Error.h"

namespace ws {

namespace {

// (points, neurons) -> (neurons, points)
Tensor transposed(const Tensor& t)
{
    const int64_t points = t.dim(0), neurons = t.dim(1);
    Tensor out({ neurons, points });
    for (int64_t p = 0; p < points; ++p)
        for (int64_t j = 0; j < neurons; ++j)
            out[j * points + p] = t[p * neurons + j];
    return out;
}

} // namespace

std::vector<Tensor> neuronMaps(Sequential& model, const Tensor& inputs)
{
    if (model.inputShape().size() != 1 || inputs.rank() != 2 || inputs.dim(1) != model.inputShape()[0])
        throw ShapeError("neuron maps need inputs of shape (points, " + shapeToString(model.inputShape())
            + "), got " + shapeToString(inputs.shape()));
    Workspace ws = model.makeWorkspace();
    model.forward(inputs, ws, false);

    std::vector<Tensor> maps;
    maps.push_back(transposed(inputs));
    for (size_t i = 0; i < model.size(); ++i) {
        if (!dynamic_cast<const Dense*>(&model.layer(i)))
            continue;
        const bool activated = i + 1 < model.size() && dynamic_cast<const ActivationLayer*>(&model.layer(i + 1));
        const Tensor& out = ws.outputs[activated ? i + 1 : i];
        if (out.rank() != 2)
            throw ShapeError("neuron maps need a network of Dense layers on flat inputs; layer '"
                + model.layer(i).name() + "' gives " + shapeToString(out.shape()));
        maps.push_back(transposed(out));
    }
    return maps;
}

} // namespace ws
