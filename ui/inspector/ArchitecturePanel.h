// SPDX-License-Identifier: GPL-3.0-or-later
// The architecture dock: the model as a graph of boxes, one per layer (type, name, output shape,
// parameters) with arrows from the boxes each reads, so branches and skip connections show; or,
// for formats without an architecture, a column of boxes, one per group of tensors sharing a name
// prefix. The worker places boxes and arrows (LoadedModel); this panel only draws them. The graph
// fits the view when a file opens; scroll or drag to move, Ctrl+wheel (or the buttons) to zoom;
// clicking a box emits its tensors.
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
    QRectF boxRect(int i) const; // where box i is drawn, in scene coordinates (tests)
    double zoom() const;         // the view's scale (1 = one scene unit per pixel)

signals:
    void tensorsSelected(const QList<int>& tensors);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void fitGraph();

    QGraphicsScene* scene_ = nullptr;
    ZoomableView* view_ = nullptr;
    QLabel* caption_ = nullptr;
    QList<ArchitectureBox> boxes_;
    QList<QRectF> rects_;
    bool fitPending_ = false; // fit once the view has its size
};

} // namespace ws::ui
