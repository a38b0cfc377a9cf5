// SPDX-License-Identifier: GPL-3.0-or-later
// Datasets stored as two arrays, a features array (N, ...) and a labels array (N) — what h5py,
// np.savez and np.save write. The format readers (data/Hdf5Dataset, data/NumpyDataset) open the
// arrays; this file turns a pair of them into a Dataset and checks it, with messages naming the
// file, the array and the sample:
//   features  any real numeric type; uint8 is taken as pixels and scaled to [0, 1] like IDX
//             images; (N) becomes (N, 1) and images (N, H, W) become (N, H, W, 1); NaN and
//             infinities are refused
//   labels    class indices 0..kMaxArrayClasses-1 of any integer or boolean type, or floats that
//             are whole numbers, shaped (N) or (N, 1); one-hot rows (N, K) are taken as the
//             index of their 1; with `regression` the labels are float targets (N) or (N, K)
#pragma once

#include "data/Dataset.h"

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ws {

inline constexpr int kMaxArrayClasses = 1 << 16;

// What a reader knows of one array before reading it.
enum class ArrayKind { Float, Signed, Unsigned, Bool, Other };

struct ArrayInfo {
    std::string name;       // "x", "/train/images"
    Shape shape;
    ArrayKind kind = ArrayKind::Other;
    int elementBytes = 0;
    std::string typeName;   // as people know it: "uint8", "float32", "string"
};

// One array ready to read: `where` names it in messages ("data.h5: dataset '/x'"); readAll
// fills numel(shape) floats.
struct ArrayHandle {
    ArrayInfo info;
    std::string where;
    std::function<void(float* out)> readAll;
};

// The (features, labels) names tried when none are given, in order.
const std::vector<std::pair<std::string, std::string>>& defaultArrayPairs();

// The features and labels among `arrays`: the given names, else the first default pair
// present. Throws ConfigError naming `file`, the missing name and the arrays there are.
std::pair<std::string, std::string> chooseArrayPair(const std::vector<ArrayInfo>& arrays,
    const std::string& features, const std::string& labels, const std::string& file);

// "x (60000, 28, 28) uint8, y (60000) int64" for messages and the GUI's list.
std::string describeArrays(const std::vector<ArrayInfo>& arrays);

// Reads both arrays and builds the dataset; throws FormatError naming the array and sample.
Dataset makeArrayDataset(const ArrayHandle& features, const ArrayHandle& labels, bool regression, std::string name);

} // namespace ws
