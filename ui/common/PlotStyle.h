// SPDX-License-Identifier: GPL-3.0-or-later
// What every QCustomPlot of the program shares: colours from the application palette (the dark
// theme left every plot white), and a legend beside the data rather than over its newest points.
#pragma once

#include <QSharedPointer>

class QCPAxis;
class QCPAxisTicker;
class QCustomPlot;
class QPalette;

namespace ws::ui {

// Background, axes, grid, labels and legend of `plot` from `palette`; the data's colours stay.
void applyPalette(QCustomPlot* plot, const QPalette& palette);

// Every QCustomPlot now takes the application palette, and every one made later when it is
// first polished. Called by applyTheme after each change of palette.
void followPaletteInPlots();

// Moves the legend out of the axis rectangle into one row above it.
void placeLegendAbove(QCustomPlot* plot);

// Makes `axis` logarithmic with labels 10^k that never overlap: QCustomPlot's log ticker labels
// about five decades whatever the axis' length, so a narrow Spectrum dock over 10^1…10^7 ran its
// labels into each other. The ticker labels every d-th decade, d chosen from the axis' length in
// pixels and the width (or height) of its widest label; when a resize changes that choice, the
// plot is drawn once more.
void setFittedLogAxis(QCPAxis* axis);
// How many labels a fitted log axis last drew room for (for tests); 0 for other axes.
int fittedLogLabelRoom(const QCPAxis* axis);

// Ticks on whole numbers only (indices, seeds, blocks): step 1, multiplied when zoomed out.
void setWholeNumberTicks(QCPAxis* axis);

} // namespace ws::ui
