// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Layouts.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
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
        guardWheel();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == widget() && event->type() == QEvent::LayoutRequest) {
            fit();
            guardWheel(); // controls added since (a rebuilt layer editor)
        }
        // The wheel scrolls the column: over a combo box or spin box that has not been clicked
        // it changed the setting instead (scrolling down the Training panel switched the model
        // template). Once focused, the control takes the wheel as usual.
        if (event->type() == QEvent::Wheel && isGuarded(watched)) {
            if (!static_cast<QWidget*>(watched)->hasFocus()) {
                QCoreApplication::sendEvent(verticalScrollBar(), event);
                return true;
            }
        }
        return QScrollArea::eventFilter(watched, event);
    }

private:
    // Only these: QAbstractScrollArea also filters its own scroll bars' events through here.
    static bool isGuarded(QObject* o) { return qobject_cast<QComboBox*>(o) || qobject_cast<QAbstractSpinBox*>(o); }

    void guardWheel()
    {
        for (QWidget* w : widget()->findChildren<QWidget*>())
            if (isGuarded(w)) {
                w->setFocusPolicy(Qt::StrongFocus); // not focused by the wheel either
                w->installEventFilter(this);        // once: installing again moves it, no duplicate
            }
    }

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
