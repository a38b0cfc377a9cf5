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
