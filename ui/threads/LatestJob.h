// SPDX-License-Identifier: GPL-3.0-or-later
// A thread of its own for work where only the newest request matters: the Compare view's curves
// for the latest selection and settings, the histogram views' numbers for the latest tag (#19).
// submit() replaces a job that has not started yet (it never runs) and tells the one running
// that it is no longer wanted: a job polls wanted(generation) between its pieces and returns
// early, so a fast slider drag costs one job, not one per position. A job never touches its
// owner: it computes from what it was given and posts its answer through the owner's HandOff
// poster, and the owner drops an answer whose generation is no longer its latest (a job that
// had finished just before the next submit).
//
// Lifetime: the destructor marks every job unwanted and joins the thread, so what a job reads
// must be its own (captured by value or shared_ptr), never the owner's members. The owner's
// HandOff, declared after this, is destroyed first: what the last job posts is dropped.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace ws::ui {

class LatestJob {
public:
    using Job = std::function<void(uint64_t generation)>;

    LatestJob();
    ~LatestJob();
    LatestJob(const LatestJob&) = delete;
    LatestJob& operator=(const LatestJob&) = delete;

    // Any thread: job(generation) runs on the worker thread unless a newer job is submitted
    // before it starts. Returns its generation (1, 2, ...).
    uint64_t submit(Job job);
    // Any thread: true while generation is the newest submitted and this is not being destroyed.
    bool wanted(uint64_t generation) const { return latest_.load() == generation; }
    // Any thread: no job waiting and none running (what the last one posted is on its way).
    bool idle() const { return !busy_.load(); }

private:
    void loop();

    std::mutex mutex_;
    std::condition_variable wake_;
    Job next_;              // guarded by mutex_; empty when there is none
    uint64_t nextGeneration_ = 0; // guarded by mutex_
    bool stop_ = false;     // guarded by mutex_
    std::atomic<uint64_t> latest_ { 0 };
    std::atomic<bool> busy_ { false }; // set with next_, cleared when the loop finds none
    uint64_t submitted_ = 0; // guarded by mutex_
    std::thread thread_;    // last: started once everything above is ready
};

} // namespace ws::ui
