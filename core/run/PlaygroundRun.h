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
// the model. Named as the Training panel names its runs (run/RunStore.h runName), the model
// being the hidden layers, e.g. "spiral-mlp8x8-lr0.03-seed3" (#21: every Playground run was
// "playground-spiral"), and tagged "playground".
RunHeader playgroundRunHeader(const PlaygroundSetup& setup);

// #22: a run that goes on from a saved Playground session (run/PlaygroundSession.h) names it in
// its record's config: "continued_from_session" (the session file's path), "continued_from_step"
// (the step its state had reached; the record's first batch is the one after it) and, when the
// session names the run it was saved from, "continued_from_run" (that run's record). A re-run
// (`weightscope-cli rerun`) starts from the session's state again.
void markContinuedFromSession(RunHeader& header, const std::string& sessionPath, const std::string& sessionRun,
    int64_t sessionStep);

// A session on `setup` recorded with `header` into runsDir (empty: not recorded), as the
// Playground trains: pausing on divergence, and writing at most once a second (its epochs last
// milliseconds).
std::unique_ptr<RecordedTraining> makePlaygroundSession(PlaygroundSetup& setup, const RunHeader& header,
    const std::string& runsDir);

} // namespace ws
