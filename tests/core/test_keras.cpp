// SPDX-License-Identifier: GPL-3.0-or-later
// The Keras reader against files laid out as Keras 2 and Keras 3 write them (written by hand
// with h5py by tools/make_keras_reference.py, since Keras itself is not installed), with the
// outputs of an independent NumPy forward pass; functional models converted into engine graphs,
// fine-tuned and saved; and damaged or hostile files and graphs, each refused with a FormatError
// naming the file and the place.
#include "TempDir.h"

#include "formats/WeightFormats.h"
#include "io/KerasModel.h"
#include "io/KerasReader.h"
#include "nn/LayerFactory.h"
#include "nn/Loss.h"
#include "train/Experiment.h"
#include "train/ModelSave.h"
#include "train/Optimizer.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <tuple>

#include <unistd.h>

using namespace ws;
using ws::test::TempDir;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string dataFile(const std::string& name) { return std::string(WS_TEST_DATA_DIR) + "/keras/" + name; }

json readJson(const std::string& path)
{
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << "cannot open " << path;
    return json::parse(in);
}

// The message of the FormatError `fn` throws ("" when it throws none or another type).
std::string formatErrorOf(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const FormatError& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("(not a FormatError) ") + e.what();
    }
    return "(no error)";
}

// A copy of the first `fraction` of a file, in a temporary folder removed at the end.
struct TruncatedCopy {
    TruncatedCopy(const std::string& from, double fraction)
        : path(dir.path + "/" + fs::path(from).filename().string())
    {
        std::ifstream in(from, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(double(bytes.size()) * fraction));
    }
    TempDir dir;
    std::string path;
};

struct Reference {
    const char* file;
    const char* expected;
    const char* format;
};

class KerasReference : public ::testing::TestWithParam<Reference> {};

} // namespace

TEST_P(KerasReference, ListsEveryWeightWithItsShapeAndLayer)
{
    const auto file = openWeightFile(dataFile(GetParam().file));
    const json want = readJson(dataFile(GetParam().expected));
    EXPECT_EQ(file->format(), GetParam().format);
    ASSERT_EQ(file->tensors().size(), want["tensors"].size());
    for (size_t i = 0; i < file->tensors().size(); ++i) {
        const TensorInfo& t = file->tensors()[i];
        EXPECT_EQ(t.name, want["tensors"][i]["name"].get<std::string>()) << "tensor " << i;
        EXPECT_EQ(t.shape, want["tensors"][i]["shape"].get<Shape>()) << "tensor " << t.name;
        EXPECT_EQ(t.layer, want["tensors"][i]["layer"].get<std::string>()) << "tensor " << t.name;
        EXPECT_GT(t.nbytes, 0u) << "tensor " << t.name;
    }
}

TEST_P(KerasReference, ModelOutputsMatchNumPy)
{
    const auto file = openWeightFile(dataFile(GetParam().file));
    const json want = readJson(dataFile(GetParam().expected));
    std::optional<Sequential> model = file->model();
    ASSERT_TRUE(model.has_value());
    EXPECT_EQ(model->inputShape(), want["input_shape"].get<Shape>());
    const auto& inputs = want["inputs"];
    Shape batchShape = want["input_shape"].get<Shape>();
    batchShape.insert(batchShape.begin(), int64_t(inputs.size()));
    Tensor x(batchShape);
    for (size_t n = 0; n < inputs.size(); ++n)
        for (size_t k = 0; k < inputs[n].size(); ++k)
            x.data()[n * inputs[n].size() + k] = inputs[n][k].get<float>();
    Workspace ws = model->makeWorkspace();
    const Tensor& y = model->forward(x, ws, false);
    const auto& outputs = want["outputs"];
    ASSERT_EQ(y.size(), int64_t(outputs.size() * outputs[0].size()));
    for (size_t n = 0; n < outputs.size(); ++n)
        for (size_t k = 0; k < outputs[n].size(); ++k) {
            const double expected = outputs[n][k].get<double>();
            EXPECT_NEAR(y.data()[n * outputs[n].size() + k], expected, 1e-5 * std::abs(expected)) // relative
                << "sample " << n << ", output " << k;
        }
}

TEST_P(KerasReference, PartialReadsMatchTheWholeTensor)
{
    const auto file = openWeightFile(dataFile(GetParam().file));
    for (size_t i = 0; i < file->tensors().size(); ++i) {
        const Tensor whole = file->readTensor(i);
        const int64_t n = whole.size();
        for (int64_t first = 0; first < n; first += 5) {
            for (int64_t count : { int64_t(1), int64_t(7), n - first }) {
                if (first + count > n)
                    continue;
                std::vector<float> part(static_cast<size_t>(count));
                file->read(i, first, count, part.data());
                for (int64_t k = 0; k < count; ++k)
                    ASSERT_EQ(part[size_t(k)], whole.data()[first + k])
                        << "tensor " << file->tensors()[i].name << ", elements from " << first << ", count " << count;
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Files, KerasReference,
    ::testing::Values(Reference { "keras2_mlp.h5", "keras2_mlp.json", "keras-h5" },
        Reference { "keras3_mlp.h5", "keras3_mlp.json", "keras-h5" },
        Reference { "keras3_cnn.keras", "keras3_cnn.json", "keras" },
        Reference { "keras2_functional.h5", "keras2_functional.json", "keras-h5" },
        Reference { "keras3_functional.keras", "keras3_functional.json", "keras" },
        Reference { "keras2_functional_graph.h5", "keras2_functional_graph.json", "keras-h5" },
        Reference { "keras3_functional_cnn.keras", "keras3_functional_cnn.json", "keras" },
        Reference { "keras3_mobile.keras", "keras3_mobile.json", "keras" },
        Reference { "keras2_mobile.h5", "keras2_mobile.json", "keras-h5" },
        Reference { "keras2_nested.h5", "keras2_nested.json", "keras-h5" },
        Reference { "keras3_nested.keras", "keras3_nested.json", "keras" },
        Reference { "keras2_seq_in_seq.h5", "keras2_seq_in_seq.json", "keras-h5" },
        Reference { "keras3_seq_in_seq.keras", "keras3_seq_in_seq.json", "keras" },
        Reference { "keras2_two_outputs.h5", "keras2_two_outputs.json", "keras-h5" },
        Reference { "keras3_two_outputs.keras", "keras3_two_outputs.json", "keras" }),
    [](const auto& p) { return fs::path(p.param.file).stem().string(); });

// ---- functional models as engine graphs (#16) ------------------------------------------------

namespace {

// What each layer of a model reads, by name ("input" for the model's input).
std::map<std::string, std::vector<std::string>> readsOf(const Sequential& model)
{
    std::map<std::string, std::vector<std::string>> out;
    for (const LayerSummary& row : model.summary())
        out[row.name] = row.inputs;
    return out;
}

using Names = std::vector<std::string>;

} // namespace

TEST(KerasFunctional, BranchesAndMergesBecomeTheEngineGraph)
{
    const std::optional<Sequential> model = openWeightFile(dataFile("keras2_functional_graph.h5"))->model();
    ASSERT_TRUE(model.has_value());
    EXPECT_FALSE(model->isChain());
    const auto reads = readsOf(*model);
    EXPECT_EQ(reads.at("rescaling"), Names { "input" });
    EXPECT_EQ(reads.at("dense_2"), Names { "input" }) << "the second branch reads the model's input";
    EXPECT_EQ(reads.at("add"), (Names { "dense", "dense_1" })) << "the residual Add";
    EXPECT_EQ(reads.at("concatenate"), (Names { "layer_normalization", "dense_2_tanh" }))
        << "a split-off activation is what the next layer reads";
    EXPECT_EQ(model->layer(model->size() - 1).name(), "dense_3_softmax") << "the output comes last";

    const std::optional<Sequential> cnn = openWeightFile(dataFile("keras3_functional_cnn.keras"))->model();
    ASSERT_TRUE(cnn.has_value());
    EXPECT_EQ(readsOf(*cnn).at("join"), (Names { "branch_a_relu", "branch_b" }));
    EXPECT_EQ(readsOf(*cnn).at("branch_b"), Names { "input" });
}

namespace {

// 25 Adam steps of cross-entropy on (x, labels) must lower the loss by 30%; the fine-tuned model,
// saved as a Weightscope model file and loaded again, keeps its graph and its outputs.
void expectFineTunesAndSaves(Sequential& model, const Tensor& x, const std::vector<int32_t>& labels, float learningRate)
{
    OptimizerConfig config;
    config.learningRate = learningRate;
    Optimizer optimizer(config, model.params());
    Workspace ws = model.makeWorkspace(1);
    std::vector<double> losses;
    for (int step = 0; step < 25; ++step) {
        model.zeroGrad();
        Tensor grad;
        losses.push_back(computeLoss(LossKind::CrossEntropy, model.forward(x, ws, true), { labels.data() }, &grad));
        model.backward(grad, ws);
        optimizer.step(config.learningRate);
    }
    EXPECT_LT(losses.back(), 0.7 * losses.front()) << "loss " << losses.front() << " -> " << losses.back();

    const TempDir dir;
    const std::string path = dir.path + "/fine_tuned.h5";
    saveModel(path, model, json::object(), &optimizer);
    LoadedModel loaded = loadModel(path);
    EXPECT_EQ(loaded.model.isChain(), model.isChain());
    EXPECT_EQ(readsOf(loaded.model), readsOf(model));
    const Tensor want = model.forward(x, ws, false);
    Workspace ws2 = loaded.model.makeWorkspace();
    const Tensor& got = loaded.model.forward(x, ws2, false);
    ASSERT_EQ(got.shape(), want.shape());
    for (int64_t i = 0; i < got.size(); ++i)
        EXPECT_EQ(got[i], want[i]) << "output element " << i;
}

} // namespace

TEST(KerasFunctional, FineTunesAndSavesWithItsGraphIntact)
{
    std::optional<Sequential> model = openWeightFile(dataFile("keras2_functional_graph.h5"))->model();
    ASSERT_TRUE(model.has_value());
    // 32 samples and labels the Keras model never saw: class = which third of [-1, 1) holds x0.
    const int64_t N = 32;
    Rng rng(16);
    Tensor x({ N, 6 });
    std::vector<int32_t> labels(N);
    for (int64_t n = 0; n < N; ++n) {
        for (int64_t k = 0; k < 6; ++k)
            x[n * 6 + k] = float(rng.uniform(-1.0, 1.0));
        labels[size_t(n)] = std::min(2, int((x[n * 6] + 1.0f) * 1.5f));
    }
    EXPECT_FALSE(model->isChain());
    expectFineTunesAndSaves(*model, x, labels, 0.02f);
}

// ---- MobileNet's layers: ZeroPadding2D, DepthwiseConv2D, SeparableConv2D (#16) ----------------

TEST(KerasMobile, SeparableConvBecomesDepthwiseThenPointwiseWithKerasWeights)
{
    const auto file = openWeightFile(dataFile("keras3_mobile.keras"));
    std::optional<Sequential> model = file->model();
    ASSERT_TRUE(model.has_value());
    const auto reads = readsOf(*model);
    EXPECT_EQ(reads.at("pad"), Names { "input" });
    EXPECT_EQ(reads.at("dw"), Names { "stem_relu6" });
    EXPECT_EQ(reads.at("dw_relu"), Names { "dw" }) << "DepthwiseConv2D's fused activation is its own layer";
    EXPECT_EQ(reads.at("sep"), Names { "dw_relu" });
    EXPECT_EQ(reads.at("sep_pointwise"), Names { "sep" });
    EXPECT_EQ(reads.at("skip"), (Names { "stem_relu6", "sep_pointwise" })) << "the skip reads the pointwise half";
    Layer& depthwise = model->layer(size_t(model->find("sep")));
    Layer& pointwise = model->layer(size_t(model->find("sep_pointwise")));
    EXPECT_EQ(depthwise.typeName(), "DepthwiseConv2D");
    EXPECT_EQ(pointwise.typeName(), "Conv2D");
    ASSERT_EQ(depthwise.params().size(), 1u) << "the bias belongs to the pointwise conv";
    ASSERT_EQ(pointwise.params().size(), 2u);
    // Keras' three weights, in its order: depthwise kernel, pointwise kernel, bias.
    const Param* params[] = { depthwise.params()[0], pointwise.params()[0], pointwise.params()[1] };
    for (int i = 0; i < 3; ++i) {
        const std::string name = "layers/separable_conv2d/vars/" + std::to_string(i);
        const Tensor stored = file->readTensor(size_t(&file->tensor(name) - file->tensors().data()));
        ASSERT_EQ(params[i]->value.shape(), stored.shape()) << name;
        for (int64_t k = 0; k < stored.size(); ++k)
            ASSERT_EQ(params[i]->value[k], stored[k]) << name << ", element " << k;
    }

    const auto h5 = openWeightFile(dataFile("keras2_mobile.h5"))->model();
    ASSERT_TRUE(h5.has_value());
    EXPECT_EQ(h5->layer(size_t(h5->find("separable_conv2d_pointwise"))).params()[0]->value.shape(), (Shape { 1, 1, 4, 4 }));
    EXPECT_EQ(h5->layer(size_t(h5->find("depthwise_conv2d"))).params().size(), 1u) << "use_bias false";
}

TEST(KerasMobile, FineTunesAndSavesWithItsGraphIntact)
{
    std::optional<Sequential> model = openWeightFile(dataFile("keras3_mobile.keras"))->model();
    ASSERT_TRUE(model.has_value());
    // 24 images and labels the Keras model never saw: class = the channel with the largest mean.
    const int64_t N = 24, P = 8 * 8;
    Rng rng(17);
    Tensor x({ N, 8, 8, 3 });
    std::vector<int32_t> labels(N);
    for (int64_t n = 0; n < N; ++n) {
        double sums[3] = {};
        for (int64_t p = 0; p < P * 3; ++p) {
            x[n * P * 3 + p] = float(rng.uniform(-1.0, 1.0)) + (p % 3 == n % 3 ? 0.3f : 0.0f);
            sums[p % 3] += x[n * P * 3 + p];
        }
        labels[size_t(n)] = int32_t(std::max_element(sums, sums + 3) - sums);
    }
    expectFineTunesAndSaves(*model, x, labels, 0.01f);
}

TEST(KerasMobile, RefusesDilationAndChannelsFirstNamingTheLayer)
{
    const json config = openWeightFile(dataFile("keras3_mobile.keras"))->metadata()["model_config"];
    struct Case {
        const char* layer;
        const char* key;
        json value;
        const char* message;
    };
    const Case cases[] = {
        { "dw", "dilation_rate", { 2, 2 }, "layer 'dw' (DepthwiseConv2D): DepthwiseConv2D: option 'dilation_rate' = [2,2]" },
        { "sep", "dilation_rate", { 1, 2 }, "layer 'sep' (SeparableConv2D): DepthwiseConv2D: option 'dilation_rate' = [1,2]" },
        { "sep", "data_format", "channels_first", "layer 'sep' (SeparableConv2D): DepthwiseConv2D: option 'data_format'" },
        { "pad", "data_format", "channels_first", "layer 'pad' (ZeroPadding2D): ZeroPadding2D: option 'data_format'" },
    };
    for (const Case& c : cases) {
        json changed = config;
        for (json& layer : changed["config"]["layers"])
            if (layer["name"] == c.layer)
                layer["config"][c.key] = c.value;
        const std::string message = formatErrorOf([&] {
            (void)buildKerasModel(parseKerasArchitecture(changed, "m.keras"), "m.keras",
                [](const KerasLayer&) { return std::vector<KerasWeight>(); });
        });
        EXPECT_EQ(message.rfind("m.keras: ", 0), 0u) << message;
        EXPECT_NE(message.find(c.message), std::string::npos) << message;
    }
}

namespace {

// A Keras 2 functional config from (class, name, [inbound layer names]) rows; the first row is
// the InputLayer of shape (4,), the output is `output`.
json functionalConfig(const std::vector<std::tuple<std::string, std::string, Names>>& rows, const Names& outputs)
{
    json layers = json::array();
    for (const auto& [cls, name, reads] : rows) {
        json layer = { { "class_name", cls }, { "name", name }, { "config", { { "name", name } } } };
        if (cls == "InputLayer") {
            layer["config"]["batch_input_shape"] = { nullptr, 4 };
            layer["inbound_nodes"] = json::array();
        } else {
            json node = json::array();
            for (const std::string& r : reads)
                node.push_back({ r, 0, 0, json::object() });
            layer["inbound_nodes"] = { node };
        }
        if (cls == "Dense")
            layer["config"]["units"] = 4;
        layers.push_back(layer);
    }
    json out = json::array();
    for (const std::string& o : outputs)
        out.push_back({ o, 0, 0 });
    return { { "class_name", "Functional" },
        { "config", { { "name", "m" }, { "layers", layers }, { "output_layers", out } } } };
}

std::string parseErrorOf(const json& config)
{
    return formatErrorOf([&] { (void)parseKerasArchitecture(config, "m.h5"); });
}

} // namespace

TEST(KerasFunctional, LayersOutOfOrderArePutInTopologicalOrder)
{
    // "add" comes first in the config but reads the two Dense layers listed after it.
    const json config = functionalConfig({ { "InputLayer", "in", {} }, { "Add", "add", { "a", "b" } },
                                             { "Dense", "a", { "in" } }, { "Dense", "b", { "in" } } },
        { "add" });
    const KerasArchitecture arch = parseKerasArchitecture(config, "m.h5");
    ASSERT_EQ(arch.layers.size(), 3u);
    EXPECT_EQ(arch.layers[0].name, "a");
    EXPECT_EQ(arch.layers[1].name, "b");
    EXPECT_EQ(arch.layers[2].name, "add");
    EXPECT_EQ(arch.layers[0].inputs, Names { Sequential::kInputName }) << "the InputLayer is the model's input";
    const Sequential model = buildKerasModel(arch, "m.h5", [](const KerasLayer& l) {
        return std::vector<KerasWeight> { { l.name, { 4, 4 }, std::vector<float>(16, 0.5f) },
            { l.name, { 4 }, std::vector<float>(4, 0.0f) } };
    });
    EXPECT_EQ(readsOf(model).at("add"), (Names { "a", "b" }));
}

TEST(KerasFunctional, RefusesBadGraphsNamingTheLayer)
{
    using Rows = std::vector<std::tuple<std::string, std::string, Names>>;
    struct Case {
        const char* what;
        json config;
        const char* message;
    };
    const Case cases[] = {
        { "cycle", functionalConfig(Rows { { "InputLayer", "in", {} }, { "Dense", "a", { "c" } }, { "Dense", "b", { "a" } },
                                       { "Dense", "c", { "b" } }, { "Add", "out", { "c", "in" } } },
                       { "out" }),
            "the layers 'a' -> 'b' -> 'c' -> 'a' form a cycle" },
        { "dangling name", functionalConfig(Rows { { "InputLayer", "in", {} }, { "Dense", "a", { "nowhere" } } }, { "a" }),
            "layer 'a' (Dense) reads 'nowhere', which is no layer of the model" },
        { "first output read by a layer",
            functionalConfig(Rows { { "InputLayer", "in", {} }, { "Dense", "a", { "in" } }, { "Dense", "b", { "a" } } },
                { "a", "b" }),
            "the model's first output 'a' is read by layer 'b' (Dense)" },
        { "an output twice",
            functionalConfig(Rows { { "InputLayer", "in", {} }, { "Dense", "a", { "in" } } }, { "a", "a" }),
            "layer 'a' is given as an output twice" },
        { "dead end",
            functionalConfig(Rows { { "InputLayer", "in", {} }, { "Dense", "a", { "in" } }, { "Dense", "b", { "in" } } },
                { "b" }),
            "layer 'a' (Dense) does not lead to the model's output 'b'" },
        { "two inputs",
            functionalConfig(Rows { { "InputLayer", "in", {} }, { "InputLayer", "in2", {} }, { "Add", "a", { "in", "in2" } } },
                { "a" }),
            "2 inputs ('in', 'in2'); the engine runs models with one input" },
        { "duplicate name",
            functionalConfig(Rows { { "InputLayer", "in", {} }, { "Dense", "a", { "in" } }, { "Dense", "a", { "a" } } },
                { "a" }),
            "two layers are named 'a'" },
        { "reads nothing", functionalConfig(Rows { { "InputLayer", "in", {} }, { "Dense", "a", {} } }, { "a" }),
            "its inbound node names no layer" },
    };
    for (const Case& c : cases) {
        const std::string message = parseErrorOf(c.config);
        EXPECT_EQ(message.rfind("m.h5: ", 0), 0u) << c.what << ": " << message;
        EXPECT_NE(message.find(c.message), std::string::npos) << c.what << ": " << message;
    }
}

TEST(KerasFunctional, RefusesSharedLayerNamingIt)
{
    json config = functionalConfig({ { "InputLayer", "in", {} }, { "Dense", "twice", { "in" } } }, { "twice" });
    json& nodes = config["config"]["layers"][1]["inbound_nodes"];
    nodes.push_back(nodes[0]); // called a second time, as a shared layer is
    const std::string message = parseErrorOf(config);
    EXPECT_NE(message.find("layer 'twice' (Dense) is called 2 times (a shared layer)"), std::string::npos) << message;
}

// ---- nested models and several outputs (#16 item 4) -------------------------------------------

namespace {

// functionalConfig() as a layer of another model: named `name`, reading `reads`.
json nestedLayer(json model, const std::string& name, const Names& reads)
{
    model["config"]["name"] = name;
    model["name"] = name;
    json node = json::array();
    for (const std::string& r : reads)
        node.push_back({ r, 0, 0, json::object() });
    model["inbound_nodes"] = { node };
    return model;
}

std::vector<std::string> layerNames(const Sequential& model)
{
    std::vector<std::string> out;
    for (size_t i = 0; i < model.size(); ++i)
        out.push_back(model.layer(i).name());
    return out;
}

} // namespace

TEST(KerasNested, InnerLayersAreInlinedUnderTheirModelsName)
{
    const auto file = openWeightFile(dataFile("keras2_nested.h5"));
    const std::optional<Sequential> model = file->model();
    ASSERT_TRUE(model.has_value());
    EXPECT_EQ(layerNames(*model),
        (Names { "encoder/dense_1", "encoder/batch_normalization", "encoder/dense_2", "encoder/dense_2_relu", "dense",
            "dense_tanh", "head/dense_3", "head/dense_3_relu", "head/dense_4", "head/dense_4_softmax" }));
    const auto reads = readsOf(*model);
    EXPECT_EQ(reads.at("encoder/dense_1"), Names { Sequential::kInputName }) << "the nested model reads the input";
    EXPECT_EQ(reads.at("dense"), Names { "encoder/dense_2_relu" }) << "the nested model's output stands for it";
    EXPECT_EQ(reads.at("head/dense_3"), Names { "dense_tanh" });

    const KerasArchitecture arch = parseKerasArchitecture(file->metadata().at("model_config"), "m.h5");
    EXPECT_EQ(arch.nestedModels, (Names { "encoder", "head" }));
    EXPECT_EQ(arch.layers[0].localName, "dense_1");
    EXPECT_EQ(arch.layers[0].model, "encoder");
    EXPECT_EQ(arch.layers[0].h5Group, "encoder");
    EXPECT_EQ(arch.layers[3].name, "dense");
    EXPECT_EQ(arch.layers[3].h5Group, "");

    // Keras 3 names the same graph the same way; its weights live under layers/functional/layers/...
    const std::optional<Sequential> k3 = openWeightFile(dataFile("keras3_nested.keras"))->model();
    ASSERT_TRUE(k3.has_value());
    EXPECT_EQ(layerNames(*k3), layerNames(*model));
}

TEST(KerasNested, SequentialInsideSequentialStaysAChain)
{
    for (const char* name : { "keras2_seq_in_seq.h5", "keras3_seq_in_seq.keras" }) {
        const std::optional<Sequential> model = openWeightFile(dataFile(name))->model();
        ASSERT_TRUE(model.has_value()) << name;
        EXPECT_TRUE(model->isChain()) << name;
        EXPECT_EQ(layerNames(*model),
            (Names { "block/dense", "block/dense_relu", "block/dense_1", "block/dense_1_relu", "dense_2", "dense_2_softmax" }))
            << name;
    }
}

TEST(KerasNested, NestedModelsInsideNestedModelsArePrefixedTwice)
{
    const json inner = nestedLayer(
        functionalConfig({ { "InputLayer", "i2", {} }, { "Dense", "d", { "i2" } } }, { "d" }), "inner", { "i1" });
    json middle = functionalConfig({ { "InputLayer", "i1", {} } }, { "inner" });
    middle["config"]["layers"].push_back(inner);
    const json config = [&] {
        json c = functionalConfig({ { "InputLayer", "in", {} } }, { "out" });
        c["config"]["layers"].push_back(nestedLayer(middle, "middle", { "in" }));
        c["config"]["layers"].push_back(json { { "class_name", "Dense" }, { "name", "out" },
            { "config", { { "name", "out" }, { "units", 4 } } }, { "inbound_nodes", { { { "middle", 0, 0, json::object() } } } } });
        return c;
    }();
    const KerasArchitecture arch = parseKerasArchitecture(config, "m.h5");
    ASSERT_EQ(arch.layers.size(), 2u);
    EXPECT_EQ(arch.layers[0].name, "middle/inner/d");
    EXPECT_EQ(arch.layers[0].h5Group, "middle") << "a legacy .h5 keeps every nested weight in the top-level group";
    EXPECT_EQ(arch.layers[0].storePath, "layers/functional/layers/functional/layers/dense");
    EXPECT_EQ(arch.layers[1].inputs, Names { "middle/inner/d" });
    EXPECT_EQ(arch.nestedModels, (Names { "middle/inner", "middle" }));
}

TEST(KerasNested, RefusesNestedModelsThatCannotBeInlinedNamingThem)
{
    const json twoOut = nestedLayer(
        functionalConfig({ { "InputLayer", "i2", {} }, { "Dense", "a", { "i2" } }, { "Dense", "b", { "i2" } } }, { "a", "b" }),
        "enc", { "in" });
    json config = functionalConfig({ { "InputLayer", "in", {} } }, { "enc" });
    config["config"]["layers"].push_back(twoOut);
    std::string message = parseErrorOf(config);
    EXPECT_NE(message.find("m.h5: model config, nested model 'enc': the nested model has 2 outputs ('a', 'b')"),
        std::string::npos)
        << message;

    const json clash = nestedLayer(
        functionalConfig({ { "InputLayer", "i2", {} }, { "Dense", "a", { "i2" } }, { "Dense", "a", { "a" } } }, { "a" }),
        "enc", { "in" });
    config = functionalConfig({ { "InputLayer", "in", {} } }, { "enc" });
    config["config"]["layers"].push_back(clash);
    message = parseErrorOf(config);
    EXPECT_NE(message.find("m.h5: model config, nested model 'enc': two layers are named 'a'"), std::string::npos) << message;

    const json self = nestedLayer(functionalConfig({ { "InputLayer", "i2", {} }, { "Dense", "a", { "i2" } } }, { "a" }),
        "enc", { "enc" });
    config = functionalConfig({ { "InputLayer", "in", {} } }, { "enc" });
    config["config"]["layers"].push_back(self);
    message = parseErrorOf(config);
    EXPECT_NE(message.find("m.h5: model config: the layers 'enc' -> 'enc' form a cycle"), std::string::npos) << message;
}

TEST(KerasTwoOutputs, EveryOutputMatchesNumPy)
{
    for (const char* name : { "keras2_two_outputs.h5", "keras3_two_outputs.keras" }) {
        const std::string stem = fs::path(name).stem().string();
        std::optional<Sequential> model = openWeightFile(dataFile(name))->model();
        ASSERT_TRUE(model.has_value()) << name;
        const json want = readJson(dataFile(stem + ".json"));
        const std::vector<int> outputs = model->outputs();
        ASSERT_EQ(outputs.size(), 2u) << name;
        EXPECT_EQ(outputs[0], int(model->size()) - 1) << "the first output is the engine's last layer";
        const auto& inputs = want["inputs"];
        Tensor x({ int64_t(inputs.size()), 5 });
        for (size_t n = 0; n < inputs.size(); ++n)
            for (size_t k = 0; k < 5; ++k)
                x.data()[n * 5 + k] = inputs[n][k].get<float>();
        Workspace ws = model->makeWorkspace();
        model->forward(x, ws, false);
        for (size_t o = 0; o < 2; ++o) {
            const json& expected = want["all_outputs"][o];
            const Tensor& y = ws.outputs[size_t(outputs[o])];
            EXPECT_EQ(model->layer(size_t(outputs[o])).name(), expected["layer"].get<std::string>() + (o == 0 ? "_softmax" : ""));
            const auto& rows = expected["values"];
            ASSERT_EQ(y.size(), int64_t(rows.size() * rows[0].size())) << name << " output " << o;
            for (size_t n = 0; n < rows.size(); ++n)
                for (size_t k = 0; k < rows[n].size(); ++k)
                    EXPECT_NEAR(y.data()[n * rows[n].size() + k], rows[n][k].get<double>(), 1e-5)
                        << name << " output " << o << " sample " << n;
        }
        // The outputs survive the engine's own config (a model saved from the inspector).
        const Sequential again = Sequential::fromConfig(model->config());
        EXPECT_EQ(again.outputs(), outputs) << name;
    }
}

TEST(KerasTwoOutputs, FineTuningIsRefusedSayingWhy)
{
    try {
        (void)loadModelToFineTune(dataFile("keras2_two_outputs.h5"), Shape { 5 }, "", nullptr);
        FAIL() << "a two-output model was accepted for training";
    } catch (const ConfigError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("keras2_two_outputs.h5: the model has 2 outputs ('out_a_softmax', 'out_b')"), std::string::npos)
            << message;
        EXPECT_NE(message.find("would get no gradient"), std::string::npos) << message;
    }
}

TEST(KerasFunctional, RefusesAbsurdNumberOfLayersBeforeLookingAtThem)
{
    json config = functionalConfig({ { "InputLayer", "in", {} } }, { "in" });
    json& layers = config["config"]["layers"];
    for (size_t i = 0; i < kKerasMaxLayers; ++i)
        layers.push_back(json::object());
    const std::string message = parseErrorOf(config);
    EXPECT_NE(message.find("model config has 10001 layers, more than the 10000"), std::string::npos) << message;
}

TEST(KerasReader, ReportsVersionsAndConfigsAsMetadata)
{
    const auto h5 = openWeightFile(dataFile("keras2_mlp.h5"));
    EXPECT_EQ(h5->metadata().value("keras_version", ""), "2.12.0");
    EXPECT_EQ(h5->metadata().value("backend", ""), "tensorflow");
    EXPECT_EQ(h5->metadata()["training_config"].value("loss", ""), "sparse_categorical_crossentropy");
    EXPECT_EQ(h5->metadata()["model_config"].value("class_name", ""), "Sequential");

    const auto zip = openWeightFile(dataFile("keras3_cnn.keras"));
    EXPECT_EQ(zip->metadata().value("keras_version", ""), "3.3.3");
    EXPECT_EQ(zip->metadata()["metadata.json"].value("date_saved", ""), "2024-05-02@10:11:12");
    EXPECT_EQ(zip->metadata()["model_config"]["config"].value("name", ""), "cnn");
}

// Two .keras files open at once (a comparison) each read their own weights: HDF5's core driver
// took two in-memory images of one name for one file and gave the second the first's datasets.
TEST(KerasReader, TwoArchivesOpenAtOnceKeepTheirOwnWeights)
{
    const auto cnn = openWeightFile(dataFile("keras3_cnn.keras"));
    const auto nested = openWeightFile(dataFile("keras3_nested.keras"));
    const json want = readJson(dataFile("keras3_nested.json"));
    ASSERT_EQ(nested->tensors().size(), want["tensors"].size());
    EXPECT_EQ(nested->tensors()[0].shape, want["tensors"][0]["shape"].get<Shape>());
    EXPECT_EQ(cnn->tensors().size(), 10u);
    EXPECT_EQ(cnn->readTensor(0).shape(), (Shape { 3, 3, 2, 3 }));
    EXPECT_TRUE(nested->model().has_value());
}

TEST(KerasReader, WeightsOnlyFileOpensForInspectionWithoutAModel)
{
    const auto file = openWeightFile(dataFile("keras2_weights_only.h5"));
    EXPECT_EQ(file->format(), "keras-h5-weights");
    ASSERT_EQ(file->tensors().size(), 4u);
    EXPECT_EQ(file->tensor("dense_1/kernel:0").shape, (Shape { 8, 3 }));
    EXPECT_EQ(file->tensor("dense_1/kernel:0").layer, "dense_1");
    EXPECT_FALSE(file->model().has_value());
}

TEST(KerasReader, Keras3WeightsFileOpensForInspectionWithoutAModel)
{
    const auto file = openWeightFile(dataFile("keras3_functional.weights.h5"));
    EXPECT_EQ(file->format(), "keras-weights-h5");
    ASSERT_EQ(file->tensors().size(), 4u);
    EXPECT_EQ(file->tensor("layers/dense_1/vars/0").shape, (Shape { 4, 2 }));
    EXPECT_EQ(file->tensor("layers/dense_1/vars/0").layer, "dense_1");
    EXPECT_FALSE(file->model().has_value());
}

TEST(KerasReader, ReadsFloat16WeightsAndSplitLayerNames)
{
    const auto file = openWeightFile(dataFile("keras2_weights_split_f16.h5"));
    const json want = readJson(dataFile("keras2_weights_split_f16.json"));
    ASSERT_EQ(file->tensors().size(), 2u) << "layer_names0 and layer_names1 are one list";
    for (size_t i = 0; i < file->tensors().size(); ++i) {
        const TensorInfo& t = file->tensors()[i];
        EXPECT_EQ(t.dtype, DType::F16) << "tensor " << t.name;
        const Tensor got = file->readTensor(i);
        const auto values = want.at(t.name).get<std::vector<float>>();
        ASSERT_EQ(got.size(), int64_t(values.size())) << "tensor " << t.name;
        for (size_t k = 0; k < values.size(); ++k)
            EXPECT_EQ(got.data()[k], values[k]) << "tensor " << t.name << ", element " << k;
    }
}

TEST(KerasReader, RefusesInputShapeThatIsNotFixed)
{
    const std::string path = dataFile("bad/variable_input.h5");
    const auto file = openWeightFile(path);
    const std::string message = formatErrorOf([&] { (void)file->model(); });
    EXPECT_EQ(message.rfind(path, 0), 0u) << message;
    EXPECT_NE(message.find("[null,null]"), std::string::npos) << message;
}

// Add of a (4,) and a (2,) branch: the graph converts, its shapes do not.
TEST(KerasReader, RefusesMergeOfBranchesWhoseShapesDoNotFit)
{
    const std::string path = dataFile("bad/branched_functional.h5");
    const auto file = openWeightFile(path);
    const std::string message = formatErrorOf([&] { (void)file->model(); });
    EXPECT_EQ(message.rfind(path, 0), 0u) << message;
    EXPECT_NE(message.find("'add' (Add)"), std::string::npos) << message;
    EXPECT_NE(message.find("(4,), (2,) do not broadcast"), std::string::npos) << message;
}

TEST(KerasReader, RefusesLambdaLayerByName)
{
    const std::string path = dataFile("keras2_lambda.h5");
    const auto file = openWeightFile(path);
    EXPECT_EQ(file->tensors().size(), 2u) << "the weights stay inspectable";
    const std::string message = formatErrorOf([&] { (void)file->model(); });
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("'double_it' (Lambda)"), std::string::npos) << message;
}

TEST(KerasReader, RefusesUnknownLayerClassByName)
{
    const std::string path = dataFile("bad/unknown_class.h5");
    const auto file = openWeightFile(path);
    const std::string message = formatErrorOf([&] { (void)file->model(); });
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("'dense_1' (MyAttention)"), std::string::npos) << message;
}

TEST(KerasReader, RefusesKernelWithTheWrongShape)
{
    const std::string path = dataFile("bad/wrong_kernel_shape.h5");
    const auto file = openWeightFile(path);
    const std::string message = formatErrorOf([&] { (void)file->model(); });
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("model_weights/dense/dense/kernel:0"), std::string::npos) << message;
    EXPECT_NE(message.find("(5, 8)"), std::string::npos) << message;
    EXPECT_NE(message.find("(4, 8)"), std::string::npos) << message;
}

struct Hostile {
    const char* file;
    const char* place; // what the message must name besides the file
};

class KerasHostile : public ::testing::TestWithParam<Hostile> {};

TEST_P(KerasHostile, RefusedWithFormatErrorNamingFileAndPlace)
{
    const std::string path = dataFile(GetParam().file);
    const std::string message = formatErrorOf([&] {
        const auto file = openWeightFile(path);
        (void)file->model();
    });
    EXPECT_EQ(message.rfind(path, 0), 0u) << message;
    EXPECT_NE(message.find(GetParam().place), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(Files, KerasHostile,
    ::testing::Values(Hostile { "bad/no_model_weights.h5", "model_weights" },
        Hostile { "bad/missing_dataset.h5", "'dense_1/kernel:0' points at no dataset" },
        Hostile { "bad/invalid_model_config.h5", "model_config is not valid JSON" },
        Hostile { "bad/no_weights.keras", "no model.weights.h5" },
        Hostile { "bad/climbing_member.keras", "'../../config.json'" },
        Hostile { "bad/bomb.keras", "zip bomb" }),
    [](const auto& p) { return fs::path(p.param.file).stem().string(); });

TEST(KerasReader, RefusesTruncatedH5)
{
    const TruncatedCopy copy(dataFile("keras2_mlp.h5"), 0.5);
    const std::string message = formatErrorOf([&] {
        const auto file = openWeightFile(copy.path);
        for (size_t i = 0; i < file->tensors().size(); ++i)
            (void)file->readTensor(i);
    });
    EXPECT_EQ(message.rfind(copy.path, 0), 0u) << message;
}

TEST(KerasReader, RefusesTruncatedKerasArchive)
{
    const TruncatedCopy copy(dataFile("keras3_cnn.keras"), 0.7);
    const std::string message = formatErrorOf([&] { (void)openWeightFile(copy.path); });
    EXPECT_EQ(message.rfind(copy.path, 0), 0u) << message;
    EXPECT_NE(message.find("zip"), std::string::npos) << message;
}

TEST(KerasReader, SaysWhenAnH5IsAWeightscopeModelFile)
{
    const TempDir dir;
    const std::string path = dir.path + "/native.h5";
    Sequential m = Sequential::fromConfig({ { "input_shape", { 3 } }, { "layers", parseLayerSpec("dense(2)") } });
    m.initialize(1);
    saveModel(path, m, json::object(), nullptr);
    // openWeightFile opens it as a native model; the Keras reader itself says what it is.
    EXPECT_EQ(openWeightFile(path)->format(), "weightscope");
    const std::string message = formatErrorOf([&] { (void)openKerasFile(path); });
    EXPECT_EQ(message.rfind(path, 0), 0u) << message;
    EXPECT_NE(message.find("Weightscope model file"), std::string::npos) << message;
}
