// SPDX-License-Identifier: GPL-3.0-or-later
#include "tensor/Gemm.h"

#include "tensor/GemmKernel.h"
#include "util/Threads.h"

#include <omp.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace ws {

namespace avx2 {
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate, int threads, const float* bias);
size_t packB(bool transA, bool transB, int64_t k, int64_t n, const float* B, float* dst);
void gemmPacked(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* packed,
    float* C, bool accumulate, int threads);
} // namespace avx2

namespace avx512 {
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate, int threads, const float* bias);
size_t packB(bool transA, bool transB, int64_t k, int64_t n, const float* B, float* dst);
void gemmPacked(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* packed,
    float* C, bool accumulate, int threads);
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
    bool accumulate, const float* bias)
{
    if (m == 0 || n == 0)
        return;
    // The baseline's bias pass (and the empty product's); the vector variants add it in their own
    // translation units, on each thread's part (GemmPacked.h's addBias), not sharing inline code.
    const auto addBias = [&] {
        if (bias)
            for (int64_t i = 0; i < m; ++i)
                for (int64_t j = 0; j < n; ++j)
                    C[i * n + j] += bias[j];
    };
    if (k == 0) {
        if (!accumulate)
            std::memset(C, 0, size_t(m * n) * sizeof(float));
        addBias();
        return;
    }
    switch (variant()) {
    case Variant::Avx512:
        avx512::gemm(transA, transB, m, n, k, A, B, C, accumulate, threadCount(), bias);
        break;
    case Variant::Avx2:
        avx2::gemm(transA, transB, m, n, k, A, B, C, accumulate, threadCount(), bias);
        break;
    case Variant::Baseline:
        // Eigen's product follows OpenMP's count for this thread; a thread that set none gets
        // the default here (not inside a parallel region, where products stay on one thread).
        if (!omp_in_parallel() && omp_get_max_threads() != threadCount())
            setThreadCount(threadCount());
        gemm_kernel::run(transA, transB, m, n, k, A, B, C, accumulate);
        addBias();
        break;
    }
}

void GemmPackedB::pack(bool transA, bool transB, int64_t k, int64_t n, const float* B, bool copy)
{
    source_ = B;
    transA_ = transA;
    transB_ = transB;
    k_ = k;
    n_ = n;
    copied_ = copy && variant() != Variant::Baseline;
    if (!copied_)
        return;
    auto packWith = [&](auto packB) {
        const size_t size = packB(transA, transB, k, n, B, nullptr);
        if (data_.size() < size)
            data_.resize(size);
        packB(transA, transB, k, n, B, data_.data());
    };
    switch (variant()) {
    case Variant::Avx512:
        packWith(avx512::packB);
        break;
    case Variant::Avx2:
        packWith(avx2::packB);
        break;
    case Variant::Baseline:
        break;
    }
}

void gemm(bool transA, int64_t m, const float* A, const GemmPackedB& B, float* C, bool accumulate)
{
    if (transA != B.transA_)
        throw std::logic_error("gemm: op(B) was packed for products with another transA");
    const int64_t n = B.n_, k = B.k_;
    if (m == 0 || n == 0 || k == 0 || !B.copied_) {
        gemm(transA, B.transB_, m, n, k, A, B.source_, C, accumulate);
        return;
    }
    if (variant() == Variant::Avx512)
        avx512::gemmPacked(transA, B.transB_, m, n, k, A, B.data_.data(), C, accumulate, threadCount());
    else
        avx2::gemmPacked(transA, B.transB_, m, n, k, A, B.data_.data(), C, accumulate, threadCount());
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
