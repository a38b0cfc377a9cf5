// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/BatchNormalization.h"

#include "nn/Normalization.h"
#include "util/ParallelChunks.h"
#include "util/TargetClones.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ws {

namespace {

// What backward needs (llm.c's layernorm keeps the same two vectors).
struct BatchNormScratch final : LayerScratch {
    Eigen::RowVectorXf mean; // (C) of the statistics forward normalised with
    Eigen::RowVectorXf rstd; // (C) 1 / sqrt(var + epsilon)
    bool batchStats = false; // forward used the batch's statistics (training) or the moving ones
};

// The row passes below go over fixed chunks of rows, on as many threads as the engine has
// (util/ParallelChunks.h); each chunk sums into its own partial sums, which are added in chunk
// order, so the statistics are the same bits whatever the thread count. A Playground batch is
// one chunk, on one thread.
constexpr int64_t kRowsPerChunk = 1024;


// Per-column sums (width columns) of what `add(r0, r1, acc)` adds into acc for rows [r0, r1).
template <class Fn> std::vector<double> channelSums(int64_t M, int64_t width, Fn&& add)
{
    const int64_t chunks = (M + kRowsPerChunk - 1) / kRowsPerChunk;
    std::vector<double> partial(size_t(std::max<int64_t>(chunks, 1) * width), 0.0);
    forEachChunk(M, kRowsPerChunk, [&](int64_t k, int64_t r0, int64_t r1) { add(r0, r1, partial.data() + k * width); });
    std::vector<double> total(size_t(width), 0.0);
    for (int64_t k = 0; k < chunks; ++k)
        for (int64_t c = 0; c < width; ++c)
            total[size_t(c)] += partial[size_t(k * width + c)];
    return total;
}

// The row loops, each compiled for AVX-512, AVX2 and the baseline and picked at run time
// (util/TargetClones.h): the baseline's SSE2 converts two floats to double at a time, and these
// loops took a sixth of a residual CNN's training step. Each channel's sum is still added row
// after row (the vectors run across channels), and no multiply-add is fused (ws_core is built
// with -ffp-contract=off; until session 17 the AVX-512 copies fused some), so every variant gives
// the same bits.

// s1 += x - shift, s2 += (x - shift)^2 per channel over `rows` rows, shift = the first row.
WS_TARGET_CLONES void statsRows(const float* __restrict X, int64_t rows, int64_t C, double* __restrict s1,
    double* __restrict s2)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float* xr = X + r * C;
        for (int64_t c = 0; c < C; ++c) {
            const double d = double(xr[c]) - double(X[c]);
            s1[c] += d;
            s2[c] += d * d;
        }
    }
}

// y = x * a + b per channel.
WS_TARGET_CLONES void applyRows(const float* __restrict X, float* __restrict Y, int64_t rows, int64_t C,
    const float* __restrict A, const float* __restrict B)
{
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < C; ++c)
            Y[r * C + c] = X[r * C + c] * A[c] + B[c];
}

// accG += dy, accGX += dy * xhat per channel, xhat = (x - mean) * rstd.
WS_TARGET_CLONES void gradientSumsRows(const float* __restrict X, const float* __restrict G, int64_t rows, int64_t C,
    const float* __restrict mean, const float* __restrict rstd, double* __restrict accG, double* __restrict accGX)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float* xr = X + r * C;
        const float* gr = G + r * C;
        for (int64_t c = 0; c < C; ++c) {
            const float xhat = (xr[c] - mean[c]) * rstd[c];
            accG[c] += double(gr[c]);
            accGX[c] += double(gr[c] * xhat);
        }
    }
}

// dx = ((dy - mean(dy)) - xhat * mean(dy * xhat)) * a per channel.
WS_TARGET_CLONES void inputGradientRows(const float* __restrict X, const float* __restrict G, float* __restrict DX,
    int64_t rows, int64_t C, const float* __restrict mean, const float* __restrict rstd, const float* __restrict meanG,
    const float* __restrict meanGX, const float* __restrict A)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float* xr = X + r * C;
        const float* gr = G + r * C;
        float* dr = DX + r * C;
        for (int64_t c = 0; c < C; ++c) {
            const float xhat = (xr[c] - mean[c]) * rstd[c];
            dr[c] = ((gr[c] - meanG[c]) - xhat * meanGX[c]) * A[c];
        }
    }
}

} // namespace

BatchNormalization::BatchNormalization(float momentum, float epsilon, bool center, bool scale, int axis)
    : axis_(axis)
    , momentum_(momentum)
    , epsilon_(epsilon)
    , center_(center)
    , scale_(scale)
{
}

Shape BatchNormalization::build(const Shape& inputShape)
{
    checkNormalizationInput(*this, axis_, epsilon_, inputShape);
    if (!(momentum_ >= 0.0f && momentum_ <= 1.0f))
        throwLayerShapeError(*this, "momentum must be in [0, 1], got " + std::to_string(momentum_));
    const int64_t C = inputShape.back();
    for (Param* p : { &gamma_, &beta_ }) {
        p->value.resize({ C });
        p->grad = Tensor({ C });
    }
    movingMean_.value = Tensor({ C }, 0.0f);
    movingVariance_.value = Tensor({ C }, 1.0f);
    // Until initialize(): the identity transform, so a built model is usable as is.
    gamma_.value.fill(1.0f);
    beta_.value.fill(0.0f);
    return inputShape;
}

void BatchNormalization::initialize(Rng&)
{
    gamma_.value.fill(1.0f);
    beta_.value.fill(0.0f);
    movingMean_.value.fill(0.0f);
    movingVariance_.value.fill(1.0f);
}

std::unique_ptr<LayerScratch> BatchNormalization::makeScratch() const
{
    return std::make_unique<BatchNormScratch>();
}

void BatchNormalization::forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass)
{
    auto& s = scratchAs<BatchNormScratch>(scratch, *this);
    const int64_t C = gamma_.value.size();
    const int64_t M = x.size() / C;
    const float* X = x.data();
    y.resizeForOverwrite(x.shape());
    s.batchStats = pass.training;
    if (pass.training) {
        if (M == 0)
            throwLayerShapeError(*this, "cannot compute batch statistics of an empty batch");
        // One pass in double over each chunk of rows, shifted by the chunk's first row (so the
        // sum of squares does not cancel when the mean is large next to the spread); the chunks'
        // means and centred sums of squares are then merged in chunk order (Chan, Golub and
        // LeVeque 1979). Two passes, the mean and then the centred squares, read the batch twice.
        const int64_t chunks = (M + kRowsPerChunk - 1) / kRowsPerChunk;
        std::vector<double> part(static_cast<size_t>(chunks * 2 * C), 0.0);
        double* parts = part.data();
        forEachChunk(M, kRowsPerChunk, [X, C, parts](int64_t k, int64_t r0, int64_t r1) {
            double* s1 = parts + k * 2 * C;
            double* s2 = s1 + C;
            const float* shift = X + r0 * C;
            statsRows(shift, r1 - r0, C, s1, s2);
            const double n = double(r1 - r0);
            for (int64_t c = 0; c < C; ++c) {
                const double centred = std::max(0.0, s2[c] - s1[c] * s1[c] / n);
                s1[c] = double(shift[c]) + s1[c] / n; // the chunk's mean
                s2[c] = centred;                       // its centred sum of squares
            }
        });
        std::vector<double> mean(parts, parts + C), var(parts + C, parts + 2 * C);
        double seen = double(std::min(M, kRowsPerChunk));
        for (int64_t k = 1; k < chunks; ++k) {
            const double n = double(std::min(M, (k + 1) * kRowsPerChunk) - k * kRowsPerChunk);
            const double total = seen + n;
            const double* meanK = parts + k * 2 * C;
            const double* m2K = meanK + C;
            for (int64_t c = 0; c < C; ++c) {
                const double delta = meanK[c] - mean[size_t(c)];
                mean[size_t(c)] += delta * n / total;
                var[size_t(c)] += m2K[c] + delta * delta * seen * n / total;
            }
            seen = total;
        }
        s.mean.resize(C);
        s.rstd.resize(C);
        const float m = momentum_;
        float* movingMean = movingMean_.value.data();
        float* movingVar = movingVariance_.value.data();
        for (int64_t c = 0; c < C; ++c) {
            var[size_t(c)] /= double(M);
            s.mean[c] = float(mean[size_t(c)]);
            s.rstd[c] = float(1.0 / std::sqrt(var[size_t(c)] + double(epsilon_)));
            movingMean[c] = m * movingMean[c] + (1.0f - m) * s.mean[c];
            movingVar[c] = m * movingVar[c] + (1.0f - m) * float(var[size_t(c)]);
        }
    } else {
        s.mean = movingMean_.value.vector().transpose();
        s.rstd = (movingVariance_.value.vector().array() + epsilon_).rsqrt().matrix().transpose();
    }
    // y = (x - mean) * rstd * gamma + beta, folded into one scale and shift per channel.
    Eigen::RowVectorXf a = s.rstd;
    if (scale_)
        a = a.cwiseProduct(gamma_.value.vector().transpose());
    Eigen::RowVectorXf b = -s.mean.cwiseProduct(a);
    if (center_)
        b += beta_.value.vector().transpose();
    const float* A = a.data();
    const float* Bv = b.data();
    float* Y = y.data();
    forEachChunk(M, kRowsPerChunk, [=](int64_t, int64_t r0, int64_t r1) { applyRows(X + r0 * C, Y + r0 * C, r1 - r0, C, A, Bv); });
}

void BatchNormalization::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx,
    LayerScratch* scratch)
{
    const auto& s = scratchAs<BatchNormScratch>(scratch, *this);
    const int64_t C = gamma_.value.size();
    const int64_t M = x.size() / C;
    const float* X = x.data();
    const float* G = dy.data();
    const float* mean = s.mean.data();
    const float* rstd = s.rstd.data();
    // xhat = (x - mean) * rstd, recomputed where needed; sums over rows of dy and dy * xhat.
    std::vector<double> sums = channelSums(M, 2 * C, [=](int64_t r0, int64_t r1, double* acc) {
        gradientSumsRows(X + r0 * C, G + r0 * C, r1 - r0, C, mean, rstd, acc, acc + C);
    });
    Eigen::RowVectorXf sumG(C), sumGX(C);
    for (int64_t c = 0; c < C; ++c) {
        sumG[c] = float(sums[size_t(c)]);
        sumGX[c] = float(sums[size_t(C + c)]);
    }
    if (center_)
        beta_.grad.vector() += sumG.transpose();
    if (scale_)
        gamma_.grad.vector() += sumGX.transpose();
    if (!dx)
        return;
    dx->resize(x.shape());
    float* DX = dx->data();
    Eigen::RowVectorXf a = s.rstd; // d y / d xhat * d xhat / d x, per channel
    if (scale_)
        a = a.cwiseProduct(gamma_.value.vector().transpose());
    const float* A = a.data();
    if (!s.batchStats) {
        // Moving statistics are constants: y is affine in x.
        forEachChunk(M, kRowsPerChunk, [=](int64_t, int64_t r0, int64_t r1) {
            for (int64_t r = r0; r < r1; ++r)
                for (int64_t c = 0; c < C; ++c)
                    DX[r * C + c] = G[r * C + c] * A[c];
        });
        return;
    }
    // dx = gamma * rstd * (dy - mean(dy) - xhat * mean(dy * xhat))
    const Eigen::RowVectorXf meanG = sumG / float(M);
    const Eigen::RowVectorXf meanGX = sumGX / float(M);
    const float* mG = meanG.data();
    const float* mGX = meanGX.data();
    forEachChunk(M, kRowsPerChunk, [=](int64_t, int64_t r0, int64_t r1) {
        inputGradientRows(X + r0 * C, G + r0 * C, DX + r0 * C, r1 - r0, C, mean, rstd, mG, mGX, A);
    });
}

std::vector<Param*> BatchNormalization::params() { return scaleAndShiftParams(scale_, gamma_, center_, beta_); }

std::vector<Param*> BatchNormalization::nonTrainableParams() { return { &movingMean_, &movingVariance_ }; }

nlohmann::json BatchNormalization::config() const
{
    auto j = Layer::config();
    j["axis"] = axis_;
    j["momentum"] = momentum_;
    j["epsilon"] = epsilon_;
    j["center"] = center_;
    j["scale"] = scale_;
    return j;
}

} // namespace ws
