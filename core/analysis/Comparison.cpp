// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/Comparison.h"

#include "util/CsvQuote.h"

#include <cmath>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace ws {

std::string csvNumber(double v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    std::ostringstream s;
    s << std::setprecision(9) << v;
    return s.str();
}

namespace {

std::string layoutName(const PairLayout& l)
{
    if (l.transposed)
        return "transposed";
    return l.heads > 0 ? "q/k permutation undone (" + std::to_string(l.heads) + " heads)" : "";
}

// JSON has no NaN or infinity: null, as nlohmann writes NaN anyway.
nlohmann::json jsonNumber(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json statsJson(const DiffStats& s)
{
    return { { "relative_l2", jsonNumber(s.relativeL2) }, { "max_abs", jsonNumber(s.maxAbs) },
        { "cosine", jsonNumber(s.cosine) }, { "snr_db", jsonNumber(s.snrDb) }, { "snr_infinite", std::isinf(s.snrDb) },
        { "sign_flips", jsonNumber(s.signFlips) }, { "compared", s.compared }, { "non_finite", s.skipped } };
}

// A row may already carry the matcher's note (a permutation it could not undo).
void addNote(DiffRow& row, const std::string& note) { row.note += (row.note.empty() ? "" : "; ") + note; }

std::string totalLabel(const DiffTotal& t)
{
    return t.model ? "model" : t.block >= 0 ? "block " + std::to_string(t.block) : "outside blocks";
}

} // namespace

Comparison compareFiles(const WeightFile& a, const WeightFile& b, const CompareProgress& progress, const CancelCheck& cancel)
{
    Comparison c;
    c.pathA = a.path();
    c.formatA = a.format();
    c.pathB = b.path();
    c.formatB = b.format();
    c.rows = matchTensors(a, b);
    if (progress.matched)
        progress.matched(c.rows);
    for (size_t r = 0; r < c.rows.size(); ++r) {
        DiffRow& row = c.rows[r];
        if (row.indexA < 0 || row.indexB < 0)
            continue;
        ++c.pairs;
        if (shapeNumel(row.shapeA) != shapeNumel(row.shapeB)) {
            addNote(row, "not compared: " + shapeToString(row.shapeA) + " and " + shapeToString(row.shapeB)
                + " hold different numbers of elements");
            continue;
        }
        try {
            row.stats = comparePair(a, b, row, cancel);
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            a.releaseTensor(size_t(row.indexA));
            b.releaseTensor(size_t(row.indexB));
            addNote(row, std::string("not compared: ") + e.what());
            continue;
        }
        // Resident memory stays that of the pair in hand, not the files' size (two 7 B
        // checkpoints held 16.5 GB of mapped pages at the end before this).
        a.releaseTensor(size_t(row.indexA));
        b.releaseTensor(size_t(row.indexB));
        ++c.compared;
        if (progress.rowDone)
            progress.rowDone(r, row.stats);
    }
    c.totals = diffTotals(c.rows);
    return c;
}

std::string nothingComparedMessage(const Comparison& c)
{
    if (c.compared > 0)
        return {};
    size_t inA = 0, inB = 0;
    for (const DiffRow& r : c.rows) {
        inA += r.indexA >= 0;
        inB += r.indexB >= 0;
    }
    return "no tensor in common between " + c.pathA + " (" + std::to_string(inA) + " tensors) and " + c.pathB + " ("
        + std::to_string(inB) + " tensors): nothing compared";
}

void writeComparisonCsv(std::ostream& out, const Comparison& c)
{
    out << "tensor_a,tensor_b,status,match,layout,shape_a,shape_b,bits_a,bits_b,block,relative_l2,max_abs,cosine,"
           "snr_db,sign_flips,compared,non_finite,note\n";
    std::vector<DiffRow> rows = c.rows;
    sortWorstFirst(rows);
    for (const DiffRow& r : rows) {
        const bool hasA = r.indexA >= 0, hasB = r.indexB >= 0;
        const std::string nameA = hasA ? r.name : "", nameB = hasB ? (r.nameB.empty() ? r.name : r.nameB) : "";
        out << csvQuote(nameA) << ',' << csvQuote(nameB) << ',' << csvQuote(diffStatusName(r.status)) << ','
            << csvQuote(matchKindName(r.how)) << ',' << csvQuote(layoutName(r.layout)) << ','
            << csvQuote(hasA ? shapeToString(r.shapeA) : "") << ',' << csvQuote(hasB ? shapeToString(r.shapeB) : "") << ','
            << (hasA ? csvNumber(r.bitsA) : "") << ',' << (hasB ? csvNumber(r.bitsB) : "") << ','
            << (r.block >= 0 ? std::to_string(r.block) : "") << ',';
        if (r.stats.computed)
            out << csvNumber(r.stats.relativeL2) << ',' << csvNumber(r.stats.maxAbs) << ',' << csvNumber(r.stats.cosine) << ','
                << csvNumber(r.stats.snrDb) << ',' << csvNumber(r.stats.signFlips) << ',' << r.stats.compared << ','
                << r.stats.skipped << ',';
        else
            out << ",,,,,,,";
        out << csvQuote(r.note) << '\n';
    }
    for (const DiffTotal& t : c.totals)
        out << csvQuote(totalLabel(t)) << ",,total,,,,,,," << (t.block >= 0 && !t.model ? std::to_string(t.block) : "")
            << ',' << csvNumber(t.stats.relativeL2) << ',' << csvNumber(t.stats.maxAbs) << ',' << csvNumber(t.stats.cosine) << ','
            << csvNumber(t.stats.snrDb) << ',' << csvNumber(t.stats.signFlips) << ',' << t.stats.compared << ','
            << t.stats.skipped << ',' << t.tensors << " tensors\n";
}

nlohmann::json diffRowJson(const DiffRow& r)
{
    nlohmann::json e = { { "status", diffStatusName(r.status) } };
    if (r.indexA >= 0)
        e["a"] = { { "name", r.name }, { "shape", r.shapeA }, { "bits_per_weight", r.bitsA } };
    if (r.indexB >= 0)
        e["b"] = { { "name", r.nameB.empty() ? r.name : r.nameB }, { "shape", r.shapeB }, { "bits_per_weight", r.bitsB } };
    if (r.block >= 0)
        e["block"] = r.block;
    if (!r.note.empty())
        e["note"] = r.note;
    if (r.indexA >= 0 && r.indexB >= 0) {
        e["match"] = matchKindName(r.how);
        e["layout"] = layoutName(r.layout);
        if (r.stats.computed)
            e["stats"] = statsJson(r.stats);
    }
    return e;
}

nlohmann::json comparisonJson(const Comparison& c)
{
    nlohmann::json j;
    j["a"] = { { "path", c.pathA }, { "format", c.formatA } };
    j["b"] = { { "path", c.pathB }, { "format", c.formatB } };
    j["pairs"] = nlohmann::json::array();
    j["only_in_a"] = nlohmann::json::array();
    j["only_in_b"] = nlohmann::json::array();
    j["ambiguous"] = nlohmann::json::array();
    std::vector<DiffRow> rows = c.rows;
    sortWorstFirst(rows);
    for (const DiffRow& r : rows) {
        const char* list = r.indexA >= 0 && r.indexB >= 0 ? "pairs"
            : r.status == DiffStatus::Ambiguous                 ? "ambiguous"
            : r.indexA >= 0                                     ? "only_in_a"
                                                                : "only_in_b";
        j[list].push_back(diffRowJson(r));
    }
    j["totals"] = nlohmann::json::array();
    for (const DiffTotal& t : c.totals) {
        nlohmann::json e = statsJson(t.stats);
        e["label"] = totalLabel(t);
        e["tensors"] = t.tensors;
        if (t.block >= 0 && !t.model)
            e["block"] = t.block;
        j["totals"].push_back(e);
    }
    return j;
}

} // namespace ws
