// SPDX-License-Identifier: GPL-3.0-or-later
// The runs folder: where records go, how new ones are named, how a folder is listed, and the
// glue that records a Trainer's progress into a RunWriter.
#pragma once

#include "run/RunProgress.h"
#include "run/RunRecord.h"
#include "train/Experiment.h"
#include "train/Metrics.h"

#include <string>
#include <vector>

namespace ws {

// $XDG_DATA_HOME/weightscope/runs, else ~/.local/share/weightscope/runs (XDG Base Directory).
std::string defaultRunsDir();

// A fresh file name in `dir` (created if missing): "20261126-143005_<name>.h5", made unique
// with "-2", "-3", ... The name is reduced to letters, digits, '-', '_' and '.'.
std::string newRunPath(const std::string& dir, const std::string& name);
// Removes the "<run>.h5.part" files (runs that never completed an epoch, RunWriter) whose writer
// is no longer running.
void removeAbandonedRuns(const std::string& dir);

struct RunListing {
    std::vector<RunInfo> runs;        // sorted by start time, oldest first
    std::vector<std::string> errors;  // one message per .h5 file or TensorBoard run that cannot be read
    bool cancelled = false;           // progress said stop: the runs read until then
};
// Reads the header of every *.h5 in `dir` (not recursive), and every TensorBoard run under `dir`
// at any depth (run/TensorBoardRuns.h); other files are ignored.
RunListing scanRuns(const std::string& dir, const RunProgress& progress = {});

// The header of a run of `experiment` on `model`; `datasetDescription` is LoadedData's line.
RunHeader makeRunHeader(const std::string& name, const Experiment& experiment, const Sequential& model,
    const std::string& datasetDescription, const std::string& datasetSha256, int64_t trainSamples,
    int64_t testSamples);
// A default run name that tells the runs of a sweep apart: "<dataset>-<model>-lr<lr>-seed<seed>",
// e.g. "spiral-auto-lr0.03-seed3".
std::string defaultRunName(const Experiment& experiment);
// The same form from its parts (the Playground names its runs so too).
std::string runName(const std::string& data, const std::string& model, double learningRate, uint64_t seed);

// Chains onto the trainer's onBatch/onEpoch (set those first): every batch and epoch goes to
// the writer, and the weights after each epoch in `checkpointEpochs` (1-based) become a checkpoint.
void recordTraining(Trainer& trainer, Sequential& model, RunWriter& writer, std::vector<int> checkpointEpochs = {});

RunStatus statusOf(StopReason reason);
// The final evaluation as a record stores it: loss, accuracy (null when not finite), samples.
nlohmann::json runEvaluationJson(const Evaluation& evaluation);

} // namespace ws
