// SPDX-License-Identifier: GPL-3.0-or-later
// Which hyper-parameter mattered for a metric (#19). For each setting that differs between the
// runs, over the runs that have the setting and a finite value of the metric (an outcome of the
// parameter table: final.loss, final.accuracy, final.<tag>, ...):
//   spearman    Spearman's rank correlation ρ of the setting against the metric: the Pearson
//               correlation of their ranks, ties given their average rank. Numbers only (NaN for
//               text or when either side is constant): sign and strength of a monotone relation.
//   etaSquared  η² of a one-way analysis of variance, the runs grouped by the setting's value
//               (each distinct value, number or text, a group): SS_between / SS_total, the share
//               of the metric's variance that the setting's value explains. Only when the groups
//               are repeated (at most half as many values as runs), else NaN: with a value per
//               run every setting would explain everything.
//   score       η² where defined, else ρ² (the share of the ranks' variance a monotone relation
//               explains); the ranking is by score, highest first.
// No model is fitted (no fANOVA or random forest): with a few dozen runs these two are what the
// data support, and both are stated as what they are.
#pragma once

#include "run/RunParameters.h"

#include <string>
#include <vector>

namespace ws {

struct ParameterImportance {
    std::string key;
    size_t runs = 0;   // runs with the setting and a finite metric
    size_t levels = 0; // distinct values among them
    double spearman = 0.0;
    double etaSquared = 0.0;
    double score = 0.0;
};

// Settings (not outcomes) of `table` that differ, ranked for the outcome `metricKey`. Empty when
// no run has a finite value of the metric.
std::vector<ParameterImportance> parameterImportance(const ParameterTable& table, const std::string& metricKey);

// One panel of the scatter matrix (#19 item 4): a setting against the metric, one point per run
// that has both (runs: their rows in the table). A numeric setting is its value on x, on a log
// axis when all values are positive and span kLogSpan or more (learning rates); any other has its
// distinct texts as categories, sorted, and x is the category's index.
inline constexpr double kLogSpan = 100.0;
struct SettingScatter {
    std::vector<size_t> runs;
    std::vector<double> x, y;
    std::vector<std::string> categories; // empty: numeric
    bool logX = false;
};
SettingScatter settingScatter(const ParameterTable& table, const std::string& key, const std::string& metricKey);

// Average ranks from 1 (ties share the mean of their ranks).
std::vector<double> averageRanks(const std::vector<double>& x);
double spearman(const std::vector<double>& x, const std::vector<double>& y); // NaN when undefined
double etaSquared(const std::vector<std::string>& groups, const std::vector<double>& y); // NaN when SS_total is 0

} // namespace ws
