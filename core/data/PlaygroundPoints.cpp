// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/PlaygroundPoints.h"

#include "data/Csv.h"
#include "data/Playground.h"
#include "util/AtomicWrite.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ws {

namespace {

constexpr const char* kFormat = "weightscope-playground-points";
constexpr int kVersion = 1;

// A value of `j` that must be there, read as T; ConfigError naming the key otherwise.
template <class T> T field(const nlohmann::json& j, const char* key, const std::string& what)
{
    if (!j.is_object() || !j.contains(key))
        throw ConfigError(what + ": no \"" + key + "\"");
    try {
        return j.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw ConfigError(what + ": \"" + key + "\" has the wrong type");
    }
}

void checkFileSize(const std::string& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        throw FormatError(path + ": cannot be read (" + ec.message() + ")");
    if (size > uint64_t(kMaxPlaygroundCsvBytes))
        throw FormatError(path + ": " + std::to_string(size) + " bytes; the Playground reads files up to "
            + std::to_string(kMaxPlaygroundCsvBytes) + " bytes (" + std::to_string(kMaxPlaygroundPoints) + " points)");
}

} // namespace

Dataset emptyPlaygroundPoints(int classes)
{
    Dataset d;
    d.name = "custom";
    d.x = Tensor(Shape { 0, 2 });
    d.numClasses = classes;
    for (int k = 0; k < classes; ++k)
        d.classNames.push_back(std::to_string(k));
    return d;
}

void checkPlaygroundPoints(const Dataset& p, const std::string& what)
{
    if (p.x.rank() != 2 || p.x.dim(1) != 2)
        throw ConfigError(what + ": points need two coordinates each, got shape " + shapeToString(p.x.shape()));
    const int64_t n = p.size();
    if (n > kMaxPlaygroundPoints)
        throw ConfigError(what + ": " + std::to_string(n) + " points; the Playground takes at most "
            + std::to_string(kMaxPlaygroundPoints));
    if (n < kMinPlaygroundPoints)
        throw ConfigError(what + ": " + std::to_string(n) + " point(s); the Playground needs at least "
            + std::to_string(kMinPlaygroundPoints) + " of two classes or more");
    if (p.labels.size() != size_t(n))
        throw ConfigError(what + ": " + std::to_string(p.labels.size()) + " labels for " + std::to_string(n) + " points");
    if (p.numClasses > kMaxPlaygroundClasses)
        throw ConfigError(what + ": " + std::to_string(p.numClasses) + " classes; the Playground tells at most "
            + std::to_string(kMaxPlaygroundClasses) + " apart");
    std::vector<int64_t> perClass(size_t(std::max(0, p.numClasses)), 0);
    for (int64_t i = 0; i < n; ++i) {
        if (!std::isfinite(p.x[2 * i]) || !std::isfinite(p.x[2 * i + 1]))
            throw ConfigError(what + ": point " + std::to_string(i) + " has a coordinate that is not a finite number");
        const int32_t k = p.labels[size_t(i)];
        if (k < 0 || k >= p.numClasses)
            throw ConfigError(what + ": point " + std::to_string(i) + " has class " + std::to_string(k)
                + ", outside 0.." + std::to_string(p.numClasses - 1));
        ++perClass[size_t(k)];
    }
    if (std::count_if(perClass.begin(), perClass.end(), [](int64_t c) { return c > 0; }) < 2)
        throw ConfigError(what + ": all " + std::to_string(n) + " points are of one class; the Playground needs two classes or more");
}

Dataset compactPlaygroundClasses(const Dataset& p)
{
    std::vector<int32_t> newIndex(size_t(std::max(0, p.numClasses)), -1);
    for (const int32_t k : p.labels)
        if (k >= 0 && k < p.numClasses)
            newIndex[size_t(k)] = 0;
    Dataset out = p;
    out.classNames.clear();
    int32_t next = 0;
    for (size_t k = 0; k < newIndex.size(); ++k)
        if (newIndex[k] == 0) {
            newIndex[k] = next++;
            out.classNames.push_back(k < p.classNames.size() ? p.classNames[k] : std::to_string(k));
        }
    out.numClasses = next;
    for (int32_t& k : out.labels)
        k = k >= 0 && k < p.numClasses ? newIndex[size_t(k)] : k;
    return out;
}

Dataset readPlaygroundCsv(const std::string& path)
{
    checkFileSize(path);
    Dataset d = readCsv(path);
    if (d.x.rank() != 2 || d.x.dim(1) != 2)
        throw ConfigError(path + ": " + std::to_string(d.x.rank() == 2 ? d.x.dim(1) : 0)
            + " feature column(s); the Playground needs exactly two (x1, x2) and the label last");
    // Refused before compacting: labels 0..9 are ten classes even when a few are missing.
    if (d.numClasses > kMaxPlaygroundClasses && d.size() <= kMaxPlaygroundPoints) {
        const Dataset used = compactPlaygroundClasses(d);
        if (used.numClasses > kMaxPlaygroundClasses)
            throw ConfigError(path + ": " + std::to_string(used.numClasses) + " different labels; the Playground tells at most "
                + std::to_string(kMaxPlaygroundClasses) + " classes apart");
    }
    d = compactPlaygroundClasses(d);
    checkPlaygroundPoints(d, path);
    // One scale for both axes, about the middle of the points' box.
    float lo[2] = { d.x[0], d.x[1] }, hi[2] = { d.x[0], d.x[1] };
    for (int64_t i = 0; i < d.size(); ++i)
        for (int a = 0; a < 2; ++a) {
            lo[a] = std::min(lo[a], d.x[2 * i + a]);
            hi[a] = std::max(hi[a], d.x[2 * i + a]);
        }
    const double half = std::max({ double(hi[0]) - lo[0], double(hi[1]) - lo[1], 1e-12 }) / 2;
    const double scale = kPlaygroundCsvExtent / half;
    for (int64_t i = 0; i < d.size(); ++i)
        for (int a = 0; a < 2; ++a)
            d.x[2 * i + a] = float((double(d.x[2 * i + a]) - (double(lo[a]) + hi[a]) / 2) * scale);
    d.name = "custom";
    return d;
}

nlohmann::json playgroundPointsToJson(const Dataset& p)
{
    std::vector<float> xs, ys;
    for (int64_t i = 0; i < p.size(); ++i) {
        xs.push_back(p.x[2 * i]);
        ys.push_back(p.x[2 * i + 1]);
    }
    return { { "x", xs }, { "y", ys }, { "labels", p.labels }, { "class_names", p.classNames } };
}

Dataset playgroundPointsFromJson(const nlohmann::json& j, const std::string& what)
{
    // Doubles first: a float cast of 1e300 is undefined; the floats written come back exactly.
    const auto xs = field<std::vector<double>>(j, "x", what);
    const auto ys = field<std::vector<double>>(j, "y", what);
    // Labels as numbers first: a hostile 1e300 must not be cast to an integer.
    const auto labelValues = field<std::vector<double>>(j, "labels", what);
    const auto names = field<std::vector<std::string>>(j, "class_names", what);
    if (xs.size() != ys.size() || xs.size() != labelValues.size())
        throw ConfigError(what + ": " + std::to_string(xs.size()) + " x, " + std::to_string(ys.size()) + " y and "
            + std::to_string(labelValues.size()) + " labels; they must be as many");
    if (xs.size() > size_t(kMaxPlaygroundPoints))
        throw ConfigError(what + ": " + std::to_string(xs.size()) + " points; the Playground takes at most "
            + std::to_string(kMaxPlaygroundPoints));
    if (names.size() > size_t(kMaxPlaygroundClasses))
        throw ConfigError(what + ": " + std::to_string(names.size()) + " classes; the Playground tells at most "
            + std::to_string(kMaxPlaygroundClasses) + " apart");
    Dataset d = emptyPlaygroundPoints(0);
    d.classNames = names;
    d.numClasses = int(names.size());
    d.x = Tensor(Shape { int64_t(xs.size()), 2 });
    d.labels.resize(xs.size());
    for (size_t i = 0; i < xs.size(); ++i) {
        if (!(std::abs(xs[i]) <= 1e30 && std::abs(ys[i]) <= 1e30))
            throw ConfigError(what + ": point " + std::to_string(i) + " has a coordinate that is not a finite number");
        const double k = labelValues[i];
        if (!(k >= 0 && k < d.numClasses && k == std::floor(k)))
            throw ConfigError(what + ": point " + std::to_string(i) + " has class " + std::to_string(k)
                + ", not one of the " + std::to_string(d.numClasses) + " classes");
        d.labels[i] = int32_t(k);
        d.x[int64_t(2 * i)] = float(xs[i]);
        d.x[int64_t(2 * i + 1)] = float(ys[i]);
    }
    return d;
}

void savePlaygroundPoints(const Dataset& points, const std::string& path)
{
    const nlohmann::json j = { { "format", kFormat }, { "version", kVersion }, { "points", playgroundPointsToJson(points) } };
    writeStreamAtomically(path, [&](std::ostream& out) { out << j.dump() << '\n'; });
}

Dataset loadPlaygroundPoints(const std::string& path)
{
    checkFileSize(path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path + ": cannot be opened");
    std::ostringstream text;
    text << in.rdbuf();
    const nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
    if (j.is_discarded())
        throw FormatError(path + ": not valid JSON (damaged?)");
    if (!j.is_object() || j.value("format", std::string()) != kFormat)
        throw FormatError(path + ": not a Weightscope Playground points file");
    const auto version = j.contains("version") && j["version"].is_number_integer() ? j["version"].get<int64_t>() : -1;
    if (version < 1)
        throw FormatError(path + ": no valid version");
    if (version > kVersion)
        throw FormatError(path + ": version " + std::to_string(version) + " is newer than this Weightscope reads ("
            + std::to_string(kVersion) + "); update Weightscope");
    return playgroundPointsFromJson(j.contains("points") ? j["points"] : nlohmann::json(), path);
}

} // namespace ws
