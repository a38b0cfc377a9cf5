// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the insight views' numerics off the GUI and training threads: the test evaluation of every
// epoch's model snapshot (confusion by epoch), one sample through the current snapshot
// (activations), and the whole test set through it with units switched off (ablation).
// Requests are coalesced: when several of a kind wait, only the newest runs, so clicking
// through samples or units never builds a queue of 10 000-image evaluations.
#pragma once

#include "threads/HandOff.h"
#include "training/InsightTypes.h"

#include <QObject>

#include <atomic>
#include <vector>

namespace ws::ui {

class AnalysisWorker : public QObject {
    Q_OBJECT
public:
    explicit AnalysisWorker(QObject* parent = nullptr);

    // All thread-safe: they queue work on the worker's thread.
    // The snapshot of the end of an epoch is evaluated on the test set (epochEvaluated), in the
    // order they come; one of another generation (a new run, or none) stops what waits or runs.
    void setSnapshot(const ModelSnapshot& snapshot);
    // A test sample (index >= 0) or a drawing: ink in [0, 1], one value per input element,
    // mapped onto the test set's value range.
    void requestActivations(quint64 request, qint64 sampleIndex, const std::vector<float>& drawing, const UnitMask& mask);
    void requestAblation(quint64 request, const UnitMask& mask);
    // Thread-safe: the running evaluation stops at its next batch and nothing more is computed
    // (the owner is closing and waits for the thread).
    void cancelAll() { closing_ = true; }

signals:
    // The snapshot of an epoch end with its test confusion and loss filled in.
    void epochEvaluated(const ws::ui::ModelSnapshot& snapshot);
    void activationsReady(const ws::ui::ActivationsResult& result);
    void ablationReady(const ws::ui::AblationResult& result);

private:
    void activations(quint64 request, qint64 sampleIndex, const std::vector<float>& drawing, const UnitMask& mask);
    void ablation(quint64 request, const UnitMask& mask);
    void evaluateEpoch(); // of snapshot_

    ModelSnapshot snapshot_; // worker thread only
    std::pair<float, float> range_ { 0.0f, 1.0f };
    std::atomic<quint64> latestActivations_ { 0 }, latestAblation_ { 0 };
    std::atomic<quint64> generation_ { 0 }; // of the newest snapshot given
    std::atomic<bool> closing_ { false };
    HandOff inbox_ { this }; // what the GUI asks runs on this thread through it; last, so destroyed first
};

} // namespace ws::ui
