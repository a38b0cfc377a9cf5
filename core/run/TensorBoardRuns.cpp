// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/TensorBoardRuns.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <limits>

namespace ws {

namespace fs = std::filesystem;

namespace {

// Tag names, in order of preference, for each fixed column. Keras's callback writes
// batch_* (update_freq) and epoch_*; PyTorch scripts commonly use "loss", "train/loss" or
// "Loss/train". Keras logs epoch e (0-based) at step e.
struct Column {
    std::vector<double> RunHistory::*column;
    std::vector<const char*> tags;
};

const std::vector<Column>& batchColumns()
{
    static const std::vector<Column> c = {
        { &RunHistory::loss, { "batch_loss", "loss", "train/loss", "Loss/train", "train_loss", "training_loss" } },
        { &RunHistory::accuracy,
            { "batch_accuracy", "accuracy", "train/accuracy", "Accuracy/train", "train_accuracy", "train_acc", "acc" } },
        { &RunHistory::learningRate, { "batch_learning_rate", "learning_rate", "lr", "train/lr" } },
    };
    return c;
}

const std::vector<Column>& epochColumns()
{
    static const std::vector<Column> c = {
        { &RunHistory::loss, { "epoch_loss" } },
        { &RunHistory::accuracy, { "epoch_accuracy", "epoch_acc" } },
        { &RunHistory::valLoss, { "epoch_val_loss", "val_loss", "validation/loss", "Loss/val", "Loss/validation" } },
        { &RunHistory::valAccuracy,
            { "epoch_val_accuracy", "val_accuracy", "validation/accuracy", "Accuracy/val", "Accuracy/validation" } },
        { &RunHistory::learningRate, { "epoch_learning_rate", "epoch_lr" } },
    };
    return c;
}

const ScalarSeries* firstPresent(const TensorBoardData& d, const std::vector<const char*>& tags)
{
    for (const char* t : tags)
        if (auto it = d.scalars.find(t); it != d.scalars.end() && it->second.size() > 0)
            return &it->second;
    return nullptr;
}

std::string isoTime(double unixSeconds)
{
    if (!(unixSeconds > 0) || unixSeconds > 1e11)
        return {};
    const std::time_t t = std::time_t(unixSeconds);
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace

bool isTensorBoardRun(const std::string& path)
{
    std::error_code ec;
    const fs::path p(path);
    if (fs::is_regular_file(p, ec))
        return isEventFileName(p.filename().string());
    if (!fs::is_directory(p, ec))
        return false;
    for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec))
        if (isEventFileName(it->path().filename().string()))
            return true;
    return false;
}

std::vector<std::string> findTensorBoardRuns(const std::string& root)
{
    std::vector<std::string> runs;
    std::error_code ec;
    if (isTensorBoardRun(root))
        runs.push_back(root);
    if (!fs::is_directory(root, ec))
        return runs;
    // skip_permission_denied: an unreadable folder is not a reason to hide the others.
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const fs::directory_entry& e = *it;
        std::error_code typeError;
        if (e.is_symlink(typeError) || !e.is_directory(typeError))
            continue;
        if (isTensorBoardRun(e.path().string()))
            runs.push_back(e.path().string());
    }
    std::sort(runs.begin(), runs.end());
    return runs;
}

std::string tensorBoardRunName(const std::string& path)
{
    std::error_code ec;
    fs::path p = fs::path(path).lexically_normal();
    if (!p.has_filename())
        p = p.parent_path();
    if (fs::is_regular_file(p, ec))
        p = p.parent_path();
    const fs::path abs = fs::absolute(p, ec);
    const fs::path q = ec ? p : abs;
    const std::string dir = q.filename().string();
    const std::string parent = q.parent_path().filename().string();
    return parent.empty() ? dir : parent + "/" + dir;
}

RunInfo tensorBoardRunInfo(const TensorBoardData& d, const std::string& path, const std::string& name,
    const std::vector<std::string>& metrics)
{
    RunInfo r;
    r.path = path;
    r.header.name = name;
    r.header.tags = { "tensorboard" };
    r.header.config = nlohmann::json::object();
    if (!d.hparams.empty())
        r.header.config["hparams"] = d.hparams;
    r.header.dataset = nlohmann::json::object();
    for (const TextSummary& t : d.texts)
        r.header.notes += (r.header.notes.empty() ? "" : "\n") + t.tag + " @" + std::to_string(t.step) + ": " + t.text;
    // An event file records no status: a log written to lately, whose last event is about as
    // recent as the write, is taken as a training still going (the Runs dock then rescans it, as
    // it does a running record). Writers flush every 2 minutes by default (TF2's flush_millis,
    // PyTorch's flush_secs); a copied old log has a new file time but old events.
    const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    const bool live = d.lastModified > 0 && now - d.lastModified < kTensorBoardLiveSeconds &&
        d.lastModified - d.lastWallTime < kTensorBoardLiveSeconds;
    r.status = live ? RunStatus::Running : RunStatus::Completed;
    for (const std::string& w : d.warnings)
        r.message += (r.message.empty() ? "" : "; ") + w;
    r.engineVersion = d.fileVersion.empty() ? "TensorBoard event file" : "TensorBoard " + d.fileVersion;
    r.startTime = d.firstWallTime;
    r.created = isoTime(d.firstWallTime);
    r.duration = d.lastWallTime > d.firstWallTime ? d.lastWallTime - d.firstWallTime : 0.0;
    for (const auto& [tag, s] : d.scalars)
        if (s.size() > 0)
            r.steps = std::max(r.steps, s.step.back());
    if (const ScalarSeries* e = firstPresent(d, epochColumns().front().tags))
        r.epochsCompleted = int(std::min<size_t>(e->size(), size_t(std::numeric_limits<int>::max())));
    const std::vector<std::string>& names = d.experimentMetrics.empty() ? metrics : d.experimentMetrics;
    if (!d.hparams.empty())
        setFinalMetrics(r, lastScalarValues(d), names);
    return r;
}

std::map<std::string, double> lastScalarValues(const TensorBoardData& d)
{
    std::map<std::string, double> out;
    for (const auto& [tag, s] : d.scalars)
        if (s.size() > 0)
            out.emplace(tag, s.value.back());
    return out;
}

void setFinalMetrics(RunInfo& run, const std::map<std::string, double>& lastValues, const std::vector<std::string>& metrics)
{
    for (const std::string& m : metrics)
        if (auto it = lastValues.find(m); it != lastValues.end()) {
            if (!run.final.is_object())
                run.final = nlohmann::json::object();
            run.final[m] = std::isfinite(it->second) ? nlohmann::json(it->second) : nlohmann::json();
        }
}

RunInfo readTensorBoardRunInfo(const std::string& path)
{
    const TensorBoardData d = readTensorBoardData(path);
    std::vector<std::string> metrics;
    std::error_code ec;
    fs::path dir = fs::absolute(fs::path(path), ec).lexically_normal();
    if (!dir.has_filename())
        dir = dir.parent_path();
    if (fs::is_regular_file(dir, ec))
        dir = dir.parent_path();
    for (int up = 0; up < 3 && !d.hparams.empty() && d.experimentMetrics.empty() && metrics.empty(); ++up) {
        if (dir == dir.parent_path())
            break;
        dir = dir.parent_path();
        if (isTensorBoardRun(dir.string())) {
            try {
                metrics = readTensorBoardData(dir.string()).experimentMetrics;
            } catch (const std::exception&) {
                break; // an unreadable folder above: the run keeps what it has
            }
        }
    }
    return tensorBoardRunInfo(d, path, tensorBoardRunName(path), metrics);
}

RunHistory tensorBoardHistory(const TensorBoardData& d, HistoryKind kind)
{
    const bool epochs = kind == HistoryKind::Epoch;
    std::vector<std::pair<std::vector<double> RunHistory::*, const ScalarSeries*>> chosen;
    for (const Column& c : epochs ? epochColumns() : batchColumns())
        if (const ScalarSeries* s = firstPresent(d, c.tags))
            chosen.push_back({ c.column, s });
    RunHistory h;
    for (const auto& [_, s] : chosen)
        h.step.insert(h.step.end(), s->step.begin(), s->step.end());
    std::sort(h.step.begin(), h.step.end());
    h.step.erase(std::unique(h.step.begin(), h.step.end()), h.step.end());
    const size_t n = h.size();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (auto* col : { &h.epoch, &h.wallTime, &h.loss, &h.accuracy, &h.valLoss, &h.valAccuracy, &h.learningRate })
        col->assign(n, nan);
    if (!epochs) {
        h.valLoss.clear(); // the batch table has no validation columns (RunHistory's contract)
        h.valAccuracy.clear();
    }
    for (const auto& [column, s] : chosen) {
        std::vector<double>& out = h.*column;
        size_t k = 0;
        for (size_t i = 0; i < s->size(); ++i) {
            while (h.step[k] != s->step[i])
                ++k; // both ascending, every step of s is in h
            out[k] = s->value[i];
            if (std::isnan(h.wallTime[k]) && d.firstWallTime > 0)
                h.wallTime[k] = s->wallTime[i] - d.firstWallTime;
        }
    }
    if (epochs)
        for (size_t k = 0; k < n; ++k)
            h.epoch[k] = double(h.step[k]) + 1.0; // Keras logs epoch e (0-based) at step e
    return h;
}

} // namespace ws
