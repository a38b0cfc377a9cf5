// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/PlotStyle.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QPalette>

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

} // namespace

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

} // namespace ws::ui
