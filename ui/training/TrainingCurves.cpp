// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/TrainingCurves.h"

#include "common/PlotExport.h"
#include "common/PlotStyle.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace ws::ui {

namespace {

const QColor kTrain(0x1f, 0x77, 0xb4);
const QColor kValidation(0xff, 0x7f, 0x0e);

BoundedGraph addGraph(QCustomPlot* plot, const QColor& colour, double width, const QString& name)
{
    QCPGraph* g = plot->addGraph();
    g->setPen(QPen(colour, width));
    g->setName(name);
    return BoundedGraph(g, TrainingCurves::kMaxPoints);
}

QCustomPlot* makePlot(const QString& yLabel)
{
    auto* plot = new QCustomPlot;
    plot->setMinimumHeight(140);
    plot->xAxis->setLabel(QCoreApplication::translate("ws::ui::TrainingCurves", "epoch"));
    plot->yAxis->setLabel(yLabel);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    placeLegendAbove(plot); // not over the newest points, at the right, where an inset legend sat
    PlotExport::addContextMenu(plot, QStringLiteral("training")); // right click: PNG, SVG or PDF
    return plot;
}

} // namespace

TrainingCurves::TrainingCurves(QWidget* parent) : QWidget(parent)
{
    loss_ = makePlot(tr("loss"));
    accuracy_ = makePlot(tr("accuracy"));
    QColor thin = kTrain;
    thin.setAlpha(110);
    batchLoss_ = addGraph(loss_, thin, 1.0, tr("train (batch)"));
    epochLoss_ = addGraph(loss_, kTrain, 2.5, tr("train (epoch)"));
    validationLoss_ = addGraph(loss_, kValidation, 2.5, tr("validation"));
    batchAccuracy_ = addGraph(accuracy_, thin, 1.0, tr("train (batch)"));
    epochAccuracy_ = addGraph(accuracy_, kTrain, 2.5, tr("train (epoch)"));
    validationAccuracy_ = addGraph(accuracy_, kValidation, 2.5, tr("validation"));
    for (const BoundedGraph* g : { &epochLoss_, &validationLoss_, &epochAccuracy_, &validationAccuracy_ })
        g->graph()->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(loss_, 1);
    layout->addWidget(accuracy_, 1);
}

void TrainingCurves::add(const QList<TrainingPoint>& points)
{
    for (const TrainingPoint& p : points) {
        if (lastBaseRate_ == 0.0f)
            lastBaseRate_ = p.baseLearningRate;
        else if (p.baseLearningRate != lastBaseRate_) {
            // The batch before this one ended at epoch - 1 / batchesPerEpoch; marking at this
            // batch's end is within one batch of the change, which is what the eye needs.
            markLearningRate(p.epoch, p.baseLearningRate);
            lastBaseRate_ = p.baseLearningRate;
        }
        if (p.epochEnd) {
            epochLoss_.add(p.epoch, p.loss);
            epochAccuracy_.add(p.epoch, p.accuracy);
            if (p.hasValidation) {
                validationLoss_.add(p.epoch, p.validationLoss);
                validationAccuracy_.add(p.epoch, p.validationAccuracy);
            }
        } else {
            batchLoss_.add(p.epoch, p.loss);
            batchAccuracy_.add(p.epoch, p.accuracy);
        }
    }
}

void TrainingCurves::markLearningRate(double epoch, float lr)
{
    for (QCustomPlot* plot : { loss_, accuracy_ }) {
        auto* line = new QCPItemStraightLine(plot);
        line->setPen(QPen(QColor(0x70, 0x70, 0x70), 1.2, Qt::DashLine));
        line->point1->setCoords(epoch, 0);
        line->point2->setCoords(epoch, 1);
        auto* label = new QCPItemText(plot);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(epoch, 0.02);
        label->setText(tr(" lr %1").arg(double(lr), 0, 'g', 3));
        label->setColor(QColor(0x50, 0x50, 0x50));
    }
    ++marks_;
}

void TrainingCurves::clear()
{
    for (BoundedGraph* g : { &batchLoss_, &epochLoss_, &validationLoss_, &batchAccuracy_, &epochAccuracy_, &validationAccuracy_ })
        g->clear();
    for (QCustomPlot* plot : { loss_, accuracy_ })
        plot->clearItems();
    lastBaseRate_ = 0.0f;
    marks_ = 0;
}

void TrainingCurves::replot()
{
    for (QCustomPlot* plot : { loss_, accuracy_ }) {
        plot->rescaleAxes();
        QCPRange x = plot->xAxis->range();
        plot->xAxis->setRange(0, std::max(1.0, x.upper));
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace ws::ui
