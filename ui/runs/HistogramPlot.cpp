// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/HistogramPlot.h"

#include "runs/RunColours.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace ws::ui {

namespace {

// Up to `most` of n steps, evenly spread, the first and the last always, ascending.
std::vector<size_t> spreadSteps(size_t n, size_t most)
{
    std::vector<size_t> out;
    if (n <= most) {
        for (size_t i = 0; i < n; ++i)
            out.push_back(i);
        return out;
    }
    for (size_t k = 0; k < most; ++k)
        out.push_back(k * (n - 1) / (most - 1));
    return out;
}

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
        float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

HistogramPlot::HistogramPlot(Mode mode, QWidget* parent) : QWidget(parent), mode_(mode)
{
    tag_ = new QComboBox;
    tag_->setToolTip(tr("The histogram tag shown (a layer's weights, say)"));
    tag_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    run_ = new QComboBox;
    run_->setToolTip(tr("The selected run shown (of those that hold the tag)"));
    run_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    step_ = new QComboBox;
    step_->setToolTip(tr("Every step offset, the newest in front, or the histogram of one step: each run shows its "
                         "histogram at that step, or at its nearest step before it"));
    arrangement_ = new QComboBox;
    arrangement_->setToolTip(tr("The run chosen beside; every selected run that holds the histogram in a panel of its own, "
                           "all on the same axes; or all of them in one plot, each in its colour"));
    arrangement_->addItem(tr("One run"), int(Arrangement::OneRun));
    arrangement_->addItem(tr("Side by side"), int(Arrangement::SideBySide));
    arrangement_->addItem(tr("Overlaid"), int(Arrangement::Overlaid));
    arrangement_->setCurrentIndex(1);
    plot_ = new QCustomPlot;
    plot_->setMinimumSize(360, 220);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    message_ = new QLabel;
    message_->setWordWrap(true);
    message_->setAlignment(Qt::AlignCenter);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Histogram:")));
    controls->addWidget(tag_);
    controls->addWidget(arrangement_);
    controls->addWidget(new QLabel(tr("Run:")));
    controls->addWidget(run_);
    if (mode_ == Mode::Histograms) {
        controls->addWidget(new QLabel(tr("Step:")));
        controls->addWidget(step_);
    } else {
        step_->hide();
        controls->addWidget(new QLabel(tr("Bands: min–max, 7–93 %, 16–84 %, 31–69 %; line: median")));
    }
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(plot_, 1);
    layout->addWidget(message_);

    connect(tag_, &QComboBox::currentIndexChanged, this, [this] {
        updateRuns();
        request();
    });
    connect(run_, &QComboBox::currentIndexChanged, this, [this] {
        updateSteps();
        request();
    });
    connect(step_, &QComboBox::currentIndexChanged, this, &HistogramPlot::request);
    connect(arrangement_, &QComboBox::currentIndexChanged, this, [this] {
        run_->setEnabled(arrangement() == Arrangement::OneRun);
        updateSteps(); // the steps listed are those of the runs shown
        request();
    });
    run_->setEnabled(false);
    request();
}

void HistogramPlot::setArrangement(Arrangement arrangement)
{
    arrangement_->setCurrentIndex(std::max(0, arrangement_->findData(int(arrangement))));
}

HistogramPlot::Arrangement HistogramPlot::arrangement() const { return Arrangement(arrangement_->currentData().toInt()); }

const HistogramPlot::RunAnswer& HistogramPlot::first() const
{
    static const RunAnswer none;
    return answer_->runs.empty() ? none : answer_->runs.front();
}

QList<QCPAxisRect*> HistogramPlot::panels() const { return plot_->axisRects(); }

std::vector<size_t> HistogramPlot::shownHolders() const
{
    if (arrangement() == Arrangement::OneRun) {
        const int i = run_->currentIndex();
        return i >= 0 && size_t(i) < holders_.size() ? std::vector<size_t> { holders_[size_t(i)] } : std::vector<size_t> {};
    }
    std::vector<size_t> out = holders_;
    if (arrangement() == Arrangement::SideBySide && out.size() > kMaxPanels)
        out.resize(kMaxPanels);
    return out;
}

void HistogramPlot::setRuns(std::shared_ptr<const std::vector<RunCurves>> runs)
{
    runs_ = runs ? std::move(runs) : std::make_shared<const std::vector<RunCurves>>();
    updateTags();
    request();
}

QStringList HistogramPlot::tags() const
{
    QStringList out;
    for (int i = 0; i < tag_->count(); ++i)
        out << tag_->itemText(i);
    return out;
}

QString HistogramPlot::tag() const { return tag_->currentText(); }

void HistogramPlot::setTag(const QString& tag)
{
    const int i = tag_->findText(tag);
    if (i >= 0)
        tag_->setCurrentIndex(i);
}

QStringList HistogramPlot::runNames() const
{
    QStringList out;
    for (int i = 0; i < run_->count(); ++i)
        out << run_->itemText(i);
    return out;
}

void HistogramPlot::setRun(int index) { run_->setCurrentIndex(index); }
void HistogramPlot::setStep(int64_t step) { step_->setCurrentIndex(std::max(0, step_->findData(qlonglong(step)))); }
int64_t HistogramPlot::step() const { return step_->count() > 0 ? step_->currentData().toLongLong() : kAllSteps; }

std::vector<int64_t> HistogramPlot::steps() const
{
    std::vector<int64_t> out;
    for (int i = 0; i < step_->count(); ++i)
        if (const int64_t s = step_->itemData(i).toLongLong(); s != kAllSteps)
            out.push_back(s);
    return out;
}

// The combo boxes keep the tag, run and step chosen when they are still there.
void HistogramPlot::updateTags()
{
    const QString current = tag_->currentText();
    std::set<std::string> tags;
    for (const RunCurves& r : *runs_)
        for (const auto& [tag, series] : r.histograms)
            tags.insert(tag);
    {
        const QSignalBlocker block(tag_);
        tag_->clear();
        for (const std::string& t : tags)
            tag_->addItem(QString::fromStdString(t));
        tag_->setCurrentIndex(std::max(0, tag_->findText(current)));
    }
    updateRuns();
}

void HistogramPlot::updateRuns()
{
    const QString current = run_->currentText();
    const std::string tag = tag_->currentText().toStdString();
    holders_.clear();
    const QSignalBlocker block(run_);
    run_->clear();
    for (size_t i = 0; i < runs_->size(); ++i)
        if ((*runs_)[i].histograms.count(tag)) {
            holders_.push_back(i);
            run_->addItem(QString::fromStdString((*runs_)[i].info.header.name));
        }
    run_->setCurrentIndex(std::max(0, run_->findText(current)));
    updateSteps();
}

// Every step of the runs shown, so that a step one run logs and another does not can be chosen.
// The step chosen stays when it is still listed, else the nearest listed before it.
void HistogramPlot::updateSteps()
{
    const int64_t current = step();
    const std::string tag = tag_->currentText().toStdString();
    std::set<int64_t> logged;
    for (size_t index : shownHolders())
        if (auto it = (*runs_)[index].histograms.find(tag); it != (*runs_)[index].histograms.end())
            logged.insert(it->second.step.begin(), it->second.step.end());
    const std::vector<int64_t> listed(logged.begin(), logged.end());
    const QSignalBlocker block(step_);
    step_->clear();
    step_->addItem(tr("All steps (offset)"), qlonglong(kAllSteps));
    for (int64_t s : listed)
        step_->addItem(tr("Step %1").arg(s), qlonglong(s));
    int keep = 0;
    if (current != kAllSteps)
        if (const size_t at = pointAtOrBefore(listed, current); at != kNoPoint)
            keep = int(at) + 1;
    step_->setCurrentIndex(keep);
}

const RunCurves* HistogramPlot::chosenRun() const
{
    const int i = run_->currentIndex();
    return i >= 0 && size_t(i) < holders_.size() ? &(*runs_)[holders_[size_t(i)]] : nullptr;
}

void HistogramPlot::request()
{
    preparing_ = true;
    // The job reads the runs through its own shared pointer, never this widget.
    const std::string tag = tag_->currentText().toStdString();
    const std::vector<size_t> shown = shownHolders();
    auto post = inbox_.poster();
    wanted_ = job_.submit([this, post, runs = runs_, tag, shown, mode = mode_, arrangement = arrangement(),
                              chosen = step()](uint64_t generation) {
        auto answer = std::make_shared<Answer>();
        answer->preparedOn = std::this_thread::get_id();
        answer->arrangement = arrangement;
        for (size_t index : shown) {
            if (!job_.wanted(generation))
                return; // a newer request replaces this one
            const RunCurves& run = (*runs)[index];
            const HistogramSeries& series = run.histograms.at(tag);
            RunAnswer a;
            a.run = QString::fromStdString(run.info.header.name);
            if (mode == Mode::Distributions) {
                a.distribution = histogramDistribution(series);
            } else {
                a.grid = rebinHistograms(series, kBins);
                const size_t n = a.grid.step.size();
                a.chosen = chosen;
                if (chosen != kAllSteps) { // by its number: the run's histogram at it, or before it
                    const size_t at = pointAtOrBefore(a.grid.step, chosen);
                    a.missing = at == kNoPoint;
                    if (!a.missing)
                        a.shown = { at };
                } else if (arrangement == Arrangement::Overlaid && n > 0) // overlaid: each run's last
                    a.shown = { n - 1 };
                else
                    a.shown = spreadSteps(n, kMaxRidges);
            }
            answer->runs.push_back(std::move(a));
            answer->indices.push_back(index);
        }
        post([this, generation, answer = std::shared_ptr<const Answer>(std::move(answer))] {
            if (generation == wanted_)
                install(answer);
        });
    });
}

void HistogramPlot::install(const std::shared_ptr<const Answer>& answer)
{
    answer_ = answer;
    preparedOn_ = answer->preparedOn;
    labels_.clear();
    plot_->clearGraphs();
    plot_->clearItems();
    // Back to the one default axis rect; side by side adds one per run below.
    for (QCPAxisRect* rect : plot_->axisRects())
        if (rect != plot_->axisRect(0))
            plot_->plotLayout()->remove(rect);
    plot_->plotLayout()->simplify();
    if (answer->runs.empty()) {
        message_->setText(runs_->empty()
                ? tr("Select runs in the table to see their histograms.")
                : tr("None of the selected runs holds histograms. TensorBoard logs have them when Keras's TensorBoard "
                     "callback ran with histogram_freq > 0, or PyTorch's SummaryWriter.add_histogram was called."));
        message_->show();
    } else {
        QStringList notes, missing;
        for (const RunAnswer& a : answer->runs)
            if (a.missing)
                missing << a.run;
        if (!missing.isEmpty())
            notes << tr("No histogram at or before step %1: %2").arg(answer->runs.front().chosen).arg(missing.join(QStringLiteral(", ")));
        if (holders_.size() > answer->runs.size())
            notes << tr("The first %1 of %2 runs that hold the histogram; choose One run for the others.")
                         .arg(answer->runs.size())
                         .arg(holders_.size());
        message_->setVisible(!notes.isEmpty());
        message_->setText(notes.join(QLatin1Char('\n')));
        // Each run in the colour the Curves view gives it.
        std::vector<std::string> keys;
        for (const RunCurves& r : *runs_)
            keys.push_back(runColourKey(r.info));
        const std::vector<QColor> colours = runColours(keys);
        const bool overlaid = answer->arrangement == Arrangement::Overlaid && answer->runs.size() > 1;
        const size_t panels = overlaid ? 1 : answer->runs.size();
        for (size_t k = 0; k < answer->runs.size(); ++k) {
            labels_ << (panels > 1 || overlaid ? runLabel(answer->runs[k]) : QString());
            QCPAxisRect* rect = panel(overlaid ? 0 : k, panels, panels > 1 ? labels_.back() : QString());
            const QColor colour = colours[answer->indices[k]];
            if (mode_ == Mode::Distributions)
                drawDistributions(answer->runs[k], colour, rect, overlaid);
            else
                drawHistograms(answer->runs[k], colour, rect, overlaid);
        }
        // The same axes in every panel: the union of their ranges.
        QCPRange x = plot_->axisRect(0)->axis(QCPAxis::atBottom)->range(), y = plot_->axisRect(0)->axis(QCPAxis::atLeft)->range();
        for (QCPAxisRect* rect : plot_->axisRects()) {
            x.expand(rect->axis(QCPAxis::atBottom)->range());
            y.expand(rect->axis(QCPAxis::atLeft)->range());
        }
        for (QCPAxisRect* rect : plot_->axisRects()) {
            rect->axis(QCPAxis::atBottom)->setRange(x);
            rect->axis(QCPAxis::atLeft)->setRange(y);
        }
        plot_->legend->setVisible(overlaid);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
    preparing_ = false;
    emit drawn();
}

// A run's name with the step it shows when that is one step: "run-b (step 8)" (the step chosen,
// or its nearest before), or that it has none at or before the step chosen.
QString HistogramPlot::runLabel(const RunAnswer& a) const
{
    if (a.missing)
        return tr("%1 (no histogram at or before step %2)").arg(a.run).arg(a.chosen);
    if (mode_ == Mode::Histograms && a.shown.size() == 1)
        return tr("%1 (step %2)").arg(a.run).arg(a.grid.step[a.shown.front()]);
    return a.run;
}

QCPAxisRect* HistogramPlot::panel(size_t index, size_t count, const QString& title)
{
    QCPAxisRect* rect = plot_->axisRect(0);
    if (index > 0) {
        // Small multiples in up to three columns, filled row by row.
        const int columns = count <= 4 ? int(std::min<size_t>(count, 2)) : 3;
        rect = new QCPAxisRect(plot_);
        plot_->plotLayout()->addElement(int(index) / columns, int(index) % columns, rect);
        for (QCPAxis* axis : rect->axes())
            axis->setLayer(QStringLiteral("axes"));
        rect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
        rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    }
    rect->axis(QCPAxis::atBottom)->setLabel(QString());
    rect->axis(QCPAxis::atLeft)->setLabel(QString());
    if (!title.isEmpty()) {
        auto* name = new QCPItemText(plot_);
        name->setClipAxisRect(rect);
        name->setClipToAxisRect(true);
        name->position->setAxisRect(rect);
        name->position->setType(QCPItemPosition::ptAxisRectRatio);
        name->position->setCoords(0.02, 0.02);
        name->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        name->setText(title);
        name->setBrush(QColor(255, 255, 255, 200));
    }
    return rect;
}

void HistogramPlot::drawDistributions(const RunAnswer& a, const QColor& colour, QCPAxisRect* rect, bool overlaid)
{
    QCPAxis* xAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
    const DistributionSeries& d = a.distribution;
    const QVector<double> x(d.step.begin(), d.step.end());
    std::array<QCPGraph*, 9> lines {};
    for (size_t p = 0; p < 9; ++p) {
        // Overlaid, a run shows its median and its 16–84 % band only: nine lines a run would hide
        // each other.
        if (overlaid && p != 2 && p != 4 && p != 6)
            continue;
        QVector<double> y;
        y.reserve(x.size());
        for (const DistributionPoint& v : d.value)
            y << v[p];
        lines[p] = plot_->addGraph(xAxis, yAxis);
        lines[p]->setData(x, y, true);
        lines[p]->setPen(p == 4 ? QPen(colour.darker(130), 1.6) : QPen(Qt::NoPen));
        lines[p]->setName(p == 4 ? (overlaid ? a.run : tr("median")) : QStringLiteral("%1 %").arg(kDistributionBasisPoints[p] / 100.0));
        if (overlaid && p != 4)
            lines[p]->removeFromLegend();
    }
    // Nested bands, as TensorBoard shades them: each pair of symmetric percentiles adds a layer,
    // so the middle of the distribution is the darkest.
    for (size_t p = 0; p < 4; ++p) {
        if (!lines[p] || !lines[8 - p])
            continue;
        QColor band = colour;
        band.setAlpha(overlaid ? 60 : 48);
        lines[8 - p]->setBrush(band);
        lines[8 - p]->setChannelFillGraph(lines[p]);
    }
    xAxis->setLabel(tr("Step"));
    yAxis->setLabel(tag_->currentText());
    yAxis->setRangeReversed(false);
    xAxis->rescale();
    yAxis->rescale();
}

void HistogramPlot::drawHistograms(const RunAnswer& a, const QColor& colour, QCPAxisRect* rect, bool overlaid)
{
    QCPAxis* xAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* yAxis = rect->axis(QCPAxis::atLeft);
    const RebinnedHistograms& g = a.grid;
    xAxis->setLabel(tr("Value"));
    if (g.edges.empty() || a.shown.empty()) {
        xAxis->rescale();
        yAxis->rescale();
        return;
    }
    // Bin centres, closed at both ends on the baseline.
    QVector<double> x;
    x << g.edges.front();
    for (size_t b = 0; b + 1 < g.edges.size(); ++b)
        x << (g.edges[b] + g.edges[b + 1]) / 2;
    x << g.edges.back();
    double most = 0;
    for (size_t s : a.shown)
        for (double c : g.count[s])
            most = std::max(most, c);
    if (!(most > 0))
        most = 1;
    const auto heights = [&](size_t s, double base, double scale) {
        QVector<double> y;
        y << base;
        for (double c : g.count[s])
            y << base + c / most * scale;
        y << base;
        return y;
    };
    if (a.shown.size() == 1) {
        QCPGraph* h = plot_->addGraph(xAxis, yAxis);
        h->setData(x, heights(a.shown.front(), 0, most), true);
        h->setPen(QPen(colour.darker(120), 1.4));
        QColor fill = colour;
        fill.setAlpha(overlaid ? 50 : 90);
        h->setBrush(fill);
        h->setName(overlaid ? runLabel(a) : tr("Step %1").arg(g.step[a.shown.front()]));
        yAxis->setLabel(tr("Count"));
        yAxis->setRangeReversed(false);
        xAxis->rescale();
        // The tallest bin below the frame, not on it (overlaid: the tallest of every run's).
        const double top = overlaid ? std::max(yAxis->range().upper, most * 1.05) : most * 1.05;
        yAxis->setRange(0, top);
        return;
    }
    // Offset: the y axis is the step, growing downwards, so the newest histogram is in front
    // (drawn last, lowest); each rises 2.5 steps' spacing at its tallest bin and hides what it
    // covers of the older ones behind it.
    const double first = double(g.step[a.shown.front()]), last = double(g.step[a.shown.back()]);
    const double spacing = (last - first) / double(a.shown.size() - 1);
    const double height = 2.5 * (spacing > 0 ? spacing : 1.0);
    for (size_t k = 0; k < a.shown.size(); ++k) {
        const size_t s = a.shown[k];
        const double base = double(g.step[s]);
        const double age = double(k) / double(a.shown.size() - 1); // 0 the oldest, 1 the newest
        QCPGraph* floor = plot_->addGraph(xAxis, yAxis);
        floor->setData(x, QVector<double>(x.size(), base), true);
        floor->setPen(Qt::NoPen);
        QCPGraph* ridge = plot_->addGraph(xAxis, yAxis);
        ridge->setData(x, heights(s, base, -height), true);
        ridge->setPen(QPen(mix(QColor(200, 200, 200), colour.darker(115), 0.25 + 0.75 * age), 1.2));
        ridge->setBrush(mix(Qt::white, colour, 0.08 + 0.12 * age));
        ridge->setChannelFillGraph(floor);
        ridge->setName(tr("Step %1").arg(g.step[s]));
    }
    yAxis->setLabel(tr("Step"));
    yAxis->setRangeReversed(true);
    xAxis->rescale();
    yAxis->setRange(first - height * 1.2, last + spacing * 0.3);
}

} // namespace ws::ui
