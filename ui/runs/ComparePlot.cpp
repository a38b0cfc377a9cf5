// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/ComparePlot.h"

#include "common/PlotExport.h"
#include "common/ProgressStrip.h"

#include "run/RunCsv.h"
#include "util/AtomicWrite.h"
#include "run/Smoothing.h"
#include "run/StepMatch.h"
#include "runs/RunColours.h"
#include "runs/RunLegend.h"
#include "runs/RunsModel.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QDateTime>
#include <QMouseEvent>
#include <QTimer>
#include <QToolTip>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>

namespace ws::ui {

namespace {

constexpr size_t kAntialiasedRuns = 5;
// QCustomPlot's own legend goes into saved images up to this many curves (the list beside the
// plot is the legend on screen).
constexpr int kImageLegendItems = 20;
// A tooltip taller than the screen shows nothing at all: beyond this many rows it says how many
// more there are (the legend's filter narrows the read-out).
constexpr int kReadoutRows = 45;

} // namespace

QStringList ComparePlot::metricNames()
{
    return { tr("Loss (batches)"), tr("Accuracy (batches)"), tr("Loss (epochs)"), tr("Accuracy (epochs)"),
        tr("Validation loss"), tr("Validation accuracy"), tr("Learning rate") };
}

ComparePlot::ComparePlot(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot;
    plot_->setMinimumSize(360, 220);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Hundreds of long curves pan at full frame rate: antialiased wide pens cost 20 times more
    // per frame than plain ones (bench_runs, docs/benchmarks.md), so the dense raw curves are
    // drawn plain, the smoothed ones antialiased only for a few runs, joins the fast way.
    plot_->setNoAntialiasingOnDrag(true);
    plot_->setPlottingHint(QCP::phFastPolylines, true);
    plot_->legend->setVisible(false); // the RunLegend beside the plot instead; images carry it
    // applyVisibility puts the shown curves into it: adding every graph first and taking most out
    // again searched the legend once per graph (quadratic in the curves).
    plot_->setAutoAddPlottableToLegend(false);
    plot_->legend->setBrush(QColor(255, 255, 255, 210));
    legend_ = new RunLegend;
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    metric_ = new QComboBox;
    for (int i = 0; i < int(metricNames().size()); ++i)
        metric_->addItem(metricNames()[i], i);
    metric_->setToolTip(tr("The quantity plotted for each run"));
    xAxis_ = new QComboBox;
    xAxis_->setToolTip(tr("What the horizontal axis shows"));
    xAxis_->addItems({ tr("Step"), tr("Epoch"), tr("Relative time"), tr("Wall time") });
    logY_ = new QCheckBox(tr("Log y"));
    logY_->setToolTip(tr("Show the vertical axis on a logarithmic scale"));
    smoothingKind_ = new QComboBox;
    smoothingKind_->addItem(tr("EMA"), int(SmoothingKind::Ema));
    smoothingKind_->addItem(tr("Time-weighted EMA"), int(SmoothingKind::TimeWeightedEma));
    smoothingKind_->addItem(tr("Moving average"), int(SmoothingKind::MovingAverage));
    smoothingKind_->setToolTip(tr("TensorBoard's debiased EMA; an EMA along x that does not depend on how often a run "
                                  "logged; or a centred moving average"));
    smoothing_ = new QSlider(Qt::Horizontal);
    smoothing_->setRange(0, 999);
    smoothing_->setValue(600); // TensorBoard's default 0.6
    smoothing_->setMinimumWidth(100);
    smoothing_->setToolTip(tr("TensorBoard's debiased exponential moving average"));
    smoothingLabel_ = new QLabel;
    smoothingLabel_->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("0.000")) + 4);
    groupBy_ = new QComboBox;
    groupBy_->setToolTip(tr("Draw runs that share a tag or a hyperparameter as one mean curve"));
    groupBy_->addItem(tr("No grouping"), QString());
    groupBy_->addItem(tr("Group by tag"), QStringLiteral("tag"));
    for (const QString& key : hyperParameterKeys())
        groupBy_->addItem(tr("Group by %1").arg(key), key);
    preparingLabel_ = new QLabel(tr("Preparing curves…"));
    preparingLabel_->setToolTip(tr("The curves of the runs and settings chosen are being worked out; the previous ones stay "
                                   "until then"));
    preparingLabel_->hide();
    preparingTimer_ = new QTimer(this);
    preparingTimer_->setSingleShot(true);
    preparingTimer_->setInterval(250);
    connect(preparingTimer_, &QTimer::timeout, preparingLabel_, &QWidget::show);
    auto* exportCsv = new QPushButton(tr("CSV…"));
    exportCsv->setToolTip(tr("Export the full histories of the shown runs"));
    auto* picture = new QPushButton(tr("Image…"));
    picture->setToolTip(tr("Save the plot as PNG, SVG or PDF"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(metric_);
    controls->addWidget(new QLabel(tr("x:")));
    controls->addWidget(xAxis_);
    controls->addWidget(logY_);
    controls->addWidget(new QLabel(tr("Smoothing:")));
    controls->addWidget(smoothingKind_);
    controls->addWidget(smoothing_, 1);
    controls->addWidget(smoothingLabel_);
    controls->addWidget(groupBy_);
    controls->addWidget(preparingLabel_);
    controls->addWidget(exportCsv);
    controls->addWidget(picture);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(plot_);
    split->addWidget(legend_);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setCollapsible(0, false);
    // The plot takes what the legend's names do not need (a splitter otherwise halves the width).
    split->setSizes({ 1000, QFontMetrics(font()).horizontalAdvance(QLatin1Char('x')) * 32 });
    layout->addWidget(split, 1);
    exportProgress_ = new ProgressStrip;
    layout->addWidget(exportProgress_);
    connect(exportProgress_, &ProgressStrip::cancelRequested, this, &ComparePlot::cancelExport);

    connect(metric_, &QComboBox::currentIndexChanged, this, &ComparePlot::rebuild);
    connect(xAxis_, &QComboBox::currentIndexChanged, this, &ComparePlot::rebuild);
    connect(logY_, &QCheckBox::toggled, this, &ComparePlot::rebuild);
    connect(smoothing_, &QSlider::valueChanged, this, &ComparePlot::rebuild);
    connect(smoothingKind_, &QComboBox::currentIndexChanged, this, &ComparePlot::rebuild);
    // Zoom, pan and resize reduce the full curves again for what is on screen.
    connect(plot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, &ComparePlot::redraw);
    connect(plot_, &QCustomPlot::beforeReplot, this, [this] {
        if (plot_->axisRect()->width() != drawnWidth_)
            redraw();
    });
    connect(groupBy_, &QComboBox::currentIndexChanged, this, &ComparePlot::rebuild);
    connect(plot_, &QCustomPlot::mouseMove, this, &ComparePlot::showReadout);
    connect(legend_, &RunLegend::visibilityChanged, this, [this] { applyVisibility(); });
    connect(exportCsv, &QPushButton::clicked, this, &ComparePlot::exportWithDialog);
    connect(picture, &QPushButton::clicked, this, &ComparePlot::savePictureWithDialog);
    connect(this, &ComparePlot::exportFinished, this, [this](const QString&, const QString& error, bool) {
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Export histories"), error);
    });
    rebuild();
}

ComparePlot::~ComparePlot()
{
    cancelExport();
    if (exportThread_.joinable())
        exportThread_.join();
}

void ComparePlot::setRuns(std::shared_ptr<const std::vector<RunCurves>> runs)
{
    runs_ = runs ? std::move(runs) : std::make_shared<const std::vector<RunCurves>>();
    updateMetricList();
    rebuild();
}

void ComparePlot::setRuns(std::vector<RunCurves> runs)
{
    setRuns(std::make_shared<const std::vector<RunCurves>>(std::move(runs)));
}

void ComparePlot::updateMetricList()
{
    const QVariant current = metric_->currentData();
    std::set<std::string> tags;
    for (const RunCurves& r : *runs_)
        for (const auto& [tag, series] : r.scalars)
            tags.insert(tag);
    QSignalBlocker block(metric_);
    while (metric_->count() > int(metricNames().size()))
        metric_->removeItem(metric_->count() - 1);
    for (const std::string& t : tags)
        metric_->addItem(QString::fromStdString(t), QString::fromStdString(t));
    const int i = metric_->findData(current);
    metric_->setCurrentIndex(i < 0 ? 0 : i);

    // TensorBoard sessions' own hyper-parameters ("units", "dropout") to group by, after the fixed keys.
    const QVariant group = groupBy_->currentData();
    QSignalBlocker blockGroups(groupBy_);
    const int fixed = 2 + int(hyperParameterKeys().size());
    while (groupBy_->count() > fixed)
        groupBy_->removeItem(groupBy_->count() - 1);
    std::set<QString> keys;
    for (const RunCurves& r : *runs_)
        if (const auto hp = r.info.header.config.find("hparams"); hp != r.info.header.config.end() && hp->is_object())
            for (const auto& [key, value] : hp->items())
                if (!hyperParameterKeys().contains(QString::fromStdString(key)))
                    keys.insert(QString::fromStdString(key));
    for (const QString& key : keys)
        groupBy_->addItem(tr("Group by %1").arg(key), key);
    const int g = groupBy_->findData(group);
    groupBy_->setCurrentIndex(g < 0 ? 0 : g);
}

QStringList ComparePlot::metricTags() const
{
    QStringList out;
    for (int i = int(metricNames().size()); i < metric_->count(); ++i)
        out << metric_->itemData(i).toString();
    return out;
}

void ComparePlot::setMetric(int index) { metric_->setCurrentIndex(index); }

void ComparePlot::setMetricTag(const QString& tag)
{
    const int i = metric_->findData(tag);
    if (i >= 0)
        metric_->setCurrentIndex(i);
}

void ComparePlot::setSmoothingKind(SmoothingKind kind)
{
    smoothingKind_->setCurrentIndex(std::max(0, smoothingKind_->findData(int(kind))));
}
void ComparePlot::setSmoothing(double weight) { smoothing_->setValue(int(std::lround(weight * 1000))); }
double ComparePlot::smoothing() const { return smoothing_->value() / 1000.0; }
void ComparePlot::setXAxis(XAxis axis) { xAxis_->setCurrentIndex(int(axis)); }
void ComparePlot::setLogY(bool log) { logY_->setChecked(log); }

void ComparePlot::setGroupBy(const QString& key)
{
    const int i = groupBy_->findData(key);
    groupBy_->setCurrentIndex(i < 0 ? 0 : i);
}

void ComparePlot::rebuild()
{
    smoothingLabel_->setText(QString::number(smoothing(), 'f', 3));
    CurveRequest q;
    q.runs = runs_;
    // A fixed metric (its index) or a TensorBoard tag (its name).
    const QVariant metricData = metric_->currentData();
    if (metricData.typeId() == QMetaType::QString)
        q.tag = metricData.toString().toStdString();
    else
        q.metric = metricData.toInt();
    q.axis = XAxis(xAxis_->currentIndex());
    q.logY = logY_->isChecked();
    q.weight = smoothing();
    q.kind = SmoothingKind(smoothingKind_->currentData().toInt());
    q.groupKey = groupBy_->currentData().toString();
    q.width = plot_->axisRect()->width();
    preparing_ = true;
    if (!preparingTimer_->isActive() && preparingLabel_->isHidden())
        preparingTimer_->start();
    // The job holds the request (and through it the runs). Of `this` it reads only curveJob_,
    // which joins the job before it goes; the rest only on the GUI thread, in the answer posted
    // (the HandOff, destroyed first, drops it when this plot is gone).
    auto post = inbox_.poster();
    wantedCurves_ = curveJob_.submit([this, post, q = std::move(q)](uint64_t generation) {
        auto curves = prepareCurves(q, [this, generation] { return curveJob_.wanted(generation); });
        if (curves)
            post([this, generation, curves = std::move(curves)] {
                if (generation != wantedCurves_) { // a newer request replaced this one
                    ++dropped_;
                    return;
                }
                install(curves);
            });
    });
}

void ComparePlot::install(const std::shared_ptr<const PreparedCurves>& curves)
{
    const auto axis = XAxis(xAxis_->currentIndex());
    const bool log = logY_->isChecked();
    const bool grouping = !groupBy_->currentData().toString().isEmpty();
    if (axis == XAxis::WallTime) {
        auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
        ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss\nyyyy-MM-dd"));
        plot_->xAxis->setTicker(ticker);
    } else {
        plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    plot_->xAxis->setLabel(xAxis_->currentText() + (axis == XAxis::RelativeTime ? tr(" (s)") : QString()));
    plot_->yAxis->setLabel(metric_->currentText());
    plot_->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    plot_->yAxis->setTicker(log ? QSharedPointer<QCPAxisTicker>(QSharedPointer<QCPAxisTickerLog>::create())
                                : QSharedPointer<QCPAxisTicker>::create());

    plot_->clearGraphs();
    drawn_.clear();
    ++graphsGeneration_; // a reduction on its way was for the graphs just removed
    reducing_ = false;
    preparedOn_ = curves->preparedOn;
    const size_t runCount = runs_->size();
    const bool few = runCount <= kAntialiasedRuns;
    QCPGraph* lowerBand = nullptr;
    for (const PreparedLine& line : curves->lines) {
        QCPGraph* g = plot_->addGraph();
        g->setProperty("entry", line.entry);
        const QColor colour = curves->entries[size_t(line.entry)].colour;
        switch (line.role) {
        case PreparedLine::Role::Raw: {
            QColor faint = colour;
            faint.setAlpha(grouping ? 30 : 60);
            g->setProperty("role", QStringLiteral("raw"));
            g->setPen(QPen(faint, 1.0));
            g->setAntialiased(false);
            break;
        }
        case PreparedLine::Role::Smoothed:
            g->setProperty("role", QStringLiteral("smoothed"));
            // Beyond a few runs: 1-px aliased lines, which the raster engine draws without its
            // stroker (a wider or antialiased pen costs several times the CPU per frame).
            g->setPen(QPen(colour, few ? 1.8 : 1.0));
            g->setAntialiased(few);
            break;
        case PreparedLine::Role::Mean:
            g->setProperty("role", QStringLiteral("mean"));
            g->setPen(QPen(colour, 2.2));
            break;
        case PreparedLine::Role::BandLow:
        case PreparedLine::Role::BandHigh: {
            g->setProperty("role", QStringLiteral("band"));
            g->setPen(Qt::NoPen);
            if (line.role == PreparedLine::Role::BandLow) {
                lowerBand = g;
            } else {
                QColor band = colour;
                band.setAlpha(60);
                g->setBrush(band);
                g->setChannelFillGraph(lowerBand);
            }
            break;
        }
        }
        g->setName(line.name);
        g->setProperty("basePen", QVariant::fromValue(g->pen()));
        g->setProperty("entryName", curves->entries[size_t(line.entry)].name);
        g->setData(QVector<double>(line.shown.x.begin(), line.shown.x.end()),
            QVector<double>(line.shown.y.begin(), line.shown.y.end()), true);
        if (line.full)
            drawn_.push_back({ g, line.full });
    }
    {
        const QSignalBlocker block(legend_);
        legend_->setEntries(curves->entries);
    }
    applyVisibility(false);
    applyHighlight();
    // The lines come reduced over the whole span (min/max per column keeps the y-range exact):
    // rescaled to them; a range that changes reduces again for the final view.
    {
        const QSignalBlocker block(plot_->xAxis);
        plot_->xAxis->setRange(curves->xLo, curves->xHi);
    }
    // A range that differs from the prepared one (rescaleAxes, or no graph) reduces again through
    // rangeChanged, a width that differs through beforeReplot; else the prepared lines are drawn.
    drawnWidth_ = curves->width;
    plot_->rescaleAxes();
    if (plot_->graphCount() == 0) {
        plot_->xAxis->setRange(0, 1);
        plot_->yAxis->setRange(log ? 0.1 : 0, 1);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
    preparing_ = false;
    preparingTimer_->stop();
    preparingLabel_->hide();
    emit curvesReady(int(runCount));
}

void ComparePlot::redraw()
{
    drawnWidth_ = plot_->axisRect()->width();
    const QCPRange range = plot_->xAxis->range();
    // A frame costs about the segments drawn (docs/benchmarks.md, #7): up to 20 runs get a column
    // per pixel, more share that budget (200 runs: a column per 10 pixels), the extremes of each
    // column still kept, so a spike is drawn however many runs are shown.
    const int pixels = reductionColumns(drawnWidth_, runs_->size());
    std::vector<size_t> lines;
    std::vector<std::shared_ptr<const CurvePoints>> full;
    for (size_t i = 0; i < drawn_.size(); ++i)
        if (drawn_[i].graph->visible()) { // reduced when the legend shows it again
            lines.push_back(i);
            full.push_back(drawn_[i].full);
        }
    // The job reads the full curves through their shared pointers and of `this` only
    // reduceJob_, which joins it before it goes; the answer is drawn on the GUI thread (the
    // HandOff, destroyed first, drops it when this plot is gone). Meanwhile QCustomPlot draws
    // the previous reduction on the new axes.
    reducing_ = true;
    auto post = inbox_.poster();
    const uint64_t graphs = graphsGeneration_;
    wantedReduction_ = reduceJob_.submit(
        [this, post, graphs, lines = std::move(lines), full = std::move(full), range, pixels](uint64_t generation) {
            std::vector<CurvePoints> reduced;
            reduced.reserve(full.size());
            for (const auto& f : full) {
                if (!reduceJob_.wanted(generation))
                    return; // a newer range replaced this one
                reduced.push_back(downsampleMinMax(f->x, f->y, range.lower, range.upper, pixels));
            }
            post([this, generation, graphs, lines, reduced = std::move(reduced), on = std::this_thread::get_id()] {
                installReduction(generation, graphs, lines, reduced, on);
            });
        });
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ComparePlot::installReduction(uint64_t generation, uint64_t graphs, const std::vector<size_t>& lines,
    const std::vector<CurvePoints>& reduced, std::thread::id on)
{
    if (generation != wantedReduction_ || graphs != graphsGeneration_) {
        ++droppedReductions_;
        return;
    }
    for (size_t k = 0; k < lines.size(); ++k) {
        const CurvePoints& c = reduced[k];
        drawn_[lines[k]].graph->setData(QVector<double>(c.x.begin(), c.x.end()), QVector<double>(c.y.begin(), c.y.end()), true);
    }
    reducing_ = false;
    reducedOn_ = on;
    ++reductionsDrawn_;
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

const CurvePoints* ComparePlot::fullData(const QCPGraph* graph) const
{
    for (const Drawn& d : drawn_)
        if (d.graph == graph)
            return d.full.get();
    return nullptr;
}

void ComparePlot::applyVisibility(bool replot)
{
    for (int i = 0; i < plot_->graphCount(); ++i) {
        QCPGraph* g = plot_->graph(i);
        const bool shown = legend_->isShown(g->property("entry").toInt());
        g->setVisible(shown);
        const QString role = g->property("role").toString();
        if (role == QLatin1String("smoothed") || role == QLatin1String("mean")) {
            if (shown)
                g->addToLegend();
            else
                g->removeFromLegend();
        }
    }
    if (replot)
        redraw();
}

void ComparePlot::setHighlighted(const QString& name)
{
    highlighted_ = name;
    applyHighlight();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ComparePlot::applyHighlight()
{
    QCPGraph* chosen = nullptr;
    for (int i = 0; i < plot_->graphCount(); ++i) {
        QCPGraph* g = plot_->graph(i);
        QPen pen = g->property("basePen").value<QPen>();
        if (pen.style() != Qt::NoPen && !highlighted_.isEmpty()) {
            QColor c = pen.color();
            if (g->property("entryName").toString() == highlighted_) {
                // Its smoothed or mean line thick; its raw line stays faint, or it would hide them.
                if (g->property("role").toString() != QLatin1String("raw")) {
                    pen.setWidthF(std::max(3.0, pen.widthF() * 2));
                    c.setAlpha(255);
                }
                chosen = g;
            } else {
                c.setAlpha(std::min(c.alpha(), 40));
            }
            pen.setColor(c);
        }
        g->setPen(pen);
    }
    // On top of the others: moved to the end of its layer, so drawn last (the entry's graphs
    // keep their order among themselves).
    if (chosen)
        for (int i = 0; i < plot_->graphCount(); ++i)
            if (QCPGraph* g = plot_->graph(i); g->property("entryName").toString() == highlighted_)
                g->setLayer(g->layer());
}

namespace {

bool readsOut(const QCPGraph* graph)
{
    const QString role = graph->property("role").toString();
    return graph->visible() && (role == QLatin1String("smoothed") || role == QLatin1String("mean"));
}

} // namespace

double ComparePlot::readoutStep(double x) const
{
    double step = std::numeric_limits<double>::quiet_NaN(), distance = INFINITY;
    for (const Drawn& d : drawn_) {
        if (!readsOut(d.graph))
            continue;
        if (const size_t k = nearestFinitePoint(d.full->x, d.full->y, x); k != kNoPoint && std::abs(d.full->x[k] - x) < distance) {
            distance = std::abs(d.full->x[k] - x);
            step = d.full->x[k];
        }
    }
    return step;
}

std::vector<ComparePlot::ReadoutRow> ComparePlot::readoutRows(double x) const
{
    std::vector<ReadoutRow> rows;
    const double step = readoutStep(x);
    for (const Drawn& d : drawn_) {
        if (!readsOut(d.graph))
            continue;
        // By the step's number: a run logging less often shows its last value before the step.
        if (const size_t k = finitePointAtOrBefore(d.full->x, d.full->y, step); k != kNoPoint)
            rows.push_back({ d.graph->name(), d.graph->pen().color(), d.full->x[k], d.full->y[k] });
    }
    // Highest value first, as TensorBoard's "descending" sort: with many runs the read-out is a
    // ranking at the cursor's step; equal values by name, so the order is stable.
    std::stable_sort(rows.begin(), rows.end(), [](const ReadoutRow& a, const ReadoutRow& b) {
        return a.y != b.y ? a.y > b.y : a.name < b.name;
    });
    return rows;
}

QString ComparePlot::readoutKey(double x) const
{
    return xAxis_->currentIndex() == int(XAxis::WallTime)
        ? QDateTime::fromMSecsSinceEpoch(qint64(x * 1000)).toString(QStringLiteral("HH:mm:ss"))
        : QString::number(x, 'g', 6);
}

QString ComparePlot::readoutAt(double x) const
{
    QStringList lines;
    for (const ReadoutRow& r : readoutRows(x))
        lines << QStringLiteral("%1  %2: %3").arg(r.name, readoutKey(r.x), QString::number(r.y, 'g', 5));
    return lines.join(QLatin1Char('\n'));
}

QString ComparePlot::readoutHtml(double x) const
{
    const std::vector<ReadoutRow> rows = readoutRows(x);
    if (rows.empty())
        return {};
    // The cursor's step above the table: the rows of runs logging less often name their own.
    QString html = QStringLiteral("<b>%1 %2</b>").arg(xAxis_->currentText().toHtmlEscaped(), readoutKey(readoutStep(x)));
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\"><tr><th></th><th align=\"left\">%1</th>"
                                  "<th align=\"right\">%2</th><th align=\"right\">%3</th></tr>")
                       .arg(tr("Run"), tr("Value"), xAxis_->currentText().toHtmlEscaped());
    const int shown = std::min(int(rows.size()), kReadoutRows);
    for (int i = 0; i < shown; ++i)
        html += QStringLiteral("<tr><td><span style=\"color:%1\">&#9632;</span></td><td>%2</td>"
                               "<td align=\"right\">%3</td><td align=\"right\">%4</td></tr>")
                    .arg(rows[size_t(i)].colour.name(), rows[size_t(i)].name.toHtmlEscaped(),
                        QString::number(rows[size_t(i)].y, 'g', 5), readoutKey(rows[size_t(i)].x));
    html += QStringLiteral("</table>");
    if (int(rows.size()) > shown)
        html += tr("… and %n more (the legend's filter narrows the list)", nullptr, int(rows.size()) - shown);
    return html;
}

void ComparePlot::showReadout(QMouseEvent* event)
{
    const QString text = readoutHtml(plot_->xAxis->pixelToCoord(event->position().x()));
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

namespace {

// Both tables of these runs from their files to path, atomically (util/AtomicWrite.h): a failure
// or a Cancel half-way keeps an existing file. Throws.
void writeHistoriesCsv(const std::vector<RunInfo>& infos, const std::string& path, const RunProgress& progress)
{
    writeStreamAtomically(path, [&](std::ostream& out) {
        // From the files: the curves hold thinned rows, the export holds every row.
        for (bool epochs : { false, true }) {
            out << (epochs ? "# per epoch\n" : "# per batch\n");
            const size_t before = epochs ? infos.size() : 0;
            writeRunsHistoryCsv(out, infos, epochs, true, [&](size_t done, size_t) {
                return !progress || progress(before + done, 2 * infos.size());
            });
        }
    });
}

} // namespace

bool ComparePlot::exportCsv(const QString& path, QString* error) const
{
    std::vector<RunInfo> infos;
    for (const RunCurves& r : *runs_)
        infos.push_back(r.info);
    try {
        writeHistoriesCsv(infos, path.toStdString(), {});
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

void ComparePlot::startExport(const QString& path)
{
    if (exportRunning())
        return; // one export at a time
    if (exportThread_.joinable())
        exportThread_.join(); // the last one has answered
    std::vector<RunInfo> infos;
    for (const RunCurves& r : *runs_)
        infos.push_back(r.info);
    exportCancel_ = std::make_shared<std::atomic<bool>>(false);
    exportDone_ = false;
    exportProgress_->showProgress(tr("Writing %1…").arg(QFileInfo(path).fileName()), 0, qint64(2 * infos.size()));
    auto post = inbox_.poster();
    exportThread_ = std::thread([this, post, infos = std::move(infos), path, cancel = exportCancel_] {
        QString error;
        bool cancelled = false;
        try {
            writeHistoriesCsv(infos, path.toStdString(), [&](size_t done, size_t total) {
                post([this, done, total] { exportProgress_->showProgress(exportProgress_->text(), qint64(done), qint64(total)); });
                return !*cancel;
            });
        } catch (const RunsCancelled&) {
            cancelled = true;
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        // Dropped when this plot is gone (the HandOff first): `this` is alive whenever it runs.
        post([this, path, error, cancelled] {
            exportDone_ = true;
            exportProgress_->finish();
            emit exportFinished(path, error, cancelled);
        });
    });
}

void ComparePlot::cancelExport()
{
    if (exportCancel_)
        *exportCancel_ = true;
}

void ComparePlot::exportWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export histories"), QStringLiteral("runs.csv"),
        tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        startExport(path);
}

void ComparePlot::savePictureWithDialog()
{
    // The image carries the legend the screen shows beside the plot, when it fits.
    plot_->legend->setVisible(plot_->legend->itemCount() <= kImageLegendItems);
    PlotExport::saveWithDialog(plot_, this, QStringLiteral("runs")); // PNG, SVG or PDF
    plot_->legend->setVisible(false);
}

} // namespace ws::ui
