// SPDX-License-Identifier: GPL-3.0-or-later
// TensorBoard event files read as data: every scalar, histogram and text summary of a run, and
// the hparams plugin's experiment and session, with all points kept (TensorBoard's own loader
// samples 1,000 scalars per tag). Files are TFRecords (run/TfRecord.h) of `Event` protobufs
// (run/proto/tensorboard.proto, parsed with Debian's libprotobuf). run/TensorBoardRuns turns a
// log directory into Weightscope runs.
//
// What is read (docs/file-formats.md, "TensorBoard event files"):
//   scalars     Summary.Value.simple_value (TF1, PyTorch's SummaryWriter), and a 0-d tensor of
//               float, double or half under plugin "scalars" (TF2, Keras)
//   histograms  HistogramProto (PyTorch, TF1: bucket_limit are right edges, the first left edge
//               is `min`), and a (k, 3) tensor of [left, right, count] under plugin "histograms"
//   text        a string tensor under plugin "text" (elements joined by newlines)
//   hparams     plugin "hparams": the Experiment (hyper-parameter and metric names) and the
//               SessionStartInfo (this run's hyper-parameters)
// Everything else (images, audio, graphs, unknown plugins) is skipped. A value's plugin is taken
// from its metadata, else from the first value of that tag that had metadata (TF2 and PyTorch
// write it once per tag).
//
// Several files of one run (a restarted training) merge by step: where two points share a tag
// and a step, the one with the later wall time wins, as TensorBoard shows.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ws {

struct ScalarSeries {
    std::vector<int64_t> step;     // ascending, unique
    std::vector<double> wallTime;  // Unix seconds
    std::vector<double> value;

    size_t size() const { return step.size(); }
};

struct HistogramSeries {
    std::vector<int64_t> step;
    std::vector<double> wallTime;
    // Per step, the buckets as [left, right, count] triples (TF2's layout), flattened.
    std::vector<std::vector<double>> buckets;

    size_t size() const { return step.size(); }
};

struct TextSummary {
    std::string tag;
    int64_t step = 0;
    double wallTime = 0.0;
    std::string text;
};

struct TensorBoardData {
    std::vector<std::string> files;                 // the event files read, in name order
    std::string fileVersion;                        // "brain.Event:2"
    std::map<std::string, ScalarSeries> scalars;
    std::map<std::string, HistogramSeries> histograms;
    std::vector<TextSummary> texts;                 // by step
    nlohmann::json hparams = nlohmann::json::object(); // SessionStartInfo.hparams: name -> number, string or bool
    std::vector<std::string> experimentHParams;     // Experiment.hparam_infos' names (the experiment's summary run)
    std::vector<std::string> experimentMetrics;     // Experiment.metric_infos' tags ("group/tag" when grouped)
    double firstWallTime = 0.0;                     // of any event; 0 when there is none
    double lastWallTime = 0.0;
    double lastModified = 0.0;                      // the newest file's modification time, Unix seconds (0: unknown)
    size_t events = 0;           // events parsed
    size_t skippedRecords = 0;   // records with a wrong CRC
    size_t unreadableEvents = 0; // records whose bytes are not an Event, or whose summary makes no sense
    std::vector<std::string> warnings; // one line each, naming the file and the place
};

// True for TensorBoard's event-file names: "events.out.tfevents.*".
bool isEventFileName(const std::string& fileName);

// One event file, or every event file directly inside a directory (not its subdirectories:
// those are other runs). Never throws for bad contents: what could be read is returned with
// warnings; throws FormatError only when the path cannot be read at all.
TensorBoardData readTensorBoardData(const std::string& path);

// The bytes of one event file (`name` names it in the warnings), merged into `into`; call
// finishTensorBoardData once all files are in. For the fuzz target and the reader above.
void addEventFile(TensorBoardData& into, const uint8_t* bytes, size_t size, const std::string& name);
void finishTensorBoardData(TensorBoardData& data);

// The bytes of an event file of one scalar tag, as PyTorch's SummaryWriter writes it (one Event
// per step from 0, Summary.Value.simple_value, wall time wall0 + step seconds), TFRecord-framed:
// for tests and benchmarks that need TensorBoard runs of a chosen size.
std::string scalarEventFile(const std::string& tag, const std::vector<float>& values, double wall0);

} // namespace ws
