// SPDX-License-Identifier: GPL-3.0-or-later
// Run records made by the real command line: a training killed with SIGKILL leaves a readable
// record of its completed epochs, and runs with the same seed and thread count (trained twice,
// or re-run from a record, the Playground's included) have bit-identical histories and weights.
#include "CliRun.h"
#include "RunCompare.h"
#include "TempDir.h"

#include "formats/WeightFormats.h"
#include "run/RunRecord.h"
#include "run/RunStore.h"
#include "io/ModelFile.h"
#include "run/PlaygroundRun.h"
#include "run/RunWeightFile.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ws;
using ws::test::TempDir;
using ws::test::expectIdenticalRuns;
using ws::test::runFiles;
using ws::test::sameBits;
namespace fs = std::filesystem;

namespace {

// The exit status alone: these tests look at the run files the command line leaves.
int runCli(const std::vector<std::string>& args) { return ws::test::runCli(args).status; }

} // namespace

TEST(RunRecordCli, AKilledTrainingLeavesItsCompletedEpochsReadable)
{
    TempDir dir;
    int pipeFd[2];
    ASSERT_EQ(pipe(pipeFd), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        dup2(pipeFd[1], STDOUT_FILENO);
        close(pipeFd[0]);
        close(pipeFd[1]);
        // Epochs of a few hundred milliseconds: the kill lands while an epoch trains, not while
        // the previous one is being flushed (the only moment a kill can damage the file), even
        // when a loaded machine delays the kill (8000 samples, tens of ms, failed once at load 4).
        execl(WS_CLI, WS_CLI, "train", "--dataset", "spiral", "--samples", "40000", "--model",
            "dense(64) relu dense(64) relu dense(2)", "--epochs", "100000", "--batch", "10", "--threads", "1",
            "--runs-dir", dir.path.c_str(), "--name", "killed", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(pipeFd[1]);
    std::string out;
    char buf[256];
    int epochLines = 0;
    while (epochLines < 2) {
        const ssize_t n = read(pipeFd[0], buf, sizeof buf);
        if (n <= 0)
            break;
        out.append(buf, size_t(n));
        epochLines = 0;
        for (size_t at = out.find("\nepoch "); at != std::string::npos; at = out.find("\nepoch ", at + 1))
            if (out.find('\n', at + 1) != std::string::npos) // a whole line
                ++epochLines;
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    close(pipeFd[0]);
    ASSERT_EQ(epochLines, 2) << "the training did not report two epochs:\n" << out;
    ASSERT_TRUE(WIFSIGNALED(status)) << "the process ended before the kill:\n" << out;

    const auto files = runFiles(dir.path);
    ASSERT_EQ(files.size(), 1u);
    const RunInfo info = readRunInfo(files[0]);
    EXPECT_EQ(info.status, RunStatus::Interrupted) << "status running, and its process is gone";
    EXPECT_EQ(info.header.name, "killed");
    EXPECT_GE(info.epochsCompleted, 2);
    const RunHistory epochs = readRunHistory(files[0], HistoryKind::Epoch);
    const RunHistory batches = readRunHistory(files[0], HistoryKind::Batch);
    ASSERT_GE(epochs.size(), 2u);
    EXPECT_EQ(epochs.size(), size_t(info.epochsCompleted));
    EXPECT_EQ(batches.size(), epochs.size() * 2000) << "20000 training points in batches of 10, per epoch";
    EXPECT_EQ(epochs.step[1], 4000);
    EXPECT_TRUE(std::isfinite(epochs.loss[1]));
    EXPECT_TRUE(info.final.is_null());
    // The rerun of a killed record works too: its config was written first.
    EXPECT_EQ(info.header.config["train"]["threads"], 1);
}

TEST(RunRecordCli, SameSeedAndThreadsGiveBitIdenticalRunsAndSoDoesRerun)
{
    TempDir dir;
    const std::vector<std::string> args = { "train", "--dataset", "spiral", "--samples", "300", "--epochs", "3",
        "--batch", "16", "--seed", "7", "--threads", "2", "--validation-split", "0.2", "--optimizer", "sgd",
        "--momentum", "0.9", "--lr", "0.05", "--checkpoint-every", "2", "--runs-dir", dir.path, "--quiet" };
    ASSERT_EQ(runCli(args), 0);
    ASSERT_EQ(runCli(args), 0);
    auto files = runFiles(dir.path);
    ASSERT_EQ(files.size(), 2u);
    expectIdenticalRuns(files[0], files[1]);
    EXPECT_EQ(readRunInfo(files[0]).checkpoints, (std::vector<std::string> { "epoch_0002", "final" }));

    ASSERT_EQ(runCli({ "rerun", files[0], "--runs-dir", dir.path, "--name", "again" }), 0);
    const auto after = runFiles(dir.path);
    ASSERT_EQ(after.size(), 3u);
    std::string rerun;
    for (const auto& f : after)
        if (f != files[0] && f != files[1])
            rerun = f;
    EXPECT_EQ(readRunInfo(rerun).header.name, "again");
    expectIdenticalRuns(files[0], rerun);

    // A different seed gives a different history: the comparison above can fail.
    std::vector<std::string> other = args;
    *std::find(other.begin(), other.end(), "7") = "8";
    ASSERT_EQ(runCli(other), 0);
    std::string seed8;
    for (const auto& f : runFiles(dir.path))
        if (std::find(after.begin(), after.end(), f) == after.end())
            seed8 = f;
    EXPECT_FALSE(sameBits(readRunHistory(files[0], HistoryKind::Batch).loss, readRunHistory(seed8, HistoryKind::Batch).loss));
}

TEST(RunRecordCli, ASavedModelNamesTheDatasetByTheSameFingerprintAsItsRun)
{
    TempDir dir;
    const std::string model = dir.path + "/model.h5";
    ASSERT_EQ(runCli({ "train", "--dataset", "circle", "--samples", "200", "--epochs", "1", "--seed", "3",
                  "--runs-dir", dir.path, "--save", model, "--quiet" }),
        0);
    const auto files = runFiles(dir.path);
    std::string run;
    for (const auto& f : files)
        if (f != model)
            run = f;
    ASSERT_FALSE(run.empty());
    const std::string sha = readRunInfo(run).header.dataset.at("sha256").get<std::string>();
    ASSERT_EQ(sha.size(), 64u);
    EXPECT_EQ(loadModel(model).metadata.at("dataset_sha256").get<std::string>(), sha);
}

// #7: a run's weights open in the inspector like a model file, its checkpoints too.
TEST(RunRecordCli, ARunOpensAsAWeightFileWhoseFinalWeightsAreTheTrainedModel)
{
    TempDir dir;
    const std::string saved = dir.path + "/trained.h5";
    ASSERT_EQ(runCli({ "train", "--dataset", "spiral", "--samples", "200", "--epochs", "3", "--batch", "16",
                  "--seed", "5", "--checkpoint-every", "1", "--runs-dir", dir.path, "--save", saved, "--quiet" }),
        0);
    std::string run;
    for (const auto& f : runFiles(dir.path))
        if (f != saved)
            run = f;
    ASSERT_FALSE(run.empty());

    const auto model = openWeightFile(saved);
    const auto whole = openWeightFile(run);
    EXPECT_EQ(whole->format(), "weightscope-run");
    EXPECT_EQ(whole->metadata().at("checkpoint"), "final");
    // The final weights under the model file's names, bit for bit.
    for (size_t i = 0; i < model->tensors().size(); ++i) {
        const TensorInfo& t = model->tensors()[i];
        const TensorInfo& r = whole->tensor(t.name);
        ASSERT_EQ(r.shape, t.shape) << t.name;
        const size_t j = size_t(&r - whole->tensors().data());
        const Tensor a = model->readTensor(i), b = whole->readTensor(j);
        EXPECT_EQ(std::memcmp(a.data(), b.data(), size_t(a.size()) * sizeof(float)), 0) << t.name;
    }
    // Every other checkpoint under checkpoint/<name>/: three epochs, the last one is the final state.
    const size_t n = model->tensors().size();
    EXPECT_EQ(whole->tensors().size(), 4 * n);
    const std::string first = model->tensors()[0].name;
    EXPECT_NO_THROW(whole->tensor("checkpoint/epoch_0001/" + first));
    EXPECT_NO_THROW(whole->tensor("checkpoint/epoch_0003/" + first));

    // One checkpoint alone, under the plain names; epoch 1 differs from the final weights.
    const auto epoch1 = openWeightFile(runCheckpointPath(run, "epoch_0001"));
    ASSERT_EQ(epoch1->tensors().size(), n);
    const Tensor a = epoch1->readTensor(0), b = model->readTensor(0);
    EXPECT_EQ(epoch1->tensors()[0].name, first);
    EXPECT_NE(std::memcmp(a.data(), b.data(), size_t(a.size()) * sizeof(float)), 0);
    const auto epoch3 = openWeightFile(runCheckpointPath(run, "epoch_0003"));
    const Tensor c = epoch3->readTensor(0);
    EXPECT_EQ(std::memcmp(c.data(), b.data(), size_t(c.size()) * sizeof(float)), 0);
    ASSERT_TRUE(epoch1->model().has_value());

    // Names that are no checkpoint, and '#' after a file that is no run.
    EXPECT_THROW(openWeightFile(runCheckpointPath(run, "epoch_0009")), FormatError);
    EXPECT_THROW(openWeightFile(runCheckpointPath(run, "../weights")), FormatError);
    EXPECT_THROW(openWeightFile(saved + "#final"), FormatError);
}

// #20: a Playground run (recorded by the GUI through core/run/PlaygroundRun) re-runs from the
// command line with the same history bit for bit, the person's learning-rate change included.
TEST(RunRecordCli, APlaygroundRunRerunsFromTheCommandLineBitForBit)
{
    TempDir dir;
    PlaygroundRecipe recipe;
    recipe.dataset = PlaygroundKind::Xor;
    recipe.hidden = { 5, 3 };
    recipe.optimizer = OptimizerKind::Adam;
    PlaygroundSetup setup(recipe);
    auto session = makePlaygroundSession(setup, playgroundRunHeader(setup), dir.path);
    const int64_t stopAt = 3 * setup.data.batchesPerEpoch + 2;
    session->trainer().onBatch = [&](const BatchProgress& p) {
        if (p.step == 4)
            session->setLearningRate(0.01f);
        if (p.step == stopAt)
            session->trainer().stop();
    };
    const std::string recorded = session->run().recordPath;
    ASSERT_FALSE(recorded.empty());

    ASSERT_EQ(runCli({ "rerun", recorded, "--runs-dir", dir.path, "--name", "again" }), 0);
    std::string rerun;
    for (const auto& f : runFiles(dir.path))
        if (f != recorded)
            rerun = f;
    ASSERT_FALSE(rerun.empty());
    EXPECT_EQ(readRunInfo(rerun).header.name, "again");
    EXPECT_EQ(readRunInfo(rerun).steps, stopAt);
    expectIdenticalRuns(recorded, rerun);
}
