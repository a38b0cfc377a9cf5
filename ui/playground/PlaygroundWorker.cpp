// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/PlaygroundWorker.h"

#include "analysis/NeuronMaps.h"
#include "nn/Dense.h"
#include "run/PlaygroundRun.h"
#include "train/Metrics.h"
#include "train/Trainer.h"
#include "util/Threads.h"

#include <chrono>
#include <memory>
#include <thread>

namespace ws::ui {

namespace {

using Clock = std::chrono::steady_clock;
// The GUI redraws at about 30 Hz; sending more often than that would only fill its event queue.
constexpr auto kSnapshotInterval = std::chrono::milliseconds(33);

void appendPoints(const Dataset& d, QList<QPointF>& points, QList<int>& labels, QList<float>& targets)
{
    points.reserve(d.size());
    labels.reserve(d.size());
    for (int64_t i = 0; i < d.size(); ++i) {
        points.append(QPointF(d.x[2 * i], d.x[2 * i + 1]));
        if (d.isClassification()) {
            labels.append(d.labels[size_t(i)]);
        } else {
            targets.append(d.targets[i]);
            labels.append(d.targets[i] >= 0.0f ? 1 : 0);
        }
    }
}

NetworkPicture drawNetwork(Sequential& model, const Tensor& gridFeatures)
{
    NetworkPicture picture;
    for (const Tensor& m : neuronMaps(model, gridFeatures)) {
        picture.widths.append(int(m.dim(0)));
        picture.maps.append(QList<float>(m.data(), m.data() + m.size()));
    }
    for (Dense* d : playgroundDenseLayers(model)) {
        const Tensor& w = d->kernel().value;
        const Tensor& b = d->bias().value;
        picture.kernels.append(QList<float>(w.data(), w.data() + w.size()));
        picture.biases.append(QList<float>(b.data(), b.data() + b.size()));
    }
    return picture;
}

} // namespace

PlaygroundWorker::PlaygroundWorker(QObject* parent) : QObject(parent) {}

quint64 PlaygroundWorker::startRun(const PlaygroundConfig& config, bool paused)
{
    epochsPerSecond_ = config.epochsPerSecond;
    const quint64 generation = control_.beginRun(paused);
    inbox_.post([this, generation, config] { run(generation, config); });
    return generation;
}

void PlaygroundWorker::pause() { control_.pause(); }

void PlaygroundWorker::resume() { control_.resume(); }

void PlaygroundWorker::step(int batches) { control_.step(batches); }

void PlaygroundWorker::stop() { control_.stop(); }

void PlaygroundWorker::setLearningRate(float lr)
{
    control_.setLearningRate(lr); // a running session applies and records it between two batches
}

void PlaygroundWorker::editWeight(const WeightEdit& edit)
{
    // Runs on the training thread between two batches, or at once while paused; the snapshot
    // after it lets the drawing show the new value without waiting for a step.
    control_.withSession([this, edit](RecordedTraining& session) {
        session.post(
            [this, edit](Sequential& model) {
                applyPlaygroundEdit(model, edit);
                if (snapshotNow_)
                    snapshotNow_();
            },
            "weight_edit", edit.toJson());
    });
}

void PlaygroundWorker::setEpochsPerSecond(double epochsPerSecond) { epochsPerSecond_ = std::max(0.0, epochsPerSecond); }

void PlaygroundWorker::run(quint64 generation, const PlaygroundConfig& config)
{
    if (!control_.isWanted(generation))
        return; // superseded (reset again, or stopped) before it began

    try {
        PlaygroundSetup setup(config);
        const PlaygroundSets& sets = setup.data;
        const int64_t batchesPerEpoch = sets.batchesPerEpoch;
        PlaygroundData data;
        data.generation = generation;
        data.regression = isRegression(config.dataset);
        data.batchesPerEpoch = batchesPerEpoch;
        appendPoints(sets.trainPoints, data.trainPoints, data.trainLabels, data.trainTargets);
        appendPoints(sets.testPoints, data.testPoints, data.testLabels, data.testTargets);
        emit dataReady(data);
        const Dataset& train = sets.train;
        const Dataset& test = sets.test;
        Sequential& model = setup.model;
        const TrainConfig& tc = setup.config;

        // Trainer::run sets this too, but the first snapshot is computed before run() starts.
        // (The count is this thread's own; these nets are too small to gain from threads.)
        setThreadCount(1);
        // A record that cannot be made does not stop the Playground: it trains unrecorded.
        std::unique_ptr<RecordedTraining> session;
        if (!config.runsFolder.empty()) {
            try {
                session = makePlaygroundSession(setup, playgroundRunHeader(setup), config.runsFolder);
            } catch (const std::exception& e) {
                emit runEnded(generation, tr("The run is not recorded: %1").arg(QString::fromStdString(e.what())));
            }
        }
        if (!session)
            session = makePlaygroundSession(setup, RunHeader {}, {});
        Trainer& trainer = session->trainer();

        const Tensor grid = playgroundFeatures(playgroundGrid(kGridSize), config.features);
        const Tensor neuronGrid = playgroundFeatures(playgroundGrid(kNeuronGridSize), config.features);
        Workspace gridWs = model.makeWorkspace();

        auto sendSnapshot = [&](int64_t step) {
            PlaygroundSnapshot s;
            s.generation = generation;
            s.step = step;
            s.epoch = double(step) / double(batchesPerEpoch);
            const Evaluation onTrain = evaluate(model, train, tc.loss, 512, 0);
            const Evaluation onTest = evaluate(model, test, tc.loss, 512, 0);
            s.trainLoss = onTrain.loss;
            s.testLoss = onTest.loss;
            s.trainAccuracy = onTrain.accuracy;
            s.testAccuracy = onTest.accuracy;
            const Tensor& out = model.forward(grid, gridWs, false);
            s.boundary = QList<float>(out.data(), out.data() + out.size());
            s.network = drawNetwork(model, neuronGrid);
            emit snapshotReady(s);
        };
        int64_t stepsDone = 0;
        snapshotNow_ = [&] { sendSnapshot(stepsDone); };
        struct Forget { // snapshotNow_ refers to this frame
            std::function<void()>& f;
            ~Forget() { f = nullptr; }
        } forget { snapshotNow_ };

        // Pacing: a person should be able to watch the boundary form (TensorFlow Playground
        // trains one epoch per animation frame). Sleeps are short so stop and pause stay prompt.
        auto paceStart = Clock::now();
        int64_t paceStep = 0;
        double pace = epochsPerSecond_.load() * double(batchesPerEpoch);
        auto lastSent = Clock::now();
        trainer.onBatch = [&](const BatchProgress& p) {
            stepsDone = p.step;
            auto now = Clock::now();
            const double stepsPerSecond = epochsPerSecond_.load() * double(batchesPerEpoch);
            if (stepsPerSecond != pace) { // changed while running
                pace = stepsPerSecond;
                paceStart = now;
                paceStep = p.step;
            }
            if (stepsPerSecond > 0 && !trainer.isPaused()) {
                const auto due = paceStart
                    + std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>(double(p.step - paceStep) / stepsPerSecond));
                if (now - due > std::chrono::milliseconds(100)) { // fell behind (was paused): start again
                    paceStart = now;
                    paceStep = p.step;
                } else if (due > now) {
                    std::this_thread::sleep_until(std::min(due, now + std::chrono::milliseconds(50)));
                    now = Clock::now();
                }
            }
            // While paused we are stepping: every batch is news.
            if (trainer.isPaused() || now - lastSent >= kSnapshotInterval) {
                lastSent = now;
                sendSnapshot(p.step);
            }
        };
        trainer.onDiverged = [&](const std::string& message) {
            sendSnapshot(stepsDone);
            emit diverged(generation, tr("Training diverged: %1").arg(QString::fromStdString(message)));
        };

        sendSnapshot(0);
        if (control_.attach(*session, generation) != TrainerControl::Attach::Attached)
            return; // superseded or stopped while it was being prepared (the session drops its record)
        SessionOutcome ended;
        {
            const TrainerControl::Attachment attached { control_ };
            ended = session->run();
        }
        const TrainResult& result = ended.result;
        switch (result.reason) {
        case StopReason::Stopped:
            emit runEnded(generation, tr("Training stopped after %n step(s).", nullptr, int(result.steps)));
            break;
        case StopReason::Diverged:
            sendSnapshot(result.steps);
            emit runEnded(generation, tr("Training diverged: %1").arg(QString::fromStdString(result.message)));
            break;
        case StopReason::Finished:
            sendSnapshot(result.steps);
            emit runEnded(generation, tr("Training finished after %n step(s).", nullptr, int(result.steps)));
            break;
        }
    } catch (const std::exception& e) {
        emit runEnded(generation, tr("Training failed: %1").arg(QString::fromStdString(e.what())));
    }
}

} // namespace ws::ui
