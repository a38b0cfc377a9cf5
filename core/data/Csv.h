// CSV datasets: numeric feature columns and one label column. The header row is detected
// (a first row with any non-numeric field that the rest do not share). The label column is
// chosen by name or index (default: the last). Labels that are all integers 0..K-1 are used as
// classes; other text labels are mapped to classes in order of first appearance; with
// `regression` the label column is a numeric target. A bad row is reported with its line number.
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
