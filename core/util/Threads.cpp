#include "util/Threads.h"

#include "tensor/Gemm.h"

#include <Eigen/Core>

#include <thread>

namespace ws {

void setThreadCount(int n)
{
    const int threads = n <= 0 ? hardwareThreads() : n;
    Eigen::setNbThreads(threads);
    setGemmThreads(threads);
}

int threadCount() { return Eigen::nbThreads(); }

int hardwareThreads()
{
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : int(n);
}

} // namespace ws
