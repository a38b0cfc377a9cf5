// SPDX-License-Identifier: GPL-3.0-or-later
// The register-blocked loop of the direct convolution (DirectConv.h), one band of output rows at
// a time. Included by DirectConvAvx512.cpp, DirectConvAvx2.cpp and DirectConv.cpp (the
// baseline), each after defining `Simd`: the vector type V of L floats, load, store, set1 and
// fma, and the register block, P output pixels x NV vectors of filters. Everything here lives in
// an unnamed namespace, so the copies, compiled for different instruction sets, stay apart (the
// linker could otherwise keep the AVX-512 copy of an inline function for all), and calls nothing
// from the standard library for the same reason.
//
// Every output element is bias + the sum over (ki, kj, c) in that order, one fused multiply-add
// each (correctly rounded, so every vector width and block size gives the same bits).
#pragma once

#include "nn/DirectConvBand.h"

#include <cstdint>

namespace ws::direct_kernel {
namespace {

constexpr int L = Simd::L;
constexpr int P = Simd::P;
constexpr int NV = Simd::NV;
constexpr int FB = L * NV;

// Output pixels px[0..P) (count of them real, the rest repeat the last) x the FB filters of one
// block, kept in P x NV registers. j runs over a kernel row: KW * C floats, contiguous in the band
// as in the kernel.
inline void pixelBlock(const DirectBand& b, const float* const* px, const float* k, const float* bias, float* y,
    int count, int64_t lanes)
{
    using V = typename Simd::V;
    V acc[P][NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
        const V bv = Simd::load(bias + v * L);
#pragma GCC unroll 16
        for (int p = 0; p < P; ++p)
            acc[p][v] = bv;
    }
    for (int64_t ki = 0; ki < b.kh; ++ki) {
        const float* row[P];
#pragma GCC unroll 16
        for (int p = 0; p < P; ++p)
            row[p] = px[p] + ki * b.rowStride;
        const float* kr = k + ki * b.rowLen * FB;
        for (int64_t j = 0; j < b.rowLen; ++j, kr += FB) {
            V kv[NV];
#pragma GCC unroll 4
            for (int v = 0; v < NV; ++v)
                kv[v] = Simd::load(kr + v * L);
#pragma GCC unroll 16
            for (int p = 0; p < P; ++p) {
                const V xv = Simd::set1(row[p][j]);
#pragma GCC unroll 4
                for (int v = 0; v < NV; ++v)
                    acc[p][v] = Simd::fma(xv, kv[v], acc[p][v]);
            }
        }
    }
    if (lanes == FB) {
#pragma GCC unroll 16
        for (int p = 0; p < P; ++p)
            if (p < count)
#pragma GCC unroll 4
                for (int v = 0; v < NV; ++v)
                    Simd::store(y + p * b.f + v * L, acc[p][v]);
        return;
    }
    alignas(64) float tmp[FB]; // the last block of filters when F is not a multiple of FB
#pragma GCC unroll 16
    for (int p = 0; p < P; ++p)
        if (p < count) {
#pragma GCC unroll 4
            for (int v = 0; v < NV; ++v)
                Simd::store(tmp + v * L, acc[p][v]);
            for (int64_t l = 0; l < lanes; ++l)
                y[p * b.f + l] = tmp[l];
        }
}

void band(const DirectBand& b)
{
    const int64_t blocks = (b.f + FB - 1) / FB;
    for (int64_t k = 0; k < blocks; ++k) {
        const float* kernel = b.kernel + k * b.kh * b.rowLen * FB;
        const int64_t f0 = k * FB, lanes = b.f - f0 < FB ? b.f - f0 : FB;
        for (int64_t q0 = 0; q0 < b.pixels; q0 += P) {
            const float* px[P];
#pragma GCC unroll 16
            for (int p = 0; p < P; ++p)
                px[p] = b.band + b.at[q0 + p < b.pixels ? q0 + p : b.pixels - 1];
            const int count = int(b.pixels - q0 < P ? b.pixels - q0 : P);
            pixelBlock(b, px, kernel, b.bias + f0, b.y + q0 * b.f + f0, count, lanes);
        }
    }
}

} // namespace
} // namespace ws::direct_kernel
