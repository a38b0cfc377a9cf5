// SPDX-License-Identifier: GPL-3.0-or-later
// Models as graphs (#16): layers that read several tensors (nn/Merge.h), skip connections and
// branches in Sequential, residual blocks in the compact layer syntax, graph configs with named
// inputs, and the refusals of graphs that cannot be built. Gradients are checked against central
// differences in double precision (GradCheck.h).
#include "GradCheck.h"

#include "analysis/UnitMask.h"
#include "formats/WeightFormats.h"
#include "nn/LayerFactory.h"
#include "nn/Merge.h"
#include "nn/ModelCopy.h"
#include "nn/Sequential.h"
#include "nn/TensorOps.h"
#include "nn/Where.h"
#include "util/EnumNames.h"
#include "util/Error.h"
#include "util/Threads.h"

#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>

using namespace ws;
using json = nlohmann::json;

namespace {

Tensor randomTensor(const Shape& shape, uint64_t seed, double lo = -1.0, double hi = 1.0)
{
    Tensor t(shape);
    Rng rng(seed);
    ws::test::fillRandom(t, rng, lo, hi);
    return t;
}


// Loss L = sum(w_i * y_i) of the model's output for x, in double precision.
double weightedSum(const Tensor& y, const Tensor& w)
{
    double l = 0.0;
    for (int64_t i = 0; i < y.size(); ++i)
        l += double(y[i]) * double(w[i]);
    return l;
}

// Every parameter gradient of the model against central differences; returns the worst relative
// error (GradCheck.h's measure: float32 outputs put about 1e-5 of noise on a derivative, so
// gradients near 1e-3 are only known to about 1e-2). Smooth models only (no ReLU kinks).
// `stride`: probes every stride-th element of each parameter only (big imported models).
double worstParameterError(Sequential& model, const Tensor& x, std::string& where, int64_t stride = 1)
{
    Workspace ws = model.makeWorkspace();
    const Tensor w = randomTensor([&] {
        Shape s = model.outputShape();
        s.insert(s.begin(), x.dim(0));
        return s;
    }(), 77);
    model.forward(x, ws, true);
    model.zeroGrad();
    model.backward(w, ws);
    double worst = 0.0;
    for (Param* p : model.params())
        for (int64_t i = 0; i < p->value.size(); i += stride) {
            const float saved = p->value[i];
            const double h = 1e-2 * (1.0 + std::abs(double(saved)));
            p->value[i] = float(saved + h);
            const double up = weightedSum(model.forward(x, ws, true), w), hp = double(p->value[i]) - saved;
            p->value[i] = float(saved - h);
            const double down = weightedSum(model.forward(x, ws, true), w), hm = double(saved) - double(p->value[i]);
            p->value[i] = saved;
            const double numeric = (up - down) / (hp + hm);
            const double err = ws::test::relError(p->grad[i], numeric);
            if (err > worst) {
                worst = err;
                where = p->name + "[" + std::to_string(i) + "] analytic " + std::to_string(p->grad[i]) + " numeric "
                    + std::to_string(numeric);
            }
        }
    return worst;
}

// A layer that reads several inputs, on its own: dL/dx of every input against central differences.
void checkMerge(Layer& layer, const std::vector<Shape>& shapes, double lo, double hi)
{
    const int64_t batch = 2;
    const Shape out = layer.buildMany(shapes);
    std::vector<Tensor> inputs;
    for (size_t k = 0; k < shapes.size(); ++k) {
        Shape s = shapes[k];
        s.insert(s.begin(), batch);
        inputs.push_back(randomTensor(s, 10 + k, lo, hi));
    }
    std::vector<const Tensor*> xs;
    for (const Tensor& t : inputs)
        xs.push_back(&t);
    Tensor y;
    Shape ys = out;
    ys.insert(ys.begin(), batch);
    const Tensor w = randomTensor(ys, 99);
    auto loss = [&] {
        layer.forwardMany(xs, y, nullptr, {});
        return weightedSum(y, w);
    };
    loss();
    std::vector<Tensor> grads(inputs.size());
    std::vector<Tensor*> dxs;
    for (Tensor& g : grads)
        dxs.push_back(&g);
    layer.backwardMany(xs, y, w, dxs, nullptr);
    double worst = 0.0;
    std::string where;
    for (size_t k = 0; k < inputs.size(); ++k) {
        ASSERT_EQ(grads[k].shape(), inputs[k].shape()) << layer.typeName() << " input " << k;
        for (int64_t i = 0; i < inputs[k].size(); ++i) {
            float& v = inputs[k][i];
            const float saved = v;
            // Small: Maximum and Minimum have a kink where two inputs are equal.
            const double h = 1e-3 * (1.0 + std::abs(double(saved)));
            v = float(saved + h);
            const double up = loss(), hp = double(v) - saved;
            v = float(saved - h);
            const double down = loss(), hm = double(saved) - double(v);
            v = saved;
            const double numeric = (up - down) / (hp + hm);
            const double err = ws::test::relError(grads[k][i], numeric);
            if (err > worst) {
                worst = err;
                where = "input " + std::to_string(k) + " [" + std::to_string(i) + "]";
            }
        }
    }
    EXPECT_LT(worst, 5e-3) << layer.typeName() << " at " << where;
}

} // namespace

TEST(Graph, BroadcastingFollowsNumPy)
{
    EXPECT_EQ(broadcastShapes({ { 3, 4 }, { 4 } }), (Shape { 3, 4 }));
    EXPECT_EQ(broadcastShapes({ { 3, 1 }, { 1, 4 } }), (Shape { 3, 4 }));
    EXPECT_EQ(broadcastShapes({ { 5, 1, 1 }, { 1, 6, 2 }, { 2 } }), (Shape { 5, 6, 2 }));
    EXPECT_THROW(broadcastShapes({ { 3, 4 }, { 3 } }), ShapeError);
}

TEST(Graph, MergeLayersComputeTheirOperationWithBroadcasting)
{
    Merge add(MergeKind::Add), sub(MergeKind::Subtract), mul(MergeKind::Multiply), div(MergeKind::Divide);
    const Shape a { 2, 3 }, b { 1, 3 };
    for (Merge* m : { &add, &sub, &mul, &div })
        m->buildMany({ a, b });
    Tensor x({ 1, 2, 3 }), z({ 1, 1, 3 });
    for (int i = 0; i < 6; ++i)
        x[i] = float(i + 1);
    for (int i = 0; i < 3; ++i)
        z[i] = float(10 * (i + 1));
    Tensor y;
    add.forwardMany({ &x, &z }, y, nullptr, {});
    ASSERT_EQ(y.shape(), (Shape { 1, 2, 3 }));
    // x = [[1, 2, 3], [4, 5, 6]], z = [[10, 20, 30]] stretched over both rows.
    EXPECT_FLOAT_EQ(y[0], 11.0f);
    EXPECT_FLOAT_EQ(y[5], 36.0f);
    sub.forwardMany({ &x, &z }, y, nullptr, {});
    EXPECT_FLOAT_EQ(y[4], 5.0f - 20.0f);
    mul.forwardMany({ &x, &z }, y, nullptr, {});
    EXPECT_FLOAT_EQ(y[3], 40.0f);
    div.forwardMany({ &x, &z }, y, nullptr, {});
    EXPECT_FLOAT_EQ(y[2], 3.0f / 30.0f);
}

// A squeeze-excitation's scale ((1, 1, C) over (H, W, C)) and inputs of the output's shape take
// Merge's fast path, runs of C elements over the threads; a stretch that is not a repeat of the
// output's last axes ((4, 1, 32) over (4, 5, 32)) takes the general one. Each element is checked
// against the operation applied to the inputs NumPy's broadcasting picks, in the same order, on
// one thread and on two.
TEST(Graph, MergeRunsOfARepeatedInputGiveTheElementwiseResult)
{
    const int64_t N = 3, H = 4, W = 5, C = 32;
    auto filled = [](Shape shape, float scale) {
        Tensor t(shape);
        for (int64_t i = 0; i < t.size(); ++i)
            t[i] = scale * float((i * 37) % 101 - 50);
        return t;
    };
    const Tensor x = filled({ N, H, W, C }, 0.01f), z = filled({ N, H, W, C }, 0.003f);
    const Tensor se = filled({ N, 1, 1, C }, 0.02f), rows = filled({ N, H, 1, C }, 0.05f);
    struct Case {
        MergeKind kind;
        std::vector<const Tensor*> in;
    };
    const Case cases[] = { { MergeKind::Multiply, { &x, &se } }, { MergeKind::Add, { &x, &se, &z } },
        { MergeKind::Maximum, { &se, &x } }, { MergeKind::Subtract, { &x, &z } }, { MergeKind::Divide, { &x, &se } },
        { MergeKind::Average, { &x, &rows, &z } } };
    for (int threads = 1; threads <= 2; ++threads) {
        setThreadCount(threads);
        for (const Case& c : cases) {
            Merge merge(c.kind);
            std::vector<Shape> shapes;
            for (const Tensor* t : c.in)
                shapes.push_back(Shape(t->shape().begin() + 1, t->shape().end()));
            merge.buildMany(shapes);
            Tensor y;
            merge.forwardMany(c.in, y, nullptr, {});
            ASSERT_EQ(y.shape(), x.shape());
            int wrong = 0;
            for (int64_t i = 0; i < y.size() && wrong < 3; ++i) {
                const int64_t ch = i % C, w = i / C % W, h = i / (C * W) % H, n = i / (C * W * H);
                auto in = [&](size_t k) {
                    const Tensor& t = *c.in[k];
                    const int64_t th = t.dim(1) == 1 ? 0 : h, tw = t.dim(2) == 1 ? 0 : w;
                    return t[((n * t.dim(1) + th) * t.dim(2) + tw) * C + ch];
                };
                float want = in(0);
                for (size_t k = 1; k < c.in.size(); ++k) {
                    const float v = in(k);
                    switch (c.kind) {
                    case MergeKind::Multiply: want *= v; break;
                    case MergeKind::Add:
                    case MergeKind::Average: want += v; break;
                    case MergeKind::Maximum: want = std::max(want, v); break;
                    case MergeKind::Subtract: want = want - v; break;
                    case MergeKind::Divide: want = want / v; break;
                    default: break;
                    }
                }
                if (c.kind == MergeKind::Average)
                    want *= 1.0f / float(c.in.size());
                if (std::bit_cast<uint32_t>(y[i]) != std::bit_cast<uint32_t>(want)) { // bits: 0 / 0 is NaN
                    ++wrong;
                    ADD_FAILURE() << enumName(c.kind) << " on " << threads << " thread(s): element " << i << " is "
                                  << y[i] << ", not " << want;
                }
            }
        }
    }
    setThreadCount(1);
}

// An input whose shape differs from the output's only by leading axes of 1 ((4, 5, 32) added to
// (1, 4, 5, 32)) is read element for element; beside a repeating (1, 1, 1, 32) input it must not
// be taken for one that repeats.
TEST(Graph, MergeReadsAnInputWithLeadingAxesOfOneElementForElement)
{
    Merge add(MergeKind::Add);
    ASSERT_EQ(add.buildMany({ { 1, 4, 5, 32 }, { 4, 5, 32 }, { 1, 1, 1, 32 } }), (Shape { 1, 4, 5, 32 }));
    Tensor a({ 2, 1, 4, 5, 32 }), b({ 2, 4, 5, 32 }), c({ 2, 1, 1, 1, 32 });
    for (int64_t i = 0; i < a.size(); ++i) {
        a[i] = float(i % 7);
        b[i] = float(i);
    }
    for (int64_t i = 0; i < c.size(); ++i)
        c[i] = float(1000 * i);
    Tensor y;
    add.forwardMany({ &a, &b, &c }, y, nullptr, {});
    ASSERT_EQ(y.size(), a.size());
    for (int64_t i = 0; i < y.size(); ++i) {
        const int64_t n = i / 640, ch = i % 32;
        ASSERT_EQ(y[i], a[i] + b[i] + c[n * 32 + ch]) << "element " << i;
    }
}

TEST(Graph, MergeGradientsMatchCentralDifferences)
{
    for (MergeKind kind : enumValues<MergeKind>()) {
        Merge layer(kind);
        layer.setName(std::string(enumName(kind)));
        // Divide: denominators away from zero; Maximum/Minimum: ties are unlikely with random values.
        const bool positive = kind == MergeKind::Divide;
        checkMerge(layer, { { 3, 4 }, { 1, 4 } }, positive ? 0.5 : -1.0, positive ? 1.5 : 1.0);
        if (layer.inputCount() == 0)
            checkMerge(layer, { { 2, 3 }, { 3 }, { 2, 1 } }, -1.0, 1.0);
    }
}

TEST(Graph, ConcatenateJoinsAlongAnAxisAndSplitsItsGradient)
{
    Concatenate cat(-1);
    cat.setName("cat");
    EXPECT_EQ(cat.buildMany({ { 2, 3 }, { 2, 1 } }), (Shape { 2, 4 }));
    Tensor a({ 1, 2, 3 }), b({ 1, 2, 1 });
    for (int i = 0; i < 6; ++i)
        a[i] = float(i);
    b[0] = 100.0f;
    b[1] = 200.0f;
    Tensor y;
    cat.forwardMany({ &a, &b }, y, nullptr, {});
    const std::vector<float> want { 0, 1, 2, 100, 3, 4, 5, 200 };
    ASSERT_EQ(y.size(), 8);
    for (int i = 0; i < 8; ++i)
        EXPECT_FLOAT_EQ(y[i], want[size_t(i)]) << i;
    Concatenate first(1);
    first.setName("first");
    EXPECT_EQ(first.buildMany({ { 2, 3 }, { 5, 3 } }), (Shape { 7, 3 }));
    checkMerge(first, { { 2, 3 }, { 5, 3 } }, -1.0, 1.0);
    checkMerge(cat, { { 2, 3 }, { 2, 1 } }, -1.0, 1.0);
    Concatenate batchAxis(0);
    batchAxis.setName("batch");
    EXPECT_THROW(batchAxis.buildMany({ { 2 }, { 2 } }), ShapeError);
    EXPECT_THROW(cat.buildMany({ { 2, 3 }, { 3, 1 } }), ShapeError);
}

TEST(Graph, AResidualBlockAddsTheBlockOutputToItsInput)
{
    Sequential model = ws::test::modelFromSpec({ 4 }, "dense(6) tanh res(dense(6) tanh dense(6)) tanh dense(3)");
    ASSERT_EQ(model.size(), 8u); // dense tanh [dense tanh dense] add tanh dense
    const Layer& add = model.layer(5);
    EXPECT_EQ(add.typeName(), "Add");
    EXPECT_EQ(model.summary()[5].inputs, (std::vector<std::string> { "dense_3", "tanh_1" }));
    EXPECT_EQ(model.inputs(5), (std::vector<int> { 4, 1 }));
    EXPECT_EQ(model.inputs(6), (std::vector<int> { 5 })) << "the layer after the block reads the Add";
    EXPECT_FALSE(model.isChain());
    const Tensor x = randomTensor({ 3, 4 }, 5);
    Workspace ws = model.makeWorkspace();
    model.forward(x, ws, false);
    for (int64_t i = 0; i < ws.outputs[5].size(); ++i)
        EXPECT_FLOAT_EQ(ws.outputs[5][i], ws.outputs[4][i] + ws.outputs[1][i]) << i;
}

TEST(Graph, ParameterGradientsFlowThroughBranchesAndSkipConnections)
{
    // The skip connection's input (tanh_1) is read twice, so its gradient is the sum of two.
    Sequential residual = ws::test::modelFromSpec({ 4 }, "dense(5) tanh res(dense(5) sigmoid dense(5)) tanh dense(2)");
    std::string where;
    EXPECT_LT(worstParameterError(residual, randomTensor({ 3, 4 }, 6), where), 1e-2) << where;

    // Two branches joined by Concatenate and a Multiply that reads one layer twice.
    const json config = {
        { "input_shape", { 3 } },
        { "layers",
            json::array({ { { "type", "Dense" }, { "name", "a" }, { "units", 4 } },
                { { "type", "Tanh" }, { "name", "ta" } },
                { { "type", "Dense" }, { "name", "b" }, { "units", 2 }, { "inputs", { "input" } } },
                { { "type", "Multiply" }, { "name", "sq" }, { "inputs", { "b", "b" } } },
                { { "type", "Concatenate" }, { "name", "cat" }, { "inputs", { "ta", "sq" } } },
                { { "type", "Dense" }, { "name", "head" }, { "units", 2 } } }) },
    };
    Sequential branches = Sequential::fromConfig(config);
    branches.initialize(3);
    EXPECT_EQ(branches.outputShape(), (Shape { 2 }));
    EXPECT_LT(worstParameterError(branches, randomTensor({ 2, 3 }, 7), where), 1e-2) << where;
}

TEST(Graph, GraphConfigsRoundTripAndChainConfigsStayAsTheyWere)
{
    Sequential chain = ws::test::modelFromSpec({ 4 }, "dense(3) relu dense(2)");
    const json chainConfig = chain.config(); // kept: the loop walks a part of it
    for (const json& layer : chainConfig.at("layers"))
        EXPECT_FALSE(layer.contains("inputs")) << layer.dump();
    EXPECT_TRUE(chain.isChain());

    Sequential model = ws::test::modelFromSpec({ 4 }, "dense(6) tanh res(dense(6) tanh dense(6)) tanh dense(3)", 4);
    const json config = model.config();
    EXPECT_EQ(config.at("layers").at(5).at("inputs"), json({ "dense_3", "tanh_1" }));
    Sequential copy = copyModel(model);
    EXPECT_EQ(copy.config(), config);
    const Tensor x = randomTensor({ 2, 4 }, 8);
    Workspace a = model.makeWorkspace(), b = copy.makeWorkspace();
    const Tensor ya = model.forward(x, a, false);
    const Tensor& yb = copy.forward(x, b, false);
    for (int64_t i = 0; i < ya.size(); ++i)
        EXPECT_EQ(ya[i], yb[i]);
}

// #16 item 4: a model with several outputs (a Keras Model(x, [a, b])): the last layer first, the
// others named; they need feed no layer, survive the config, and the inference pass fills them.
TEST(Graph, FurtherOutputsAreKeptAndNeedFeedNoLayer)
{
    const json layers = json::array({ { { "type", "Dense" }, { "name", "a" }, { "units", 3 } },
        { { "type", "Dense" }, { "name", "b" }, { "units", 2 }, { "inputs", { "input" } } } });
    json config = { { "input_shape", Shape { 4 } }, { "layers", layers } };
    EXPECT_THROW(Sequential::fromConfig(config), ShapeError) << "'a' feeds nothing and is no output";
    config["outputs"] = { "b", "a" };
    Sequential model = Sequential::fromConfig(config);
    EXPECT_EQ(model.outputs(), (std::vector<int> { 1, 0 }));
    EXPECT_EQ(model.outputCount(), 2u);
    EXPECT_EQ(model.config().at("outputs"), json({ "b", "a" }));
    EXPECT_EQ(Sequential::fromConfig(model.config()).outputs(), model.outputs());
    model.initialize(3);
    Tensor x({ 2, 4 });
    for (int64_t i = 0; i < x.size(); ++i)
        x[i] = 0.25f * float(i) - 1.0f;
    Workspace ws = model.makeWorkspace();
    EXPECT_EQ(&model.forward(x, ws, false), &ws.outputs[1]) << "forward returns the first output";
    EXPECT_EQ(ws.outputs[0].shape(), (Shape { 2, 3 }));

    config["outputs"] = { "a", "b" };
    EXPECT_THROW(Sequential::fromConfig(config), ConfigError) << "the first output must be the last layer";
    config["outputs"] = { "b", "b" };
    EXPECT_THROW(Sequential::fromConfig(config), ConfigError);
    config["outputs"] = { "b", "nowhere" };
    EXPECT_THROW(Sequential::fromConfig(config), ConfigError);
    // A model of one output keeps the config it always had.
    EXPECT_FALSE(Sequential::fromConfig({ { "input_shape", Shape { 4 } }, { "layers", json::array({ { { "type", "Dense" }, { "units", 2 } } }) } })
                     .config()
                     .contains("outputs"));
}

TEST(Graph, GraphsThatCannotBeBuiltAreRefusedByName)
{
    auto refusal = [](const json& layers, const Shape& input = { 4 }) -> std::string {
        try {
            Sequential::fromConfig({ { "input_shape", input }, { "layers", layers } });
        } catch (const Error& e) {
            return e.what();
        }
        return "(accepted)";
    };
    // A layer that reads one defined after it: a cycle cannot be written.
    EXPECT_NE(refusal(json::array({ { { "type", "Dense" }, { "name", "a" }, { "units", 4 }, { "inputs", { "b" } } },
                  { { "type", "Dense" }, { "name", "b" }, { "units", 4 } } }))
                  .find("'b'"),
        std::string::npos);
    // An output nothing reads.
    EXPECT_NE(refusal(json::array({ { { "type", "Dense" }, { "name", "a" }, { "units", 4 } },
                  { { "type", "Dense" }, { "name", "b" }, { "units", 4 }, { "inputs", { "input" } } } }))
                  .find("layer 'a' is not used"),
        std::string::npos);
    // Shapes that do not broadcast: the message names the layer.
    EXPECT_NE(refusal(json::array({ { { "type", "Dense" }, { "name", "a" }, { "units", 3 } },
                  { { "type", "Add" }, { "name", "sum" }, { "inputs", { "a", "input" } } } }))
                  .find("layer 'sum' (Add)"),
        std::string::npos);
    // Wrong input counts.
    EXPECT_NE(refusal(json::array({ { { "type", "Subtract" }, { "name", "d" }, { "inputs", { "input", "input", "input" } } } }))
                  .find("needs 2"),
        std::string::npos);
    EXPECT_NE(refusal(json::array({ { { "type", "Add" }, { "name", "s" } } })).find("two or more"), std::string::npos);
    EXPECT_NE(refusal(json::array({ { { "type", "Dense" }, { "units", 2 }, { "inputs", { "input", "input" } } } }))
                  .find("needs 1"),
        std::string::npos);
    EXPECT_NE(refusal(json::array({ { { "type", "Dense" }, { "name", "input" }, { "units", 2 } } })).find("model's input"),
        std::string::npos);
    EXPECT_NE(refusal(json::array({ { { "type", "Dense" }, { "units", 2 }, { "inputs", "dense_0" } } })).find("list"),
        std::string::npos);
    // The compact form.
    EXPECT_THROW(parseLayerSpec("dense(4) res()"), ConfigError);
    EXPECT_THROW(parseLayerSpec("dense(4) res(dense(4)"), ConfigError);
    EXPECT_THROW(parseLayerSpec("dense(4) )"), ConfigError);
    EXPECT_NE(refusal(parseLayerSpec("dense(4) res(dense(3))")).find("(Add)"), std::string::npos);
}

TEST(Graph, AResidualCnnFusesItsChainsAndGivesTheUnfusedResults)
{
    Sequential model = ws::test::modelFromSpec({ 6, 6, 2 },
        "conv2d(3, 3, padding=same) relu res(conv2d(3, 3, padding=same) relu conv2d(3, 3, padding=same)) relu "
        "maxpool2d(2) flatten dense(2)",
        2);
    // conv_1 + relu_1 (relu_1 is read by the block and the Add: it is the group's kept output)
    // and conv_2 + relu_2 fuse; conv_3 is followed by the Add.
    ASSERT_EQ(model.fusedGroups().size(), 2u);
    EXPECT_EQ(model.fusedGroups()[0].first(), 0u);
    EXPECT_EQ(model.fusedGroups()[1].first(), 2u);
    const Tensor x = randomTensor({ 2, 6, 6, 2 }, 3);
    const Tensor dOut = randomTensor({ 2, 2 }, 4);
    auto step = [&](bool fusion, std::vector<Tensor>& grads) {
        model.setFusion(fusion);
        Workspace ws = model.makeWorkspace();
        const Tensor y = model.forward(x, ws, true);
        model.zeroGrad();
        model.backward(dOut, ws);
        grads.clear();
        for (Param* p : model.params())
            grads.push_back(p->grad);
        return y;
    };
    std::vector<Tensor> fusedGrads, plainGrads;
    const Tensor fused = step(true, fusedGrads), plain = step(false, plainGrads);
    for (int64_t i = 0; i < plain.size(); ++i)
        EXPECT_NEAR(fused[i], plain[i], 1e-5);
    for (size_t p = 0; p < plainGrads.size(); ++p)
        for (int64_t i = 0; i < plainGrads[p].size(); ++i)
            ASSERT_NEAR(fusedGrads[p][i], plainGrads[p][i], 1e-4 * (1.0 + std::abs(plainGrads[p][i]))) << p << " " << i;
}

TEST(Graph, AResidualNetworkLearns)
{
    // Plain gradient descent on y = sin(x0) + x1^2 with a residual MLP: the loss falls by 5x.
    Sequential model = ws::test::modelFromSpec({ 2 }, "dense(16) tanh res(dense(16) tanh dense(16)) tanh dense(1)", 9);
    const int64_t n = 64;
    Tensor x = randomTensor({ n, 2 }, 11), target({ n, 1 });
    for (int64_t i = 0; i < n; ++i)
        target[i] = std::sin(2.0f * x[2 * i]) + x[2 * i + 1] * x[2 * i + 1];
    Workspace ws = model.makeWorkspace();
    auto mse = [&](bool learn) {
        const Tensor& y = model.forward(x, ws, learn);
        Tensor dy(y.shape());
        double loss = 0.0;
        for (int64_t i = 0; i < n; ++i) {
            const double e = double(y[i]) - target[i];
            loss += e * e / double(n);
            dy[i] = float(2.0 * e / double(n));
        }
        if (learn) {
            model.zeroGrad();
            model.backward(dy, ws);
            for (Param* p : model.params())
                for (int64_t i = 0; i < p->value.size(); ++i)
                    p->value[i] -= 0.05f * p->grad[i];
        }
        return loss;
    };
    const double before = mse(false);
    for (int step = 0; step < 600; ++step)
        mse(true);
    EXPECT_LT(mse(false), before / 5.0) << "from " << before;
}

TEST(Graph, TheIssuesResidualCnnSpecBuildsForFashionMnist)
{
    // The residual CNN of #16, in the compact form, on Fashion-MNIST's (28, 28, 1) images.
    Sequential model = ws::test::modelFromSpec({ 28, 28, 1 },
        "conv2d(8, 3, padding=same) bn relu res(conv2d(8, 3, padding=same) bn relu conv2d(8, 3, padding=same) bn) "
        "relu maxpool2d(2) flatten dense(10)");
    const std::vector<LayerSummary> rows = model.summary();
    ASSERT_EQ(rows.size(), 13u); // conv bn relu [conv bn relu conv bn] add relu maxpool flatten dense
    EXPECT_EQ(rows[8].type, "Add");
    EXPECT_EQ(rows[8].inputs, (std::vector<std::string> { "batchnormalization_3", "relu_1" }));
    EXPECT_EQ(rows[8].outputShape, (Shape { 28, 28, 8 }));
    EXPECT_EQ(model.outputShape(), (Shape { 10 }));
    Workspace ws = model.makeWorkspace();
    const Tensor x = randomTensor({ 4, 28, 28, 1 }, 2);
    const Tensor& y = model.forward(x, ws, true);
    ASSERT_EQ(y.shape(), (Shape { 4, 10 }));
    model.zeroGrad();
    model.backward(randomTensor({ 4, 10 }, 3), ws);
    double norm = 0.0;
    for (const Param* p : model.params())
        for (int64_t i = 0; i < p->grad.size(); ++i)
            norm += double(p->grad[i]) * p->grad[i];
    EXPECT_GT(norm, 0.0);
}

TEST(Graph, AblationMasksWhatEveryReaderOfALayerSees)
{
    // tanh_1 is read by the block's dense_2 and by the Add: both see unit 0 switched off.
    Sequential model = ws::test::modelFromSpec({ 4 }, "dense(3) tanh res(dense(3)) dense(2)");
    UnitMask mask;
    mask.setOff(1, 0);
    const Tensor x = randomTensor({ 5, 4 }, 12);
    Workspace ws = model.makeWorkspace(), plain = model.makeWorkspace();
    forwardMasked(model, x, ws, mask);
    model.forward(x, plain, false);
    Tensor masked = plain.outputs[1];
    mask.apply(1, masked);
    Tensor denseOnMasked;
    model.layer(2).forward(masked, denseOnMasked, nullptr, {});
    for (int64_t r = 0; r < 5; ++r) {
        EXPECT_EQ(ws.outputs[1][r * 3], 0.0f);
        EXPECT_NE(plain.outputs[1][r * 3], 0.0f);
        for (int64_t u = 0; u < 3; ++u)
            EXPECT_FLOAT_EQ(ws.outputs[3][r * 3 + u], denseOnMasked[r * 3 + u] + masked[r * 3 + u]) << r << " " << u;
    }
}

// Batched matrix products of two activations (attention's Q K^T and weights times V): the
// leading axes broadcast as in NumPy.
TEST(Graph, MatMulMultipliesBatchedMatricesWithBroadcasting)
{
    MatMul layer;
    layer.setName("qk");
    ASSERT_EQ(layer.buildMany({ { 2, 3, 4 }, { 1, 4, 5 } }), (Shape { 2, 3, 5 }));
    const Tensor a = randomTensor({ 2, 2, 3, 4 }, 5), b = randomTensor({ 2, 1, 4, 5 }, 6);
    Tensor y;
    layer.forwardMany({ &a, &b }, y, nullptr, {});
    for (int64_t n = 0; n < 2; ++n)
        for (int64_t m = 0; m < 2; ++m)
            for (int64_t i = 0; i < 3; ++i)
                for (int64_t j = 0; j < 5; ++j) {
                    double want = 0.0;
                    for (int64_t k = 0; k < 4; ++k)
                        want += double(a[((n * 2 + m) * 3 + i) * 4 + k]) * double(b[(n * 4 + k) * 5 + j]);
                    EXPECT_NEAR(y[((n * 2 + m) * 3 + i) * 5 + j], want, 1e-5);
                }
    checkMerge(layer, { { 2, 3, 4 }, { 1, 4, 5 } }, -1.0, 1.0);
    MatMul wrong;
    EXPECT_THROW(wrong.buildMany({ { 3, 4 }, { 3, 5 } }), ShapeError);
}

// Graphs train: every parameter gradient of an imported transformer encoder (two layers, GELU,
// opset 13's layer norm of ReduceMean, Sub, Pow, Sqrt, Div) against central differences.
// #16: gradients through Where. The layer alone, with a constant condition that picks each
// input in turn and a broadcast b; and the imported masked models (a padding mask made from the
// input, a GPT-2 block's causal masked_fill), parameter by parameter.
TEST(Graph, WhereGivesTheGradientToTheOperandItPicked)
{
    std::array<std::optional<Where::Constant>, 3> operands;
    operands[0] = Where::Constant { { 1, 4 }, { 1, 0, 0, 1 } };
    Where where(operands);
    where.setName("where");
    checkMerge(where, { { 3, 4 }, { 1, 4 } }, -1.0, 1.0);
    const Tensor a = randomTensor({ 1, 3, 4 }, 1), b = randomTensor({ 1, 1, 4 }, 2);
    Tensor y;
    where.forwardMany({ &a, &b }, y, nullptr, {});
    EXPECT_EQ(y[0], a[0]);
    EXPECT_EQ(y[1], b[1]);
    EXPECT_EQ(y[6], b[2]);
    EXPECT_EQ(y[11], a[11]);
}

TEST(Graph, ImportedMaskedAttentionHasTheGradientsOfItsFunction)
{
    const std::string dir = std::string(WS_TEST_DATA_DIR) + "/onnx/";
    for (const char* name : { "encoder_padmask_op13", "gpt_block_op17" }) {
        Sequential model = *openWeightFile(dir + name + ".onnx")->model();
        const Tensor x = openWeightFile(dir + name + "_input.npy")->readTensor(0); // padded steps included
        std::string where;
        EXPECT_LT(worstParameterError(model, x, where, 23), 0.1) << name << ": " << where;
    }
}

TEST(Graph, AnImportedTransformerEncoderHasTheGradientsOfItsFunction)
{
    Sequential model = *openWeightFile(std::string(WS_TEST_DATA_DIR) + "/onnx/encoder2_gelu_op13.onnx")->model();
    std::string where;
    // 0.1: deep float32 sums put about 5e-5 of noise on the numeric derivative, which relError
    // measures against 1e-3 for the smallest gradients; a wrong backward is off by far more.
    EXPECT_LT(worstParameterError(model, randomTensor({ 2, 6, 8 }, 3), where, 23), 0.1) << where;
}
