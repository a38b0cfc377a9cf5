// SPDX-License-Identifier: GPL-3.0-or-later
// Keras's own names for the weights of a .keras file (io/KerasVariableNames.h): the store paths
// of tests/data/keras/*.keras (laid out as Keras 3's saving_lib writes them, by
// tools/make_keras_reference.py) named as Keras names them, nested models included; and configs
// that do not fit the store, or are hostile, leaving the store paths alone.
#include "formats/WeightFormats.h"
#include "io/KerasVariableNames.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

using namespace ws;
using json = nlohmann::json;
using Names = std::map<std::string, std::string>;

namespace {

std::string dataFile(const std::string& name) { return std::string(WS_TEST_DATA_DIR) + "/keras/" + name; }

// Every line "store path -> Keras name" that differs between the two maps, for the message.
std::string differences(const Names& got, const Names& want)
{
    std::string out;
    for (const auto& [path, name] : want)
        if (!got.count(path) || got.at(path) != name)
            out += "\n  " + path + ": want '" + name + "', got '" + (got.count(path) ? got.at(path) : "(store path)") + "'";
    for (const auto& [path, name] : got)
        if (!want.count(path))
            out += "\n  " + path + ": want the store path, got '" + name + "'";
    return out;
}

struct NamedFile {
    const char* file;
    Names want;
};
void PrintTo(const NamedFile& p, std::ostream* os) { *os << p.file; }

class KerasNames : public ::testing::TestWithParam<NamedFile> { };

} // namespace

TEST_P(KerasNames, StorePathsGetTheNamesKerasGivesThem)
{
    const NamedFile& p = GetParam();
    const auto file = openWeightFile(dataFile(p.file));
    const Names got = kerasVariableNames(*file);
    EXPECT_EQ(got, p.want) << p.file << differences(got, p.want);
}

INSTANTIATE_TEST_SUITE_P(Keras3Archives, KerasNames,
    ::testing::Values(
        // A Sequential: Conv2D 'features', BatchNormalization 'norm' (gamma, beta, then the moving
        // statistics), Dense 'classes'. The optimizer's variables keep their store paths.
        NamedFile { "keras3_cnn.keras",
            { { "layers/conv2d/vars/0", "features/kernel" }, { "layers/conv2d/vars/1", "features/bias" },
                { "layers/batch_normalization/vars/0", "norm/gamma" },
                { "layers/batch_normalization/vars/1", "norm/beta" },
                { "layers/batch_normalization/vars/2", "norm/moving_mean" },
                { "layers/batch_normalization/vars/3", "norm/moving_variance" },
                { "layers/dense/vars/0", "classes/kernel" }, { "layers/dense/vars/1", "classes/bias" } } },
        // A functional MLP written as Keras < 3.3 writes it: no name attribute on the vars groups.
        NamedFile { "keras3_functional.keras",
            { { "layers/dense/vars/0", "hidden/kernel" }, { "layers/dense/vars/1", "hidden/bias" },
                { "layers/dense_1/vars/0", "out/kernel" }, { "layers/dense_1/vars/1", "out/bias" } } },
        // Two Conv2D branches: the second of a class is "<class>_1" in the store.
        NamedFile { "keras3_functional_cnn.keras",
            { { "layers/conv2d/vars/0", "branch_a/kernel" }, { "layers/conv2d/vars/1", "branch_a/bias" },
                { "layers/conv2d_1/vars/0", "branch_b/kernel" }, { "layers/conv2d_1/vars/1", "branch_b/bias" },
                { "layers/dense/vars/0", "classes/kernel" }, { "layers/dense/vars/1", "classes/bias" } } },
        // DepthwiseConv2D's kernel is "kernel" in Keras 3 (base_depthwise_conv.py; Keras 2 said
        // depthwise_kernel); SeparableConv2D keeps depthwise_kernel, pointwise_kernel, bias.
        NamedFile { "keras3_mobile.keras",
            { { "layers/conv2d/vars/0", "stem/kernel" }, { "layers/conv2d/vars/1", "stem/bias" },
                { "layers/depthwise_conv2d/vars/0", "dw/kernel" }, { "layers/depthwise_conv2d/vars/1", "dw/bias" },
                { "layers/separable_conv2d/vars/0", "sep/depthwise_kernel" },
                { "layers/separable_conv2d/vars/1", "sep/pointwise_kernel" },
                { "layers/separable_conv2d/vars/2", "sep/bias" },
                { "layers/dense/vars/0", "classes/kernel" }, { "layers/dense/vars/1", "classes/bias" } } },
        // Nested models: a Functional 'encoder' and a Sequential 'head', each layer under its
        // model's name, its store path under the model's class path.
        NamedFile { "keras3_nested.keras",
            { { "layers/functional/layers/dense/vars/0", "encoder/dense_1/kernel" },
                { "layers/functional/layers/dense/vars/1", "encoder/dense_1/bias" },
                { "layers/functional/layers/batch_normalization/vars/0", "encoder/batch_normalization/gamma" },
                { "layers/functional/layers/batch_normalization/vars/1", "encoder/batch_normalization/beta" },
                { "layers/functional/layers/batch_normalization/vars/2", "encoder/batch_normalization/moving_mean" },
                { "layers/functional/layers/batch_normalization/vars/3",
                    "encoder/batch_normalization/moving_variance" },
                { "layers/functional/layers/dense_1/vars/0", "encoder/dense_2/kernel" },
                { "layers/functional/layers/dense_1/vars/1", "encoder/dense_2/bias" },
                { "layers/dense/vars/0", "dense/kernel" }, { "layers/dense/vars/1", "dense/bias" },
                { "layers/sequential/layers/dense/vars/0", "head/dense_3/kernel" },
                { "layers/sequential/layers/dense/vars/1", "head/dense_3/bias" },
                { "layers/sequential/layers/dense_1/vars/0", "head/dense_4/kernel" },
                { "layers/sequential/layers/dense_1/vars/1", "head/dense_4/bias" } } },
        NamedFile { "keras3_seq_in_seq.keras",
            { { "layers/sequential/layers/dense/vars/0", "block/dense/kernel" },
                { "layers/sequential/layers/dense/vars/1", "block/dense/bias" },
                { "layers/sequential/layers/dense_1/vars/0", "block/dense_1/kernel" },
                { "layers/sequential/layers/dense_1/vars/1", "block/dense_1/bias" },
                { "layers/dense/vars/0", "dense_2/kernel" }, { "layers/dense/vars/1", "dense_2/bias" } } },
        NamedFile { "keras3_two_outputs.keras",
            { { "layers/dense/vars/0", "trunk/kernel" }, { "layers/dense/vars/1", "trunk/bias" },
                { "layers/dense_1/vars/0", "out_a/kernel" }, { "layers/dense_1/vars/1", "out_a/bias" },
                { "layers/dense_2/vars/0", "out_b/kernel" }, { "layers/dense_2/vars/1", "out_b/bias" } } },
        // Files that name their weights already (a legacy .h5 written by Keras 3) or have no
        // config (save_weights' .weights.h5): nothing to rename.
        NamedFile { "keras3_mlp.h5", {} }, NamedFile { "keras3_functional.weights.h5", {} }));

namespace {

// keras3_cnn.keras's config and tensors, to be damaged by each test.
struct CnnParts {
    json config;
    std::vector<TensorInfo> tensors;
    CnnParts()
    {
        const auto file = openWeightFile(dataFile("keras3_cnn.keras"));
        config = file->metadata().at("model_config");
        tensors = file->tensors();
    }
    json& layer(const std::string& name)
    {
        for (json& l : config["config"]["layers"])
            if (l["config"]["name"] == name)
                return l;
        throw std::runtime_error("no layer " + name);
    }
    Names names() const { return kerasVariableNames(config, tensors); }
};

} // namespace

TEST(KerasNamesKeepStorePaths, WhenTheConfigListsFewerLayersThanTheStoreHolds)
{
    CnnParts cnn;
    auto& layers = cnn.config["config"]["layers"];
    layers.erase(layers.size() - 1); // the Dense 'classes'
    const Names got = cnn.names();
    EXPECT_EQ(got.count("layers/dense/vars/0"), 0u) << "a layer the config does not list got a name";
    EXPECT_EQ(got.at("layers/conv2d/vars/0"), "features/kernel");
}

TEST(KerasNamesKeepStorePaths, WhenAConfigLayerStandsWhereAnotherClassWas)
{
    // Without the Conv2D the next Conv2D-class layer would be "layers/conv2d": here a second
    // Dense moved in front takes "layers/dense", whose weights are not its shape.
    CnnParts cnn;
    json extra = cnn.layer("classes");
    extra["config"]["name"] = "extra";
    extra["config"]["units"] = 7;
    auto& layers = cnn.config["config"]["layers"];
    layers.insert(layers.begin() + 1, extra);
    for (TensorInfo& t : cnn.tensors)
        t.layer.clear(); // as Keras < 3.3 writes it: no name attribute to contradict
    const Names got = cnn.names();
    EXPECT_EQ(got.count("layers/dense/vars/0"), 0u) << got.at("layers/dense/vars/0");
    EXPECT_EQ(got.count("layers/dense_1/vars/0"), 0u); // not in the store
}

TEST(KerasNamesKeepStorePaths, WhenTheVarsGroupsNameAttributeNamesAnotherLayer)
{
    CnnParts cnn;
    cnn.layer("norm")["config"]["name"] = "renamed";
    const Names got = cnn.names();
    EXPECT_EQ(got.count("layers/batch_normalization/vars/0"), 0u) << got.at("layers/batch_normalization/vars/0");
    EXPECT_EQ(got.at("layers/dense/vars/1"), "classes/bias");
}

TEST(KerasNamesKeepStorePaths, ForUnknownAndCustomClasses)
{
    CnnParts cnn;
    cnn.layer("features")["class_name"] = "MyConv"; // its store path is layers/my_conv: no tensors
    json& norm = cnn.layer("norm");
    norm["module"] = "my_layers"; // a custom class named like the built-in
    json& dense = cnn.layer("classes");
    dense["config"]["dtype"] = { { "class_name", "QuantizedDTypePolicy" },
        { "config", { { "name", "int8_from_float32" } } } };
    EXPECT_EQ(cnn.names(), Names {});
}

TEST(KerasNamesKeepStorePaths, WhenTheVariableCountDiffersFromTheConfigs)
{
    CnnParts cnn;
    cnn.layer("norm")["config"]["center"] = false; // says 3 variables; the store holds 4
    cnn.layer("classes")["config"]["use_bias"] = "yes"; // not a boolean
    const Names got = cnn.names();
    EXPECT_EQ(got.count("layers/batch_normalization/vars/2"), 0u);
    EXPECT_EQ(got.count("layers/dense/vars/0"), 0u);
    EXPECT_EQ(got.at("layers/conv2d/vars/1"), "features/bias");
}

TEST(KerasNamesKeepStorePaths, ForNamesWithASlashOrNamesTwoTensorsWouldShare)
{
    CnnParts cnn;
    cnn.layer("features")["config"]["name"] = "a/b";
    const Names slash = cnn.names();
    EXPECT_EQ(slash.count("layers/conv2d/vars/0"), 0u) << slash.at("layers/conv2d/vars/0");
    EXPECT_EQ(slash.at("layers/dense/vars/0"), "classes/kernel");

    // Two Dense layers named alike (Keras refuses that; a hand-made config need not): both would
    // be "twin/kernel", so neither is named.
    const json dense = { { "class_name", "Dense" }, { "config", { { "name", "twin" }, { "units", 2 } } } };
    const json model = { { "class_name", "Sequential" }, { "config", { { "layers", json::array({ dense, dense }) } } } };
    std::vector<TensorInfo> tensors(4);
    const char* paths[] = { "layers/dense/vars/0", "layers/dense/vars/1", "layers/dense_1/vars/0", "layers/dense_1/vars/1" };
    for (size_t i = 0; i < 4; ++i) {
        tensors[i].name = paths[i];
        tensors[i].shape = i % 2 == 0 ? Shape { 2, 2 } : Shape { 2 };
    }
    EXPECT_EQ(kerasVariableNames(model, tensors), Names {});
}

TEST(KerasNamesKeepStorePaths, ForHostileConfigsWithoutThrowing)
{
    CnnParts cnn;
    for (const json& config : { json(), json::array(), json { { "class_name", 3 } },
             json { { "class_name", "Sequential" }, { "config", { { "layers", "none" } } } },
             json { { "class_name", "Sequential" }, { "config", { { "layers", { 1, json::array(), "x" } } } } },
             json { { "class_name", "MyModel" }, { "config", cnn.config["config"] } } }) {
        Names got;
        EXPECT_NO_THROW(got = kerasVariableNames(config, cnn.tensors)) << config.dump();
        EXPECT_EQ(got, Names {}) << config.dump();
    }
    // Wrong types inside a layer leave that layer alone.
    cnn.layer("norm")["config"]["scale"] = json::array();
    cnn.layer("features")["config"]["kernel_size"] = "three";
    cnn.layer("classes")["config"]["name"] = 12;
    Names got;
    EXPECT_NO_THROW(got = cnn.names());
    EXPECT_EQ(got.count("layers/batch_normalization/vars/0"), 0u);
    EXPECT_EQ(got.count("layers/dense/vars/0"), 0u);
}

TEST(KerasNamesKeepStorePaths, ForModelsNestedDeeperThanSixteen)
{
    const auto sequential = [](const std::string& name, const json& inner) {
        return json { { "class_name", "Sequential" }, { "config", { { "name", name }, { "layers", json::array({ inner }) } } } };
    };
    const json dense = { { "class_name", "Dense" }, { "config", { { "name", "d" }, { "units", 2 }, { "use_bias", false } } } };
    TensorInfo kernel;
    kernel.shape = { 3, 2 };

    // Two deep is named by the nested models inside the top-level one (not by the top-level model).
    kernel.name = "layers/sequential/layers/dense/vars/0";
    EXPECT_EQ(kerasVariableNames(sequential("outer", sequential("inner", dense)), { kernel }),
        (Names { { kernel.name, "inner/d/kernel" } }));

    // A Dense inside 40 nested Sequentials: its store path exists, no name is made for it, and
    // the walk does not recurse 40 deep.
    json model = dense;
    std::string path = "layers/dense";
    for (int i = 0; i < 40; ++i) {
        model = sequential(std::string("s").append(std::to_string(i)), model);
        if (i > 0) // the outermost is the top-level model: its layers are at "layers/"
            path = std::string("layers/sequential/").append(path);
    }
    kernel.name = path + "/vars/0";
    Names got;
    EXPECT_NO_THROW(got = kerasVariableNames(model, { kernel }));
    EXPECT_EQ(got, Names {});
}

TEST(KerasLayerVariables, FollowKerasOptionsForNormalizationLayers)
{
    using V = std::vector<std::string>;
    EXPECT_EQ(kerasLayerVariables("BatchNormalization", json::object()),
        (V { "gamma", "beta", "moving_mean", "moving_variance" }));
    EXPECT_EQ(kerasLayerVariables("BatchNormalization", { { "center", false } }),
        (V { "gamma", "moving_mean", "moving_variance" }));
    EXPECT_EQ(kerasLayerVariables("BatchNormalization", { { "scale", false } }),
        (V { "beta", "moving_mean", "moving_variance" }));
    EXPECT_EQ(kerasLayerVariables("LayerNormalization", { { "center", false } }), (V { "gamma" }));
    EXPECT_EQ(kerasLayerVariables("LayerNormalization", { { "rms_scaling", true } }), (V { "gamma" }));
    EXPECT_EQ(kerasLayerVariables("Embedding", json::object()), (V { "embeddings" }));
    EXPECT_EQ(kerasLayerVariables("Conv2DTranspose", { { "use_bias", false } }), (V { "kernel" }));
    EXPECT_FALSE(kerasLayerVariables("MultiHeadAttention", json::object())); // sublayers, not own variables
    EXPECT_FALSE(kerasLayerVariables("Dense", { { "quantization_config", { { "mode", "int8" } } } }));
}
