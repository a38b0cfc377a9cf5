// SPDX-License-Identifier: GPL-3.0-or-later
// Small layout chores the panels share: a column of settings in a scroll area beside the plots,
// and emptying a layout that is rebuilt from the data (a preview grid, a layer editor).
#pragma once

class QLayout;
class QScrollArea;
class QWidget;

namespace ws::ui {

// `controls` in a frameless scroll area that scrolls vertically only, between the given widths.
QScrollArea* settingsColumn(QWidget* controls, int minimumWidth, int maximumWidth);

// Deletes every item of `layout` and the widgets they hold.
void clearLayout(QLayout* layout);

} // namespace ws::ui
