// SPDX-License-Identifier: GPL-3.0-or-later
// The quantization lens of one compared pair, for `weightscope-cli compare A B --tensor NAME`
// (#18 item 3): the pair as compareFiles pairs it, its statistics (analysis/TensorDiff.h), the
// error of every quantization block when a side is block-quantised (analysis/QuantBlockError.h,
// here unpooled: one cell a block, so memory is two floats a block — a sixteenth of the
// quantised tensor's float32 size for 32-element blocks) and the original-vs-other 2-D histogram
// (analysis/PairScatter.h, the central 99.9 % of the values as in the GUI); and that lens as
// CSV (one line a block) or JSON (schema in docs/cli.md).
#pragma once

#include "analysis/PairScatter.h"
#include "analysis/QuantBlockError.h"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>

namespace ws {

struct PairLens {
    std::string pathA, formatA, pathB, formatB;
    DiffRow row;             // the pair, its statistics filled in
    bool hasBlocks = false;
    BlockErrorMap blocks;    // unpooled: cellRows = rows, cellCols = blocksPerRow
    std::string blocksNote;  // why there are no blocks (no block-quantised side, rows not whole blocks)
    ScatterHistogram scatter;
    double diagonal = 0;     // share of the scatter's points whose x and y fall in the same bin
};

// The pair whose A or B name is `name`. Throws Error naming both files when no pair has that
// name (or the tensor has no partner, or the two hold different numbers of elements), Cancelled
// when `cancel` says so.
PairLens pairLens(const WeightFile& a, const WeightFile& b, const std::string& name, int bins = 64,
    const CancelCheck& cancel = {});

// "row,block,first_element,relative_l2,rms": one line a block in the quantised tensor's order.
void writeBlockErrorsCsv(std::ostream& out, const PairLens& lens);
// everyBlock: the whole map (rows × blocks) besides the summary and the worst block.
nlohmann::json pairLensJson(const PairLens& lens, bool everyBlock);

} // namespace ws
