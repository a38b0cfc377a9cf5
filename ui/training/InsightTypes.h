// What the training panel's insight views (activations, confusion by epoch, ablation) exchange
// with the workers. A ModelSnapshot is a copy of the model taken on the training thread at a
// consistent point (the end of an epoch, or between batches while paused); once handed over,
// nobody changes it, so other threads may run inference on it (core/nn/Layer's contract keeps
// per-batch state in workspaces, not in the model).
#pragma once

#include "analysis/Activations.h"
#include "analysis/Confusion.h"

#include <QMetaType>
#include <QStringList>

#include <memory>

namespace ws::ui {

struct ModelSnapshot {
    quint64 generation = 0;
    int epoch = 0;              // epochs completed when it was taken
    bool epochEnd = false;      // false: taken while paused, mid-epoch
    qint64 step = 0;            // optimizer steps done
    std::shared_ptr<Sequential> model;
    std::shared_ptr<const Dataset> test;
    QStringList classNames;
    std::shared_ptr<const ConfusionCells> confusion; // on `test`; null for regression or no test set
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

// Copies `model` (on the training thread) and evaluates the copy on `test` when it is a
// classification set. The evaluation runs on the calling thread.
ModelSnapshot makeSnapshot(Sequential& model, std::shared_ptr<const Dataset> test, quint64 generation, int epoch,
    bool epochEnd, qint64 step);

} // namespace ws::ui

Q_DECLARE_METATYPE(ws::ui::ModelSnapshot)
Q_DECLARE_METATYPE(ws::ui::ActivationsResult)
Q_DECLARE_METATYPE(ws::ui::AblationResult)
