// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/BoundaryPlot.h"

#include "common/ClassColours.h"

#include <algorithm>

namespace ws::ui {

namespace {

QCPGraph* addPointGraph(QCustomPlot* plot, const QColor& fill, const QColor& outline, const QString& name)
{
    QCPGraph* g = plot->addGraph();
    g->setName(name);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(outline, 1.2), QBrush(fill), 7));
    g->setAdaptiveSampling(false);
    return g;
}

} // namespace

BoundaryPlot::BoundaryPlot(QWidget* parent) : QCustomPlot(parent)
{
    setMinimumSize(320, 320);
    setAntialiasedElements(QCP::aeScatters);
    map_ = new QCPColorMap(xAxis, yAxis);
    map_->data()->setSize(kGridSize, kGridSize);
    const double half = kGridExtent / kGridSize; // cells are addressed by their centres
    map_->data()->setRange(QCPRange(-kGridExtent + half, kGridExtent - half),
        QCPRange(-kGridExtent + half, kGridExtent - half));
    map_->setInterpolate(false);
    QCPColorGradient gradient;
    gradient.setColorStopAt(0.0, QColor(0xf6, 0xa8, 0x55));
    gradient.setColorStopAt(0.5, QColor(0xf4, 0xf4, 0xf4));
    gradient.setColorStopAt(1.0, QColor(0x5b, 0x9f, 0xd2));
    map_->setGradient(gradient);
    gradient_ = twoClasses_ = gradient;
    map_->setDataRange(QCPRange(-1.0, 1.0));
    clearBoundary();

    makeClassGraphs(2);

    xAxis->setLabel(tr("x₁"));
    yAxis->setLabel(tr("x₂"));
    xAxis->setRange(-kGridExtent, kGridExtent);
    yAxis->setRange(-kGridExtent, kGridExtent);
    for (QCPAxis* axis : { xAxis, yAxis }) {
        axis->grid()->setVisible(false);
        axis->setLayer(QStringLiteral("axes"));
    }
    map_->setLayer(QStringLiteral("background"));
    // The map's layer gets a paint buffer of its own, so that replotBoundary() redraws only it.
    layer(QStringLiteral("background"))->setMode(QCPLayer::lmBuffered);
}

void BoundaryPlot::replotBoundary() { map_->layer()->replot(); }

void BoundaryPlot::makeClassGraphs(int classes)
{
    if (train_.size() == classes)
        return;
    for (QCPGraph* g : train_ + test_)
        removeGraph(g);
    train_.clear();
    test_.clear();
    // Training points filled with a white rim; test points white inside with the class colour
    // as a thick rim, so the split reads at a glance (#22).
    for (int k = 0; k < classes; ++k)
        train_.append(addPointGraph(this, classColour(k), Qt::white, tr("Train, class %1").arg(k)));
    for (int k = 0; k < classes; ++k) {
        QCPGraph* g = addPointGraph(this, Qt::white, classColour(k), tr("Test, class %1").arg(k));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(classColour(k), 2.0), QBrush(Qt::white), 7));
        test_.append(g);
    }
    setTestPointsVisible(testVisible_);
}

void BoundaryPlot::setPoints(const PlaygroundData& data)
{
    // Regression points are coloured by the sign of their target, as two classes.
    const int classes = std::max(2, data.classes);
    makeClassGraphs(classes);
    auto fill = [](const QList<QPointF>& points, const QList<int>& labels, const QList<QCPGraph*>& graphs) {
        QList<QVector<double>> xs(graphs.size()), ys(graphs.size());
        for (qsizetype i = 0; i < points.size() && i < labels.size(); ++i) {
            const int k = labels[i];
            if (k < 0 || k >= graphs.size())
                continue;
            xs[k].append(points[i].x());
            ys[k].append(points[i].y());
        }
        for (qsizetype k = 0; k < graphs.size(); ++k)
            graphs[k]->setData(xs[k], ys[k], true);
    };
    fill(data.trainPoints, data.trainLabels, train_);
    fill(data.testPoints, data.testLabels, test_);
}

void BoundaryPlot::setBoundary(const QList<float>& values, int outputs)
{
    outputs = std::max(1, outputs);
    if (values.size() != qsizetype(kGridSize) * kGridSize * outputs)
        return;
    const int classes = outputs > 1 ? outputs : 0;
    if (classes != mapClasses_) {
        mapClasses_ = classes;
        map_->setGradient(classes ? classGradient(classes) : twoClasses_);
        map_->setDataRange(classes ? QCPRange(0.0, double(classes)) : QCPRange(-1.0, 1.0));
    }
    QCPColorMapData* cells = map_->data();
    for (int row = 0; row < kGridSize; ++row)
        for (int col = 0; col < kGridSize; ++col) {
            const qsizetype cell = qsizetype(row) * kGridSize + col;
            if (classes == 0) {
                const float v = values[cell];
                // Discretised as Playground: the class the model would predict, not its confidence.
                cells->setCell(col, row, discretized_ ? (v >= 0.0f ? 1.0 : -1.0) : double(v));
                continue;
            }
            const float* p = values.constData() + cell * classes;
            const int best = int(std::max_element(p, p + classes) - p);
            // Brightness: how far the winner is above a guess among the classes (1/K), so that a
            // cell the network cannot decide is white whatever the number of classes.
            const double chance = 1.0 / classes;
            const double confidence = discretized_ ? 1.0 : (double(p[best]) - chance) / (1.0 - chance);
            cells->setCell(col, row, classGradientValue(best, confidence));
        }
}

void BoundaryPlot::setDiscretized(bool on) { discretized_ = on; }

void BoundaryPlot::clearBoundary() { map_->data()->fill(0.0); }

void BoundaryPlot::setTestPointsVisible(bool visible)
{
    testVisible_ = visible;
    for (QCPGraph* g : test_)
        g->setVisible(visible);
}

void BoundaryPlot::setDrawing(bool on)
{
    drawing_ = on;
    stroke_ = false;
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
}

QPointF BoundaryPlot::pixelOf(QPointF point) const
{
    return { xAxis->coordToPixel(point.x()), yAxis->coordToPixel(point.y()) };
}

void BoundaryPlot::mousePressEvent(QMouseEvent* event)
{
    if (!drawing_ || event->button() != Qt::LeftButton)
        return QCustomPlot::mousePressEvent(event);
    stroke_ = true;
    const QPointF p = event->position();
    emit brushAt({ xAxis->pixelToCoord(p.x()), yAxis->pixelToCoord(p.y()) });
}

void BoundaryPlot::mouseMoveEvent(QMouseEvent* event)
{
    if (!drawing_ || !stroke_)
        return QCustomPlot::mouseMoveEvent(event);
    const QPointF p = event->position();
    emit brushAt({ xAxis->pixelToCoord(p.x()), yAxis->pixelToCoord(p.y()) });
}

void BoundaryPlot::mouseReleaseEvent(QMouseEvent* event)
{
    if (!drawing_ || !stroke_ || event->button() != Qt::LeftButton)
        return QCustomPlot::mouseReleaseEvent(event);
    stroke_ = false;
    emit strokeFinished();
}

void BoundaryPlot::resizeEvent(QResizeEvent* event)
{
    QCustomPlot::resizeEvent(event);
    keepSquare();
}

// The axis rect is kept square, so that one unit is as long on both axes and the grid fills it:
// fixed margins for ticks and labels, plus padding on the longer side.
void BoundaryPlot::keepSquare()
{
    const QMargins base(55, 12, 12, 45); // left, top, right, bottom
    const int w = width() - base.left() - base.right();
    const int h = height() - base.top() - base.bottom();
    QMargins m = base;
    if (w > h) {
        m.setLeft(m.left() + (w - h) / 2);
        m.setRight(m.right() + (w - h) - (w - h) / 2);
    } else {
        m.setTop(m.top() + (h - w) / 2);
        m.setBottom(m.bottom() + (h - w) - (h - w) / 2);
    }
    axisRect()->setAutoMargins(QCP::msNone);
    axisRect()->setMargins(m);
    xAxis->setRange(-kGridExtent, kGridExtent);
    yAxis->setRange(-kGridExtent, kGridExtent);
}

} // namespace ws::ui
