// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/RunStore.h"

#include "run/TensorBoardRuns.h"

#include "util/Error.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

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

// Threads reading TensorBoard logs in a scan, the calling one included.
constexpr size_t kScanThreads = 4;

RunListing scanRuns(const std::string& dir, const RunProgress& progress)
{
    RunListing out;
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".h5" && it->is_regular_file(ec))
            files.push_back(it->path());
    const std::vector<std::string> tensorBoard = findTensorBoardRuns(dir);
    const size_t total = files.size() + tensorBoard.size();
    size_t done = 0;
    const auto goOn = [&] {
        out.cancelled = progress && !progress(done, total);
        ++done;
        return !out.cancelled;
    };
    for (const fs::path& f : files) {
        if (!goOn())
            return out;
        try {
            out.runs.push_back(readRunInfo(f.string()));
        } catch (const std::exception& e) {
            out.errors.emplace_back(e.what());
        }
    }
    // TensorBoard runs at any depth, named by their path relative to the folder like TensorBoard
    // does. They are read on up to kScanThreads threads: parsing the events is the scan's cost
    // (500 logs of 10,000 points took 2.4 s of CPU on one thread, docs/benchmarks.md). Only the
    // calling thread reports progress; a cancel stops every thread before its next run. Run
    // records stay on one thread above: Debian's HDF5 is built without thread safety.
    struct ReadRun {
        std::optional<RunInfo> info; // empty: not read (cancelled) or unreadable
        std::string error;
        std::vector<std::string> experimentMetrics;
        bool inherits = false; // hparams without metric names: an ancestor's experiment names them
        std::map<std::string, double> lastValues; // for those names, when inherits
    };
    std::vector<ReadRun> read(tensorBoard.size());
    std::atomic<size_t> next { 0 }, finished { 0 };
    std::atomic<bool> stop { false };
    const auto work = [&](bool reports) {
        for (size_t i = next++; i < read.size() && !stop; i = next++) {
            if (reports && progress && !progress(files.size() + finished, total)) {
                stop = true;
                break;
            }
            ReadRun& r = read[i];
            try {
                const TensorBoardData data = readTensorBoardData(tensorBoard[i]);
                const std::string name = fs::path(tensorBoard[i]).lexically_relative(dir).generic_string();
                r.info = tensorBoardRunInfo(data, tensorBoard[i], name.empty() ? "." : name);
                r.experimentMetrics = data.experimentMetrics;
                r.inherits = data.experimentMetrics.empty() && !data.hparams.empty();
                if (r.inherits)
                    r.lastValues = lastScalarValues(data);
            } catch (const std::exception& e) {
                r.error = e.what();
            }
            ++finished;
        }
    };
    const size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const size_t helpers = std::min({ read.size() / 2, kScanThreads - 1, cores - 1 });
    {
        std::vector<std::jthread> pool;
        for (size_t t = 0; t < helpers; ++t)
            pool.emplace_back(work, false);
        work(true);
    }
    out.cancelled = stop;
    // The hparams experiment's summary sits in an ancestor's run (sorted first) and names the
    // metrics its sessions below report.
    std::vector<std::pair<fs::path, std::vector<std::string>>> experiments;
    for (size_t i = 0; i < read.size(); ++i) {
        ReadRun& r = read[i];
        if (!r.error.empty())
            out.errors.push_back(std::move(r.error));
        if (!r.info)
            continue;
        std::vector<std::string> metrics;
        for (const auto& [where, names] : experiments)
            if (fs::path(tensorBoard[i]).lexically_relative(where).native().rfind("..", 0) != 0)
                metrics = names; // the nearest ancestor's experiment, which comes last
        if (!r.experimentMetrics.empty())
            experiments.push_back({ tensorBoard[i], r.experimentMetrics });
        if (r.inherits)
            setFinalMetrics(*r.info, r.lastValues, metrics);
        out.runs.push_back(std::move(*r.info));
    }
    if (out.cancelled)
        return out;
    std::stable_sort(out.runs.begin(), out.runs.end(), [](const RunInfo& a, const RunInfo& b) {
        return a.startTime != b.startTime ? a.startTime < b.startTime : a.path < b.path;
    });
    if (progress)
        progress(total, total);
    return out;
}

std::string defaultRunName(const Experiment& experiment)
{
    std::string data = fs::path(experiment.dataset.name).stem().string();
    std::string model = experiment.model.is_string() ? experiment.model.get<std::string>() : "custom";
    if (model.find(' ') != std::string::npos || model.find('(') != std::string::npos)
        model = "custom";
    return runName(data, model, experiment.train.optimizer.learningRate, experiment.train.seed);
}

std::string runName(const std::string& data, const std::string& model, double learningRate, uint64_t seed)
{
    // The learning rate and the seed: six runs of a sweep were all "spiral-auto" in the table,
    // the legend and the CSV.
    char lr[32];
    std::snprintf(lr, sizeof lr, "%g", learningRate);
    return data + "-" + model + "-lr" + lr + "-seed" + std::to_string(seed);
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
