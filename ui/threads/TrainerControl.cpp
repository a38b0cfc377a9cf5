#include "threads/TrainerControl.h"

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
    if (Trainer* t = current())
        t->setLearningRate(lr);
    else
        pendingLearningRate_ = lr;
}

void TrainerControl::withTrainer(const std::function<void(Trainer&)>& f)
{
    std::lock_guard lock(mutex_);
    if (Trainer* t = current())
        f(*t);
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
    std::lock_guard lock(mutex_);
    if (generation != generation_)
        return Attach::Superseded;
    if (stopped_ == generation)
        return Attach::Stopped;
    trainer_ = &trainer;
    attached_ = generation;
    if (wantPaused_)
        trainer.pause();
    if (pendingSteps_ > 0)
        trainer.requestSteps(std::exchange(pendingSteps_, 0));
    if (pendingLearningRate_ > 0.0f)
        trainer.setLearningRate(std::exchange(pendingLearningRate_, 0.0f));
    return Attach::Attached;
}

void TrainerControl::detach()
{
    std::lock_guard lock(mutex_);
    trainer_ = nullptr;
    attached_ = 0;
}

Trainer* TrainerControl::current() const
{
    return attached_ == generation_ ? trainer_ : nullptr;
}

} // namespace ws::ui
