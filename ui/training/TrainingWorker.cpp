// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/TrainingWorker.h"

#include "training/SampleImages.h"

#include "formats/WeightFormats.h"
#include "run/DatasetFingerprint.h"
#include "analysis/Confusion.h"
#include "run/RecordedTraining.h"
#include "run/RunStore.h"
#include "train/Trainer.h"
#include "util/Error.h"
#include "util/Threads.h"

#include <QColor>
#include <QPainter>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>

namespace ws::ui {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kProgressInterval = std::chrono::milliseconds(33); // the GUI redraws at ~30 Hz
constexpr int kPreviewImages = 10;

// 2-D data: every training point on the plane [-6, 6]^2, coloured by class (or target sign).
QImage planeImage(const Dataset& d)
{
    QImage image(160, 160, QImage::Format_RGB32);
    image.fill(QColor(0xf4, 0xf4, 0xf4));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    const QColor negative(0xf5, 0x93, 0x22), positive(0x08, 0x77, 0xbd);
    for (int64_t i = 0; i < d.size(); ++i) {
        const double x = (d.x[2 * i] + 6.0) / 12.0 * 160.0, y = (6.0 - d.x[2 * i + 1]) / 12.0 * 160.0;
        const bool plus = d.isClassification() ? d.labels[size_t(i)] > 0 : d.targets[i] >= 0.0f;
        p.setBrush(plus ? positive : negative);
        p.drawEllipse(QPointF(x, y), 1.8, 1.8);
    }
    return image;
}

QString className(const Dataset& d, int label)
{
    if (label >= 0 && size_t(label) < d.classNames.size())
        return QString::fromStdString(d.classNames[size_t(label)]);
    return QString::number(label);
}

} // namespace

struct TrainingWorker::Cache {
    nlohmann::json key;
    LoadedData data;
    std::string sha256; // of `data`, for run records: hashed once, when the first run is recorded
};

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {}

TrainingWorker::~TrainingWorker() = default;

const LoadedData& TrainingWorker::load(const DatasetSource& source)
{
    const nlohmann::json key = source.toJson();
    if (!cache_ || cache_->key != key) {
        cache_.reset(); // free the old data before loading the new
        auto cache = std::make_unique<Cache>();
        cache->data = loadDatasetSource(source);
        cache->key = key;
        cache_ = std::move(cache);
    }
    return cache_->data;
}

const std::string& TrainingWorker::datasetFingerprint()
{
    if (cache_->sha256.empty())
        cache_->sha256 = datasetSha256(cache_->data.train, cache_->data.test);
    return cache_->sha256;
}

void TrainingWorker::requestPreview(const DatasetSource& source, quint64 request)
{
    inbox_.post([this, source, request] { preview(source, request); });
}

void TrainingWorker::preview(const DatasetSource& source, quint64 request)
{
    DatasetPreview out;
    out.request = request;
    try {
        const LoadedData& loaded = load(source);
        const Dataset& train = loaded.train;
        out.description = QString::fromStdString(loaded.description);
        for (const int64_t d : train.sampleShape())
            out.sampleShape.append(d);
        out.numClasses = train.numClasses;
        if (!train.isClassification())
            out.targetsPerSample = train.targets.size() / std::max<int64_t>(1, train.size());
        for (int c = 0; c < train.numClasses; ++c)
            out.classNames.append(className(train, c));
        out.classCounts = QList<qint64>(train.numClasses, 0);
        for (const int32_t label : train.labels)
            ++out.classCounts[label];

        const Shape shape = train.sampleShape();
        if (shape.size() == 3 && (shape[2] == 1 || shape[2] == 3)) {
            // The first sample of each class, then more in order, so that every class is seen.
            std::vector<int64_t> picks;
            for (int c = 0; c < std::max(1, train.numClasses) && int(picks.size()) < kPreviewImages; ++c)
                for (int64_t i = 0; i < train.size(); ++i)
                    if (!train.isClassification() || train.labels[size_t(i)] == c) {
                        picks.push_back(i);
                        break;
                    }
            for (const int64_t i : picks) {
                out.images.append(sampleImage(train, i));
                out.captions.append(train.isClassification() ? className(train, train.labels[size_t(i)]) : QString());
            }
        } else if (shape == Shape { 2 }) {
            out.images.append(planeImage(train));
            out.captions.append(tr("training points"));
        }
    } catch (const std::exception& e) {
        out = DatasetPreview {};
        out.request = request;
        out.error = QString::fromStdString(e.what());
    }
    emit previewReady(out);
}

void TrainingWorker::requestModelInfo(const QString& path, quint64 request)
{
    inbox_.post([this, path, request] {
        ModelInfo info;
        info.request = request;
        info.path = path;
        try {
            std::optional<Sequential> model = openWeightFile(path.toStdString())->model();
            if (!model)
                throw ConfigError(path.toStdString() + ": holds weights but no model the engine can run");
            if (!model->isBuilt())
                model->build();
            for (const int64_t d : model->inputShape())
                info.inputShape.append(d);
            info.outputs = shapeNumel(model->outputShape());
            info.params = model->paramCount();
            for (const LayerSummary& row : model->summary()) {
                QStringList dims;
                for (const int64_t d : row.outputShape)
                    dims.append(QString::number(d));
                info.layers.append({ QString::fromStdString(row.type), QStringLiteral("(%1)").arg(dims.join(QStringLiteral(", "))),
                    row.params ? QString::number(row.params) : QString() });
            }
        } catch (const std::exception& e) {
            info.error = QString::fromStdString(e.what());
        }
        emit modelInfoReady(info);
    });
}

quint64 TrainingWorker::startRun(const Experiment& experiment, bool paused, const QString& runsFolder)
{
    const quint64 generation = control_.beginRun(paused);
    inbox_.post([this, generation, experiment, folder = runsFolder.toStdString()] { run(generation, experiment, folder); });
    return generation;
}

void TrainingWorker::pause()
{
    control_.pause();
    // A batch that ended just before the pause keeps its point until the next send (33 ms): the
    // paused trainer runs posted work, so it sends them now and the curves show where it stopped.
    // (Seen under ThreadSanitizer: a step after the pause brought 24 points at once.)
    control_.withTrainer([this](Trainer& trainer) {
        if (flusher_)
            trainer.post(flusher_);
    });
}

void TrainingWorker::resume() { control_.resume(); }

void TrainingWorker::step(int batches) { control_.step(batches); }

void TrainingWorker::stop() { control_.stop(); } // also stops a run that is still loading its data

void TrainingWorker::setLearningRate(float lr)
{
    control_.setLearningRate(lr); // a running session applies and records it between two batches
}

void TrainingWorker::requestSnapshot()
{
    control_.withTrainer([this](Trainer& trainer) {
        if (snapshotter_)
            trainer.post(snapshotter_);
    });
}

std::shared_ptr<Sequential> TrainingWorker::lastModel() const
{
    std::lock_guard lock(mutex_);
    return lastModel_;
}

std::shared_ptr<const Dataset> TrainingWorker::lastTestSet() const
{
    std::lock_guard lock(mutex_);
    return lastTest_;
}

void TrainingWorker::run(quint64 generation, const Experiment& e, const std::string& runsFolder)
{
    if (!control_.isCurrent(generation))
        return; // superseded before it began; a stopped one still reports that it ended
    TrainingOutcome outcome;
    outcome.generation = generation;
    try {
        const LoadedData& loaded = load(e.dataset);
        PreparedRun prepared = prepareRun(e, loaded.train, loaded.test);
        auto test = std::make_shared<Dataset>(std::move(prepared.test));
        auto model = std::make_shared<Sequential>(std::move(prepared.model));
        const TrainConfig& tc = prepared.config;
        // Recorded like a command-line training (core/run/RecordedTraining): same header, same history.
        RunHeader header;
        RecordingOptions recording;
        if (!runsFolder.empty()) {
            Experiment recorded = e;
            recorded.loss = tc.loss;
            recorded.train.loss = tc.loss;
            setThreadCount(tc.threads); // Trainer::run sets the same; recorded as the count used
            recorded.train.threads = threadCount();
            header = makeRunHeader(defaultRunName(e), recorded, *model, loaded.description, datasetFingerprint(),
                loaded.train.size(), loaded.test.size());
            recording.runsDir = runsFolder;
        }
        RecordedTraining session(*model, prepared.train, &prepared.validation, *test, tc, header, recording);
        Trainer& trainer = session.trainer();

        int epochsDone = 0; // for snapshots
        QList<TrainingPoint> pending;
        auto lastSent = Clock::now();
        auto flush = [&] {
            if (!pending.isEmpty())
                emit progress(generation, std::exchange(pending, {}));
            lastSent = Clock::now();
        };
        trainer.onBatch = [&](const BatchProgress& p) {
            TrainingPoint point;
            point.step = p.step;
            point.epoch = double(p.epoch) + double(p.batch + 1) / double(std::max<int64_t>(1, p.batchesPerEpoch));
            point.loss = p.loss;
            point.accuracy = p.accuracy;
            point.learningRate = p.learningRate;
            point.baseLearningRate = trainer.learningRate();
            pending.append(point);
            if (trainer.isPaused() || Clock::now() - lastSent >= kProgressInterval)
                flush();
        };
        trainer.onEpoch = [&](const EpochProgress& p) {
            TrainingPoint point;
            point.epochEnd = true;
            point.step = trainer.optimizer().steps();
            point.epoch = p.epoch + 1;
            point.loss = p.trainLoss;
            point.accuracy = p.trainAccuracy;
            point.hasValidation = p.hasValidation;
            point.validationLoss = p.validationLoss;
            point.validationAccuracy = p.validationAccuracy;
            point.baseLearningRate = trainer.learningRate();
            pending.append(point);
            flush();
            epochsDone = p.epoch + 1;
            // A copy only: the analysis thread evaluates it. The last epoch's model is the final
            // one, evaluated by the session for the record: its snapshot follows with that evaluation.
            if (epochsDone < tc.epochs)
                emit snapshotReady(makeSnapshot(*model, test, tc.loss, generation, epochsDone, true, trainer.optimizer().steps()));
        };
        flusher_ = [&flush](Sequential&) { flush(); };
        // Runs on the training thread between batches while run() below is active.
        snapshotter_ = [this, generation, test, loss = tc.loss, &trainer, &epochsDone](Sequential& m) {
            emit snapshotReady(makeSnapshot(m, test, loss, generation, epochsDone, false, trainer.optimizer().steps()));
        };
        trainer.setPauseOnDivergence(true);
        trainer.onDiverged = [&](const std::string& message) {
            flush();
            emit diverged(generation, tr("Training diverged: %1").arg(QString::fromStdString(message)));
        };
        switch (control_.attach(session, generation)) {
        case TrainerControl::Attach::Superseded:
            return; // superseded by a newer run: nobody waits for this one (the session drops its record)
        case TrainerControl::Attach::Stopped:
            outcome.message = tr("Training stopped before it began.");
            emit runEnded(outcome);
            return;
        case TrainerControl::Attach::Attached:
            break;
        }
        SessionOutcome ended;
        {
            const TrainerControl::Attachment attached { control_ };
            ended = session.run();
        }
        flush();
        const TrainResult& result = ended.result;
        switch (result.reason) {
        case StopReason::Finished:
            outcome.message = tr("Training finished: %n epoch(s), %1 steps.", nullptr, result.epochsCompleted).arg(result.steps);
            break;
        case StopReason::Stopped:
            outcome.message = tr("Training stopped after %n step(s).", nullptr, int(result.steps));
            break;
        case StopReason::Diverged:
            outcome.message = tr("Training diverged: %1").arg(QString::fromStdString(result.message));
            break;
        }
        // The session's final evaluation, for the Test set tab (metrics and confusion). A run
        // that completed no epoch is not evaluated by the session (and not recorded): evaluated
        // here all the same when it was stopped, so the tab shows the model as it is.
        if (!ended.evaluated && result.reason != StopReason::Diverged && test->size() > 0) {
            ended.evaluation = evaluateForRecord(*model, *test, tc.loss, test->isClassification() ? &ended.predicted : nullptr);
            ended.evaluated = true;
        }
        std::shared_ptr<const ConfusionCells> confusion;
        if (ended.evaluated) {
            if (test->isClassification())
                confusion = std::make_shared<ConfusionCells>(confusionCells(test->labels, ended.predicted, test->numClasses));
            outcome.evaluated = true;
            outcome.testLoss = ended.evaluation.loss;
            outcome.testAccuracy = ended.evaluation.accuracy;
            outcome.testSamples = ended.evaluation.samples;
            for (int c = 0; c < test->numClasses; ++c)
                outcome.classNames.append(className(*test, c));
            outcome.confusion = confusion;
        }
        if (result.reason == StopReason::Finished && epochsDone == tc.epochs && epochsDone > 0) {
            ModelSnapshot last = makeSnapshot(*model, test, tc.loss, generation, epochsDone, true, result.steps);
            last.confusion = confusion;
            last.testLoss = ended.evaluation.loss;
            emit snapshotReady(last);
        }
        {
            std::lock_guard lock(mutex_);
            lastModel_ = model;
            lastTest_ = test;
        }
    } catch (const std::exception& ex) {
        outcome.message = tr("Training failed: %1").arg(QString::fromStdString(ex.what()));
    }
    emit runEnded(outcome);
}

} // namespace ws::ui
