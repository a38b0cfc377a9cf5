// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Layouts.h"

#include <QEvent>
#include <QLayout>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <QWidget>

#include <algorithm>

namespace ws::ui {

namespace {

// A vertical scroll area whose width follows what its contents need, also when they change
// (a layer editor that grows, a translation with longer labels).
class SettingsScroll : public QScrollArea {
public:
    SettingsScroll(QWidget* controls, int minimumWidth, int maximumWidth) : minimum_(minimumWidth), maximum_(maximumWidth)
    {
        setWidget(controls);
        setWidgetResizable(true);
        setFrameShape(QFrame::NoFrame);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn); // its width is always reserved
        controls->installEventFilter(this);
        fit();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == widget() && event->type() == QEvent::LayoutRequest)
            fit();
        return QScrollArea::eventFilter(watched, event);
    }

private:
    void fit()
    {
        const int needed = widget()->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width();
        const int width = std::max(minimum_, needed);
        setMinimumWidth(width);
        setMaximumWidth(std::max(width, maximum_));
    }

    int minimum_, maximum_;
};

} // namespace

QWidget* settingsColumn(QWidget* controls, int minimumWidth, int maximumWidth, QWidget* top)
{
    auto* scroll = new SettingsScroll(controls, minimumWidth, maximumWidth);
    if (!top)
        return scroll;
    auto* column = new QWidget;
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(top);
    layout->addWidget(scroll, 1);
    return column;
}

void clearLayout(QLayout* layout)
{
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

} // namespace ws::ui
