// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/RunParameters.h"

#include <cstdio>
#include <map>

namespace ws {

namespace {

void flatten(const nlohmann::json& j, const std::string& prefix, std::vector<RunParameter>& out)
{
    // nlohmann::json objects are sorted by key: a stable order, the same for every run.
    for (const auto& [key, value] : j.items()) {
        const std::string name = prefix.empty() ? key : prefix + "." + key;
        if (value.is_object() && name != "model")
            flatten(value, name, out);
        else if (value.is_structured())
            out.push_back({ name, value.dump(), false });
        else
            out.push_back({ name, value, false });
    }
}

} // namespace

std::vector<RunParameter> runParameters(const RunInfo& run)
{
    std::vector<RunParameter> out;
    if (run.header.config.is_object())
        flatten(run.header.config, "", out);
    out.push_back({ "model_summary", run.header.modelSummary, false });
    out.push_back({ "parameters", run.header.parameters, false });
    const nlohmann::json& d = run.header.dataset;
    out.push_back({ "dataset", d.is_object() ? d.value("description", "") : "", false });
    out.push_back({ "dataset_sha256", d.is_object() ? d.value("sha256", "") : "", false });
    std::string tags;
    for (const auto& t : run.header.tags)
        tags += (tags.empty() ? "" : ", ") + t;
    out.push_back({ "tags", tags, false });
    const auto finalValue = [&](const char* key) {
        return run.final.is_object() && run.final.contains(key) && run.final[key].is_number() ? run.final[key]
                                                                                          : nlohmann::json();
    };
    out.push_back({ "final.loss", finalValue("loss"), true });
    out.push_back({ "final.accuracy", finalValue("accuracy"), true });
    // Other final metrics: a TensorBoard hparams session's (run/TensorBoardRuns.h), by tag.
    if (run.final.is_object())
        for (const auto& [key, value] : run.final.items())
            if (key != "loss" && key != "accuracy" && key != "samples" && (value.is_number() || value.is_null()))
                out.push_back({ "final." + key, value, true });
    out.push_back({ "epochs_completed", run.epochsCompleted, true });
    out.push_back({ "steps", run.steps, true });
    out.push_back({ "duration", run.duration, true });
    out.push_back({ "status", runStatusName(run.status), true });
    return out;
}

ParameterTable parameterTable(const std::vector<RunInfo>& runs)
{
    ParameterTable t;
    std::map<std::string, size_t> column;
    std::vector<std::vector<RunParameter>> all;
    for (const RunInfo& r : runs) {
        all.push_back(runParameters(r));
        for (const RunParameter& p : all.back())
            if (column.emplace(p.key, t.keys.size()).second) {
                t.keys.push_back(p.key);
                t.outcome.push_back(p.outcome);
            }
    }
    for (const auto& params : all) {
        std::vector<nlohmann::json> row(t.keys.size());
        for (const RunParameter& p : params)
            row[column[p.key]] = p.value;
        t.values.push_back(std::move(row));
    }
    t.differs.assign(t.keys.size(), false);
    for (size_t k = 0; k < t.keys.size(); ++k)
        for (size_t r = 1; r < t.values.size(); ++r)
            if (t.values[r][k] != t.values[0][k])
                t.differs[k] = true;
    return t;
}

std::string parameterText(const nlohmann::json& value)
{
    if (value.is_null())
        return {};
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_number_float()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.6g", value.get<double>());
        return buf;
    }
    return value.dump();
}

} // namespace ws
