// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/ComparePlot.h"

#include "common/PlotExport.h"

#include "run/RunCsv.h"
#include "util/AtomicWrite.h"
#include "run/Smoothing.h"
#include "runs/RunsModel.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QDateTime>
#include <QMouseEvent>
#include <QToolTip>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

namespace ws::ui {

namespace {

// Tableau 10: distinct for the first ten runs, then repeating.
const QColor kPalette[] = { QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0xe1, 0x57, 0x59),
    QColor(0x76, 0xb7, 0xb2), QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48), QColor(0xb0, 0x7a, 0xa1),
    QColor(0xff, 0x9d, 0xa7), QColor(0x9c, 0x75, 0x5f), QColor(0xba, 0xb0, 0xac) };

constexpr size_t kAntialiasedRuns = 5;
constexpr size_t kRawCurveRuns = 20;
constexpr int kLegendItems = 20; // beyond that a legend is a wall of names; hovering names the run

struct MetricRef {
    bool epochTable;
    std::vector<double> RunHistory::*column;
};

const MetricRef kMetrics[] = {
    { false, &RunHistory::loss },
    { false, &RunHistory::accuracy },
    { true, &RunHistory::loss },
    { true, &RunHistory::accuracy },
    { true, &RunHistory::valLoss },
    { true, &RunHistory::valAccuracy },
    { false, &RunHistory::learningRate },
};

QString groupValue(const RunInfo& r, const QString& key)
{
    if (key == QLatin1String("tag")) {
        QStringList tags;
        for (const auto& t : r.header.tags)
            tags << QString::fromStdString(t);
        return tags.isEmpty() ? ComparePlot::tr("(no tag)") : tags.join(QStringLiteral(", "));
    }
    return key + QLatin1Char('=') + hyperParameter(r, key);
}

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
    plot_->legend->setVisible(true);
    plot_->legend->setBrush(QColor(255, 255, 255, 210));
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
    controls->addWidget(exportCsv);
    controls->addWidget(picture);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(plot_, 1);

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
    connect(exportCsv, &QPushButton::clicked, this, &ComparePlot::exportWithDialog);
    connect(picture, &QPushButton::clicked, this, &ComparePlot::savePictureWithDialog);
    rebuild();
}

void ComparePlot::setRuns(std::vector<RunCurves> runs)
{
    runs_ = std::move(runs);
    updateMetricList();
    rebuild();
}

void ComparePlot::updateMetricList()
{
    const QVariant current = metric_->currentData();
    std::set<std::string> tags;
    for (const RunCurves& r : runs_)
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
    for (const RunCurves& r : runs_)
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
    plot_->clearGraphs();
    drawn_.clear();
    // A fixed metric (its index) or a TensorBoard tag (its name).
    const QVariant metricData = metric_->currentData();
    const bool byTag = metricData.typeId() == QMetaType::QString;
    const std::string tag = byTag ? metricData.toString().toStdString() : std::string();
    const MetricRef metric = kMetrics[std::clamp(byTag ? 0 : metricData.toInt(), 0, int(std::size(kMetrics)) - 1)];
    const auto axis = XAxis(xAxis_->currentIndex());
    const bool log = logY_->isChecked();
    const double weight = smoothing();
    const auto kind = SmoothingKind(smoothingKind_->currentData().toInt());
    const QString groupKey = groupBy_->currentData().toString();
    const bool grouping = !groupKey.isEmpty();

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

    // x, raw y and smoothed y of every run (all points), and the grouping key (step or epoch).
    struct Series {
        std::vector<double> x, raw, smooth;
        std::vector<double> key;
        size_t stride = 1;
    };
    std::vector<Series> series(runs_.size());
    double xLo = INFINITY, xHi = -INFINITY;
    for (size_t i = 0; i < runs_.size(); ++i) {
        const RunCurves& run = runs_[i];
        Series& out = series[i];
        const auto put = [&](double step, double epoch, double relative, double y) {
            double x = 0;
            switch (axis) {
            case XAxis::Step: x = step; break;
            case XAxis::Epoch: x = epoch; break;
            case XAxis::RelativeTime: x = relative; break;
            case XAxis::WallTime: x = run.info.startTime + relative; break;
            }
            if (log && !(y > 0)) // the log axis cannot show zero or negative values: leave them out
                y = std::numeric_limits<double>::quiet_NaN();
            out.x.push_back(x);
            out.raw.push_back(y);
            out.key.push_back(axis == XAxis::Epoch ? epoch : step);
        };
        if (byTag) {
            // A TensorBoard tag: steps as logged; no epochs (x is the step on the epoch axis).
            const auto it = run.scalars.find(tag);
            if (it != run.scalars.end())
                for (size_t k = 0; k < it->second.size(); ++k)
                    put(double(it->second.step[k]), double(it->second.step[k]),
                        it->second.wallTime[k] - run.info.startTime, it->second.value[k]);
        } else {
            const RunHistory& h = metric.epochTable ? run.epoch : run.batch;
            const std::vector<double>& column = h.*(metric.column);
            for (size_t k = 0; k < std::min(column.size(), h.size()); ++k)
                put(double(h.step[k]), h.epoch[k], h.wallTime[k], column[k]);
            out.stride = metric.epochTable ? 1 : run.batchStride;
        }
        for (double x : out.x)
            if (std::isfinite(x)) {
                xLo = std::min(xLo, x);
                xHi = std::max(xHi, x);
            }
    }
    // The smoothing, on every point each run holds: the time-weighted EMA's time constant comes
    // from the span shown, the same for every run so that their lines compare.
    const double extent = xHi > xLo ? xHi - xLo : 0.0;
    for (Series& s : series) {
        // A thinned history keeps every stride-th batch: w^stride keeps the EMA's span in steps.
        const double w = kind == SmoothingKind::Ema ? std::pow(weight, double(s.stride)) : weight;
        s.smooth = smoothCurve(kind, s.x, s.raw, w, extent);
    }

    // Groups in name order; a run's faint curve takes its group's colour.
    std::map<QString, std::vector<size_t>> groups;
    std::vector<size_t> colourOf(runs_.size());
    for (size_t i = 0; i < runs_.size(); ++i) {
        colourOf[i] = i;
        // A run without a point of this metric (a TensorBoard experiment's summary run, a record
        // beside a tag only TensorBoard runs have) would leave its group no common step.
        if (grouping && !series[i].x.empty())
            groups[groupValue(runs_[i].info, groupKey)].push_back(i);
    }
    size_t groupIndex = 0;
    for (const auto& [name, members] : groups) {
        for (size_t i : members)
            colourOf[i] = groupIndex;
        ++groupIndex;
    }
    const auto addLine = [&](const std::vector<double>& x, const std::vector<double>& y) {
        QCPGraph* g = plot_->addGraph();
        drawn_.push_back({ g, { x, y } });
        return g;
    };
    for (size_t i = 0; i < runs_.size(); ++i) {
        const RunCurves& run = runs_[i];
        const Series& out = series[i];
        const QColor colour = kPalette[colourOf[i] % std::size(kPalette)];
        QColor faint = colour;
        faint.setAlpha(grouping ? 30 : 60);
        // Beyond a few dozen runs the faint raw curves are one grey tangle that costs half of
        // every frame: only the smoothed curves are drawn then.
        if (runs_.size() <= kRawCurveRuns) {
            QCPGraph* raw = addLine(out.x, out.raw);
            raw->setProperty("role", QStringLiteral("raw"));
            raw->setPen(QPen(faint, 1.0));
            raw->setAntialiased(false);
            raw->removeFromLegend();
        }
        if (grouping)
            continue;
        QCPGraph* smooth = addLine(out.x, out.smooth);
        smooth->setProperty("role", QStringLiteral("smoothed"));
        smooth->setName(QString::fromStdString(run.info.header.name));
        // Beyond a few runs: 1-px aliased lines, which the raster engine draws without its
        // stroker (a wider or antialiased pen costs several times the CPU per frame).
        const bool few = runs_.size() <= kAntialiasedRuns;
        smooth->setPen(QPen(colour, few ? 1.8 : 1.0));
        smooth->setAntialiased(few);
    }

    if (grouping) {
        size_t g = 0;
        for (const auto& [name, members] : groups) {
            std::vector<SeriesRef> refs;
            for (size_t i : members)
                refs.push_back({ &series[i].key, &series[i].smooth });
            const GroupCurve curve = groupStatistics(refs);
            // Plot at the group's first run's x for each shared step/epoch (the same for step and
            // epoch axes; its own clock for the time axes).
            std::unordered_map<double, double> xOf;
            const Series& first = series[members.front()];
            for (size_t k = 0; k < first.key.size(); ++k)
                xOf.emplace(first.key[k], first.x[k]);
            QVector<double> x, lo, hi;
            std::vector<double> xs, mean;
            for (size_t k = 0; k < curve.x.size(); ++k) {
                x << xOf[curve.x[k]];
                xs.push_back(x.back());
                mean.push_back(curve.mean[k]);
                lo << curve.mean[k] - curve.std[k];
                hi << curve.mean[k] + curve.std[k];
            }
            const QColor colour = kPalette[g++ % std::size(kPalette)];
            QColor band = colour;
            band.setAlpha(60);
            QCPGraph* lower = plot_->addGraph();
            lower->setProperty("role", QStringLiteral("band"));
            lower->setPen(Qt::NoPen);
            lower->setData(x, lo, true);
            lower->removeFromLegend();
            QCPGraph* upper = plot_->addGraph();
            upper->setProperty("role", QStringLiteral("band"));
            upper->setPen(Qt::NoPen);
            upper->setBrush(band);
            upper->setChannelFillGraph(lower);
            upper->setData(x, hi, true);
            upper->removeFromLegend();
            QCPGraph* line = addLine(xs, mean);
            line->setProperty("role", QStringLiteral("mean"));
            line->setName(tr("%1: mean ± std of %2 runs").arg(name).arg(members.size()));
            line->setPen(QPen(colour, 2.2));
        }
    }
    plot_->legend->setVisible(plot_->legend->itemCount() <= kLegendItems);
    // Reduced over the whole span first (min/max per column keeps the y-range exact), then
    // rescaled; the range change reduces again for the final view.
    {
        const QSignalBlocker block(plot_->xAxis);
        plot_->xAxis->setRange(std::isfinite(xLo) ? xLo : 0.0, std::isfinite(xHi) && xHi > xLo ? xHi : xLo + 1.0);
    }
    redraw();
    plot_->rescaleAxes();
    if (plot_->graphCount() == 0) {
        plot_->xAxis->setRange(0, 1);
        plot_->yAxis->setRange(log ? 0.1 : 0, 1);
    }
    redraw();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ComparePlot::redraw()
{
    drawnWidth_ = plot_->axisRect()->width();
    const QCPRange range = plot_->xAxis->range();
    // A frame costs about the segments drawn (docs/benchmarks.md, #7): up to 20 runs get a column
    // per pixel, more share that budget (200 runs: a column per 10 pixels), the extremes of each
    // column still kept, so a spike is drawn however many runs are shown.
    const double share = std::min(1.0, double(kRawCurveRuns) / double(std::max<size_t>(1, runs_.size())));
    const int pixels = std::max(int(drawnWidth_ * share), 100);
    for (const Drawn& d : drawn_) {
        const CurvePoints c = downsampleMinMax(d.full.x, d.full.y, range.lower, range.upper, pixels);
        d.graph->setData(QVector<double>(c.x.begin(), c.x.end()), QVector<double>(c.y.begin(), c.y.end()), true);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

const CurvePoints* ComparePlot::fullData(const QCPGraph* graph) const
{
    for (const Drawn& d : drawn_)
        if (d.graph == graph)
            return &d.full;
    return nullptr;
}

QString ComparePlot::readoutAt(double x) const
{
    QStringList lines;
    for (const Drawn& d : drawn_) {
        const QString role = d.graph->property("role").toString();
        if (role != QLatin1String("smoothed") && role != QLatin1String("mean"))
            continue;
        // The point nearest to x among the finite ones of the full curve.
        const std::vector<double>& xs = d.full.x;
        const std::vector<double>& ys = d.full.y;
        size_t best = xs.size();
        const size_t at = size_t(std::lower_bound(xs.begin(), xs.end(), x) - xs.begin());
        for (size_t k = at; k < xs.size(); ++k)
            if (std::isfinite(ys[k])) {
                best = k;
                break;
            }
        for (size_t k = at; k-- > 0;)
            if (std::isfinite(ys[k])) {
                if (best == xs.size() || std::abs(xs[k] - x) <= std::abs(xs[best] - x))
                    best = k;
                break;
            }
        if (best == xs.size())
            continue;
        const QString key = xAxis_->currentIndex() == int(XAxis::WallTime)
            ? QDateTime::fromMSecsSinceEpoch(qint64(xs[best] * 1000)).toString(QStringLiteral("HH:mm:ss"))
            : QString::number(xs[best], 'g', 6);
        lines << QStringLiteral("%1  %2: %3").arg(d.graph->name(), key, QString::number(ys[best], 'g', 5));
    }
    return lines.join(QLatin1Char('\n'));
}

void ComparePlot::showReadout(QMouseEvent* event)
{
    const QString text = readoutAt(plot_->xAxis->pixelToCoord(event->position().x()));
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

bool ComparePlot::exportCsv(const QString& path, QString* error) const
{
    // Atomically: a failure half-way keeps an existing file (util/AtomicWrite.h).
    try {
        writeStreamAtomically(path.toStdString(), [this](std::ostream& out) {
            // From the files: the curves hold thinned rows, the export holds every row.
            std::vector<RunInfo> infos;
            for (const RunCurves& r : runs_)
                infos.push_back(r.info);
            for (bool epochs : { false, true }) {
                out << (epochs ? "# per epoch\n" : "# per batch\n");
                writeRunsHistoryCsv(out, infos, epochs);
            }
        });
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

void ComparePlot::exportWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export histories"), QStringLiteral("runs.csv"),
        tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export histories"), error);
}

void ComparePlot::savePictureWithDialog()
{
    PlotExport::saveWithDialog(plot_, this, QStringLiteral("runs")); // PNG, SVG or PDF
}

} // namespace ws::ui
