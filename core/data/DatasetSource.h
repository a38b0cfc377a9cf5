// SPDX-License-Identifier: GPL-3.0-or-later
// Where a dataset comes from, as a person names it on the command line or in a config, and
// how to load it into train and test splits:
//   fashion-mnist                   Debian's dataset-fashion-mnist (official 60k/10k split)
//   circle | xor | gauss | spiral | plane | multi-gauss   TensorFlow Playground generators
//   path/to/file.csv                CSV (label column chosen by label_column)
//   path/to/images.idx[.gz]         IDX images with an IDX labels file (labels)
//   path/to/data.h5 | data.npz      HDF5 datasets / .npz arrays named by features and labels
//                                   (empty: x/y, X/y, images/labels, data/label, x_train/y_train)
//   path/to/x.npy                   NumPy features with a .npy labels file (labels)
#pragma once

#include "data/Dataset.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace ws {

struct DatasetSource {
    std::string name = "fashion-mnist";
    std::string labels;        // IDX or .npy labels file; for HDF5/.npz the labels array's name
    std::string features;      // HDF5/.npz: the features array's name
    std::string labelColumn;   // CSV
    bool regression = false;   // CSV, HDF5, NumPy: the labels are numeric targets
    int64_t samples = 0;       // Playground: 0 = its default
    double noise = 0.0;        // Playground: 0 to 0.5
    double testFraction = -1;  // share held out for testing where the source has no test split
                               // (< 0: 0.5 for Playground as its default ratio, 0.2 otherwise)
    uint64_t seed = 0;         // Playground generation and the train/test split
    int64_t trainLimit = 0;    // > 0: keep only the first N training samples (quick runs, benchmarks)

    nlohmann::json toJson() const;
    static DatasetSource fromJson(const nlohmann::json& j);
};

struct LoadedData {
    Dataset train;
    Dataset test;
    std::string description; // one line for people: "fashion-mnist: 60000 train, 10000 test, 10 classes"
};

LoadedData loadDatasetSource(const DatasetSource& source);

} // namespace ws
