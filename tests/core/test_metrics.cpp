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
