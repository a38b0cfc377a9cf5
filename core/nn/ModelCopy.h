// SPDX-License-Identifier: GPL-3.0-or-later
// A deep copy of a built model: the same architecture and the same weights, sharing nothing.
// The GUI takes one of the model being trained at a consistent point (after an epoch, or while
// paused) and looks at it on another thread while training goes on.
#pragma once

#include "nn/Sequential.h"

namespace ws {

// Copies architecture, trainable and non-trainable parameters (batch-norm moving statistics).
// Reads `model` only; it is not const because Layer::nonTrainableParams() is not.
Sequential copyModel(Sequential& model);

} // namespace ws
