// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/PlotStyle.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QFontMetrics>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace ws::ui {

namespace {

void styleAxis(QCPAxis* axis, const QColor& text, const QColor& grid)
{
    const QPen line(text, 1);
    axis->setBasePen(line);
    axis->setTickPen(line);
    axis->setSubTickPen(line);
    axis->setLabelColor(text);
    axis->setTickLabelColor(text);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    axis->grid()->setZeroLinePen(QPen(grid, 1));
}

// Re-colours a plot when it is first polished and when the application palette changes.
class PaletteFollower : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Polish || event->type() == QEvent::ApplicationPaletteChange
            || event->type() == QEvent::PaletteChange)
            if (auto* plot = qobject_cast<QCustomPlot*>(watched))
                applyPalette(plot, QApplication::palette());
        return false;
    }
};

// A log ticker whose tick count follows the room its axis has for labels (setFittedLogAxis).
class FittedLogTicker : public QCPAxisTickerLog {
public:
    explicit FittedLogTicker(QCPAxis* axis) : axis_(axis) {}

    // Labels of the widest exponent in the range, plus a label's width of air between two.
    int room() const
    {
        const QCPRange range = axis_->range();
        const int lo = int(std::floor(std::log10(std::max(range.lower, 1e-300))));
        const int hi = int(std::ceil(std::log10(std::max(range.upper, 1e-300))));
        const QFontMetrics fm(axis_->tickLabelFont());
        const bool horizontal = axis_->orientation() == Qt::Horizontal;
        const int label = horizontal
            ? fm.horizontalAdvance(QStringLiteral("10")) + fm.horizontalAdvance(QString::number(std::abs(lo) > std::abs(hi) ? lo : hi))
            : fm.height() * 3 / 2; // the exponent is raised by half a line
        const int length = horizontal ? axis_->axisRect()->width() : axis_->axisRect()->height();
        return std::max(1, length / std::max(1, label * 2));
    }
    int lastRoom() const { return lastRoom_; }

protected:
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override
    {
        lastRoom_ = room();
        setTickCount(std::max(1, lastRoom_ - 1)); // QCustomPlot may draw one tick more than asked
        return QCPAxisTickerLog::createTickVector(tickStep, range);
    }

private:
    QCPAxis* axis_;
    int lastRoom_ = 0;
};

} // namespace

void setFittedLogAxis(QCPAxis* axis)
{
    axis->setScaleType(QCPAxis::stLogarithmic);
    auto ticker = QSharedPointer<FittedLogTicker>::create(axis);
    axis->setTicker(ticker);
    axis->setNumberFormat(QStringLiteral("eb")); // 10^k, the exponent raised
    axis->setNumberPrecision(0);
    // Ticks are made before the layout gives the axis its new length: after a resize that changes
    // the room, draw again with the ticks the new length fits.
    QCustomPlot* plot = axis->parentPlot();
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot, axis, weak = ticker.toWeakRef()] {
        const QSharedPointer<FittedLogTicker> t = weak.toStrongRef();
        if (t && axis->ticker() == t && t->lastRoom() != t->room())
            plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

int fittedLogLabelRoom(const QCPAxis* axis)
{
    const auto* ticker = dynamic_cast<const FittedLogTicker*>(axis->ticker().data());
    return ticker ? ticker->lastRoom() : 0;
}

void applyPalette(QCustomPlot* plot, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base), text = palette.color(QPalette::Text);
    QColor grid = palette.color(QPalette::Mid);
    if (qAbs(grid.lightness() - base.lightness()) < 40) // too close to the background to be seen
        grid = base.lightness() < 128 ? base.lighter(220) : base.darker(125);
    plot->setBackground(base);
    for (QCPAxisRect* rect : plot->axisRects()) {
        rect->setBackground(base);
        for (QCPAxis* axis : rect->axes())
            styleAxis(axis, text, grid);
    }
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
        if (auto* scale = qobject_cast<QCPColorScale*>(plot->plotLayout()->elementAt(i)))
            styleAxis(scale->axis(), text, grid);
    QColor legend = base;
    legend.setAlpha(210); // the curves stay visible behind a legend inside the data
    plot->legend->setBrush(legend);
    plot->legend->setTextColor(text);
    if (plot->legend->borderPen().style() != Qt::NoPen)
        plot->legend->setBorderPen(QPen(grid));
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void followPaletteInPlots()
{
    static PaletteFollower* follower = nullptr;
    if (!follower) { // plots made from now on are coloured when first polished
        follower = new PaletteFollower(qApp);
        qApp->installEventFilter(follower);
    }
    // Existing plots: QApplication::setPalette does not reach every widget with a PaletteChange.
    for (QWidget* w : QApplication::allWidgets())
        if (auto* plot = qobject_cast<QCustomPlot*>(w))
            applyPalette(plot, QApplication::palette());
}

void placeLegendAbove(QCustomPlot* plot)
{
    QCPLayoutGrid* layout = plot->plotLayout();
    layout->insertRow(0);
    layout->addElement(0, 0, plot->legend); // takes it out of the axis rectangle's inset
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst); // one row of entries
    plot->legend->setMargins(QMargins(4, 2, 4, 2));
    plot->legend->setBorderPen(Qt::NoPen);
    layout->setRowStretchFactor(0, 0.001);
    layout->setRowSpacing(0);
}

void setWholeNumberTicks(QCPAxis* axis)
{
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
}

} // namespace ws::ui
