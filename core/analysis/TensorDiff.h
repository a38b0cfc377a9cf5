// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing two weight files tensor by tensor (#18): two checkpoints of one model, or a model and
// its quantised, converted or exported copy. analysis/TensorMatch.h pairs the tensors (by name,
// through name maps and layout changes, by position); this file measures each pair as the error
// of B against the reference A: max |a − b|, the relative error ‖a − b‖₂ / ‖a‖₂, the cosine
// similarity a·b / (‖a‖‖b‖), the signal-to-noise ratio 10·log10(Σa² / Σ(a − b)²) dB and the
// share of elements whose sign flipped (a·b < 0; a zero is no flip). Sums run in float64 over
// chunks, so memory stays at a chunk, or at one tensor when the layout must be undone (a
// transposed or row-permuted pair: B is read whole, A streamed). Elements where a or b is not
// finite are left out and counted.
#pragma once

#include "analysis/TensorView.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ws {

enum class DiffStatus {
    Matched,   // a pair whose elements line up (after undoing the layout change, if any)
    Reshaped,  // a pair with different shapes and no known layout change (compared flat when the element counts agree)
    OnlyInA,   // no partner in B
    OnlyInB,   // no partner in A
    Ambiguous, // a name map would give it the same name as another tensor of its file: not paired, reported
};

// How the partner was found.
enum class MatchKind {
    None,     // unpaired
    Name,     // the same name
    Spelling, // the same name once written alike: "dense/kernel" = "dense.kernel", ":0" dropped, Keras's layer prefix
    NameMap,  // a Hugging Face ↔ GGUF name map ("model.layers.0.self_attn.q_proj.weight" = "blk.0.attn_q.weight")
    Position, // the rest, by shape and order in the files ("matched by position")
};

// The layout change between A and B that the comparison undoes (element (r, c) of A, with r
// over A's first dimension and c over the rest, meets element otherIndex(r, c) of B).
struct PairLayout {
    bool transposed = false; // 2-D: B = Aᵀ (Keras (in, out) vs PyTorch (out, in); GPT-2's Conv1D in GGUF)
    // llama.cpp's Q/K row permutation (convert_hf_to_gguf.py, LlamaModel.permute) with this many
    // heads, 0 for none; permutedInB: B is the converted (GGUF) side, else A is.
    int64_t heads = 0;
    bool permutedInB = true;
    bool identity() const { return !transposed && heads == 0; }
};

struct DiffStats {
    bool computed = false;
    double maxAbs = 0;
    double relativeL2 = 0; // 0 when both are all zeros; +inf when only b is not
    double cosine = 0;     // NaN when a or b is all zeros
    double snrDb = 0;      // +inf when a = b, NaN when a is all zeros
    double signFlips = 0;  // share of compared elements with a·b < 0
    int64_t compared = 0;  // element pairs with both values finite
    int64_t skipped = 0;   // pairs with a NaN or ±Inf
    // The sums behind the numbers, so that blocks and the whole model add up exactly.
    double aa = 0, bb = 0, ab = 0, dd = 0;
    int64_t flips = 0;
};

struct DiffRow {
    std::string name;  // A's name, or B's for tensors only B has
    std::string nameB; // B's name when it differs
    DiffStatus status = DiffStatus::Matched;
    MatchKind how = MatchKind::None;
    PairLayout layout;
    int64_t indexA = -1, indexB = -1;
    Shape shapeA, shapeB;
    double bitsA = 0, bitsB = 0; // bits per weight in each file (Q4_K: 4.5, F16: 16)
    int block = -1;              // the transformer block ("blk.3", "model.layers.3") or -1
    std::string note;            // why a row is marked: a name clash, a permutation that could not be undone, ...
    DiffStats stats;
};

// The elements of a pair chunk by chunk in A's order with B's layout undone: x[i] is A's element
// first + i and y[i] the element of B it meets. Every measure of a pair (the statistics here,
// analysis/QuantBlockError.h, analysis/PairScatter.h) reads through this one loop. Memory: a
// chunk of each side, or B whole when a layout must be undone.
using PairChunk = std::function<void(int64_t first, int64_t count, const float* x, const float* y)>;
// Throws Error when the element counts differ or `row` lacks a side, Cancelled when `cancel` says so.
void visitPair(const WeightFile& a, const WeightFile& b, const DiffRow& row, const PairChunk& chunk,
    const CancelCheck& cancel = {});
void visitPair(const WeightFile& a, size_t indexA, const WeightFile& b, size_t indexB, const PairLayout& layout,
    const PairChunk& chunk, const CancelCheck& cancel = {});

// Throws Error when the element counts differ, Cancelled when `cancel` says so.
DiffStats compareTensors(const WeightFile& a, size_t indexA, const WeightFile& b, size_t indexB,
    const CancelCheck& cancel = {});
// The pair of `row` with its layout undone (Error for a row without both tensors).
DiffStats comparePair(const WeightFile& a, const WeightFile& b, const DiffRow& row, const CancelCheck& cancel = {});
DiffStats compareValues(const float* a, const float* b, int64_t n);
// Statistics from sums (the totals of a block or of the whole model).
DiffStats combine(const std::vector<const DiffStats*>& parts);

// For A's element index `i`, the index of the element of B it meets (shapeA is A's shape).
class PairIndex {
public:
    PairIndex(const Shape& shapeA, const PairLayout& layout);
    int64_t operator()(int64_t i) const;

private:
    PairLayout layout_;
    int64_t rows_ = 1, cols_ = 1;
    std::vector<int64_t> rowInB_; // the permutation, A row → B row
};

// a − b with b's layout undone, in A's layout; B's tensor is read whole when a layout change
// must be undone (Error naming both tensors when the element counts differ).
ElementSource pairDifferenceSource(const WeightFile& a, size_t indexA, const WeightFile& b, size_t indexB, const PairLayout& layout);

} // namespace ws
