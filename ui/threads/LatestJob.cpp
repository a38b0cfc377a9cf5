// SPDX-License-Identifier: GPL-3.0-or-later
#include "threads/LatestJob.h"

namespace ws::ui {

LatestJob::LatestJob() : thread_([this] { loop(); }) { }

LatestJob::~LatestJob()
{
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        latest_ = 0; // the job in flight stops at its next check
        next_ = nullptr;
    }
    wake_.notify_one();
    thread_.join();
}

uint64_t LatestJob::submit(Job job)
{
    uint64_t generation;
    Job replaced; // destroyed outside the lock
    {
        std::lock_guard lock(mutex_);
        generation = ++submitted_;
        replaced = std::move(next_);
        next_ = std::move(job);
        nextGeneration_ = generation;
        latest_ = generation;
        busy_ = true;
    }
    wake_.notify_one();
    return generation;
}

void LatestJob::loop()
{
    for (;;) {
        Job job;
        uint64_t generation = 0;
        {
            std::unique_lock lock(mutex_);
            if (!next_)
                busy_ = false;
            wake_.wait(lock, [this] { return stop_ || next_; });
            if (stop_)
                return;
            job = std::move(next_);
            next_ = nullptr;
            generation = nextGeneration_;
        }
        job(generation);
    }
}

} // namespace ws::ui
