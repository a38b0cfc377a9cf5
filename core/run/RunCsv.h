// SPDX-License-Identifier: GPL-3.0-or-later
// A run's history as CSV: every row (no cap), 17 significant digits so every value reads back
// exactly, "nan"/"inf" for non-finite values. Used by `weightscope-cli runs export-csv` and the
// Runs dock's export.
#pragma once

#include "run/RunProgress.h"
#include "run/RunRecord.h"
#include "run/RunScalars.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace ws {

// Header step,epoch,wall_time,loss,accuracy[,val_loss,val_accuracy],learning_rate; with a
// non-empty `run`, a first column "run" holding it (quoted as RFC 4180 says) on every row.
void writeHistoryCsv(std::ostream& out, const RunHistory& h, bool epochs, const std::string& run = {}, bool header = true);

// Several runs in one table: columns run (the name), file (the record's file name) and every
// setting whose value differs between the runs (train.optimizer.learning_rate, train.seed, ...:
// six runs of a sweep were told apart by nothing), then the history columns above. Each run's
// history is read from its file. Returns the number of rows written.
// `progress` is told before each run; when it says stop, throws RunsCancelled (run/RunProgress.h).
size_t writeRunsHistoryCsv(std::ostream& out, const std::vector<RunInfo>& runs, bool epochs, bool header = true,
    const RunProgress& progress = {});

// Every tag of a run in long form, for runs whose tags differ (TensorBoard's): header
// run,tag,step,wall_time,value; one row per point, tags in name order.
void writeScalarsCsv(std::ostream& out, const RunScalars& scalars, const std::string& run, bool header = true);

} // namespace ws
