// SPDX-License-Identifier: GPL-3.0-or-later
// The View menu's action for a dock. Unlike QDockWidget::toggleViewAction(), a dock that is
// hidden or behind another tab comes to the front with the keyboard focus (a panel opened with
// Ctrl+2 used to appear as a background tab, so nothing seemed to happen); only a dock already in
// front is closed. The action's check mark follows whether the dock is open.
#pragma once

#include <QKeySequence>

#include <functional>

class QAction;
class QDockWidget;
class QObject;

namespace ws::ui {

// Shows the dock, raises its tab and focuses its widget.
void bringDockForward(QDockWidget* dock);

// show: how to bring the dock forward (default bringDockForward), e.g. also resizing it.
QAction* dockAction(QDockWidget* dock, const QKeySequence& key, QObject* parent, std::function<void()> show = {});

} // namespace ws::ui
