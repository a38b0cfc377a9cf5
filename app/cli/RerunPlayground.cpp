// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli rerun of a Playground run: the recipe read back from the record, trained
// through the same core session the Playground panel uses, with the person's changes replayed
// (core/run/Replay.h), so the new record's history is the old one's bit for bit.
#include "cli/Training.h"

#include "run/DatasetFingerprint.h"
#include "run/PlaygroundRun.h"
#include "run/PlaygroundSession.h"
#include "run/RunStore.h"
#include "util/Error.h"

#include <iostream>

namespace ws::cli {

int rerunPlayground(const RunInfo& info, const RecordOptions& record)
{
    PlaygroundRecipe recipe;
    try {
        recipe = playgroundRecipeFromRun(info.header.config);
    } catch (const ConfigError& ex) {
        throw FormatError(info.path + ": the recorded config: " + ex.what());
    }
    PlaygroundSetup setup(recipe);
    RunHeader header = playgroundRunHeader(setup);
    const std::string sha = header.dataset.value("sha256", "");
    if (!record.expectedDatasetSha256.empty() && sha != record.expectedDatasetSha256)
        std::cerr << "weightscope-cli: warning: the dataset differs from the recorded one (SHA-256 " << sha
                  << ", recorded " << record.expectedDatasetSha256 << "); the results will not match\n";
    if (!record.name.empty())
        header.name = record.name;
    header.tags = record.tags;
    header.notes = record.notes;
    // #22: a run that went on from a saved session starts from the session's state again.
    std::shared_ptr<const TrainerState> from;
    if (const auto it = info.header.config.find("continued_from_session"); it != info.header.config.end() && it->is_string()) {
        const std::string sessionPath = it->get<std::string>();
        try {
            from = std::make_shared<const TrainerState>(loadPlaygroundSession(sessionPath).state);
        } catch (const std::exception& ex) {
            throw Error(info.path + ": the run went on from the Playground session " + sessionPath
                + ", which a re-run starts from: " + ex.what());
        }
        markContinuedFromSession(header, sessionPath, info.header.config.value("continued_from_run", ""), from->steps);
    }
    const std::string runsDir = record.record ? (record.runsDir.empty() ? defaultRunsDir() : record.runsDir) : "";
    auto session = makePlaygroundSession(setup, header, runsDir);
    if (from)
        session->trainer().restore(*from); // ShapeError when the session's network is not the record's
    const ReplayPlan plan = record.replay ? *record.replay : replayPlan(info.path, false);
    if (plan.batches <= 0)
        throw Error(info.path + ": the record holds no batch, so there is nothing to re-run");
    std::cout << header.dataset.value("description", "") << "\n"
              << "model: " << header.modelSummary << ", " << header.parameters << " parameters, "
              << "re-running " << plan.batches << " batches\n";
    if (!runsDir.empty())
        std::cout << "recording to " << session->recordPath() << "\n";
    const auto replaying = replay(*session, plan);
    const SessionOutcome outcome = session->run();
    std::cout << "epochs completed " << outcome.result.epochsCompleted << ", steps " << outcome.result.steps << "\n";
    if (outcome.evaluated)
        std::cout << "test loss " << outcome.evaluation.loss << ", accuracy " << outcome.evaluation.accuracy << "\n";
    if (!outcome.recordPath.empty())
        std::cout << "run recorded: " << outcome.recordPath << "\n";
    if (outcome.result.reason == StopReason::Diverged) {
        std::cerr << "weightscope-cli: training diverged: " << outcome.result.message << "\n";
        return 1;
    }
    return 0;
}

} // namespace ws::cli
