// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Dropout.h"

#include "util/Error.h"
#include "util/Rng.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>

namespace ws {

namespace {

struct DropoutScratch final : LayerScratch {
    Tensor mask;          // same shape as x: 0 or 1 / (1 - rate)
    bool masked = false;  // the last forward was a training pass (else it was the identity)
};

// One pass: the mask from one draw per element, in order (the run's random stream, which a
// recorded run replays, is the same as ever), and y = x * mask. The generator is copied into a
// local so that its state stays in registers, and the keep-or-drop choice is a bit mask rather
// than a select, which GCC left as a branch mispredicted at every dropped element; with a second
// pass for the product, the CNN's first activation took 4.4 ns an element (#23 item 3).
void maskAndScale(Rng& rng, float rate, const float* __restrict x, float* __restrict mask, float* __restrict y,
    int64_t n)
{
    const uint32_t keep = std::bit_cast<uint32_t>(1.0f / (1.0f - rate));
    const double r = rate;
    Rng local = rng;
    for (int64_t i = 0; i < n; ++i) {
        const uint32_t kept = -uint32_t(!(local.uniform() < r)); // all ones or zero
        const float m = std::bit_cast<float>(keep & kept);        // 1 / (1 - rate) or +0
        mask[i] = m;
        y[i] = x[i] * m;
    }
    rng = local;
}

} // namespace

Shape Dropout::build(const Shape& inputShape)
{
    if (!(rate_ >= 0.0f && rate_ < 1.0f))
        throwLayerShapeError(*this, "rate must be in [0, 1), got " + std::to_string(rate_));
    return inputShape;
}

std::unique_ptr<LayerScratch> Dropout::makeScratch() const { return std::make_unique<DropoutScratch>(); }

void Dropout::forward(const Tensor& x, Tensor& y, LayerScratch* scratch, const Pass& pass)
{
    y.resize(x.shape());
    const bool active = pass.training && rate_ > 0.0f;
    if (scratch)
        scratchAs<DropoutScratch>(scratch, *this).masked = active;
    if (!active) {
        std::copy_n(x.data(), x.size(), y.data());
        return;
    }
    auto& s = scratchAs<DropoutScratch>(scratch, *this);
    if (!pass.rng)
        throw Error("layer '" + name() + "' (Dropout): a training pass needs a random number generator");
    s.mask.resize(x.shape());
    maskAndScale(*pass.rng, rate_, x.data(), s.mask.data(), y.data(), x.size());
}

void Dropout::backward(const Tensor& x, const Tensor&, const Tensor& dy, Tensor* dx, LayerScratch* scratch)
{
    if (!dx)
        return;
    dx->resize(x.shape());
    const auto* s = dynamic_cast<const DropoutScratch*>(scratch);
    if (s && s->masked)
        dx->vector() = dy.vector().cwiseProduct(s->mask.vector());
    else
        std::copy_n(dy.data(), dy.size(), dx->data());
}

nlohmann::json Dropout::config() const
{
    auto j = Layer::config();
    j["rate"] = rate_;
    return j;
}

} // namespace ws
