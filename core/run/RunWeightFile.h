// SPDX-License-Identifier: GPL-3.0-or-later
// A run record (run/RunRecord.h) opened as a weight file, so the inspector and `inspect` look
// at a training's weights like at any other model file. Two ways to name it:
//   "run.h5"              the final weights ("final", else the latest checkpoint) as
//                         "<layer>/<param>", and every other checkpoint as
//                         "checkpoint/<name>/<layer>/<param>" (e.g. checkpoint/epoch_0005/dense_1/kernel)
//   "run.h5#epoch_0005"   that one checkpoint alone, as "<layer>/<param>"
// The unprefixed names are those of a native model file, so the inspector's compare view
// matches a run's weights with a saved model's, another run's, or another checkpoint's.
// Checkpoints are read whole when the file is opened (models the engine trains are small; a run
// with c checkpoints of p parameters holds 4·c·p bytes): the HDF5 file is not kept open.
#pragma once

#include "io/WeightFile.h"

#include <memory>
#include <optional>
#include <string>

namespace ws {

struct RunWeightsRef {
    std::string file;
    std::string checkpoint; // empty: the whole run
};

// "run.h5#epoch_0005" for one checkpoint of a run.
std::string runCheckpointPath(const std::string& run, const std::string& checkpoint);
// The run (and checkpoint) `path` names, if it names one: a run file, or a run file followed by
// '#' and a checkpoint name (only when `path` itself is not an existing file).
std::optional<RunWeightsRef> runWeightsRef(const std::string& path);
// Throws FormatError naming the file when it holds no weights yet, or the checkpoint is missing.
std::unique_ptr<WeightFile> openRunWeightFile(const RunWeightsRef& ref);

} // namespace ws
