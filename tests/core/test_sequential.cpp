// SPDX-License-Identifier: GPL-3.0-or-later
// Building, summarising and (de)serialising Sequential models.
#include "nn/Activation.h"
#include "nn/Dense.h"
#include "nn/LayerFactory.h"
#include "nn/Sequential.h"
#include "util/Error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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
