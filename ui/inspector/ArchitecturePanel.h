// SPDX-License-Identifier: GPL-3.0-or-later
// The architecture dock: the model as a column of boxes, one per layer (type, output shape,
// parameters) — or, for formats without an architecture, one per group of tensors sharing a name
// prefix. Scroll to move, Ctrl+wheel (or the buttons) to zoom; clicking a box emits its tensors.
#pragma once

#include "InspectorTypes.h"

#include <QGraphicsView>
#include <QWidget>

class QGraphicsScene;
class QLabel;

namespace ws::ui {

class ZoomableView : public QGraphicsView {
    Q_OBJECT
public:
    using QGraphicsView::QGraphicsView;
    void zoomBy(double factor);

protected:
    void wheelEvent(QWheelEvent* event) override;
};

class ArchitecturePanel : public QWidget {
    Q_OBJECT
public:
    explicit ArchitecturePanel(QWidget* parent = nullptr);
    void setModel(const LoadedModel& model);
    void clear();
    int boxCount() const { return boxes_.size(); }
    const QList<ArchitectureBox>& boxes() const { return boxes_; }
    void clickBox(int i); // as a mouse click does (tests)

signals:
    void tensorsSelected(const QList<int>& tensors);

private:
    QGraphicsScene* scene_ = nullptr;
    ZoomableView* view_ = nullptr;
    QLabel* caption_ = nullptr;
    QList<ArchitectureBox> boxes_;
};

} // namespace ws::ui
