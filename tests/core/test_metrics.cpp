// Evaluation metrics on hand-made predictions.
#include "nn/Dense.h"
#include "train/Metrics.h"

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
