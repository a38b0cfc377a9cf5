// The number of threads the engine's matrix products use (Eigen over OpenMP).
#pragma once

namespace ws {

// n <= 0 means all cores. Applies to the whole process.
void setThreadCount(int n);
int threadCount();
int hardwareThreads();

} // namespace ws
