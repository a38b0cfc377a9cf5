// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/Downsample.h"

#include "util/FirstError.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws {

namespace {

// Pools the view rows of cell row i into map.min/max and sum/count; returns the non-finite count.
int64_t poolCellRow(const ElementSource& source, const View2D& view, Heatmap& map, int64_t i,
    std::vector<double>& sum, std::vector<int64_t>& count, const CancelCheck& cancel)
{
    constexpr float inf = std::numeric_limits<float>::infinity();
    // A row is read in pieces of at most kPiece elements (a 1-D tensor is one long row).
    constexpr int64_t kPiece = int64_t(1) << 16;
    std::vector<float> row(size_t(std::min(view.cols, kPiece))), scratch;
    int64_t nonFinite = 0;
    const size_t base = size_t(i * map.outCols);
    for (int64_t r = map.firstRow(i); r < map.firstRow(i + 1); ++r) {
        for (int64_t c0 = 0; c0 < view.cols; c0 += kPiece) {
            if (cancel && cancel())
                throw Cancelled();
            const int64_t n = std::min(kPiece, view.cols - c0);
            readViewRow(source, view, r, c0, n, row.data(), scratch);
            // Walk the piece one cell column at a time: no division per element, and the inner
            // loop keeps its minimum, maximum and sum in registers.
            for (int64_t j = c0 * map.outCols / view.cols; j < map.outCols; ++j) {
                const int64_t s = std::max(map.firstCol(j), c0) - c0;
                const int64_t e = std::min(map.firstCol(j + 1), c0 + n) - c0;
                if (s >= n)
                    break;
                float mn = inf, mx = -inf;
                double total = 0;
                int64_t finite = 0;
                for (int64_t c = s; c < e; ++c) {
                    const float v = row[size_t(c)];
                    if (!std::isfinite(v))
                        continue;
                    mn = std::min(mn, v);
                    mx = std::max(mx, v);
                    total += double(v);
                    ++finite;
                }
                nonFinite += (e - s) - finite;
                const size_t k = base + size_t(j);
                map.min[k] = std::min(map.min[k], mn);
                map.max[k] = std::max(map.max[k], mx);
                sum[k] += total;
                count[k] += finite;
            }
        }
    }
    return nonFinite;
}

} // namespace

Heatmap downsample(const ElementSource& source, const View2D& view, int64_t maxCols, int64_t maxRows,
    const CancelCheck& cancel)
{
    if (maxCols < 1 || maxRows < 1)
        throw Error("downsample: the target size must be at least 1 × 1");
    Heatmap map;
    map.rows = view.rows;
    map.cols = view.cols;
    map.outRows = std::min(view.rows, maxRows);
    map.outCols = std::min(view.cols, maxCols);
    const size_t cells = size_t(map.outRows * map.outCols);
    constexpr float inf = std::numeric_limits<float>::infinity();
    map.min.assign(cells, inf);
    map.max.assign(cells, -inf);
    std::vector<double> sum(cells, 0.0);
    std::vector<int64_t> count(cells, 0);
    if (cells == 0)
        return map;

    // Cell rows are pooled in parallel, each by one thread from its own rows of the view (a
    // 45 M-element matrix streams in half the time on two cores). A cell's elements are summed
    // in the same order as by one thread, so the result does not depend on the thread count.
    // Exceptions and cancellation cannot leave an OpenMP loop: they are noted and rethrown after.
    FirstError failure;
    int64_t nonFinite = 0;
#pragma omp parallel for schedule(dynamic, 1) reduction(+ : nonFinite)
    for (int64_t i = 0; i < map.outRows; ++i) {
        if (failure.failed())
            continue;
        failure.capture([&] { nonFinite += poolCellRow(source, view, map, i, sum, count, cancel); });
    }
    failure.rethrow();
    map.nonFinite = nonFinite;
    map.mean.resize(cells);
    map.maxAbs.resize(cells);
    constexpr float nan = std::numeric_limits<float>::quiet_NaN();
    for (size_t k = 0; k < cells; ++k) {
        if (count[k] == 0) {
            map.min[k] = map.max[k] = map.mean[k] = map.maxAbs[k] = nan;
            continue;
        }
        map.mean[k] = float(sum[k] / double(count[k]));
        map.maxAbs[k] = std::abs(map.min[k]) > std::abs(map.max[k]) ? map.min[k] : map.max[k];
    }
    return map;
}

} // namespace ws
