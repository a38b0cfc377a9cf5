// SPDX-License-Identifier: GPL-3.0-or-later
// The blocked single-precision product behind ws::gemm's AVX2 and AVX-512 variants (Gemm.h).
// Included only by GemmAvx2.cpp and GemmAvx512.cpp, each after <immintrin.h> and after defining
// `Simd`: the vector type V, its width W, load/store (whole and first-n-lanes), broadcast, fma,
// and the blocking: MR x NV vectors of C held in registers, KC, MC, NC. Everything here lives in
// an unnamed namespace, so the two copies, compiled for different instruction sets, stay apart
// (the linker could otherwise keep the AVX-512 copy of an inline function for both).
//
// The loop nest of Goto and van de Geijn ("Anatomy of high-performance matrix multiplication",
// ACM TOMS 34(3), 2008), as BLIS names it. Row-major; m, n, k as in Gemm.h:
//   jc over n by NC, pc over k by KC: pack op(B)[pc.., jc..] (KC, NC) into panels NR = NV*W wide;
//   ic over m by MC, jr over the panels, ir over MR rows: the micro-kernel keeps C (MR, NR) in
//   registers while the B panel (KC, NR) stays in L1 across the ir loop.
// op(A) is packed only when it is transposed and its rows are far apart (packTransposedA);
// otherwise the micro-kernel broadcasts its elements straight from A, which is either row-major
// (m, k) — MR rows read front to back — or, transposed, (k, m) — MR neighbours per step of k. Both
// read whole cache lines of the (MC, KC) block, which stays in L2. Skipping that pack matters at
// the convolutions' shapes: with n = 64 outputs each element of A takes part in only 128 flops,
// and transposing a row-major A into panels would cost a fifth of the time.
#pragma once

#include "util/AlignedAllocator.h"

#include <omp.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace ws::gemm_packed {
namespace {

constexpr int W = Simd::W;
constexpr int MR = Simd::MR;
constexpr int NV = Simd::NV;
constexpr int NR = NV * W;

// C (mr, cols) (=|+=) A (mr, kc) · Bpanel (kc, nv*W). A element (r, p) is a[r*lda + p] when
// aRows, else a[p*lda + r]; the panel row p is b[p*nv*W ...] (zero-padded past cols).
template <int mr, int nv, bool aRows>
void microKernel(int64_t kc, const float* a, int64_t lda, const float* b, float* c, int64_t ldc, int cols, bool add)
{
    using V = typename Simd::V;
    V acc[mr][nv];
#pragma GCC unroll 16
    for (int r = 0; r < mr; ++r)
#pragma GCC unroll 8
        for (int v = 0; v < nv; ++v)
            acc[r][v] = Simd::zero();
    for (int64_t p = 0; p < kc; ++p) {
        V bv[nv];
#pragma GCC unroll 8
        for (int v = 0; v < nv; ++v)
            bv[v] = Simd::load(b + v * W);
        b += nv * W;
#pragma GCC unroll 16
        for (int r = 0; r < mr; ++r) {
            const V ar = Simd::broadcast(aRows ? a + r * lda : a + r);
#pragma GCC unroll 8
            for (int v = 0; v < nv; ++v)
                acc[r][v] = Simd::fma(ar, bv[v], acc[r][v]);
        }
        a += aRows ? 1 : lda;
    }
    if (cols == nv * W) {
#pragma GCC unroll 16
        for (int r = 0; r < mr; ++r)
#pragma GCC unroll 8
            for (int v = 0; v < nv; ++v) {
                float* to = c + r * ldc + v * W;
                Simd::store(to, add ? Simd::add(Simd::load(to), acc[r][v]) : acc[r][v]);
            }
        return;
    }
    const int last = cols - (nv - 1) * W; // lanes of the last vector, 1..W
#pragma GCC unroll 16
    for (int r = 0; r < mr; ++r) {
#pragma GCC unroll 8
        for (int v = 0; v + 1 < nv; ++v) {
            float* to = c + r * ldc + v * W;
            Simd::store(to, add ? Simd::add(Simd::load(to), acc[r][v]) : acc[r][v]);
        }
        float* to = c + r * ldc + (nv - 1) * W;
        Simd::storePart(to, add ? Simd::add(Simd::loadPart(to, last), acc[r][nv - 1]) : acc[r][nv - 1], last);
    }
}

using Kernel = void (*)(int64_t, const float*, int64_t, const float*, float*, int64_t, int, bool);

// kernels[aRows][mr - 1][nv - 1]: every edge size gets its own unrolled kernel.
template <bool aRows, int mr, int... nvs> constexpr std::array<Kernel, NV> kernelRow(std::integer_sequence<int, nvs...>)
{
    return { &microKernel<mr, nvs + 1, aRows>... };
}
template <bool aRows, int... mrs> constexpr std::array<std::array<Kernel, NV>, MR> kernelTable(std::integer_sequence<int, mrs...>)
{
    return { kernelRow<aRows, mrs + 1>(std::make_integer_sequence<int, NV>())... };
}
constexpr std::array<std::array<std::array<Kernel, NV>, MR>, 2> kKernels
    = { kernelTable<false>(std::make_integer_sequence<int, MR>()), kernelTable<true>(std::make_integer_sequence<int, MR>()) };

// dst (8 rows, ldd apart) = the transpose of src (8 rows, lds apart), 8 floats each (AVX, which
// both variants have).
inline void transpose8x8(const float* src, int64_t lds, float* dst, int64_t ldd)
{
    __m256 r[8];
    for (int i = 0; i < 8; ++i)
        r[i] = _mm256_loadu_ps(src + i * lds);
    __m256 t[8];
    for (int i = 0; i < 4; ++i) {
        t[2 * i] = _mm256_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm256_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    __m256 s[8];
    for (int h = 0; h < 2; ++h) { // rows 0-3 and 4-7
        const __m256* q = t + 4 * h;
        s[4 * h + 0] = _mm256_shuffle_ps(q[0], q[2], _MM_SHUFFLE(1, 0, 1, 0));
        s[4 * h + 1] = _mm256_shuffle_ps(q[0], q[2], _MM_SHUFFLE(3, 2, 3, 2));
        s[4 * h + 2] = _mm256_shuffle_ps(q[1], q[3], _MM_SHUFFLE(1, 0, 1, 0));
        s[4 * h + 3] = _mm256_shuffle_ps(q[1], q[3], _MM_SHUFFLE(3, 2, 3, 2));
    }
    for (int i = 0; i < 4; ++i) {
        _mm256_storeu_ps(dst + i * ldd, _mm256_permute2f128_ps(s[i], s[4 + i], 0x20));
        _mm256_storeu_ps(dst + (i + 4) * ldd, _mm256_permute2f128_ps(s[i], s[4 + i], 0x31));
    }
}

constexpr int64_t roundUp(int64_t x, int64_t to) { return (x + to - 1) / to * to; }

// Packs op(B) rows [0, kc) and columns [0, nc) — B already offset to (pc, jc) of op(B) — into
// panels of NR columns, the last one as wide as its columns rounded up to W and zero-padded:
// panel q starts at dst + q*NR*kc and holds kc rows of its width.
void packB(bool transB, const float* B, int64_t ldb, int64_t kc, int64_t nc, float* dst)
{
    for (int64_t j0 = 0; j0 < nc; j0 += NR) {
        const int64_t w = std::min<int64_t>(NR, nc - j0);
        const int64_t wp = (w + W - 1) / W * W;
        float* panel = dst + j0 * kc;
        if (!transB) { // op(B) row p is B[p*ldb ...]: copy
            for (int64_t p = 0; p < kc; ++p) {
                const float* from = B + p * ldb + j0;
                float* to = panel + p * wp;
                int64_t j = 0;
                for (; j + W <= w; j += W)
                    Simd::store(to + j, Simd::load(from + j));
                if (j < w)
                    Simd::store(to + j, Simd::loadPart(from + j, int(w - j)));
            }
            continue;
        }
        // op(B)(p, j) = B[j*ldb + p]: transpose 8 x 8 blocks, the edges one by one.
        int64_t j = 0;
        for (; j + 8 <= w; j += 8) {
            const float* from = B + (j0 + j) * ldb;
            int64_t p = 0;
            for (; p + 8 <= kc; p += 8)
                transpose8x8(from + p, ldb, panel + p * wp + j, wp);
            for (; p < kc; ++p)
                for (int64_t jj = 0; jj < 8; ++jj)
                    panel[p * wp + j + jj] = from[jj * ldb + p];
        }
        for (; j < wp; ++j)
            for (int64_t p = 0; p < kc; ++p)
                panel[p * wp + j] = j < w ? B[(j0 + j) * ldb + p] : 0.0f;
    }
}

// Packs op(A) rows [0, mc) and k steps [0, kc) of a transposed A — stored (k, m), already offset
// to (pc, ic) — into panels of MR rows: panel q starts at dst + q*MR*kc and holds, for each step
// p, the MR elements A[p*lda + q*MR + r] (the last panel's missing rows are left as they are: the
// kernel for mr rows never reads them). It goes through P steps of k at a time, panel by panel,
// so that it reads P rows of A and writes P*MR contiguous floats of each panel: about 2P pages at
// once, which the first-level TLB holds. Reading a whole row of A at a time instead wrote to every
// panel per row, a page apart, and took 40 % of the product's time.
void packTransposedA(const float* A, int64_t lda, int64_t kc, int64_t mc, float* dst)
{
    constexpr int64_t P = 16;
    const int64_t full = mc / MR * MR;
    for (int64_t p0 = 0; p0 < kc; p0 += P) {
        const int64_t p1 = std::min(kc, p0 + P);
        int64_t i = 0;
        for (; i < full; i += MR) {
            float* to = dst + i * kc;
            for (int64_t p = p0; p < p1; ++p)
                Simd::storePart(to + p * MR, Simd::loadPart(A + p * lda + i, MR), MR);
        }
        if (i < mc)
            for (int64_t p = p0; p < p1; ++p)
                for (int64_t r = 0; i + r < mc; ++r)
                    dst[i * kc + p * MR + r] = A[p * lda + i + r];
    }
}

// The block of k for a product whose op(B) is `n` wide. With one panel of B, each row of A is read
// once per block of k: longer blocks then read longer runs of each row (Conv2D forward,
// 12544 x 64 x 800: 1.5x with 512 over 128). C is rounded at each block's end, so a split of the
// columns between threads must keep the whole product's block, or the bits change with them.
inline int64_t kBlock(bool transA, int64_t n) { return !transA && n <= NR ? Simd::KCOnePanel : Simd::KC; }

// The single-threaded product on leading dimensions: op(A) (m, k), op(B) (k, n), C (m, n), in
// blocks of k of KC.
// With `prepacked` (packWhole's layout for an op(B) `prepackedWidth` wide, of which this product
// is the columns from `prepackedColumn`), B is not read and nothing is packed.
void serial(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, int64_t lda, const float* B,
    int64_t ldb, float* C, int64_t ldc, bool accumulate, int64_t KC, const float* prepacked = nullptr,
    int64_t prepackedColumn = 0, int64_t prepackedWidth = 0)
{
    thread_local std::vector<float, AlignedAllocator<float>> packed; // panel rows on whole cache lines
    thread_local std::vector<float, AlignedAllocator<float>> packedA;
    const int64_t ncMax = std::min<int64_t>(Simd::NC, (n + W - 1) / W * W);
    const size_t need = size_t(std::min<int64_t>(KC, k) * (ncMax + NR));
    if (!prepacked && packed.size() < need)
        packed.resize(need);
    // The kernel reads a transposed A MR floats at a time, lda apart. From the level-2 cache that
    // costs nothing; from further away each step waits on a line the prefetchers did not fetch,
    // as they follow no stride of several KiB. So A is packed once it cannot stay in L2 (2 MiB
    // here): 784 x 256 x 4096 (an MLP's dW at batch 4096) went from 98-107 to 135-149 GFLOP/s,
    // 800 x 64 x 12544 from 64 to 100-104 (bench_gemm, one thread). Below that packing is waste:
    // Conv2D's kernel gradient, 800 x 64 x 196 a sample at a time, fell from 180 to 145.
    const bool packA = transA && k * lda * int64_t(sizeof(float)) > (int64_t(2) << 20);
    if (packA) {
        const int64_t mcMax = (std::min<int64_t>(Simd::MC, m) + MR - 1) / MR * MR;
        const size_t needA = size_t(std::min<int64_t>(KC, k) * mcMax);
        if (packedA.size() < needA)
            packedA.resize(needA);
    }
    const auto& kernels = kKernels[transA ? 0 : 1];
    for (int64_t jc = 0; jc < n; jc += Simd::NC) {
        const int64_t nc = std::min<int64_t>(Simd::NC, n - jc);
        for (int64_t pc = 0; pc < k; pc += KC) {
            const int64_t kc = std::min<int64_t>(KC, k - pc);
            if (!prepacked)
                packB(transB, transB ? B + jc * ldb + pc : B + pc * ldb + jc, ldb, kc, nc, packed.data());
            const float* panels = prepacked ? prepacked + pc * roundUp(prepackedWidth, NR) + (prepackedColumn + jc) * kc
                                            : packed.data();
            const bool add = accumulate || pc > 0;
            for (int64_t ic = 0; ic < m; ic += Simd::MC) {
                const int64_t mc = std::min<int64_t>(Simd::MC, m - ic);
                if (packA)
                    packTransposedA(A + pc * lda + ic, lda, kc, mc, packedA.data());
                for (int64_t jr = 0; jr < nc; jr += NR) {
                    const int cols = int(std::min<int64_t>(NR, nc - jr));
                    const int nv = (cols + W - 1) / W;
                    const float* panel = panels + jr * kc;
                    float* c = C + ic * ldc + jc + jr;
                    for (int64_t ir = 0; ir < mc; ir += MR) {
                        const int mr = int(std::min<int64_t>(MR, mc - ir));
                        const int64_t i = ic + ir;
                        if (packA)
                            kernels[size_t(mr - 1)][size_t(nv - 1)](kc, packedA.data() + ir * kc, MR, panel,
                                c + ir * ldc, ldc, cols, add);
                        else
                            kernels[size_t(mr - 1)][size_t(nv - 1)](kc, transA ? A + pc * lda + i : A + i * lda + pc,
                                lda, panel, c + ir * ldc, ldc, cols, add);
                    }
                }
            }
        }
    }
}

// C(i, j) += bias[j] over rows [0, m) and columns [0, n) of C, whose rows are ldc apart.
void addBias(float* C, int64_t ldc, int64_t m, int64_t n, const float* bias)
{
    for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j)
            C[i * ldc + j] += bias[j];
}

// ws::gemm on `threads` threads: the rows of C (or, for few rows, its columns in whole panels)
// are split between them; inside an OpenMP parallel region (Conv2D's parts) it stays on the
// calling thread. Below about a million multiply-adds a second thread costs more than it saves.
// With `prepacked` (packWhole's layout), B is not read. With `bias`, each thread adds it to its
// part of C (ws::gemm).
void run(bool transA, bool transB, int64_t m, int64_t n, int64_t k, const float* A, const float* B, float* C,
    bool accumulate, int threads, const float* prepacked = nullptr, const float* bias = nullptr)
{
    const int64_t lda = transA ? m : k, ldb = transB ? k : n, ldc = n;
    // A split by rows has every thread pack all of op(B); one by columns, only its own panels, and
    // every thread reads all of A (which is not packed). So columns when B is at least as wide as
    // A is tall and its panels share out evenly: an MLP's forward (64 x 784 by 784 x 256) packed
    // the 784 x 256 weights on both threads, and its 64 rows split 36 + 28 in steps of MR.
    const int64_t panels = (n + NR - 1) / NR;
    const bool colsFirst = n >= m && panels >= threads && (panels % threads == 0 || panels >= 4 * threads);
    const bool rowsSplit = !colsFirst && m >= 4 * MR * threads;
    const bool colsSplit = colsFirst || (!rowsSplit && n >= 2 * NR * threads);
    if (threads <= 1 || omp_in_parallel() || m * n * k < (int64_t(1) << 20) || !(rowsSplit || colsSplit)) {
        serial(transA, transB, m, n, k, A, lda, B, ldb, C, ldc, accumulate, kBlock(transA, n), prepacked, 0, n);
        if (bias)
            addBias(C, ldc, m, n, bias);
        return;
    }
#pragma omp parallel num_threads(threads)
    {
        const int64_t parts = omp_get_num_threads(), t = omp_get_thread_num();
        if (rowsSplit) {
            const int64_t per = ((m + MR - 1) / MR + parts - 1) / parts * MR;
            const int64_t i0 = std::min(m, t * per), i1 = std::min(m, i0 + per);
            if (i1 > i0) {
                serial(transA, transB, i1 - i0, n, k, transA ? A + i0 : A + i0 * lda, lda, B, ldb, C + i0 * ldc, ldc,
                    accumulate, kBlock(transA, n), prepacked, 0, n);
                if (bias)
                    addBias(C + i0 * ldc, ldc, i1 - i0, n, bias);
            }
        } else {
            const int64_t per = ((n + NR - 1) / NR + parts - 1) / parts * NR;
            const int64_t j0 = std::min(n, t * per), j1 = std::min(n, j0 + per);
            const float* b = prepacked ? nullptr : transB ? B + j0 * ldb : B + j0;
            if (j1 > j0) {
                serial(transA, transB, m, j1 - j0, k, A, lda, b, ldb, C + j0, ldc, accumulate, kBlock(transA, n),
                    prepacked, j0, n);
                if (bias)
                    addBias(C + j0, ldc, m, j1 - j0, bias + j0);
            }
        }
    }
}

// op(B) (k, n) packed whole for products with the given transA (which sets the block of k): block
// of k pc holds packB's panels of all n columns, from dst + pc*roundUp(n, NR). Returns the floats
// it takes, and packs only when dst is given.
size_t packWhole(bool transA, bool transB, int64_t k, int64_t n, const float* B, float* dst)
{
    const int64_t width = roundUp(n, NR);
    if (dst) {
        const int64_t KC = kBlock(transA, n), ldb = transB ? k : n;
        for (int64_t pc = 0; pc < k; pc += KC)
            packB(transB, transB ? B + pc : B + pc * ldb, ldb, std::min(KC, k - pc), n, dst + pc * width);
    }
    return size_t(k * width);
}

} // namespace
} // namespace ws::gemm_packed
