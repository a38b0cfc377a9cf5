// SPDX-License-Identifier: GPL-3.0-or-later
// What the Playground panel and its PlaygroundWorker exchange: the settings of a run (GUI to
// worker) and what the worker computed (worker to GUI, by queued signals). Values are copied or
// implicitly shared (QList), so each side owns what it holds.
#pragma once

#include "train/PlaygroundRecipe.h"

#include <QList>
#include <QMetaType>
#include <QPointF>
#include <QStringList>

#include <cstdint>
#include <memory>
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
// TensorFlow Playground's learning-rate menu, and the momenta offered for SGD (the Playground's
// controls and the optimizer race's).
inline constexpr double kPlaygroundLearningRates[] = { 0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10 };
inline constexpr double kPlaygroundMomenta[] = { 0.0, 0.5, 0.9, 0.99 };
// #22: the other optimizer settings offered (OptimizerConfig's defaults among them), and the step
// decay's factors and the cosine's floors (ScheduleConfig's gamma and min_lr).
inline constexpr double kPlaygroundBeta1s[] = { 0.0, 0.5, 0.8, 0.9, 0.95, 0.99 };
inline constexpr double kPlaygroundBeta2s[] = { 0.9, 0.99, 0.995, 0.999, 0.9999 };
inline constexpr double kPlaygroundEpsilons[] = { 1e-10, 1e-8, 1e-6, 1e-4, 1e-2 };
inline constexpr double kPlaygroundRhos[] = { 0.5, 0.9, 0.95, 0.99, 0.999 };
inline constexpr double kPlaygroundStepGammas[] = { 0.1, 0.25, 0.5, 0.75, 0.9 };
inline constexpr double kPlaygroundCosineFloors[] = { 0.0, 1e-5, 1e-4, 1e-3, 1e-2 };

// The recipe (core/train/PlaygroundRecipe.h: data, network, optimizer, seeds) and what only
// the panel decides: the pace, and where the run is recorded.
struct PlaygroundConfig : PlaygroundRecipe {
    double epochsPerSecond = 0.0;  // training pace; 0: as fast as the machine goes
    std::string runsFolder;        // where the run is recorded (core/run/); empty: not recorded
    // #22, "Restart from here": >= 0 goes on from the worker's kept state at or before this
    // epoch of the previous run (the same recipe), dropping the later ones; -1: a new run.
    qint64 fromEpoch = -1;
    // #22, an opened session (core/run/PlaygroundSession.h): goes on from this state of the
    // recipe's network, which becomes the first of the timeline.
    std::shared_ptr<const TrainerState> fromState;
    // The session file fromState was read from, and the run record it names (empty: none): the
    // run going on from it is recorded naming both (run/PlaygroundRun.h markContinuedFromSession).
    std::string fromSessionPath;
    std::string fromSessionRun;
};

// The points of a run, sent once when it starts. Labels are class indices (0/1 for
// Playground's -1/+1); for regression they are the sign of the target (0 below zero) and
// `*Targets` hold the values.
struct PlaygroundData {
    quint64 generation = 0;
    bool regression = false;
    int classes = 2;        // 0 for regression; 2 to kMaxPlaygroundClasses
    QStringList classNames; // for the confusion matrix and the tooltips
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
    // #22: the gradients of the last batch, laid out as kernels and biases; empty before the
    // first step and for a past moment (the timeline keeps weights, not gradients).
    QList<QList<float>> kernelGrads, biasGrads;
};

struct PlaygroundSnapshot {
    quint64 generation = 0;
    // #22: a moment of the past, drawn from the timeline's state of this epoch (not the live model).
    bool past = false;
    qint64 step = 0;          // optimizer steps so far
    double epoch = 0.0;       // step / batches per epoch
    double trainLoss = 0.0, testLoss = 0.0;
    double trainAccuracy = 0.0, testAccuracy = 0.0;
    // Model output at the grid cells, row-major with y rows from -extent up, `outputs` values per
    // cell: one (tanh in [-1, 1], or a regression value) or a softmax over the classes.
    QList<float> boundary;
    int outputs = 1;
    // The test points' confusion matrix, (classes, classes) row-major [true][predicted]; empty
    // for regression.
    QList<qint64> confusion;
    NetworkPicture network;
};

// A weight or bias typed by the user (core/train/PlaygroundRecipe.h).
using WeightEdit = PlaygroundWeightEdit;

} // namespace ws::ui

Q_DECLARE_METATYPE(ws::ui::PlaygroundData)
Q_DECLARE_METATYPE(ws::ui::PlaygroundSnapshot)
