// SPDX-License-Identifier: GPL-3.0-or-later
// Loss values against closed forms and loss gradients against central differences.
#include "nn/Loss.h"
#include "util/Error.h"
#include "util/Rng.h"
#include "util/Threads.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <vector>

using namespace ws;

namespace {

void checkLossGradient(LossKind kind, Tensor pred, const Targets& t)
{
    Tensor grad;
    computeLoss(kind, pred, t, &grad);
    for (int64_t i = 0; i < pred.size(); ++i) {
        const float saved = pred[i];
        const double h = 1e-3 * (1.0 + std::abs(saved));
        pred[i] = float(saved + h);
        const double up = computeLoss(kind, pred, t, nullptr);
        const double hp = double(pred[i]) - saved;
        pred[i] = float(saved - h);
        const double down = computeLoss(kind, pred, t, nullptr);
        const double hm = saved - double(pred[i]);
        pred[i] = saved;
        const double numeric = (up - down) / (hp + hm);
        EXPECT_NEAR(grad[i], numeric, 2e-3 * std::max(1.0, std::abs(numeric)))
            << lossName(kind) << " element " << i;
    }
}

Tensor randomTensor(Shape shape, uint64_t seed, double lo = -2, double hi = 2)
{
    Tensor t(std::move(shape));
    Rng rng(seed);
    for (int64_t i = 0; i < t.size(); ++i)
        t[i] = float(rng.uniform(lo, hi));
    return t;
}

} // namespace

TEST(Loss, SoftmaxCrossEntropyMatchesLogSumExp)
{
    Tensor z({ 1, 3 });
    z[0] = 1;
    z[1] = 2;
    z[2] = 3;
    const int32_t label = 0;
    const double want = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0)) - 1.0;
    EXPECT_NEAR(computeLoss(LossKind::SoftmaxCrossEntropy, z, { &label, nullptr }, nullptr), want, 1e-6);
}

TEST(Loss, SoftmaxCrossEntropyIsStableForHugeLogits)
{
    Tensor z({ 1, 2 });
    z[0] = 1e4f;
    z[1] = -1e4f;
    const int32_t label = 1;
    const double loss = computeLoss(LossKind::SoftmaxCrossEntropy, z, { &label, nullptr }, nullptr);
    EXPECT_NEAR(loss, 2e4, 1e-2);
}

TEST(Loss, GradientsMatchCentralDifferences)
{
    const int32_t labels[] = { 0, 2, 1, 2 };
    checkLossGradient(LossKind::SoftmaxCrossEntropy, randomTensor({ 4, 3 }, 1), { labels, nullptr });
    checkLossGradient(LossKind::CrossEntropy, randomTensor({ 4, 3 }, 2, 0.05, 0.95), { labels, nullptr });
    const int32_t binary[] = { 0, 1, 1, 0 };
    checkLossGradient(LossKind::BinaryCrossEntropy, randomTensor({ 4, 1 }, 3), { binary, nullptr });
    const Tensor targets = randomTensor({ 4, 2 }, 4);
    checkLossGradient(LossKind::MeanSquaredError, randomTensor({ 4, 2 }, 5), { nullptr, targets.data() });
    checkLossGradient(LossKind::MeanSquaredError, randomTensor({ 4, 1 }, 6), { binary, nullptr });
}

// #23 item 3: softmax cross-entropy's rows run over the engine's threads. The loss and its
// gradient keep the bits of the row-by-row loop written out here, on one thread and on two.
TEST(Loss, SoftmaxCrossEntropyGivesTheRowLoopsBitsOnOneAndTwoThreads)
{
    const int64_t n = 70, k = 1000;
    Tensor pred({ n, k });
    Rng rng(12);
    for (int64_t i = 0; i < pred.size(); ++i)
        pred[i] = float(rng.uniform(-6.0, 6.0));
    std::vector<int32_t> labels(static_cast<size_t>(n));
    for (auto& l : labels)
        l = int32_t(rng.below(uint64_t(k)));
    double wantLoss = 0.0;
    Tensor wantGrad({ n, k });
    for (int64_t r = 0; r < n; ++r) {
        const float* z = pred.data() + r * k;
        const float m = *std::max_element(z, z + k);
        double sum = 0.0;
        for (int64_t j = 0; j < k; ++j)
            sum += std::exp(double(z[j] - m));
        const double logSum = std::log(sum) + m;
        wantLoss += logSum - z[labels[size_t(r)]];
        for (int64_t j = 0; j < k; ++j)
            wantGrad[r * k + j] = float(std::exp(double(z[j]) - logSum) * (1.0 / double(n)));
        wantGrad[r * k + labels[size_t(r)]] -= float(1.0 / double(n));
    }
    wantLoss *= 1.0 / double(n);
    const int saved = threadCount();
    for (int threads : { 1, 2 }) {
        setThreadCount(threads);
        Tensor grad;
        const double loss = computeLoss(LossKind::SoftmaxCrossEntropy, pred, { labels.data(), nullptr }, &grad);
        EXPECT_EQ(std::bit_cast<uint64_t>(loss), std::bit_cast<uint64_t>(wantLoss))
            << loss << " against " << wantLoss << " on " << threads << " threads";
        for (int64_t i = 0; i < grad.size(); ++i)
            ASSERT_EQ(std::bit_cast<uint32_t>(grad[i]), std::bit_cast<uint32_t>(wantGrad[i]))
                << "gradient " << i << " on " << threads << " threads";
    }
    setThreadCount(saved);
}

TEST(Loss, BinaryCrossEntropyMatchesClosedForm)
{
    Tensor z({ 2, 1 });
    z[0] = 0.3f;
    z[1] = -1.7f;
    const int32_t labels[] = { 1, 0 };
    auto sig = [](double v) { return 1 / (1 + std::exp(-v)); };
    const double want = -(std::log(sig(0.3)) + std::log(1 - sig(-1.7))) / 2;
    EXPECT_NEAR(computeLoss(LossKind::BinaryCrossEntropy, z, { labels, nullptr }, nullptr), want, 1e-6);
}

TEST(Loss, MeanSquaredErrorUsesPlusMinusOneForSingleOutputClassification)
{
    Tensor o({ 2, 1 });
    o[0] = 0.5f;
    o[1] = 0.5f;
    const int32_t labels[] = { 1, 0 };
    // ((0.5 - 1)^2 + (0.5 + 1)^2) / 2
    EXPECT_NEAR(computeLoss(LossKind::MeanSquaredError, o, { labels, nullptr }, nullptr), (0.25 + 2.25) / 2, 1e-7);
}

TEST(Loss, LabelOutsideClassesIsAnError)
{
    Tensor z({ 1, 3 });
    const int32_t label = 3;
    EXPECT_THROW(computeLoss(LossKind::SoftmaxCrossEntropy, z, { &label, nullptr }, nullptr), Error);
}
