#include "tensor/Gemm.h"

#include "tensor/GemmKernel.h"

#include <cstdlib>
#include <cstring>

namespace ws {

namespace avx2 {
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate);
void setThreads(int n);
} // namespace avx2

namespace {

bool useAvx2()
{
    static const bool use = [] {
        const char* force = std::getenv("WS_GEMM");
        if (force && std::strcmp(force, "baseline") == 0)
            return false;
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }();
    return use;
}

} // namespace

void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate)
{
    if (m == 0 || n == 0)
        return;
    if (k == 0) {
        if (!accumulate)
            std::memset(C, 0, size_t(m * n) * sizeof(float));
        return;
    }
    if (useAvx2())
        avx2::gemm(transA, transB, m, n, k, A, B, C, accumulate);
    else
        gemm_kernel::run(transA, transB, m, n, k, A, B, C, accumulate);
}

void setGemmThreads(int n)
{
    gemm_kernel::setThreads(n);
    avx2::setThreads(n);
}

const char* gemmVariant() { return useAvx2() ? "avx2+fma" : "baseline"; }

} // namespace ws
