// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli compare A B: every tensor of B against its partner in A, the reference (#18):
// tensors paired by meaning across formats (analysis/TensorMatch.h), the error of each pair
// worst first, totals per transformer block and for the model; --json and --csv print the same
// (schema in docs/cli.md), --out writes it to a file (atomically) instead. With --tensor NAME,
// the quantization lens of that one pair (analysis/PairLens.h): its error per quantization block
// and the original-vs-dequantised scatter, as the Compare dock's lens shows them.
#include "cli/Args.h"
#include "cli/Commands.h"
#include "cli/Output.h"

#include "analysis/Comparison.h"
#include "analysis/PairLens.h"
#include "formats/WeightFormats.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace ws::cli {

namespace {

const std::vector<OptionSpec>& compareOptions()
{
    static const std::vector<OptionSpec> specs = {
        { "json", "", "print JSON instead of text (schema in docs/cli.md)" },
        { "csv", "", "print CSV instead of text: one line per tensor, worst first, then the totals" },
        { "out", "FILE", "write the text, JSON or CSV to FILE (replaced if it exists) instead of the terminal" },
        { "tensor", "NAME", "only the pair holding NAME (A's or B's name): its error per quantization block and the "
                            "original-vs-quantised scatter; --csv prints one line a block" },
        { "blocks", "", "with --tensor: every block's error (text and JSON), not only the worst" },
        { "bins", "N", "with --tensor: bins of the scatter along each axis (default 64, 2 to 1024)" },
        { "help", "", "this help" },
    };
    return specs;
}

constexpr int kWorstBlocksShown = 10; // text without --blocks

std::string fixed(double v, int precision)
{
    if (std::isnan(v))
        return "-";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    std::ostringstream s;
    s << std::setprecision(precision) << v;
    return s.str();
}

std::string bits(double b)
{
    std::ostringstream s;
    s << std::setprecision(4) << b;
    return s.str();
}

void printStats(std::ostream& out, const DiffStats& s)
{
    out << std::setw(12) << fixed(s.relativeL2, 4) << std::setw(12) << fixed(s.maxAbs, 4) << std::setw(12)
        << fixed(s.cosine, 6) << std::setw(9) << fixed(s.snrDb, 4) << std::setw(8) << fixed(100 * s.signFlips, 3) << "%";
}

void printText(std::ostream& out, const Comparison& c)
{
    out << "A: " << c.pathA << " (" << c.formatA << ")\nB: " << c.pathB << " (" << c.formatB << ")\n";
    int kinds[5] = {}, onlyA = 0, onlyB = 0, ambiguous = 0;
    for (const DiffRow& r : c.rows) {
        kinds[int(r.how)] += r.indexA >= 0 && r.indexB >= 0;
        onlyA += r.status == DiffStatus::OnlyInA;
        onlyB += r.status == DiffStatus::OnlyInB;
        ambiguous += r.status == DiffStatus::Ambiguous;
    }
    out << "pairs: " << c.pairs << " (by name " << kinds[int(MatchKind::Name)] << ", by spelling "
        << kinds[int(MatchKind::Spelling)] << ", by name map " << kinds[int(MatchKind::NameMap)] << ", by position "
        << kinds[int(MatchKind::Position)] << "), compared " << c.compared << "; only in A: " << onlyA
        << "; only in B: " << onlyB << "; ambiguous: " << ambiguous << "\n\n";
    std::vector<DiffRow> rows = c.rows;
    sortWorstFirst(rows);
    // Numbers first, the names last: names are long, and the columns stay aligned.
    out << std::setw(12) << "rel. L2" << std::setw(12) << "max |Δ|" << std::setw(12) << "cosine" << std::setw(9)
        << "SNR dB" << std::setw(9) << "flips" << std::setw(8) << "bits A" << std::setw(8) << "bits B"
        << "  tensor A → B (how paired), worst first\n";
    for (const DiffRow& r : rows) {
        if (r.indexA < 0 || r.indexB < 0)
            continue;
        if (r.stats.computed)
            printStats(out, r.stats);
        else
            out << std::setw(54) << "(not compared)";
        out << std::setw(8) << bits(r.bitsA) << std::setw(8) << bits(r.bitsB) << "  " << r.name
            << (r.nameB.empty() ? "" : " → " + r.nameB) << " (" << matchKindName(r.how);
        if (r.layout.transposed)
            out << ", transposed";
        if (r.layout.heads > 0)
            out << ", q/k permutation undone";
        if (r.stats.skipped > 0)
            out << ", " << r.stats.skipped << " NaN/Inf left out";
        if (r.stats.computed && r.stats.compared == 0)
            out << ", no elements";
        out << ")\n";
        if (!r.note.empty())
            out << "    note: " << r.note << "\n";
    }
    for (const char* side : { "A", "B" }) {
        bool first = true;
        for (const DiffRow& r : c.rows)
            if ((r.status == DiffStatus::OnlyInA && side[0] == 'A') || (r.status == DiffStatus::OnlyInB && side[0] == 'B')) {
                out << (first ? std::string("\nonly in ") + side + ":\n" : "") << "  " << r.name << " "
                    << shapeToString(r.indexA >= 0 ? r.shapeA : r.shapeB) << "\n";
                first = false;
            }
    }
    bool first = true;
    for (const DiffRow& r : c.rows)
        if (r.status == DiffStatus::Ambiguous) {
            out << (first ? "\nambiguous (not paired):\n" : "") << "  " << (r.indexA >= 0 ? "A " : "B ") << r.name
                << ": " << r.note << "\n";
            first = false;
        }
    out << "\ntotals:\n";
    for (const DiffTotal& t : c.totals) {
        const std::string label = t.model ? "model" : t.block >= 0 ? "block " + std::to_string(t.block) : "outside blocks";
        printStats(out, t.stats);
        out << "  " << label << " (" << t.tensors << " tensors)\n";
    }
}

void printLensText(std::ostream& out, const PairLens& lens, bool everyBlock)
{
    const DiffRow& r = lens.row;
    out << "A: " << lens.pathA << " (" << lens.formatA << ")\nB: " << lens.pathB << " (" << lens.formatB << ")\n";
    out << "pair: " << r.name << " " << shapeToString(r.shapeA) << " → " << (r.nameB.empty() ? r.name : r.nameB) << " "
        << shapeToString(r.shapeB) << " (" << matchKindName(r.how) << (r.layout.transposed ? ", transposed" : "")
        << (r.layout.heads > 0 ? ", q/k permutation undone" : "") << "), bits per weight " << bits(r.bitsA) << " → "
        << bits(r.bitsB) << "\n\n";
    out << std::setw(12) << "rel. L2" << std::setw(12) << "max |Δ|" << std::setw(12) << "cosine" << std::setw(9) << "SNR dB"
        << std::setw(9) << "flips" << "\n";
    printStats(out, r.stats);
    out << "\n\n";
    if (!lens.hasBlocks) {
        out << "blocks: " << lens.blocksNote << "\n";
    } else {
        const BlockErrorMap& m = lens.blocks;
        out << "blocks: " << (m.side.inB ? "B" : "A") << " is " << m.side.type << ", " << m.side.blockElements
            << " elements a block; " << m.rows << " row(s) × " << m.blocksPerRow << " block(s)";
        if (m.skipped > 0)
            out << "; " << m.skipped << " NaN/Inf left out";
        out << "\n";
        if (m.worstRow >= 0)
            out << "worst block: row " << m.worstRow << ", block " << m.worstBlock << " (elements from "
                << (m.worstRow * m.blocksPerRow + m.worstBlock) * m.side.blockElements << "): rel. L2 "
                << fixed(m.worstRelative, 6) << ", RMS " << fixed(m.worstRms, 6) << "\n";
        // Every block in order with --blocks, else the worst few.
        std::vector<int64_t> cells(size_t(m.cellRows * m.cellCols));
        for (size_t k = 0; k < cells.size(); ++k)
            cells[k] = int64_t(k);
        if (!everyBlock) {
            const size_t shown = std::min(cells.size(), size_t(kWorstBlocksShown));
            std::partial_sort(cells.begin(), cells.begin() + std::ptrdiff_t(shown), cells.end(),
                [&m](int64_t x, int64_t y) { return m.relative[size_t(x)] > m.relative[size_t(y)]; });
            cells.resize(shown);
        }
        out << "\n" << std::setw(8) << "row" << std::setw(7) << "block" << std::setw(12) << "rel. L2" << std::setw(12) << "RMS"
            << (everyBlock ? "  every block\n" : "  the worst blocks (--blocks for all)\n");
        for (int64_t c : cells)
            out << std::setw(8) << c / m.cellCols << std::setw(7) << c % m.cellCols << std::setw(12)
                << fixed(m.relative[size_t(c)], 4) << std::setw(12) << fixed(m.rms[size_t(c)], 4) << "\n";
    }
    const ScatterHistogram& s = lens.scatter;
    out << "\nscatter: x = " << (s.originalIsB ? "B" : "A") << " (the original), y = the other; " << s.bins << " × "
        << s.bins << " bins over [" << fixed(s.lo, 5) << ", " << fixed(s.hi, 5) << "] on both axes; " << s.points
        << " points, " << fixed(100 * lens.diagonal, 4) << "% in a bin of the diagonal y = x; " << s.outside
        << " outside the range (the 0.1 % tails), " << s.skipped << " NaN/Inf\n";
}

int lensCommand(const Args& a, const WeightFile& fileA, const WeightFile& fileB)
{
    const long long bins = a.integer("bins", 64);
    if (bins < 2 || bins > 1024)
        throw ConfigError("--bins must be between 2 and 1024, not " + std::to_string(bins));
    const PairLens lens = pairLens(fileA, fileB, *a.get("tensor"), int(bins));
    if (a.has("csv") && !lens.hasBlocks)
        throw Error(*a.get("tensor") + ": no CSV of blocks: " + lens.blocksNote);
    const bool everyBlock = a.has("blocks");
    printTable(a, [&](std::ostream& out) { out << pairLensJson(lens, everyBlock).dump(2) << "\n"; },
        [&](std::ostream& out) { writeBlockErrorsCsv(out, lens); }, [&](std::ostream& out) { printLensText(out, lens, everyBlock); });
    return 0;
}

} // namespace

std::string compareHelp()
{
    return "usage: weightscope-cli compare A B [--json | --csv] [--out FILE]\n"
           "       weightscope-cli compare A B --tensor NAME [--blocks] [--bins N] [--json | --csv] [--out FILE]\n\n"
           "Compares every tensor of B with its partner in A (the reference), across formats: a safetensors "
           "model and its GGUF, a Keras file and a PyTorch one, a model and its export. Tensors are paired by "
           "name, by spelling (layer/param = layer.param), through Hugging Face <-> GGUF and Keras <-> PyTorch "
           "name maps (undoing llama.cpp's Q/K permutation and transposed kernels), then by shape and order. "
           "Prints per tensor, worst first: relative L2 error, max |A-B|, cosine similarity, SNR in dB, the share "
           "of sign flips and the bits per weight of each side; then totals per transformer block and for the model. "
           "With --tensor, one pair's quantization lens: the error of every quantization block of its "
           "block-quantised side (relative L2 and RMS against the original) and the original-vs-quantised "
           "2-D histogram's summary.\n\n"
        + Args::help(compareOptions());
}

int compareCommand(const std::vector<std::string>& argv)
{
    const Args a(compareOptions(), argv);
    if (a.has("help")) {
        std::cout << compareHelp();
        return 0;
    }
    if (a.positional().size() != 2)
        throw ConfigError("compare needs two weight files, A and B (see compare --help)");
    if (a.has("json") && a.has("csv"))
        throw ConfigError("--json and --csv exclude each other");
    const auto fileA = openWeightFile(a.positional()[0]);
    const auto fileB = openWeightFile(a.positional()[1]);
    if (a.has("tensor"))
        return lensCommand(a, *fileA, *fileB);
    if (a.has("blocks") || a.has("bins"))
        throw ConfigError("--blocks and --bins go with --tensor NAME");
    const Comparison c = compareFiles(*fileA, *fileB);
    printTable(a, [&](std::ostream& out) { out << comparisonJson(c).dump(2) << "\n"; },
        [&](std::ostream& out) { writeComparisonCsv(out, c); }, [&](std::ostream& out) { printText(out, c); });
    if (const std::string message = nothingComparedMessage(c); !message.empty()) {
        std::cerr << "weightscope-cli: " << message << "\n";
        return 1;
    }
    return 0;
}

} // namespace ws::cli
