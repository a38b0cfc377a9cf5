// SPDX-License-Identifier: GPL-3.0-or-later
// Datasets in NumPy files: an .npz archive holding a features and a labels array
// (np.savez("d.npz", x=..., y=...)), or a pair of .npy files (np.save). The arrays are read with
// io/NpyReader and io/NpzReader, which check every size against the file.
#pragma once

#include "data/ArrayDataset.h"

#include <string>
#include <vector>

namespace ws {

// The arrays of an .npz archive, or the single array of an .npy file.
std::vector<ArrayInfo> listNumpyArrays(const std::string& path);

// An .npz archive; empty names choose a default pair (x/y, X/y, images/labels, data/label).
Dataset readNpzDataset(const std::string& path, const std::string& features = {}, const std::string& labels = {},
    bool regression = false);
// Features and labels in two .npy files.
Dataset readNpyDataset(const std::string& featuresPath, const std::string& labelsPath, bool regression = false);

} // namespace ws
