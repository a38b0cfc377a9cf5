// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/TrainingInsights.h"

#include "training/AblationPanel.h"
#include "training/ActivationsView.h"
#include "training/AnalysisWorker.h"
#include "training/ConfusionView.h"

#include <nlohmann/json.hpp>

#include <QListWidget>
#include <QSplitter>

namespace ws::ui {

TrainingInsights::TrainingInsights(QWidget* parent) : QTabWidget(parent), thread_(new QThread)
{
    qRegisterMetaType<ws::ui::ModelSnapshot>();
    activations_ = new ActivationsView;
    ablation_ = new AblationPanel;
    confusion_ = new ConfusionView;

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(activations_);
    split->addWidget(ablation_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    addTab(confusion_, tr("Confusion by epoch"));
    addTab(split, tr("Activations && ablation"));

    thread_->setObjectName(QStringLiteral("training-analysis"));
    auto* worker = new AnalysisWorker;
    worker->moveToThread(thread_.get());
    connect(thread_.get(), &QThread::finished, worker, &QObject::deleteLater);
    inbox_.connect(worker, &AnalysisWorker::activationsReady, this, &TrainingInsights::onActivations);
    inbox_.connect(worker, &AnalysisWorker::ablationReady, this, &TrainingInsights::onAblation);
    inbox_.connect(worker, &AnalysisWorker::epochEvaluated, [this](const ModelSnapshot& s) {
        if (s.generation == snapshot_.generation) // else from before reset()
            confusion_->addSnapshot(s);
    });
    worker_ = worker;
    thread_->start();

    connect(activations_, &ActivationsView::inputChanged, this, &TrainingInsights::requestActivations);
    connect(activations_, &ActivationsView::unitClicked, this, &TrainingInsights::toggleUnit);
    connect(activations_, &ActivationsView::refreshRequested, this, &TrainingInsights::snapshotRequested);
    connect(activations_, &ActivationsView::refreshRequested, this, &TrainingInsights::requestActivations);
    connect(ablation_, &AblationPanel::unitRestoreRequested, this, [this](size_t layer, int64_t unit) { setUnit(layer, unit, false); });
    connect(ablation_, &AblationPanel::restoreAllRequested, this, &TrainingInsights::restoreAll);
    // A test sample in the confusion view's gallery opens in the activations view.
    connect(confusion_->samples(), &QListWidget::itemDoubleClicked, this,
        [this](QListWidgetItem* item) { showSampleActivations(item->data(Qt::UserRole).toLongLong()); });
}

void TrainingInsights::showSampleActivations(qint64 testIndex)
{
    activations_->setSample(testIndex);
    setCurrentIndex(indexOf(activations_->parentWidget()));
}

TrainingInsights::~TrainingInsights()
{
    if (worker_)
        worker_->cancelAll(); // a running evaluation stops at its next batch; thread_ then joins
}

void TrainingInsights::reset()
{
    snapshot_ = {};
    mask_.clear();
    confusion_->reset();
    ablation_->reset();
    worker_->setSnapshot({});
}

void TrainingInsights::addSnapshot(const ModelSnapshot& snapshot)
{
    useSnapshot(snapshot); // an epoch's reaches the confusion view once the analysis worker evaluated it
    emit modelUpdated(snapshot);
}

void TrainingInsights::setFinalModel(std::shared_ptr<Sequential> model, std::shared_ptr<const Dataset> test,
    std::shared_ptr<const ConfusionCells> confusion)
{
    if (!model)
        return;
    ModelSnapshot s = snapshot_;
    s.model = std::move(model);
    s.test = std::move(test);
    s.confusion = std::move(confusion); // null: the analysis worker evaluates it when ablation asks
    s.testLoss = std::numeric_limits<double>::quiet_NaN();
    s.epochEnd = false;
    useSnapshot(s);
}

void TrainingInsights::useSnapshot(const ModelSnapshot& snapshot)
{
    if (!snapshot.model)
        return;
    const bool sameArchitecture = snapshot_.model && snapshot_.model->config() == snapshot.model->config();
    snapshot_ = snapshot;
    if (!sameArchitecture)
        mask_.clear();
    worker_->setSnapshot(snapshot);
    activations_->setTestSet(snapshot.test, snapshot.classNames);
    ablation_->setMask(mask_, snapshot_.model.get());
    requestActivations();
    if (!mask_.empty() || !snapshot.confusion)
        requestAblation();
    else {
        ++ablationRequest_; // an evaluation still running is of the previous snapshot
        ablation_->showResult({ ablationRequest_, {}, {}, snapshot.confusion, snapshot.confusion }, snapshot.classNames);
    }
}

void TrainingInsights::toggleUnit(size_t layer, int64_t unit)
{
    setUnit(layer, unit, !mask_.isOff(layer, unit));
}

void TrainingInsights::setUnit(size_t layer, int64_t unit, bool off)
{
    if (!snapshot_.model)
        return;
    mask_.setOff(layer, unit, off);
    ablation_->setMask(mask_, snapshot_.model.get());
    requestActivations();
    requestAblation();
}

void TrainingInsights::restoreAll()
{
    mask_.clear();
    ablation_->setMask(mask_, snapshot_.model.get());
    requestActivations();
    requestAblation();
}

void TrainingInsights::requestActivations()
{
    if (!snapshot_.model)
        return;
    worker_->requestActivations(++activationsRequest_, activations_->sampleIndex(), activations_->drawing(), mask_);
}

void TrainingInsights::requestAblation()
{
    if (!snapshot_.model || !snapshot_.test || !snapshot_.test->isClassification())
        return;
    ablation_->setBusy();
    worker_->requestAblation(++ablationRequest_, mask_);
}

void TrainingInsights::onActivations(const ActivationsResult& result)
{
    if (result.request != activationsRequest_)
        return;
    activations_->showResult(result);
    emit activationsShown(result);
}

void TrainingInsights::onAblation(const AblationResult& result)
{
    if (result.request == ablationRequest_)
        ablation_->showResult(result, snapshot_.classNames);
}

} // namespace ws::ui
