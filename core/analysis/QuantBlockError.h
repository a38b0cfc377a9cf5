// SPDX-License-Identifier: GPL-3.0-or-later
// The error of every quantization block of a compared pair (#18 item 3): when one side of a
// DiffRow is a block-quantised GGUF tensor (Q8_0, Q4_K, IQ4_XS, ... see io/GgmlQuant.h), each of
// its ggml blocks (32 or 256 consecutive elements along a row, ggml's ne[0]) is measured against
// the same elements of the other side, the original:
//   relative L2 error  ‖o − q‖₂ / ‖o‖₂ over the block's elements (0 when both are all zeros,
//                      +inf when only the original is),
//   RMS error          sqrt(Σ(o − q)² / n),
// o the original's value, q the dequantised one, in float64; elements where either is not
// finite are left out and counted. The map is (rows × blocks per row) of the quantised tensor in
// its own layout (GGUF's rows, C order: every dimension but the last), so a block is one cell;
// the other side's layout (Q/K permutation, transposition) is undone through visitPair.
//
// Big tensors are pooled like the tensor view: at most maxRows × maxCols cells, each holding the
// largest error of the blocks it covers, so a bad block never disappears in an average.
// Memory: one row of blocks' sums (two doubles per block) while the pairs arrive row by row;
// a transposed pair (whose blocks complete only at the end) keeps every block's sums, which is
// less than the other side read whole that visitPair holds for it anyway.
#pragma once

#include "analysis/TensorDiff.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ws {

// The block-quantised side of a pair: 'B' when B's tensor is one (the usual original ↔ GGUF
// pair; also when both are), else 'A'; nullopt when neither side is a block type.
struct QuantizedSide {
    bool inB = true;
    std::string type;          // "Q4_K"
    int64_t blockElements = 0; // 32 or 256
};
std::optional<QuantizedSide> quantizedSide(const WeightFile& a, const WeightFile& b, const DiffRow& row);

struct BlockErrorMap {
    QuantizedSide side;
    int64_t rows = 0, blocksPerRow = 0; // of the quantised tensor
    int64_t poolRows = 1, poolCols = 1; // blocks per cell in each direction
    int64_t cellRows = 0, cellCols = 0;
    std::vector<float> relative; // cellRows × cellCols: the largest relative L2 error of the cell's blocks
    std::vector<float> rms;      // the same cells: the largest RMS error
    // The block with the largest relative error (the first of equals), in blocks.
    int64_t worstRow = -1, worstBlock = -1;
    double worstRelative = 0, worstRms = 0;
    int64_t skipped = 0; // element pairs with a NaN or ±Inf, left out
};

// Throws Error when neither side of `row` is block-quantised, when the quantised tensor's rows
// are not whole blocks, or when the pair cannot be read; Cancelled when `cancel` says so.
BlockErrorMap blockErrors(const WeightFile& a, const WeightFile& b, const DiffRow& row, int64_t maxRows = 512,
    int64_t maxCols = 512, const CancelCheck& cancel = {});

} // namespace ws
