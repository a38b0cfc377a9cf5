// SPDX-License-Identifier: GPL-3.0-or-later
// The training pipeline shared by `train` and `rerun`: load the data, build the model, train a
// RecordedTraining (core/run) with per-epoch lines, print the evaluation, optionally save the model.
#pragma once

#include "cli/Args.h"
#include "run/Replay.h"
#include "train/Experiment.h"

#include <optional>
#include <string>
#include <vector>

namespace ws::cli {

struct RecordOptions {
    bool record = true;
    std::string runsDir;               // empty: defaultRunsDir()
    std::string name;                  // empty: defaultRunName()
    std::vector<std::string> tags;
    std::string notes;
    int checkpointEvery = 0;           // > 0: a checkpoint every N epochs
    std::string expectedDatasetSha256; // rerun: warn when the data differs from the record's
    std::optional<ReplayPlan> replay;  // rerun: the recorded run's events, and where it stopped
};

// The recording options shared by train and rerun (--runs-dir, --no-record, --name, ...).
std::vector<OptionSpec> recordOptionSpecs();
RecordOptions recordOptionsFrom(const Args& a);

int trainExperiment(Experiment e, bool quiet, const RecordOptions& record, const std::optional<std::string>& savePath);

// Re-runs the Playground run recorded at `path` (core/run/PlaygroundRun.h) and prints a summary.
int rerunPlayground(const RunInfo& info, const RecordOptions& record);

} // namespace ws::cli
