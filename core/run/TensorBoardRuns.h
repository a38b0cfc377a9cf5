// SPDX-License-Identifier: GPL-3.0-or-later
// TensorBoard logs as Weightscope runs, so that the runs table, the curves, the hyper-parameter
// views and `weightscope-cli runs` treat them like the runs Weightscope recorded. A run is a
// directory that directly holds events.out.tfevents.* files (TensorBoard's rule), or one such
// file; runs/RunRecord's readRunInfo and readRunHistory hand such paths here.
//
// How a TensorBoard run fills a RunInfo: header.name is the run's path relative to the folder
// scanned (TensorBoard's run name; "parent/dir" when a run is read alone), header.tags holds
// "tensorboard", header.config holds {"hparams": {...}} from the hparams plugin's session,
// header.notes the text summaries, final the last value of each of the hparams experiment's
// metrics, message the reader's warnings; status Running while a file of the run was written
// to within the last kTensorBoardLiveSeconds and its last event is no older than that before the
// write (an event file records no status), else Completed.
// The fixed history columns are filled from the tag names Keras and common PyTorch scripts use
// (tensorBoardHistory); every tag stays available through readRunScalars.
#pragma once

#include "run/RunRecord.h"
#include "run/TensorBoardEvents.h"

#include <string>
#include <vector>

namespace ws {

inline constexpr double kTensorBoardLiveSeconds = 300.0;

// An event file, or a directory directly holding one.
bool isTensorBoardRun(const std::string& path);

// The runs under `root` (itself included), at any depth, in path order; symbolic links to
// directories are not followed, so a link loop cannot hang the walk.
std::vector<std::string> findTensorBoardRuns(const std::string& root);

// `metrics`: the hparams experiment's metric tags, when the run itself does not name them (the
// experiment's summary is written to the parent folder's run).
RunInfo tensorBoardRunInfo(const TensorBoardData& data, const std::string& path, const std::string& name,
    const std::vector<std::string>& metrics = {});
RunHistory tensorBoardHistory(const TensorBoardData& data, HistoryKind kind);
// The last value of each scalar tag, and the final values of a run with hparams set from them:
// run.final[m] for each of `metrics` the run logged (null when not finite). tensorBoardRunInfo
// uses both; a scan that learns the experiment's metrics only later keeps the first.
std::map<std::string, double> lastScalarValues(const TensorBoardData& data);
void setFinalMetrics(RunInfo& run, const std::map<std::string, double>& lastValues, const std::vector<std::string>& metrics);

// A run read alone: everything of tensorBoardRunInfo, with a session's metric names looked for in
// the hparams experiment of the runs up to three folders above it.
RunInfo readTensorBoardRunInfo(const std::string& path);

// "parent/dir" of a run directory (or of an event file's directory): its name when read alone.
std::string tensorBoardRunName(const std::string& path);

} // namespace ws
