// SPDX-License-Identifier: GPL-3.0-or-later
// The direct convolution's band loop (DirectConvKernel.h) for CPUs with AVX2 and FMA; built with
// -mavx2 -mfma (core/CMakeLists.txt). Per kernel element, 2 loads of the kernel and 6 broadcasts
// of the input feed 12 fused multiply-adds.
#include <immintrin.h>

namespace ws::direct_kernel {
namespace {

struct Simd {
    using V = __m256;
    static constexpr int L = 8, P = 6, NV = 2;
    static V load(const float* p) { return _mm256_loadu_ps(p); }
    static void store(float* p, V v) { _mm256_storeu_ps(p, v); }
    static V set1(float x) { return _mm256_set1_ps(x); }
    static V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
};

} // namespace
} // namespace ws::direct_kernel

#include "nn/DirectConvKernel.h"

namespace ws::avx2 {

void directBand(const DirectBand& b) { direct_kernel::band(b); }

} // namespace ws::avx2
