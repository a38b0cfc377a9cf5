// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/PlaygroundSession.h"

#include "io/StrictJson.h"
#include "run/PlaygroundRun.h"
#include "util/AtomicWrite.h"
#include "util/BuildInfo.h"
#include "util/Error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

namespace ws {

namespace {

nlohmann::json tensorToJson(const Tensor& t)
{
    return { { "shape", t.shape() }, { "data", std::vector<float>(t.data(), t.data() + t.size()) } };
}

// The tensor at `where` must have exactly the shape of `like`, the recipe network's own (an
// optimizer without a moment has an empty tensor there: shape [], no data).
Tensor tensorFromJson(const nlohmann::json& j, const Tensor& like, const std::string& where)
{
    const Shape& want = like.shape();
    if (!j.is_object() || !j.contains("shape") || !j.contains("data") || !j["shape"].is_array() || !j["data"].is_array())
        throw FormatError(where + ": not a tensor ({\"shape\": [...], \"data\": [...]})");
    Shape shape;
    for (const nlohmann::json& d : j["shape"]) {
        if (!d.is_number_integer())
            throw FormatError(where + ".shape: not a list of whole numbers");
        shape.push_back(d.get<int64_t>());
    }
    if (shape != want)
        throw FormatError(where + ": shape " + shapeToString(shape) + " does not fit the session's network, which has "
            + shapeToString(want) + " there");
    const nlohmann::json& data = j["data"];
    if (int64_t(data.size()) != like.size())
        throw FormatError(where + ".data: " + std::to_string(data.size()) + " numbers where the network has "
            + std::to_string(like.size()));
    if (like.size() == 0)
        return Tensor();
    Tensor t(want);
    for (size_t i = 0; i < data.size(); ++i) {
        const nlohmann::json& v = data[i];
        if (!v.is_number() || !std::isfinite(v.get<double>()) || std::abs(v.get<double>()) > double(std::numeric_limits<float>::max()))
            throw FormatError(where + ".data[" + std::to_string(i) + "]: not a finite float32 number");
        t.data()[i] = v.get<float>();
    }
    return t;
}

template <class T>
T wholeNumber(const nlohmann::json& state, const char* key, int64_t max, const std::string& what)
{
    if (!state.contains(key) || !state[key].is_number_integer() || state[key].get<int64_t>() < 0 || state[key].get<int64_t>() > max)
        throw FormatError(what + ": state." + key + " must be a whole number from 0 to " + std::to_string(max));
    return T(state[key].get<int64_t>());
}

} // namespace

nlohmann::json playgroundSessionToJson(const PlaygroundSession& s)
{
    nlohmann::json values = nlohmann::json::array();
    for (const Tensor& t : s.state.values)
        values.push_back(tensorToJson(t));
    nlohmann::json moments = nlohmann::json::array();
    for (const Optimizer::State& m : s.state.moments)
        moments.push_back({ { "first", tensorToJson(m.first) }, { "second", tensorToJson(m.second) } });
    return {
        { "format", kPlaygroundSessionFormat },
        { "version", kPlaygroundSessionVersion },
        { "saved_by", "Weightscope " + buildInfo().version },
        { "config", playgroundRunConfig(s.recipe) },
        { "pace", { { "epochs_per_second", s.epochsPerSecond } } },
        { "run_record", s.runRecord },
        { "state",
            { { "epoch", s.state.epoch }, { "batch", s.state.batch }, { "steps", s.state.steps }, { "values", std::move(values) },
                { "moments", std::move(moments) } } },
    };
}

PlaygroundSession playgroundSessionFromJson(const nlohmann::json& j, const std::string& what)
{
    if (!j.is_object() || !j.contains("format") || j["format"] != kPlaygroundSessionFormat)
        throw FormatError(what + ": not a Weightscope Playground session (no \"format\": \"" + kPlaygroundSessionFormat + "\")");
    const int64_t version = j.contains("version") && j["version"].is_number_integer() ? j["version"].get<int64_t>() : -1;
    if (version < 1)
        throw FormatError(what + ": no valid \"version\"");
    if (version > kPlaygroundSessionVersion)
        throw FormatError(what + ": session version " + std::to_string(version) + " is newer than this Weightscope reads ("
            + std::to_string(kPlaygroundSessionVersion) + "); it was saved by "
            + (j.contains("saved_by") && j["saved_by"].is_string() ? j["saved_by"].get<std::string>() : "a newer Weightscope")
            + "; update Weightscope to open it");

    PlaygroundSession s;
    try {
        s.recipe = playgroundRecipeFromRun(j.contains("config") ? j["config"] : nlohmann::json());
    } catch (const nlohmann::json::exception& e) { // a value of the wrong type
        throw ConfigError(what + ": config: " + e.what());
    } catch (const Error& e) {
        throw ConfigError(what + ": config: " + e.what());
    }
    if (j.contains("pace")) {
        const nlohmann::json& pace = j["pace"];
        if (!pace.is_object() || !pace.contains("epochs_per_second") || !pace["epochs_per_second"].is_number()
            || !(pace["epochs_per_second"].get<double>() >= 0.0) || !(pace["epochs_per_second"].get<double>() <= 1e9))
            throw FormatError(what + ": pace.epochs_per_second must be a number from 0 to 1e9");
        s.epochsPerSecond = pace["epochs_per_second"].get<double>();
    }
    if (j.contains("run_record")) {
        if (!j["run_record"].is_string())
            throw FormatError(what + ": run_record must be a string (a path, or empty)");
        s.runRecord = j["run_record"].get<std::string>();
    }

    // The state is checked against the network and optimizer the recipe builds (small: the recipe
    // bounds the layers), so that nothing that does not fit reaches a trainer.
    if (!j.contains("state") || !j["state"].is_object())
        throw FormatError(what + ": no \"state\" object");
    const nlohmann::json& state = j["state"];
    PlaygroundSetup setup(s.recipe);
    const Trainer trainer(setup.model, setup.data.train, nullptr, setup.config);
    const std::vector<Param*> params = stateParams(setup.model);
    const std::vector<Optimizer::State>& moments = trainer.optimizer().state();
    if (!state.contains("values") || !state["values"].is_array() || state["values"].size() != params.size())
        throw FormatError(what + ": state.values must hold " + std::to_string(params.size()) + " tensors for this network");
    if (!state.contains("moments") || !state["moments"].is_array() || state["moments"].size() != moments.size())
        throw FormatError(what + ": state.moments must hold " + std::to_string(moments.size()) + " entries for this optimizer");
    for (size_t i = 0; i < params.size(); ++i)
        s.state.values.push_back(tensorFromJson(state["values"][i], params[i]->value,
            what + ": state.values[" + std::to_string(i) + "]"));
    for (size_t i = 0; i < moments.size(); ++i) {
        const std::string where = what + ": state.moments[" + std::to_string(i) + "]";
        const nlohmann::json& m = state["moments"][i];
        if (!m.is_object() || !m.contains("first") || !m.contains("second"))
            throw FormatError(where + ": needs \"first\" and \"second\"");
        s.state.moments.push_back({ tensorFromJson(m["first"], moments[i].first, where + ".first"),
            tensorFromJson(m["second"], moments[i].second, where + ".second") });
    }
    const int64_t trainPoints = std::max<int64_t>(1, setup.data.train.size());
    s.state.epoch = wholeNumber<int>(state, "epoch", std::min<int64_t>(kMaxPlaygroundReplaySwaps / trainPoints, INT32_MAX - 1), what);
    s.state.batch = wholeNumber<int64_t>(state, "batch", setup.data.batchesPerEpoch - 1, what);
    s.state.steps = wholeNumber<int64_t>(state, "steps", int64_t(1) << 53, what);
    return s;
}

void savePlaygroundSession(const PlaygroundSession& session, const std::string& path)
{
    const std::string text = playgroundSessionToJson(session).dump(1) + '\n';
    writeBytesAtomically(path, text.data(), text.size());
}

PlaygroundSession parsePlaygroundSession(const std::string& bytes, const std::string& what)
{
    // Nesting is bounded: a hostile file of a million '[' must not exhaust the stack.
    return playgroundSessionFromJson(parseJsonWithDepthLimit(bytes, what, 64), what);
}

PlaygroundSession loadPlaygroundSession(const std::string& path)
{
    // The size is checked before anything is read: a huge file is refused at once.
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw FormatError(path + ": cannot be opened");
    const auto size = uint64_t(std::max<std::streamoff>(0, in.tellg()));
    if (size > uint64_t(kMaxPlaygroundSessionBytes))
        throw FormatError(path + ": " + std::to_string(size) + " bytes; a Playground session is at most "
            + std::to_string(kMaxPlaygroundSessionBytes) + " bytes");
    std::string bytes(size, '\0');
    if (!in.seekg(0) || !in.read(bytes.data(), std::streamsize(size)))
        throw FormatError(path + ": cannot be read");
    return parsePlaygroundSession(bytes, path);
}

bool looksLikePlaygroundSession(const std::string& path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == kPlaygroundSessionExtension;
}

} // namespace ws
