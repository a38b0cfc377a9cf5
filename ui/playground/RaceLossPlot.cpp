// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/RaceLossPlot.h"

#include "common/PlotStyle.h"

#include <algorithm>

namespace ws::ui {

QColor RaceLossPlot::colour(int contestant)
{
    // Dark grey, green, purple, red: none of them the orange or blue of the two classes.
    static const QColor colours[] = { QColor(0x44, 0x44, 0x44), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
        QColor(0xd6, 0x27, 0x28) };
    return colours[std::clamp(contestant, 0, int(std::size(colours)) - 1)];
}

RaceLossPlot::RaceLossPlot(QWidget* parent) : QCustomPlot(parent)
{
    setMinimumSize(320, 160);
    setAntialiasedElements(QCP::aePlottables);
    xAxis->setLabel(tr("Epoch"));
    setCrossEntropy(false);
    legend->setVisible(true);
    placeLegendAbove(this);
}

void RaceLossPlot::setContestants(const QStringList& names)
{
    clearGraphs();
    curves_.clear();
    for (int k = 0; k < names.size(); ++k) {
        QCPGraph* g = addGraph();
        g->setName(names[k]);
        g->setPen(QPen(colour(k), 1.8));
        curves_.emplace_back(g, kMaxPoints);
    }
    xAxis->setRange(0, 1);
    yAxis->setRange(0, 1);
}

void RaceLossPlot::addPoint(int contestant, double epoch, double trainLoss)
{
    if (contestant >= 0 && contestant < curveCount())
        curves_[size_t(contestant)].add(epoch, trainLoss);
}

void RaceLossPlot::rescale()
{
    double right = 1.0, top = 0.0;
    bool any = false;
    for (const BoundedGraph& c : curves_) {
        bool found = false;
        const QCPRange x = c.graph()->getKeyRange(found);
        if (!found)
            continue;
        any = true;
        right = std::max(right, x.upper);
        top = std::max(top, c.graph()->getValueRange(found).upper);
    }
    if (!any)
        return;
    xAxis->setRange(0, right);
    yAxis->setRange(0, std::max(1e-3, top * 1.05));
}

void RaceLossPlot::setCrossEntropy(bool on)
{
    yAxis->setLabel(on ? tr("Training loss (cross-entropy)") : tr("Training loss (MSE)"));
}

} // namespace ws::ui
