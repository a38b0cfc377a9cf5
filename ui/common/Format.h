// SPDX-License-Identifier: GPL-3.0-or-later
// How numbers, sizes and shapes read everywhere in the GUI: the inspector's docks, the Training
// panel's model check, the Playground's statistics. One place, so that a shape reads "(784,)" in
// every panel and a byte count uses the same units in the model tree and the metadata.
#pragma once

#include "tensor/Tensor.h" // Shape

#include <QString>

namespace ws::ui {

QString formatBytes(quint64 bytes);             // "1.5 MiB", "12 bytes"
QString formatCount(qint64 n);                  // "1,234,567" with the locale's separators
QString formatShape(const Shape& shape);        // "(32, 784)"; a vector as Python writes it, "(784,)"
QString formatLoss(double loss);                // four decimals; "–" for NaN and infinities

} // namespace ws::ui
