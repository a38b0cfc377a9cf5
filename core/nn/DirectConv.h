// SPDX-License-Identifier: GPL-3.0-or-later
// A direct convolution for Conv2D's inference forward where im2col + GEMM wastes most: few input
// channels, as in the first layer of an image model (#23 item 2). With one channel and a 3x3
// kernel, im2col writes 9 floats a pixel and the GEMM's depth is 9, too short to pay for packing
// its operands; here each output pixel reads its window straight from the image.
//
// The inner loop (DirectConvKernel.h) keeps a block of P output pixels x FB filters in vector
// registers and, for each kernel element (ki, kj, c), loads FB kernel values once and multiplies
// them by each pixel's input value: AVX-512, 8 pixels x 32 filters in 16 registers; AVX2 with FMA,
// 6 x 16 in 12; the baseline, 4 x 4 floats. Every output element is bias + the sum over
// (ki, kj, c) in that order, one fused multiply-add each, so every copy, block size and thread
// count gives the same bits. Threads take bands of output rows, each copying the input rows its
// band reads, zero-padded, so that the loop has no borders to test. Letters as in Conv2D.h;
// SH/SW = strides, WP = padded input width.
//
// Any kernel size, strides and padding (Window2D.h); no dilation (Conv2D has none).
#pragma once

#include <cstdint>
#include <vector>

namespace ws {

struct DirectGeometry {
    int64_t h = 0, w = 0, c = 0;       // input
    int64_t oh = 0, ow = 0, f = 0;     // output
    int64_t kh = 0, kw = 0;            // kernel
    int64_t strideH = 1, strideW = 1;
    int64_t padTop = 0, padLeft = 0;
};

// Buffers kept between calls (a Conv2D's scratch).
struct DirectScratch {
    std::vector<float> kernel;             // (F / FB blocks, KH, KW * C, FB), packed on every call
    std::vector<float> bias;               // (F rounded up to FB), zeros past F
    std::vector<int64_t> at;               // per output pixel of a band: its window's offset in the band
    std::vector<std::vector<float>> bands; // per thread: one band of rows of the zero-padded input
};

// y (N, OH, OW, F) = x (N, H, W, C) cross-correlated with kernel (KH, KW, C, F), zero-padded by
// padTop/padLeft and wherever the window leaves the image, plus bias (F) unless it is null.
// variant: one of directVariants(), or null for the first.
void directForward(const DirectGeometry& g, int64_t n, const float* x, const float* kernel, const float* bias,
    float* y, DirectScratch& s, const char* variant = nullptr);

// The register blocks this CPU can run, widest first: "avx512", "avx2", "baseline". They give
// the same bits; tests run each.
std::vector<const char*> directVariants();
// The one directForward runs by default.
const char* directVariant();

} // namespace ws
