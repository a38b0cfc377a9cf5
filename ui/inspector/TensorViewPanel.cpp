// SPDX-License-Identifier: GPL-3.0-or-later
#include "TensorViewPanel.h"

#include "shell/AppSettings.h"
#include "common/ColorMaps.h"
#include "common/Format.h"
#include "common/Layouts.h"
#include "common/PlotExport.h"
#include "common/PlotStyle.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QMenu>
#include <QToolButton>
#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ws::ui {

namespace {

constexpr int kMinCells = 64;   // a hidden or tiny plot still asks for a useful picture
constexpr int kMaxCells = 4096; // more than any screen shows
constexpr int kDefaultCells = 512;

QString exact(double v) { return QString::number(v, 'g', 9); } // 9 digits round-trip a float32

} // namespace

TensorViewPanel::TensorViewPanel(QWidget* parent) : QWidget(parent)
{
    title_ = new QLabel;
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    title_->setMinimumWidth(80); // long names elide into the tooltip rather than widen the window
    title_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    // Breaks between its words onto a second line where it is too wide ("features/kernel · F32 ·
    // (3, 3, 2, 3) · layers/conv2d/vars/0 in the file" in a 1280 px window); one long word is still cut.
    title_->setWordWrap(true);
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);

    // Slice selectors (rebuilt per tensor), wrapping like the controls above them: in one row, a
    // 4-D kernel's dimension pair, four indices, "Filters" and the input channel needed 560 px and
    // were cut off at the 430 px the view gets in a 1280 px window beside the tree and statistics.
    sliceBar_ = new QWidget;
    sliceLayout_ = new WrapRow(sliceBar_);
    sliceLayout_->setContentsMargins(0, 0, 0, 0);

    reduction_ = new QComboBox;
    reduction_->addItem(tr("Largest |x| (sign kept)"), int(Reduction::MaxAbs));
    reduction_->addItem(tr("Mean"), int(Reduction::Mean));
    reduction_->addItem(tr("Minimum"), int(Reduction::Min));
    reduction_->addItem(tr("Maximum"), int(Reduction::Max));
    reduction_->setToolTip(tr("How the elements pooled into one pixel of a large tensor are combined"));
    range_ = new QComboBox;
    range_->addItem(tr("Symmetric ±max"), int(Range::Symmetric));
    range_->addItem(tr("Data range"), int(Range::Data));
    range_->addItem(tr("Percentiles 1–99 %"), int(Range::Percentile));
    range_->setToolTip(tr("The values the colour scale spans. Symmetric keeps white at zero and the same "
                          "strength for +x and −x (for data of one sign it is the data range)"));
    connect(reduction_, &QComboBox::currentIndexChanged, this, &TensorViewPanel::redraw);
    connect(range_, &QComboBox::currentIndexChanged, this, &TensorViewPanel::redraw);

    // On two lines when the view is narrow (a panel opened beside it), aligned right.
    auto* controls = new WrapRow;
    controls->addWidget(labelled(tr("Reduction:"), reduction_));
    controls->addWidget(labelled(tr("Colour range:"), range_));
    auto* exportButton = new QToolButton;
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    exportButton->setToolTip(tr("Save the plot as an image, or the tensor's values as a file"));
    auto* exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("Plot as PNG, SVG or PDF…"), this, [this] { PlotExport::saveWithDialog(plot_, this, QStringLiteral("tensor")); });
    exportMenu->addSeparator();
    exportMenu->addAction(tr("Tensor as NumPy .npy…"), this, [this] { exportData(false); });
    exportMenu->addAction(tr("Shown slice as CSV…"), this, [this] { exportData(true); });
    exportButton->setMenu(exportMenu);
    controls->addWidget(exportButton);

    plot_ = new QCustomPlot;
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->yAxis->setRangeReversed(true); // row 0 at the top, as matrices are written
    plot_->xAxis->setLabel(tr("column"));
    plot_->yAxis->setLabel(tr("row"));
    colorMap_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    colorMap_->setInterpolate(false);
    colorMap_->setTightBoundary(false); // edge cells drawn whole
    // Integer ticks: rows and columns are indices (the ticker still thins them out when zoomed out).
    setWholeNumberTicks(plot_->xAxis);
    setWholeNumberTicks(plot_->yAxis);
    colorScale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, colorScale_);
    colorMap_->setColorScale(colorScale_);
    auto* margins = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    colorScale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    for (int i = 0; i < 3; ++i)
        graphs_ << plot_->addGraph();
    graphs_[0]->setPen(QPen(QColor(0x21, 0x66, 0xac), 1.5));
    // Min and max of the pooled cells of a long 1-D tensor, as a band around the chosen line.
    graphs_[1]->setPen(QPen(QColor(0x92, 0xc5, 0xde)));
    graphs_[2]->setPen(QPen(QColor(0x92, 0xc5, 0xde)));
    graphs_[2]->setBrush(QColor(0x92, 0xc5, 0xde, 90));
    graphs_[2]->setChannelFillGraph(graphs_[1]);
    // Double-click or Home: back to the whole tensor after zooming and dragging.
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) { resetView(); });
    auto* home = new QShortcut(QKeySequence(Qt::Key_Home), this);
    home->setContext(Qt::WidgetWithChildrenShortcut);
    connect(home, &QShortcut::activated, this, &TensorViewPanel::resetView);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        hover_->setText(hoverText(plot_->xAxis->pixelToCoord(event->pos().x()), plot_->yAxis->pixelToCoord(event->pos().y())));
    });

    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    hover_ = new QLabel;
    hover_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    raw_ = new QPlainTextEdit;
    raw_->setObjectName(QStringLiteral("RawBlocks"));
    raw_->setReadOnly(true);
    raw_->setLineWrapMode(QPlainTextEdit::NoWrap);
    raw_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    raw_->hide();

    auto* layout = new QVBoxLayout(this);
    // The title on a row of its own: beside the controls it was cut to "f32 · F32 · (".
    layout->addWidget(title_);
    layout->addLayout(controls);
    layout->addWidget(sliceBar_);
    layout->addWidget(plot_, 1);
    layout->addWidget(raw_, 1);
    layout->addWidget(status_);
    layout->addWidget(hover_);
    setTensor(nullptr, {}, {});
}

void TensorViewPanel::setTensor(const TensorInfo* info, const QString& format, const QString& title)
{
    hasTensor_ = info != nullptr;
    info_ = info ? *info : TensorInfo{};
    layout_ = guessConvLayout(format.toStdString());
    picture_ = {};
    numbers_ = {};
    haveNumbers_ = false;
    title_->setText(hasTensor_ ? title : tr("Select a tensor in the model tree"));
    title_->setToolTip(title_->text());
    rebuildSliceControls();
    redraw();
}

void TensorViewPanel::rebuildSliceControls()
{
    building_ = true;
    while (QLayoutItem* item = sliceLayout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    indices_.clear();
    rowDim_ = colDim_ = nullptr;
    gridMode_ = nullptr;
    inChannel_ = nullptr;
    const int rank = int(info_.shape.size());
    if (hasTensor_ && rank >= 3) {
        // One combo of the valid (row < column) pairs, so no impossible choice can be made.
        rowDim_ = new QComboBox;
        for (int r = 0; r < rank; ++r)
            for (int c = r + 1; c < rank; ++c)
                rowDim_->addItem(tr("rows: dim %1 × columns: dim %2").arg(r).arg(c), QPoint(r, c));
        rowDim_->setCurrentIndex(rowDim_->count() - 1); // the last two dimensions
        rowDim_->setToolTip(tr("The two dimensions shown as rows and columns"));
        sliceLayout_->addWidget(rowDim_);
        for (int d = 0; d < rank; ++d) {
            auto* spin = new QSpinBox;
            spin->setRange(0, int(std::min<int64_t>(info_.shape[size_t(d)] - 1, INT_MAX)));
            spin->setPrefix(tr("[%1]=").arg(d));
            spin->setToolTip(tr("Index in dimension %1 (size %2)").arg(d).arg(info_.shape[size_t(d)]));
            connect(spin, &QSpinBox::valueChanged, this, [this] {
                if (!building_)
                    emit viewChanged();
            });
            sliceLayout_->addWidget(spin);
            indices_ << spin;
        }
        auto updateEnabled = [this] {
            const QPoint dims = rowDim_->currentData().toPoint();
            const bool grid = gridMode_ && gridMode_->isChecked();
            rowDim_->setEnabled(!grid);
            for (int d = 0; d < indices_.size(); ++d)
                indices_[d]->setEnabled(!grid && d != dims.x() && d != dims.y());
            if (inChannel_)
                inChannel_->setEnabled(grid);
        };
        if (rank == 4) {
            gridMode_ = new QCheckBox(tr("Filters"));
            gridMode_->setToolTip(tr("Show the kernel as a grid of filters, one per output channel"));
            gridMode_->setChecked(true);
            inChannel_ = new QSpinBox;
            const int64_t channels = layout_ == ConvLayout::OIHW ? info_.shape[1] : info_.shape[2];
            inChannel_->setRange(0, int(std::min<int64_t>(channels - 1, INT_MAX)));
            inChannel_->setPrefix(tr("input channel "));
            inChannel_->setToolTip(tr("The input channel whose filters are shown"));
            sliceLayout_->addWidget(gridMode_);
            sliceLayout_->addWidget(inChannel_);
            connect(gridMode_, &QCheckBox::toggled, this, [this, updateEnabled] {
                updateEnabled();
                emit viewChanged();
            });
            connect(inChannel_, &QSpinBox::valueChanged, this, [this] {
                if (!building_)
                    emit viewChanged();
            });
        }
        connect(rowDim_, &QComboBox::currentIndexChanged, this, [this, updateEnabled] {
            updateEnabled();
            if (!building_)
                emit viewChanged();
        });
        updateEnabled();
    }
    sliceBar_->setVisible(sliceLayout_->count() > 0);
    building_ = false;
}

void TensorViewPanel::exportData(bool csv)
{
    if (!hasTensor_)
        return;
    const QString path = QFileDialog::getSaveFileName(this, csv ? tr("Export Slice") : tr("Export Tensor"),
        settings::lastFolder(QStringLiteral("export")), csv ? tr("CSV (*.csv)") : tr("NumPy array (*.npy)"));
    settings::rememberFolder(QStringLiteral("export"), path);
    if (!path.isEmpty())
        emit exportRequested(path, csv);
}

void TensorViewPanel::fillRequest(TensorRequest& request) const
{
    request.slice = defaultSlice(info_.shape);
    if (rowDim_) {
        const QPoint dims = rowDim_->currentData().toPoint();
        request.slice.rowDim = dims.x();
        request.slice.colDim = dims.y();
        for (int d = 0; d < indices_.size(); ++d)
            request.slice.index[size_t(d)] = indices_[d]->value();
    }
    request.convGrid = gridMode_ && gridMode_->isChecked();
    request.layout = layout_;
    request.inChannel = inChannel_ ? inChannel_->value() : 0;
    const QRect rect = plot_->axisRect()->rect();
    const bool laidOut = plot_->isVisible() && rect.width() > 1;
    request.maxCols = laidOut ? std::clamp(rect.width(), kMinCells, kMaxCells) : kDefaultCells;
    request.maxRows = laidOut ? std::clamp(rect.height(), kMinCells, kMaxCells) : kDefaultCells;
}

void TensorViewPanel::showPicture(const TensorPicture& picture)
{
    picture_ = picture;
    redraw();
    resetView();
}

void TensorViewPanel::resetView()
{
    // Ranges from the shown picture alone: rescaleAxes() would also count the hidden plottables
    // (the previous tensor's heatmap or line), which left a 1-D tensor in a corner of the last
    // heatmap's frame. Cells are centred on integer coordinates, so the frame runs from -0.5 to
    // n - 0.5 and the first and last cells are drawn whole.
    const Heatmap& m = picture_.heatmap;
    const bool line = !picture_.isGrid && m.outRows * m.outCols > 0 && (m.outRows == 1 || m.outCols == 1);
    if (picture_.isGrid && !picture_.grid.pixels.empty()) {
        plot_->xAxis->setRange(-0.5, double(picture_.grid.width) - 0.5);
        plot_->yAxis->setRange(-0.5, double(picture_.grid.height) - 0.5);
    } else if (line) {
        const bool alongRows = m.outCols == 1 && m.outRows > 1;
        plot_->xAxis->setRange(-0.5, double(alongRows ? m.rows : m.cols) - 0.5);
        double lo = INFINITY, hi = -INFINITY;
        for (size_t k = 0; k < m.min.size(); ++k)
            if (std::isfinite(m.min[k]) && std::isfinite(m.max[k])) {
                lo = std::min(lo, double(m.min[k]));
                hi = std::max(hi, double(m.max[k]));
            }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        }
        // A constant line sits in the middle of a unit-wide frame instead of on its edge.
        const double pad = hi > lo ? 0.05 * (hi - lo) : std::max(0.5, 0.1 * std::abs(lo));
        plot_->yAxis->setRange(lo - pad, hi + pad);
    } else if (m.outRows * m.outCols > 0) {
        plot_->xAxis->setRange(-0.5, double(m.cols) - 0.5);
        plot_->yAxis->setRange(-0.5, double(m.rows) - 0.5);
    }
    plot_->replot();
}

void TensorViewPanel::showNumbers(const TensorNumbers& numbers)
{
    if (!numbers.error.isEmpty())
        return;
    numbers_ = numbers;
    haveNumbers_ = true;
    redraw(); // the sign of the data and the percentiles decide the colours
}

void TensorViewPanel::showMessage(const QString& message)
{
    picture_ = {};
    picture_.error = message;
    redraw();
}

void TensorViewPanel::setReduction(Reduction reduction) { reduction_->setCurrentIndex(reduction_->findData(int(reduction))); }
void TensorViewPanel::setRange(Range range) { range_->setCurrentIndex(range_->findData(int(range))); }
Reduction TensorViewPanel::reduction() const { return Reduction(reduction_->currentData().toInt()); }
TensorViewPanel::Range TensorViewPanel::range() const { return Range(range_->currentData().toInt()); }

bool TensorViewPanel::isSigned() const
{
    if (haveNumbers_ && numbers_.stats.finite > 0)
        return numbers_.stats.min < 0;
    return picture_.lo < 0;
}

std::pair<double, double> TensorViewPanel::colourRange() const
{
    double lo = picture_.lo, hi = picture_.hi;
    switch (range()) {
    case Range::Data:
        break;
    case Range::Symmetric: {
        if (!isSigned())
            break; // viridis over [0, max]: half of a ±max scale would never be used
        const double m = std::max(std::abs(lo), std::abs(hi));
        lo = -m;
        hi = m;
        break;
    }
    case Range::Percentile:
        if (haveNumbers_ && numbers_.percentiles.values.size() == kPercentileQs.size()
            && std::isfinite(numbers_.percentiles.values.front())) {
            lo = numbers_.percentiles.values.front(); // 1 %
            hi = numbers_.percentiles.values.back();  // 99 %
        }
        break;
    }
    if (!(hi > lo)) { // constant data: a range around the value keeps the scale drawable
        lo -= 0.5;
        hi += 0.5;
    }
    return { lo, hi };
}

QString TensorViewPanel::titleText() const { return title_->text(); }

QString TensorViewPanel::statusText() const { return status_->text(); }

void TensorViewPanel::applyColourMaps() { redraw(); }

void TensorViewPanel::redraw()
{
    const bool heatmap = !picture_.isGrid && picture_.heatmap.outRows > 1 && picture_.heatmap.outCols > 1;
    const bool grid = picture_.isGrid && !picture_.grid.pixels.empty();
    const bool line = !picture_.isGrid && !heatmap && picture_.heatmap.outRows * picture_.heatmap.outCols > 0;
    colorMap_->setVisible(heatmap || grid);
    colorScale_->setVisible(heatmap || grid);
    for (QCPGraph* g : graphs_)
        g->setVisible(line);
    if (heatmap || grid)
        drawHeatmap();
    else if (line)
        drawLine();

    const QString raw = rawBlocksText();
    raw_->setVisible(!raw.isEmpty());
    plot_->setVisible(raw.isEmpty());
    if (raw_->toPlainText() != raw)
        raw_->setPlainText(raw);

    QString text;
    if (!picture_.error.isEmpty()) {
        text = picture_.error;
    } else if (hasTensor_ && picture_.ticket != 0 && !heatmap && !grid && !line) {
        text = tr("This tensor has no elements: %1").arg(formatShape(info_.shape));
    } else if (grid) {
        const ConvGrid& g = picture_.grid;
        text = tr("%n filter(s) of %1 × %2, input channel %3 of %4 (layout %5); one pixel per weight", nullptr,
            int(g.filters))
                   .arg(g.kh).arg(g.kw).arg(inChannel_ ? inChannel_->value() : 0).arg(g.inChannels)
                   .arg(layout_ == ConvLayout::OIHW ? QStringLiteral("OIHW") : QStringLiteral("HWIO"));
    } else if (heatmap || line) {
        const Heatmap& m = picture_.heatmap;
        if (m.reduced()) {
            const QString how = reduction_->currentText().toLower();
            text = tr("%1 × %2 shown as %3 × %4 cells: %5 of up to %6 × %7 elements per cell")
                       .arg(m.rows).arg(m.cols).arg(m.outRows).arg(m.outCols).arg(how)
                       .arg((m.rows + m.outRows - 1) / m.outRows).arg((m.cols + m.outCols - 1) / m.outCols);
        } else {
            text = tr("%1 × %2, one cell per element").arg(m.rows).arg(m.cols);
        }
        if (m.nonFinite > 0)
            text += tr("; %n NaN/Inf element(s) left out", nullptr, int(std::min<int64_t>(m.nonFinite, INT_MAX)));
    }
    if (heatmap || grid) {
        const auto [lo, hi] = colourRange();
        text += tr(" · colours: %1 over [%2, %3]")
                    .arg(isSigned() ? tr("diverging, white at 0") : tr("viridis"), exact(lo), exact(hi));
    }
    status_->setText(text);
    hover_->clear();
    plot_->replot();
}

void TensorViewPanel::drawHeatmap()
{
    auto* data = colorMap_->data();
    const auto [lo, hi] = colourRange();
    plot_->yAxis->setRangeReversed(true);
    if (picture_.isGrid) {
        const ConvGrid& g = picture_.grid;
        data->setSize(int(g.width), int(g.height));
        data->setRange(QCPRange(0, double(g.width - 1)), QCPRange(0, double(g.height - 1)));
        for (int64_t y = 0; y < g.height; ++y)
            for (int64_t x = 0; x < g.width; ++x)
                data->setCell(int(x), int(y), double(g.pixels[size_t(y * g.width + x)]));
        plot_->xAxis->setLabel(tr("filter column · kernel x"));
        plot_->yAxis->setLabel(tr("filter row · kernel y"));
    } else {
        const Heatmap& m = picture_.heatmap;
        const std::vector<float>& cells = m.cells(reduction());
        data->setSize(int(m.outCols), int(m.outRows));
        // Cells sit at the centres of the blocks they pool, in element coordinates.
        auto centreCol = [&m](int64_t j) { return 0.5 * double(m.firstCol(j) + m.firstCol(j + 1) - 1); };
        auto centreRow = [&m](int64_t i) { return 0.5 * double(m.firstRow(i) + m.firstRow(i + 1) - 1); };
        data->setRange(QCPRange(centreCol(0), centreCol(m.outCols - 1)), QCPRange(centreRow(0), centreRow(m.outRows - 1)));
        for (int64_t i = 0; i < m.outRows; ++i)
            for (int64_t j = 0; j < m.outCols; ++j)
                data->setCell(int(j), int(i), double(cells[size_t(i * m.outCols + j)]));
        plot_->xAxis->setLabel(tr("column"));
        plot_->yAxis->setLabel(tr("row"));
    }
    colorMap_->setGradient(isSigned() ? divergingGradient(lo, hi) : sequentialGradient());
    colorMap_->setDataRange(QCPRange(lo, hi));
}

void TensorViewPanel::drawLine()
{
    const Heatmap& m = picture_.heatmap;
    const bool alongRows = m.outCols == 1 && m.outRows > 1;
    const int64_t n = alongRows ? m.outRows : m.outCols;
    QVector<double> x(n), y(n), ymin(n), ymax(n);
    const std::vector<float>& cells = m.cells(reduction());
    for (int64_t k = 0; k < n; ++k) {
        const int64_t first = alongRows ? m.firstRow(k) : m.firstCol(k);
        const int64_t next = alongRows ? m.firstRow(k + 1) : m.firstCol(k + 1);
        x[k] = 0.5 * double(first + next - 1);
        y[k] = cells[size_t(k)];
        ymin[k] = m.min[size_t(k)];
        ymax[k] = m.max[size_t(k)];
    }
    graphs_[0]->setData(x, y, true);
    graphs_[1]->setData(x, ymin, true);
    graphs_[2]->setData(x, ymax, true);
    graphs_[1]->setVisible(m.reduced());
    graphs_[2]->setVisible(m.reduced());
    graphs_[0]->setLineStyle(n <= 64 ? QCPGraph::lsStepCenter : QCPGraph::lsLine);
    graphs_[0]->setScatterStyle(n <= 64 ? QCPScatterStyle(QCPScatterStyle::ssDisc, 5) : QCPScatterStyle());
    plot_->xAxis->setLabel(alongRows ? tr("row") : tr("index"));
    plot_->yAxis->setLabel(tr("value"));
    plot_->yAxis->setRangeReversed(false);
}

QString TensorViewPanel::rawBlocksText() const
{
    const TensorPicture::RawBlocks& r = picture_.raw;
    if (r.type.isEmpty())
        return {};
    return tr("%1 cannot be dequantised by Weightscope; its blocks as stored:").arg(r.type) + QLatin1Char('\n')
        + tr("block: %1 elements in %2 bytes (%3 bits per weight)")
              .arg(r.blockElements).arg(r.blockBytes).arg(QLocale().toString(8.0 * double(r.blockBytes) / double(r.blockElements), 'g', 6))
        + QLatin1Char('\n') + tr("fields, in file order:") + QStringLiteral("\n  ")
        + QString(r.fields).replace(QStringLiteral(" · "), QStringLiteral("\n  ")) + QStringLiteral("\n\n")
        + tr("the first %n block(s), in hex:", nullptr, r.blocksShown) + QLatin1Char('\n') + r.hex;
}

QString TensorViewPanel::hoverText(double key, double value) const
{
    if (!picture_.error.isEmpty())
        return {};
    // The full index of an element of the view: the slice's fixed indices with (r, c) put in.
    auto fullIndex = [this](int64_t r, int64_t c) {
        TensorRequest req;
        fillRequest(req);
        QStringList parts;
        for (int d = 0; d < int(info_.shape.size()); ++d) {
            int64_t i = d < int(req.slice.index.size()) ? req.slice.index[size_t(d)] : 0;
            if (d == req.slice.rowDim)
                i = r;
            if (d == req.slice.colDim)
                i = c;
            parts << QString::number(i);
        }
        return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
    };
    if (picture_.isGrid) {
        const auto hit = picture_.grid.at(int64_t(std::lround(key)), int64_t(std::lround(value)));
        if (!hit)
            return {};
        const ConvGrid& g = picture_.grid;
        const double v = g.pixels[size_t(std::lround(value) * g.width + std::lround(key))];
        return tr("filter %1, input channel %2, kernel (%3, %4) = %5")
            .arg(hit->filter).arg(inChannel_ ? inChannel_->value() : 0).arg(hit->ky).arg(hit->kx).arg(exact(v));
    }
    const Heatmap& m = picture_.heatmap;
    if (m.outRows * m.outCols == 0)
        return {};
    const bool line = m.outRows == 1 || m.outCols == 1;
    int64_t i = 0, j = 0;
    if (line) {
        // Nearest cell along the line.
        const bool alongRows = m.outCols == 1 && m.outRows > 1;
        const int64_t n = alongRows ? m.rows : m.cols, cellsN = alongRows ? m.outRows : m.outCols;
        const int64_t e = std::clamp<int64_t>(std::llround(key), 0, n - 1);
        const int64_t cell = e * cellsN / n;
        (alongRows ? i : j) = cell;
    } else {
        int k = 0, v = 0;
        colorMap_->data()->coordToCell(key, value, &k, &v);
        if (k < 0 || v < 0 || k >= m.outCols || v >= m.outRows)
            return {};
        i = v;
        j = k;
    }
    const size_t c = size_t(i * m.outCols + j);
    if (!m.reduced())
        return tr("%1 = %2").arg(fullIndex(i, j), exact(m.mean[c]));
    return tr("rows %1–%2, columns %3–%4: mean %5, min %6, max %7")
        .arg(m.firstRow(i)).arg(m.firstRow(i + 1) - 1).arg(m.firstCol(j)).arg(m.firstCol(j + 1) - 1)
        .arg(exact(m.mean[c]), exact(m.min[c]), exact(m.max[c]));
}

} // namespace ws::ui
