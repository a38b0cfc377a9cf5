// SPDX-License-Identifier: GPL-3.0-or-later
// What BatchNormalization and LayerNormalization share: both normalise over the last axis only
// and scale and shift by an optional gamma and beta, one of each per feature.
#pragma once

#include "nn/Layer.h"

#include <string>
#include <vector>

namespace ws {

// Throws ShapeError naming the layer unless `inputShape` has a last axis, `axis` names it (-1, or
// its index counting the batch, as Keras configs write it) and epsilon is positive.
inline void checkNormalizationInput(const Layer& layer, int axis, float epsilon, const Shape& inputShape)
{
    if (inputShape.empty() || inputShape.back() <= 0)
        throwLayerShapeError(layer, "needs an input with a channel/feature axis, got " + shapeToString(inputShape));
    if (axis != -1 && axis != int(inputShape.size()))
        throwLayerShapeError(layer, "only normalises over the last axis (axis=-1 or " + std::to_string(inputShape.size())
            + " for input " + shapeToString(inputShape) + "), got axis=" + std::to_string(axis));
    if (!(epsilon > 0.0f))
        throwLayerShapeError(layer, "epsilon must be positive, got " + std::to_string(epsilon));
}

// The trainable parameters in Keras' order: gamma, then beta, each only when enabled.
inline std::vector<Param*> scaleAndShiftParams(bool scale, Param& gamma, bool center, Param& beta)
{
    std::vector<Param*> p;
    if (scale)
        p.push_back(&gamma);
    if (center)
        p.push_back(&beta);
    return p;
}

} // namespace ws
