// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/ConvAlgorithm.h"

#include "nn/DirectConv.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace ws {

namespace {

ConvAlgorithm fromEnvironment()
{
    const char* name = std::getenv("WS_CONV");
    if (!name)
        return ConvAlgorithm::Auto;
    if (std::strcmp(name, "im2col") == 0)
        return ConvAlgorithm::Im2col;
    if (std::strcmp(name, "winograd2") == 0)
        return ConvAlgorithm::Winograd2;
    if (std::strcmp(name, "winograd4") == 0)
        return ConvAlgorithm::Winograd4;
    if (std::strcmp(name, "direct") == 0)
        return ConvAlgorithm::Direct;
    return ConvAlgorithm::Auto;
}

std::atomic<ConvAlgorithm> gAlgorithm { fromEnvironment() };

bool winogradApplies(const ConvCase& conv)
{
    return conv.kernel == Size2 { 3, 3 } && conv.strides == Size2 { 1, 1 };
}

} // namespace

void setConvAlgorithm(ConvAlgorithm algorithm) { gAlgorithm.store(algorithm, std::memory_order_relaxed); }

ConvAlgorithm convAlgorithm() { return gAlgorithm.load(std::memory_order_relaxed); }

ConvAlgorithm chooseConvAlgorithm(const ConvCase& conv)
{
    const ConvAlgorithm forced = convAlgorithm();
    if (forced == ConvAlgorithm::Winograd2 || forced == ConvAlgorithm::Winograd4)
        return winogradApplies(conv) ? forced : ConvAlgorithm::Im2col;
    if (forced == ConvAlgorithm::Direct)
        return conv.training ? ConvAlgorithm::Im2col : forced;
    if (forced != ConvAlgorithm::Auto)
        return forced;
    const int64_t outH = conv.outH, outW = conv.outW, c = conv.c, f = conv.f;
    // From bench_layers' table (docs/benchmarks.md, "The direct convolution" and "Winograd for 3x3
    // convolutions"), samples/s of CPU time, one thread, AVX-512, batch 64 (ResNet-18's 32, its
    // stem 8):
    // - im2col for a 1x1 output (3x3 over 1x1x512: im2col 20k, direct 13k, F(2x2) 9k), where
    //   Winograd's kernel transform and the direct convolution's kernel packing cost more than
    //   the products, and for fewer than 16 filters, which nothing measured.
    // - Winograd for 3x3 stride 1 from 16 channels on (28x28x16 -> 32: F(4x4) 26k, direct 22k,
    //   im2col 17k; 14x14x32 -> 64: F(4x4) 34k, direct 23k).
    // - The direct convolution elsewhere up to 32 channels, in inference, any kernel and strides:
    //   3x3 over 1, 3 and 8 channels 3.9, 2.6 and 1.7 times im2col (1.24 times F(4x4) at 8); 5x5
    //   over 1, 3 and 8 channels 3.4, 2.2 and 1.4 times, over 32 a tie (6.3k against 6.5k, 8.3k
    //   against 8.3k, 8.6k against 6.9k); ResNet-18's 7x7 stride-2 stem over RGB 1.6 times.
    //   Training never runs it: there it would save little and change the bits of recorded runs.
    // - im2col beyond 32 channels elsewhere, the old default: ResNet-18's 3x3 and 1x1 stride-2
    //   layers over 64 channels were ties (3x3: 1.39k against the direct 1.27k in one run, 1.25k
    //   against 1.37k in another).
    // - And im2col on CPUs without FMA, where the direct convolution's baseline copy calls
    //   std::fma for every product (70 times slower than the AVX-512 copy at 28x28x1 -> 32).
    if (outH < 2 || outW < 2 || f < 16)
        return ConvAlgorithm::Im2col;
    if (winogradApplies(conv) && c >= 16) {
        // F(4x4) where it needs at most 2/3 of F(2x2)'s products (36 a 4x4 tile, 16 a 2x2 tile,
        // partial tiles counted whole) and has four or more tiles an image to pay for its kernel
        // transform. 56x56, 28x28, 8x8 and 7x7 need 0.56 of F(2x2)'s products and F(4x4) was the
        // faster: 1.3, 1.4, 1.1 and 1.2 times (7x7x512: in 2 runs of 3). 14x14 needs 0.73, and
        // F(2x2) was faster in 2 runs of 3, by 14-16 % (a tie in the third). 4x4x128, one tile an
        // image: F(2x2) 47k, F(4x4) 36k. F(2x2) elsewhere, down to 2x2 outputs (2x2x256: 37k,
        // im2col 32k).
        const int64_t tiles2 = ((outH + 1) / 2) * ((outW + 1) / 2), tiles4 = ((outH + 3) / 4) * ((outW + 3) / 4);
        return tiles4 >= 4 && 3 * 36 * tiles4 <= 2 * 16 * tiles2 ? ConvAlgorithm::Winograd4 : ConvAlgorithm::Winograd2;
    }
    if (!conv.training && c <= 32 && std::strcmp(directVariant(), "baseline") != 0)
        return ConvAlgorithm::Direct;
    return ConvAlgorithm::Im2col;
}

} // namespace ws
