// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/AnalysisWorker.h"

#include "nn/ModelCopy.h"
#include "util/Error.h"

namespace ws::ui {

namespace {

// How the model's output reads as probabilities: the same rule as core/train/Metrics (one
// output is a binary logit; several are logits unless the model ends in Softmax).
LossKind outputReading(const Sequential& model, const Dataset* test)
{
    if (!test || !test->isClassification())
        return LossKind::MeanSquaredError;
    return model.outputShape().back() == 1 ? LossKind::BinaryCrossEntropy : LossKind::SoftmaxCrossEntropy;
}

} // namespace

ModelSnapshot makeSnapshot(Sequential& model, std::shared_ptr<const Dataset> test, LossKind loss, quint64 generation,
    int epoch, bool epochEnd, qint64 step)
{
    ModelSnapshot s;
    s.generation = generation;
    s.epoch = epoch;
    s.epochEnd = epochEnd;
    s.step = step;
    s.model = std::make_shared<Sequential>(copyModel(model));
    s.test = std::move(test);
    s.loss = loss;
    if (s.test && s.test->isClassification())
        for (int c = 0; c < s.test->numClasses; ++c)
            s.classNames.append(size_t(c) < s.test->classNames.size() ? QString::fromStdString(s.test->classNames[size_t(c)])
                                                                       : QString::number(c));
    return s;
}

TestEvaluation evaluateOnTest(Sequential& model, const Dataset& test, LossKind loss, const std::function<bool()>& cancelled)
{
    TestEvaluation out;
    std::vector<int32_t> predicted;
    out.metrics = evaluate(model, test, loss, 256, 0, test.isClassification() ? &predicted : nullptr, cancelled);
    if (test.isClassification() && !out.metrics.cancelled)
        out.confusion = std::make_shared<ConfusionCells>(confusionCells(test.labels, predicted, test.numClasses));
    return out;
}

AnalysisWorker::AnalysisWorker(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<ws::ui::ActivationsResult>();
    qRegisterMetaType<ws::ui::AblationResult>();
    qRegisterMetaType<ws::ui::ModelSnapshot>();
}

void AnalysisWorker::setSnapshot(const ModelSnapshot& snapshot)
{
    generation_ = snapshot.generation; // evaluations of an earlier run stop at their next batch
    inbox_.post([this, snapshot] {
        if (snapshot_.test != snapshot.test && snapshot.test)
            range_ = inputRange(*snapshot.test);
        snapshot_ = snapshot;
        if (snapshot.epochEnd)
            evaluateEpoch();
    });
}

void AnalysisWorker::evaluateEpoch()
{
    if (!snapshot_.test || !snapshot_.test->isClassification() || snapshot_.test->size() == 0)
        return;
    if (!snapshot_.confusion) { // else it came evaluated (the final model of a run)
        const quint64 generation = snapshot_.generation;
        try {
            const TestEvaluation ev = evaluateOnTest(*snapshot_.model, *snapshot_.test, snapshot_.loss,
                [this, generation] { return closing_ || generation != generation_; });
            if (ev.metrics.cancelled)
                return;
            snapshot_.confusion = ev.confusion;
            snapshot_.testLoss = ev.metrics.loss;
        } catch (const std::exception&) {
            return; // a model that does not fit its test set: the activations view says why
        }
    }
    emit epochEvaluated(snapshot_);
}

void AnalysisWorker::requestActivations(quint64 request, qint64 sampleIndex, const std::vector<float>& drawing, const UnitMask& mask)
{
    latestActivations_ = request;
    inbox_.post([=, this] {
        if (request == latestActivations_ && !closing_)
            activations(request, sampleIndex, drawing, mask);
    });
}

void AnalysisWorker::requestAblation(quint64 request, const UnitMask& mask)
{
    latestAblation_ = request;
    inbox_.post([=, this] {
        if (request == latestAblation_ && !closing_)
            ablation(request, mask);
    });
}

void AnalysisWorker::activations(quint64 request, qint64 sampleIndex, const std::vector<float>& drawing, const UnitMask& mask)
{
    ActivationsResult out;
    out.request = request;
    out.sampleIndex = sampleIndex;
    out.mask = mask;
    try {
        if (!snapshot_.model)
            throw Error(tr("No model yet: train for an epoch, or pause and refresh.").toStdString());
        Sequential& model = *snapshot_.model;
        const Dataset* test = snapshot_.test.get();
        Tensor x;
        if (sampleIndex >= 0) {
            if (!test)
                throw Error(tr("There is no test set to take samples from.").toStdString());
            x = sampleBatch(*test, sampleIndex);
            if (test->isClassification())
                out.trueClass = test->labels[size_t(sampleIndex)];
        } else {
            Shape shape { 1 };
            shape.insert(shape.end(), model.inputShape().begin(), model.inputShape().end());
            x = Tensor(shape);
            if (int64_t(drawing.size()) != x.size())
                throw Error(tr("The drawing does not fit the model's input.").toStdString());
            for (int64_t k = 0; k < x.size(); ++k)
                x.data()[k] = range_.first + drawing[size_t(k)] * (range_.second - range_.first);
        }
        out.activations = sampleActivations(model, x, mask, outputReading(model, test));
    } catch (const std::exception& e) {
        out.error = QString::fromStdString(e.what());
    }
    emit activationsReady(out);
}

void AnalysisWorker::ablation(quint64 request, const UnitMask& mask)
{
    AblationResult out;
    out.request = request;
    out.mask = mask;
    try {
        if (!snapshot_.model || !snapshot_.test || !snapshot_.test->isClassification())
            throw Error(tr("Ablation needs a trained classifier and its test set.").toStdString());
        const Dataset& test = *snapshot_.test;
        // A newer request (another unit clicked), a new run or closing makes this evaluation pointless.
        const auto cancelled = [this, request, generation = snapshot_.generation] {
            return closing_ || request != latestAblation_ || generation != generation_;
        };
        if (!snapshot_.confusion) { // one taken while paused comes unevaluated
            const TestEvaluation ev = evaluateOnTest(*snapshot_.model, test, snapshot_.loss, cancelled);
            if (ev.metrics.cancelled)
                return;
            snapshot_.confusion = ev.confusion;
            snapshot_.testLoss = ev.metrics.loss;
        }
        out.baseline = snapshot_.confusion;
        if (mask.empty()) {
            out.confusion = snapshot_.confusion;
        } else {
            const std::vector<int32_t> predicted = predictDataset(*snapshot_.model, test, mask, 256, cancelled);
            if (cancelled())
                return; // the newer request answers
            out.confusion = std::make_shared<ConfusionCells>(confusionCells(test.labels, predicted, test.numClasses));
        }
    } catch (const std::exception& e) {
        out.error = QString::fromStdString(e.what());
    }
    emit ablationReady(out);
}

} // namespace ws::ui
