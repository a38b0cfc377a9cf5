// SPDX-License-Identifier: GPL-3.0-or-later
// Every configuration value and outcome of a run as a flat list of named values, and the table
// of them over several runs with the keys whose values differ marked: what the Runs dock's
// hyper-parameter table and parallel-coordinates plot show (#7).
#pragma once

#include "run/RunRecord.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ws {

struct RunParameter {
    std::string key;      // "train.optimizer.learning_rate", "model_summary", "final.accuracy", ...
    nlohmann::json value; // a number, string or bool; arrays and objects of the config as one JSON string
    bool outcome = false; // a result of the run (final metrics, duration, status), not a setting
};

// The config flattened in its own key order ("train.seed", "dataset.name", ...; the model as one
// value), then the model summary, parameter count, dataset description, fingerprint and tags,
// then the outcomes: final.loss, final.accuracy, any other final metric (final.<tag>),
// epochs_completed, steps, duration, status.
std::vector<RunParameter> runParameters(const RunInfo& run);

struct ParameterTable {
    std::vector<std::string> keys;              // the union over the runs, in first-seen order
    std::vector<bool> outcome;                  // per key
    std::vector<bool> differs;                  // per key: not the same value in every run (missing counts)
    std::vector<std::vector<nlohmann::json>> values; // [run][key]; null where a run lacks the key
};
ParameterTable parameterTable(const std::vector<RunInfo>& runs);

// A value as a table cell shows it: strings bare, numbers in 6 significant digits, null empty.
std::string parameterText(const nlohmann::json& value);

} // namespace ws
