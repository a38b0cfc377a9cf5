// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Layer.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

namespace ws {

std::vector<const Param*> Layer::params() const
{
    auto mutableParams = const_cast<Layer*>(this)->params();
    return { mutableParams.begin(), mutableParams.end() };
}

int64_t Layer::paramCount() const
{
    int64_t n = 0;
    for (const Param* p : params())
        n += p->value.size();
    return n;
}

Shape Layer::buildMany(const std::vector<Shape>& inputShapes)
{
    if (inputShapes.size() != 1)
        throwLayerShapeError(*this, "reads one input, not " + std::to_string(inputShapes.size()));
    return build(inputShapes.front());
}

void Layer::forwardMany(const std::vector<const Tensor*>& xs, Tensor& y, LayerScratch* scratch, const Pass& pass)
{
    forward(*xs.at(0), y, scratch, pass);
}

void Layer::backwardMany(const std::vector<const Tensor*>& xs, const Tensor& y, const Tensor& dy,
    const std::vector<Tensor*>& dxs, LayerScratch* scratch)
{
    backward(*xs.at(0), y, dy, dxs.at(0), scratch);
}

nlohmann::json Layer::config() const
{
    return { { "type", typeName() }, { "name", name_ } };
}

void throwLayerShapeError(const Layer& layer, const std::string& what)
{
    throw ShapeError("layer '" + layer.name() + "' (" + layer.typeName() + "): " + what);
}

void throwMissingScratch(const Layer& layer)
{
    throw Error("layer '" + layer.name() + "' (" + layer.typeName()
        + "): forward/backward need the scratch made by makeScratch()");
}

} // namespace ws
