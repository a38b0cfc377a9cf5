// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/CurvePreparation.h"

#include "runs/RunColours.h"
#include "runs/RunsModel.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

namespace ws::ui {

namespace {

struct MetricRef {
    bool epochTable;
    std::vector<double> RunHistory::*column;
};

// In the order of ComparePlot::metricNames().
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
        // The Compare view's translation context: the strings were written there.
        return tags.isEmpty() ? QCoreApplication::translate("ws::ui::ComparePlot", "(no tag)")
                              : tags.join(QStringLiteral(", "));
    }
    return key + QLatin1Char('=') + hyperParameter(r, key);
}

// x, raw y and smoothed y of one run (all points), and the grouping key (step or epoch).
struct Series {
    std::vector<double> x, raw, smooth;
    std::vector<double> key;
    size_t stride = 1;
};

Series seriesOf(const RunCurves& run, const CurveRequest& q)
{
    Series out;
    const auto put = [&](double step, double epoch, double relative, double y) {
        double x = 0;
        switch (q.axis) {
        case CurveXAxis::Step: x = step; break;
        case CurveXAxis::Epoch: x = epoch; break;
        case CurveXAxis::RelativeTime: x = relative; break;
        case CurveXAxis::WallTime: x = run.info.startTime + relative; break;
        }
        if (q.logY && !(y > 0)) // the log axis cannot show zero or negative values: leave them out
            y = std::numeric_limits<double>::quiet_NaN();
        out.x.push_back(x);
        out.raw.push_back(y);
        out.key.push_back(q.axis == CurveXAxis::Epoch ? epoch : step);
    };
    if (!q.tag.empty()) {
        // A TensorBoard tag: steps as logged; no epochs (x is the step on the epoch axis).
        const auto it = run.scalars.find(q.tag);
        if (it != run.scalars.end()) {
            const ScalarSeries& s = it->second;
            out.x.reserve(s.size());
            out.raw.reserve(s.size());
            out.key.reserve(s.size());
            for (size_t k = 0; k < s.size(); ++k)
                put(double(s.step[k]), double(s.step[k]), s.wallTime[k] - run.info.startTime, s.value[k]);
        }
    } else {
        const MetricRef metric = kMetrics[std::clamp(q.metric, 0, int(std::size(kMetrics)) - 1)];
        const RunHistory& h = metric.epochTable ? run.epoch : run.batch;
        const std::vector<double>& column = h.*(metric.column);
        const size_t n = std::min(column.size(), h.size());
        out.x.reserve(n);
        out.raw.reserve(n);
        out.key.reserve(n);
        for (size_t k = 0; k < n; ++k)
            put(double(h.step[k]), h.epoch[k], h.wallTime[k], column[k]);
        out.stride = metric.epochTable ? 1 : run.batchStride;
    }
    return out;
}

} // namespace

int reductionColumns(int width, size_t runs)
{
    const double share = std::min(1.0, double(kRawCurveRuns) / double(std::max<size_t>(1, runs)));
    return std::max(int(width * share), 100);
}

std::shared_ptr<const PreparedCurves> prepareCurves(const CurveRequest& q, const std::function<bool()>& wanted)
{
    auto out = std::make_shared<PreparedCurves>();
    out->preparedOn = std::this_thread::get_id();
    const std::vector<RunCurves>& runs = *q.runs;
    const bool grouping = !q.groupKey.isEmpty();

    std::vector<Series> series(runs.size());
    double xLo = INFINITY, xHi = -INFINITY;
    for (size_t i = 0; i < runs.size(); ++i) {
        if (!wanted())
            return nullptr;
        series[i] = seriesOf(runs[i], q);
        for (double x : series[i].x)
            if (std::isfinite(x)) {
                xLo = std::min(xLo, x);
                xHi = std::max(xHi, x);
            }
    }
    // The smoothing, on every point each run holds: the time-weighted EMA's time constant comes
    // from the span shown, the same for every run so that their lines compare.
    const double extent = xHi > xLo ? xHi - xLo : 0.0;
    for (Series& s : series) {
        if (!wanted())
            return nullptr;
        // A thinned history keeps every stride-th batch: w^stride keeps the EMA's span in steps.
        const double w = q.kind == SmoothingKind::Ema ? std::pow(q.weight, double(s.stride)) : q.weight;
        s.smooth = smoothCurve(q.kind, s.x, s.raw, w, extent);
    }
    out->xLo = std::isfinite(xLo) ? xLo : 0.0;
    out->xHi = std::isfinite(xHi) && xHi > xLo ? xHi : out->xLo + 1.0;
    out->width = q.width;
    const int pixels = reductionColumns(q.width, runs.size());

    // Groups in name order; a run's faint curve takes its group's colour. Each run, or each
    // group when grouped, is one entry of the legend.
    std::map<QString, std::vector<size_t>> groups;
    std::vector<int> entryOf(runs.size(), -1);
    for (size_t i = 0; i < runs.size(); ++i) {
        // A run without a point of this metric (a TensorBoard experiment's summary run, a record
        // beside a tag only TensorBoard runs have) would leave its group no common step.
        if (grouping && !series[i].x.empty())
            groups[groupValue(runs[i].info, q.groupKey)].push_back(i);
    }
    std::vector<std::string> keys;
    if (grouping) {
        for (const auto& [name, members] : groups) {
            for (size_t i : members)
                entryOf[i] = int(keys.size());
            keys.push_back(name.toStdString());
        }
    } else {
        for (size_t i = 0; i < runs.size(); ++i) {
            entryOf[i] = int(i);
            keys.push_back(runColourKey(runs[i].info));
        }
    }
    const std::vector<QColor> colours = runColours(keys);
    out->entries.resize(keys.size());
    for (size_t e = 0; e < keys.size(); ++e)
        out->entries[e].colour = colours[e];
    const auto addLine = [&](PreparedLine::Role role, int entry, std::vector<double> x, std::vector<double> y) {
        PreparedLine& line = out->lines.emplace_back();
        line.role = role;
        line.entry = entry;
        line.shown = downsampleMinMax(x, y, out->xLo, out->xHi, pixels);
        line.full = std::make_shared<const CurvePoints>(CurvePoints { std::move(x), std::move(y) });
        return &line;
    };
    for (size_t i = 0; i < runs.size(); ++i) {
        if (!wanted())
            return nullptr;
        Series& s = series[i];
        if (entryOf[i] < 0) // grouped, but no point of this metric
            continue;
        // Beyond a few dozen runs the faint raw curves are one grey tangle that costs half of
        // every frame: only the smoothed curves are drawn then.
        if (runs.size() <= kRawCurveRuns)
            addLine(PreparedLine::Role::Raw, entryOf[i], s.x, std::move(s.raw));
        if (grouping)
            continue;
        PreparedLine* smooth = addLine(PreparedLine::Role::Smoothed, entryOf[i], std::move(s.x), std::move(s.smooth));
        smooth->name = QString::fromStdString(runs[i].info.header.name);
        out->entries[size_t(entryOf[i])].name = smooth->name;
    }

    if (grouping) {
        int entry = 0;
        for (const auto& [name, members] : groups) {
            if (!wanted())
                return nullptr;
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
            std::vector<double> xs, mean, lo, hi;
            for (size_t k = 0; k < curve.x.size(); ++k) {
                xs.push_back(xOf[curve.x[k]]);
                mean.push_back(curve.mean[k]);
                lo.push_back(curve.mean[k] - curve.std[k]);
                hi.push_back(curve.mean[k] + curve.std[k]);
            }
            out->lines.push_back({ PreparedLine::Role::BandLow, entry, {}, nullptr, { xs, std::move(lo) } });
            out->lines.push_back({ PreparedLine::Role::BandHigh, entry, {}, nullptr, { xs, std::move(hi) } });
            PreparedLine* line = addLine(PreparedLine::Role::Mean, entry, std::move(xs), std::move(mean));
            line->name = QCoreApplication::translate("ws::ui::ComparePlot", "%1: mean ± std of %2 runs")
                             .arg(name)
                             .arg(members.size());
            out->entries[size_t(entry)].name = line->name;
            ++entry;
        }
    }
    return out;
}

} // namespace ws::ui
