// SPDX-License-Identifier: GPL-3.0-or-later
// The direct convolution's band loop (DirectConvKernel.h) for CPUs with AVX-512; built with
// -mavx512f -mfma (core/CMakeLists.txt). Per kernel element, 2 loads of the kernel and 8
// broadcasts of the input feed 16 fused multiply-adds.
#include <immintrin.h>

namespace ws::direct_kernel {
namespace {

struct Simd {
    using V = __m512;
    static constexpr int L = 16, P = 8, NV = 2;
    static V load(const float* p) { return _mm512_loadu_ps(p); }
    static void store(float* p, V v) { _mm512_storeu_ps(p, v); }
    static V set1(float x) { return _mm512_set1_ps(x); }
    static V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
};

} // namespace
} // namespace ws::direct_kernel

#include "nn/DirectConvKernel.h"

namespace ws::avx512 {

void directBand(const DirectBand& b) { direct_kernel::band(b); }

} // namespace ws::avx512
