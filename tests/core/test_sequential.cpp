// SPDX-License-Identifier: GPL-3.0-or-later
// Building, summarising and (de)serialising Sequential models.
#include "GradCheck.h"

#include "nn/Activation.h"
#include "nn/Dense.h"
#include "nn/LayerFactory.h"
#include "nn/Sequential.h"
#include "util/Error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <set>

using namespace ws;

TEST(Sequential, SummaryReportsOutputShapesAndParameterCounts)
{
    Sequential model({ 784 });
    model.emplace<Dense>(256);
    model.emplace<ActivationLayer>(ActivationKind::ReLU);
    model.emplace<Dense>(10);
    model.build();
    const auto rows = model.summary();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].name, "dense_1");
    EXPECT_EQ(rows[0].outputShape, (Shape { 256 }));
    EXPECT_EQ(rows[0].params, 784 * 256 + 256);
    EXPECT_EQ(rows[1].name, "relu_1");
    EXPECT_EQ(rows[2].name, "dense_2");
    EXPECT_EQ(model.paramCount(), 784 * 256 + 256 + 256 * 10 + 10);
}

TEST(Sequential, ConfigRoundTripsThroughJson)
{
    Sequential model({ 4 });
    model.emplace<Dense>(8);
    model.emplace<ActivationLayer>(ActivationKind::LeakyReLU, 0.1f);
    model.emplace<Dense>(2, false);
    model.build();
    const auto config = model.config();
    Sequential copy = Sequential::fromConfig(config);
    EXPECT_EQ(copy.config(), config);
    EXPECT_EQ(copy.paramCount(), model.paramCount());
}

TEST(Sequential, CompactSpecBuildsTheSameModel)
{
    const auto layers = parseLayerSpec("dense(16) relu; dense(units=3, use_bias=false) softmax");
    Sequential model = Sequential::fromConfig({ { "input_shape", { 5 } }, { "layers", layers } });
    ASSERT_EQ(model.size(), 4u);
    EXPECT_EQ(model.layer(2).typeName(), "Dense");
    EXPECT_EQ(model.paramCount(), 5 * 16 + 16 + 16 * 3);
    EXPECT_EQ(model.outputShape(), (Shape { 3 }));
}

TEST(Sequential, SpecErrorsSayWhatIsWrong)
{
    EXPECT_THROW(parseLayerSpec("dense(16"), ConfigError);
    EXPECT_THROW(parseLayerSpec("banana"), ConfigError);
    EXPECT_THROW(parseLayerSpec(""), ConfigError);
    try {
        parseLayerSpec("dense(1, 2, 3, 4)");
        FAIL() << "too many arguments accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("dense"), std::string::npos) << e.what();
    }
}

TEST(Sequential, RejectsDuplicateLayerNames)
{
    Sequential model({ 2 });
    model.add(makeLayer({ { "type", "Dense" }, { "units", 2 }, { "name", "a" } }));
    EXPECT_THROW(model.add(makeLayer({ { "type", "Dense" }, { "units", 2 }, { "name", "a" } })), ConfigError);
}

TEST(Sequential, ForwardRejectsBatchOfTheWrongShape)
{
    Sequential model({ 3 });
    model.emplace<Dense>(2);
    model.build();
    Workspace ws = model.makeWorkspace();
    Tensor x({ 4, 5 });
    EXPECT_THROW(model.forward(x, ws, false), ShapeError);
}

TEST(Sequential, SameSeedGivesSameInitialWeights)
{
    auto make = [](uint64_t seed) {
        Sequential m({ 6 });
        m.emplace<Dense>(4);
        m.emplace<Dense>(3);
        m.build();
        m.initialize(seed);
        return m;
    };
    Sequential a = make(7), b = make(7), c = make(8);
    EXPECT_EQ(a.params()[0]->value, b.params()[0]->value);
    EXPECT_EQ(a.params()[2]->value, b.params()[2]->value);
    EXPECT_NE(a.params()[0]->value, c.params()[0]->value);
}

// fuzz_model_config (CI, 2026-11-26): nlohmann converts a float to an integer with a plain cast,
// undefined behaviour for 2.4e125; such configs are refused instead.
TEST(Sequential, RefusesFloatsWhereTheConfigNeedsIntegers)
{
    using nlohmann::json;
    EXPECT_THROW(Sequential::fromConfig(json::parse(R"({"input_shape": [2.4e125], "layers": []})")), ConfigError);
    EXPECT_THROW(Sequential::fromConfig(json::parse(R"({"input_shape": [4.5], "layers": []})")), ConfigError);
    EXPECT_THROW(makeLayer(json::parse(R"({"type": "Dense", "units": 2.4e125})")), ConfigError);
    EXPECT_THROW(makeLayer(json::parse(R"({"type": "Permute", "dims": [1e300, 2]})")), ConfigError);
    EXPECT_NO_THROW(makeLayer(json::parse(R"({"type": "Dense", "units": 3})")));
}

namespace {

// The same shape and the same bits.
bool same(const Tensor& a, const Tensor& b)
{
    return a.shape() == b.shape() && std::memcmp(a.data(), b.data(), size_t(a.size()) * sizeof(float)) == 0;
}

} // namespace

// Element-wise layers overwrite their input's buffer where nothing reads it afterwards (session
// 18, Layer::forwardsInPlace): the same bits as a pass that keeps every output, for every
// activation; an input that another layer reads later, or that is asked for (keep), keeps its
// values.
TEST(Sequential, InPlaceActivationsGiveTheSameBitsAndLeaveWhatIsReadLater)
{
    for (const std::string act : { "linear", "relu", "leaky_relu", "elu", "gelu", "gelu_tanh", "tanh", "sigmoid", "relu6",
             "hard_sigmoid", "hard_silu", "softmax" }) {
        // Layer 1 (act) reads layer 0, which the Add (layer 3) reads after it: not in place.
        // Layer 4 (act) is the only reader of the Add: in place, unless the Add is asked for.
        Sequential model = ws::test::modelFromSpec({ 6 }, "dense(40) res(" + act + " dense(40)) " + act + " dense(5)");
        ASSERT_EQ(model.layer(3).typeName(), "Add");
        ASSERT_EQ(model.layer(4).forwardsInPlace(), act != "softmax") << act;
        Rng rng(3);
        Tensor x({ 7, 6 });
        ws::test::fillRandom(x, rng, -3.0, 3.0);
        Workspace plain = model.makeWorkspace();
        const Tensor want = model.forward(x, plain, false);
        Workspace free = model.makeWorkspace();
        free.recycle = true;
        Workspace keepAdd = model.makeWorkspace();
        keepAdd.recycle = true;
        keepAdd.keep = { 3 };
        for (int pass = 0; pass < 2; ++pass) { // again with buffers from the pass before
            EXPECT_TRUE(same(model.forward(x, free, false), want)) << act << ", pass " << pass;
            EXPECT_TRUE(same(model.forward(x, keepAdd, false), want)) << act << ", pass " << pass;
            EXPECT_TRUE(same(keepAdd.outputs[3], plain.outputs[3])) << act << ": the Add's output, asked for, was overwritten";
        }
    }
}

// forwardLending (evaluate and predict): a first layer that works in place (a Flatten here)
// takes the batch's buffer instead of copying it, and the lender gets a spare back: from the
// second pass on, the buffer it lent the pass before. The same bits as forward.
TEST(Sequential, LendingTheBatchGivesTheSameBitsWithoutACopy)
{
    Sequential model = ws::test::modelFromSpec({ 4, 3, 2 }, "flatten dense(10) relu dense(3)");
    ASSERT_EQ(model.layer(0).typeName(), "Flatten");
    Rng rng(5);
    Tensor batch({ 6, 4, 3, 2 });
    ws::test::fillRandom(batch, rng);
    Workspace plain = model.makeWorkspace();
    const Tensor want = model.forward(batch, plain, false);
    Workspace lending = model.makeWorkspace();
    lending.recycle = true;
    Tensor x;
    for (int pass = 0; pass < 3; ++pass) {
        const bool warm = x.capacity() >= batch.size();
        x.resize(batch.shape()); // as evaluate's gatherBatch refills it
        std::copy_n(batch.data(), batch.size(), x.data());
        const float* lent = x.data();
        EXPECT_TRUE(same(model.forwardLending(x, lending), want)) << "pass " << pass;
        // The Flatten's output was the batch's buffer (now free in the pool): the workspace holds
        // it and no other buffer as large, so nothing copied the batch.
        int64_t large = 0;
        bool holdsLent = false;
        for (const auto* buffers : { &lending.pool, &lending.outputs })
            for (const Tensor& t : *buffers) {
                large += t.capacity() >= batch.size();
                holdsLent = holdsLent || (!t.empty() && t.data() == lent);
            }
        EXPECT_TRUE(holdsLent) << "pass " << pass;
        EXPECT_EQ(large, 1) << "pass " << pass;
        // The first pass has no spare to give back; the second gives back the first's buffer.
        EXPECT_EQ(pass >= 2, warm) << "pass " << pass;
    }
    EXPECT_THROW(model.backward(want, lending), Error) << "no backward after a pass whose batch was lent";

    // Not lent without recycling, nor when another layer reads the input (the residual's Add).
    Workspace keeping = model.makeWorkspace();
    x = batch;
    const float* own = x.data();
    EXPECT_TRUE(same(model.forwardLending(x, keeping), want));
    EXPECT_EQ(x.data(), own);
    EXPECT_TRUE(same(x, batch));
    Sequential twice = ws::test::modelFromSpec({ 6 }, "res(relu dense(6)) dense(3)");
    ASSERT_TRUE(twice.layer(0).forwardsInPlace());
    Tensor y({ 5, 6 });
    ws::test::fillRandom(y, rng, -2.0, 2.0);
    const Tensor y0 = y;
    Workspace plainTwice = twice.makeWorkspace();
    const Tensor wantTwice = twice.forward(y, plainTwice, false);
    Workspace recycled = twice.makeWorkspace();
    recycled.recycle = true;
    EXPECT_TRUE(same(twice.forwardLending(y, recycled), wantTwice));
    EXPECT_TRUE(same(y, y0)) << "the input, read again by the Add, was overwritten";
}

// predict's inference passes recycle (Workspace::recycle): an output whose last reader has run
// lends its buffer to a later layer. The outputs asked for are the same, bit for bit, with fewer
// buffers; MobileNetV3 at 224 × 224 predicted 2.4 times faster (docs/benchmarks.md).
TEST(Sequential, RecyclingInferencePassesGiveTheSameOutputsWithFewerBuffers)
{
    Sequential model = ws::test::modelFromSpec({ 4 }, "dense(16) tanh res(dense(16) tanh dense(16)) tanh dense(8) relu dense(3)");
    const size_t n = model.size();
    Rng rng(7);
    Tensor x1({ 5, 4 }), x2({ 5, 4 });
    ws::test::fillRandom(x1, rng);
    ws::test::fillRandom(x2, rng);
    Workspace plain = model.makeWorkspace();
    Workspace recycled = model.makeWorkspace();
    recycled.recycle = true;
    Workspace kept = model.makeWorkspace();
    kept.recycle = true;
    kept.keep = { 1 }; // the first tanh, read by the residual branch and by its Add
    for (const Tensor* x : { &x1, &x2, &x1 }) { // again with buffers from the pass before
        const Tensor want = model.forward(*x, plain, false);
        const Tensor tanh1 = plain.outputs[1];
        EXPECT_TRUE(same(model.forward(*x, recycled, false), want));
        EXPECT_TRUE(same(model.forward(*x, kept, false), want));
        EXPECT_TRUE(same(kept.outputs[1], tanh1)) << "the output kept is that layer's own";
        // Buffers: those still in outputs, and the free ones.
        std::set<const float*> buffers;
        for (const Tensor& t : recycled.outputs)
            if (!t.empty())
                buffers.insert(t.data());
        for (const Tensor& t : recycled.pool)
            buffers.insert(t.data());
        EXPECT_LT(buffers.size() + 3, n) << "of " << n << " layers' outputs";
    }
    // Training passes never recycle: backward reads every output.
    Workspace training = model.makeWorkspace();
    training.recycle = true;
    model.forward(x1, training, true);
    EXPECT_TRUE(training.pool.empty());
    for (size_t i = 0; i < n; ++i)
        EXPECT_FALSE(training.outputs[i].empty()) << i;
}

// zeroGradForBackward (Trainer::run): Dense writes its gradients instead of clearing and adding
// to them; the other layers' gradients are cleared as before. Whatever the gradients held
// before, one backward gives zeroGrad's gradients (equal as numbers: a sum of negative zeros is
// -0 where 0 + -0 was +0), and a second backward adds to them as it always did.
TEST(Sequential, ZeroGradForBackwardGivesTheGradientsOfZeroGradAndLaterPassesAdd)
{
    Sequential model = ws::test::modelFromSpec({ 6, 6, 2 },
        "conv2d(3,3) relu flatten dense(5) relu res(dense(5) relu) dense(3)");
    ASSERT_TRUE(model.layer(3).writesPendingGradients());
    ASSERT_FALSE(model.layer(0).writesPendingGradients());
    Rng rng(5);
    Tensor x({ 4, 6, 6, 2 }), dy({ 4, 3 });
    ws::test::fillRandom(x, rng, -1.0, 1.0);
    ws::test::fillRandom(dy, rng, -1.0, 1.0);
    const auto gradients = [&](bool lazily, int passes) {
        for (Param* p : model.params())
            p->grad.vector().setConstant(7.0f); // what an earlier batch left
        if (lazily)
            model.zeroGradForBackward();
        else
            model.zeroGrad();
        Workspace ws = model.makeWorkspace();
        for (int pass = 0; pass < passes; ++pass) {
            model.forward(x, ws, true);
            model.backward(dy, ws);
        }
        std::vector<Tensor> out;
        for (Param* p : model.params()) {
            EXPECT_FALSE(p->gradPending) << p->name;
            out.push_back(p->grad);
        }
        return out;
    };
    const std::vector<Tensor> want = gradients(false, 1), got = gradients(true, 1);
    const std::vector<Tensor> want2 = gradients(false, 2), got2 = gradients(true, 2);
    ASSERT_EQ(got.size(), 8u);
    for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(got[i], want[i]) << "parameter " << i;
        EXPECT_EQ(got2[i], want2[i]) << "parameter " << i << ", two passes";
        EXPECT_NE(want2[i], want[i]) << "parameter " << i << ": the second pass adds";
    }
}
