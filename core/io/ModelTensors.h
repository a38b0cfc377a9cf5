// SPDX-License-Identifier: GPL-3.0-or-later
// The weights/ and state/ layout of the native model file (io/ModelFile.h), under any group of
// an open HDF5 file, so run records (run/RunRecord.h) store checkpoints the same way.
// Internal to core: it exposes HDF5 identifiers, which ws_core's users never see.
#pragma once

#include "nn/Sequential.h"

#include <hdf5.h>

#include <string>

namespace ws {

// Writes <group>/weights/<layer>/<param> and <group>/state/<layer>/<name> (group "" = root).
void writeModelTensors(hid_t file, const std::string& group, Sequential& model, const std::string& path);
// Reads them into a model built from the same config; shapes are checked against the layers.
void readModelTensors(hid_t file, const std::string& group, Sequential& model, const std::string& path);

} // namespace ws
