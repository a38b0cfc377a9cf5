// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Dropout.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ws {

namespace {

struct DropoutScratch final : LayerScratch {
    Tensor mask;          // same shape as x: 0 or 1 / (1 - rate)
    bool masked = false;  // the last forward was a training pass (else it was the identity)
};

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
    const float keep = 1.0f / (1.0f - rate_);
    const double rate = rate_;
    Rng& rng = *pass.rng;
    for (int64_t i = 0; i < x.size(); ++i)
        s.mask[i] = rng.uniform() < rate ? 0.0f : keep;
    y.vector() = x.vector().cwiseProduct(s.mask.vector());
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
