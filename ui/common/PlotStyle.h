// SPDX-License-Identifier: GPL-3.0-or-later
// What every QCustomPlot of the program shares: colours from the application palette (the dark
// theme left every plot white), and a legend beside the data rather than over its newest points.
#pragma once

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

} // namespace ws::ui
