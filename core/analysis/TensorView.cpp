// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/TensorView.h"

#include "util/AtomicWrite.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace ws {

ElementSource tensorSource(const WeightFile& file, size_t index)
{
    const int64_t n = file.tensors().at(index).numel();
    return { n, [&file, index](int64_t first, int64_t count, float* out) { file.read(index, first, count, out); } };
}

ElementSource differenceSource(const WeightFile& a, size_t indexA, const WeightFile& b, size_t indexB)
{
    const TensorInfo& ta = a.tensors().at(indexA);
    const TensorInfo& tb = b.tensors().at(indexB);
    if (ta.numel() != tb.numel())
        throw Error("cannot subtract " + b.path() + ":" + tb.name + " " + shapeToString(tb.shape) + " from "
            + a.path() + ":" + ta.name + " " + shapeToString(ta.shape) + ": the element counts differ");
    // A scratch buffer per call keeps the source safe to read from several threads.
    return { ta.numel(), [&a, indexA, &b, indexB](int64_t first, int64_t count, float* out) {
                a.read(indexA, first, count, out);
                std::vector<float> other(static_cast<size_t>(count));
                b.read(indexB, first, count, other.data());
                for (int64_t i = 0; i < count; ++i)
                    out[i] -= other[size_t(i)];
            } };
}

ElementSource memorySource(const std::vector<float>& values)
{
    return { int64_t(values.size()), [&values](int64_t first, int64_t count, float* out) {
                std::copy_n(values.data() + first, count, out);
            } };
}

SliceSpec defaultSlice(const Shape& shape)
{
    SliceSpec spec;
    const int rank = int(shape.size());
    spec.index.assign(shape.size(), 0);
    spec.colDim = rank >= 1 ? rank - 1 : -1;
    spec.rowDim = rank >= 2 ? rank - 2 : -1;
    return spec;
}

View2D makeView(const Shape& shape, const SliceSpec& spec)
{
    const int rank = int(shape.size());
    auto bad = [&](const std::string& why) { return Error("slice of a " + shapeToString(shape) + " tensor: " + why); };
    if (spec.colDim < -1 || spec.colDim >= rank || spec.rowDim < -1 || spec.rowDim >= rank)
        throw bad("dimension out of range");
    if (spec.colDim == -1 && spec.rowDim != -1)
        throw bad("a row dimension needs a column dimension");
    if (spec.rowDim != -1 && spec.rowDim >= spec.colDim)
        throw bad("the row dimension must come before the column dimension");
    if (int(spec.index.size()) != rank)
        throw bad("expected " + std::to_string(rank) + " indices, got " + std::to_string(spec.index.size()));

    // C-order strides.
    std::vector<int64_t> stride(shape.size(), 1);
    for (int d = rank - 2; d >= 0; --d)
        stride[size_t(d)] = stride[size_t(d) + 1] * shape[size_t(d) + 1];

    View2D view;
    for (int d = 0; d < rank; ++d) {
        if (d == spec.rowDim || d == spec.colDim)
            continue;
        const int64_t i = spec.index[size_t(d)];
        if (i < 0 || i >= shape[size_t(d)])
            throw bad("index " + std::to_string(i) + " outside dimension " + std::to_string(d) + " of size "
                + std::to_string(shape[size_t(d)]));
        view.offset += i * stride[size_t(d)];
    }
    if (spec.colDim >= 0) {
        view.cols = shape[size_t(spec.colDim)];
        view.colStride = stride[size_t(spec.colDim)];
    }
    if (spec.rowDim >= 0) {
        view.rows = shape[size_t(spec.rowDim)];
        view.rowStride = stride[size_t(spec.rowDim)];
    }
    return view;
}

void readViewRow(const ElementSource& source, const View2D& view, int64_t r, int64_t c0, int64_t n, float* out,
    std::vector<float>& buffer, int64_t chunk)
{
    if (n <= 0)
        return;
    const int64_t start = view.element(r, c0);
    if (view.colStride == 1 || n == 1) { // contiguous: straight into out
        source.read(start, n, out);
        return;
    }
    // Strided: read the span in pieces that hold whole columns and pick every colStride-th
    // element. rowDim < colDim bounds a row's span by the row stride, so a whole view reads each
    // tensor element at most once.
    const int64_t perPiece = std::max<int64_t>(1, chunk / view.colStride);
    for (int64_t done = 0; done < n; done += perPiece) {
        const int64_t m = std::min(perPiece, n - done);
        const int64_t span = (m - 1) * view.colStride + 1;
        buffer.resize(size_t(span));
        source.read(start + done * view.colStride, span, buffer.data());
        for (int64_t c = 0; c < m; ++c)
            out[done + c] = buffer[size_t(c * view.colStride)];
    }
}

void writeViewCsv(const ElementSource& source, const View2D& view, const std::string& path)
{
    writeStreamAtomically(path, [&](std::ostream& out) {
        constexpr int64_t kPiece = int64_t(1) << 16;
        std::vector<float> row(size_t(std::min(view.cols, kPiece))), scratch;
        char number[32];
        for (int64_t r = 0; r < view.rows && out; ++r) {
            for (int64_t c0 = 0; c0 < view.cols; c0 += kPiece) {
                const int64_t n = std::min(kPiece, view.cols - c0);
                readViewRow(source, view, r, c0, n, row.data(), scratch);
                for (int64_t c = 0; c < n; ++c) {
                    if (c0 + c > 0)
                        out.put(',');
                    std::snprintf(number, sizeof number, "%.9g", double(row[size_t(c)]));
                    out << number;
                }
            }
            out.put('\n');
        }
    });
}

} // namespace ws
