#include "util/Threads.h"

#include <Eigen/Core>

#include <thread>

namespace ws {

void setThreadCount(int n)
{
    Eigen::setNbThreads(n <= 0 ? hardwareThreads() : n);
}

int threadCount() { return Eigen::nbThreads(); }

int hardwareThreads()
{
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : int(n);
}

} // namespace ws
