// SPDX-License-Identifier: GPL-3.0-or-later
#include "QuantLensView.h"

#include "common/ColorMaps.h"
#include "common/PlotExport.h"
#include "common/PlotStyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace ws::ui {

namespace {

QString number(double v) { return std::isinf(v) ? QStringLiteral("∞") : QString::number(v, 'g', 4); }

// A colour map on `plot` with its scale on the right, cells drawn whole and not smoothed.
QCPColorMap* addColorMap(QCustomPlot* plot, QCPColorScale*& scale)
{
    auto* map = new QCPColorMap(plot->xAxis, plot->yAxis);
    map->setInterpolate(false);
    map->setTightBoundary(false);
    scale = new QCPColorScale(plot);
    plot->plotLayout()->addElement(0, 1, scale);
    map->setColorScale(scale);
    auto* margins = new QCPMarginGroup(plot);
    plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    return map;
}

QLabel* captionLabel()
{
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

QuantLensView::QuantLensView(QWidget* parent) : QWidget(parent)
{
    blockPlot_ = new QCustomPlot;
    blockPlot_->yAxis->setRangeReversed(true); // row 0 at the top, as in the tensor view
    setWholeNumberTicks(blockPlot_->xAxis); // rows and blocks: whole numbers
    setWholeNumberTicks(blockPlot_->yAxis);
    blockMap_ = addColorMap(blockPlot_, blockScale_);
    PlotExport::addContextMenu(blockPlot_, QStringLiteral("block-error"));
    measure_ = new QComboBox;
    measure_->addItem(tr("Relative error ‖o−q‖/‖o‖ per block"));
    measure_->addItem(tr("RMS error per block"));
    measure_->setToolTip(tr("o: the original's values, q: the dequantised ones, over the block's elements"));
    connect(measure_, &QComboBox::currentIndexChanged, this, [this] { drawBlocks(); });
    blockCaption_ = captionLabel();
    hover_ = new QLabel;
    connect(blockPlot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        hover_->setText(blockCellText(blockPlot_->xAxis->pixelToCoord(e->pos().x()), blockPlot_->yAxis->pixelToCoord(e->pos().y())));
    });
    auto* blockPage = new QWidget;
    auto* blockLayout = new QVBoxLayout(blockPage);
    blockLayout->setContentsMargins(2, 2, 2, 2);
    auto* row = new QHBoxLayout;
    row->addWidget(measure_);
    row->addWidget(hover_, 1);
    blockLayout->addLayout(row);
    blockLayout->addWidget(blockCaption_);
    blockLayout->addWidget(blockPlot_, 1);
    blockLayout->addStretch(0); // takes the room while the plot is hidden, the caption stays on top

    scatterPlot_ = new QCustomPlot;
    scatterMap_ = addColorMap(scatterPlot_, scatterScale_);
    scatterMap_->setDataScaleType(QCPAxis::stLogarithmic);
    scatterScale_->setDataScaleType(QCPAxis::stLogarithmic);
    scatterScale_->setLabel(tr("values per bin"));
    setFittedLogAxis(scatterScale_->axis());
    diagonal_ = scatterPlot_->addGraph();
    diagonal_->setPen(QPen(QColor(0xd6, 0x27, 0x28), 1.2, Qt::DashLine));
    diagonal_->setName(tr("y = x"));
    PlotExport::addContextMenu(scatterPlot_, QStringLiteral("original-vs-dequantised"));
    scatterCaption_ = captionLabel();
    auto* scatterPage = new QWidget;
    auto* scatterLayout = new QVBoxLayout(scatterPage);
    scatterLayout->setContentsMargins(2, 2, 2, 2);
    scatterLayout->addWidget(scatterCaption_);
    scatterLayout->addWidget(scatterPlot_, 1);
    scatterLayout->addStretch(0);

    tabs_ = new QTabWidget;
    tabs_->addTab(blockPage, tr("Error per block"));
    tabs_->addTab(scatterPage, tr("Original vs dequantised"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs_);
    showMessage(tr("Select a compared row to look at its quantization error."));
}

QString QuantLensView::blockCaption() const { return blockCaption_->text(); }
QString QuantLensView::scatterCaption() const { return scatterCaption_->text(); }

void QuantLensView::showMessage(const QString& text)
{
    result_ = {};
    blockCaption_->setText(text);
    scatterCaption_->setText(text);
    hover_->clear();
    blockMap_->setVisible(false);
    scatterMap_->setVisible(false);
    diagonal_->setVisible(false);
    // Empty axes and a colour scale of nothing would look like a result.
    blockPlot_->hide();
    scatterPlot_->hide();
}

void QuantLensView::showResult(const LensResult& result)
{
    result_ = result;
    hover_->clear();
    drawBlocks();
    drawScatter();
}

void QuantLensView::drawBlocks()
{
    const LensResult& r = result_;
    if (!r.hasBlocks || r.blocks.cellRows == 0) {
        blockMap_->setVisible(false);
        blockCaption_->setText(!r.error.isEmpty() ? r.error
                : !r.blocksNote.isEmpty()         ? r.blocksNote
                : r.hasBlocks                     ? tr("%1 has no elements.").arg(r.tensor)
                : r.ticket != 0 ? tr("%1: neither side is a block-quantised GGUF tensor, so there are no blocks to show.").arg(r.tensor)
                                : blockCaption_->text());
        blockPlot_->hide();
        return;
    }
    blockPlot_->show();
    const BlockErrorMap& m = r.blocks;
    const bool rms = measure_->currentIndex() == RmsMeasure;
    const std::vector<float>& cells = rms ? m.rms : m.relative;
    // From the best cell to the worst, so that differences between blocks show; infinite cells
    // (an all-zero original block with an error) take the top colour.
    float top = 0, bottom = std::numeric_limits<float>::infinity();
    for (float v : cells)
        if (std::isfinite(v)) {
            top = std::max(top, v);
            bottom = std::min(bottom, v);
        }
    if (!(bottom < top))
        bottom = 0;
    auto* data = blockMap_->data();
    // QCPColorMap draws nothing along an axis of one cell (its cell size is the range over
    // size − 1): a tensor whose rows are one block each (32 × 256 in Q4_K) showed an empty plot.
    // Such an axis gets two equal cells spanning the same extent.
    const int64_t cols = std::max<int64_t>(m.cellCols, 2), rows = std::max<int64_t>(m.cellRows, 2);
    data->setSize(int(cols), int(rows));
    // Each cell sits at the centre of the blocks it pools, in block coordinates.
    auto centre = [](int64_t i, int64_t pool, int64_t count) {
        return 0.5 * double(i * pool + std::min((i + 1) * pool, count) - 1);
    };
    auto range = [&](int64_t cellCount, int64_t pool, int64_t count) {
        if (cellCount == 1) // one cell over all `count`: two cells, each half of it
            return QCPRange(centre(0, pool, count) - double(count) / 4, centre(0, pool, count) + double(count) / 4);
        return QCPRange(centre(0, pool, count), centre(cellCount - 1, pool, count));
    };
    data->setRange(range(m.cellCols, m.poolCols, m.blocksPerRow), range(m.cellRows, m.poolRows, m.rows));
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) {
            const float v = cells[size_t(std::min(i, m.cellRows - 1) * m.cellCols + std::min(j, m.cellCols - 1))];
            data->setCell(int(j), int(i), std::isinf(v) ? top : v);
        }
    blockMap_->setGradient(sequentialGradient());
    blockMap_->setDataRange(QCPRange(bottom, top > bottom ? top : bottom + 1));
    blockMap_->setVisible(true);
    blockScale_->setLabel(rms ? tr("RMS error") : tr("relative error"));
    blockPlot_->xAxis->setLabel(tr("block (%1 elements of a row)").arg(m.side.blockElements));
    blockPlot_->yAxis->setLabel(tr("row"));
    blockPlot_->xAxis->setRange(-0.5, double(m.blocksPerRow) - 0.5);
    blockPlot_->yAxis->setRange(-0.5, double(m.rows) - 0.5);
    QString text = tr("%1 · %2 in %3: %4 rows × %5 blocks of %6. Worst block: row %7, block %8 "
                      "(relative error %9, RMS %10).")
                       .arg(r.tensor, QString::fromStdString(m.side.type), m.side.inB ? tr("B") : tr("A"))
                       .arg(m.rows)
                       .arg(m.blocksPerRow)
                       .arg(m.side.blockElements)
                       .arg(m.worstRow)
                       .arg(m.worstBlock)
                       .arg(number(m.worstRelative), number(m.worstRms));
    if (m.poolRows > 1 || m.poolCols > 1)
        text += QLatin1Char(' ') + tr("Each cell shows the worst of %1 × %2 blocks.").arg(m.poolRows).arg(m.poolCols);
    if (m.skipped > 0)
        text += QLatin1Char(' ') + tr("%n NaN/Inf left out.", nullptr, int(std::min<int64_t>(m.skipped, INT32_MAX)));
    blockCaption_->setText(text);
    blockPlot_->replot();
}

QString QuantLensView::blockCellText(double key, double value) const
{
    if (!result_.hasBlocks)
        return {};
    const BlockErrorMap& m = result_.blocks;
    const int64_t block = int64_t(std::floor(key + 0.5)), row = int64_t(std::floor(value + 0.5));
    if (block < 0 || block >= m.blocksPerRow || row < 0 || row >= m.rows)
        return {};
    const size_t cell = size_t((row / m.poolRows) * m.cellCols + block / m.poolCols);
    const bool rms = measure_->currentIndex() == RmsMeasure;
    const QString v = number((rms ? m.rms : m.relative)[cell]);
    if (m.poolRows == 1 && m.poolCols == 1)
        return rms ? tr("row %1, block %2: RMS error %3").arg(row).arg(block).arg(v)
                   : tr("row %1, block %2: relative error %3").arg(row).arg(block).arg(v);
    const int64_t r0 = row / m.poolRows * m.poolRows, b0 = block / m.poolCols * m.poolCols;
    if (m.poolCols == 1)
        return tr("rows %1–%2, block %3: worst %4").arg(r0).arg(std::min(r0 + m.poolRows, m.rows) - 1).arg(block).arg(v);
    return tr("rows %1–%2, blocks %3–%4: worst %5")
        .arg(r0)
        .arg(std::min(r0 + m.poolRows, m.rows) - 1)
        .arg(b0)
        .arg(std::min(b0 + m.poolCols, m.blocksPerRow) - 1)
        .arg(v);
}

void QuantLensView::drawScatter()
{
    const LensResult& r = result_;
    if (!r.hasScatter) {
        scatterMap_->setVisible(false);
        diagonal_->setVisible(false);
        scatterCaption_->setText(r.error.isEmpty() ? tr("No values to show.") : r.error);
        scatterPlot_->hide();
        return;
    }
    scatterPlot_->show();
    const ScatterHistogram& h = r.scatter;
    auto* data = scatterMap_->data();
    data->setSize(h.bins, h.bins);
    const double step = (h.hi - h.lo) / h.bins;
    data->setRange(QCPRange(h.lo + step / 2, h.hi - step / 2), QCPRange(h.lo + step / 2, h.hi - step / 2));
    uint64_t most = 1;
    for (int y = 0; y < h.bins; ++y)
        for (int x = 0; x < h.bins; ++x) {
            const uint64_t c = h.count(x, y);
            most = std::max(most, c);
            data->setCell(x, y, c > 0 ? double(c) : std::nan("")); // empty bins stay transparent
        }
    scatterMap_->setGradient(sequentialGradient());
    scatterMap_->setDataRange(QCPRange(1, double(std::max<uint64_t>(most, 10))));
    scatterMap_->setVisible(true);
    diagonal_->setData({ h.lo, h.hi }, { h.lo, h.hi });
    diagonal_->setVisible(true);
    const bool quantised = r.hasBlocks || !r.blocksNote.isEmpty();
    const QString original = h.originalIsB ? tr("B") : tr("A"), other = h.originalIsB ? tr("A") : tr("B");
    scatterPlot_->xAxis->setLabel(tr("original (%1)").arg(original));
    scatterPlot_->yAxis->setLabel(quantised ? tr("dequantised (%1)").arg(other) : tr("value in %1").arg(other));
    scatterPlot_->xAxis->setRange(h.lo, h.hi);
    scatterPlot_->yAxis->setRange(h.lo, h.hi);
    QString text = tr("%1: %2 values in %3 × %3 bins, log colour scale; on the dashed line y = x nothing was lost.")
                       .arg(r.tensor)
                       .arg(h.points)
                       .arg(h.bins);
    if (h.outside > 0)
        text += QLatin1Char(' ') + tr("The range is the central 99.9 %; %n value(s) beyond it not drawn.", nullptr,
            int(std::min<uint64_t>(h.outside, INT32_MAX)));
    if (h.skipped > 0)
        text += QLatin1Char(' ') + tr("%n NaN/Inf left out.", nullptr, int(std::min<uint64_t>(h.skipped, INT32_MAX)));
    scatterCaption_->setText(text);
    scatterPlot_->replot();
}

} // namespace ws::ui
