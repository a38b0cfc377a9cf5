// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Threads.h"

#include <omp.h>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#endif

#include <atomic>
#include <thread>

namespace ws {

namespace {

std::atomic<int> gDefault { 0 }; // <= 0: all cores
thread_local int tCount = 0;     // 0: this thread set none
thread_local bool tYielded = false;

int resolve(int n) { return n <= 0 ? hardwareThreads() : n; }

} // namespace

void setThreadCount(int n)
{
    tCount = resolve(n);
    omp_set_num_threads(tCount); // per thread in libgomp: what Eigen's products follow
}

int threadCount() { return tCount > 0 ? tCount : resolve(gDefault.load(std::memory_order_relaxed)); }

void setDefaultThreadCount(int n) { gDefault.store(n, std::memory_order_relaxed); }

int hardwareThreads()
{
    // Read once: glibc's hardware_concurrency opens and parses /sys/devices/system/cpu/online
    // on every call, and threadCount() on a thread that set no count of its own (an OpenMP worker
    // calling gemm inside Winograd's or Conv2D's parallel regions) asked it for every product.
    // In a two-thread F(4x4) forward of 28x28x32 -> 32 that system call cost as much as the
    // second thread saved.
    static const int n = [] {
        const unsigned count = std::thread::hardware_concurrency();
        return count == 0 ? 1 : int(count);
    }();
    return n;
}

int yieldToForegroundThreads(int steps)
{
#if defined(__linux__)
    // setpriority(PRIO_PROCESS, tid) acts on one thread on Linux (nice is a per-task value); a
    // thread that is not root cannot lower it again, hence once per thread.
    const auto tid = id_t(::syscall(SYS_gettid));
    errno = 0;
    const int now = ::getpriority(PRIO_PROCESS, tid);
    if (errno != 0)
        return 0;
    if (!tYielded && steps > 0) {
        tYielded = true;
        const int wanted = std::min(19, now + steps);
        if (::setpriority(PRIO_PROCESS, tid, wanted) == 0)
            return wanted;
    }
    return now;
#else
    (void)steps;
    tYielded = true;
    return 0;
#endif
}

} // namespace ws
