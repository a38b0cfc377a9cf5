// SPDX-License-Identifier: GPL-3.0-or-later
// The architecture dock: the model as a graph of boxes, one per layer (type, name, output shape,
// parameters) with arrows from the boxes each reads, so branches and skip connections show; or,
// for formats without an architecture, a column of boxes, one per group of tensors sharing a name
// prefix. The worker places boxes and arrows (LoadedModel); this panel only draws them. The graph
// fits the view when a file opens; scroll or drag to move, Ctrl+wheel (or the buttons) to zoom;
// clicking a box emits its tensors. A collapsed group (a model's stack of layers) is one box;
// double-clicking it expands it, double-clicking a box inside collapses the group again. The
// layout after a toggle runs on the panel's own LatestJob thread (#16): the old drawing stays,
// marked as updating, until the newest toggle's layout is installed; a toggle made meanwhile
// (its box index read in the drawing shown) supersedes the one still being laid out.
// With a health map (HealthMap.h, chosen in the Model Health dock) each box is filled with its
// tensors' value on the map's colour scale — the highest of them for a box of several, a collapsed
// group included — with the scale as a legend above and the value in the box's tooltip.
#pragma once

#include "HealthMap.h"
#include "InspectorTypes.h"
#include "threads/HandOff.h"
#include "threads/LatestJob.h"

#include <QGraphicsView>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <thread>

class QGraphicsScene;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
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
    // As a double-click on box i (of the drawing shown) does: expands the group it stands for, or
    // collapses the innermost group around it, then lays the boxes out on the panel's thread and
    // returns at once; layoutInstalled() follows. False when there is nothing to expand or collapse.
    bool toggleBox(int i);
    bool layoutPending() const { return wanted_ != 0; } // a toggle's layout not installed yet
    double lastLayoutMs() const { return lastLayoutMs_; } // the last toggle's layout, on its thread (tests, docs)
    std::thread::id layoutThread() const { return layoutThread_; } // where it ran (tests)
    double zoom() const;         // the view's scale (1 = one scene unit per pixel)
    // Colours the boxes by the map's values (an empty map: the plain colours again).
    void setHealthMap(const HealthMap& map);
    QColor boxFill(int i) const;      // box i's fill (tests)
    QString boxToolTip(int i) const;  // box i's tooltip (tests)
    QStringList boxLines(int i) const; // the lines drawn in box i, as elided to fit (tests)
    QString legendText() const;       // empty without a map

signals:
    void tensorsSelected(const QList<int>& tensors);
    void layoutInstalled(); // the newest toggle's layout is drawn


protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    // What a toggle's job hands back: the drawing of the groups' states it was given.
    struct Relayout {
        QList<ArchitectureBox> shown;
        QList<int> shownFrom;
        double ms = 0;
        std::thread::id thread;
    };
    void install(const Relayout& layout, int group);
    void fitGraph();
    void draw();
    void paintMap(); // fills, text colours, tooltips and the legend from map_

    QGraphicsScene* scene_ = nullptr;
    ZoomableView* view_ = nullptr;
    QLabel* caption_ = nullptr;
    QLabel* legendBar_ = nullptr;
    QLabel* legend_ = nullptr;
    QLabel* updating_ = nullptr; // "Updating the layout…" while a toggle is laid out
    HealthMap map_;
    // Per box drawn: its item, its text, its plain fill and its tooltip without the map.
    QList<QGraphicsRectItem*> items_;
    QList<QList<QGraphicsSimpleTextItem*>> texts_;
    QList<QColor> plainFills_;
    QStringList plainTips_;
    LoadedModel model_;           // every box and group; boxes_ is what is drawn of it
    QList<ArchitectureBox> boxes_;
    double lastLayoutMs_ = 0;
    std::thread::id layoutThread_;
    QList<QRectF> rects_;
    bool fitPending_ = false; // fit once the view has its size
    uint64_t wanted_ = 0;     // the toggle job whose layout is awaited; 0: none
    LatestJob layoutJob_;     // before inbox_: joined once the HandOff drops what it posts
    HandOff inbox_ { this };  // last, so destroyed first
};

} // namespace ws::ui
