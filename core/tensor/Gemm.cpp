// SPDX-License-Identifier: GPL-3.0-or-later
#include "tensor/Gemm.h"

#include "tensor/GemmKernel.h"
#include "util/Threads.h"

#include <omp.h>

#include <cstdlib>
#include <cstring>

namespace ws {

namespace avx2 {
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate, int threads);
} // namespace avx2

namespace avx512 {
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate, int threads);
} // namespace avx512

namespace {

enum class Variant { Baseline, Avx2, Avx512 };

// The best variant the CPU (and the OS, which must save the wider registers: libgcc's
// __builtin_cpu_supports checks XCR0) supports. WS_GEMM=baseline or WS_GEMM=avx2 caps it.
Variant variant()
{
    static const Variant chosen = [] {
        const char* force = std::getenv("WS_GEMM");
        if (force && std::strcmp(force, "baseline") == 0)
            return Variant::Baseline;
        __builtin_cpu_init();
        if (!(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")))
            return Variant::Baseline;
        if (force && std::strcmp(force, "avx2") == 0)
            return Variant::Avx2;
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
            && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw"))
            return Variant::Avx512;
        return Variant::Avx2;
    }();
    return chosen;
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
    switch (variant()) {
    case Variant::Avx512:
        avx512::gemm(transA, transB, m, n, k, A, B, C, accumulate, threadCount());
        break;
    case Variant::Avx2:
        avx2::gemm(transA, transB, m, n, k, A, B, C, accumulate, threadCount());
        break;
    case Variant::Baseline:
        // Eigen's product follows OpenMP's count for this thread; a thread that set none gets
        // the default here (not inside a parallel region, where products stay on one thread).
        if (!omp_in_parallel() && omp_get_max_threads() != threadCount())
            setThreadCount(threadCount());
        gemm_kernel::run(transA, transB, m, n, k, A, B, C, accumulate);
        break;
    }
}

const char* gemmVariant()
{
    switch (variant()) {
    case Variant::Avx512:
        return "avx512";
    case Variant::Avx2:
        return "avx2+fma";
    case Variant::Baseline:
        break;
    }
    return "baseline";
}

} // namespace ws
