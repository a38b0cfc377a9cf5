// SPDX-License-Identifier: GPL-3.0-or-later
// One comparison of two weight files from start to end (#18), shared by `weightscope-cli compare`
// and the inspector's Compare dock: pair the tensors (analysis/TensorMatch.h), measure each pair
// (analysis/TensorDiff.h) one after the other, so memory stays at the two tensors of one pair,
// add up blocks and the model; and write the result as CSV or JSON (schema in docs/cli.md).
#pragma once

#include "analysis/TensorMatch.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace ws {

struct Comparison {
    std::string pathA, formatA, pathB, formatB;
    std::vector<DiffRow> rows; // matchTensors' order
    std::vector<DiffTotal> totals;
    int compared = 0; // rows with statistics
    int pairs = 0;    // rows with a partner
};

struct CompareProgress {
    std::function<void(const std::vector<DiffRow>& rows)> matched; // once, before any statistics
    std::function<void(size_t row, const DiffStats& stats)> rowDone;
};

// Pairs whose element counts differ, and pairs that cannot be read, keep no statistics and say
// why in their note. Throws Cancelled when `cancel` says so.
Comparison compareFiles(const WeightFile& a, const WeightFile& b, const CompareProgress& progress = {},
    const CancelCheck& cancel = {});

// "no tensor in common between A (12 tensors) and B (9 tensors)" when nothing was compared, else "".
std::string nothingComparedMessage(const Comparison& c);

// One line per row (worst first), then the totals; every field quoted where needed (RFC 4180).
void writeComparisonCsv(std::ostream& out, const Comparison& c);
nlohmann::json comparisonJson(const Comparison& c);
// One row as comparisonJson lists it: status, each side's name, shape and bits, the match, the
// layout undone and the statistics.
nlohmann::json diffRowJson(const DiffRow& row);
// A CSV field of a number: nine significant digits, "nan", "inf", "-inf".
std::string csvNumber(double v);

} // namespace ws
