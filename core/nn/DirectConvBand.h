// SPDX-License-Identifier: GPL-3.0-or-later
// One band of output rows of the direct convolution (DirectConv.h), as DirectConv.cpp hands it to
// the register-blocked loop of each instruction set (DirectConvKernel.h). Letters as in Conv2D.h.
#pragma once

#include <cstdint>

namespace ws {

struct DirectBand {
    const float* band;   // (images, rows, WP, C): the input rows the band reads, zero-padded
    const int64_t* at;   // (pixels): where each output pixel's window starts in band
    int64_t pixels;      // output pixels of the band, images x rows x OW
    const float* kernel; // (F / FB blocks, KH, KW * C, FB), zeros past F
    const float* bias;   // (F rounded up to FB), zeros past F
    float* y;            // (pixels, F): the band's output
    int64_t f;           // filters
    int64_t kh;          // kernel rows
    int64_t rowLen;      // KW * C: a kernel row, contiguous in the band as in the kernel
    int64_t rowStride;   // WP * C: from one band row to the next
};

namespace avx512 {
// FB = 32: 8 pixels x 2 vectors of 16 filters, 16 of the 32 registers.
void directBand(const DirectBand& b);
}
namespace avx2 {
// FB = 16: 6 pixels x 2 vectors of 8 filters, 12 of the 16 registers.
void directBand(const DirectBand& b);
}

} // namespace ws
