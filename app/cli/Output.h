// SPDX-License-Identifier: GPL-3.0-or-later
// Where a table-printing command (compare, health) sends its answer: as JSON, CSV or text by
// --json / --csv, to the terminal or, with --out FILE, to FILE written atomically.
#pragma once

#include "cli/Args.h"

#include <functional>
#include <iosfwd>

namespace ws::cli {

using Printer = std::function<void(std::ostream& out)>;

void printTable(const Args& a, const Printer& json, const Printer& csv, const Printer& text);

} // namespace ws::cli
