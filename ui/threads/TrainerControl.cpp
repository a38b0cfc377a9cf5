// SPDX-License-Identifier: GPL-3.0-or-later
#include "threads/TrainerControl.h"

#include "run/RecordedTraining.h"
#include "train/Trainer.h"

#include <utility>

namespace ws::ui {

quint64 TrainerControl::beginRun(bool paused)
{
    std::lock_guard lock(mutex_);
    wantPaused_ = paused;
    pendingSteps_ = 0;
    pendingLearningRate_ = 0.0f; // the new run's config holds the rate chosen so far
    if (trainer_)
        trainer_->stop();
    return ++generation_;
}

void TrainerControl::pause()
{
    std::lock_guard lock(mutex_);
    wantPaused_ = true;
    if (Trainer* t = current())
        t->pause();
}

void TrainerControl::resume()
{
    std::lock_guard lock(mutex_);
    wantPaused_ = false;
    pendingSteps_ = 0;
    if (Trainer* t = current())
        t->resume();
}

void TrainerControl::step(int batches)
{
    std::lock_guard lock(mutex_);
    wantPaused_ = true;
    if (Trainer* t = current()) {
        t->pause();
        t->requestSteps(batches);
    } else {
        pendingSteps_ += batches;
    }
}

void TrainerControl::stop()
{
    std::lock_guard lock(mutex_);
    stopped_ = generation_;
    if (trainer_)
        trainer_->stop();
}

void TrainerControl::setLearningRate(float lr)
{
    std::lock_guard lock(mutex_);
    if (Trainer* t = current()) {
        if (session_)
            session_->setLearningRate(lr);
        else
            t->setLearningRate(lr);
    } else {
        pendingLearningRate_ = lr;
    }
}

void TrainerControl::withTrainer(const std::function<void(Trainer&)>& f)
{
    std::lock_guard lock(mutex_);
    if (Trainer* t = current())
        f(*t);
}

void TrainerControl::withSession(const std::function<void(RecordedTraining&)>& f)
{
    std::lock_guard lock(mutex_);
    if (current() && session_)
        f(*session_);
}

bool TrainerControl::isCurrent(quint64 generation) const
{
    std::lock_guard lock(mutex_);
    return generation == generation_;
}

bool TrainerControl::isWanted(quint64 generation) const
{
    std::lock_guard lock(mutex_);
    return generation == generation_ && stopped_ != generation;
}

TrainerControl::Attach TrainerControl::attach(Trainer& trainer, quint64 generation)
{
    return attach(trainer, nullptr, generation);
}

TrainerControl::Attach TrainerControl::attach(RecordedTraining& session, quint64 generation)
{
    return attach(session.trainer(), &session, generation);
}

TrainerControl::Attach TrainerControl::attach(Trainer& trainer, RecordedTraining* session, quint64 generation)
{
    std::lock_guard lock(mutex_);
    if (generation != generation_)
        return Attach::Superseded;
    if (stopped_ == generation)
        return Attach::Stopped;
    trainer_ = &trainer;
    session_ = session;
    attached_ = generation;
    if (wantPaused_)
        trainer.pause();
    if (pendingSteps_ > 0)
        trainer.requestSteps(std::exchange(pendingSteps_, 0));
    if (pendingLearningRate_ > 0.0f) {
        const float lr = std::exchange(pendingLearningRate_, 0.0f);
        if (session) // recorded at step 0: the record's config still holds the rate it began with
            session->setLearningRate(lr);
        else
            trainer.setLearningRate(lr);
    }
    return Attach::Attached;
}

void TrainerControl::detach()
{
    std::lock_guard lock(mutex_);
    trainer_ = nullptr;
    session_ = nullptr;
    attached_ = 0;
}

Trainer* TrainerControl::current() const
{
    return attached_ == generation_ ? trainer_ : nullptr;
}

} // namespace ws::ui
