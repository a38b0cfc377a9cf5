// SPDX-License-Identifier: GPL-3.0-or-later
// ws::gemm for CPUs with AVX2 and FMA; built with -mavx2 -mfma (core/CMakeLists.txt). The blocked
// product of GemmPacked.h with 8 floats per register and a 6 x 16 block of C in 12 of the 16
// registers: per step of k, 2 loads of B and 6 broadcasts of A feed 12 fused multiply-adds.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

namespace ws::gemm_packed {
namespace {

struct Simd {
    using V = __m256;
    static constexpr int W = 8;
    static constexpr int MR = 6, NV = 2;
    // B panel (KC, 16) = 16 KiB of L1; A block (MC, KC) = 384 KiB and the packed B block
    // (KC, NC) = 512 KiB of L2.
    static constexpr int64_t KC = 256, MC = 384, NC = 512, KCOnePanel = 512;
    static V zero() { return _mm256_setzero_ps(); }
    static V load(const float* p) { return _mm256_loadu_ps(p); }
    static void store(float* p, V v) { _mm256_storeu_ps(p, v); }
    static V broadcast(const float* p) { return _mm256_broadcast_ss(p); }
    static V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
    static V add(V a, V b) { return _mm256_add_ps(a, b); }
    // Lanes [0, n) set: a window into -1 x 8 followed by 0 x 8.
    static __m256i mask(int n)
    {
        static const int32_t lanes[16] = { -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0 };
        return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lanes + 8 - n));
    }
    static V loadPart(const float* p, int n) { return _mm256_maskload_ps(p, mask(n)); }
    static void storePart(float* p, V v, int n) { _mm256_maskstore_ps(p, mask(n), v); }
};

} // namespace
} // namespace ws::gemm_packed

#include "tensor/GemmPacked.h"

namespace ws::avx2 {

void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate, int threads, const float* bias)
{
    gemm_packed::run(transA, transB, m, n, k, A, B, C, accumulate, threads, nullptr, bias);
}

size_t packB(bool transA, bool transB, int64_t k, int64_t n, const float* B, float* dst)
{
    return gemm_packed::packWhole(transA, transB, k, n, B, dst);
}

void gemmPacked(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* packed,
    float* C, bool accumulate, int threads)
{
    gemm_packed::run(transA, transB, m, n, k, A, nullptr, C, accumulate, threads, packed);
}

} // namespace ws::avx2
