// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/ModelCopy.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

namespace ws {

namespace {

void copyParams(const std::vector<Param*>& from, const std::vector<Param*>& to, const Layer& layer)
{
    if (from.size() != to.size())
        throw Error("copying layer '" + layer.name() + "': the copy has another parameter count");
    for (size_t k = 0; k < from.size(); ++k) {
        if (from[k]->value.shape() != to[k]->value.shape())
            throw Error("copying layer '" + layer.name() + "': parameter '" + from[k]->name + "' changed shape");
        to[k]->value = from[k]->value;
    }
}

} // namespace

Sequential copyModel(Sequential& model)
{
    // The config round trip is the one way to make layers of any type; names come along with it.
    Sequential copy = Sequential::fromConfig(model.config());
    for (size_t i = 0; i < model.size(); ++i) {
        Layer& from = model.layer(i);
        Layer& to = copy.layer(i);
        copyParams(from.params(), to.params(), from);
        copyParams(from.nonTrainableParams(), to.nonTrainableParams(), from);
    }
    return copy;
}

} // namespace ws
