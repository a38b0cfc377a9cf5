// SPDX-License-Identifier: GPL-3.0-or-later
// Printing shared by the train and eval commands.
#pragma once

#include "data/Dataset.h"
#include "train/Metrics.h"

#include <iosfwd>

namespace ws::cli {

void printEvaluation(std::ostream& out, const Evaluation& ev, const Dataset& data);

} // namespace ws::cli
