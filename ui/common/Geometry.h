// SPDX-License-Identifier: GPL-3.0-or-later
// Small plane geometry shared by the custom-painted views (hit tests on drawn lines).
#pragma once

#include <QPointF>

#include <algorithm>
#include <cmath>

namespace ws::ui {

// Distance from p to the segment a–b (to the nearer end beyond its ends).
inline double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

} // namespace ws::ui
