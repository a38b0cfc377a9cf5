// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/DockAction.h"

#include <QAction>
#include <QDockWidget>

namespace ws::ui {

void bringDockForward(QDockWidget* dock)
{
    dock->show();
    dock->raise();
    if (QWidget* w = dock->widget())
        w->setFocus(Qt::ShortcutFocusReason);
}

QAction* dockAction(QDockWidget* dock, const QKeySequence& key, QObject* parent, std::function<void()> show)
{
    auto* action = new QAction(dock->windowTitle(), parent);
    action->setCheckable(true);
    action->setChecked(!dock->isHidden());
    action->setShortcut(key);
    QObject::connect(dock, &QDockWidget::visibilityChanged, action, [action, dock] { action->setChecked(!dock->isHidden()); });
    if (!show)
        show = [dock] { bringDockForward(dock); };
    QObject::connect(action, &QAction::triggered, dock, [dock, show = std::move(show)] {
        // In front: its contents can be seen. Behind a tab, a docked widget has no visible region.
        const bool inFront = !dock->isHidden() && dock->widget() && !dock->widget()->visibleRegion().isEmpty();
        if (inFront)
            dock->hide();
        else
            show();
    });
    return action;
}

} // namespace ws::ui
