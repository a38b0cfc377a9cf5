// SPDX-License-Identifier: GPL-3.0-or-later
// Small layout chores the panels share: a column of settings in a scroll area beside the plots,
// and emptying a layout that is rebuilt from the data (a preview grid, a layer editor).
#pragma once

#include <QLayout>
#include <QList>

class QWidget;

namespace ws::ui {

// `controls` in a frameless scroll area that scrolls vertically only, at least as wide as the
// controls need (plus the scroll bar: a too narrow column clipped "Ankle bo"), at most
// maximumWidth; `top` (the training transport) stays above it, always visible.
QWidget* settingsColumn(QWidget* controls, int minimumWidth, int maximumWidth, QWidget* top = nullptr);

// Deletes every item of `layout` and the widgets they hold.
void clearLayout(QLayout* layout);

// A row of controls that wraps onto more lines when it is narrower than the row, each line
// aligned right: the tensor view's "Reduction: … Colour range: … Export" held 540 px, so a
// Training panel opened beside a file got 340 px on a 1366 px screen. Its minimum width is its
// widest item's; keep a label with its control by putting both in one widget.
class WrapRow : public QLayout {
public:
    explicit WrapRow(QWidget* parent = nullptr);
    ~WrapRow() override;

    void addItem(QLayoutItem* item) override;
    int count() const override { return int(items_.size()); }
    QLayoutItem* itemAt(int index) const override { return items_.value(index); }
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

private:
    int arrange(const QRect& rect, bool apply) const; // the height the items take in rect
    QList<QLayoutItem*> items_;
};

// `label` and `control` side by side in one widget (an item of a WrapRow).
QWidget* labelled(const QString& label, QWidget* control);

} // namespace ws::ui
