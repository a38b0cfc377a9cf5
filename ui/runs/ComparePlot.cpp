// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/ComparePlot.h"

#include "common/PlotExport.h"

#include "run/RunCsv.h"
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
    metric_->addItems(metricNames());
    metric_->setToolTip(tr("The quantity plotted for each run"));
    xAxis_ = new QComboBox;
    xAxis_->setToolTip(tr("What the horizontal axis shows"));
    xAxis_->addItems({ tr("Step"), tr("Epoch"), tr("Relative time"), tr("Wall time") });
    logY_ = new QCheckBox(tr("Log y"));
    logY_->setToolTip(tr("Show the vertical axis on a logarithmic scale"));
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
    connect(groupBy_, &QComboBox::currentIndexChanged, this, &ComparePlot::rebuild);
    connect(plot_, &QCustomPlot::mouseMove, this, &ComparePlot::showReadout);
    connect(exportCsv, &QPushButton::clicked, this, &ComparePlot::exportWithDialog);
    connect(picture, &QPushButton::clicked, this, &ComparePlot::savePictureWithDialog);
    rebuild();
}

void ComparePlot::setRuns(std::vector<RunCurves> runs)
{
    runs_ = std::move(runs);
    rebuild();
}

void ComparePlot::setMetric(int index) { metric_->setCurrentIndex(index); }
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
    const MetricRef metric = kMetrics[std::clamp(metric_->currentIndex(), 0, int(std::size(kMetrics)) - 1)];
    const auto axis = XAxis(xAxis_->currentIndex());
    const bool log = logY_->isChecked();
    const double weight = smoothing();
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

    // x and smoothed y of every run, kept for grouping.
    struct Series {
        QVector<double> x, raw, smooth;
        std::vector<double> key, smoothY; // step or epoch, for grouping
    };
    std::vector<Series> series(runs_.size());
    // Groups in name order; a run's faint curve takes its group's colour.
    std::map<QString, std::vector<size_t>> groups;
    std::vector<size_t> colourOf(runs_.size());
    for (size_t i = 0; i < runs_.size(); ++i) {
        colourOf[i] = i;
        if (grouping)
            groups[groupValue(runs_[i].info, groupKey)].push_back(i);
    }
    size_t groupIndex = 0;
    for (const auto& [name, members] : groups) {
        for (size_t i : members)
            colourOf[i] = groupIndex;
        ++groupIndex;
    }
    for (size_t i = 0; i < runs_.size(); ++i) {
        const RunCurves& run = runs_[i];
        const RunHistory& h = metric.epochTable ? run.epoch : run.batch;
        const std::vector<double>& column = h.*(metric.column);
        std::vector<double> y(column.begin(), column.begin() + std::min(column.size(), h.size()));
        if (log) // the log axis cannot show zero or negative values: leave them out of the curve
            for (double& v : y)
                if (!(v > 0))
                    v = std::numeric_limits<double>::quiet_NaN();
        // A thinned history keeps every stride-th batch: w^stride keeps the average's span in steps.
        const size_t stride = metric.epochTable ? 1 : run.batchStride;
        const std::vector<double> s = smoothSeries(y, std::pow(weight, double(stride)));
        Series& out = series[i];
        for (size_t k = 0; k < y.size(); ++k) {
            double x = 0;
            switch (axis) {
            case XAxis::Step: x = double(h.step[k]); break;
            case XAxis::Epoch: x = h.epoch[k]; break;
            case XAxis::RelativeTime: x = h.wallTime[k]; break;
            case XAxis::WallTime: x = run.info.startTime + h.wallTime[k]; break;
            }
            out.x << x;
            out.raw << y[k];
            out.smooth << s[k];
            out.key.push_back(axis == XAxis::Epoch ? h.epoch[k] : double(h.step[k]));
            out.smoothY.push_back(s[k]);
        }
        const QColor colour = kPalette[colourOf[i] % std::size(kPalette)];
        QColor faint = colour;
        faint.setAlpha(grouping ? 30 : 60);
        // Beyond a few dozen runs the faint raw curves are one grey tangle that costs half of
        // every frame: only the smoothed curves are drawn then.
        if (runs_.size() <= kRawCurveRuns) {
            QCPGraph* raw = plot_->addGraph();
            raw->setProperty("role", QStringLiteral("raw"));
            raw->setPen(QPen(faint, 1.0));
            raw->setAntialiased(false);
            raw->setData(out.x, out.raw, true);
            raw->removeFromLegend();
        }
        if (grouping)
            continue;
        QCPGraph* smooth = plot_->addGraph();
        smooth->setProperty("role", QStringLiteral("smoothed"));
        smooth->setName(QString::fromStdString(run.info.header.name));
        // Beyond a few runs: 1-px aliased lines, which the raster engine draws without its
        // stroker (a wider or antialiased pen costs several times the CPU per frame).
        const bool few = runs_.size() <= kAntialiasedRuns;
        smooth->setPen(QPen(colour, few ? 1.8 : 1.0));
        smooth->setAntialiased(few);
        smooth->setData(out.x, out.smooth, true);
    }

    if (grouping) {
        size_t g = 0;
        for (const auto& [name, members] : groups) {
            std::vector<SeriesRef> refs;
            for (size_t i : members)
                refs.push_back({ &series[i].key, &series[i].smoothY });
            const GroupCurve curve = groupStatistics(refs);
            // Plot at the group's first run's x for each shared step/epoch (the same for step and
            // epoch axes; its own clock for the time axes).
            std::unordered_map<double, double> xOf;
            const Series& first = series[members.front()];
            for (size_t k = 0; k < first.key.size(); ++k)
                xOf.emplace(first.key[k], first.x[int(k)]);
            QVector<double> x, mean, lo, hi;
            for (size_t k = 0; k < curve.x.size(); ++k) {
                x << xOf[curve.x[k]];
                mean << curve.mean[k];
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
            QCPGraph* line = plot_->addGraph();
            line->setProperty("role", QStringLiteral("mean"));
            line->setName(tr("%1: mean ± std of %2 runs").arg(name).arg(members.size()));
            line->setPen(QPen(colour, 2.2));
            line->setData(x, mean, true);
        }
    }
    plot_->legend->setVisible(plot_->legend->itemCount() <= kLegendItems);
    plot_->rescaleAxes();
    if (plot_->graphCount() == 0) {
        plot_->xAxis->setRange(0, 1);
        plot_->yAxis->setRange(log ? 0.1 : 0, 1);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString ComparePlot::readoutAt(double x) const
{
    QStringList lines;
    for (int i = 0; i < plot_->graphCount(); ++i) {
        QCPGraph* g = plot_->graph(i);
        const QString role = g->property("role").toString();
        if ((role != QLatin1String("smoothed") && role != QLatin1String("mean")) || g->data()->isEmpty())
            continue;
        // The point nearest to x: findBegin gives the one at or before it; its successor may be closer.
        auto it = g->data()->findBegin(x, true);
        if (it == g->data()->constEnd())
            continue;
        if (auto next = it + 1; next != g->data()->constEnd() && std::abs(next->key - x) < std::abs(it->key - x))
            it = next;
        const QString key = xAxis_->currentIndex() == int(XAxis::WallTime)
            ? QDateTime::fromMSecsSinceEpoch(qint64(it->key * 1000)).toString(QStringLiteral("HH:mm:ss"))
            : QString::number(it->key, 'g', 6);
        lines << QStringLiteral("%1  %2: %3").arg(g->name(), key, QString::number(it->value, 'g', 5));
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
    std::ofstream out(path.toStdString());
    if (!out) {
        if (error)
            *error = tr("%1: cannot write the file").arg(path);
        return false;
    }
    for (bool epochs : { false, true }) {
        out << (epochs ? "# per epoch\n" : "# per batch\n");
        bool header = true;
        for (const RunCurves& r : runs_) {
            // From the file: the curves hold thinned batch rows, the export holds every row.
            try {
                writeHistoryCsv(out, readRunHistory(r.info.path, epochs ? HistoryKind::Epoch : HistoryKind::Batch),
                    epochs, r.info.header.name, header);
            } catch (const std::exception& e) {
                if (error)
                    *error = QString::fromStdString(e.what());
                return false;
            }
            header = false;
        }
    }
    out.flush();
    if (!out && error)
        *error = tr("%1: cannot write the file (disk full?)").arg(path);
    return bool(out);
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
