// SPDX-License-Identifier: GPL-3.0-or-later
// A run's outcome for a metric, from the metric's whole history (#19 item 4): its final value,
// or its best when the metric is minimised (a loss) or maximised (an accuracy), as TensorBoard's
// hparams dashboard and W&B's sweeps offer. A run that overfits ends worse than its best epoch,
// and a diverged one ends in NaN: the final value alone ranks neither by what it reached.
// The Importance tab, its scatter matrix and the parallel coordinates take the outcome as one
// more outcome column of the parameter table (withOutcomeColumn), so they need nothing else.
#pragma once

#include "run/RunParameters.h"
#include "run/RunScalars.h"
#include "util/EnumNames.h"
#include "util/FileStamp.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace ws {

enum class OutcomeStatistic { Final, Minimum, Maximum };

template <> struct EnumNames<OutcomeStatistic> {
    static constexpr std::string_view what = "outcome statistic";
    static constexpr EnumEntry<OutcomeStatistic> entries[] = {
        { OutcomeStatistic::Final, "final", "final" },
        { OutcomeStatistic::Minimum, "min", "best (minimised)" },
        { OutcomeStatistic::Maximum, "max", "best (maximised)" },
    };
};

// One scalar series summed up. final is the last point's value, whatever it is (NaN after a
// divergence: such a run has no final outcome); minimum and maximum skip NaN (NumPy's nanmin and
// nanmax) and are NaN when every value is; their steps are those of the first point reaching
// them (nanargmin, nanargmax).
struct SeriesOutcome {
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    double final = kNaN, minimum = kNaN, maximum = kNaN;
    int64_t finalStep = -1, minimumStep = -1, maximumStep = -1;
    size_t points = 0;

    double value(OutcomeStatistic s) const
    {
        return s == OutcomeStatistic::Final ? final : s == OutcomeStatistic::Minimum ? minimum : maximum;
    }
};
SeriesOutcome seriesOutcome(const ScalarSeries& series);

// Every tag of a run summed up (runs/RunScalars.h names them: a TensorBoard run's own tags, a
// record's "batch/loss", "epoch/val_accuracy", ...).
using RunOutcomes = std::map<std::string, SeriesOutcome>;
RunOutcomes runOutcomes(const RunScalars& scalars);

// What says a run's files have changed since their outcomes were worked out (util/FileStamp.h):
// the run's file, or the event files of a TensorBoard run directory.
using RunFileStamp = FileStamp;
RunFileStamp runFileStamp(const std::string& path);

// The parameter table's column name of a history outcome: "epoch_loss (best, min)",
// "val/accuracy (final)". Distinct from the header's outcomes (final.loss, ...), which hold a
// single number each (the test evaluation, an hparams session's metric).
std::string outcomeKey(const std::string& tag, OutcomeStatistic statistic);

// `table` with one more outcome column `key`, a value per run (NaN or missing: null).
ParameterTable withOutcomeColumn(ParameterTable table, const std::string& key, const std::vector<double>& perRun);

} // namespace ws
