// SPDX-License-Identifier: GPL-3.0-or-later
// Gradient checks: analytic gradients from backward() against central differences computed in
// double precision, step h = sqrt(eps_float) * (1 + |x|), relative error
// |a - n| / max(|a|, |n|, 1e-3). The loss is L = sum(w_i * y_i) with fixed random weights w, so
// dL/dy = w and every output element matters.
#pragma once

#include "nn/Layer.h"
#include "nn/LayerFactory.h"
#include "nn/Loss.h"
#include "nn/Sequential.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

namespace ws::test {

inline double relError(double a, double n)
{
    return std::abs(a - n) / std::max({ std::abs(a), std::abs(n), 1e-3 });
}

inline void fillRandom(Tensor& t, Rng& rng, double lo = -1.0, double hi = 1.0)
{
    for (int64_t i = 0; i < t.size(); ++i)
        t[i] = float(rng.uniform(lo, hi));
}

// A built model from the compact layer form, initialised from `seed`, with its biases moved away
// from zero so that they matter.
inline Sequential modelFromSpec(const Shape& input, const std::string& spec, uint64_t seed = 1)
{
    Sequential model = Sequential::fromConfig({ { "input_shape", input }, { "layers", parseLayerSpec(spec) } });
    model.initialize(seed);
    Rng rng(seed + 10);
    for (Param* p : model.params())
        if (p->name == "bias")
            fillRandom(p->value, rng, -0.3, 0.3);
    return model;
}

// Checks dL/dx and dL/dparams of a single layer built for `sampleShape`, with batch `batch`.
// `prepareInput` may move values away from kinks (e.g. ReLU at 0). Training mode is used when
// `training` is set; a layer with randomness (dropout) must reuse its mask via the same Rng seed,
// which this check does by re-seeding the pass Rng before every forward.
inline void checkLayerGradients(Layer& layer, const Shape& sampleShape, int64_t batch, double tolerance = 2e-2,
    bool training = true, uint64_t seed = 42, const std::function<void(Tensor&)>& prepareInput = {})
{
    Sequential model(sampleShape);
    // The layer is owned by the caller; wrap it with a non-owning adapter.
    struct Borrowed final : Layer {
        explicit Borrowed(Layer& l) : inner(l) { setName(l.name().empty() ? "layer" : l.name()); }
        std::string typeName() const override { return inner.typeName(); }
        Shape build(const Shape& s) override { return inner.build(s); }
        void initialize(Rng& r) override { inner.initialize(r); }
        std::unique_ptr<LayerScratch> makeScratch() const override { return inner.makeScratch(); }
        void forward(const Tensor& x, Tensor& y, LayerScratch* s, const Pass& p) override { inner.forward(x, y, s, p); }
        void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx, LayerScratch* s) override
        {
            inner.backward(x, y, dy, dx, s);
        }
        std::vector<Param*> params() override { return inner.params(); }
        Layer& inner;
    };
    model.add(std::make_unique<Borrowed>(layer));
    model.build();
    model.initialize(seed);

    Rng rng(seed + 1);
    Shape inShape = sampleShape;
    inShape.insert(inShape.begin(), batch);
    Tensor x(inShape);
    fillRandom(x, rng);
    if (prepareInput)
        prepareInput(x);
    for (Param* p : model.params()) // bias/gamma etc. away from trivial values
        fillRandom(p->value, rng, -0.5, 0.5);

    Workspace ws = model.makeWorkspace(seed);
    auto lossAt = [&](const Tensor& input) {
        ws.rng.reseed(seed);
        const Tensor& y = model.forward(input, ws, training);
        Rng wr(seed + 2);
        double l = 0.0;
        for (int64_t i = 0; i < y.size(); ++i)
            l += double(y[i]) * wr.uniform(-1.0, 1.0);
        return l;
    };
    // Analytic.
    ws.rng.reseed(seed);
    const Tensor& y = model.forward(x, ws, training);
    Tensor dy(y.shape());
    {
        Rng wr(seed + 2);
        for (int64_t i = 0; i < dy.size(); ++i)
            dy[i] = float(wr.uniform(-1.0, 1.0));
    }
    model.zeroGrad();
    // Input gradient: backward of layer 0 with dx requested directly.
    Tensor dx;
    layer.backward(x, ws.outputs[0], dy, &dx, ws.scratch[0].get());

    const double eps = std::sqrt(double(std::numeric_limits<float>::epsilon()));
    double worst = 0.0;
    std::string worstWhere;
    auto probe = [&](float& v, double analytic, const std::string& where) {
        const float saved = v;
        const double h = eps * (1.0 + std::abs(double(saved)));
        v = float(saved + h);
        const double hp = double(v) - double(saved);
        const double up = lossAt(x);
        v = float(saved - h);
        const double hm = double(saved) - double(v);
        const double down = lossAt(x);
        v = saved;
        const double numeric = (up - down) / (hp + hm);
        const double err = relError(analytic, numeric);
        if (err > worst) {
            worst = err;
            worstWhere = where + " analytic " + std::to_string(analytic) + " numeric " + std::to_string(numeric);
        }
    };
    for (int64_t i = 0; i < x.size(); ++i)
        probe(x[i], dx[i], "dx[" + std::to_string(i) + "]");
    for (Param* p : model.params())
        for (int64_t i = 0; i < p->value.size(); ++i)
            probe(p->value[i], p->grad[i], p->name + "[" + std::to_string(i) + "]");
    EXPECT_LT(worst, tolerance) << layer.typeName() << " worst relative error at " << worstWhere;
}

} // namespace ws::test
