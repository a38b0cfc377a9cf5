// SPDX-License-Identifier: GPL-3.0-or-later
// Where the inspector's pictures come from: a tensor of a WeightFile seen as a stream of float32
// elements (ElementSource), and a 2-D window into an N-D tensor chosen by slice selectors
// (View2D). The heatmap, histogram, percentile and diff code in core/analysis read through these,
// so they work the same on one tensor and on the difference of two.
#pragma once

#include "io/WeightFile.h"
#include "util/Error.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace ws {

// Elements [first, first + count) in C order, as float32. Reads may come from several threads at
// once (as WeightFile::read allows).
struct ElementSource {
    int64_t numel = 0;
    std::function<void(int64_t first, int64_t count, float* out)> read;
};

// Tensor `index` of `file`; the file must outlive the source.
ElementSource tensorSource(const WeightFile& file, size_t index);
// a − b element by element (same element count, else Error naming both tensors).
ElementSource differenceSource(const WeightFile& a, size_t indexA, const WeightFile& b, size_t indexB);
// Values already in memory (tests, small tensors); `values` must outlive the source.
ElementSource memorySource(const std::vector<float>& values);

// Thrown by long computations when their cancel check says stop; the GUI drops the request.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};
using CancelCheck = std::function<bool()>; // true: stop now (checked once per chunk)

// Which two dimensions become rows and columns, and the index taken in each other dimension.
// rowDim < colDim (no transposed views: reading stays in file order). -1 for a dimension that
// does not exist: a 1-D tensor has rowDim = -1 (one row), a scalar has both -1.
struct SliceSpec {
    int rowDim = -1;
    int colDim = -1;
    std::vector<int64_t> index; // one per dimension; ignored for rowDim and colDim
};

// The last two dimensions (or the only one), every other index 0.
SliceSpec defaultSlice(const Shape& shape);

// Element (r, c) of the view is element offset + r * rowStride + c * colStride of the tensor.
struct View2D {
    int64_t offset = 0;
    int64_t rows = 1, rowStride = 0;
    int64_t cols = 1, colStride = 0;
    int64_t element(int64_t r, int64_t c) const { return offset + r * rowStride + c * colStride; }
};

// Throws Error for dimensions out of range, rowDim >= colDim, or indices outside the shape.
View2D makeView(const Shape& shape, const SliceSpec& spec);

// Reads columns [c0, c0 + n) of row r of `view` from `source` into out[0 .. n), in reads of at
// most about `chunk` tensor elements (buffer is scratch, resized as needed).
void readViewRow(const ElementSource& source, const View2D& view, int64_t r, int64_t c0, int64_t n, float* out,
    std::vector<float>& buffer, int64_t chunk = int64_t(1) << 16);

// Writes the view as CSV: one line per row, values with 9 significant digits (float32 round-trips),
// NaN and ±Inf as "nan", "inf", "-inf". Streams row by row. Throws FormatError naming the file.
void writeViewCsv(const ElementSource& source, const View2D& view, const std::string& path);

} // namespace ws
