// SPDX-License-Identifier: GPL-3.0-or-later
// The heatmaps' colour maps: a perceptually uniform sequential map (viridis by default) for
// magnitudes, and a diverging map (ColorBrewer RdBu, blue–white–red, by default) whose middle
// colour sits exactly at zero for signed data, even when the range is not symmetric. The names
// are those of Preferences (settings::sequentialColourMaps(), divergingColourMaps()); unknown
// names give the defaults. Never jet: its bands invent structure.
#pragma once

#include <qcustomplot.h>

namespace ws::ui {

QCPColorGradient sequentialGradient(const QString& name);
QCPColorGradient sequentialGradient(); // the one chosen in Preferences
// The middle colour at value 0 inside [lo, hi]; one half of the map when 0 is outside the range.
QCPColorGradient divergingGradient(double lo, double hi, const QString& name);
QCPColorGradient divergingGradient(double lo, double hi); // the one chosen in Preferences

} // namespace ws::ui
