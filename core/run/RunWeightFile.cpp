// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/RunWeightFile.h"

#include "io/ModelWeightFile.h"
#include "run/RunRecord.h"
#include "util/Error.h"

#include <algorithm>
#include <filesystem>

namespace ws {

namespace {

constexpr char kCheckpointPrefix[] = "checkpoint/";

class RunWeightFile final : public InMemoryWeightFile {
public:
    explicit RunWeightFile(const RunWeightsRef& ref)
    {
        path_ = ref.checkpoint.empty() ? ref.file : runCheckpointPath(ref.file, ref.checkpoint);
        file_ = ref.file;
        const RunInfo info = readRunInfo(ref.file);
        const auto& all = info.checkpoints;
        if (ref.checkpoint.empty()) {
            if (all.empty())
                throw FormatError(ref.file + ": the run holds no weights yet (no checkpoint, no final weights)");
            // Checkpoint names sort by epoch ("epoch_0002" < "epoch_0010" < "final").
            primary_ = std::find(all.begin(), all.end(), "final") != all.end() ? "final" : all.back();
        } else {
            if (std::find(all.begin(), all.end(), ref.checkpoint) == all.end())
                throw FormatError(ref.file + ": no checkpoint '" + ref.checkpoint + "' (the run has: "
                    + join(all) + ")");
            primary_ = ref.checkpoint;
        }
        add(primary_, "");
        if (ref.checkpoint.empty())
            for (const std::string& name : all)
                if (name != primary_)
                    add(name, kCheckpointPrefix + name + "/");
        metadata_ = { { "format", "weightscope-run" }, { "run", info.header.name }, { "checkpoint", primary_ },
            { "checkpoints", all }, { "status", runStatusName(info.status) }, { "epochs", info.epochsCompleted },
            { "steps", info.steps }, { "config", info.header.config }, { "dataset", info.header.dataset },
            { "model_config", info.header.modelConfig }, { "final", info.final }, { "engine_version", info.engineVersion },
            { "created", info.created } };
    }

    std::string format() const override { return "weightscope-run"; }

    std::optional<Sequential> model() const override { return loadRunWeights(file_, primary_); }

private:
    static std::string join(const std::vector<std::string>& names)
    {
        std::string s;
        for (const auto& n : names)
            s += (s.empty() ? "" : ", ") + n;
        return s.empty() ? "none" : s;
    }

    // Reads checkpoint `name` and lists its tensors under `prefix`, in layer order.
    void add(const std::string& name, const std::string& prefix)
    {
        addModel(std::make_shared<Sequential>(loadRunWeights(file_, name)), prefix);
    }

    std::string file_;
    std::string primary_;
};

} // namespace

std::string runCheckpointPath(const std::string& run, const std::string& checkpoint)
{
    return run + "#" + checkpoint;
}

std::optional<RunWeightsRef> runWeightsRef(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_regular_file(path, ec))
        return isRunFile(path) ? std::optional<RunWeightsRef>(RunWeightsRef { path, {} }) : std::nullopt;
    if (fs::exists(path, ec))
        return std::nullopt; // a folder
    const size_t hash = path.rfind('#');
    if (hash == std::string::npos || hash + 1 == path.size())
        return std::nullopt;
    const std::string file = path.substr(0, hash);
    if (!fs::is_regular_file(file, ec) || !isRunFile(file))
        return std::nullopt;
    return RunWeightsRef { file, path.substr(hash + 1) };
}

std::unique_ptr<WeightFile> openRunWeightFile(const RunWeightsRef& ref)
{
    return std::make_unique<RunWeightFile>(ref);
}

} // namespace ws
