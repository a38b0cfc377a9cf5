// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/DirectConv.h"

#include "nn/DirectConvBand.h"
#include "util/ParallelChunks.h"
#include "util/Threads.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

// The baseline copy of the band loop: one float a "register", 4 pixels x 4 filters. std::fma is
// correctly rounded, so it gives the AVX copies' bits; without FMA in the CPU it is a library
// call, far slower, and the rule (ConvAlgorithm.cpp) does not pick the direct convolution there.
namespace ws::direct_kernel {
namespace {

struct Simd {
    using V = float;
    static constexpr int L = 1, P = 4, NV = 4;
    static V load(const float* p) { return *p; }
    static void store(float* p, V v) { *p = v; }
    static V set1(float x) { return x; }
    static V fma(V a, V b, V c) { return std::fma(a, b, c); }
};

} // namespace
} // namespace ws::direct_kernel

#include "nn/DirectConvKernel.h"

namespace ws {

namespace {

// Output pixels a band holds, about: the unit of work a thread takes, with its own zero-padded copy
// of the input rows it reads (KH - SH rows more than the band itself). Rows of one image, or
// several whole images when one has fewer pixels. Not tuned: it keeps a band's input in level-1
// cache for the first layers (a 28x28x1 image's 10 rows and their borders: 1.4 KiB) and gives a
// ResNet-18 image (56x56) 12 bands for the threads to share.
constexpr int64_t kBandPixels = 256;

struct Variant {
    const char* name;
    int fb; // filters a block: L * NV of the copy
    void (*band)(const DirectBand&);
};

// The copies this CPU runs, widest first, like ws::gemm's (tensor/Gemm.cpp): the AVX copies need
// FMA, AVX-512 also the OS's support for its registers (__builtin_cpu_supports checks XCR0).
// WS_GEMM=avx2 or WS_GEMM=baseline caps them as it caps the matrix products.
std::vector<Variant> availableVariants()
{
    std::vector<Variant> v;
#if defined(__x86_64__)
    const char* cap = std::getenv("WS_GEMM");
    __builtin_cpu_init();
    const bool fma = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (fma && !(cap && (std::strcmp(cap, "avx2") == 0 || std::strcmp(cap, "baseline") == 0))
        && __builtin_cpu_supports("avx512f"))
        v.push_back({ "avx512", 32, avx512::directBand });
    if (fma && !(cap && std::strcmp(cap, "baseline") == 0))
        v.push_back({ "avx2", 16, avx2::directBand });
#endif
    v.push_back({ "baseline", direct_kernel::FB, direct_kernel::band });
    return v;
}

const std::vector<Variant>& variants()
{
    static const std::vector<Variant> v = availableVariants();
    return v;
}

const Variant& variantNamed(const char* name)
{
    for (const Variant& v : variants())
        if (!name || std::strcmp(v.name, name) == 0)
            return v;
    return variants().front();
}

// Rows [oh0, oh1) of a sample's output read rows [oh0 * SH, (oh1 - 1) * SH + KH) of its input
// padded by padTop/padLeft: band (rows, WP, C) gets them, zeros where they leave the image.
void fillBand(const DirectGeometry& g, const float* img, int64_t oh0, int64_t oh1, int64_t wp, float* band)
{
    const int64_t rows = (oh1 - oh0 - 1) * g.strideH + g.kh, C = g.c;
    const int64_t lo = std::min(wp, g.padLeft), hi = std::min(wp, g.padLeft + g.w); // image columns [lo, hi)
    for (int64_t r = 0; r < rows; ++r) {
        float* out = band + r * wp * C;
        const int64_t ih = oh0 * g.strideH + r - g.padTop;
        if (ih < 0 || ih >= g.h) {
            std::fill_n(out, wp * C, 0.0f);
            continue;
        }
        std::fill_n(out, lo * C, 0.0f);
        std::copy_n(img + ih * g.w * C, (hi - lo) * C, out + lo * C);
        std::fill_n(out + hi * C, (wp - hi) * C, 0.0f);
    }
}

} // namespace

std::vector<const char*> directVariants()
{
    std::vector<const char*> names;
    for (const Variant& v : variants())
        names.push_back(v.name);
    return names;
}

const char* directVariant() { return variants().front().name; }

void directForward(const DirectGeometry& g, int64_t n, const float* x, const float* kernel, const float* bias,
    float* y, DirectScratch& s, const char* variant)
{
    if (n <= 0 || g.oh <= 0 || g.ow <= 0 || g.f <= 0)
        return;
    const Variant& v = variantNamed(variant);
    const int64_t FB = v.fb, F = g.f, blocks = (F + FB - 1) / FB, rowLen = g.kw * g.c;
    // The kernel (KH, KW, C, F) as blocks of FB filters, each (KH, KW * C, FB): the band loop
    // reads one block's FB values for each (kj, c) in turn.
    s.kernel.assign(size_t(blocks * g.kh * rowLen * FB), 0.0f);
    for (int64_t b = 0; b < blocks; ++b) {
        const int64_t lanes = std::min(FB, F - b * FB);
        for (int64_t r = 0; r < g.kh * rowLen; ++r)
            std::copy_n(kernel + r * F + b * FB, lanes, s.kernel.data() + (b * g.kh * rowLen + r) * FB);
    }
    s.bias.assign(size_t(blocks * FB), 0.0f);
    if (bias)
        std::copy_n(bias, F, s.bias.data());
    // Bands fixed by the shape alone (the bits would not depend on them anyway): rows of one
    // image, or, for images of fewer than kBandPixels output pixels, several whole images, so that
    // the pixel blocks are full (a 2x2 output alone left 4 of a block's 8 pixels idle).
    const int64_t pixels = g.oh * g.ow;
    const int64_t bandRows = std::clamp<int64_t>((kBandPixels + g.ow - 1) / g.ow, 1, g.oh);
    const int64_t images = bandRows == g.oh ? std::clamp<int64_t>(kBandPixels / pixels, 1, n) : 1;
    const int64_t bandsPerImage = (g.oh + bandRows - 1) / bandRows;
    const int64_t units = images > 1 ? (n + images - 1) / images : n * bandsPerImage;
    const int64_t wp = (g.ow - 1) * g.strideW + g.kw;
    const int64_t imageFloats = ((bandRows - 1) * g.strideH + g.kh) * wp * g.c; // one image's rows in a band
    s.at.resize(size_t(images * bandRows * g.ow));
    for (int64_t q = 0; q < images * bandRows * g.ow; ++q) {
        const int64_t image = q / (bandRows * g.ow), r = q % (bandRows * g.ow) / g.ow, col = q % g.ow;
        s.at[size_t(q)] = image * imageFloats + (r * g.strideH * wp + col * g.strideW) * g.c;
    }
    s.bands.resize(size_t(std::max(1, threadCount())));
    for (auto& band : s.bands)
        band.resize(size_t(images * imageFloats));
    // A band per thread of forEachChunk's own region. When it runs the units on the calling
    // thread (one thread, or none to share with) there is no region of its own, and inside an
    // outer one (evaluate() gives each thread whole batches) omp_get_thread_num() would be the
    // outer team's number, which may exceed this call's bands: that case takes band 0.
    const int level = omp_get_level();
    forEachChunk(units, 1, [&](int64_t u, int64_t, int64_t) {
        // Images [n0, n0 + count), output rows [oh0, oh1) of each.
        const int64_t n0 = images > 1 ? u * images : u / bandsPerImage, count = std::min(images, n - n0);
        const int64_t oh0 = images > 1 ? 0 : u % bandsPerImage * bandRows, oh1 = std::min(g.oh, oh0 + bandRows);
        float* band = s.bands[size_t(omp_get_level() > level ? omp_get_thread_num() : 0)].data();
        for (int64_t i = 0; i < count; ++i)
            fillBand(g, x + (n0 + i) * g.h * g.w * g.c, oh0, oh1, wp, band + i * imageFloats);
        v.band({ band, s.at.data(), count * (oh1 - oh0) * g.ow, s.kernel.data(), s.bias.data(),
            y + (n0 * g.oh + oh0) * g.ow * F, F, g.kh, rowLen, wp * g.c });
    });
}

} // namespace ws
