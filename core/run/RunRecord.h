// SPDX-License-Identifier: GPL-3.0-or-later
// A run record: one HDF5 file per training, written as the training goes (RunWriter) and read
// back by the runs dock and `weightscope-cli runs` (readRunInfo, readRunHistory, ...).
// Schema (docs/file-formats.md, "Run records"):
//   /                    attributes: format = "weightscope-run", format_version = 1, engine_version,
//                        created (UTC ISO 8601), start_time (Unix seconds), name, tags (JSON
//                        array), notes, status, message, config (the Experiment as JSON), dataset
//                        (JSON: description, sha256, sample counts), model_config, parameters,
//                        model_summary, progress (JSON: epochs, steps, duration), final (JSON:
//                        the test evaluation), pid, host
//   /history/batch/{step, epoch, wall_time, loss, accuracy, learning_rate}         one row per batch
//   /history/epoch/{step, epoch, wall_time, loss, accuracy, val_loss, val_accuracy, learning_rate}
//                        1-D chunked datasets with unlimited length; step int64, the rest float64;
//                        epoch is fractional for batches (2.5 = half-way through the third epoch)
//   /events/{step, epoch, wall_time, kind, detail}   learning-rate changes, weight edits and
//                        Playground sessions saved (kind "session_saved", detail {path, epoch, step})
//   /checkpoints/<name>/{weights,state}/<layer>/<param>   the native model file's layout
//                        (io/ModelTensors.h); names "epoch_0005" and "final"; attributes epoch, step
//
// Crash safety. The rename-from-a-temporary rule of the model file (#9) does not fit a file that
// grows for hours: a temporary that only becomes visible at the end would lose everything on a
// kill. Instead the writer touches the file only at epoch ends (and for checkpoints, the
// finish, and every 16384 batch rows inside a long epoch): batch rows and events wait in
// memory, then one burst of writes is followed by H5Fflush. HDF5 1.10 without SWMR gives no guarantee for a file killed in the middle of writing
// metadata, but between those bursts the file on disk is exactly the flushed, consistent state,
// so a process killed at any other moment leaves a file readable up to its last completed epoch.
// The superblock is the default (version 0) one, which has no "open for writing" flag, so such a
// file opens without h5clear. Readers switch HDF5's file locking off so they can look at a run
// that another process is still writing.
#pragma once

#include "nn/Sequential.h"
#include "train/Trainer.h"
#include "util/EnumNames.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ws {

enum class RunStatus { Running, Completed, Diverged, Stopped, Interrupted };

template <> struct EnumNames<RunStatus> {
    static constexpr std::string_view what = "run status";
    static constexpr EnumEntry<RunStatus> entries[] = {
        { RunStatus::Running, "running", "Running" },
        { RunStatus::Completed, "completed", "Completed" },
        { RunStatus::Diverged, "diverged", "Diverged" },
        { RunStatus::Stopped, "stopped", "Stopped" },
        { RunStatus::Interrupted, "interrupted", "Interrupted" },
    };
};

std::string runStatusName(RunStatus status);
RunStatus parseRunStatus(const std::string& name); // unknown names read as Interrupted

// What a run is, written when it starts.
struct RunHeader {
    std::string name;
    std::vector<std::string> tags;
    std::string notes;
    nlohmann::json config;       // the Experiment (train/Experiment.h) with loss and threads resolved
    nlohmann::json dataset;      // { description, sha256, train_samples, test_samples }
    nlohmann::json modelConfig;  // Sequential::config()
    int64_t parameters = 0;
    std::string modelSummary;    // one line: "flatten dense(256) relu ..."
};

// Columns of equal length; the epoch table also fills the validation columns (NaN where none).
struct RunHistory {
    std::vector<int64_t> step;
    std::vector<double> epoch;
    std::vector<double> wallTime; // seconds since the run started
    std::vector<double> loss;
    std::vector<double> accuracy;
    std::vector<double> valLoss;
    std::vector<double> valAccuracy;
    std::vector<double> learningRate;

    size_t size() const { return step.size(); }
};

enum class HistoryKind { Batch, Epoch };

struct RunEvent {
    int64_t step = 0;
    double epoch = 0.0;
    double wallTime = 0.0;
    std::string kind;   // "learning_rate", "weight_edit", "session_saved" (a Playground session file, #22)
    std::string detail; // JSON
};

// Everything but the history and the weights: what the runs table shows.
struct RunInfo {
    std::string path;
    RunHeader header;
    RunStatus status = RunStatus::Running; // Running read from a file whose writer is gone: Interrupted
    std::string message;                   // why it diverged or stopped
    std::string engineVersion;
    std::string created;                   // UTC ISO 8601
    double startTime = 0.0;                // Unix seconds
    int epochsCompleted = 0;
    int64_t steps = 0;
    double duration = 0.0;                 // seconds, up to the last flush
    nlohmann::json final;                  // the final evaluation: { loss, accuracy, samples }; null if none
    std::vector<std::string> checkpoints;  // names under /checkpoints
    // The Playground session files saved from this run, oldest first: the "path" of its
    // "session_saved" events (#22). The files may have been moved or deleted since.
    std::vector<std::string> savedSessions;
};

// Writes one run file. Use it from the training thread only (the Trainer's callbacks and posted
// edits all run there). Destroying an unfinished writer marks the run interrupted.
class RunWriter {
public:
    // Creates the file (refusing to overwrite one) and writes the header, flushed.
    // hiddenUntilFirstEpoch: the file is "<path>.part" until an epoch has been written, so a
    // session that never trains (a Playground opened and closed, or killed) leaves no empty run
    // in the Runs dock and nothing for the next start to call interrupted.
    RunWriter(const std::string& path, const RunHeader& header, bool hiddenUntilFirstEpoch = false);
    ~RunWriter();
    RunWriter(const RunWriter&) = delete;
    RunWriter& operator=(const RunWriter&) = delete;

    const std::string& path() const { return path_; }
    const std::string& filePath() const { return filePath_; } // where it is now: path() or "<path>.part"

    void addBatch(const BatchProgress& p);
    // Appends the waiting batch rows, the epoch row and events, updates the progress, flushes.
    void endEpoch(const EpochProgress& p);
    // Writes at an epoch's end only when this many seconds have passed since the last write
    // (default 0: every epoch). For the Playground, whose epochs last a millisecond; a kill
    // then loses at most this much time of history.
    void setMinimumFlushInterval(double seconds) { minFlushInterval_ = seconds; }
    void addEvent(const std::string& kind, const nlohmann::json& detail);
    // Stores the model's weights as /checkpoints/<name> (flushed).
    void saveCheckpoint(const std::string& name, Sequential& model);
    // Writes what is waiting, the final weights (when given), the evaluation and the status.
    void finish(RunStatus status, Sequential* model, const nlohmann::json& evaluation, const std::string& message = {});

private:
    struct Impl;
    void flushRows();
    void publish(); // "<path>.part" becomes path
    double now() const;

    std::string path_;
    std::string filePath_;
    std::unique_ptr<Impl> impl_;
    std::chrono::steady_clock::time_point start_;
    int64_t lastStep_ = 0;
    double lastEpoch_ = 0.0;
    int epochsCompleted_ = 0;
    bool finished_ = false;
    double minFlushInterval_ = 0.0;
    double lastFlush_ = 0.0;
    RunHistory batches_; // waiting for the next flush
    RunHistory epochs_;
    std::vector<RunEvent> events_;
};

// True when `path` is an HDF5 file whose root says format = "weightscope-run".
bool isRunFile(const std::string& path);
// Throws FormatError naming the file and the object that is wrong.
RunInfo readRunInfo(const std::string& path);
RunHistory readRunHistory(const std::string& path, HistoryKind kind);
std::vector<RunEvent> readRunEvents(const std::string& path);
// The model of checkpoint `name` ("final", "epoch_0005"), built from the recorded config.
Sequential loadRunWeights(const std::string& path, const std::string& name = "final");
// Changes name, tags and notes of a finished (or interrupted) run in place.
void editRunInfo(const std::string& path, const std::string& name, const std::vector<std::string>& tags,
    const std::string& notes);

} // namespace ws
