// SPDX-License-Identifier: GPL-3.0-or-later
// IDX files (the MNIST format, http://yann.lecun.com/exdb/mnist/): big-endian magic
// 0x0000 <type> <rank>, rank big-endian uint32 dimensions, then the data. Gzipped files are
// recognised by their magic bytes and inflated with zlib. Every size is checked against the
// real file before anything is allocated.
#pragma once

#include "data/Dataset.h"

#include <string>

namespace ws {

// The raw contents of one IDX file, converted to float (unsigned bytes stay 0..255).
struct IdxArray {
    Shape shape;
    std::vector<float> values;
    uint8_t typeCode = 0; // 0x08 ubyte, 0x09 sbyte, 0x0B short, 0x0C int, 0x0D float, 0x0E double
};

IdxArray readIdx(const std::string& path);

// Images (N, H, W) and labels (N) into a classification dataset of shape (N, H, W, 1) with
// pixels scaled to [0, 1]. Throws FormatError when the counts differ or a label is out of range.
Dataset readIdxDataset(const std::string& imagesPath, const std::string& labelsPath, int numClasses = 10);

// Fashion-MNIST as installed by Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist),
// or from `folder` when given; split is "train" (60 000) or "test" (10 000). Class names included.
Dataset loadFashionMnist(const std::string& split, const std::string& folder = {});
std::string defaultFashionMnistFolder();
const std::vector<std::string>& fashionMnistClassNames();

} // namespace ws
