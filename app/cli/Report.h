// SPDX-License-Identifier: GPL-3.0-or-later
// Printing shared by the train, eval and predict commands.
#pragma once

#include "data/Dataset.h"
#include "train/Metrics.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace ws::cli {

void printEvaluation(std::ostream& out, const Evaluation& ev, const Dataset& data);

// Which tensor of a bare state dict went to which layer of --model (nothing when empty).
void printWeightAssignments(std::ostream& out, const std::string& path, const std::vector<std::string>& assignments);

} // namespace ws::cli
