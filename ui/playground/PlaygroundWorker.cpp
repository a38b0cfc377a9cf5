// SPDX-License-Identifier: GPL-3.0-or-later
#include "playground/PlaygroundWorker.h"

#include "analysis/NeuronMaps.h"
#include "nn/Dense.h"
#include "run/PlaygroundRun.h"
#include "run/PlaygroundSession.h"
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

// withGradients: the model's gradients are those of its last batch (not before the first step).
NetworkPicture drawNetwork(Sequential& model, const Tensor& gridFeatures, bool withGradients)
{
    const auto values = [](const Tensor& t) { return QList<float>(t.data(), t.data() + t.size()); };
    NetworkPicture picture;
    for (const Tensor& m : neuronMaps(model, gridFeatures)) {
        picture.widths.append(int(m.dim(0)));
        picture.maps.append(QList<float>(m.data(), m.data() + m.size()));
    }
    for (Dense* d : playgroundDenseLayers(model)) {
        picture.kernels.append(values(d->kernel().value));
        picture.biases.append(values(d->bias().value));
        if (withGradients) {
            picture.kernelGrads.append(values(d->kernel().grad));
            picture.biasGrads.append(values(d->bias().grad));
        }
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

void PlaygroundWorker::showMoment(qint64 epoch)
{
    wantedMoment_ = std::max<qint64>(0, epoch);
    // Not recorded: looking back changes nothing in the run.
    control_.withSession([this](RecordedTraining& session) {
        session.post([this](Sequential&) {
            if (momentNow_)
                momentNow_();
        });
    });
}

void PlaygroundWorker::saveSession(const QString& path)
{
    bool attached = false;
    control_.withSession([&](RecordedTraining& session) {
        attached = true;
        session.post([this, path = path.toStdString()](Sequential&) {
            if (saveNow_)
                saveNow_(path);
        });
    });
    if (!attached)
        emit sessionSaved(path, tr("There is no training to save; press Reset and try again."));
}

void PlaygroundWorker::copyNetwork()
{
    control_.withSession([this](RecordedTraining& session) {
        session.post([this](Sequential&) {
            if (copyNow_)
                copyNow_();
        });
    });
}

void PlaygroundWorker::setEpochsPerSecond(double epochsPerSecond) { epochsPerSecond_ = std::max(0.0, epochsPerSecond); }

void PlaygroundWorker::run(quint64 generation, const PlaygroundConfig& config)
{
    if (!control_.isWanted(generation))
        return; // superseded (reset again, or stopped) before it began
    // Below the GUI thread: with four racers on two cores its fair share was too small for 30
    // frames a second, and the racers have epochs to spare (docs/benchmarks.md, the race).
    yieldToForegroundThreads();

    try {
        PlaygroundSetup setup(config);
        const PlaygroundSets& sets = setup.data;
        const int64_t batchesPerEpoch = sets.batchesPerEpoch;
        PlaygroundData data;
        data.generation = generation;
        data.regression = isRegression(config.dataset);
        data.classes = playgroundClasses(config);
        for (const std::string& name : sets.trainPoints.classNames)
            data.classNames.append(QString::fromStdString(name));
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
                RunHeader header = playgroundRunHeader(setup);
                if (config.fromState && !config.fromSessionPath.empty())
                    markContinuedFromSession(header, config.fromSessionPath, config.fromSessionRun, config.fromState->steps);
                session = makePlaygroundSession(setup, header, config.runsFolder);
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

        // The pictures and numbers of a model: the live one, or the past one of the timeline.
        auto describe = [&](Sequential& m, Workspace& ws, int64_t step, bool withGradients) {
            PlaygroundSnapshot s;
            s.generation = generation;
            s.step = step;
            s.epoch = double(step) / double(batchesPerEpoch);
            const Evaluation onTrain = evaluate(m, train, tc.loss, 512, 0);
            const Evaluation onTest = evaluate(m, test, tc.loss, 512, 0);
            s.trainLoss = onTrain.loss;
            s.testLoss = onTest.loss;
            s.trainAccuracy = onTrain.accuracy;
            s.testAccuracy = onTest.accuracy;
            const Tensor& out = m.forward(grid, ws, false);
            s.boundary = QList<float>(out.data(), out.data() + out.size());
            s.outputs = int(out.dim(1));
            for (const std::vector<int64_t>& row : onTest.confusion)
                s.confusion.append(QList<qint64>(row.begin(), row.end()));
            s.network = drawNetwork(m, neuronGrid, withGradients);
            return s;
        };
        int64_t firstStep = 0; // the gradients are of a batch of this run once it has taken a step
        auto sendSnapshot = [&](int64_t step) { emit snapshotReady(describe(model, gridWs, step, step > firstStep)); };
        int64_t stepsDone = 0;
        // #22: the timeline goes on from the state restarted from, or begins with this run.
        if (config.fromState) {
            trainer.restore(*config.fromState); // checked against the recipe when the file was read
            timeline_.clear();
            timeline_.add(config.fromState);
            stepsDone = firstStep = config.fromState->steps;
        } else if (config.fromEpoch >= 0) {
            const std::shared_ptr<const TrainerState> from = timeline_.at(config.fromEpoch);
            if (!from)
                throw std::runtime_error(tr("no training state is kept at or before epoch %1").arg(config.fromEpoch).toStdString());
            trainer.restore(*from); // ShapeError when the network changed meanwhile
            timeline_.dropAfter(from->epoch);
            stepsDone = firstStep = from->steps;
        } else {
            timeline_.clear();
            timeline_.add(std::make_shared<const TrainerState>(trainer.state()));
        }
        trainer.onEpoch = [&](const EpochProgress&) { timeline_.add(std::make_shared<const TrainerState>(trainer.state())); };

        // A past moment is drawn on a model of its own, so that the live one is never touched.
        struct Past {
            Sequential model;
            Workspace ws;
        };
        std::unique_ptr<Past> past;
        momentNow_ = [&] {
            const std::shared_ptr<const TrainerState> state = timeline_.at(wantedMoment_.exchange(-1));
            if (!state)
                return; // drawn already (the newest request), or nothing kept that early
            if (!past) {
                Sequential m = makePlaygroundModel(config);
                Workspace ws = m.makeWorkspace();
                past = std::make_unique<Past>(Past { std::move(m), std::move(ws) });
            }
            loadStateValues(past->model, *state);
            PlaygroundSnapshot s = describe(past->model, past->ws, state->steps, false);
            s.past = true;
            s.epoch = double(state->epoch);
            emit momentReady(s);
        };
        snapshotNow_ = [&] { sendSnapshot(stepsDone); };
        saveNow_ = [&](const std::string& path) {
            PlaygroundSession saved;
            saved.recipe = config;
            saved.recipe.learningRate = trainer.learningRate(); // as changed during the run
            saved.state = trainer.state();
            saved.epochsPerSecond = epochsPerSecond_.load();
            saved.runRecord = session->recordPath();
            try {
                savePlaygroundSession(saved, path);
            } catch (const std::exception& e) {
                emit sessionSaved(QString::fromStdString(path), QString::fromStdString(e.what()));
                return;
            }
            // The record links to the session (only once it is written: the event is posted after).
            session->post([](Sequential&) {}, "session_saved",
                { { "path", path }, { "epoch", saved.state.epoch }, { "step", saved.state.steps } });
            emit sessionSaved(QString::fromStdString(path), {});
        };
        copyNow_ = [&] {
            auto copy = std::make_shared<Sequential>(makePlaygroundModel(config));
            loadStateValues(*copy, trainer.state());
            emit networkReady(std::move(copy));
        };
        struct Forget { // snapshotNow_, momentNow_, saveNow_ and copyNow_ refer to this frame
            PlaygroundWorker& w;
            ~Forget() { w.snapshotNow_ = nullptr; w.momentNow_ = nullptr; w.saveNow_ = nullptr; w.copyNow_ = nullptr; }
        } forget { *this };

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

        sendSnapshot(stepsDone);
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
