// SPDX-License-Identifier: GPL-3.0-or-later
// Re-running a recorded run the way it went: the events a person caused while it trained
// (learning-rate changes, weights typed into the Playground) are replayed at the step they were
// recorded at, a divergence that was followed by more training is resumed as it was, and the
// re-run stops after as many batches as the record holds. With the same seed and thread count
// the re-run's history is then the record's, bit for bit (wall times aside).
#pragma once

#include "run/RecordedTraining.h"
#include "run/RunRecord.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ws {

struct ReplayPlan {
    std::vector<RunEvent> events; // in the order they were recorded
    int64_t batches = 0;          // batch rows in the record; 0: run to the configured end
    bool pauseOnDivergence = false; // the run went on after a divergence (the GUI pauses there)
};

// Reads the events and the number of batch rows of the run file at `path`. `whole`: run to the
// configured end instead of stopping where the record stops (a finished command-line run).
ReplayPlan replayPlan(const std::string& path, bool whole);

// Chains onto the session's trainer (set the front end's onBatch/onDiverged first): replays the
// plan's events at their steps and stops after plan.batches batches. Keep the returned object
// alive until run() returns.
std::shared_ptr<void> replay(RecordedTraining& session, const ReplayPlan& plan);

} // namespace ws
