// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/TensorBoardEvents.h"

#include "io/MappedFile.h"
#include "run/TfRecord.h"
#include "tensor/DType.h"
#include "util/Error.h"
#include "util/Utf8.h"

#include "tensorboard.pb.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <numeric>

namespace ws {

namespace fs = std::filesystem;
namespace tb = weightscope::tb;

namespace {

enum class Plugin { Unknown, Scalars, Histograms, Text, HParams };

Plugin pluginOf(const std::string& name)
{
    if (name == "scalars")
        return Plugin::Scalars;
    if (name == "histograms")
        return Plugin::Histograms;
    if (name == "text")
        return Plugin::Text;
    if (name == "hparams")
        return Plugin::HParams;
    return Plugin::Unknown;
}

// The number of elements a shape holds, or -1 when a dimension is negative or the product
// exceeds `limit` (no tensor in a record holds more elements than the record has bytes).
int64_t elementCount(const tb::TensorShapeProto& shape, int64_t limit)
{
    int64_t n = 1;
    for (const auto& d : shape.dim()) {
        if (d.size() < 0 || (d.size() > 0 && n > limit / d.size()))
            return -1;
        n *= d.size();
    }
    return n;
}

// A numeric tensor's values as doubles: tensor_content (little-endian, the element size times
// the count) or the typed repeated field. False when the dtype is not a float type or the
// sizes disagree.
bool tensorValues(const tb::TensorProto& t, size_t recordSize, std::vector<double>& out)
{
    const int64_t n = elementCount(t.tensor_shape(), int64_t(recordSize));
    if (n < 0)
        return false;
    out.clear();
    const std::string& raw = t.tensor_content();
    const auto fromContent = [&](size_t width, auto convert) {
        if (raw.size() != size_t(n) * width)
            return false;
        out.resize(size_t(n));
        for (size_t i = 0; i < size_t(n); ++i)
            out[i] = convert(raw.data() + i * width);
        return true;
    };
    // The typed repeated field, used when tensor_content is empty.
    const auto fromTyped = [&](const auto& field, auto convert) {
        if (field.size() != n)
            return false;
        for (const auto v : field)
            out.push_back(convert(v));
        return true;
    };
    const bool typed = raw.empty();
    switch (t.dtype()) {
    case tb::DT_FLOAT:
        if (typed && t.float_val_size() > 0)
            return fromTyped(t.float_val(), [](float f) { return double(f); });
        return fromContent(4, [](const char* p) { float f; std::memcpy(&f, p, 4); return double(f); });
    case tb::DT_DOUBLE:
        if (typed && t.double_val_size() > 0)
            return fromTyped(t.double_val(), [](double d) { return d; });
        return fromContent(8, [](const char* p) { double d; std::memcpy(&d, p, 8); return d; });
    case tb::DT_HALF:
        if (typed && t.half_val_size() > 0)
            return fromTyped(t.half_val(), [](int32_t h) { return double(halfToFloat(uint16_t(h))); });
        return fromContent(2, [](const char* p) { uint16_t h; std::memcpy(&h, p, 2); return double(halfToFloat(h)); });
    default:
        return false;
    }
}

// A HistogramProto as [left, right, count] triples: bucket_limit holds right edges, the first
// bucket starts at min (PyTorch's and TF1's encoding; TensorBoard converts it the same way).
bool histogramBuckets(const tb::HistogramProto& h, std::vector<double>& out)
{
    if (h.bucket_limit_size() != h.bucket_size())
        return false;
    out.clear();
    double left = h.min();
    for (int i = 0; i < h.bucket_size(); ++i) {
        const double right = h.bucket_limit(i);
        out.insert(out.end(), { std::min(left, right), right, h.bucket(i) });
        left = right;
    }
    return true;
}

void putHParam(nlohmann::json& into, const std::string& name, const tb::Value& v)
{
    switch (v.kind_case()) {
    case tb::Value::kNumberValue: into[name] = v.number_value(); break;
    case tb::Value::kStringValue: into[name] = toValidUtf8(v.string_value()); break;
    case tb::Value::kBoolValue: into[name] = v.bool_value(); break;
    default: break; // lists and structs: not a hyper-parameter value the hparams plugin writes
    }
}

} // namespace

namespace {

void warn(TensorBoardData& d, std::string message)
{
    // A hostile file can make one warning per record: keep the first few and a count.
    if (d.warnings.size() < 20)
        d.warnings.push_back(std::move(message));
}

// The indices of a series' points sorted by (step, wall time), keeping for each step the last:
// the point of the later run after a restart.
std::vector<size_t> mergeOrder(const std::vector<int64_t>& step, const std::vector<double>& wall)
{
    std::vector<size_t> idx(step.size());
    std::iota(idx.begin(), idx.end(), size_t(0));
    // A wall time that is NaN sorts first (as the earliest): NaN compares false both ways, which
    // would break the ordering the sort needs.
    const auto when = [&](size_t i) { return std::isnan(wall[i]) ? -INFINITY : wall[i]; };
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
        if (step[a] != step[b])
            return step[a] < step[b];
        return when(a) < when(b);
    });
    std::vector<size_t> keep;
    keep.reserve(idx.size());
    for (size_t k = 0; k < idx.size(); ++k)
        if (k + 1 == idx.size() || step[idx[k + 1]] != step[idx[k]])
            keep.push_back(idx[k]);
    return keep;
}

template <class T>
void applyOrder(std::vector<T>& v, const std::vector<size_t>& order)
{
    std::vector<T> out;
    out.reserve(order.size());
    for (size_t i : order)
        out.push_back(std::move(v[i]));
    v = std::move(out);
}

bool sortedUnique(const std::vector<int64_t>& step)
{
    for (size_t i = 1; i < step.size(); ++i)
        if (step[i] <= step[i - 1])
            return false;
    return true;
}

} // namespace

bool isEventFileName(const std::string& fileName)
{
    return fileName.rfind("events.out.tfevents.", 0) == 0;
}

void addEventFile(TensorBoardData& d, const uint8_t* bytes, size_t size, const std::string& name)
{
    d.files.push_back(name);
    // Plugins declared in earlier files of the run stay known: a restarted writer may not repeat them.
    std::map<std::string, Plugin> plugins;
    for (const auto& [tag, _] : d.scalars)
        plugins[tag] = Plugin::Scalars;
    for (const auto& [tag, _] : d.histograms)
        plugins[tag] = Plugin::Histograms;
    tb::Event event;
    std::vector<double> values;
    size_t recordIndex = 0;
    const TfRecordStats stats = forEachTfRecord(bytes, size, name, [&](const uint8_t* data, size_t n) {
        ++recordIndex;
        if (n > size_t(INT32_MAX) || !event.ParseFromArray(data, int(n))) {
            ++d.unreadableEvents;
            warn(d, name + ": record " + std::to_string(recordIndex) + ": not an Event protobuf; skipped");
            return;
        }
        ++d.events;
        const double wall = event.wall_time();
        if (std::isfinite(wall) && wall > 0) {
            if (d.firstWallTime == 0 || wall < d.firstWallTime)
                d.firstWallTime = wall;
            d.lastWallTime = std::max(d.lastWallTime, wall);
        }
        if (event.what_case() == tb::Event::kFileVersion) {
            if (d.fileVersion.empty())
                d.fileVersion = toValidUtf8(event.file_version());
            return;
        }
        if (event.what_case() != tb::Event::kSummary)
            return;
        const int64_t step = event.step();
        for (const tb::Summary::Value& v : event.summary().value()) {
            const std::string tag = toValidUtf8(v.tag());
            Plugin plugin = Plugin::Unknown;
            if (v.has_metadata() && v.metadata().has_plugin_data()) {
                plugin = pluginOf(v.metadata().plugin_data().plugin_name());
                plugins.emplace(tag, plugin);
            } else if (auto it = plugins.find(tag); it != plugins.end()) {
                plugin = it->second;
            }
            const auto bad = [&](const char* what) {
                ++d.unreadableEvents;
                warn(d, name + ": record " + std::to_string(recordIndex) + ", tag '" + tag + "': " + what + "; skipped");
            };
            const auto addScalar = [&](double value) {
                ScalarSeries& s = d.scalars[tag];
                s.step.push_back(step);
                s.wallTime.push_back(wall);
                s.value.push_back(value);
            };
            const auto addHistogram = [&] {
                HistogramSeries& h = d.histograms[tag];
                h.step.push_back(step);
                h.wallTime.push_back(wall);
                h.buckets.push_back(values);
            };
            switch (v.value_case()) {
            case tb::Summary::Value::kSimpleValue:
                addScalar(double(v.simple_value()));
                break;
            case tb::Summary::Value::kHisto: {
                if (!histogramBuckets(v.histo(), values)) {
                    bad("a histogram whose bucket and bucket_limit counts differ");
                    break;
                }
                addHistogram();
                break;
            }
            case tb::Summary::Value::kTensor: {
                const tb::TensorProto& t = v.tensor();
                if (plugin == Plugin::Scalars) {
                    if (!tensorValues(t, n, values) || values.size() != 1) {
                        bad("a scalar tensor that is not one float, double or half");
                        break;
                    }
                    addScalar(values[0]);
                } else if (plugin == Plugin::Histograms) {
                    // (k, 3) of [left, right, count]; an empty histogram is (0, 3) or (0,).
                    const bool shaped = t.tensor_shape().dim_size() == 2 && t.tensor_shape().dim(1).size() == 3;
                    if (!tensorValues(t, n, values) || (!shaped && !values.empty())) {
                        bad("a histogram tensor that is not (k, 3) floats");
                        break;
                    }
                    addHistogram();
                } else if (plugin == Plugin::Text) {
                    if (t.dtype() != tb::DT_STRING) {
                        bad("a text summary that is not a string tensor");
                        break;
                    }
                    std::string text;
                    for (const std::string& s : t.string_val())
                        text += (text.empty() ? "" : "\n") + toValidUtf8(s);
                    d.texts.push_back({ tag, step, wall, std::move(text) });
                } else if (plugin == Plugin::HParams) {
                    tb::HParamsPluginData hp;
                    const std::string& content = v.metadata().plugin_data().content();
                    if (!hp.ParseFromString(content)) {
                        bad("hparams plugin data that is not an HParamsPluginData protobuf");
                        break;
                    }
                    if (hp.has_session_start_info())
                        for (const tb::HParamEntry& e : hp.session_start_info().hparams())
                            putHParam(d.hparams, toValidUtf8(e.key()), e.value());
                    if (hp.has_experiment()) {
                        for (const auto& info : hp.experiment().hparam_infos())
                            d.experimentHParams.push_back(toValidUtf8(info.name()));
                        for (const auto& info : hp.experiment().metric_infos()) {
                            const std::string group = toValidUtf8(info.name().group());
                            const std::string metric = toValidUtf8(info.name().tag());
                            d.experimentMetrics.push_back(group.empty() ? metric : group + "/" + metric);
                        }
                    }
                }
                break;
            }
            default: break; // images, audio, old-style histograms: not read
            }
        }
    });
    d.skippedRecords += stats.badCrc;
    if (stats.badCrc > 0)
        warn(d, name + ": " + std::to_string(stats.badCrc) + " record(s) with a wrong CRC skipped");
    if (!stats.warning.empty())
        warn(d, stats.warning);
}

void finishTensorBoardData(TensorBoardData& d)
{
    for (auto& [tag, s] : d.scalars) {
        if (sortedUnique(s.step))
            continue; // one writer, steps ascending: the usual case costs one pass
        const std::vector<size_t> order = mergeOrder(s.step, s.wallTime);
        applyOrder(s.step, order);
        applyOrder(s.wallTime, order);
        applyOrder(s.value, order);
    }
    for (auto& [tag, h] : d.histograms) {
        if (sortedUnique(h.step))
            continue;
        const std::vector<size_t> order = mergeOrder(h.step, h.wallTime);
        applyOrder(h.step, order);
        applyOrder(h.wallTime, order);
        applyOrder(h.buckets, order);
    }
    std::stable_sort(d.texts.begin(), d.texts.end(), [](const TextSummary& a, const TextSummary& b) {
        return a.step < b.step;
    });
}

TensorBoardData readTensorBoardData(const std::string& path)
{
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
            if (isEventFileName(it->path().filename().string()) && it->is_regular_file(ec))
                files.push_back(it->path());
        if (ec)
            throw FormatError(path + ": cannot list the directory: " + ec.message());
        // Names carry the writer's start time: name order is the order the files were begun.
        std::sort(files.begin(), files.end());
    } else {
        files.push_back(path);
    }
    TensorBoardData d;
    for (const fs::path& f : files) {
        const std::string name = f.string();
        std::error_code timeError;
        const auto written = fs::last_write_time(f, timeError);
        if (!timeError) {
            const auto since = std::chrono::file_clock::to_sys(written).time_since_epoch();
            d.lastModified = std::max(d.lastModified, std::chrono::duration<double>(since).count());
        }
        std::error_code sizeError;
        if (fs::file_size(f, sizeError) == 0 && !sizeError) {
            d.files.push_back(name); // an empty file: a writer that has not flushed yet
            continue;
        }
        if (files.size() == 1 && !fs::is_directory(path, ec)) {
            const MappedFile m(name); // a single file that cannot be read: the caller's error
            addEventFile(d, m.data(), m.size(), name);
            continue;
        }
        try {
            const MappedFile m(name);
            addEventFile(d, m.data(), m.size(), name);
        } catch (const std::exception& e) {
            warn(d, e.what());
        }
    }
    finishTensorBoardData(d);
    return d;
}

std::string scalarEventFile(const std::string& tag, const std::vector<float>& values, double wall0)
{
    std::string file;
    tb::Event event;
    tb::Summary::Value* value = event.mutable_summary()->add_value();
    value->set_tag(tag);
    for (size_t step = 0; step < values.size(); ++step) {
        event.set_wall_time(wall0 + double(step));
        event.set_step(int64_t(step));
        value->set_simple_value(values[step]);
        file += frameTfRecord(event.SerializeAsString());
    }
    return file;
}

} // namespace ws
