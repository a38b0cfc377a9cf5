// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Winograd.h"

#include "tensor/Gemm.h"
#include "util/TargetClones.h"
#include "util/Threads.h"

#include <omp.h>

#include <algorithm>
#include <cstring>

namespace ws {

namespace {

// A thread's block of tiles gets about this many floats of transformed input and products (V
// and M, 512 KiB, half the level-2 cache), but at least kMinTiles tiles, so that each product
// has the rows to pay for packing its (C, F) matrix. bench_layers' ResNet-18 shapes ran as fast
// or faster with 2^17 floats than with 2^18 to 2^22 (within their noise of about 10 %).
constexpr int64_t kTileBudget = int64_t(1) << 17;
constexpr int64_t kMinTiles = 64;
// Channels (or filters) transformed at once: a tile's T^2 of them stay in level-1 cache.
constexpr int64_t kLanes = 32;
// Filters of the kernel transform at once: it writes T^2 rows of U, (C F) floats apart. With 32
// filters a step (128 bytes to each of 36 pages) F(4x4) took a quarter longer at 7x7x512.
constexpr int64_t kKernelLanes = 256;

// The 1-D transforms of Lavin and Gray's F(2, 3) and F(4, 3), over `n` channel lanes at once:
// `in` and `out` hold rows of lanes, `is` and `os` floats apart. The 2-D transforms apply them
// to the columns, then to the rows. The rows of `out` never overlap (os >= n), which GCC cannot
// see: without `ivdep` it kept the loops scalar, and the transforms took two thirds of F(4x4)'s
// time on a 28x28x32 -> 32 batch.
template <int M> struct Transform;

template <> struct Transform<2> {
    static constexpr int T = 4;
    // B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]
    [[gnu::always_inline]] static void input(const float* __restrict in, int64_t is, float* __restrict out, int64_t os, int64_t n)
    {
#pragma GCC ivdep
        for (int64_t l = 0; l < n; ++l) {
            const float d0 = in[l], d1 = in[is + l], d2 = in[2 * is + l], d3 = in[3 * is + l];
            out[l] = d0 - d2;
            out[os + l] = d1 + d2;
            out[2 * os + l] = d2 - d1;
            out[3 * os + l] = d1 - d3;
        }
    }
    // A^T = [1 1 1 0; 0 1 -1 -1]
    [[gnu::always_inline]] static void output(const float* __restrict in, int64_t is, float* __restrict out, int64_t os, int64_t n)
    {
#pragma GCC ivdep
        for (int64_t l = 0; l < n; ++l) {
            const float m0 = in[l], m1 = in[is + l], m2 = in[2 * is + l], m3 = in[3 * is + l];
            out[l] = m0 + m1 + m2;
            out[os + l] = m1 - m2 - m3;
        }
    }
    // G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]
    static void kernel(const float* __restrict in, int64_t is, float* __restrict out, int64_t os, int64_t n)
    {
#pragma GCC ivdep
        for (int64_t l = 0; l < n; ++l) {
            const float g0 = in[l], g1 = in[is + l], g2 = in[2 * is + l];
            out[l] = g0;
            out[os + l] = 0.5f * (g0 + g1 + g2);
            out[2 * os + l] = 0.5f * (g0 - g1 + g2);
            out[3 * os + l] = g2;
        }
    }
};

template <> struct Transform<4> {
    static constexpr int T = 6;
    // B^T = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0;
    //        0 4 0 -5 0 1]
    [[gnu::always_inline]] static void input(const float* __restrict in, int64_t is, float* __restrict out, int64_t os, int64_t n)
    {
#pragma GCC ivdep
        for (int64_t l = 0; l < n; ++l) {
            const float d0 = in[l], d1 = in[is + l], d2 = in[2 * is + l], d3 = in[3 * is + l], d4 = in[4 * is + l],
                        d5 = in[5 * is + l];
            const float a = d4 - 4.0f * d2, b = d3 - 4.0f * d1; // rows 1 and 2 share them
            const float c = d4 - d2, e = 2.0f * (d3 - d1);      // rows 3 and 4
            out[l] = 4.0f * d0 - 5.0f * d2 + d4;
            out[os + l] = a + b;
            out[2 * os + l] = a - b;
            out[3 * os + l] = c + e;
            out[4 * os + l] = c - e;
            out[5 * os + l] = 4.0f * d1 - 5.0f * d3 + d5;
        }
    }
    // A^T = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1]
    [[gnu::always_inline]] static void output(const float* __restrict in, int64_t is, float* __restrict out, int64_t os, int64_t n)
    {
#pragma GCC ivdep
        for (int64_t l = 0; l < n; ++l) {
            const float m0 = in[l], m1 = in[is + l], m2 = in[2 * is + l], m3 = in[3 * is + l], m4 = in[4 * is + l],
                        m5 = in[5 * is + l];
            const float p12 = m1 + m2, d12 = m1 - m2, p34 = m3 + m4, d34 = m3 - m4;
            out[l] = m0 + p12 + p34;
            out[os + l] = d12 + 2.0f * d34;
            out[2 * os + l] = p12 + 4.0f * p34;
            out[3 * os + l] = d12 + 8.0f * d34 + m5;
        }
    }
    // G = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6; 1/24 1/12 1/6; 1/24 -1/12 1/6; 0 0 1]
    static void kernel(const float* __restrict in, int64_t is, float* __restrict out, int64_t os, int64_t n)
    {
#pragma GCC ivdep
        for (int64_t l = 0; l < n; ++l) {
            const float g0 = in[l], g1 = in[is + l], g2 = in[2 * is + l];
            const float p = g0 + g2, q = g0 / 24.0f + g2 / 6.0f, r = g1 / 12.0f;
            out[l] = 0.25f * g0;
            out[os + l] = -(p + g1) / 6.0f;
            out[2 * os + l] = -(p - g1) / 6.0f;
            out[3 * os + l] = q + r;
            out[4 * os + l] = q - r;
            out[5 * os + l] = g2;
        }
    }
};

// u (T^2, C, F) = G g G^T for each (c, f), lanes of filters at once.
template <int M> void transformKernel(const WinogradGeometry& geo, const float* kernel, float* u, int threads)
{
    constexpr int T = Transform<M>::T;
    const int64_t C = geo.c, F = geo.f;
#pragma omp parallel for num_threads(threads) if (threads > 1 && C * F >= 4096) schedule(static)
    for (int64_t c = 0; c < C; ++c) {
        alignas(64) float tmp[T * 3 * kKernelLanes]; // G g, (T, 3, lanes)
        for (int64_t f0 = 0; f0 < F; f0 += kKernelLanes) {
            const int64_t lanes = std::min(kKernelLanes, F - f0);
            for (int kj = 0; kj < 3; ++kj) // G g: columns; kernel element (ki, kj) is ki*3*C*F + kj*C*F on
                Transform<M>::kernel(kernel + (kj * C + c) * F + f0, 3 * C * F, tmp + kj * kKernelLanes, 3 * kKernelLanes,
                    lanes);
            for (int i = 0; i < T; ++i) // (G g) G^T: rows
                Transform<M>::kernel(tmp + i * 3 * kKernelLanes, kKernelLanes, u + (i * T * C + c) * F + f0, C * F, lanes);
        }
    }
}

// Which tile a tile index is: sample, then tile row and column in the output.
struct TilePos {
    int64_t n, oh0, ow0;
};

template <int M> TilePos tileAt(int64_t t, int64_t tilesH, int64_t tilesW)
{
    const int64_t perImage = tilesH * tilesW, r = t % perImage;
    return { t / perImage, r / tilesW * M, r % tilesW * M };
}

// v (T^2, tiles, C), rows [t0 - first, ...): B^T d B for tiles [t0, t1).
template <int M>
[[gnu::always_inline]] inline void transformInput(const WinogradGeometry& geo, const float* x, int64_t t0, int64_t t1, int64_t tilesH, int64_t tilesW,
    int64_t rows, float* v)
{
    constexpr int T = Transform<M>::T;
    const int64_t C = geo.c, H = geo.h, W = geo.w;
    alignas(64) float d[T * T * kLanes];   // the tile, (T, T, lanes), where it crosses the border
    alignas(64) float tmp[T * T * kLanes]; // B^T d, (T, T, lanes)
    for (int64_t t = t0; t < t1; ++t) {
        const TilePos p = tileAt<M>(t, tilesH, tilesW);
        const int64_t ih0 = p.oh0 - geo.padTop, iw0 = p.ow0 - geo.padLeft;
        const float* img = x + p.n * H * W * C;
        const bool inside = ih0 >= 0 && iw0 >= 0 && ih0 + T <= H && iw0 + T <= W;
        float* out = v + (t - t0) * C;
        for (int64_t c0 = 0; c0 < C; c0 += kLanes) {
            const int64_t lanes = std::min(kLanes, C - c0);
            const float* src; // element (i, j) of the tile at src + i*rowStride + j*colStride
            int64_t rowStride, colStride;
            if (inside) {
                src = img + (ih0 * W + iw0) * C + c0;
                rowStride = W * C;
                colStride = C;
            } else {
                for (int i = 0; i < T; ++i)
                    for (int j = 0; j < T; ++j) {
                        const int64_t ih = ih0 + i, iw = iw0 + j;
                        float* to = d + (i * T + j) * kLanes;
                        // All kLanes of d, so that the copies have a constant size and stay a
                        // few vector moves: copy_n of `lanes` became rep movsq, and in F(4x4) on
                        // 28x28 images (half the tiles cross the border) it took 40 % of this
                        // transform. Lanes past `lanes` are never read.
                        if (ih < 0 || ih >= H || iw < 0 || iw >= W)
                            std::memset(to, 0, sizeof(float) * kLanes);
                        else if (lanes == kLanes)
                            std::memcpy(to, img + (ih * W + iw) * C + c0, sizeof(float) * kLanes);
                        else
                            std::copy_n(img + (ih * W + iw) * C + c0, lanes, to);
                    }
                src = d;
                rowStride = T * kLanes;
                colStride = kLanes;
            }
            for (int j = 0; j < T; ++j) // B^T d: columns
                Transform<M>::input(src + j * colStride, rowStride, tmp + j * kLanes, T * kLanes, lanes);
            for (int i = 0; i < T; ++i) // (B^T d) B: rows, into element (i, j)'s matrix
                Transform<M>::input(tmp + i * T * kLanes, kLanes, out + (i * T) * rows * C + c0, rows * C, lanes);
        }
    }
}

// y for tiles [t0, t1) from m (T^2, tiles, F): A^T m A plus the bias, the parts of the tile
// inside the output.
template <int M>
[[gnu::always_inline]] inline void transformOutput(const WinogradGeometry& geo, const float* m, int64_t t0, int64_t t1, int64_t tilesH, int64_t tilesW,
    int64_t rows, const float* bias, float* y)
{
    constexpr int T = Transform<M>::T;
    const int64_t F = geo.f, OH = geo.oh, OW = geo.ow;
    alignas(64) float tmp[M * T * kLanes]; // A^T m, (M, T, lanes)
    alignas(64) float res[M * M * kLanes]; // (M, M, lanes)
    for (int64_t t = t0; t < t1; ++t) {
        const TilePos p = tileAt<M>(t, tilesH, tilesW);
        const int64_t hs = std::min<int64_t>(M, OH - p.oh0), ws = std::min<int64_t>(M, OW - p.ow0);
        const float* in = m + (t - t0) * F;
        float* out = y + ((p.n * OH + p.oh0) * OW + p.ow0) * F;
        for (int64_t f0 = 0; f0 < F; f0 += kLanes) {
            const int64_t lanes = std::min(kLanes, F - f0);
            for (int j = 0; j < T; ++j) // A^T m: columns
                Transform<M>::output(in + j * rows * F + f0, T * rows * F, tmp + j * kLanes, T * kLanes, lanes);
            for (int i = 0; i < M; ++i) // (A^T m) A: rows
                Transform<M>::output(tmp + i * T * kLanes, kLanes, res + i * M * kLanes, kLanes, lanes);
            for (int64_t i = 0; i < hs; ++i)
                for (int64_t j = 0; j < ws; ++j) {
                    const float* r = res + (i * M + j) * kLanes;
                    float* to = out + (i * OW + j) * F + f0;
                    // Whole vectors of kLanes where there are (copy_n of `lanes` was a loop
                    // of 8-byte moves, a third of this transform).
                    if (bias && lanes == kLanes)
                        for (int64_t l = 0; l < kLanes; ++l)
                            to[l] = r[l] + bias[f0 + l];
                    else if (bias)
                        for (int64_t l = 0; l < lanes; ++l)
                            to[l] = r[l] + bias[f0 + l];
                    else if (lanes == kLanes)
                        std::memcpy(to, r, sizeof(float) * kLanes);
                    else
                        std::copy_n(r, lanes, to);
                }
        }
    }
}

// The transforms, each built for AVX-512, AVX2 and the baseline and picked at run time
// (util/TargetClones.h): element-wise over lanes of channels, no multiply-add fused, so each copy
// gives the same bits. In the portable build they were SSE, and in a residual CNN's training step
// on two threads F(4x4)'s input and output transforms took 13 % and 7 % of the samples.
WS_TARGET_CLONES void transformInput2(const WinogradGeometry& geo, const float* x, int64_t t0, int64_t t1,
    int64_t tilesH, int64_t tilesW, int64_t rows, float* v)
{
    transformInput<2>(geo, x, t0, t1, tilesH, tilesW, rows, v);
}
WS_TARGET_CLONES void transformInput4(const WinogradGeometry& geo, const float* x, int64_t t0, int64_t t1,
    int64_t tilesH, int64_t tilesW, int64_t rows, float* v)
{
    transformInput<4>(geo, x, t0, t1, tilesH, tilesW, rows, v);
}
WS_TARGET_CLONES void transformOutput2(const WinogradGeometry& geo, const float* m, int64_t t0, int64_t t1,
    int64_t tilesH, int64_t tilesW, int64_t rows, const float* bias, float* y)
{
    transformOutput<2>(geo, m, t0, t1, tilesH, tilesW, rows, bias, y);
}
WS_TARGET_CLONES void transformOutput4(const WinogradGeometry& geo, const float* m, int64_t t0, int64_t t1,
    int64_t tilesH, int64_t tilesW, int64_t rows, const float* bias, float* y)
{
    transformOutput<4>(geo, m, t0, t1, tilesH, tilesW, rows, bias, y);
}

template <int M>
void forwardTiles(const WinogradGeometry& geo, int64_t n, const float* x, const float* kernel, const float* bias,
    float* y, WinogradScratch& s)
{
    constexpr int64_t T2 = Transform<M>::T * Transform<M>::T;
    const int64_t C = geo.c, F = geo.f;
    const int64_t tilesH = (geo.oh + M - 1) / M, tilesW = (geo.ow + M - 1) / M;
    const int64_t total = n * tilesH * tilesW;
    if (total == 0)
        return;
    // Inside a parallel region (evaluate() gives each thread whole batches) a nested region gets
    // one thread, which would use parts[0] only: no buffers for parts it cannot run.
    const int threads = omp_in_parallel() ? 1 : std::max(1, threadCount());
    s.u.resize(size_t(T2 * C * F));
    transformKernel<M>(geo, kernel, s.u.data(), threads);
    // Blocks of tiles fixed by the shape alone, so any thread count computes the same products.
    const int64_t block = std::min(total, std::max(kMinTiles, kTileBudget / (T2 * (C + F))));
    const int64_t blocks = (total + block - 1) / block;
    const int parts = int(std::min<int64_t>(threads, blocks));
    // The T^2 matrices packed once when a thread runs more than one block (as Conv2D's kernel:
    // with a block a thread, each product packs its own in the cache, on its own thread).
    s.packed.resize(size_t(T2));
    for (int64_t e = 0; e < T2; ++e)
        s.packed[size_t(e)].pack(false, false, C, F, s.u.data() + e * C * F, blocks > parts);
    s.parts.resize(size_t(parts));
    for (auto& part : s.parts) {
        part.v.resize(size_t(T2 * block * C));
        part.m.resize(size_t(T2 * block * F));
    }
    auto run = [&](int64_t b, WinogradScratch::Part& part) {
        const int64_t t0 = b * block, t1 = std::min(total, t0 + block), rows = t1 - t0;
        if constexpr (M == 4)
            transformInput4(geo, x, t0, t1, tilesH, tilesW, rows, part.v.data());
        else
            transformInput2(geo, x, t0, t1, tilesH, tilesW, rows, part.v.data());
        for (int64_t e = 0; e < T2; ++e)
            gemm(false, rows, part.v.data() + e * rows * C, s.packed[size_t(e)], part.m.data() + e * rows * F, false);
        if constexpr (M == 4)
            transformOutput4(geo, part.m.data(), t0, t1, tilesH, tilesW, rows, bias, y);
        else
            transformOutput2(geo, part.m.data(), t0, t1, tilesH, tilesW, rows, bias, y);
    };
    if (parts == 1) {
        for (int64_t b = 0; b < blocks; ++b)
            run(b, s.parts[0]);
        return;
    }
#pragma omp parallel for num_threads(parts) schedule(static)
    for (int64_t b = 0; b < blocks; ++b)
        run(b, s.parts[size_t(omp_get_thread_num())]);
}

} // namespace

void winogradForward(int tile, const WinogradGeometry& g, int64_t n, const float* x, const float* kernel,
    const float* bias, float* y, WinogradScratch& s)
{
    if (tile == 4)
        forwardTiles<4>(g, n, x, kernel, bias, y, s);
    else
        forwardTiles<2>(g, n, x, kernel, bias, y, s);
}

} // namespace ws
