// SPDX-License-Identifier: GPL-3.0-or-later
// Datasets in HDF5 files (h5py's f.create_dataset("x", ...)): one dataset of features and one of
// labels, found by name anywhere in the file. Only hard links are followed (a soft or external
// link could lead out of the file or round in a cycle), and a dataset may not claim more data
// than its stored bytes justify, so a small file cannot make the reader allocate gigabytes.
#pragma once

#include "data/ArrayDataset.h"

#include <string>
#include <vector>

namespace ws {

// Every dataset in the file, in name order ("/x", "/train/images"): the candidates the GUI lists.
// Throws FormatError when the file is not HDF5.
std::vector<ArrayInfo> listHdf5Arrays(const std::string& path);

// Empty names choose a default pair (x/y, X/y, images/labels, data/label). Names may omit the
// leading '/'.
Dataset readHdf5Dataset(const std::string& path, const std::string& features = {}, const std::string& labels = {},
    bool regression = false);

bool isHdf5Path(const std::string& path); // by extension: .h5, .hdf5, .he5

} // namespace ws
