// The heatmaps' colour maps: viridis (perceptually uniform, sequential) for magnitudes, and a
// blue–white–red diverging map (ColorBrewer RdBu) whose white sits exactly at zero for signed
// data, even when the range is not symmetric. Never jet: its bands invent structure.
#pragma once

#include <qcustomplot.h>

namespace ws::ui {

QCPColorGradient sequentialGradient();
// White at value 0 inside [lo, hi]; plain RdBu when 0 is outside the range.
QCPColorGradient divergingGradient(double lo, double hi);

} // namespace ws::ui
