// SPDX-License-Identifier: GPL-3.0-or-later
// General training mode: any dataset the engine reads, any model its layers build. Settings and
// a preview of the data on the left (DatasetSection, ModelSection, OptimizerSection and a
// TransportBar), live curves and the test confusion matrix on the right.
// Training runs in a TrainingWorker on a thread this panel owns; the curves are redrawn
// on a ~30 Hz timer, never once per batch.
#pragma once

#include "threads/HandOff.h"
#include "threads/ThreadPtr.h"
#include "train/TrainingHealth.h"
#include "training/TrainingTypes.h"

#include <QPointer>
#include <QList>
#include <QWidget>

#include <cmath>
#include <vector>

class QLabel;
class QSplitter;
class QTimer;

namespace ws::ui {

class ConfusionBrowser;
class DatasetSection;
class DivergenceDialog;
class ModelSection;
class OptimizerSection;
class TrainingCurves;
class TrainingInsights;
class TrainingWorker;
class TransportBar;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);
    ~TrainingPanel() override;
    TransportBar* transport() const { return transport_; }

    Experiment experiment() const;             // from the controls
    void setRefreshRate(int hz);               // redraws per second of the curves (Preferences)
    int refreshIntervalMs() const;
    void applyExperiment(const Experiment& e); // into the controls (model: a spec string or preset)
    bool isTraining() const { return runActive_ && running_; }
    TrainingWorker* worker() const;
    TrainingCurves* curves() const { return curves_; }
    TrainingInsights* insights() const { return insights_; }
    ConfusionBrowser* testConfusion() const { return testConfusion_; }
    QString modelCheck() const;                // what the shape check says, as plain text
    bool isLoadingPreview() const;             // the busy bar with Cancel is shown
    DivergenceDialog* divergenceDialog() const { return divergence_; }
    bool startsFromInspectorModel() const;     // "Start from" names the inspector's model
    // Shows one view of the insights for screenshots and demos, and what to show in it once
    // trained: "test[:true:predicted]" (the final test confusion, the samples of a cell),
    // "confusion[:true:predicted]" (by epoch) or "activations[:layer:unit,...]" (units switched off).
    void showView(const QString& view);

public slots:
    void start(); // a new run, or resumes a paused one
    void pause();
    void step();  // one batch (starting a paused run if there is none)
    void stop();
    void shutdown(); // stops training and joins the thread
    // Loads the chosen data for the preview unless done already. The owner calls it when the
    // panel is really seen (a dock tabbed behind another is not), so that a window that never
    // shows this panel never waits for Fashion-MNIST to load, not even when closing.
    void ensurePreview();
    void cancelPreview(); // drops the dataset being loaded for the preview (its Cancel button)
    // The model file open in the inspector (empty: none), offered under "Start from" to fine-tune.
    void setInspectorModel(const QString& path);
    void useInspectorModel(bool use); // "Start from": the inspector's model, or new layers

signals:
    void progressed(int points);                        // every progress signal of the current run
    void runFinished(const ws::ui::TrainingOutcome& outcome);
    void previewShown(const ws::ui::DatasetPreview& preview);
    void statusMessage(const QString& message);
    void diverged(const QString& message); // the run paused on NaN/Inf; the dialog is shown

private:
    QWidget* makeControls();
    void connectWorker(TrainingWorker* worker);
    void connectDivergence();
    bool beginRun(bool paused); // a new run from the controls; false when the model does not fit
    void requestPreview();
    void onPreview(const DatasetPreview& preview);
    void onProgress(quint64 generation, const QList<TrainingPoint>& points);
    void onRunEnded(const TrainingOutcome& outcome);
    void checkHealth(const QList<TrainingPoint>& points); // the exploding / not-learning dialog
    void onDiverged(quint64 generation, const QString& message);
    void clearResults(); // a new run: the curves, the test evaluation, the insights
    void showConfusion(const TrainingOutcome& outcome);
    void updateButtons();

    DatasetSection* data_ = nullptr;
    ModelSection* model_ = nullptr;
    OptimizerSection* optimizer_ = nullptr;
    TransportBar* transport_ = nullptr;
    TrainingHealthLog health_; // epoch losses and accuracies of the run, for the dialog
    DivergenceDialog* divergence_ = nullptr;
    QLabel* status_ = nullptr;
    QSplitter* resultsSplit_ = nullptr; // the curves above the insights
    TrainingCurves* curves_ = nullptr;
    ConfusionBrowser* testConfusion_ = nullptr; // the final model's, in the "Test set" tab
    TrainingInsights* insights_ = nullptr; // confusion by epoch, activations, ablation
    QTimer* redrawTimer_ = nullptr;

    ThreadPtr thread_;
    QPointer<TrainingWorker> worker_;
    quint64 generation_ = 0;
    quint64 previewRequest_ = 0;
    DatasetPreview preview_;     // the last preview shown
    bool runActive_ = false;     // a run exists and has not ended
    bool running_ = false;       // not paused
    bool dirty_ = false;
    qint64 lastStep_ = 0;
    HandOff inbox_ { this }; // the training worker's signals arrive through it; last, so destroyed first
};

} // namespace ws::ui
