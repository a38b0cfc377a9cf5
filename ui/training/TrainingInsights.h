// SPDX-License-Identifier: GPL-3.0-or-later
// The tabs under the training curves that look inside the model: the final test evaluation (the
// panel's own widget), the confusion matrix after every epoch, and the activations of one sample
// with ablation (switching units off). Model snapshots come from the training worker after
// every epoch (or on request while paused); the numerics, the test evaluation of every epoch
// included, run on an AnalysisWorker thread owned here, so that neither a 10 000-image
// evaluation nor a layer-by-layer pass blocks the GUI or the training.
#pragma once

#include "threads/HandOff.h"
#include "threads/ThreadPtr.h"
#include "training/InsightTypes.h"

#include <QPointer>
#include <QTabWidget>

namespace ws::ui {

class AblationPanel;
class ActivationsView;
class AnalysisWorker;
class ConfusionView;

class TrainingInsights : public QTabWidget {
    Q_OBJECT
public:
    explicit TrainingInsights(QWidget* parent = nullptr);
    ~TrainingInsights() override;

    ActivationsView* activations() const { return activations_; }
    ConfusionView* confusion() const { return confusion_; }
    AblationPanel* ablation() const { return ablation_; }
    const UnitMask& mask() const { return mask_; }
    const ModelSnapshot& snapshot() const { return snapshot_; }

public slots:
    void reset(); // a new run: forget the snapshots and the switched-off units
    void addSnapshot(const ws::ui::ModelSnapshot& snapshot);
    // The model a run ended with (it may have stopped mid-epoch); null when the run failed. With
    // its test confusion when the run evaluated it (then nothing evaluates it again).
    void setFinalModel(std::shared_ptr<Sequential> model, std::shared_ptr<const Dataset> test,
        std::shared_ptr<const ConfusionCells> confusion = nullptr);
    void toggleUnit(size_t layer, int64_t unit);
    void setUnit(size_t layer, int64_t unit, bool off);
    void restoreAll();
    // A test sample (a confusion cell's, double-clicked) in the activations tab.
    void showSampleActivations(qint64 testIndex);

signals:
    void snapshotRequested(); // the activations view's Refresh: the owner asks the training worker
    // Every model snapshot, for views elsewhere that follow the live model (the inspector).
    void modelUpdated(const ws::ui::ModelSnapshot& snapshot);
    void activationsShown(const ws::ui::ActivationsResult& result); // what the activations view now shows

private:
    void useSnapshot(const ModelSnapshot& snapshot);
    void requestActivations();
    void requestAblation();
    void onActivations(const ActivationsResult& result);
    void onAblation(const AblationResult& result);

    ActivationsView* activations_ = nullptr;
    AblationPanel* ablation_ = nullptr;
    ConfusionView* confusion_ = nullptr;
    ThreadPtr thread_;
    QPointer<AnalysisWorker> worker_;
    ModelSnapshot snapshot_; // the one the analysis worker has
    UnitMask mask_;
    quint64 activationsRequest_ = 0, ablationRequest_ = 0;
    HandOff inbox_ { this }; // the analysis worker's results arrive through it; last, so destroyed first
};

} // namespace ws::ui
