// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/TensorDiff.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

namespace ws {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int64_t kChunk = int64_t(1) << 16;

void add(DiffStats& s, double x, double y)
{
    if (!std::isfinite(x) || !std::isfinite(y)) {
        ++s.skipped;
        return;
    }
    const double d = x - y;
    s.maxAbs = std::max(s.maxAbs, std::abs(d));
    s.aa += x * x;
    s.bb += y * y;
    s.ab += x * y;
    s.dd += d * d;
    s.flips += x * y < 0;
    ++s.compared;
}

DiffStats finish(DiffStats s)
{
    s.computed = true;
    s.relativeL2 = s.aa > 0 ? std::sqrt(s.dd / s.aa) : s.dd > 0 ? kInf : 0.0;
    s.cosine = s.aa > 0 && s.bb > 0 ? s.ab / std::sqrt(s.aa * s.bb) : kNaN;
    s.snrDb = s.aa > 0 ? (s.dd > 0 ? 10 * std::log10(s.aa / s.dd) : kInf) : kNaN;
    s.signFlips = s.compared > 0 ? double(s.flips) / double(s.compared) : 0.0;
    return s;
}

const TensorInfo& pairedTensor(const WeightFile& file, int64_t index, const DiffRow& row)
{
    if (index < 0 || size_t(index) >= file.tensors().size())
        throw Error("cannot compare " + row.name + ": it has no partner in " + file.path());
    return file.tensors()[size_t(index)];
}

void checkCounts(const TensorInfo& ta, const TensorInfo& tb)
{
    if (ta.numel() != tb.numel())
        throw Error("cannot compare " + ta.name + " " + shapeToString(ta.shape) + " with " + tb.name + " "
            + shapeToString(tb.shape) + ": the element counts differ");
}

// B's tensor whole, for a pair whose layout must be undone (bounded by the largest tensor).
std::shared_ptr<std::vector<float>> readWhole(const WeightFile& file, size_t index)
{
    auto values = std::make_shared<std::vector<float>>(size_t(file.tensors()[index].numel()));
    for (int64_t first = 0; first < int64_t(values->size()); first += kChunk)
        file.read(index, first, std::min<int64_t>(kChunk, int64_t(values->size()) - first), values->data() + first);
    return values;
}

} // namespace

PairIndex::PairIndex(const Shape& shapeA, const PairLayout& layout) : layout_(layout)
{
    rows_ = shapeA.empty() ? 1 : shapeA.front();
    cols_ = rows_ > 0 ? shapeNumel(shapeA) / rows_ : 0;
    if (layout.heads <= 0)
        return;
    // LlamaModel.permute: w.reshape(heads, 2, half, cols).swapaxes(1, 2), i.e. the converted
    // row h·hd + 2i + j holds the original row h·hd + j·half + i (hd = rows / heads, half = hd / 2).
    const int64_t hd = rows_ / layout.heads, half = hd / 2;
    if (hd * layout.heads != rows_ || half * 2 != hd)
        throw Error("cannot undo the Q/K permutation: " + std::to_string(rows_) + " rows are not "
            + std::to_string(layout.heads) + " heads of an even size");
    rowInB_.resize(size_t(rows_));
    for (int64_t r = 0; r < rows_; ++r) {
        const int64_t h = r / hd, rem = r % hd;
        rowInB_[size_t(r)] = layout.permutedInB ? h * hd + 2 * (rem % half) + rem / half // A original, B converted
                                                : h * hd + (rem % 2) * half + rem / 2;   // A converted, B original
    }
}

int64_t PairIndex::operator()(int64_t i) const
{
    const int64_t r = i / cols_, c = i % cols_;
    if (layout_.transposed)
        return c * rows_ + r; // B is (cols, rows)
    return layout_.heads > 0 ? rowInB_[size_t(r)] * cols_ + c : i;
}

DiffStats compareValues(const float* a, const float* b, int64_t n)
{
    DiffStats s;
    for (int64_t i = 0; i < n; ++i)
        add(s, a[i], b[i]);
    return finish(s);
}

DiffStats combine(const std::vector<const DiffStats*>& parts)
{
    DiffStats s;
    for (const DiffStats* p : parts) {
        s.maxAbs = std::max(s.maxAbs, p->maxAbs);
        s.aa += p->aa;
        s.bb += p->bb;
        s.ab += p->ab;
        s.dd += p->dd;
        s.flips += p->flips;
        s.compared += p->compared;
        s.skipped += p->skipped;
    }
    return finish(s);
}

void visitPair(const WeightFile& a, size_t indexA, const WeightFile& b, size_t indexB, const PairLayout& layout,
    const PairChunk& chunk, const CancelCheck& cancel)
{
    const TensorInfo& ta = a.tensors().at(indexA);
    checkCounts(ta, b.tensors().at(indexB));
    const int64_t n = ta.numel();
    std::vector<float> x(size_t(std::min(n, kChunk))), y(x.size());
    // A layout to undo: B whole (bounded by the largest tensor), A streamed.
    std::optional<PairIndex> inB;
    std::shared_ptr<std::vector<float>> whole;
    if (!layout.identity()) {
        inB.emplace(ta.shape, layout);
        whole = readWhole(b, indexB);
    }
    for (int64_t first = 0; first < n; first += kChunk) {
        if (cancel && cancel())
            throw Cancelled();
        const int64_t m = std::min(kChunk, n - first);
        a.read(indexA, first, m, x.data());
        if (whole)
            for (int64_t i = 0; i < m; ++i)
                y[size_t(i)] = (*whole)[size_t((*inB)(first + i))];
        else
            b.read(indexB, first, m, y.data());
        chunk(first, m, x.data(), y.data());
    }
}

void visitPair(const WeightFile& a, const WeightFile& b, const DiffRow& row, const PairChunk& chunk, const CancelCheck& cancel)
{
    pairedTensor(a, row.indexA, row);
    pairedTensor(b, row.indexB, row);
    visitPair(a, size_t(row.indexA), b, size_t(row.indexB), row.layout, chunk, cancel);
}

namespace {

DiffStats compareVisited(const std::function<void(const PairChunk&)>& visit)
{
    DiffStats s;
    visit([&s](int64_t, int64_t m, const float* x, const float* y) {
        for (int64_t i = 0; i < m; ++i)
            add(s, x[i], y[i]);
    });
    return finish(s);
}

} // namespace

DiffStats compareTensors(const WeightFile& a, size_t indexA, const WeightFile& b, size_t indexB, const CancelCheck& cancel)
{
    return compareVisited([&](const PairChunk& chunk) { visitPair(a, indexA, b, indexB, PairLayout {}, chunk, cancel); });
}

DiffStats comparePair(const WeightFile& a, const WeightFile& b, const DiffRow& row, const CancelCheck& cancel)
{
    return compareVisited([&](const PairChunk& chunk) { visitPair(a, b, row, chunk, cancel); });
}

ElementSource pairDifferenceSource(const WeightFile& a, size_t indexA, const WeightFile& b, size_t indexB, const PairLayout& layout)
{
    if (layout.identity())
        return differenceSource(a, indexA, b, indexB);
    const TensorInfo& ta = a.tensors().at(indexA);
    checkCounts(ta, b.tensors().at(indexB));
    auto inB = std::make_shared<PairIndex>(ta.shape, layout);
    auto whole = readWhole(b, indexB);
    ElementSource s;
    s.numel = ta.numel();
    s.read = [&a, indexA, inB, whole](int64_t first, int64_t count, float* out) {
        a.read(indexA, first, count, out);
        for (int64_t i = 0; i < count; ++i)
            out[i] -= (*whole)[size_t((*inB)(first + i))];
    };
    return s;
}

} // namespace ws
