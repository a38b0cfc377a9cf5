// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Layouts.h"

#include <QLayout>
#include <QScrollArea>
#include <QWidget>

namespace ws::ui {

QScrollArea* settingsColumn(QWidget* controls, int minimumWidth, int maximumWidth)
{
    auto* scroll = new QScrollArea;
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(minimumWidth);
    scroll->setMaximumWidth(maximumWidth);
    return scroll;
}

void clearLayout(QLayout* layout)
{
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

} // namespace ws::ui
