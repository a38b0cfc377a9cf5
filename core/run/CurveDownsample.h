// SPDX-License-Identifier: GPL-3.0-or-later
// Downsampling a curve for drawing without losing its extremes (#19): of the points inside the
// visible x-range, each pixel column keeps its first, lowest, highest and last point (M4:
// Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation", VLDB 2014), so the
// polyline drawn from at most 4 points per column covers exactly the pixels the full curve would,
// and a one-step spike is on screen at every zoom. The points just outside the range on either
// side are kept so the line runs to the plot's edges. Recomputed from the full data whenever the
// range or the width changes (ui/runs/ComparePlot).
#pragma once

#include <cstddef>
#include <vector>

namespace ws {

struct CurvePoints {
    std::vector<double> x, y;
};

// x ascending (equal values allowed). Points whose y is not finite are left out (the plot draws
// no gap for them, as before). pixels >= 1; a range with xMax <= xMin keeps only the points at xMin.
// When the range holds no more than 4 points per column, they are all returned.
CurvePoints downsampleMinMax(const std::vector<double>& x, const std::vector<double>& y, double xMin, double xMax,
    int pixels);

} // namespace ws
