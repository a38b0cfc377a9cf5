// SPDX-License-Identifier: GPL-3.0-or-later
// How far a job over many runs got, and how it is stopped (#19: scanning thousands of runs and
// exporting many run histories stay off the GUI thread with progress and Cancel).
#pragma once

#include "util/Error.h"

#include <cstddef>
#include <functional>

namespace ws {

// Called before each run (done of total runs) and once at the end; false stops the job (the
// user pressed Cancel).
using RunProgress = std::function<bool(size_t done, size_t total)>;

// Thrown by a job that writes a file when its RunProgress says stop: the file keeps its old
// contents (it is written under a temporary name, util/AtomicWrite.h).
class RunsCancelled : public Error {
public:
    RunsCancelled() : Error("cancelled") {}
};

} // namespace ws
