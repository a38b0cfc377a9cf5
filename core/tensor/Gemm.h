// SPDX-License-Identifier: GPL-3.0-or-later
// Single-precision matrix products for the layers, with runtime CPU dispatch.
//
// Shipped binaries target the portable x86-64 baseline (SSE2), where Eigen's GEMM runs at about
// a third of what AVX2+FMA gives on the same core. gemm() therefore picks, once, from what the
// CPU reports: a blocked product with its own register kernels (GemmPacked.h), compiled with
// -mavx2 -mfma (GemmAvx2.cpp) and with AVX-512 (GemmAvx512.cpp), each in its own translation unit
// so that no AVX-compiled inline function can be picked by the linker for baseline code; or
// Eigen's product for the baseline (GemmKernel.h). WS_GEMM=baseline or WS_GEMM=avx2 in the
// environment caps the choice.
#pragma once

#include <cstdint>

namespace ws {

// C (m, n) = op(A) op(B), or C += op(A) op(B) when accumulate is set. Row-major, contiguous:
// op(A) is (m, k) — A is stored (m, k), or (k, m) when transA; op(B) is (k, n) — B is stored
// (k, n), or (n, k) when transB.
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate);

// "avx512", "avx2+fma" or "baseline": the variant gemm() uses on this machine.
const char* gemmVariant();

} // namespace ws
