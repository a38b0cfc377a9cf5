// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/PairLens.h"

#include "analysis/Comparison.h"
#include "util/Error.h"

#include <cmath>
#include <ostream>

namespace ws {

namespace {

// As the Compare dock's lens: the scatter's range is the central 99.9 % of both sides' values.
constexpr double kScatterTail = 0.0005;
// Blocks a cell: one. Pooling starts above this many rows or blocks a row, which no tensor has.
constexpr int64_t kUnpooled = int64_t(1) << 40;

} // namespace

PairLens pairLens(const WeightFile& a, const WeightFile& b, const std::string& name, int bins, const CancelCheck& cancel)
{
    PairLens lens;
    lens.pathA = a.path();
    lens.formatA = a.format();
    lens.pathB = b.path();
    lens.formatB = b.format();
    const std::vector<DiffRow> rows = matchTensors(a, b);
    const DiffRow* found = nullptr;
    for (const DiffRow& r : rows)
        if (r.name == name || (!r.nameB.empty() && r.nameB == name)) {
            found = &r;
            if (r.indexA >= 0 && r.indexB >= 0)
                break; // a pair before a same-named unpaired row
        }
    const std::string files = " (" + a.path() + " and " + b.path() + ")";
    if (!found)
        throw Error("no tensor named " + name + " in either file" + files);
    if (found->indexA < 0 || found->indexB < 0)
        throw Error(name + " has no partner" + files + ": " + diffStatusName(found->status)
            + (found->note.empty() ? "" : " (" + found->note + ")"));
    if (shapeNumel(found->shapeA) != shapeNumel(found->shapeB))
        throw Error(name + ": " + shapeToString(found->shapeA) + " and " + shapeToString(found->shapeB)
            + " hold different numbers of elements" + files);
    lens.row = *found;
    lens.row.stats = comparePair(a, b, lens.row, cancel);
    if (quantizedSide(a, b, lens.row)) {
        try {
            lens.blocks = blockErrors(a, b, lens.row, kUnpooled, kUnpooled, cancel);
            lens.hasBlocks = true;
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& e) {
            lens.blocksNote = e.what(); // rows that are not whole blocks: the rest of the lens stands
        }
    } else {
        lens.blocksNote = "neither side is a block-quantised GGUF tensor: no error per block";
    }
    lens.scatter = pairScatter(a, b, lens.row, bins, kScatterTail, cancel);
    uint64_t onDiagonal = 0;
    for (int k = 0; k < lens.scatter.bins; ++k)
        onDiagonal += lens.scatter.count(k, k);
    lens.diagonal = lens.scatter.points > 0 ? double(onDiagonal) / double(lens.scatter.points) : 0;
    return lens;
}

void writeBlockErrorsCsv(std::ostream& out, const PairLens& lens)
{
    out << "row,block,first_element,relative_l2,rms\n";
    const BlockErrorMap& m = lens.blocks;
    for (int64_t r = 0; r < m.cellRows; ++r)
        for (int64_t k = 0; k < m.cellCols; ++k) {
            const size_t cell = size_t(r * m.cellCols + k);
            out << r << ',' << k << ',' << (r * m.blocksPerRow + k) * m.side.blockElements << ','
                << csvNumber(m.relative[cell]) << ',' << csvNumber(m.rms[cell]) << '\n';
        }
}

nlohmann::json pairLensJson(const PairLens& lens, bool everyBlock)
{
    nlohmann::json j;
    j["a"] = { { "path", lens.pathA }, { "format", lens.formatA } };
    j["b"] = { { "path", lens.pathB }, { "format", lens.formatB } };
    j["pair"] = diffRowJson(lens.row);
    if (lens.hasBlocks) {
        const BlockErrorMap& m = lens.blocks;
        nlohmann::json blocks = { { "side", m.side.inB ? "B" : "A" }, { "type", m.side.type },
            { "block_elements", m.side.blockElements }, { "rows", m.rows }, { "blocks_per_row", m.blocksPerRow },
            { "non_finite", m.skipped } };
        if (m.worstRow >= 0)
            blocks["worst"] = { { "row", m.worstRow }, { "block", m.worstBlock }, { "relative_l2", m.worstRelative },
                { "rms", m.worstRms } };
        if (everyBlock) {
            // Row by row; JSON has no infinity: a block whose original is all zeros is null.
            nlohmann::json rel = nlohmann::json::array(), rms = nlohmann::json::array();
            for (int64_t r = 0; r < m.cellRows; ++r) {
                nlohmann::json relRow = nlohmann::json::array(), rmsRow = nlohmann::json::array();
                for (int64_t k = 0; k < m.cellCols; ++k) {
                    const size_t cell = size_t(r * m.cellCols + k);
                    relRow.push_back(std::isfinite(m.relative[cell]) ? nlohmann::json(m.relative[cell]) : nlohmann::json(nullptr));
                    rmsRow.push_back(std::isfinite(m.rms[cell]) ? nlohmann::json(m.rms[cell]) : nlohmann::json(nullptr));
                }
                rel.push_back(std::move(relRow));
                rms.push_back(std::move(rmsRow));
            }
            blocks["relative_l2"] = std::move(rel);
            blocks["rms"] = std::move(rms);
        }
        j["blocks"] = std::move(blocks);
    } else {
        j["blocks_note"] = lens.blocksNote;
    }
    const ScatterHistogram& s = lens.scatter;
    nlohmann::json counts = nlohmann::json::array();
    for (int y = 0; y < s.bins; ++y) {
        nlohmann::json row = nlohmann::json::array();
        for (int x = 0; x < s.bins; ++x)
            row.push_back(s.count(x, y));
        counts.push_back(std::move(row));
    }
    j["scatter"] = { { "x", s.originalIsB ? "B" : "A" }, { "bins", s.bins }, { "lo", s.lo }, { "hi", s.hi },
        { "points", s.points }, { "outside", s.outside }, { "non_finite", s.skipped }, { "on_diagonal", lens.diagonal },
        { "counts", std::move(counts) } };
    return j;
}

} // namespace ws
