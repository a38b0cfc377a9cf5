// What the Playground panel and its TrainingWorker exchange: the settings of a run (GUI to
// worker) and what the worker computed (worker to GUI, by queued signals). Values are copied or
// implicitly shared (QList), so each side owns what it holds.
#pragma once

#include "data/Playground.h"
#include "nn/Activation.h"
#include "train/Optimizer.h"

#include <QList>
#include <QMetaType>
#include <QPointF>

#include <cstdint>
#include <string>
#include <vector>

namespace ws::ui {

// The decision boundary is sampled at the centres of a kGridSize x kGridSize grid of cells
// covering [-kGridExtent, kGridExtent]^2, as TensorFlow Playground does (100 x 100 over [-6, 6]^2).
inline constexpr int kGridSize = 100;
inline constexpr double kGridExtent = 6.0;

struct PlaygroundConfig {
    PlaygroundKind dataset = PlaygroundKind::Spiral;
    double noise = 0.0;            // Playground's slider / 100, in [0, 0.5]
    std::vector<int> hidden { 8, 8 }; // neurons per hidden layer
    ActivationKind activation = ActivationKind::Tanh;
    OptimizerKind optimizer = OptimizerKind::SGD;
    float learningRate = 0.03f;
    int batchSize = 10;
    double testShare = 0.5;
    double epochsPerSecond = 0.0;  // training pace; 0: as fast as the machine goes
    uint64_t dataSeed = 1;         // the points
    uint64_t modelSeed = 1;        // initial weights, shuffling
    std::string runsFolder;        // where the run is recorded (core/run/); empty: not recorded
};

// The points of a run, sent once when it starts. Labels are 0/1 (Playground's -1/+1).
struct PlaygroundData {
    quint64 generation = 0;
    QList<QPointF> trainPoints, testPoints;
    QList<int> trainLabels, testLabels;
};

struct PlaygroundSnapshot {
    quint64 generation = 0;
    qint64 step = 0;          // optimizer steps so far
    double epoch = 0.0;       // step / batches per epoch
    double trainLoss = 0.0, testLoss = 0.0;
    double trainAccuracy = 0.0, testAccuracy = 0.0;
    // Model output (tanh, in [-1, 1]) at the grid cells, row-major with y rows from -extent up.
    QList<float> boundary;
};

} // namespace ws::ui

Q_DECLARE_METATYPE(ws::ui::PlaygroundData)
Q_DECLARE_METATYPE(ws::ui::PlaygroundSnapshot)
