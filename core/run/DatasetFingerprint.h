// SPDX-License-Identifier: GPL-3.0-or-later
// The SHA-256 fingerprint of the data a training used: the bytes of the train and test splits
// as loaded (before validation split and normalisation, which the config reproduces), with their
// shapes, so the same data gives the same fingerprint in every run and on every machine with the
// same byte order.
#pragma once

#include "data/Dataset.h"

#include <string>

namespace ws {

// Hashes, for train then test: the rank and dimensions of x (int64, little-endian on the
// machines we build for), x's float32 bytes, the int32 labels, the float32 targets.
std::string datasetSha256(const Dataset& train, const Dataset& test);

} // namespace ws
