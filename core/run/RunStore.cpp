// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/RunStore.h"

#include "run/TensorBoardRuns.h"

#include "util/Error.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace ws {

namespace fs = std::filesystem;

std::string defaultRunsDir()
{
    const char* xdg = std::getenv("XDG_DATA_HOME");
    if (xdg && *xdg && fs::path(xdg).is_absolute()) // the spec says relative values are invalid
        return (fs::path(xdg) / "weightscope" / "runs").string();
    const char* home = std::getenv("HOME");
    return (fs::path(home && *home ? home : ".") / ".local" / "share" / "weightscope" / "runs").string();
}

std::string newRunPath(const std::string& dir, const std::string& name)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error(dir + ": cannot create the runs folder: " + ec.message());
    std::string clean;
    for (char c : name)
        clean += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
    if (clean.size() > 80)
        clean.resize(80);
    const std::time_t t = std::time(nullptr);
    std::tm tm {};
    localtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    const std::string base = std::string(stamp) + "_" + (clean.empty() ? "run" : clean);
    for (int i = 1;; ++i) {
        std::string file = base;
        if (i > 1) // appended piecewise: GCC 12 warns (-Wrestrict) about "-" + std::to_string(i)
            file.append("-").append(std::to_string(i));
        const fs::path p = fs::path(dir) / (file + ".h5");
        if (!fs::exists(p, ec) && !fs::exists(p.string() + ".part", ec))
            return p.string();
    }
}

void removeAbandonedRuns(const std::string& dir)
{
    std::error_code ec;
    std::vector<fs::path> parts;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".part" && it->path().stem().extension() == ".h5" && it->is_regular_file(ec))
            parts.push_back(it->path());
    for (const fs::path& p : parts) {
        bool abandoned = false;
        try {
            abandoned = readRunInfo(p.string()).status == RunStatus::Interrupted; // its writer is gone
        } catch (const std::exception&) {
            // A header that was never completed: its writer died while creating it, or it is
            // still being written this moment. Only an old one is surely abandoned.
            const auto age = fs::file_time_type::clock::now() - fs::last_write_time(p, ec);
            abandoned = !ec && age > std::chrono::hours(1);
        }
        if (abandoned)
            fs::remove(p, ec);
    }
}

RunListing scanRuns(const std::string& dir)
{
    RunListing out;
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".h5" && it->is_regular_file(ec))
            files.push_back(it->path());
    for (const fs::path& f : files) {
        try {
            out.runs.push_back(readRunInfo(f.string()));
        } catch (const std::exception& e) {
            out.errors.emplace_back(e.what());
        }
    }
    // TensorBoard runs at any depth, named by their path relative to the folder like TensorBoard
    // does. The hparams experiment's summary sits in an ancestor's run (sorted first) and names
    // the metrics its sessions below report.
    std::vector<std::pair<fs::path, std::vector<std::string>>> experiments;
    for (const std::string& run : findTensorBoardRuns(dir)) {
        try {
            const TensorBoardData data = readTensorBoardData(run);
            std::vector<std::string> metrics;
            for (const auto& [where, names] : experiments)
                if (fs::path(run).lexically_relative(where).native().rfind("..", 0) != 0)
                    metrics = names; // the nearest ancestor's experiment, which comes last
            if (!data.experimentMetrics.empty())
                experiments.push_back({ run, data.experimentMetrics });
            std::string name = fs::path(run).lexically_relative(dir).generic_string();
            out.runs.push_back(tensorBoardRunInfo(data, run, name.empty() ? "." : name, metrics));
        } catch (const std::exception& e) {
            out.errors.emplace_back(e.what());
        }
    }
    std::stable_sort(out.runs.begin(), out.runs.end(), [](const RunInfo& a, const RunInfo& b) {
        return a.startTime != b.startTime ? a.startTime < b.startTime : a.path < b.path;
    });
    return out;
}

std::string defaultRunName(const Experiment& experiment)
{
    std::string data = fs::path(experiment.dataset.name).stem().string();
    std::string model = experiment.model.is_string() ? experiment.model.get<std::string>() : "custom";
    if (model.find(' ') != std::string::npos || model.find('(') != std::string::npos)
        model = "custom";
    // The learning rate and the seed: six runs of a sweep were all "spiral-auto" in the table,
    // the legend and the CSV.
    char lr[32];
    std::snprintf(lr, sizeof lr, "%g", double(experiment.train.optimizer.learningRate));
    return data + "-" + model + "-lr" + lr + "-seed" + std::to_string(experiment.train.seed);
}

RunHeader makeRunHeader(const std::string& name, const Experiment& experiment, const Sequential& model,
    const std::string& datasetDescription, const std::string& datasetSha256, int64_t trainSamples,
    int64_t testSamples)
{
    RunHeader h;
    h.name = name;
    h.config = experiment.toJson();
    h.dataset = { { "description", datasetDescription }, { "sha256", datasetSha256 },
        { "train_samples", trainSamples }, { "test_samples", testSamples } };
    h.modelConfig = model.config();
    h.parameters = model.paramCount();
    for (const auto& row : model.summary())
        h.modelSummary += (h.modelSummary.empty() ? "" : " ") + row.type;
    return h;
}

void recordTraining(Trainer& trainer, Sequential& model, RunWriter& writer, std::vector<int> checkpointEpochs)
{
    auto batch = std::move(trainer.onBatch);
    trainer.onBatch = [batch = std::move(batch), &writer](const BatchProgress& p) {
        writer.addBatch(p);
        if (batch)
            batch(p);
    };
    auto epoch = std::move(trainer.onEpoch);
    trainer.onEpoch = [epoch = std::move(epoch), &writer, &model, checkpointEpochs](const EpochProgress& p) {
        writer.endEpoch(p);
        if (std::find(checkpointEpochs.begin(), checkpointEpochs.end(), p.epoch + 1) != checkpointEpochs.end()) {
            char name[32];
            std::snprintf(name, sizeof name, "epoch_%04d", p.epoch + 1);
            writer.saveCheckpoint(name, model);
        }
        if (epoch)
            epoch(p);
    };
}

RunStatus statusOf(StopReason reason)
{
    switch (reason) {
    case StopReason::Finished: return RunStatus::Completed;
    case StopReason::Stopped: return RunStatus::Stopped;
    case StopReason::Diverged: return RunStatus::Diverged;
    }
    return RunStatus::Interrupted;
}

nlohmann::json runEvaluationJson(const Evaluation& ev)
{
    const auto num = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
    return { { "loss", num(ev.loss) }, { "accuracy", num(ev.accuracy) }, { "samples", ev.samples } };
}

} // namespace ws
