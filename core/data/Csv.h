// SPDX-License-Identifier: GPL-3.0-or-later
// CSV datasets: numeric feature columns and one label column. The header row is detected
// (a first row with any non-numeric field that the rest do not share). The label column is
// chosen by name or index (default: the last). Labels that are all non-negative integers are
// class indices 0..max; integer labels with negatives (e.g. -1/+1) become classes in numeric
// order; other text labels are mapped to classes in order of first appearance (classNames keep
// the text); with `regression` the label column is a numeric target (N, 1). Fields follow RFC
// 4180 (quotes, doubled quotes, quoted line breaks); blank lines are skipped. A bad row throws
// FormatError "file:line: column ...: ..."; a label column that does not exist throws ConfigError.
#pragma once

#include "data/Dataset.h"

#include <string>

namespace ws {

struct CsvOptions {
    std::string labelColumn;   // a header name or a 0-based index; empty: the last column
    bool regression = false;
    char delimiter = ',';
};

Dataset readCsv(const std::string& path, const CsvOptions& options = {});

} // namespace ws
