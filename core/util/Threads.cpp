// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Threads.h"

#include <omp.h>

#include <atomic>
#include <thread>

namespace ws {

namespace {

std::atomic<int> gDefault { 0 }; // <= 0: all cores
thread_local int tCount = 0;     // 0: this thread set none

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
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : int(n);
}

} // namespace ws
