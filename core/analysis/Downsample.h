// SPDX-License-Identifier: GPL-3.0-or-later
// A 2-D view of a tensor reduced to at most maxCols × maxRows cells for drawing: each cell
// pools a block of elements into its minimum, maximum, mean and the one of largest magnitude
// (all are kept, so the inspector switches between them without reading the tensor again).
// The mean of a large random matrix is close to zero everywhere, so its picture is blank; the
// largest |x| with its sign kept shows where the big weights are. The view is streamed row
// by row in bounded pieces, so a 32000 × 4096 embedding costs the cells' memory, not the
// tensor's. Non-finite elements are left out of the pooling (and counted); a cell with no finite
// element is NaN.
//
// Cell (i, j) holds rows r with r * outRows / rows == i (integer division), i.e. rows
// [ceil(i * rows / outRows), ceil((i + 1) * rows / outRows)), and likewise for columns; with no
// reduction a cell is one element.
#pragma once

#include "analysis/TensorView.h"

#include <cstdint>
#include <vector>

namespace ws {

enum class Reduction { Mean, Min, Max, MaxAbs };

struct Heatmap {
    int64_t rows = 0, cols = 0;      // of the view
    int64_t outRows = 0, outCols = 0; // cells
    std::vector<float> min, max, mean; // outRows * outCols each, row-major
    std::vector<float> maxAbs;          // min or max, whichever is larger in magnitude
    int64_t nonFinite = 0;            // elements of the view left out
    bool reduced() const { return outRows != rows || outCols != cols; }
    const std::vector<float>& cells(Reduction r) const
    {
        return r == Reduction::Min ? min : r == Reduction::Max ? max : r == Reduction::MaxAbs ? maxAbs : mean;
    }
    // First row (column) of the view pooled into cell row i (column j); firstRow(outRows) == rows.
    int64_t firstRow(int64_t i) const { return (i * rows + outRows - 1) / outRows; }
    int64_t firstCol(int64_t j) const { return (j * cols + outCols - 1) / outCols; }
};

// maxCols, maxRows >= 1. Throws what the source throws, Cancelled when `cancel` says so.
Heatmap downsample(const ElementSource& source, const View2D& view, int64_t maxCols, int64_t maxRows,
    const CancelCheck& cancel = {});

} // namespace ws
