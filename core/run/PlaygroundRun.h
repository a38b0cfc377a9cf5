// SPDX-License-Identifier: GPL-3.0-or-later
// A Playground run as a recorded training: the recipe's data, model and training settings kept
// together for a RecordedTraining, and the run record's header. The Playground panel's worker
// trains one of these; `weightscope-cli rerun` re-runs one from its record (run/Replay.h).
#pragma once

#include "run/RecordedTraining.h"
#include "train/PlaygroundRecipe.h"

#include <memory>
#include <string>

namespace ws {

// Made from a recipe; a RecordedTraining refers to its model and data, so it must outlive it.
struct PlaygroundSetup {
    PlaygroundRecipe recipe;
    PlaygroundSets data;
    Sequential model;
    TrainConfig config;

    explicit PlaygroundSetup(const PlaygroundRecipe& recipe);
};

// The record's header: the Playground config (playgroundRunConfig), the dataset's fingerprint,
// the model. Named "playground-<dataset>" and tagged "playground".
RunHeader playgroundRunHeader(const PlaygroundSetup& setup);

// A session on `setup` recorded with `header` into runsDir (empty: not recorded), as the
// Playground trains: pausing on divergence, and writing at most once a second (its epochs last
// milliseconds).
std::unique_ptr<RecordedTraining> makePlaygroundSession(PlaygroundSetup& setup, const RunHeader& header,
    const std::string& runsDir);

} // namespace ws
