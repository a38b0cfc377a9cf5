// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/RunOutcome.h"

#include "run/TensorBoardEvents.h"

#include <algorithm>
#include <cmath>

namespace ws {

SeriesOutcome seriesOutcome(const ScalarSeries& s)
{
    SeriesOutcome out;
    out.points = s.size();
    if (s.size() == 0)
        return out;
    out.final = s.value.back();
    out.finalStep = s.step.back();
    for (size_t i = 0; i < s.size(); ++i) {
        const double v = s.value[i];
        if (std::isnan(v))
            continue;
        // Strict comparisons: the first point reaching the best keeps its step (nanargmin).
        if (out.minimumStep < 0 || v < out.minimum) {
            out.minimum = v;
            out.minimumStep = s.step[i];
        }
        if (out.maximumStep < 0 || v > out.maximum) {
            out.maximum = v;
            out.maximumStep = s.step[i];
        }
    }
    return out;
}

RunOutcomes runOutcomes(const RunScalars& scalars)
{
    RunOutcomes out;
    for (const auto& [tag, series] : scalars)
        out.emplace(tag, seriesOutcome(series));
    return out;
}

RunFileStamp runFileStamp(const std::string& path)
{
    // A TensorBoard run: the event files directly in it (its subdirectories are runs of their own).
    return fileStamp(path, [](const std::string& name) { return isEventFileName(name); });
}

std::string outcomeKey(const std::string& tag, OutcomeStatistic statistic)
{
    switch (statistic) {
    case OutcomeStatistic::Final:
        return tag + " (final)";
    case OutcomeStatistic::Minimum:
        return tag + " (best, min)";
    case OutcomeStatistic::Maximum:
        return tag + " (best, max)";
    }
    return tag;
}

ParameterTable withOutcomeColumn(ParameterTable table, const std::string& key, const std::vector<double>& perRun)
{
    table.keys.push_back(key);
    table.outcome.push_back(true);
    bool differs = false;
    for (size_t r = 0; r < table.values.size(); ++r) {
        const double v = r < perRun.size() ? perRun[r] : SeriesOutcome::kNaN;
        table.values[r].push_back(std::isnan(v) ? nlohmann::json() : nlohmann::json(v));
        differs = differs || table.values[r].back() != table.values[0].back();
    }
    table.differs.push_back(differs);
    return table;
}

} // namespace ws
