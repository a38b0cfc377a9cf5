// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/QuantBlockError.h"

#include "io/GgufReader.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws {

namespace {

// The ggml type of `file`'s tensor `index` when it is a block type, else nullptr.
const GgmlTypeInfo* blockType(const WeightFile& file, int64_t index)
{
    const auto* gguf = dynamic_cast<const GgufFile*>(&file);
    if (!gguf || index < 0 || size_t(index) >= gguf->tensors().size())
        return nullptr;
    const GgmlTypeInfo& type = gguf->ggmlType(size_t(index));
    return type.blockElements > 1 ? &type : nullptr;
}

// The sums of the blocks not yet measured: one row of them, or all (a transposed pair).
struct BlockSums {
    std::vector<double> dd, oo;
    std::vector<uint32_t> n;
    explicit BlockSums(size_t blocks) : dd(blocks), oo(blocks), n(blocks) {}
};

} // namespace

std::optional<QuantizedSide> quantizedSide(const WeightFile& a, const WeightFile& b, const DiffRow& row)
{
    const GgmlTypeInfo* inB = blockType(b, row.indexB);
    const GgmlTypeInfo* inA = inB ? nullptr : blockType(a, row.indexA);
    if (!inA && !inB)
        return std::nullopt;
    const GgmlTypeInfo* t = inB ? inB : inA;
    return QuantizedSide { inB != nullptr, t->name, t->blockElements };
}

BlockErrorMap blockErrors(const WeightFile& a, const WeightFile& b, const DiffRow& row, int64_t maxRows, int64_t maxCols,
    const CancelCheck& cancel)
{
    const auto side = quantizedSide(a, b, row);
    if (!side)
        throw Error("no block error for " + row.name + ": neither side is a block-quantised GGUF tensor");
    const WeightFile& qfile = side->inB ? b : a;
    const TensorInfo& qt = qfile.tensors()[size_t(side->inB ? row.indexB : row.indexA)];
    BlockErrorMap map;
    map.side = *side;
    const int64_t cols = qt.shape.empty() ? 1 : qt.shape.back();
    const int64_t be = side->blockElements;
    if (cols <= 0 || cols % be != 0)
        throw Error(qfile.path() + ": " + qt.name + " " + shapeToString(qt.shape) + ": rows of " + std::to_string(cols)
            + " elements are not whole " + side->type + " blocks of " + std::to_string(be));
    map.rows = qt.numel() / cols;
    map.blocksPerRow = cols / be;
    maxRows = std::max<int64_t>(maxRows, 1);
    maxCols = std::max<int64_t>(maxCols, 1);
    map.poolRows = std::max<int64_t>(1, (map.rows + maxRows - 1) / maxRows); // 1 for a tensor of 0 rows
    map.poolCols = std::max<int64_t>(1, (map.blocksPerRow + maxCols - 1) / maxCols);
    map.cellRows = map.rows == 0 ? 0 : (map.rows + map.poolRows - 1) / map.poolRows;
    map.cellCols = (map.blocksPerRow + map.poolCols - 1) / map.poolCols;
    map.relative.assign(size_t(map.cellRows * map.cellCols), 0.0f);
    map.rms.assign(map.relative.size(), 0.0f);

    const auto measure = [&map](int64_t qr, int64_t k, double dd, double oo, uint32_t n) {
        const double rel = oo > 0 ? std::sqrt(dd / oo) : dd > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        const double rms = n > 0 ? std::sqrt(dd / n) : 0.0;
        const size_t cell = size_t((qr / map.poolRows) * map.cellCols + k / map.poolCols);
        map.relative[cell] = std::max(map.relative[cell], float(rel));
        map.rms[cell] = std::max(map.rms[cell], float(rms));
        const bool earlier = qr < map.worstRow || (qr == map.worstRow && k < map.worstBlock);
        if (map.worstRow < 0 || rel > map.worstRelative || (rel == map.worstRelative && earlier)) {
            map.worstRow = qr;
            map.worstBlock = k;
            map.worstRelative = rel;
            map.worstRms = rms;
        }
    };

    // The quantised element j that A's element i meets; consecutive A elements stay in one
    // quantised row unless the pair is transposed.
    const bool everyBlock = side->inB && row.layout.transposed;
    std::optional<PairIndex> inB;
    if (side->inB && !row.layout.identity())
        inB.emplace(a.tensors()[size_t(row.indexA)].shape, row.layout);
    BlockSums sums(size_t(everyBlock ? map.rows * map.blocksPerRow : map.blocksPerRow));
    int64_t rowOf = -1; // the quantised row being summed (row by row)
    visitPair(a, b, row, [&](int64_t first, int64_t count, const float* x, const float* y) {
        for (int64_t i = 0; i < count; ++i) {
            const int64_t j = inB ? (*inB)(first + i) : first + i;
            const int64_t qr = j / cols;
            const int64_t k = (j % cols) / be;
            const size_t slot = size_t(everyBlock ? qr * map.blocksPerRow + k : k);
            if (!everyBlock)
                rowOf = qr;
            const double o = side->inB ? x[i] : y[i], q = side->inB ? y[i] : x[i];
            if (std::isfinite(o) && std::isfinite(q)) {
                const double d = o - q;
                sums.dd[slot] += d * d;
                sums.oo[slot] += o * o;
                ++sums.n[slot];
            } else {
                ++map.skipped;
            }
            if (!everyBlock && (first + i) % cols == cols - 1) { // the row is complete
                for (int64_t kk = 0; kk < map.blocksPerRow; ++kk)
                    measure(rowOf, kk, sums.dd[size_t(kk)], sums.oo[size_t(kk)], sums.n[size_t(kk)]);
                std::fill(sums.dd.begin(), sums.dd.end(), 0.0);
                std::fill(sums.oo.begin(), sums.oo.end(), 0.0);
                std::fill(sums.n.begin(), sums.n.end(), 0u);
            }
        }
    }, cancel);
    if (everyBlock)
        for (int64_t qr = 0; qr < map.rows; ++qr)
            for (int64_t k = 0; k < map.blocksPerRow; ++k) {
                const size_t s = size_t(qr * map.blocksPerRow + k);
                measure(qr, k, sums.dd[s], sums.oo[s], sums.n[s]);
            }
    return map;
}

} // namespace ws
