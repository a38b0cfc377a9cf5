// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Permute.h"

#include "util/ParallelChunks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>
#include <vector>

namespace ws {

Shape Permute::build(const Shape& inputShape)
{
    if (dims_.size() != inputShape.size())
        throwLayerShapeError(*this, "dims has " + std::to_string(dims_.size()) + " entries but the input "
            + shapeToString(inputShape) + " has " + std::to_string(inputShape.size()) + " axes besides the batch");
    perm_.assign(dims_.size(), 0);
    inverse_.assign(dims_.size(), -1);
    Shape out(dims_.size());
    for (size_t i = 0; i < dims_.size(); ++i) {
        const int d = dims_[i] - 1;
        if (d < 0 || size_t(d) >= dims_.size() || inverse_[size_t(d)] >= 0)
            throwLayerShapeError(*this, "dims must name each axis 1.." + std::to_string(dims_.size()) + " once");
        perm_[i] = d;
        inverse_[size_t(d)] = int(i);
        out[i] = inputShape[size_t(d)];
    }
    return out;
}

namespace {

// to (cols, rows) = the transpose of from (rows, cols), in tiles that keep both sides' lines in
// the cache.
void transposeMatrix(const float* __restrict from, int64_t rows, int64_t cols, float* __restrict to)
{
    constexpr int64_t T = 16;
    for (int64_t i0 = 0; i0 < rows; i0 += T) {
        const int64_t i1 = std::min(rows, i0 + T);
        for (int64_t j0 = 0; j0 < cols; j0 += T) {
            const int64_t j1 = std::min(cols, j0 + T);
            for (int64_t j = j0; j < j1; ++j)
                for (int64_t i = i0; i < i1; ++i)
                    to[j * rows + i] = from[i * cols + j];
        }
    }
}

} // namespace

void Permute::permute(const float* from, const Shape& fromShape, const std::vector<int>& perm, int64_t samples,
    float* to)
{
    const size_t rank = fromShape.size();
    // Axes that stay next to each other in order move as one. A permutation that is then a swap
    // of two (NCHW to NHWC: C and H*W), behind axes that stay put, is a transpose of matrices: in
    // tiles, and over the engine's threads by sample (a copy, so any split gives the same bits).
    // The odometer below read the input a stride at a time: 5 % of MobileNetV3-Small's
    // inference at 224, for its input alone.
    Shape merged;
    std::vector<int> order; // merged axes of the output, as merged input axes
    {
        std::vector<std::pair<int, int64_t>> runs; // (first input axis, size), in output order
        for (size_t i = 0; i < rank; ++i) {
            if (i > 0 && perm[i] == perm[i - 1] + 1)
                runs.back().second *= fromShape[size_t(perm[i])];
            else
                runs.push_back({ perm[i], fromShape[size_t(perm[i])] });
        }
        std::vector<std::pair<int, int64_t>> byInput = runs;
        std::sort(byInput.begin(), byInput.end());
        for (const auto& r : byInput)
            merged.push_back(r.second);
        for (const auto& r : runs)
            order.push_back(int(std::lower_bound(byInput.begin(), byInput.end(), r) - byInput.begin()));
    }
    const size_t m = merged.size();
    if (m >= 2 && order[m - 2] == int(m - 1) && order[m - 1] == int(m - 2)) {
        bool leading = true; // the axes before the swap stay put
        for (size_t i = 0; i + 2 < m; ++i)
            leading = leading && order[i] == int(i);
        if (leading) {
            const int64_t rows = merged[m - 2], cols = merged[m - 1];
            const int64_t matrices = samples * (shapeNumel(fromShape) / std::max<int64_t>(1, rows * cols));
            if (rows * cols > 0)
                forEachChunk(matrices, std::max<int64_t>(1, (int64_t(1) << 16) / (rows * cols)),
                    [&](int64_t, int64_t a, int64_t b) {
                        for (int64_t k = a; k < b; ++k)
                            transposeMatrix(from + k * rows * cols, rows, cols, to + k * rows * cols);
                    });
            return;
        }
    }
    std::vector<int64_t> fromStride(rank, 1);
    for (size_t i = rank; i-- > 1;)
        fromStride[i - 1] = fromStride[i] * fromShape[i];
    Shape toShape(rank);
    std::vector<int64_t> stride(rank); // input stride of each output axis
    for (size_t i = 0; i < rank; ++i) {
        toShape[i] = fromShape[size_t(perm[i])];
        stride[i] = fromStride[size_t(perm[i])];
    }
    const int64_t per = shapeNumel(fromShape);
    std::vector<int64_t> index(rank);
    for (int64_t n = 0; n < samples; ++n) {
        const float* src = from + n * per;
        float* dst = to + n * per;
        std::fill(index.begin(), index.end(), 0);
        int64_t offset = 0; // input offset of the output position `index`
        for (int64_t k = 0; k < per; ++k) {
            dst[k] = src[offset];
            // odometer step over the output axes, last fastest
            for (size_t i = rank; i-- > 0;) {
                offset += stride[i];
                if (++index[i] < toShape[i])
                    break;
                offset -= stride[i] * toShape[i];
                index[i] = 0;
            }
        }
    }
}

void Permute::forward(const Tensor& x, Tensor& y, LayerScratch*, const Pass&)
{
    Shape shape = outputShape_;
    shape.insert(shape.begin(), x.dim(0));
    y.resizeForOverwrite(shape);
    permute(x.data(), inputShape_, perm_, x.dim(0), y.data());
}

void Permute::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch*)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    permute(dy.data(), outputShape_, inverse_, x.dim(0), dx->data());
}

nlohmann::json Permute::config() const
{
    auto j = Layer::config();
    j["dims"] = dims_;
    return j;
}

} // namespace ws
