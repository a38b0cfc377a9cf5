// SPDX-License-Identifier: GPL-3.0-or-later
// Every scalar series of a run by tag, whatever wrote it: a TensorBoard run's own tags, or a
// Weightscope record's history columns as "batch/loss", "epoch/val_accuracy", ... (wall times
// in Unix seconds for both). The tag view behind `weightscope-cli runs export --scalars` and the
// Runs dock's per-tag curves (#19).
#pragma once

#include "run/RunRecord.h"
#include "run/TensorBoardEvents.h"

#include <map>
#include <string>

namespace ws {

using RunScalars = std::map<std::string, ScalarSeries>;

// A Weightscope record's history columns as tags; rows whose value is NaN are left out.
RunScalars historyScalars(const RunHistory& batch, const RunHistory& epoch, double startTime);
// The tags of the run at `path` (a record, a TensorBoard run directory or event file).
RunScalars readRunScalars(const std::string& path);

} // namespace ws
