// SPDX-License-Identifier: GPL-3.0-or-later
// core/analysis for the training panel's activations, confusion and ablation views: a forward
// pass that keeps every layer's output, confusion cells with their samples, unit masks, model
// copies. Expected values come from the layer-by-layer forward pass, from zeroed weights, or are
// counted by hand in the comments.
#include "analysis/Activations.h"
#include "analysis/Confusion.h"
#include "analysis/UnitMask.h"
#include "io/ModelWeightFile.h"
#include "nn/Conv2D.h"
#include "nn/Dense.h"
#include "nn/LayerFactory.h"
#include "nn/ModelCopy.h"
#include "train/Metrics.h"
#include "util/Error.h"
#include "util/Rng.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace ws;

namespace {

Sequential makeModel(const std::string& spec, Shape input, uint64_t seed = 7)
{
    Sequential model = Sequential::fromConfig({ { "input_shape", input }, { "layers", parseLayerSpec(spec) } });
    model.initialize(seed);
    // Non-zero biases, so that a masked unit is not zero by accident.
    for (Param* p : model.params())
        if (p->name == "bias")
            for (int64_t k = 0; k < p->value.size(); ++k)
                p->value.data()[k] = 0.1f * float(k % 5) - 0.2f;
    return model;
}

Tensor randomBatch(Shape shape, uint64_t seed)
{
    Tensor x(std::move(shape));
    Rng rng(seed);
    for (int64_t k = 0; k < x.size(); ++k)
        x.data()[k] = float(rng.uniform(-1.0, 1.0));
    return x;
}

const char kCnn[] = "conv2d(3, 3) relu maxpool2d(2) flatten dense(6) relu dense(4)";

void expectNear(const Tensor& got, const Tensor& want, float tol, const std::string& what)
{
    ASSERT_EQ(got.shape(), want.shape()) << what;
    for (int64_t k = 0; k < got.size(); ++k)
        ASSERT_NEAR(got.data()[k], want.data()[k], tol) << what << " at " << k;
}

} // namespace

TEST(SampleActivations, EqualTheLayerByLayerForwardPass)
{
    Sequential model = makeModel(kCnn, { 8, 8, 1 });
    const Tensor x = randomBatch({ 1, 8, 8, 1 }, 11);
    const SampleActivations got = sampleActivations(model, x, {}, LossKind::SoftmaxCrossEntropy);

    ASSERT_EQ(got.layers.size(), model.size());
    Tensor in = x;
    for (size_t i = 0; i < model.size(); ++i) {
        Layer& layer = model.layer(i);
        auto scratch = layer.makeScratch();
        Tensor out;
        layer.forward(in, out, scratch.get(), Pass {});
        const LayerActivation& a = got.layers[i];
        EXPECT_EQ(a.name, layer.name());
        EXPECT_EQ(a.type, layer.typeName());
        EXPECT_EQ(a.shape, layer.outputShape()) << a.name;
        ASSERT_EQ(int64_t(a.values.size()), out.size()) << a.name;
        for (int64_t k = 0; k < out.size(); ++k)
            ASSERT_EQ(a.values[size_t(k)], out.data()[k]) << a.name << " value " << k;
        in = std::move(out);
    }
    EXPECT_EQ(got.layers[0].shape, (Shape { 6, 6, 3 }));
    EXPECT_EQ(got.layers.back().shape, (Shape { 4 }));

    // Softmax of the logits, worked out here in double precision.
    const std::vector<float>& z = got.layers.back().values;
    double sum = 0.0;
    for (const float v : z)
        sum += std::exp(double(v));
    ASSERT_EQ(got.probabilities.size(), 4u);
    for (size_t j = 0; j < 4; ++j)
        EXPECT_NEAR(got.probabilities[j], std::exp(double(z[j])) / sum, 1e-6) << "class " << j;
    EXPECT_EQ(got.predicted, int(std::max_element(z.begin(), z.end()) - z.begin()));
}

TEST(SampleActivations, TakeOneSampleOnly)
{
    Sequential model = makeModel("flatten dense(2)", { 3 });
    EXPECT_THROW(sampleActivations(model, Tensor({ 2, 3 }), {}, LossKind::SoftmaxCrossEntropy), ShapeError);
}

TEST(SampleActivations, ModelEndingInSoftmaxGivesItsOutputAsProbabilities)
{
    Sequential model = makeModel("dense(3) softmax", { 2 });
    const SampleActivations got = sampleActivations(model, randomBatch({ 1, 2 }, 3), {}, LossKind::CrossEntropy);
    ASSERT_EQ(got.probabilities.size(), 3u);
    for (size_t j = 0; j < 3; ++j)
        EXPECT_EQ(got.probabilities[j], got.layers.back().values[j]);
}

TEST(UnitMask, MaskingADenseUnitEqualsZeroingItsOutgoingWeights)
{
    Sequential model = makeModel("dense(5) relu dense(3)", { 4 });
    Sequential zeroed = copyModel(model);
    const Tensor x = randomBatch({ 6, 4 }, 5);

    UnitMask mask;
    mask.setOff(1, 2); // unit 2 of the ReLU after the first Dense
    Workspace ws = model.makeWorkspace();
    const Tensor masked = forwardMasked(model, x, ws, mask);

    auto& next = dynamic_cast<Dense&>(zeroed.layer(2));
    Tensor& w = next.kernel().value; // (in 5, out 3): row 2 reads unit 2
    for (int64_t o = 0; o < 3; ++o)
        w.data()[2 * 3 + o] = 0.0f;
    Workspace wz = zeroed.makeWorkspace();
    expectNear(masked, zeroed.forward(x, wz, false), 1e-6f, "dense output");
    for (int64_t n = 0; n < 6; ++n)
        EXPECT_EQ(ws.outputs[1].data()[n * 5 + 2], 0.0f) << "sample " << n;
}

TEST(UnitMask, MaskingAConvChannelEqualsZeroingItsOutgoingWeights)
{
    Sequential model = makeModel("conv2d(4, 3) relu conv2d(2, 3) flatten dense(3)", { 7, 7, 2 });
    Sequential zeroed = copyModel(model);
    const Tensor x = randomBatch({ 3, 7, 7, 2 }, 9);

    UnitMask mask;
    mask.setOff(1, 1); // channel 1 of the ReLU after the first convolution
    mask.setOff(1, 3);
    Workspace ws = model.makeWorkspace();
    const Tensor masked = forwardMasked(model, x, ws, mask);

    auto& next = dynamic_cast<Conv2D&>(zeroed.layer(2));
    Tensor& k = next.params()[0]->value; // (3, 3, C 4, F 2), Keras layout
    ASSERT_EQ(k.shape(), (Shape { 3, 3, 4, 2 }));
    for (int64_t i = 0; i < 9; ++i)
        for (const int64_t c : { 1, 3 })
            for (int64_t f = 0; f < 2; ++f)
                k.data()[(i * 4 + c) * 2 + f] = 0.0f;
    Workspace wz = zeroed.makeWorkspace();
    expectNear(masked, zeroed.forward(x, wz, false), 1e-5f, "conv model output");
}

TEST(UnitMask, UnmaskingRestoresTheOutputsBitForBit)
{
    Sequential model = makeModel(kCnn, { 8, 8, 1 });
    const auto before = model.config();
    std::vector<Tensor> weights;
    for (Param* p : model.params())
        weights.push_back(p->value);
    const Tensor x = randomBatch({ 5, 8, 8, 1 }, 21);
    Workspace ws = model.makeWorkspace();
    const Tensor original = model.forward(x, ws, false);

    UnitMask mask;
    mask.setOff(0, 1);
    mask.setOff(5, 4);
    const Tensor masked = forwardMasked(model, x, ws, mask);
    EXPECT_FALSE(masked == original) << "the mask changed nothing";

    mask.setOff(0, 1, false);
    mask.setOff(5, 4, false);
    EXPECT_TRUE(mask.empty());
    EXPECT_EQ(mask, UnitMask {});
    EXPECT_TRUE(forwardMasked(model, x, ws, mask) == original);
    EXPECT_TRUE(model.forward(x, ws, false) == original);
    size_t k = 0;
    for (Param* p : model.params())
        EXPECT_TRUE(p->value == weights[k++]) << "parameter " << p->name << " changed";
}

TEST(UnitMask, RejectsUnitsTheModelDoesNotHave)
{
    Sequential model = makeModel("dense(5) relu dense(3)", { 4 });
    Workspace ws = model.makeWorkspace();
    UnitMask mask;
    mask.setOff(1, 5); // the ReLU has units 0..4
    EXPECT_THROW(forwardMasked(model, Tensor({ 1, 4 }), ws, mask), Error);
    mask.clear();
    mask.setOff(3, 0); // there are three layers
    EXPECT_THROW(mask.check(model), Error);
    EXPECT_EQ(mask.count(), 1);
}

TEST(ConfusionCells, CountsAndListsTheSamplesOfEveryCell)
{
    // sample:      0  1  2  3  4  5  6
    // true:        0  1  2  1  0  2  2
    // predicted:   0  2  2  1  1  2  0
    // cells: (0,0) {0}, (0,1) {4}, (1,1) {3}, (1,2) {1}, (2,0) {6}, (2,2) {2, 5}; correct 0 2 3 5.
    const ConfusionCells c = confusionCells({ 0, 1, 2, 1, 0, 2, 2 }, { 0, 2, 2, 1, 1, 2, 0 }, 3);
    const std::vector<int64_t> counts { 1, 1, 0, 0, 1, 1, 1, 0, 2 };
    EXPECT_EQ(c.counts, counts);
    EXPECT_EQ(c.cell(0, 0), (std::vector<int64_t> { 0 }));
    EXPECT_EQ(c.cell(0, 1), (std::vector<int64_t> { 4 }));
    EXPECT_EQ(c.cell(1, 1), (std::vector<int64_t> { 3 }));
    EXPECT_EQ(c.cell(1, 2), (std::vector<int64_t> { 1 }));
    EXPECT_EQ(c.cell(2, 0), (std::vector<int64_t> { 6 }));
    EXPECT_EQ(c.cell(2, 2), (std::vector<int64_t> { 2, 5 }));
    EXPECT_TRUE(c.cell(0, 2).empty());
    EXPECT_EQ(c.count(2, 2), 2);
    EXPECT_EQ(c.correct, 4);
    EXPECT_EQ(c.total, 7);
    EXPECT_DOUBLE_EQ(c.accuracy(), 4.0 / 7.0);
}

TEST(ConfusionCells, RejectsMismatchedListsAndUnknownClasses)
{
    EXPECT_THROW(confusionCells({ 0, 1 }, { 0 }, 2), Error);
    EXPECT_THROW(confusionCells({ 0, 2 }, { 0, 1 }, 2), Error);
    EXPECT_THROW(confusionCells({ 0, 1 }, { -1, 1 }, 2), Error);
    EXPECT_THROW(confusionCells({}, {}, 0), Error);
    const ConfusionCells empty = confusionCells({}, {}, 2);
    EXPECT_EQ(empty.total, 0);
    EXPECT_EQ(empty.accuracy(), 0.0);
}

TEST(PredictDataset, AgreesWithTheEvaluationsConfusionMatrix)
{
    Sequential model = makeModel("dense(8) tanh dense(3)", { 4 });
    Dataset data;
    data.x = randomBatch({ 50, 4 }, 33);
    data.numClasses = 3;
    for (int i = 0; i < 50; ++i)
        data.labels.push_back(i % 3);
    const std::vector<int32_t> predicted = predictDataset(model, data, {}, 7); // batches of 7, the last of 1
    ASSERT_EQ(predicted.size(), 50u);
    const ConfusionCells c = confusionCells(data.labels, predicted, 3);
    const Evaluation ev = evaluate(model, data, LossKind::SoftmaxCrossEntropy, 16, 0);
    for (int t = 0; t < 3; ++t)
        for (int p = 0; p < 3; ++p)
            EXPECT_EQ(c.count(t, p), ev.confusion[size_t(t)][size_t(p)]) << "cell " << t << "," << p;
    EXPECT_NEAR(c.accuracy(), ev.accuracy, 1e-12);

    // Asked before every batch: cancelled at the third, the answer is empty.
    int asked = 0;
    EXPECT_TRUE(predictDataset(model, data, {}, 7, [&] { return ++asked == 3; }).empty());
    EXPECT_EQ(asked, 3);

    // Switching off every unit of the hidden layer leaves only the biases: one class for all.
    UnitMask all;
    for (int u = 0; u < 8; ++u)
        all.setOff(1, u);
    const std::vector<int32_t> dead = predictDataset(model, data, all);
    for (size_t i = 1; i < dead.size(); ++i)
        ASSERT_EQ(dead[i], dead[0]) << "sample " << i;
}

TEST(ModelCopy, CopiesWeightsAndSharesNothing)
{
    Sequential model = makeModel("conv2d(2, 3) batchnorm relu flatten dense(3)", { 5, 5, 1 });
    // Moving statistics that differ from their initial values.
    for (Param* p : model.layer(1).nonTrainableParams())
        for (int64_t k = 0; k < p->value.size(); ++k)
            p->value.data()[k] += 0.25f;
    Sequential copy = copyModel(model);
    const Tensor x = randomBatch({ 2, 5, 5, 1 }, 4);
    Workspace a = model.makeWorkspace(), b = copy.makeWorkspace();
    EXPECT_TRUE(model.forward(x, a, false) == copy.forward(x, b, false));
    copy.params()[0]->value.data()[0] += 1.0f;
    EXPECT_FALSE(model.forward(x, a, false) == copy.forward(x, b, false)) << "the copy shares weights";
}

TEST(ModelWeightFile, ShowsEveryParameterOfAModelInMemory)
{
    auto model = std::make_shared<Sequential>(makeModel("conv2d(2, 3) batchnorm relu flatten dense(3)", { 5, 5, 1 }));
    const ModelWeightFile file(model, "training, epoch 1");
    EXPECT_EQ(file.path(), "training, epoch 1");
    // conv kernel and bias, batch norm gamma and beta and its two moving statistics, dense kernel and bias
    ASSERT_EQ(file.tensors().size(), 8u);
    const TensorInfo& kernel = file.tensor(model->layer(0).name() + "/kernel");
    EXPECT_EQ(kernel.shape, (Shape { 3, 3, 1, 2 }));
    EXPECT_EQ(kernel.layer, model->layer(0).name());
    size_t k = 0;
    for (size_t i = 0; i < model->size(); ++i) {
        std::vector<Param*> all = model->layer(i).params();
        for (Param* p : model->layer(i).nonTrainableParams())
            all.push_back(p);
        for (Param* p : all) {
            const TensorInfo& info = file.tensors()[k];
            EXPECT_EQ(info.name, model->layer(i).name() + "/" + p->name);
            EXPECT_TRUE(file.readTensor(k) == p->value) << info.name;
            ++k;
        }
    }
    float out[2];
    EXPECT_THROW(file.read(0, 17, 2, out), Error); // 18 elements: [17, 19) is past the end
    EXPECT_THROW(file.read(8, 0, 1, out), Error);
    const std::optional<Sequential> copy = file.model();
    ASSERT_TRUE(copy.has_value());
    EXPECT_EQ(copy->paramCount(), model->paramCount());
    EXPECT_THROW(ModelWeightFile(nullptr, "none"), Error);
}
