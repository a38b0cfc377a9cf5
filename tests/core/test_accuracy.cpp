// End-to-end accuracy on real data: the numbers the foundation issue (#2) promises.
//   - MLP 784-256-128-10 on the real Fashion-MNIST test set: >= 0.885 (the Fashion-MNIST
//     benchmark lists MLP 256-128-100 at 0.8833)
//   - TensorFlow Playground spiral with two hidden tanh layers of 8: >= 0.95 test accuracy
// The CNN figures take many minutes on two cores and run in `./dev accuracy` (tools/accuracy.sh).
#include "data/Idx.h"
#include "data/Playground.h"
#include "data/Split.h"
#include "nn/LayerFactory.h"
#include "train/Metrics.h"
#include "train/Trainer.h"

#include <gtest/gtest.h>

using namespace ws;

TEST(Accuracy, MlpOnFashionMnistReachesThePublishedFigure) // #2
{
    const Dataset train = loadFashionMnist("train");
    const Dataset test = loadFashionMnist("test");
    Sequential model = Sequential::fromConfig({ { "input_shape", train.sampleShape() },
        { "layers", parseLayerSpec("flatten dense(256) relu dense(128) relu dense(10)") } });
    model.initialize(0);
    TrainConfig c;
    c.epochs = 12;
    c.batchSize = 64;
    c.seed = 0;
    c.optimizer.kind = OptimizerKind::Adam;
    c.optimizer.learningRate = 1e-3f;
    c.schedule.kind = ScheduleKind::Cosine;
    Trainer trainer(model, train, nullptr, c);
    trainer.onEpoch = [](const EpochProgress& e) {
        std::printf("epoch %d loss %.4f acc %.4f %.0f samples/s\n", e.epoch + 1, e.trainLoss, e.trainAccuracy,
            e.samplesPerSecond);
    };
    ASSERT_EQ(trainer.run().reason, StopReason::Finished);
    const Evaluation ev = evaluate(model, test, LossKind::SoftmaxCrossEntropy);
    std::printf("test accuracy %.4f\n", ev.accuracy);
    EXPECT_GE(ev.accuracy, 0.885) << "MLP 784-256-128-10 on the Fashion-MNIST test set";
}

TEST(Accuracy, PlaygroundSpiralWithTwoTanhLayersOfEight) // #2
{
    const Dataset all = makePlaygroundDataset(PlaygroundKind::Spiral, 500, 0.0, 1);
    auto [train, test] = splitDataset(all, 0.5, 1);
    Sequential model = Sequential::fromConfig({ { "input_shape", { 2 } },
        { "layers", parseLayerSpec("dense(8) tanh dense(8) tanh dense(1) tanh") } });
    model.initialize(1);
    TrainConfig c;
    c.epochs = 400;
    c.batchSize = 10;
    c.seed = 1;
    c.loss = LossKind::MeanSquaredError;
    c.optimizer.kind = OptimizerKind::Adam;
    c.optimizer.learningRate = 0.01f;
    ASSERT_EQ(Trainer(model, train, nullptr, c).run().reason, StopReason::Finished);
    const Evaluation ev = evaluate(model, test, LossKind::MeanSquaredError);
    EXPECT_GE(ev.accuracy, 0.95) << "spiral test accuracy";
}
