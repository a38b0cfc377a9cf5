// SPDX-License-Identifier: GPL-3.0-or-later
// Which algorithm a Conv2D pass runs (#23 item 2): im2col + GEMM (nn/Conv2D.cpp), the direct
// convolution (nn/DirectConv.h) or Winograd's F(2x2, 3x3) and F(4x4, 3x3) (nn/Winograd.h),
// chosen per layer shape by a rule the bench_layers table justifies (docs/benchmarks.md,
// "Winograd for 3x3 convolutions" and "The direct convolution"). Winograd runs in training too
// (forwards and input gradients); the direct convolution in inference forwards only: in training
// it would save little (docs/benchmarks.md) and change the bits of recorded runs.
#pragma once

#include "nn/Window2D.h"

#include <cstdint>

namespace ws {

enum class ConvAlgorithm { Auto, Im2col, Winograd2, Winograd4, Direct };

// The algorithm every Conv2D pass uses where it applies (Winograd: 3x3 kernel, strides 1, forwards
// and input gradients; direct: any kernel and strides, inference forwards); passes where it does
// not apply run im2col.
// Auto follows chooseConvAlgorithm's rule. WS_CONV=im2col|winograd2|winograd4|direct in the
// environment sets the initial value (read once); tests and bench_layers set it here.
void setConvAlgorithm(ConvAlgorithm algorithm);
ConvAlgorithm convAlgorithm();

// A convolution as the rule sees it: kernel, strides, output size, input channels, filters, and
// whether it is part of a training pass.
struct ConvCase {
    Size2 kernel;
    Size2 strides;
    int64_t outH = 0, outW = 0;
    int64_t c = 0, f = 0;
    bool training = false;
};

// What an inference forward of this convolution runs with: the forced algorithm if one is set
// and applies, im2col if it is set and does not apply, else the rule (never Auto).
ConvAlgorithm chooseConvAlgorithm(const ConvCase& conv);

} // namespace ws
