// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/PlaygroundRun.h"

#include "run/DatasetFingerprint.h"
#include "run/RunStore.h"

namespace ws {

PlaygroundSetup::PlaygroundSetup(const PlaygroundRecipe& r)
    : recipe(r)
    , data(makePlaygroundSets(r))
    , model(makePlaygroundModel(r))
    , config(playgroundTrainConfig(r))
{
}

RunHeader playgroundRunHeader(const PlaygroundSetup& s)
{
    const PlaygroundRecipe& r = s.recipe;
    const Dataset& train = s.data.train;
    const Dataset& test = s.data.test;
    RunHeader h;
    std::string model = "mlp";
    for (size_t i = 0; i < r.hidden.size(); ++i)
        model.append(i ? "x" : "").append(std::to_string(r.hidden[i]));
    h.name = runName(playgroundName(r.dataset), model, r.learningRate, r.modelSeed);
    h.tags = { "playground" };
    h.config = playgroundRunConfig(r);
    h.dataset = { { "description", playgroundName(r.dataset) + ": " + std::to_string(train.size()) + " train, "
                      + std::to_string(test.size()) + " test (Playground)" },
        { "sha256", datasetSha256(train, test) }, { "train_samples", train.size() }, { "test_samples", test.size() } };
    h.modelConfig = s.model.config();
    h.parameters = s.model.paramCount();
    h.modelSummary = playgroundModelSummary(r, s.model);
    return h;
}

void markContinuedFromSession(RunHeader& header, const std::string& sessionPath, const std::string& sessionRun,
    int64_t sessionStep)
{
    header.config["continued_from_session"] = sessionPath;
    header.config["continued_from_step"] = sessionStep;
    if (!sessionRun.empty())
        header.config["continued_from_run"] = sessionRun;
}

std::unique_ptr<RecordedTraining> makePlaygroundSession(PlaygroundSetup& s, const RunHeader& header, const std::string& runsDir)
{
    RecordingOptions options;
    options.runsDir = runsDir;
    options.minimumFlushInterval = 1.0;
    auto session = std::make_unique<RecordedTraining>(s.model, s.data.train, nullptr, s.data.test, s.config, header, options);
    session->trainer().setPauseOnDivergence(true);
    return session;
}

} // namespace ws
