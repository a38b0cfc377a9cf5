// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/TrainingPanel.h"

#include "common/DivergenceDialog.h"
#include "common/Layouts.h"
#include "common/TransportBar.h"
#include "train/TrainingHealth.h"
#include "shell/AppSettings.h"
#include "training/ActivationsView.h"
#include "training/ConfusionBrowser.h"
#include "training/ConfusionView.h"
#include "training/DatasetSection.h"
#include "training/ModelSection.h"
#include "training/OptimizerSection.h"
#include "training/TrainingCurves.h"
#include "training/TrainingInsights.h"
#include "training/TrainingWorker.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ws::ui {

namespace {

constexpr int kRedrawMs = 33; // ~30 Hz until setRefreshRate()

} // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent), thread_(new QThread)
{
    curves_ = new TrainingCurves;
    status_ = new QLabel(tr("Choose data and a model, then Start."));
    status_->setWordWrap(true);
    testConfusion_ = new ConfusionBrowser;

    auto* right = new QSplitter(Qt::Vertical);
    resultsSplit_ = right;
    right->addWidget(curves_);
    insights_ = new TrainingInsights;
    insights_->insertTab(0, testConfusion_, tr("Test set"));
    connect(testConfusion_->samples(), &QListWidget::itemDoubleClicked, insights_,
        [this](QListWidgetItem* item) { insights_->showSampleActivations(item->data(Qt::UserRole).toLongLong()); });
    insights_->setCurrentIndex(0);
    right->addWidget(insights_);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setChildrenCollapsible(false);

    auto* rightColumn = new QWidget;
    auto* rightLayout = new QVBoxLayout(rightColumn);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(status_);
    rightLayout->addWidget(right, 1);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(makeControls());
    layout->addWidget(rightColumn, 1);

    thread_->setObjectName(QStringLiteral("general-training"));
    auto* worker = new TrainingWorker;
    worker->moveToThread(thread_.get());
    connect(thread_.get(), &QThread::finished, worker, &QObject::deleteLater);
    connectWorker(worker);
    worker_ = worker;
    thread_->start();

    redrawTimer_ = new QTimer(this);
    redrawTimer_->setInterval(kRedrawMs);
    connect(redrawTimer_, &QTimer::timeout, this, [this] {
        if (std::exchange(dirty_, false))
            curves_->replot();
    });
    redrawTimer_->start();

    updateButtons();
}

TrainingPanel::~TrainingPanel() { shutdown(); }

void TrainingPanel::connectWorker(TrainingWorker* worker)
{
    inbox_.connect(worker, &TrainingWorker::previewReady, this, &TrainingPanel::onPreview);
    inbox_.connect(worker, &TrainingWorker::progress, this, &TrainingPanel::onProgress);
    inbox_.connect(worker, &TrainingWorker::runEnded, this, &TrainingPanel::onRunEnded);
    inbox_.connect(worker, &TrainingWorker::snapshotReady, [this](const ModelSnapshot& s) {
        if (s.generation == generation_)
            insights_->addSnapshot(s);
    });
    connect(insights_, &TrainingInsights::snapshotRequested, this, [this] {
        if (worker_ && runActive_)
            worker_->requestSnapshot();
    });
    inbox_.connect(worker, &TrainingWorker::diverged, this, &TrainingPanel::onDiverged);
    inbox_.connect(worker, &TrainingWorker::modelInfoReady, model_, &ModelSection::setModelInfo);
}

void TrainingPanel::ensurePreview()
{
    if (previewRequest_ == 0)
        requestPreview();
}

TrainingWorker* TrainingPanel::worker() const { return worker_; }

QWidget* TrainingPanel::makeControls()
{
    data_ = new DatasetSection;
    model_ = new ModelSection;
    optimizer_ = new OptimizerSection;
    transport_ = new TransportBar(TransportBar::Kind::Run);
    connectDivergence();

    auto* controls = new QWidget;
    auto* column = new QVBoxLayout(controls);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(data_);
    column->addWidget(model_);
    column->addWidget(optimizer_);
    column->addStretch(1);

    transport_->drive(this);
    transport_->addShortcutsTo(this);
    connect(transport_, &TransportBar::stopClicked, this, &TrainingPanel::stop);
    connect(data_, &DatasetSection::changed, this, &TrainingPanel::requestPreview);
    connect(data_, &DatasetSection::cancelRequested, this, &TrainingPanel::cancelPreview);
    connect(model_, &ModelSection::validityChanged, this, &TrainingPanel::updateButtons);
    connect(model_, &ModelSection::modelInfoWanted, this, [this](const QString& path, quint64 request) {
        if (worker_)
            worker_->requestModelInfo(path, request);
    });
    connect(optimizer_, &OptimizerSection::learningRateChanged, this, [this](double lr) {
        if (worker_ && runActive_)
            worker_->setLearningRate(float(lr));
    });
    return settingsColumn(controls, 330, 420, transport_); // Start/Pause/Step above the fold, always
}

void TrainingPanel::connectDivergence()
{
    divergence_ = new DivergenceDialog(this);
    connect(divergence_, &DivergenceDialog::lowerLearningRate, this, [this] {
        optimizer_->setLearningRate(optimizer_->learningRate() / 10.0); // reaches the worker through learningRateChanged
        start();
    });
    connect(divergence_, &DivergenceDialog::resetRequested, this, [this] {
        runActive_ = false; // the paused run is superseded by the new one
        start();
    });
    connect(divergence_, &DivergenceDialog::stopRequested, this, &TrainingPanel::stop);
}

Experiment TrainingPanel::experiment() const
{
    Experiment e;
    e.dataset = data_->source(optimizer_->seed());
    e.model = model_->spec();
    e.initFrom = model_->initFrom().toStdString();
    e.validationSplit = data_->validationSplit();
    optimizer_->fill(e.train);
    return e;
}

void TrainingPanel::applyExperiment(const Experiment& e)
{
    data_->apply(e);
    optimizer_->apply(e.train);
    model_->apply(e);
    requestPreview();
}

QString TrainingPanel::modelCheck() const { return model_->modelCheck(); }

bool TrainingPanel::startsFromInspectorModel() const { return model_->startsFromInspectorModel(); }

void TrainingPanel::setInspectorModel(const QString& path) { model_->setInspectorModel(path); }

void TrainingPanel::useInspectorModel(bool use) { model_->useInspectorModel(use); }

void TrainingPanel::requestPreview()
{
    if (!worker_)
        return;
    data_->showLoading();
    worker_->requestPreview(data_->source(optimizer_->seed()), ++previewRequest_);
}

bool TrainingPanel::isLoadingPreview() const { return data_->isLoading(); }

void TrainingPanel::cancelPreview()
{
    ++previewRequest_; // the answer to the running request is dropped when it comes
    data_->showCancelled();
}

void TrainingPanel::onPreview(const DatasetPreview& preview)
{
    if (preview.request != previewRequest_)
        return;
    const bool shapeChanged = preview_.sampleShape != preview.sampleShape || preview_.numClasses != preview.numClasses;
    preview_ = preview;
    data_->showPreview(preview);
    model_->setData(preview, shapeChanged);
    emit previewShown(preview);
}

bool TrainingPanel::beginRun(bool paused)
{
    if (!model_->isValid())
        return false;
    clearResults();
    generation_ = worker_->startRun(experiment(), paused, settings::effectiveRunsFolder());
    runActive_ = true;
    return true;
}

void TrainingPanel::start()
{
    if (!worker_)
        return;
    if (runActive_) {
        running_ = true;
        worker_->resume();
    } else {
        if (!beginRun(false))
            return;
        running_ = true;
        status_->setText(tr("Training…"));
    }
    updateButtons();
}

void TrainingPanel::setRefreshRate(int hz) { redrawTimer_->setInterval(1000 / std::clamp(hz, 1, 1000)); }

int TrainingPanel::refreshIntervalMs() const { return redrawTimer_->interval(); }

void TrainingPanel::clearResults()
{
    health_ = {};
    curves_->clear();
    testConfusion_->setCells(nullptr, nullptr, {});
    testConfusion_->setSummary({});
    insights_->reset();
    lastStep_ = 0;
}

void TrainingPanel::pause()
{
    if (!worker_ || !runActive_)
        return;
    running_ = false;
    worker_->pause();
    updateButtons();
}

void TrainingPanel::step()
{
    if (!worker_)
        return;
    if (!runActive_ && !beginRun(true))
        return;
    running_ = false;
    worker_->step(1);
    updateButtons();
}

void TrainingPanel::stop()
{
    if (worker_ && runActive_)
        worker_->stop();
}

void TrainingPanel::shutdown()
{
    if (!thread_)
        return;
    redrawTimer_->stop();
    if (worker_)
        worker_->stop();
    thread_.reset();
    generation_ = 0;
    runActive_ = running_ = false;
    updateButtons();
}

void TrainingPanel::onProgress(quint64 generation, const QList<TrainingPoint>& points)
{
    if (generation != generation_ || points.isEmpty())
        return;
    curves_->add(points);
    lastStep_ = points.back().step;
    checkHealth(points);
    const TrainingPoint& p = points.back();
    status_->setText(tr("Epoch %1 of %2 · step %3 · loss %4 · learning rate %5")
                         .arg(p.epoch, 0, 'f', 2)
                         .arg(optimizer_->epochs())
                         .arg(p.step)
                         .arg(p.loss, 0, 'f', 4)
                         .arg(double(p.epochEnd ? p.baseLearningRate : p.learningRate), 0, 'g', 3));
    dirty_ = true;
    emit progressed(int(points.size()));
}

void TrainingPanel::checkHealth(const QList<TrainingPoint>& points)
{
    // A network that explodes or sits at chance without any NaN gets the divergence dialog too,
    // once per run: after "keep going" (Resume) it is not asked again.
    for (const TrainingPoint& p : points) {
        if (p.epochEnd)
            health_.addEpoch(p.loss, p.accuracy);
        else
            health_.addStart(p.loss);
    }
    if (!running_)
        return;
    const std::string problem = health_.warnOnce(preview_.numClasses, optimizer_->learningRate());
    if (problem.empty())
        return;
    pause();
    const QString message = tr("Training paused: %1").arg(QString::fromStdString(problem));
    status_->setText(message);
    divergence_->showDivergence(message, optimizer_->learningRate());
    emit statusMessage(message);
    emit diverged(message);
}

void TrainingPanel::onRunEnded(const TrainingOutcome& outcome)
{
    if (outcome.generation != generation_)
        return;
    divergence_->hide(); // a run that ended needs no decision any more
    runActive_ = running_ = false;
    status_->setText(outcome.message);
    if (outcome.evaluated)
        showConfusion(outcome);
    if (outcome.evaluated && worker_) // else the worker still holds an earlier run's model
        insights_->setFinalModel(worker_->lastModel(), worker_->lastTestSet(), outcome.confusion);
    dirty_ = true;
    updateButtons();
    emit statusMessage(outcome.message);
    emit runFinished(outcome);
}

void TrainingPanel::onDiverged(quint64 generation, const QString& message)
{
    if (generation != generation_)
        return;
    running_ = false; // the trainer has paused itself
    status_->setText(message);
    divergence_->showDivergence(message, optimizer_->learningRate());
    dirty_ = true;
    updateButtons();
    emit statusMessage(message);
    emit diverged(message);
}

void TrainingPanel::showConfusion(const TrainingOutcome& outcome)
{
    if (std::isfinite(outcome.testAccuracy))
        testConfusion_->setSummary(tr("<b>Test set</b>: %1 samples, accuracy <b>%2 %</b>, loss %3 &nbsp; "
                                      "(confusion matrix: rows are the true classes, columns the predictions)")
                                       .arg(outcome.testSamples)
                                       .arg(100.0 * outcome.testAccuracy, 0, 'f', 2)
                                       .arg(outcome.testLoss, 0, 'f', 4));
    else
        testConfusion_->setSummary(tr("<b>Test set</b>: %1 samples, loss %2").arg(outcome.testSamples).arg(outcome.testLoss, 0, 'f', 4));
    testConfusion_->setCells(outcome.confusion, worker_ ? worker_->lastTestSet() : nullptr, outcome.classNames);
}

void TrainingPanel::updateButtons()
{
    transport_->setState(thread_ != nullptr, runActive_, running_, model_->isValid());
    data_->setLocked(runActive_);
    model_->setLocked(runActive_);
}

void TrainingPanel::showView(const QString& view)
{
    if (view.isEmpty())
        return;
    resultsSplit_->setSizes({ 1, 3 }); // room for the insights, less for the curves
    const QStringList parts = view.split(QLatin1Char(':'));
    if (parts[0] == QLatin1String("confusion")) {
        insights_->setCurrentWidget(insights_->confusion());
        // The cell stays chosen when the last epoch's evaluation arrives after the run's end.
        if (parts.size() == 3)
            connect(this, &TrainingPanel::runFinished, insights_, [this, parts] {
                insights_->confusion()->showCell(parts[1].toInt(), parts[2].toInt());
            }, Qt::SingleShotConnection);
    } else if (parts[0] == QLatin1String("test")) {
        insights_->setCurrentIndex(0);
        if (parts.size() == 3)
            connect(this, &TrainingPanel::runFinished, this, [this, parts] {
                testConfusion_->showCell(parts[1].toInt(), parts[2].toInt());
            }, Qt::SingleShotConnection);
    } else if (parts[0] == QLatin1String("activations")) {
        insights_->setCurrentWidget(insights_->activations()->parentWidget());
        const QStringList units = view.section(QLatin1Char(':'), 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
        connect(this, &TrainingPanel::runFinished, insights_, [this, units] {
            for (const QString& unit : units) {
                const QStringList lu = unit.split(QLatin1Char(':'));
                if (lu.size() == 2)
                    insights_->setUnit(size_t(lu[0].toULongLong()), lu[1].toLongLong(), true);
            }
        }, Qt::SingleShotConnection);
    }
}

} // namespace ws::ui
