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

#include "util/AlignedAllocator.h"

#include <cstdint>
#include <vector>

namespace ws {

// C (m, n) = op(A) op(B), or C += op(A) op(B) when accumulate is set. Row-major, contiguous:
// op(A) is (m, k) — A is stored (m, k), or (k, m) when transA; op(B) is (k, n) — B is stored
// (k, n), or (n, k) when transB.
// With `bias` (n floats), C(i, j) += bias[j] afterwards, added by the thread that computed that
// part of C while it is in that core's cache: the same bits as a pass of its own after the
// product, which for a Dense layer on two threads read half of C from the other core (11 % of
// the MLP's training thread outside the products).
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate, const float* bias = nullptr);

// op(B) of gemm() packed once for several products that share it, as a layer's kernel is shared
// by its blocks of samples: gemm() packs op(B) on every call (a transposed kernel of 800 x 64,
// 51,200 floats, for every sample of the tutorial CNN's backward). The packing is a copy in the
// layout of the variant this machine runs; the baseline variant (Eigen's product) keeps a pointer
// to B instead, so B must stay as it was while the packing is used.
class GemmPackedB {
public:
    // Packs op(B) (k, n) for products with this transA (the variants' blocks of k depend on it).
    // copy = false keeps only the pointer, and each product packs its own pieces as a plain
    // gemm() does: faster where each thread runs one product, whose pieces stay in its cache,
    // than one serial copy of the whole of B first (Conv2D's packsOnce).
    void pack(bool transA, bool transB, int64_t k, int64_t n, const float* B, bool copy = true);

private:
    friend void gemm(bool transA, int64_t m, const float* A, const GemmPackedB& B, float* C, bool accumulate);
    std::vector<float, AlignedAllocator<float>> data_;
    const float* source_ = nullptr;
    bool copied_ = false; // data_ holds op(B) in the running variant's layout
    bool transA_ = false, transB_ = false;
    int64_t k_ = 0, n_ = 0;
};

// gemm() with op(B) packed beforehand: the same bits as gemm(transA, transB, m, n, k, A, B, C,
// accumulate) with the B, transB, k and n that were packed.
void gemm(bool transA, int64_t m, const float* A, const GemmPackedB& B, float* C, bool accumulate);

// "avx512", "avx2+fma" or "baseline": the variant gemm() uses on this machine.
const char* gemmVariant();

} // namespace ws
