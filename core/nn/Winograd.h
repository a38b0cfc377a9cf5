// SPDX-License-Identifier: GPL-3.0-or-later
// Winograd's minimal filtering for Conv2D's 3x3, stride-1 forward and input gradient (#23 item
// 2): F(2x2, 3x3) and F(4x4, 3x3) with the matrices of Lavin and Gray, "Fast Algorithms for
// Convolutional Neural Networks" (CVPR 2016). An m x m output tile is A^T [sum over c of U_c (.) V_c] A, where
// U = G g G^T is the transformed 3x3 kernel and V = B^T d B the transformed (m+2) x (m+2) input
// tile. Each of the T^2 = (m+2)^2 elements of that sum is a product (tiles, C) x (C, F), which
// ws::gemm does: 16 products instead of 36 multiply-adds per output for m = 2 (2.25 times fewer
// multiplications), 36 instead of 144 for m = 4 (4 times), plus the transforms. The price is
// rounding: the transforms' coefficients grow with m (tests/core/test_winograd.cpp measures it).
// Letters as in Conv2D.h; T = m + 2, the input tile's side.
#pragma once

#include "tensor/Gemm.h"

#include <cstdint>
#include <vector>

namespace ws {

struct WinogradGeometry {
    int64_t h = 0, w = 0, c = 0;  // input
    int64_t oh = 0, ow = 0, f = 0; // output
    int64_t padTop = 0, padLeft = 0;
};

// Buffers kept between calls (a Conv2D's scratch).
struct WinogradScratch {
    std::vector<float> u; // (T^2, C, F): the transformed kernel, computed again on every call
    std::vector<GemmPackedB> packed; // u's T^2 matrices packed for the blocks' products
    struct Part {         // one thread's block of tiles
        std::vector<float> v; // (T^2, tiles, C)
        std::vector<float> m; // (T^2, tiles, F)
    };
    std::vector<Part> parts;
};

// y (N, OH, OW, F) = x (N, H, W, C) convolved (cross-correlated, as Keras does) with kernel
// (3, 3, C, F), zero-padded by padTop/padLeft and wherever the window leaves the image, plus bias
// (F) unless it is null. tile: m, 2 or 4. The results do not depend on the thread count.
void winogradForward(int tile, const WinogradGeometry& g, int64_t n, const float* x, const float* kernel,
    const float* bias, float* y, WinogradScratch& s);

} // namespace ws
