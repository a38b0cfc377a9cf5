// SPDX-License-Identifier: GPL-3.0-or-later
// Small layout chores the panels share: a column of settings in a scroll area beside the plots,
// and emptying a layout that is rebuilt from the data (a preview grid, a layer editor).
#pragma once

class QLayout;
class QWidget;

namespace ws::ui {

// `controls` in a frameless scroll area that scrolls vertically only, at least as wide as the
// controls need (plus the scroll bar: a too narrow column clipped "Ankle bo"), at most
// maximumWidth; `top` (the training transport) stays above it, always visible.
QWidget* settingsColumn(QWidget* controls, int minimumWidth, int maximumWidth, QWidget* top = nullptr);

// Deletes every item of `layout` and the widgets they hold.
void clearLayout(QLayout* layout);

} // namespace ws::ui
