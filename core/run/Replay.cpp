// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/Replay.h"

#include "train/PlaygroundRecipe.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

namespace ws {

namespace {

struct Replayer {
    RecordedTraining& session;
    ReplayPlan plan;
    size_t next = 0;      // the next event to replay
    int64_t batchesSeen = 0;

    // The events recorded at `step` before the next divergence, posted to run before the next batch.
    void postUpTo(int64_t step)
    {
        while (next < plan.events.size() && plan.events[next].step == step && plan.events[next].kind != "diverged")
            apply(plan.events[next++]);
    }

    void apply(const RunEvent& e)
    {
        nlohmann::json detail;
        try {
            detail = nlohmann::json::parse(e.detail);
        } catch (const nlohmann::json::exception&) {
            throw FormatError("the recorded event '" + e.kind + "' at step " + std::to_string(e.step) + " is not valid JSON");
        }
        if (e.kind == "learning_rate") {
            session.setLearningRate(detail.value("to", 0.0f));
        } else if (e.kind == "weight_edit") {
            const PlaygroundWeightEdit edit = PlaygroundWeightEdit::fromJson(detail);
            session.post([edit](Sequential& m) { applyPlaygroundEdit(m, edit); }, e.kind, detail);
        }
        // Other kinds record what happened without changing the training.
    }
};

} // namespace

ReplayPlan replayPlan(const std::string& path, bool whole)
{
    ReplayPlan plan;
    plan.events = readRunEvents(path);
    if (!whole)
        plan.batches = int64_t(readRunHistory(path, HistoryKind::Batch).size());
    for (const RunEvent& e : plan.events)
        if (e.kind == "diverged")
            plan.pauseOnDivergence = true;
    return plan;
}

std::shared_ptr<void> replay(RecordedTraining& session, const ReplayPlan& plan)
{
    auto r = std::make_shared<Replayer>(Replayer { session, plan });
    Trainer& trainer = session.trainer();
    if (plan.pauseOnDivergence)
        trainer.setPauseOnDivergence(true);
    r->postUpTo(0); // typed before the first batch
    auto batch = std::move(trainer.onBatch);
    trainer.onBatch = [r = r.get(), &trainer, batch = std::move(batch)](const BatchProgress& p) {
        if (batch)
            batch(p);
        ++r->batchesSeen;
        if (r->plan.batches > 0 && r->batchesSeen >= r->plan.batches) {
            trainer.stop();
            return;
        }
        r->postUpTo(p.step);
    };
    auto diverged = std::move(trainer.onDiverged);
    trainer.onDiverged = [r = r.get(), &trainer, diverged = std::move(diverged)](const std::string& message) {
        if (diverged)
            diverged(message);
        // The record went on after this divergence: the person's answer (a lower rate, say) was
        // recorded after the "diverged" event, at the same step.
        if (r->next < r->plan.events.size() && r->plan.events[r->next].kind == "diverged") {
            const int64_t step = r->plan.events[r->next++].step;
            r->postUpTo(step);
            trainer.resume();
        } else {
            trainer.stop();
        }
    };
    return r;
}

} // namespace ws
