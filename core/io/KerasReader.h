// SPDX-License-Identifier: GPL-3.0-or-later
// Reader for Keras weight files: the legacy HDF5 files of Keras 2 / tf.keras and Keras 3
// (`model.save("m.h5")`, `save_weights("w.h5")`) and the Keras 3 `.keras` zip. Lists every weight
// with its layer, exposes keras_version, backend, training_config and the model config as
// metadata, and converts Sequential models (and functional models that are a plain chain)
// into an engine Sequential. Layer code (Lambda, custom classes) is never run: such models are
// refused with a FormatError naming the layer. Layouts: see ../shared/REFERENCE.md "Keras files".
#pragma once

#include "io/WeightFile.h"

#include <memory>
#include <string>

namespace ws {

// True when the path looks like a Keras file by name (.h5, .hdf5, .keras) or by content
// (an HDF5 signature, or a zip holding config.json).
bool isKerasFile(const std::string& path);

// Opens a Keras file; throws FormatError naming the file and the place otherwise.
std::unique_ptr<WeightFile> openKerasFile(const std::string& path);

} // namespace ws
