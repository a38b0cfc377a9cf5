// SPDX-License-Identifier: GPL-3.0-or-later
// A run's history as CSV: every row (no cap), 17 significant digits so every value reads back
// exactly, "nan"/"inf" for non-finite values. Used by `weightscope-cli runs export-csv` and the
// Runs dock's export.
#pragma once

#include "run/RunRecord.h"
#include "run/RunScalars.h"

#include <iosfwd>
#include <string>

namespace ws {

// Header step,epoch,wall_time,loss,accuracy[,val_loss,val_accuracy],learning_rate; with a
// non-empty `run`, a first column "run" holding it (quoted as RFC 4180 says) on every row.
void writeHistoryCsv(std::ostream& out, const RunHistory& h, bool epochs, const std::string& run = {}, bool header = true);

// Every tag of a run in long form, for runs whose tags differ (TensorBoard's): header
// run,tag,step,wall_time,value; one row per point, tags in name order.
void writeScalarsCsv(std::ostream& out, const RunScalars& scalars, const std::string& run, bool header = true);

} // namespace ws
