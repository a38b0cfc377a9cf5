// SPDX-License-Identifier: GPL-3.0-or-later
// What the training panel's insight views (activations, confusion by epoch, ablation) exchange
// with the workers. A ModelSnapshot is a copy of the model taken on the training thread at a
// consistent point (the end of an epoch, or between batches while paused); once handed over,
// nobody changes it, so other threads may run inference on it (core/nn/Layer's contract keeps
// per-batch state in workspaces, not in the model). The test evaluation of an epoch's snapshot
// is made on the analysis thread, so that neither an epoch nor a Stop waits for it.
#pragma once

#include "analysis/Activations.h"
#include "analysis/Confusion.h"
#include "train/Metrics.h"

#include <QMetaType>
#include <QStringList>

#include <functional>
#include <limits>
#include <memory>

namespace ws::ui {

struct ModelSnapshot {
    quint64 generation = 0;
    int epoch = 0;              // epochs completed when it was taken
    bool epochEnd = false;      // false: taken while paused, mid-epoch
    qint64 step = 0;            // optimizer steps done
    std::shared_ptr<Sequential> model;
    std::shared_ptr<const Dataset> test;
    LossKind loss = LossKind::SoftmaxCrossEntropy; // what the run trains with: the test loss's
    QStringList classNames;
    // The evaluation on `test` (classification only): null until evaluated. The analysis worker
    // evaluates every epoch's snapshot; the training thread only copies the model (it evaluates
    // the final model, for the run record, and hands that evaluation over with it).
    std::shared_ptr<const ConfusionCells> confusion;
    double testLoss = std::numeric_limits<double>::quiet_NaN();
};

// The activations of one sample (a test sample, or a drawing when sampleIndex < 0).
struct ActivationsResult {
    quint64 request = 0;
    QString error;
    qint64 sampleIndex = -1;
    int trueClass = -1;         // -1: a drawing, or regression
    SampleActivations activations;
    UnitMask mask;
};

// Test accuracy and confusion of the model with units switched off.
struct AblationResult {
    quint64 request = 0;
    QString error;
    UnitMask mask;
    std::shared_ptr<const ConfusionCells> confusion; // with the mask
    std::shared_ptr<const ConfusionCells> baseline;  // the same model without it
};

// Copies `model` (on the training thread: cheap, no evaluation) with the test set it is judged on.
ModelSnapshot makeSnapshot(Sequential& model, std::shared_ptr<const Dataset> test, LossKind loss, quint64 generation,
    int epoch, bool epochEnd, qint64 step);

// The model on its test set in one pass: core's evaluation (loss, accuracy, samples) and, for a
// classification set, the confusion with the samples behind every cell. `cancelled` is asked
// before every batch (then metrics.cancelled is set and the confusion is null).
struct TestEvaluation {
    Evaluation metrics;
    std::shared_ptr<const ConfusionCells> confusion;
};
TestEvaluation evaluateOnTest(Sequential& model, const Dataset& test, LossKind loss,
    const std::function<bool()>& cancelled = {});

} // namespace ws::ui

Q_DECLARE_METATYPE(ws::ui::ModelSnapshot)
Q_DECLARE_METATYPE(ws::ui::ActivationsResult)
Q_DECLARE_METATYPE(ws::ui::AblationResult)
