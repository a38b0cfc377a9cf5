#include "playground/TrainingWorker.h"

#include "analysis/NeuronMaps.h"
#include "data/Split.h"
#include "nn/Dense.h"
#include "run/DatasetFingerprint.h"
#include "run/RunStore.h"
#include "train/Metrics.h"
#include "train/Trainer.h"
#include "util/Threads.h"

#include <bit>
#include <chrono>
#include <cstdio>
#include <limits>
#include <memory>
#include <thread>

namespace ws::ui {

namespace {

using Clock = std::chrono::steady_clock;
// The GUI redraws at about 30 Hz; sending more often than that would only fill its event queue.
constexpr auto kSnapshotInterval = std::chrono::milliseconds(33);

// Playground's network: the chosen features in, tanh (or the chosen activation) hidden layers,
// one output, tanh for classification and linear for regression; weights U(-0.5, 0.5) and
// biases 0.1 as in TensorFlow Playground's nn.ts.
Sequential makeModel(const PlaygroundConfig& config)
{
    Sequential model(Shape { int64_t(std::popcount(config.features)) });
    const Initializer kernelInit { Init::Uniform, 0.5f };
    const Initializer biasInit { Init::Constant, 0.1f };
    for (const int units : config.hidden) {
        model.emplace<Dense>(units, true, kernelInit, biasInit);
        model.emplace<ActivationLayer>(config.activation);
    }
    model.emplace<Dense>(1, true, kernelInit, biasInit);
    model.emplace<ActivationLayer>(isRegression(config.dataset) ? ActivationKind::Linear : ActivationKind::Tanh);
    model.build();
    model.initialize(config.modelSeed);
    return model;
}

// The centres of the cells of a size x size grid over [-kGridExtent, kGridExtent]^2,
// (size^2, 2), row-major with y rows.
Tensor makeGrid(int size)
{
    Tensor grid(Shape { int64_t(size) * size, 2 });
    const double cell = 2.0 * kGridExtent / size;
    for (int row = 0; row < size; ++row)
        for (int col = 0; col < size; ++col) {
            const int64_t i = int64_t(row) * size + col;
            grid[2 * i] = float(-kGridExtent + (col + 0.5) * cell);
            grid[2 * i + 1] = float(-kGridExtent + (row + 0.5) * cell);
        }
    return grid;
}

// A Playground run as a run record. Its config is the Playground's own settings (the network
// uses Playground's initialisation, which no Experiment preset reproduces), so `rerun` refuses
// it with a message naming the "playground" key; the history, weights and data are all there.
std::unique_ptr<RunWriter> startRecord(const PlaygroundConfig& c, const Sequential& model, const Dataset& train,
    const Dataset& test)
{
    if (c.runsFolder.empty())
        return nullptr;
    std::string hidden; // appended piecewise: GCC 12's -Wrestrict misfires on "," + std::to_string
    for (int h : c.hidden) {
        if (!hidden.empty())
            hidden.append(",");
        hidden.append(std::to_string(h));
    }
    RunHeader h;
    h.name = "playground-" + playgroundName(c.dataset);
    h.tags = { "playground" };
    h.config = { { "playground",
        { { "dataset", playgroundName(c.dataset) }, { "noise", c.noise }, { "hidden", c.hidden },
            { "activation", activationName(c.activation) }, { "test_share", c.testShare },
            { "data_seed", c.dataSeed }, { "feature_bits", c.features },
            { "regularization",
                { { "type", c.regularization == Regularization::L1 ? "l1"
                          : c.regularization == Regularization::L2 ? "l2" : "none" },
                    { "rate", c.regularizationRate } } } } },
        { "train",
            { { "seed", c.modelSeed }, { "batch_size", c.batchSize }, { "threads", 1 }, { "loss", "mse" },
                { "optimizer", { { "type", optimizerName(c.optimizer) }, { "learning_rate", c.learningRate } } } } } };
    h.dataset = { { "description", playgroundName(c.dataset) + ": " + std::to_string(train.size()) + " train, "
                      + std::to_string(test.size()) + " test (Playground)" },
        { "sha256", datasetSha256(train, test) }, { "train_samples", train.size() }, { "test_samples", test.size() } };
    h.modelConfig = model.config();
    h.parameters = model.paramCount();
    h.modelSummary = std::to_string(model.inputShape().empty() ? 0 : model.inputShape().back()).append("-").append(hidden).append("-1 ").append(activationName(c.activation));
    auto writer = std::make_unique<RunWriter>(newRunPath(c.runsFolder, h.name), h);
    writer->setMinimumFlushInterval(1.0); // Playground epochs last milliseconds
    return writer;
}

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

// The dense layers of a Playground model, in order (column c of the drawing is dense[c - 1]).
std::vector<Dense*> denseLayers(Sequential& model)
{
    std::vector<Dense*> dense;
    for (size_t i = 0; i < model.size(); ++i)
        if (auto* d = dynamic_cast<Dense*>(&model.layer(i)))
            dense.push_back(d);
    return dense;
}

NetworkPicture drawNetwork(Sequential& model, const Tensor& gridFeatures)
{
    NetworkPicture picture;
    for (const Tensor& m : neuronMaps(model, gridFeatures)) {
        picture.widths.append(int(m.dim(0)));
        picture.maps.append(QList<float>(m.data(), m.data() + m.size()));
    }
    for (Dense* d : denseLayers(model)) {
        const Tensor& w = d->kernel().value;
        const Tensor& b = d->bias().value;
        picture.kernels.append(QList<float>(w.data(), w.data() + w.size()));
        picture.biases.append(QList<float>(b.data(), b.data() + b.size()));
    }
    return picture;
}

// Writes one typed weight or bias into the model; an edit that names no existing weight (the
// network was rebuilt meanwhile) is dropped.
void applyEdit(Sequential& model, const WeightEdit& e)
{
    const std::vector<Dense*> dense = denseLayers(model);
    if (e.column < 1 || e.column > int(dense.size()))
        return;
    Dense& d = *dense[size_t(e.column - 1)];
    const int64_t in = d.kernel().value.dim(0), out = d.units();
    if (e.to < 0 || e.to >= out || e.from >= in)
        return;
    if (e.from < 0)
        d.bias().value[e.to] = e.value;
    else
        d.kernel().value[int64_t(e.from) * out + e.to] = e.value;
}

Dataset withFeatures(Dataset d, unsigned features)
{
    d.x = playgroundFeatures(d.x, features);
    return d;
}

} // namespace

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {}

quint64 TrainingWorker::startRun(const PlaygroundConfig& config, bool paused)
{
    epochsPerSecond_ = config.epochsPerSecond;
    const quint64 generation = control_.beginRun(paused);
    inbox_.post([this, generation, config] { run(generation, config); });
    return generation;
}

void TrainingWorker::pause() { control_.pause(); }

void TrainingWorker::resume() { control_.resume(); }

void TrainingWorker::step(int batches) { control_.step(batches); }

void TrainingWorker::stop() { control_.stop(); }

void TrainingWorker::setLearningRate(float lr)
{
    control_.withTrainer([this, lr](Trainer& trainer) {
        if (RunWriter* record = record_) { // the writer belongs to the training thread: post the event there
            const float from = trainer.learningRate();
            trainer.post([record, from, lr](Sequential&) {
                record->addEvent("learning_rate", { { "from", from }, { "to", lr } });
            });
        }
    });
    control_.setLearningRate(lr); // the trainer's, or kept for the run being prepared
}

void TrainingWorker::editWeight(const WeightEdit& edit)
{
    // Runs on the training thread between two batches, or at once while paused; the snapshot
    // after it lets the drawing show the new value without waiting for a step.
    control_.withTrainer([this, edit](Trainer& trainer) {
        trainer.post([this, edit](Sequential& model) {
            applyEdit(model, edit);
            if (snapshotNow_)
                snapshotNow_();
        });
    });
}

void TrainingWorker::setEpochsPerSecond(double epochsPerSecond) { epochsPerSecond_ = std::max(0.0, epochsPerSecond); }

void TrainingWorker::run(quint64 generation, const PlaygroundConfig& config)
{
    if (!control_.isWanted(generation))
        return; // superseded (reset again, or stopped) before it began

    try {
        const Dataset all = makePlaygroundDataset(config.dataset, 0, config.noise, config.dataSeed);
        const auto [trainPoints, testPoints] = splitDataset(all, config.testShare, config.dataSeed);
        const int64_t batch = std::max<int64_t>(1, std::min<int64_t>(config.batchSize, trainPoints.size()));
        const int64_t batchesPerEpoch = (trainPoints.size() + batch - 1) / batch;
        PlaygroundData data;
        data.generation = generation;
        data.regression = isRegression(config.dataset);
        data.batchesPerEpoch = batchesPerEpoch;
        appendPoints(trainPoints, data.trainPoints, data.trainLabels, data.trainTargets);
        appendPoints(testPoints, data.testPoints, data.testLabels, data.testTargets);
        emit dataReady(data);
        const Dataset train = withFeatures(trainPoints, config.features);
        const Dataset test = withFeatures(testPoints, config.features);

        // Trainer::run sets this too, but the first snapshot is computed before run() starts.
        // (The count is this thread's own; these nets are too small to gain from threads.)
        setThreadCount(1);
        Sequential model = makeModel(config);
        TrainConfig tc;
        tc.epochs = std::numeric_limits<int>::max(); // Playground trains until paused or reset
        tc.batchSize = config.batchSize;
        tc.seed = config.modelSeed;
        tc.threads = 1;
        tc.loss = LossKind::MeanSquaredError; // labels 0/1 mean targets -1/+1 with one output
        tc.optimizer.kind = config.optimizer;
        tc.optimizer.learningRate = config.learningRate;
        if (config.regularization == Regularization::L1)
            tc.optimizer.l1 = config.regularizationRate;
        else if (config.regularization == Regularization::L2)
            tc.optimizer.l2 = config.regularizationRate;
        Trainer trainer(model, train, nullptr, tc);
        trainer.setPauseOnDivergence(true);
        std::unique_ptr<RunWriter> record;
        try {
            record = startRecord(config, model, train, test);
        } catch (const std::exception& e) {
            emit runEnded(generation, tr("The run is not recorded: %1").arg(QString::fromStdString(e.what())));
        }

        const Tensor grid = playgroundFeatures(makeGrid(kGridSize), config.features);
        const Tensor neuronGrid = playgroundFeatures(makeGrid(kNeuronGridSize), config.features);
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

        if (record)
            recordTraining(trainer, model, *record);
        // Drops the record of a run that never finished an epoch: Reset is pressed often.
        const auto endRecord = [&](const TrainResult& result) {
            if (!record)
                return;
            const std::string path = record->path();
            const int epochs = result.epochsCompleted;
            const Evaluation ev = evaluate(model, test, tc.loss, 512, 0);
            record->finish(statusOf(result.reason), &model, runEvaluationJson(ev), result.message);
            record.reset();
            if (epochs == 0)
                std::remove(path.c_str());
        };

        trainer.onDiverged = [&](const std::string& message) {
            sendSnapshot(stepsDone);
            emit diverged(generation, tr("Training diverged: %1").arg(QString::fromStdString(message)));
        };

        sendSnapshot(0);
        record_ = record.get();
        struct ForgetRecord { // record_ refers to this frame; cleared after the trainer is detached
            std::atomic<RunWriter*>& r;
            ~ForgetRecord() { r = nullptr; }
        } forgetRecord { record_ };
        if (control_.attach(trainer, generation) != TrainerControl::Attach::Attached) {
            record_ = nullptr;
            if (record) {
                const std::string path = record->path();
                record->finish(RunStatus::Stopped, nullptr, nullptr);
                record.reset();
                std::remove(path.c_str());
            }
            return; // superseded or stopped while it was being prepared
        }
        TrainResult result;
        {
            const TrainerControl::Attachment attached { control_ };
            result = trainer.run();
        }
        record_ = nullptr;
        endRecord(result);
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
