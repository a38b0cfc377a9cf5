// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli train: builds an Experiment from a JSON config and/or options, trains with one
// progress line per epoch, prints the test metrics, records the run (run/RunRecord.h) and
// optionally saves the model.
#include "cli/Args.h"
#include "cli/Commands.h"
#include "cli/Report.h"
#include "cli/Training.h"

#include "data/Hdf5Dataset.h"
#include "data/Playground.h"
#include "nn/LayerFactory.h"
#include "run/DatasetFingerprint.h"
#include "run/RecordedTraining.h"
#include "run/Replay.h"
#include "run/RunStore.h"
#include "train/Experiment.h"
#include "train/Metrics.h"
#include "train/ModelSave.h"
#include "util/Error.h"
#include "util/Threads.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>

namespace ws::cli {

namespace {

const std::vector<OptionSpec>& trainOptions()
{
    static const std::vector<OptionSpec> specs = {
        { "config", "FILE", "experiment as JSON (docs/cli.md); options below override it" },
        { "dataset", "NAME|PATH", "fashion-mnist, " + enumNameList<PlaygroundKind>() + ", a .csv, HDF5 (.h5) or NumPy (.npz, .npy) file, or an IDX images file" },
        { "labels", "PATH|NAME", "labels: an IDX or .npy file, or the labels array in an HDF5/.npz file (default y, labels, label)" },
        { "features", "NAME", "the features array in an HDF5/.npz file (default x, X, images, data)" },
        { "label-column", "NAME|INDEX", "CSV column holding the label (default: the last)" },
        { "regression", "", "CSV, HDF5, NumPy: the labels are numeric targets" },
        { "samples", "N", "Playground: number of points (default 500, regression 1200)" },
        { "noise", "X", "Playground: noise 0 to 0.5 (Playground's slider / 100)" },
        { "test-split", "F", "share held out for testing where the dataset has no test split (default 0.2; Playground 0.5)" },
        { "train-limit", "N", "use only the first N training samples (quick runs, benchmarks)" },
        { "init-from", "FILE", "fine-tune the model in FILE (Weightscope, Keras, ONNX or a whole PyTorch nn.Sequential): its layers and weights replace --model; a bare state dict (.pt/.pth, safetensors, .npz) takes the layers of --model, its tensors in order" },
        { "model", "SPEC", "preset (mlp, cnn, tf-cnn, playground, auto) or layers, e.g. \"flatten dense(256) relu dense(10)\"" },
        { "epochs", "N", "passes over the training data (default 10)" },
        { "batch", "N", "mini-batch size (default 32)" },
        { "optimizer", "NAME", enumNameList<OptimizerKind>() + " (default adam)" },
        { "lr", "X", "learning rate (default 0.001)" },
        { "momentum", "X", "SGD momentum (default 0)" },
        { "nesterov", "", "SGD with Nesterov momentum" },
        { "weight-decay", "X", "decoupled weight decay (AdamW default 0.01)" },
        { "l1", "X", "L1 regularisation of kernels" },
        { "l2", "X", "L2 regularisation of kernels" },
        { "schedule", "NAME", enumNameList<ScheduleKind>() + " (default constant)" },
        { "step-epochs", "N", "step schedule: epochs between drops (default 10)" },
        { "gamma", "X", "step schedule: factor per drop (default 0.1)" },
        { "min-lr", "X", "cosine schedule: final learning rate (default 0)" },
        { "warmup", "N", "linear warm-up over N steps" },
        { "loss", "NAME", enumNameList<LossKind>() + " (default: from the model)" },
        { "validation-split", "F", "share of the training data held out for validation (default 0)" },
        { "normalize", "KIND", enumNameList<NormalizeKind>() + " (fitted on the training split)" },
        { "seed", "N", "one seed for data, initialisation, shuffling and dropout (default 0)" },
        { "threads", "N", "threads for matrix products (default: all cores)" },
        { "save", "FILE", "write the trained model (Weightscope HDF5, docs/file-formats.md)" },
        { "runs-dir", "DIR", "where the run record goes (default $XDG_DATA_HOME/weightscope/runs)" },
        { "no-record", "", "do not record this run" },
        { "name", "NAME", "the run's name (default <dataset>-<model>)" },
        { "tag", "TAGS", "comma-separated tags for the run" },
        { "notes", "TEXT", "a note kept with the run" },
        { "checkpoint-every", "N", "store the weights in the run record every N epochs" },
        { "print-config", "", "print the experiment as JSON and exit" },
        { "quiet", "", "no per-epoch lines" },
        { "help", "", "this help" },
    };
    return specs;
}

Experiment experimentFrom(const Args& a)
{
    Experiment e;
    if (const auto path = a.get("config")) {
        std::ifstream in(*path);
        if (!in)
            throw ConfigError(*path + ": cannot open the config file");
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(in);
        } catch (const nlohmann::json::exception& ex) {
            throw ConfigError(*path + ": not valid JSON: " + ex.what());
        }
        try {
            e = Experiment::fromJson(j);
        } catch (const ConfigError& ex) {
            throw ConfigError(*path + ": " + ex.what());
        }
    }
    if (auto v = a.get("dataset"))
        e.dataset.name = *v;
    if (auto v = a.get("labels"))
        e.dataset.labels = *v;
    if (auto v = a.get("features"))
        e.dataset.features = *v;
    if (auto v = a.get("init-from"))
        e.initFrom = *v;
    if (auto v = a.get("label-column"))
        e.dataset.labelColumn = *v;
    if (a.has("regression"))
        e.dataset.regression = true;
    e.dataset.samples = a.integer("samples", e.dataset.samples);
    e.dataset.noise = a.number("noise", e.dataset.noise);
    e.dataset.testFraction = a.number("test-split", e.dataset.testFraction);
    e.dataset.trainLimit = a.integer("train-limit", e.dataset.trainLimit);
    if (auto v = a.get("model"))
        e.model = *v;
    TrainConfig& t = e.train;
    t.epochs = int(a.integer("epochs", t.epochs));
    t.batchSize = a.integer("batch", t.batchSize);
    if (auto v = a.get("optimizer"))
        t.optimizer.kind = parseOptimizer(*v);
    t.optimizer.learningRate = float(a.number("lr", t.optimizer.learningRate));
    t.optimizer.momentum = float(a.number("momentum", t.optimizer.momentum));
    if (a.has("nesterov"))
        t.optimizer.nesterov = true;
    t.optimizer.weightDecay = float(a.number("weight-decay", t.optimizer.weightDecay));
    t.optimizer.l1 = float(a.number("l1", t.optimizer.l1));
    t.optimizer.l2 = float(a.number("l2", t.optimizer.l2));
    if (auto v = a.get("schedule"))
        t.schedule.kind = parseSchedule(*v);
    t.schedule.stepEpochs = int(a.integer("step-epochs", t.schedule.stepEpochs));
    t.schedule.gamma = float(a.number("gamma", t.schedule.gamma));
    t.schedule.minLr = float(a.number("min-lr", t.schedule.minLr));
    t.schedule.warmupSteps = a.integer("warmup", t.schedule.warmupSteps);
    if (auto v = a.get("loss"))
        e.loss = parseLoss(*v);
    e.validationSplit = a.number("validation-split", e.validationSplit);
    if (auto v = a.get("normalize"))
        e.normalize = parseNormalize(*v);
    if (a.has("seed")) { // one seed for everything; a config file may still set them apart
        t.seed = uint64_t(a.integer("seed", 0));
        e.dataset.seed = t.seed;
    }
    t.threads = int(a.integer("threads", t.threads));
    if (t.epochs < 0 || t.batchSize <= 0 || !(t.optimizer.learningRate > 0))
        throw ConfigError("epochs must not be negative, batch and lr must be positive");
    if (!(e.validationSplit >= 0 && e.validationSplit < 1))
        throw ConfigError("--validation-split must be at least 0 and below 1");
    return e;
}

std::atomic<Trainer*> g_trainer = nullptr;

extern "C" void onInterrupt(int)
{
    if (Trainer* t = g_trainer.load())
        t->stop(); // atomics and a notify: fine from a signal handler in practice
}

void printEpoch(std::ostream& out, const EpochProgress& p, int epochs, bool classification)
{
    out << std::fixed << "epoch " << std::setw(3) << p.epoch + 1 << "/" << epochs << "  loss " << std::setprecision(4)
        << p.trainLoss;
    if (classification)
        out << "  acc " << p.trainAccuracy;
    if (p.hasValidation) {
        out << "  val_loss " << p.validationLoss;
        if (classification)
            out << "  val_acc " << p.validationAccuracy;
    }
    out << "  " << std::setprecision(0) << p.samplesPerSecond << " samples/s  elapsed " << std::setprecision(1)
        << p.elapsed << " s" << std::endl;
}

} // namespace

std::string trainHelp()
{
    return "usage: weightscope-cli train [options]\n\n"
           "Trains a model and prints one line per epoch and the final test metrics.\n\n"
        + Args::help(trainOptions()) + "\nLayer types for --model:\n" + layerSpecHelp();
}

std::vector<OptionSpec> recordOptionSpecs()
{
    std::vector<OptionSpec> out;
    for (const auto& o : trainOptions())
        if (o.name == "runs-dir" || o.name == "no-record" || o.name == "name" || o.name == "tag" || o.name == "notes"
            || o.name == "checkpoint-every" || o.name == "quiet" || o.name == "save")
            out.push_back(o);
    return out;
}

RecordOptions recordOptionsFrom(const Args& a)
{
    RecordOptions r;
    r.record = !a.has("no-record");
    r.runsDir = a.get("runs-dir").value_or("");
    r.name = a.get("name").value_or("");
    r.notes = a.get("notes").value_or("");
    if (const auto tags = a.get("tag")) {
        std::string t;
        for (char c : *tags + ",") {
            if (c != ',') {
                t += c;
            } else if (!t.empty()) {
                r.tags.push_back(t);
                t.clear();
            }
        }
    }
    r.checkpointEvery = int(a.integer("checkpoint-every", 0));
    if (r.checkpointEvery < 0)
        throw ConfigError("--checkpoint-every must not be negative");
    return r;
}

int trainCommand(const std::vector<std::string>& argv)
{
    const Args a(trainOptions(), argv);
    if (a.has("help")) {
        std::cout << trainHelp();
        return 0;
    }
    if (!a.positional().empty())
        throw ConfigError("train takes no positional arguments, got '" + a.positional().front() + "'");
    Experiment e = experimentFrom(a);
    if (a.has("print-config")) {
        std::cout << e.toJson().dump(2) << "\n";
        return 0;
    }
    return trainExperiment(std::move(e), a.has("quiet"), recordOptionsFrom(a), a.get("save"));
}

namespace {

// A run must be re-runnable from another folder: files named relative to here become absolute.
void makeDatasetPathsAbsolute(DatasetSource& d)
{
    std::error_code ec;
    const bool labelsInFile = isHdf5Path(d.name) || std::filesystem::path(d.name).extension() == ".npz";
    for (std::string* p : { &d.name, &d.labels })
        if (!p->empty() && !(p == &d.labels && labelsInFile) && std::filesystem::is_regular_file(*p, ec))
            *p = std::filesystem::absolute(*p, ec).string();
}


} // namespace

int trainExperiment(Experiment e, bool quiet, const RecordOptions& record, const std::optional<std::string>& savePath)
{
    setThreadCount(e.train.threads);
    e.train.threads = threadCount(); // recorded as the count used, so a re-run elsewhere uses the same
    makeDatasetPathsAbsolute(e.dataset);
    if (std::error_code ec; !e.initFrom.empty() && std::filesystem::exists(e.initFrom, ec))
        e.initFrom = std::filesystem::absolute(e.initFrom, ec).string();

    LoadedData data = loadDatasetSource(e.dataset);
    std::string datasetSha;
    if (record.record || !record.expectedDatasetSha256.empty() || savePath)
        datasetSha = datasetSha256(data.train, data.test);
    if (!record.expectedDatasetSha256.empty() && datasetSha != record.expectedDatasetSha256)
        std::cerr << "weightscope-cli: warning: the dataset differs from the recorded one (SHA-256 " << datasetSha
                  << ", recorded " << record.expectedDatasetSha256 << "); the results will not match\n";
    const int64_t trainSamples = data.train.size(), testSamples = data.test.size();
    PreparedRun run = prepareRun(e, std::move(data.train), std::move(data.test));
    Sequential& model = run.model;
    const Dataset& train = run.train;
    const Dataset& validation = run.validation;
    e.train.loss = run.config.loss;
    e.loss = e.train.loss;
    std::cout << data.description << "\n";
    printWeightAssignments(std::cout, e.initFrom, run.weightAssignments);
    std::cout << "model: " << model.paramCount() << " parameters, loss " << lossName(e.train.loss) << ", optimizer "
              << optimizerName(e.train.optimizer.kind) << " lr " << e.train.optimizer.learningRate << ", batch "
              << e.train.batchSize << ", threads " << threadCount() << "\n";
    if (!quiet) {
        // Columns as wide as the longest name; a join (the Add of a res() block) names what it reads.
        const std::vector<LayerSummary> rows = model.summary();
        std::vector<std::string> types;
        size_t nameWidth = 16, typeWidth = 22;
        for (const LayerSummary& row : rows) {
            std::string type = row.type;
            for (size_t k = 0; row.inputs.size() > 1 && k < row.inputs.size(); ++k)
                type += (k ? ", " : " <- ") + row.inputs[k];
            nameWidth = std::max(nameWidth, row.name.size() + 2);
            typeWidth = std::max(typeWidth, type.size() + 2);
            types.push_back(std::move(type));
        }
        for (size_t i = 0; i < rows.size(); ++i)
            std::cout << "  " << std::left << std::setw(int(nameWidth)) << rows[i].name << std::setw(int(typeWidth))
                      << types[i] << std::setw(18) << shapeToString(rows[i].outputShape) << std::right << std::setw(10)
                      << rows[i].params << "\n";
    }

    // The session builds the Trainer before the record (it checks that model and data fit),
    // so a run that cannot start leaves no file.
    RunHeader header;
    RecordingOptions recording;
    if (record.record) {
        header = makeRunHeader(record.name.empty() ? defaultRunName(e) : record.name, e, model, data.description,
            datasetSha, trainSamples, testSamples);
        header.tags = record.tags;
        header.notes = record.notes;
        recording.runsDir = record.runsDir.empty() ? defaultRunsDir() : record.runsDir;
        for (int k = record.checkpointEvery; k > 0 && k <= e.train.epochs; k += record.checkpointEvery)
            recording.checkpointEpochs.push_back(k);
    }
    RecordedTraining session(model, train, &validation, run.test, e.train, header, recording);
    if (record.record)
        std::cout << "recording to " << session.recordPath() << "\n";
    Trainer& trainer = session.trainer();
    trainer.onEpoch = [&](const EpochProgress& p) {
        if (!quiet)
            printEpoch(std::cout, p, e.train.epochs, train.isClassification());
    };
    std::shared_ptr<void> replaying;
    if (record.replay)
        replaying = replay(session, *record.replay);

    g_trainer = &trainer;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const SessionOutcome outcome = session.run();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_trainer = nullptr;
    const TrainResult& result = outcome.result;
    if (record.record && outcome.recordPath.empty())
        std::cout << "no epoch completed: the run is not recorded\n";
    if (result.reason == StopReason::Diverged) {
        if (!outcome.recordPath.empty())
            std::cout << "run recorded: " << outcome.recordPath << "\n";
        std::cerr << "weightscope-cli: training diverged: " << result.message << "\n";
        return 1;
    }
    if (result.reason == StopReason::Stopped)
        std::cout << "stopped after " << result.steps << " steps\n";
    const Evaluation ev = outcome.evaluated ? outcome.evaluation : evaluateForRecord(model, run.test, e.train.loss);
    printEvaluation(std::cout, ev, run.test);
    if (!outcome.recordPath.empty())
        std::cout << "run recorded: " << outcome.recordPath << "\n";

    if (const auto& path = savePath) {
        nlohmann::json meta = { { "experiment", e.toJson() }, { "normalizer", run.normalizer.toJson() },
            { "dataset", data.description }, { "dataset_sha256", datasetSha },
            { "epochs_completed", result.epochsCompleted },
            { "test", { { "loss", ev.loss }, { "accuracy", ev.accuracy } } } };
        meta["experiment"]["train"]["loss"] = lossName(e.train.loss);
        saveModel(*path, model, meta, &trainer.optimizer());
        std::cout << "saved " << *path << "\n";
    }
    return 0;
}

} // namespace ws::cli
