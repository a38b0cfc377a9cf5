// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset samples drawn as pictures for the insight views (thumbnails, the chosen sample).
// Images (H, W, 1 or 3) only; other data has no picture.
#pragma once

#include "data/Dataset.h"

#include <QImage>

namespace ws::ui {

bool hasImages(const Dataset& data);
// Sample i scaled to 0..255 by its own range. The same drawing as the dataset preview's.
QImage sampleImage(const Dataset& data, int64_t i);

} // namespace ws::ui
