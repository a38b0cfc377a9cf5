// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/LossPlot.h"

#include "common/PlotStyle.h"

#include <algorithm>
#include <cmath>

namespace ws::ui {

LossPlot::LossPlot(QWidget* parent) : QCustomPlot(parent)
{
    setMinimumSize(320, 160);
    setAntialiasedElements(QCP::aePlottables);
    QCPGraph* train = addGraph();
    train->setName(tr("Training loss"));
    train->setPen(QPen(QColor(0x55, 0x55, 0x55), 1.8));
    train_ = BoundedGraph(train, kMaxPoints);
    QCPGraph* test = addGraph();
    test->setName(tr("Test loss"));
    test->setPen(QPen(QColor(0x08, 0x77, 0xbd), 1.8));
    test_ = BoundedGraph(test, kMaxPoints);
    xAxis->setLabel(tr("Epoch"));
    setCrossEntropy(false);
    legend->setVisible(true);
    placeLegendAbove(this); // not over the newest points, at the right, where an inset legend sat
    markerLine_ = new QCPItemStraightLine(this);
    markerLine_->setPen(QPen(QColor(0xd6, 0x27, 0x28), 1.5, Qt::DashLine));
    markerLine_->setVisible(false);
    clear();
}

void LossPlot::dropAfter(double epoch)
{
    train_.dropAfter(epoch);
    test_.dropAfter(epoch);
}

void LossPlot::setMarker(double epoch)
{
    marker_ = epoch;
    markerLine_->setVisible(std::isfinite(epoch));
    if (!std::isfinite(epoch))
        return;
    markerLine_->point1->setCoords(epoch, 0.0);
    markerLine_->point2->setCoords(epoch, 1.0);
}

void LossPlot::addPoint(double epoch, double trainLoss, double testLoss)
{
    train_.add(epoch, trainLoss);
    test_.add(epoch, testLoss);
}

void LossPlot::clear()
{
    train_.clear();
    test_.clear();
    xAxis->setRange(0, 1);
    yAxis->setRange(0, 1);
}

void LossPlot::rescale()
{
    bool found = false;
    const QCPRange x = train_.graph()->getKeyRange(found);
    if (!found)
        return;
    xAxis->setRange(0, std::max(1.0, x.upper));
    QCPRange y = train_.graph()->getValueRange(found);
    bool testFound = false;
    const QCPRange yTest = test_.graph()->getValueRange(testFound);
    if (testFound)
        y.expand(yTest);
    yAxis->setRange(0, std::max(1e-3, y.upper * 1.05));
}

void LossPlot::setCrossEntropy(bool on)
{
    yAxis->setLabel(on ? tr("Loss (cross-entropy)") : tr("Loss (MSE)"));
}

} // namespace ws::ui
