// SPDX-License-Identifier: GPL-3.0-or-later
// What the convolution algorithm tests (test_winograd.cpp, test_direct_conv.cpp: one executable)
// share: one Conv2D with random weights and input, its output summed in double, the error on the
// output's scale, and a guard that puts back the algorithm and thread count a test forced.
#pragma once

#include "GradCheck.h"

#include "nn/Conv2D.h"
#include "nn/ConvAlgorithm.h"
#include "nn/Sequential.h"
#include "nn/Window2D.h"
#include "util/Rng.h"
#include "util/Threads.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace ws::test {

// Restores the algorithm and thread count a test changed.
struct RestoreConvSettings {
    ConvAlgorithm algorithm = convAlgorithm();
    int threads = threadCount();
    ~RestoreConvSettings()
    {
        setConvAlgorithm(algorithm);
        setThreadCount(threads);
    }
};

// y of `conv` (built) for the batch x, in double: the bias, then the sum over each window,
// skipping what lies in the padding as Window2D.h defines it. Any kernel and strides.
inline std::vector<double> convolutionInDouble(Conv2D& conv, const Tensor& x)
{
    const int64_t N = x.dim(0), H = x.dim(1), W = x.dim(2), C = x.dim(3), F = conv.filters();
    const Size2 k = conv.kernelSize(), s = conv.strides();
    const std::optional<Padding2D>& pads = conv.pads();
    const WindowAxis rows = pads ? windowAxis(H, k.h, s.h, pads->top, pads->bottom) : windowAxis(H, k.h, s.h, conv.padding());
    const WindowAxis cols = pads ? windowAxis(W, k.w, s.w, pads->left, pads->right) : windowAxis(W, k.w, s.w, conv.padding());
    const int64_t OH = rows.out, OW = cols.out, pt = rows.padBefore, pl = cols.padBefore;
    const Tensor& K = conv.kernel().value;
    std::vector<double> out(size_t(N * OH * OW * F));
    std::vector<double> acc(static_cast<size_t>(F));
    for (int64_t n = 0; n < N; ++n)
        for (int64_t oh = 0; oh < OH; ++oh)
            for (int64_t ow = 0; ow < OW; ++ow) {
                for (int64_t f = 0; f < F; ++f)
                    acc[size_t(f)] = conv.useBias() ? conv.bias().value[f] : 0.0;
                for (int64_t i = 0; i < k.h; ++i)
                    for (int64_t j = 0; j < k.w; ++j) {
                        const int64_t h = oh * s.h - pt + i, w = ow * s.w - pl + j;
                        if (h < 0 || h >= H || w < 0 || w >= W)
                            continue;
                        for (int64_t c = 0; c < C; ++c) {
                            const double v = x[((n * H + h) * W + w) * C + c];
                            const float* kf = K.data() + ((i * k.w + j) * C + c) * F;
                            for (int64_t f = 0; f < F; ++f)
                                acc[size_t(f)] += v * kf[f];
                        }
                    }
                std::copy(acc.begin(), acc.end(), out.begin() + ((n * OH + oh) * OW + ow) * F);
            }
    return out;
}

// One Conv2D over a batch of n random h x w x c images: weights from `seed`, bias (if any) and
// input from seed + 1.
struct ConvUnderTest {
    Sequential model;
    Tensor x;

    ConvUnderTest(int64_t n, int64_t h, int64_t w, int64_t c, int64_t f, Size2 kernel, Size2 strides, Padding padding,
        bool bias, uint64_t seed, std::optional<Padding2D> pads = std::nullopt)
        : model({ h, w, c })
        , x({ n, h, w, c })
    {
        auto& conv = model.emplace<Conv2D>(f, kernel, strides, padding, bias);
        if (pads)
            conv.setPads(*pads);
        model.build();
        model.initialize(seed);
        Rng rng(seed + 1);
        if (bias)
            fillRandom(conv.bias().value, rng);
        fillRandom(x, rng);
    }

    Conv2D& layer() { return static_cast<Conv2D&>(model.layer(0)); }

    // An inference forward with `algorithm` forced on `threads` threads.
    Tensor forward(ConvAlgorithm algorithm, int threads)
    {
        setConvAlgorithm(algorithm);
        setThreadCount(threads);
        Workspace ws = model.makeWorkspace();
        return model.forward(x, ws, false);
    }

    std::vector<double> inDouble() { return convolutionInDouble(layer(), x); }

    // Inference forwards in one workspace: the whole batch, then its first sample alone. A scratch
    // that grows and shrinks with the batch must not leave the second reading stale data, so the
    // second output must be the first sample's part of the first (the caller compares them).
    struct BatchThenSample {
        Tensor batch, sample;
    };
    BatchThenSample batchThenFirstSample()
    {
        Workspace ws = model.makeWorkspace();
        BatchThenSample out;
        out.batch = model.forward(x, ws, false);
        Shape shape = x.shape();
        shape[0] = 1;
        Tensor first(shape);
        std::copy_n(x.data(), first.size(), first.data());
        out.sample = model.forward(first, ws, false);
        return out;
    }
};

// max |got - want| / max |want|: the error on the output's scale.
inline double relativeError(const Tensor& got, const std::vector<double>& want)
{
    double worst = 0, scale = 0;
    for (int64_t i = 0; i < got.size(); ++i) {
        worst = std::max(worst, std::abs(double(got[i]) - want[size_t(i)]));
        scale = std::max(scale, std::abs(want[size_t(i)]));
    }
    return scale > 0 ? worst / scale : worst;
}

} // namespace ws::test
