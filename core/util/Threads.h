// SPDX-License-Identifier: GPL-3.0-or-later
// The number of threads the engine's numerics use: the GEMM, convolutions, statistics, and
// Eigen's products over OpenMP.
//
// The count belongs to the calling thread, so two trainings on two threads (the Playground's and
// the Training tab's) each keep their own. It was process-wide (Eigen::setNbThreads) until
// ThreadSanitizer found the two training threads writing it at once, the Playground's 1 then
// slowing the other run down.
#pragma once

namespace ws {

// The calling thread's count; n <= 0 means all cores. Sets OpenMP's count for this thread too.
void setThreadCount(int n);
// The calling thread's count: what it set, else the process default.
int threadCount();
// For threads that set no count of their own (the GUI's preference); n <= 0 means all cores.
void setDefaultThreadCount(int n);
int hardwareThreads();

} // namespace ws
