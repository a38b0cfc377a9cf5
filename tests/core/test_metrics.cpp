// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluation metrics on hand-made predictions.
#include "nn/Activation.h"
#include "nn/Dense.h"
#include "train/Metrics.h"
#include "util/Rng.h"
#include "util/Threads.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace ws;

namespace {

// A model whose output is its input: Dense with identity kernel and zero bias.
Sequential identityModel(int64_t k)
{
    Sequential m({ k });
    auto& d = m.emplace<Dense>(k);
    m.build();
    d.kernel().value.setZero();
    for (int64_t i = 0; i < k; ++i)
        d.kernel().value[i * k + i] = 1.0f;
    d.bias().value.setZero();
    return m;
}

} // namespace

TEST(Metrics, ConfusionMatrixPrecisionRecallAndTopK)
{
    Dataset data;
    data.numClasses = 3;
    data.x = Tensor({ 4, 3 });
    // predictions (rows) and labels: 0->0, 1->2, 2->2, 2->1
    const float rows[] = { 0.9f, 0.05f, 0.05f, 0.1f, 0.3f, 0.6f, 0.2f, 0.1f, 0.7f, 0.1f, 0.5f, 0.4f };
    std::copy(rows, rows + 12, data.x.data());
    data.labels = { 0, 1, 2, 2 };
    Sequential model = identityModel(3);
    const Evaluation ev = evaluate(model, data, LossKind::CrossEntropy, 3, 2);
    EXPECT_DOUBLE_EQ(ev.accuracy, 0.5);
    EXPECT_EQ(ev.confusion[0][0], 1);
    EXPECT_EQ(ev.confusion[1][2], 1);
    EXPECT_EQ(ev.confusion[2][2], 1);
    EXPECT_EQ(ev.confusion[2][1], 1);
    EXPECT_DOUBLE_EQ(ev.precision[2], 0.5);
    EXPECT_DOUBLE_EQ(ev.recall[2], 0.5);
    EXPECT_DOUBLE_EQ(ev.precision[1], 0.0);
    EXPECT_DOUBLE_EQ(ev.f1[0], 1.0);
    EXPECT_DOUBLE_EQ(ev.topKAccuracy, 1.0); // every label is in its row's top 2
    const double wantLoss = -(std::log(0.9) + std::log(0.3) + std::log(0.7) + std::log(0.4)) / 4;
    EXPECT_NEAR(ev.loss, wantLoss, 1e-6);
}

TEST(Metrics, EvaluationKeepsThePredictionsAndStopsWhenCancelled)
{
    Dataset data;
    data.numClasses = 3;
    data.x = Tensor({ 5, 3 });
    // argmax per row: 0, 2, 2, 1, 0
    const float rows[] = { 0.9f, 0.05f, 0.05f, 0.1f, 0.3f, 0.6f, 0.2f, 0.1f, 0.7f, 0.1f, 0.5f, 0.4f, 0.5f, 0.2f, 0.3f };
    std::copy(rows, rows + 15, data.x.data());
    data.labels = { 0, 1, 2, 2, 0 };
    Sequential model = identityModel(3);
    std::vector<int32_t> predicted { 7, 7 }; // replaced, not appended to
    const Evaluation ev = evaluate(model, data, LossKind::CrossEntropy, 2, 0, &predicted); // batches of 2, 2, 1
    EXPECT_EQ(predicted, (std::vector<int32_t> { 0, 2, 2, 1, 0 }));
    EXPECT_FALSE(ev.cancelled);
    EXPECT_DOUBLE_EQ(ev.accuracy, 0.6);
    // The same numbers with or without the predictions.
    const Evaluation plain = evaluate(model, data, LossKind::CrossEntropy, 2, 0);
    EXPECT_DOUBLE_EQ(plain.loss, ev.loss);
    EXPECT_EQ(plain.confusion, ev.confusion);

    // Asked before every batch: a yes before the second stops it, with nothing half-counted.
    int asked = 0;
    const Evaluation stopped = evaluate(model, data, LossKind::CrossEntropy, 2, 0, &predicted, [&] { return ++asked == 2; });
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_EQ(asked, 2);
    EXPECT_TRUE(predicted.empty()) << predicted.size() << " predictions kept";
    EXPECT_TRUE(stopped.confusion.empty());
}

TEST(Metrics, SingleOutputPredictsClassOneAboveZero)
{
    Tensor pred({ 3, 1 });
    pred[0] = -0.2f;
    pred[1] = 0.1f;
    pred[2] = 0.0f;
    std::vector<int32_t> classes;
    predictClasses(pred, classes);
    EXPECT_EQ(classes, (std::vector<int32_t> { 0, 1, 0 }));
}

// The batches are spread over the threads: loss, confusion, top-k and every prediction are the
// same on 1, 2 and 3 threads, bit for bit (each batch's loss is summed in batch order).
TEST(Metrics, EvaluationIsTheSameOnAnyThreadCount)
{
    Sequential model({ 6 });
    model.emplace<Dense>(16);
    model.emplace<ActivationLayer>(ActivationKind::ReLU);
    model.emplace<Dense>(4);
    model.build();
    model.initialize(7);
    Dataset data;
    data.numClasses = 4;
    data.x = Tensor({ 203, 6 }); // 13 batches of 16, the last of 11
    Rng rng(5);
    for (int64_t i = 0; i < data.x.size(); ++i)
        data.x[i] = float(rng.below(2001)) / 1000.0f - 1.0f;
    for (int64_t i = 0; i < 203; ++i)
        data.labels.push_back(int32_t(rng.below(4)));
    const int saved = threadCount();
    std::vector<Evaluation> runs;
    std::vector<std::vector<int32_t>> predictions;
    for (const int threads : { 1, 2, 3 }) {
        setThreadCount(threads);
        predictions.emplace_back();
        runs.push_back(evaluate(model, data, LossKind::SoftmaxCrossEntropy, 16, 2, &predictions.back()));
    }
    setThreadCount(saved);
    ASSERT_EQ(predictions[0].size(), 203u);
    for (size_t r = 1; r < runs.size(); ++r) {
        EXPECT_EQ(runs[r].loss, runs[0].loss) << "threads " << r + 1;
        EXPECT_EQ(runs[r].confusion, runs[0].confusion) << "threads " << r + 1;
        EXPECT_EQ(runs[r].topKAccuracy, runs[0].topKAccuracy) << "threads " << r + 1;
        EXPECT_EQ(predictions[r], predictions[0]) << "threads " << r + 1;
    }
}

// A batch holds the samples at the given indices in their order, with their labels or targets,
// on one thread and on two (which copy 32-sample chunks each), into a tensor that held a smaller
// or a larger batch before (evaluate() gets a smaller buffer back from the model it lent its batch
// to: every element must still be the sample's, none a left-over).
TEST(Metrics, GatherBatchCopiesTheIndexedSamplesOnAnyThreadCount)
{
    Dataset data;
    data.x = Tensor({ 100, 3, 2 });
    for (int64_t i = 0; i < data.x.size(); ++i)
        data.x[i] = float(i) + 0.5f;
    data.labels.resize(100);
    for (size_t i = 0; i < data.labels.size(); ++i)
        data.labels[i] = int32_t(i % 7);
    data.numClasses = 7;
    std::vector<int64_t> indices(100);
    Rng rng(4);
    for (size_t i = 0; i < indices.size(); ++i)
        indices[i] = int64_t(i);
    rng.shuffle(indices.begin(), indices.end());
    for (int threads = 1; threads <= 2; ++threads) {
        setThreadCount(threads);
        for (const int64_t before : { int64_t(5), int64_t(90) }) {
            Tensor x({ before, 3, 2 }, -1.0f), targets;
            std::vector<int32_t> labels { 99 };
            gatherBatch(data, indices.data() + 10, 70, x, labels, targets);
            ASSERT_EQ(x.shape(), (Shape { 70, 3, 2 }));
            ASSERT_EQ(labels.size(), 70u);
            for (int64_t r = 0; r < 70; ++r) {
                const int64_t sample = indices[size_t(10 + r)];
                EXPECT_EQ(labels[size_t(r)], data.labels[size_t(sample)]) << "row " << r;
                for (int64_t e = 0; e < 6; ++e)
                    ASSERT_EQ(x[r * 6 + e], data.x[sample * 6 + e]) << "row " << r << " threads " << threads;
            }
        }
    }
    Dataset regression;
    regression.x = data.x;
    regression.targets = Tensor({ 100, 2 });
    for (int64_t i = 0; i < regression.targets.size(); ++i)
        regression.targets[i] = -float(i);
    Tensor x, targets({ 3, 2 }, 7.0f);
    std::vector<int32_t> labels;
    gatherBatch(regression, indices.data(), 40, x, labels, targets);
    setThreadCount(1);
    EXPECT_TRUE(labels.empty());
    ASSERT_EQ(targets.shape(), (Shape { 40, 2 }));
    for (int64_t r = 0; r < 40; ++r)
        for (int64_t e = 0; e < 2; ++e)
            EXPECT_EQ(targets[r * 2 + e], regression.targets[indices[size_t(r)] * 2 + e]) << "row " << r;
}
