// SPDX-License-Identifier: GPL-3.0-or-later
// What the Playground panel and its PlaygroundWorker exchange: the settings of a run (GUI to
// worker) and what the worker computed (worker to GUI, by queued signals). Values are copied or
// implicitly shared (QList), so each side owns what it holds.
#pragma once

#include "train/PlaygroundRecipe.h"

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
inline constexpr double kGridExtent = kPlaygroundExtent;
// Each neuron's own picture in the network drawing is coarser: it is drawn 40 pixels wide, and
// 26 maps of 100 x 100 per snapshot would cost more than the training between two redraws.
inline constexpr int kNeuronGridSize = 25;
inline constexpr int kMaxHiddenLayers = 8;
inline constexpr int kMaxNeurons = 16;

// The recipe (core/train/PlaygroundRecipe.h: data, network, optimizer, seeds) and what only
// the panel decides: the pace, and where the run is recorded.
struct PlaygroundConfig : PlaygroundRecipe {
    double epochsPerSecond = 0.0;  // training pace; 0: as fast as the machine goes
    std::string runsFolder;        // where the run is recorded (core/run/); empty: not recorded
};

// The points of a run, sent once when it starts. Labels are 0/1 (Playground's -1/+1); for
// regression they are the sign of the target (0 below zero) and `*Targets` hold the values.
struct PlaygroundData {
    quint64 generation = 0;
    bool regression = false;
    qint64 batchesPerEpoch = 1;
    QList<QPointF> trainPoints, testPoints;
    QList<int> trainLabels, testLabels;
    QList<float> trainTargets, testTargets;
};

// The network as the drawing needs it. Column 0 is the input features; then each dense layer.
struct NetworkPicture {
    QList<int> widths;              // neurons per column
    // maps[c]: (widths[c], kNeuronGridSize^2) row-major; each neuron's output over the grid,
    // laid out like `boundary` (y rows from -extent up).
    QList<QList<float>> maps;
    // kernels[c - 1]: weights into column c, (widths[c - 1], widths[c]) row-major (Keras' (in, out));
    // biases[c - 1]: (widths[c]).
    QList<QList<float>> kernels, biases;
};

struct PlaygroundSnapshot {
    quint64 generation = 0;
    qint64 step = 0;          // optimizer steps so far
    double epoch = 0.0;       // step / batches per epoch
    double trainLoss = 0.0, testLoss = 0.0;
    double trainAccuracy = 0.0, testAccuracy = 0.0;
    // Model output (tanh, in [-1, 1]) at the grid cells, row-major with y rows from -extent up.
    QList<float> boundary;
    NetworkPicture network;
};

// A weight or bias typed by the user (core/train/PlaygroundRecipe.h).
using WeightEdit = PlaygroundWeightEdit;

} // namespace ws::ui

Q_DECLARE_METATYPE(ws::ui::PlaygroundData)
Q_DECLARE_METATYPE(ws::ui::PlaygroundSnapshot)
