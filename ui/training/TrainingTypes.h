// SPDX-License-Identifier: GPL-3.0-or-later
// What the general training panel and its TrainingWorker exchange. The panel builds a
// ws::Experiment (the same description the command line trains from); the worker answers with
// a preview of the data, progress points batched at the redraw rate, and the test evaluation.
#pragma once

#include "analysis/Confusion.h"
#include "train/Experiment.h"

#include <QImage>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>

namespace ws::ui {

// A look at a dataset before training: a few samples, the class balance, the sample shape.
struct DatasetPreview {
    quint64 request = 0;
    QString error;               // non-empty: the data could not be loaded (then nothing else is set)
    QString description;         // core's one-line description
    QList<qint64> sampleShape;   // per sample, e.g. (28, 28, 1)
    int numClasses = 0;          // 0: regression
    qint64 targetsPerSample = 0; // regression
    QStringList classNames;
    QList<qint64> classCounts;   // training split
    QList<QImage> images;        // samples drawn as pictures (images, or 2-D points on the plane)
    QStringList captions;        // their class names
};

// A model file to fine-tune, as the worker found it: its input shape and layers, or why it
// cannot be trained.
struct ModelInfo {
    quint64 request = 0;
    QString path;
    QString error;               // non-empty: no runnable model in the file
    QList<qint64> inputShape;    // per sample
    qint64 outputs = 0;
    qint64 params = 0;
    QList<QStringList> layers;   // per layer: type, output shape, parameter count
};

// One point on the curves. Batch points are thin lines, epoch points bold.
struct TrainingPoint {
    bool epochEnd = false;
    qint64 step = 0;
    double epoch = 0.0;          // fractional: step / batches per epoch
    double loss = 0.0, accuracy = 0.0;
    bool hasValidation = false;
    double validationLoss = 0.0, validationAccuracy = 0.0;
    float learningRate = 0.0f;     // what this batch used (the schedule applied)
    float baseLearningRate = 0.0f; // the rate the user set; a change is marked on the curves
};

struct TrainingOutcome {
    quint64 generation = 0;
    QString message;              // how it ended, for the status line
    bool evaluated = false;       // false when the run failed before training
    double testLoss = 0.0, testAccuracy = 0.0;
    qint64 testSamples = 0;
    QStringList classNames;
    std::shared_ptr<const ConfusionCells> confusion; // with the samples of every cell; null for regression
};

} // namespace ws::ui

Q_DECLARE_METATYPE(ws::ui::DatasetPreview)
Q_DECLARE_METATYPE(ws::ui::TrainingOutcome)
Q_DECLARE_METATYPE(ws::ui::ModelInfo)
