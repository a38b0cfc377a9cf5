// SPDX-License-Identifier: GPL-3.0-or-later
// Exceptions cannot leave an OpenMP region (the program would terminate). A parallel loop runs
// each iteration's body through capture(); the first exception thrown is kept, later iterations
// may skip their work once failed() is true, and rethrow() throws it after the region.
#pragma once

#include <atomic>
#include <exception>
#include <mutex>
#include <utility>

namespace ws {

class FirstError {
public:
    template <class F> void capture(F&& body) noexcept
    {
        try {
            std::forward<F>(body)();
        } catch (...) {
            std::lock_guard lock(mutex_);
            if (!error_)
                error_ = std::current_exception();
            failed_.store(true, std::memory_order_relaxed);
        }
    }
    bool failed() const { return failed_.load(std::memory_order_relaxed); }
    // After the region: throws the first exception caught, if any.
    void rethrow() const
    {
        if (error_)
            std::rethrow_exception(error_);
    }

private:
    std::mutex mutex_;
    std::exception_ptr error_; // guarded by mutex_ inside the region
    std::atomic<bool> failed_ { false };
};

} // namespace ws
