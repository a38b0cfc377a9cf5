// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/RecordedTraining.h"

#include "run/RunStore.h"

#include <cstdio>

namespace ws {

RecordedTraining::RecordedTraining(Sequential& model, const Dataset& train, const Dataset* validation,
    const Dataset& test, const TrainConfig& config, const RunHeader& header, const RecordingOptions& options)
    : model_(model)
    , test_(test)
    , config_(config)
    , trainer_(model, train, validation && validation->size() ? validation : nullptr, config)
{
    if (options.runsDir.empty())
        return;
    removeAbandonedRuns(options.runsDir);
    record_ = std::make_unique<RunWriter>(newRunPath(options.runsDir, header.name), header, true);
    record_->setMinimumFlushInterval(options.minimumFlushInterval);
    checkpoints_ = options.checkpointEpochs;
}

RecordedTraining::~RecordedTraining()
{
    if (!ran_)
        dropRecord();
}

const std::string& RecordedTraining::recordPath() const
{
    static const std::string none;
    return record_ ? record_->path() : none;
}

void RecordedTraining::dropRecord()
{
    if (!record_)
        return;
    record_->finish(RunStatus::Stopped, nullptr, nullptr);
    const std::string path = record_->filePath(); // still "<path>.part" unless an epoch was written
    record_.reset();
    std::remove(path.c_str());
}

void RecordedTraining::setLearningRate(float lr)
{
    // Applied and recorded in the same pause between batches: the next batch is the first at
    // the new rate, and the event names the step before it.
    trainer_.post([this, lr](Sequential&) {
        const float from = trainer_.learningRate();
        trainer_.setLearningRate(lr);
        if (record_)
            record_->addEvent("learning_rate", { { "from", from }, { "to", lr } });
    });
}

void RecordedTraining::post(std::function<void(Sequential&)> edit, const std::string& eventKind, const nlohmann::json& detail)
{
    trainer_.post([this, edit = std::move(edit), eventKind, detail](Sequential& model) {
        edit(model);
        if (record_ && !eventKind.empty())
            record_->addEvent(eventKind, detail);
    });
}

SessionOutcome RecordedTraining::run()
{
    ran_ = true;
    if (record_) {
        recordTraining(trainer_, model_, *record_, checkpoints_);
        // A divergence the run goes on from is an event, so that a re-run knows which of the
        // person's changes came after it (run/Replay.h).
        auto diverged = std::move(trainer_.onDiverged);
        trainer_.onDiverged = [this, diverged = std::move(diverged)](const std::string& message) {
            record_->addEvent("diverged", { { "message", message } });
            if (diverged)
                diverged(message);
        };
    }
    SessionOutcome out;
    out.result = trainer_.run();
    const TrainResult& r = out.result;

    if (r.epochsCompleted == 0) {
        dropRecord();
        return out;
    }
    if (r.reason != StopReason::Diverged && test_.size() > 0) {
        out.evaluation = evaluateForRecord(model_, test_, config_.loss, test_.isClassification() ? &out.predicted : nullptr);
        out.evaluated = true;
    }
    if (record_) {
        const std::string message = r.reason == StopReason::Stopped ? "stopped after " + std::to_string(r.steps) + " steps"
                                                                    : r.message;
        record_->finish(statusOf(r.reason), &model_, out.evaluated ? runEvaluationJson(out.evaluation) : nlohmann::json(nullptr),
            message);
        out.recordPath = record_->path();
        record_.reset();
    }
    return out;
}

Evaluation evaluateForRecord(Sequential& model, const Dataset& test, LossKind loss, std::vector<int32_t>* predicted)
{
    return evaluate(model, test, loss, 512, 5, predicted);
}

} // namespace ws
