// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/BoundaryPlot.h"

namespace ws::ui {

namespace {

// TensorFlow Playground's class colours.
const QColor kNegative(0xf5, 0x93, 0x22);
const QColor kPositive(0x08, 0x77, 0xbd);

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
    gradient_ = gradient;
    map_->setDataRange(QCPRange(-1.0, 1.0));
    clearBoundary();

    trainNegative_ = addPointGraph(this, kNegative, Qt::white, tr("Train −1"));
    trainPositive_ = addPointGraph(this, kPositive, Qt::white, tr("Train +1"));
    testNegative_ = addPointGraph(this, kNegative, Qt::black, tr("Test −1"));
    testPositive_ = addPointGraph(this, kPositive, Qt::black, tr("Test +1"));
    setTestPointsVisible(false);

    xAxis->setLabel(tr("x₁"));
    yAxis->setLabel(tr("x₂"));
    xAxis->setRange(-kGridExtent, kGridExtent);
    yAxis->setRange(-kGridExtent, kGridExtent);
    for (QCPAxis* axis : { xAxis, yAxis }) {
        axis->grid()->setVisible(false);
        axis->setLayer(QStringLiteral("axes"));
    }
    map_->setLayer(QStringLiteral("background"));
}

void BoundaryPlot::setPoints(const PlaygroundData& data)
{
    auto fill = [](const QList<QPointF>& points, const QList<int>& labels, int label, QCPGraph* g) {
        QVector<double> xs, ys;
        for (qsizetype i = 0; i < points.size(); ++i)
            if (labels[i] == label) {
                xs.append(points[i].x());
                ys.append(points[i].y());
            }
        g->setData(xs, ys);
    };
    fill(data.trainPoints, data.trainLabels, 0, trainNegative_);
    fill(data.trainPoints, data.trainLabels, 1, trainPositive_);
    fill(data.testPoints, data.testLabels, 0, testNegative_);
    fill(data.testPoints, data.testLabels, 1, testPositive_);
}

void BoundaryPlot::setBoundary(const QList<float>& values)
{
    if (values.size() != qsizetype(kGridSize) * kGridSize)
        return;
    QCPColorMapData* cells = map_->data();
    for (int row = 0; row < kGridSize; ++row)
        for (int col = 0; col < kGridSize; ++col) {
            const float v = values[qsizetype(row) * kGridSize + col];
            // Discretised as Playground: the class the model would predict, not its confidence.
            cells->setCell(col, row, discretized_ ? (v >= 0.0f ? 1.0 : -1.0) : double(v));
        }
}

void BoundaryPlot::setDiscretized(bool on) { discretized_ = on; }

void BoundaryPlot::clearBoundary() { map_->data()->fill(0.0); }

void BoundaryPlot::setTestPointsVisible(bool visible)
{
    testNegative_->setVisible(visible);
    testPositive_->setVisible(visible);
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
