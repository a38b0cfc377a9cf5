// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/FusedConv.h"

#include "nn/Activation.h"
#include "nn/Conv2D.h"
#include "nn/Pooling2D.h"

#include <algorithm>
#include <cstdint>

namespace ws {

namespace {

struct FusedScratch final : LayerScratch {
    // With pooling: which of a window's four positions won, 0..3 in the order
    // (top left, top right, bottom left, bottom right), for every pooled output element.
    std::vector<uint8_t> argmax; // (N, PH, PW, F)
};

bool isReLU(const Layer& layer)
{
    const auto* act = dynamic_cast<const ActivationLayer*>(&layer);
    return act && act->kind() == ActivationKind::ReLU;
}

// 2x2 windows with stride 2 that all lie inside the input: rows 2*ph, 2*ph + 1 and columns
// 2*pw, 2*pw + 1 (a last odd row or column is in no window, as with valid padding).
bool isTilingMaxPool(const Layer& layer)
{
    const auto* pool = dynamic_cast<const Pooling2D*>(&layer);
    if (!pool || pool->kind() != PoolKind::Max || pool->poolSize() != Size2 { 2, 2 } || pool->strides() != Size2 { 2, 2 })
        return false;
    const Shape& in = pool->inputShape();
    const Shape& out = pool->outputShape();
    return in.size() == 3 && out.size() == 3 && 2 * out[0] <= in[0] && 2 * out[1] <= in[1];
}

// One window position (z0..z3 its four rows of F values, in the order top left, top right,
// bottom left, bottom right): out = relu(max), arg = the first position holding the maximum, or
// kNoWinner when the maximum is <= 0 (the ReLU passes no gradient then). Written with masks and
// __restrict so that GCC vectorises the filter loop at the SSE2 baseline (with `?:` on the
// position, or with several outputs that might alias, it keeps one branch per element).
constexpr int32_t kNoWinner = 4;

void poolWindow(int64_t F, const float* __restrict z0, const float* __restrict z1, const float* __restrict z2,
    const float* __restrict z3, float* __restrict out, uint8_t* __restrict arg)
{
    for (int64_t f = 0; f < F; ++f) {
        float best = z0[f];
        int32_t at = 0;
        const float v1 = z1[f], v2 = z2[f], v3 = z3[f];
        // Strict '>' keeps the first maximum of a tie.
        int32_t take = -int32_t(v1 > best);
        best = best > v1 ? best : v1;
        at = (at & ~take) | (1 & take);
        take = -int32_t(v2 > best);
        best = best > v2 ? best : v2;
        at = (at & ~take) | (2 & take);
        take = -int32_t(v3 > best);
        best = best > v3 ? best : v3;
        at = (at & ~take) | (3 & take);
        const int32_t positive = -int32_t(best > 0.0f);
        out[f] = best > 0.0f ? best : 0.0f;
        arg[f] = uint8_t((at & positive) | (kNoWinner & ~positive));
    }
}

// dL/dz of two window positions q and q + 1 from dL/d(pooled output) d. Two positions per loop:
// GCC does not if-convert more selects than that in one loop.
void unpoolPair(int64_t F, int32_t q, const float* __restrict d, const uint8_t* __restrict arg, float* __restrict ga,
    float* __restrict gb)
{
    for (int64_t f = 0; f < F; ++f) {
        const float df = d[f];
        const int32_t at = arg[f];
        ga[f] = at == q ? df : 0.0f;
        gb[f] = at == q + 1 ? df : 0.0f;
    }
}

} // namespace

size_t FusedConv::match(const std::vector<std::unique_ptr<Layer>>& layers, size_t first)
{
    if (first + 1 >= layers.size() || !dynamic_cast<const Conv2D*>(layers[first].get()) || !isReLU(*layers[first + 1]))
        return 0;
    if (first + 2 < layers.size() && isTilingMaxPool(*layers[first + 2]))
        return 3;
    return 2;
}

FusedConv::FusedConv(Conv2D& conv, size_t first, size_t count)
    : conv_(&conv)
    , first_(first)
    , count_(count)
    , oh_(conv.outputShape().at(0))
    , ow_(conv.outputShape().at(1))
    , f_(conv.outputShape().at(2))
    , ph_(oh_ / 2)
    , pw_(ow_ / 2)
{
}

std::unique_ptr<LayerScratch> FusedConv::makeScratch() const { return std::make_unique<FusedScratch>(); }

void FusedConv::forward(const Tensor& x, Tensor& y, LayerScratch* convScratch, LayerScratch* scratch)
{
    const int64_t N = x.dim(0), OH = oh_, OW = ow_, F = f_, PH = ph_, PW = pw_;
    if (!pooled()) {
        y.resizeForOverwrite({ N, OH, OW, F });
        conv_->forwardBlocks(x, convScratch, [&](int64_t n0, int64_t count, const float* z) {
            float* r = y.data() + n0 * OH * OW * F;
            const int64_t n = count * OH * OW * F;
            for (int64_t i = 0; i < n; ++i)
                r[i] = z[i] > 0.0f ? z[i] : 0.0f;
        });
        return;
    }
    auto& s = scratchAs<FusedScratch>(scratch, *conv_);
    y.resizeForOverwrite({ N, PH, PW, F });
    s.argmax.resize(size_t(y.size()));
    conv_->forwardBlocks(x, convScratch, [&](int64_t n0, int64_t count, const float* z) {
        for (int64_t n = 0; n < count; ++n)
            for (int64_t ph = 0; ph < PH; ++ph)
                for (int64_t pw = 0; pw < PW; ++pw) {
                    const float* z0 = z + ((n * OH + 2 * ph) * OW + 2 * pw) * F;
                    const float* z1 = z0 + F;
                    const float* z2 = z0 + OW * F;
                    const float* z3 = z2 + F;
                    const int64_t o = (((n0 + n) * PH + ph) * PW + pw) * F;
                    poolWindow(F, z0, z1, z2, z3, y.data() + o, s.argmax.data() + o);
                }
    });
}

void FusedConv::backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* convScratch,
    LayerScratch* scratch)
{
    const int64_t OH = oh_, OW = ow_, F = f_, PH = ph_, PW = pw_;
    if (!pooled()) {
        conv_->backwardBlocks(x, [&](int64_t n0, int64_t count, float* g) {
            const int64_t begin = n0 * OH * OW * F;
            const float* r = y.data() + begin;
            const float* d = dy.data() + begin;
            const int64_t n = count * OH * OW * F;
            for (int64_t i = 0; i < n; ++i) {
                const float di = d[i];
                g[i] = r[i] > 0.0f ? di : 0.0f;
            }
        }, dx, convScratch);
        return;
    }
    const auto& s = scratchAs<FusedScratch>(scratch, *conv_);
    const bool partial = 2 * PH != OH || 2 * PW != OW; // a last row or column in no window
    conv_->backwardBlocks(x, [&](int64_t n0, int64_t count, float* g) {
        if (partial)
            std::fill_n(g, count * OH * OW * F, 0.0f);
        for (int64_t n = 0; n < count; ++n)
            for (int64_t ph = 0; ph < PH; ++ph)
                for (int64_t pw = 0; pw < PW; ++pw) {
                    float* g0 = g + ((n * OH + 2 * ph) * OW + 2 * pw) * F;
                    float* g1 = g0 + F;
                    float* g2 = g0 + OW * F;
                    float* g3 = g2 + F;
                    // Every position of the window is written (the winner gets the gradient,
                    // the others 0), so the block needs no clearing first.
                    const int64_t o = (((n0 + n) * PH + ph) * PW + pw) * F;
                    unpoolPair(F, 0, dy.data() + o, s.argmax.data() + o, g0, g1);
                    unpoolPair(F, 2, dy.data() + o, s.argmax.data() + o, g2, g3);
                }
    }, dx, convScratch);
}

} // namespace ws
