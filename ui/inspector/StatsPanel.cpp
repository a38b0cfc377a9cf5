// SPDX-License-Identifier: GPL-3.0-or-later
#include "StatsPanel.h"

#include "common/PlotExport.h"

#include "common/Format.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollBar>

#include <algorithm>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace ws::ui {

namespace {
constexpr int kKeyRole = Qt::UserRole + 1;
QString exact(double v) { return QString::number(v, 'g', 9); }
} // namespace

StatsPanel::StatsPanel(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot;
    plot_->setMinimumHeight(160);
    bars_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars_->setPen(Qt::NoPen);
    bars_->setBrush(QColor(0x3b, 0x52, 0x8b));
    bars_->setWidthType(QCPBars::wtPlotCoords);
    plot_->xAxis->setLabel(tr("value"));
    plot_->yAxis->setLabel(tr("count"));
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->axisRect()->setRangeZoom(Qt::Horizontal);
    plot_->axisRect()->setRangeDrag(Qt::Horizontal);
    PlotExport::addContextMenu(plot_, QStringLiteral("histogram")); // right click: PNG, SVG or PDF

    bins_ = new QSpinBox;
    bins_->setRange(4, 1024);
    bins_->setValue(64);
    bins_->setPrefix(tr("bins "));
    bins_->setKeyboardTracking(false);
    bins_->setToolTip(tr("Bins of the histogram"));
    connect(bins_, &QSpinBox::valueChanged, this, &StatsPanel::binsChanged);
    log_ = new QCheckBox(tr("Log counts"));
    log_->setToolTip(tr("Show the counts on a logarithmic scale"));
    connect(log_, &QCheckBox::toggled, this, &StatsPanel::drawHistogram);

    table_ = new QTableWidget(0, 2);
    table_->setHorizontalHeaderLabels({ tr("Statistic"), tr("Value") });
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    note_ = new QLabel;
    note_->setWordWrap(true);

    auto* row = new QHBoxLayout;
    row->addWidget(bins_);
    row->addWidget(log_);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(plot_, 1);
    layout->addLayout(row);
    layout->addWidget(table_, 2);
    layout->addWidget(note_);
    clear();
}

int StatsPanel::bins() const { return bins_->value(); }
void StatsPanel::setBins(int bins) { bins_->setValue(bins); }
void StatsPanel::setLogCounts(bool log) { log_->setChecked(log); }

void StatsPanel::clear(const QString& message)
{
    numbers_ = {};
    table_->setRowCount(0);
    note_->setText(message);
    bars_->data()->clear();
    plot_->replot();
}

void StatsPanel::addRow(const QString& key, const QString& label, const QString& value)
{
    const int r = table_->rowCount();
    table_->insertRow(r);
    auto* name = new QTableWidgetItem(label);
    name->setData(kKeyRole, key);
    table_->setItem(r, 0, name);
    auto* v = new QTableWidgetItem(value);
    v->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table_->setItem(r, 1, v);
}

QString StatsPanel::value(const QString& key) const
{
    for (int r = 0; r < table_->rowCount(); ++r)
        if (table_->item(r, 0)->data(kKeyRole).toString() == key)
            return table_->item(r, 1)->text();
    return {};
}

void StatsPanel::showNumbers(const TensorNumbers& numbers, const QString& storage, double bitsPerWeight)
{
    clear();
    if (!numbers.error.isEmpty()) {
        note_->setText(numbers.error);
        return;
    }
    numbers_ = numbers;
    const TensorStats& s = numbers.stats;
    if (!storage.isEmpty())
        addRow(QStringLiteral("storage"), tr("Stored as"), storage);
    if (bitsPerWeight > 0)
        addRow(QStringLiteral("bpw"), tr("Bits per weight"), QString::number(bitsPerWeight, 'g', 4));
    addRow(QStringLiteral("count"), tr("Elements"), formatCount(s.count));
    addRow(QStringLiteral("min"), tr("Minimum"), exact(s.min));
    addRow(QStringLiteral("max"), tr("Maximum"), exact(s.max));
    addRow(QStringLiteral("mean"), tr("Mean"), exact(s.mean));
    addRow(QStringLiteral("std"), tr("Standard deviation"), exact(s.std));
    addRow(QStringLiteral("l2"), tr("L2 norm"), exact(s.l2));
    addRow(QStringLiteral("zeros"), tr("Zeros"),
        tr("%1 (%2 %)").arg(formatCount(s.zeros)).arg(100.0 * s.zeroFraction(), 0, 'g', 4));
    addRow(QStringLiteral("nans"), tr("NaN"), formatCount(s.nans));
    addRow(QStringLiteral("infs"), tr("±Inf"), formatCount(s.infs));
    const Percentiles& p = numbers.percentiles;
    for (size_t i = 0; i < p.q.size() && i < p.values.size(); ++i)
        addRow(QStringLiteral("p%1").arg(p.q[i]), tr("Percentile %1 %").arg(p.q[i]), exact(p.values[i]));
    table_->resizeColumnToContents(0);
    // Both columns whole: a narrow dock cut "-0.295114875" to "-0.295" (the dock grows instead).
    table_->resizeColumnToContents(1);
    const int needed = table_->columnWidth(0) + table_->columnWidth(1) + table_->verticalScrollBar()->sizeHint().width()
        + 2 * table_->frameWidth();
    table_->setMinimumWidth(std::max(table_->minimumWidth(), needed));
    note_->setText(p.exact ? tr("Statistics in float64 over the float32 values; percentiles exact (NumPy's linear method).")
                           : tr("Percentiles from a %1-bin histogram, within %2 of the exact values.")
                                 .arg(kPercentileBins).arg(exact(p.maxError)));
    drawHistogram();
}

void StatsPanel::drawHistogram()
{
    const Histogram& h = numbers_.histogram;
    QVector<double> x, y;
    for (size_t k = 0; k < h.counts.size(); ++k) {
        x << h.lo + (double(k) + 0.5) * h.binWidth();
        y << double(h.counts[k]);
    }
    bars_->setWidth(h.binWidth());
    bars_->setData(x, y, true);
    const bool log = log_->isChecked();
    plot_->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    bars_->setBaseValue(log ? 0.5 : 0.0); // an empty bin draws nothing on a log axis
    plot_->rescaleAxes();
    if (!x.isEmpty()) {
        plot_->xAxis->setRange(h.lo, h.hi);
        double top = 1;
        for (double c : y)
            top = std::max(top, c);
        plot_->yAxis->setRange(log ? 0.5 : 0.0, log ? top * 2 : top * 1.05);
    }
    plot_->replot();
}

} // namespace ws::ui
