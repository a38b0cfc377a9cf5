// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/TensorDiff.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace ws {

namespace {

struct Sums {
    double maxAbs = 0, aa = 0, bb = 0, ab = 0, dd = 0;
    int64_t compared = 0, skipped = 0;

    void add(const float* a, const float* b, int64_t n)
    {
        for (int64_t i = 0; i < n; ++i) {
            const double x = a[i], y = b[i];
            if (!std::isfinite(x) || !std::isfinite(y)) {
                ++skipped;
                continue;
            }
            const double d = x - y;
            maxAbs = std::max(maxAbs, std::abs(d));
            aa += x * x;
            bb += y * y;
            ab += x * y;
            dd += d * d;
            ++compared;
        }
    }

    DiffStats result() const
    {
        DiffStats s;
        s.computed = true;
        s.maxAbs = maxAbs;
        s.compared = compared;
        s.skipped = skipped;
        s.relativeL2 = aa > 0 ? std::sqrt(dd / aa) : dd > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        s.cosine = aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : std::numeric_limits<double>::quiet_NaN();
        return s;
    }
};

} // namespace

std::vector<DiffRow> matchTensors(const WeightFile& a, const WeightFile& b)
{
    std::unordered_map<std::string, size_t> inB;
    for (size_t i = 0; i < b.tensors().size(); ++i)
        inB.emplace(b.tensors()[i].name, i);
    std::vector<DiffRow> rows;
    std::vector<bool> matched(b.tensors().size(), false);
    for (size_t i = 0; i < a.tensors().size(); ++i) {
        const TensorInfo& t = a.tensors()[i];
        DiffRow row;
        row.name = t.name;
        row.indexA = int64_t(i);
        row.shapeA = t.shape;
        const auto it = inB.find(t.name);
        if (it == inB.end()) {
            row.status = DiffStatus::OnlyInA;
        } else {
            matched[it->second] = true;
            row.indexB = int64_t(it->second);
            row.shapeB = b.tensors()[it->second].shape;
            row.status = row.shapeA == row.shapeB ? DiffStatus::Matched : DiffStatus::Reshaped;
        }
        rows.push_back(std::move(row));
    }
    for (size_t i = 0; i < b.tensors().size(); ++i)
        if (!matched[i]) {
            DiffRow row;
            row.name = b.tensors()[i].name;
            row.status = DiffStatus::OnlyInB;
            row.indexB = int64_t(i);
            row.shapeB = b.tensors()[i].shape;
            rows.push_back(std::move(row));
        }
    return rows;
}

DiffStats compareValues(const float* a, const float* b, int64_t n)
{
    Sums s;
    s.add(a, b, n);
    return s.result();
}

DiffStats compareTensors(const WeightFile& a, size_t indexA, const WeightFile& b, size_t indexB, const CancelCheck& cancel)
{
    const TensorInfo& ta = a.tensors().at(indexA);
    const TensorInfo& tb = b.tensors().at(indexB);
    if (ta.numel() != tb.numel())
        throw Error("cannot compare " + ta.name + " " + shapeToString(ta.shape) + " with " + shapeToString(tb.shape) + ": the element counts differ");
    constexpr int64_t kChunk = int64_t(1) << 16;
    const int64_t n = ta.numel();
    std::vector<float> x(size_t(std::min(n, kChunk))), y(x.size());
    Sums s;
    for (int64_t first = 0; first < n; first += kChunk) {
        if (cancel && cancel())
            throw Cancelled();
        const int64_t m = std::min(kChunk, n - first);
        a.read(indexA, first, m, x.data());
        b.read(indexB, first, m, y.data());
        s.add(x.data(), y.data(), m);
    }
    return s.result();
}

} // namespace ws
