// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end accuracy on real data: the numbers the foundation issue (#2) promises.
//   - MLP 784-256-128-10 on the real Fashion-MNIST test set: >= 0.885 (the Fashion-MNIST
//     benchmark lists MLP 256-128-100 at 0.8833)
//   - TensorFlow Playground spiral with two hidden tanh layers of 8: >= 0.95 test accuracy
// The CNN figures take many minutes on two cores and run in `./dev accuracy` (tools/accuracy.sh).
#include "data/Idx.h"
#include "data/DatasetSource.h"
#include "train/Experiment.h"
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
    // The same experiment as
    //   weightscope-cli train --dataset spiral --model playground --optimizer adam --lr 0.01 --epochs 3000 --batch 10 --seed 1
    DatasetSource source;
    source.name = "spiral";
    source.seed = 1;
    const LoadedData data = loadDatasetSource(source);
    Sequential model = buildModel("playground", data.train);
    ASSERT_EQ(model.paramCount(), 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1);
    model.initialize(1);
    TrainConfig c;
    c.epochs = 3000;
    c.batchSize = 10;
    c.seed = 1;
    c.loss = defaultLoss(model, data.train);
    c.optimizer.kind = OptimizerKind::Adam;
    c.optimizer.learningRate = 0.01f;
    ASSERT_EQ(Trainer(model, data.train, nullptr, c).run().reason, StopReason::Finished);
    const Evaluation ev = evaluate(model, data.test, c.loss);
    EXPECT_GE(ev.accuracy, 0.95) << "spiral test accuracy";
}
