// SPDX-License-Identifier: GPL-3.0-or-later
// ws::gemm for CPUs with AVX-512 (F, DQ, VL, BW); built with those flags plus -mavx2 -mfma
// (core/CMakeLists.txt). The blocked product of GemmPacked.h with 16 floats per register and a
// 6 x 64 block of C in 24 of the 32 registers: per step of k, 4 loads of B and 6 broadcasts of A
// feed 24 fused multiply-adds.
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

namespace ws::gemm_packed {
namespace {

struct Simd {
    using V = __m512;
    static constexpr int W = 16;
    static constexpr int MR = 6, NV = 4;
    // B panel (KC, 64) = 32 KiB of the 48 KiB L1; A block (MC, KC) = 384 KiB and the packed B
    // block (KC, NC) = 256 KiB of a 1 MiB L2 (NC = 2048 was 10-25 % slower at 64 x 1024 x 3136).
    static constexpr int64_t KC = 128, MC = 768, NC = 512, KCOnePanel = 512;
    static V zero() { return _mm512_setzero_ps(); }
    static V load(const float* p) { return _mm512_loadu_ps(p); }
    static void store(float* p, V v) { _mm512_storeu_ps(p, v); }
    static V broadcast(const float* p) { return _mm512_set1_ps(*p); }
    static V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
    static V add(V a, V b) { return _mm512_add_ps(a, b); }
    static __mmask16 mask(int n) { return __mmask16((1u << n) - 1); }
    static V loadPart(const float* p, int n) { return _mm512_maskz_loadu_ps(mask(n), p); }
    static void storePart(float* p, V v, int n) { _mm512_mask_storeu_ps(p, mask(n), v); }
};

} // namespace
} // namespace ws::gemm_packed

#include "tensor/GemmPacked.h"

namespace ws::avx512 {

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

} // namespace ws::avx512
