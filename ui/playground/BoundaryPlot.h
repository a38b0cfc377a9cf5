// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground's main picture: the model's output over the plane as a colour map (orange for
// -1, blue for +1, as TensorFlow Playground; beyond two classes each cell in the colour of the
// class that wins it, paler where the network is less sure) with the data points on top, the
// training points filled and the test points outlined. It only draws what the PlaygroundWorker
// computed; the owner decides when to replot.
#pragma once

#include "playground/PlaygroundTypes.h"

#include <qcustomplot.h>

namespace ws::ui {

class BoundaryPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit BoundaryPlot(QWidget* parent = nullptr);

    void setPoints(const PlaygroundData& data);
    // kGridSize^2 x outputs values. One output: [-1, 1] spans the colours (regression outputs
    // beyond it saturate). More: class probabilities, the largest wins the cell.
    void setBoundary(const QList<float>& values, int outputs = 1);
    void setDiscretized(bool on); // sign of the output instead of its value, from the next setBoundary
    const QCPColorGradient& gradient() const { return gradient_; } // the network drawing uses it too
    void clearBoundary();
    // Redraws the map alone: the points, axes and labels stay in a buffer of their own (#22, the
    // race draws four maps ~30 times a second, and its 2,000 antialiased points cost most of a
    // full replot). After setPoints or a resize, replot() as usual.
    void replotBoundary();
    void setTestPointsVisible(bool visible);
    // Drawing your own points (#22): while on, the left button paints (brushAt at the press
    // and along the drag, in plot coordinates) and its release ends the stroke.
    void setDrawing(bool on);
    bool isDrawing() const { return drawing_; }
    QPointF pixelOf(QPointF point) const; // plot coordinates to widget pixels (tests, tooltips)

signals:
    void brushAt(QPointF point);
    void strokeFinished();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void keepSquare();
    void makeClassGraphs(int classes);

    QCPColorMap* map_ = nullptr;
    QCPColorGradient gradient_;
    bool discretized_ = false;
    QCPColorGradient twoClasses_; // gradient_ for one output; the class gradient replaces it beyond
    int mapClasses_ = 0;           // classes the map's gradient is made for (0: one output)
    bool testVisible_ = false;
    bool drawing_ = false;
    bool stroke_ = false; // the left button is down while drawing
    QList<QCPGraph*> train_, test_; // one graph per class
};

} // namespace ws::ui
