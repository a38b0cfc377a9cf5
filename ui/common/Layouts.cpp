// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Layouts.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
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

WrapRow::WrapRow(QWidget* parent) : QLayout(parent) { setContentsMargins(0, 0, 0, 0); }

WrapRow::~WrapRow()
{
    while (QLayoutItem* item = takeAt(0))
        delete item;
}

void WrapRow::addItem(QLayoutItem* item) { items_.append(item); }

QLayoutItem* WrapRow::takeAt(int index) { return index >= 0 && index < items_.size() ? items_.takeAt(index) : nullptr; }

int WrapRow::heightForWidth(int width) const { return arrange(QRect(0, 0, width, 0), false); }

QSize WrapRow::minimumSize() const
{
    QSize size;
    for (const QLayoutItem* item : items_)
        size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize WrapRow::sizeHint() const
{
    // All on one line.
    int width = 0, height = 0;
    for (const QLayoutItem* item : items_) {
        width += item->sizeHint().width() + (width > 0 ? spacing() : 0);
        height = std::max(height, item->sizeHint().height());
    }
    const QMargins m = contentsMargins();
    return { width + m.left() + m.right(), height + m.top() + m.bottom() };
}

void WrapRow::setGeometry(const QRect& rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int WrapRow::arrange(const QRect& rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    const int gap = std::max(0, spacing());
    int y = area.top();
    for (int first = 0; first < items_.size();) {
        // As many items as fit on this line (at least one), then placed from the right edge.
        int last = first, width = items_[first]->sizeHint().width(), height = items_[first]->sizeHint().height();
        while (last + 1 < items_.size() && width + gap + items_[last + 1]->sizeHint().width() <= area.width()) {
            ++last;
            width += gap + items_[last]->sizeHint().width();
            height = std::max(height, items_[last]->sizeHint().height());
        }
        if (apply) {
            int x = area.right() + 1 - std::min(width, area.width());
            for (int i = first; i <= last; ++i) {
                const QSize hint = items_[i]->sizeHint();
                const int w = std::min(hint.width(), area.width());
                items_[i]->setGeometry(QRect(x, y + (height - hint.height()) / 2, w, hint.height()));
                x += w + gap;
            }
        }
        y += height + gap;
        first = last + 1;
    }
    const QMargins m = contentsMargins();
    return std::max(0, y - gap - area.top()) + m.top() + m.bottom();
}

QWidget* labelled(const QString& label, QWidget* control)
{
    auto* pair = new QWidget;
    auto* layout = new QHBoxLayout(pair);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(label));
    layout->addWidget(control);
    return pair;
}

void clearLayout(QLayout* layout)
{
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

} // namespace ws::ui
