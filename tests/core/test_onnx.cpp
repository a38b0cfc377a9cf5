// SPDX-License-Identifier: GPL-3.0-or-later
// ONNX reading and inference. Reference files in tests/data/onnx were written by
// tools/make_onnx_reference.py: models exported with torch.onnx.export and PyTorch's outputs for
// fixed inputs (.npy), typed-field initializers made with onnx.helper, graphs the engine cannot
// run, and hostile files in bad/.
#include "formats/RunnableModel.h"
#include "formats/WeightFormats.h"
#include "io/OnnxReader.h"
#include "io/StrictJson.h"
#include "nn/LayerFactory.h"
#include "nn/Permute.h"
#include "train/Predict.h"
#include "util/Error.h"
#include "util/Threads.h"
#include "util/Utf8.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace ws;

namespace {

const std::string kDir = std::string(WS_TEST_DATA_DIR) + "/onnx";

Tensor loadNpy(const std::string& path) { return openWeightFile(path)->readTensor(0); }

// Runs `name`.onnx on `name`_input.npy and compares with `name`_output.npy (PyTorch's output,
// or NumPy's for graphs made with onnx.helper).
// relativeToScale: the tolerance is relativeToScale * max |y| (graphs, where deep sums round
// differently); otherwise 1e-5 per element, relative above 1.
constexpr double kGraphTolerance = 1e-4;

void expectMatchesReference(const std::string& name, const std::string& onnxFile = "", double relativeToScale = 0,
    const std::string& dir = kDir)
{
    SCOPED_TRACE(name);
    const auto file = openWeightFile(dir + "/" + (onnxFile.empty() ? name + ".onnx" : onnxFile));
    ASSERT_EQ(file->format(), "onnx");
    std::optional<Sequential> model = file->model();
    ASSERT_TRUE(model.has_value());
    const Tensor x = loadNpy(dir + "/" + name + "_input.npy");
    const Tensor want = loadNpy(dir + "/" + name + "_output.npy");
    Workspace ws = model->makeWorkspace();
    const Tensor& got = model->forward(x, ws, false);
    ASSERT_EQ(got.shape(), want.shape());
    float scale = 0.0f;
    for (int64_t i = 0; i < want.size(); ++i)
        scale = std::max(scale, std::abs(want[i]));
    for (int64_t i = 0; i < want.size(); ++i)
        EXPECT_NEAR(got[i], want[i], relativeToScale > 0 ? relativeToScale * scale : 1e-5 * std::max(1.0f, std::abs(want[i])))
            << name << " output " << i;
}

std::string messageOf(const std::string& path)
{
    try {
        const auto file = openWeightFile(path);
        file->model();
    } catch (const FormatError& e) {
        return e.what();
    }
    return "(no FormatError)";
}

} // namespace

TEST(OnnxModel, MlpMatchesPyTorch) { expectMatchesReference("mlp"); }
TEST(OnnxModel, CnnWithConvMaxPoolFlattenMatchesPyTorch) { expectMatchesReference("cnn"); }
TEST(OnnxModel, CnnWithBatchNormAveragePoolAndGlobalPoolMatchesPyTorch) { expectMatchesReference("cnn_bn"); }
TEST(OnnxModel, MatMulAddBatchNormReshapeMatchesPyTorch) { expectMatchesReference("matmul_reshape"); }
TEST(OnnxModel, ExternalDataModelMatchesPyTorch) { expectMatchesReference("mlp", "mlp_external.onnx"); }
TEST(OnnxModel, ConstantValueIntsReshapeGemmAlphaBetaAndOpset12SoftmaxMatchNumPy)
{
    expectMatchesReference("value_ints");
}
// PyTorch deduplicated the two zero biases: one is an Identity of the other.
TEST(OnnxModel, FollowsIdentityOfADeduplicatedInitializer) { expectMatchesReference("gauss_mlp"); }

// #16: graphs written by torch.onnx.export, compared within 1e-4 of the output's scale.
TEST(OnnxGraph, ViewOfAFlatInputAndViewBySizeZeroMatchPyTorch) { expectMatchesReference("view_cnn", "", kGraphTolerance); }
TEST(OnnxGraph, ResidualAddAndBasicBlockWithStridedDownsampleMatchPyTorch)
{
    expectMatchesReference("residual_cnn", "", kGraphTolerance);
}
TEST(OnnxGraph, ResNetStemWithExplicitPadsAndMaxPoolPaddingMatchesPyTorch)
{
    expectMatchesReference("resnet_stem", "", kGraphTolerance);
}
TEST(OnnxGraph, MobileNetBlockAtOpset17MatchesPyTorch) { expectMatchesReference("mobilenet_block", "", kGraphTolerance); }
TEST(OnnxGraph, MobileNetBlockAtOpset13WithHardswishAsMulMatchesPyTorch)
{
    expectMatchesReference("mobilenet_block_op13", "", kGraphTolerance);
}
TEST(OnnxGraph, ShapeArithmeticIsFoldedIntoTheReshapeAndConstantsBecomeLayers)
{
    expectMatchesReference("shape_arith", "", kGraphTolerance);
    const Sequential model = *openWeightFile(kDir + "/shape_arith.onnx")->model();
    std::vector<std::string> types;
    for (const LayerSummary& s : model.summary())
        types.push_back(s.type);
    EXPECT_EQ(types, (std::vector<std::string> { "Reshape", "ConstantMerge", "ConstantMerge" }));
}

// Graphs compared with PyTorch within 1e-4 of the output's scale (#16, item 3 and the operators
// of item 2), written by tools/make_onnx_reference.py:
// - nn.TransformerEncoderLayer(d_model=32, nhead=4, dim_feedforward=64, batch_first=True) between
//   two Linear layers, and a 2-layer nn.TransformerEncoder with GELU (Erf), at opset 13 (layer
//   norm as ReduceMean/Sub/Pow/Sqrt/Div) and 17 (LayerNormalization), dynamic batch;
// - the layer exported for a fixed batch of 3: the reshapes' targets are plain numbers
//   ((6, 12, 8) for (T, 3 * heads, E / heads)) and the batch is the one entry that fits;
// - split_attention: x.split() into q, k, v (Split), their batched products, ReduceSum,
//   ReduceMean, Pow and Sqrt;
// - pools: AvgPool2d with ceil_mode and padding, counting the padding (exported as Pad +
//   AveragePool) or not, a rectangular window with unequal strides, MaxPool2d with ceil_mode
//   with and without padding; asym_pools: asymmetric pads (onnx.helper) for both averages and
//   the maximum.
class OnnxReference : public ::testing::TestWithParam<const char*> { };

TEST_P(OnnxReference, MatchesPyTorch) { expectMatchesReference(GetParam(), "", kGraphTolerance); }

INSTANTIATE_TEST_SUITE_P(Transformers, OnnxReference,
    ::testing::Values("encoder_layer_op13", "encoder_layer_op17", "encoder2_gelu_op13", "encoder2_gelu_op17",
        "encoder_layer_fixed_batch", "split_attention"));
INSTANTIATE_TEST_SUITE_P(Pooling, OnnxReference, ::testing::Values("pools", "asym_pools"));
INSTANTIATE_TEST_SUITE_P(Opset20, OnnxReference, ::testing::Values("gelu_op20")); // exact Gelu (onnx.helper)

// Attention masks (#16), within 1e-5 of the output's scale: a 2-layer nn.TransformerEncoder with
// src_key_padding_mask computed from the input's all-zero steps (Equal, Reshape, Expand over the
// heads, Cast to bool, Where(mask, -inf, zeros of a batch-sized shape)), the same with a causal
// mask Or-ed in (Range and Greater folded, the Or expands the padding mask), a GPT-2 block
// (masked_fill with a causal buffer: Where of a constant condition; GELU approximate="tanh" as
// Mul/Pow/Tanh), each at opsets 13 and 17, and Gelu approximate="tanh" of opset 20.
class OnnxMaskReference : public ::testing::TestWithParam<const char*> { };

constexpr double kMaskTolerance = 1e-5;

TEST_P(OnnxMaskReference, MatchesPyTorch) { expectMatchesReference(GetParam(), "", kMaskTolerance); }

INSTANTIATE_TEST_SUITE_P(Masks, OnnxMaskReference,
    ::testing::Values("encoder_padmask_op13", "encoder_padmask_op17", "encoder_causal_op13", "encoder_causal_op17",
        "gpt_block_op13", "gpt_block_op17", "gelu_tanh_op20"));

// The padding mask is computed from each sample: sample 1 (steps 4 and 5 are zeros) run alone
// gives PyTorch's outputs, and its first four steps attend to steps 4 and 5 once these are not
// zeros (so the mask, not the data, kept them out).
TEST(OnnxMasks, ThePaddingMaskComesFromEachSamplesZeroSteps)
{
    Sequential model = *openWeightFile(kDir + "/encoder_padmask_op17.onnx")->model();
    const Tensor x = loadNpy(kDir + "/encoder_padmask_op17_input.npy");
    const Tensor want = loadNpy(kDir + "/encoder_padmask_op17_output.npy");
    Tensor padded({ 1, 6, 8 });
    for (int64_t i = 0; i < 6 * 8; ++i)
        padded[i] = x[6 * 8 + i];
    Workspace ws = model.makeWorkspace();
    const Tensor y = model.forward(padded, ws, false);
    for (int64_t i = 0; i < 4 * 5; ++i)
        EXPECT_NEAR(y[i], want[6 * 5 + i], 1e-5) << "sample 1, output " << i;
    Tensor filled = padded;
    for (int64_t i = 4 * 8; i < 6 * 8; ++i)
        filled[i] = 1.0f;
    const Tensor z = model.forward(filled, ws, false);
    double changed = 0.0;
    for (int64_t i = 0; i < 4 * 5; ++i)
        changed = std::max(changed, double(std::abs(y[i] - z[i])));
    EXPECT_GT(changed, 1e-3) << "steps that are not padding must change the outputs of the others";
}

// #16: a padding mask given as a second graph input (tools/make_onnx_reference.py --inputs:
// nn.TransformerEncoder called with src_key_padding_mask, exported with inputs "src" and "mask").
// The model takes both packed in one sample (nn/InputParts.h); packedSource lays them out.
class OnnxMaskInput : public ::testing::TestWithParam<const char*> { };

Tensor predictPacked(RunnableModel& m, const Tensor& src, const Tensor& mask, int64_t batch)
{
    Sequential& model = m.model;
    const auto rows = [](const Tensor& t) {
        return [&t](int64_t first, int64_t count, float* out) {
            const int64_t n = t.size() / t.shape()[0];
            std::copy_n(t.data() + first * n, count * n, out);
        };
    };
    return predict(model, src.shape()[0], packedSource(m.inputParts, { rows(src), rows(mask) }), model.size() - 1, batch).output;
}

TEST_P(OnnxMaskInput, BothInputsGivenReproducePyTorch)
{
    const std::string name = GetParam();
    RunnableModel model = loadRunnableModel(kDir + "/" + name + ".onnx");
    const std::vector<InputPart>& parts = model.inputParts;
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].name, "src");
    EXPECT_EQ(parts[0].shape, (Shape { 6, 8 }));
    EXPECT_FALSE(parts[0].boolean);
    EXPECT_EQ(parts[1].name, "mask");
    EXPECT_EQ(parts[1].shape, (Shape { 6 }));
    EXPECT_TRUE(parts[1].boolean);
    EXPECT_EQ(model.model.inputShape(), (Shape { 6 * 8 + 6 }));
    const Tensor src = loadNpy(kDir + "/encoder_maskinput_src.npy");
    const Tensor mask = loadNpy(kDir + "/encoder_maskinput_mask.npy");
    const Tensor want = loadNpy(kDir + "/encoder_maskinput_output.npy");
    ASSERT_EQ(mask.shape(), (Shape { 3, 6 }));
    for (const int64_t batch : { 3, 1, 2 }) {
        const Tensor got = predictPacked(model, src, mask, batch);
        ASSERT_EQ(got.shape(), want.shape());
        for (int64_t i = 0; i < want.size(); ++i)
            ASSERT_NEAR(got[i], want[i], 1e-5) << name << ", batch " << batch << ", element " << i;
    }
}

// The mask input decides, not the data: new values at the padded steps change nothing at the
// others; the same steps unmasked change them.
TEST_P(OnnxMaskInput, TheMaskInputKeepsThePaddedStepsOut)
{
    RunnableModel model = loadRunnableModel(kDir + "/" + std::string(GetParam()) + ".onnx");
    const Tensor src = loadNpy(kDir + "/encoder_maskinput_src.npy");
    const Tensor mask = loadNpy(kDir + "/encoder_maskinput_mask.npy");
    ASSERT_EQ(mask[6 + 4], 1.0f); // sample 1: steps 4 and 5 are padding
    const Tensor y = predictPacked(model, src, mask, 3);
    Tensor changed = src;
    for (int64_t i = 6 * 8 + 4 * 8; i < 2 * 6 * 8; ++i)
        changed[i] += 3.0f;
    const Tensor z = predictPacked(model, changed, mask, 3);
    for (int64_t i = 6 * 5; i < 6 * 5 + 4 * 5; ++i)
        EXPECT_NEAR(z[i], y[i], 1e-5) << "sample 1, output " << i;
    Tensor open = mask;
    open[6 + 4] = open[6 + 5] = 0.0f;
    const Tensor u = predictPacked(model, changed, open, 3);
    double moved = 0.0;
    for (int64_t i = 6 * 5; i < 6 * 5 + 4 * 5; ++i)
        moved = std::max(moved, double(std::abs(u[i] - y[i])));
    EXPECT_GT(moved, 1e-3) << "unmasked steps must change the outputs of the others";
}

INSTANTIATE_TEST_SUITE_P(Opsets, OnnxMaskInput, ::testing::Values("encoder_maskinput_op13", "encoder_maskinput_op17"));

// A mask input whose rank does not fit the graph's use of it is refused naming the node.
TEST(OnnxMaskInputRefusal, AMaskInputOfTheWrongRankIsRefusedByNode)
{
    try {
        openWeightFile(kDir + "/bad/maskinput_rank.onnx")->model();
        FAIL() << "no error";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("maskinput_rank.onnx"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("'w'"), std::string::npos) << e.what();
    }
}

// Masks from the input become comparison, Expand and Where layers; the causal mask and the
// GPT-2 buffer are folded into constants at load time.
TEST(OnnxMasks, MaskLayersAreComparisonsExpandAndWhere)
{
    auto count = [](const std::string& file) {
        std::map<std::string, int> types;
        for (const LayerSummary& s : openWeightFile(kDir + "/" + file)->model()->summary())
            ++types[s.type];
        return types;
    };
    std::map<std::string, int> causal = count("encoder_causal_op17.onnx");
    EXPECT_EQ(causal["Where"], 2) << "one per layer: Where(mask, -inf, 0)";
    EXPECT_EQ(causal["Expand"], 4) << "the padding mask over the heads, then over the causal mask's rows";
    std::map<std::string, int> gpt = count("gpt_block_op17.onnx");
    EXPECT_EQ(gpt["Where"], 1);
    EXPECT_EQ(gpt["Equal"], 0) << "bias == 0 on a constant buffer is folded";
}

// The attention moves the batch: Transposes that only move it make no layer, the head split
// and merge are per-sample Reshapes, and the four Transposes among the other axes are Permutes.
TEST(OnnxTransformer, TransposesThatOnlyMoveTheBatchCostNothing)
{
    Sequential model = *openWeightFile(kDir + "/encoder_layer_op17.onnx")->model();
    std::map<std::string, int> count;
    for (const LayerSummary& s : model.summary())
        ++count[s.type];
    EXPECT_EQ(count["Permute"], 4);
    EXPECT_EQ(count["MatMul"], 2);
    EXPECT_EQ(count["Softmax"], 1);
    EXPECT_EQ(count["LayerNormalization"], 2);
    EXPECT_EQ(count["Slice"], 3); // q, k and v from the one input projection
    EXPECT_EQ(model.layer(model.size() - 1).outputShape(), (Shape { 6, 5 }));
    // Any batch size: the batch is never a fixed number in the converted model.
    Tensor x({ 7, 6, 8 });
    Workspace ws = model.makeWorkspace();
    EXPECT_EQ(model.forward(x, ws, false).shape(), (Shape { 7, 6, 5 }));
}

// Each value is permuted at most once: the residual CNN's input goes channels-last once, and
// its pooled features back once before Flatten, although several layers read them.
TEST(OnnxGraph, MakesOnePermutePerValueAndLayout)
{
    const Sequential model = *openWeightFile(kDir + "/residual_cnn.onnx")->model();
    int permutes = 0, merges = 0;
    for (const LayerSummary& s : model.summary()) {
        permutes += s.type == "Permute";
        merges += s.type == "Add";
    }
    EXPECT_EQ(permutes, 2);
    EXPECT_EQ(merges, 2);
    const Sequential mobile = *openWeightFile(kDir + "/mobilenet_block.onnx")->model();
    int depthwise = 0, padLayers = 0, explicitPads = 0;
    for (size_t i = 0; i < mobile.size(); ++i) {
        const std::string type = mobile.layer(i).typeName();
        depthwise += type == "DepthwiseConv2D";
        padLayers += type == "ZeroPadding2D";
        explicitPads += (type == "Conv2D" || type == "DepthwiseConv2D") && mobile.layer(i).config().at("padding").is_array();
    }
    EXPECT_EQ(depthwise, 3);
    // The stride-2 3x3 stem and 5x5 depthwise conv pad 1 and 2 before, not "same": the pads are
    // the layers' own, with no copy of the input in front of them.
    EXPECT_EQ(padLayers, 0);
    EXPECT_EQ(explicitPads, 2);
}

// #16 item 7: the architecture view's output shapes come from the converter. Every Conv, Gemm and
// MaxPool of three torch.onnx.export graphs (dynamic batch "batch", no value_info in the files)
// has the output shape PyTorch gave its module (graph_shapes.json, tools/make_onnx_reference.py
// --shapes).
TEST(OnnxShapes, EveryConvGemmAndMaxPoolHasTheShapePyTorchGaveIt)
{
    std::ifstream in(kDir + "/graph_shapes.json");
    const nlohmann::json want = nlohmann::json::parse(in);
    ASSERT_EQ(want.size(), 3u);
    for (const auto& [model, nodes] : want.items()) {
        const auto file = openWeightFile(kDir + "/" + model + ".onnx");
        const auto* onnx = dynamic_cast<const OnnxFile*>(file.get());
        ASSERT_NE(onnx, nullptr) << model;
        const OnnxShapes shapes = onnx->valueShapes();
        ASSERT_FALSE(shapes.empty()) << model;
        const nlohmann::json& graph = file->metadata()["graph"];
        for (const auto& [node, dims] : nodes.items()) {
            const auto n = std::find_if(graph["nodes"].begin(), graph["nodes"].end(),
                [&](const nlohmann::json& j) { return j["name"] == node; });
            ASSERT_NE(n, graph["nodes"].end()) << model << ": " << node;
            const std::string output = (*n)["outputs"][0];
            const auto got = shapes.find(output);
            ASSERT_NE(got, shapes.end()) << model << ": no shape for " << node;
            EXPECT_EQ(nlohmann::json(got->second), dims) << model << ": " << node;
        }
        // The graph's own input and output, as the file declares them.
        EXPECT_EQ(nlohmann::json(shapes.at("input")), graph["inputs"][0]["shape"]) << model;
        EXPECT_EQ(nlohmann::json(shapes.at("output")), graph["outputs"][0]["shape"]) << model;
    }
}

TEST(OnnxShapes, AFixedBatchIsGivenAsItsSize)
{
    // encoder_layer_fixed_batch: exported for a batch of 3, (3, 6, 8) in, Linear(32, 5) out; the
    // attention in between holds the batch merged with the heads.
    const auto file = openWeightFile(kDir + "/encoder_layer_fixed_batch.onnx");
    const OnnxShapes shapes = dynamic_cast<const OnnxFile&>(*file).valueShapes();
    EXPECT_EQ(nlohmann::json(shapes.at("input")), nlohmann::json({ 3, 6, 8 }));
    EXPECT_EQ(nlohmann::json(shapes.at("output")), nlohmann::json({ 3, 6, 5 }));
}

TEST(OnnxShapes, AGraphTheConverterRefusesHasNoShapesAndThrowsNothing)
{
    for (const char* name : { "lstm.onnx", "custom_op.onnx", "cycle.onnx", "dangling.onnx", "batch_arith.onnx" }) {
        const auto file = openWeightFile(kDir + "/" + name);
        EXPECT_TRUE(dynamic_cast<const OnnxFile&>(*file).valueShapes().empty()) << name;
    }
}

// Not run in CI: torchvision's full models are megabytes. Write them with
//   /usr/bin/python3 tools/make_onnx_reference.py --torchvision DIR
// and run this with WS_TORCHVISION_DIR=DIR.
TEST(OnnxGraph, TorchvisionResNet18AndMobileNetV3SmallMatchPyTorch)
{
    const char* dir = std::getenv("WS_TORCHVISION_DIR");
    if (!dir || !*dir)
        GTEST_SKIP() << "WS_TORCHVISION_DIR is not set";
    for (const std::string name : { "resnet18", "mobilenet_v3_small" })
        expectMatchesReference(name, "", kGraphTolerance, dir);
    // The shapes the architecture view shows (#16 item 7), from torchvision's model definitions.
    // Their time is the inspector worker's when the file opens (the converter reads the weights).
    const auto resnet = openWeightFile(std::string(dir) + "/resnet18.onnx");
    const auto start = std::chrono::steady_clock::now();
    const OnnxShapes shapes = dynamic_cast<const OnnxFile&>(*resnet).valueShapes();
    std::printf("resnet18 valueShapes: %.1f ms\n",
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    EXPECT_EQ(nlohmann::json(shapes.at("/conv1/Conv_output_0")), nlohmann::json({ "batch", 64, 112, 112 }));
    EXPECT_EQ(nlohmann::json(shapes.at("/layer1/layer1.0/conv1/Conv_output_0")), nlohmann::json({ "batch", 64, 56, 56 }));
    EXPECT_EQ(nlohmann::json(shapes.at("/layer4/layer4.1/conv2/Conv_output_0")), nlohmann::json({ "batch", 512, 7, 7 }));
    EXPECT_EQ(nlohmann::json(shapes.at("output")), nlohmann::json({ "batch", 1000 }));
}

TEST(OnnxModel, TakesAndReturnsTheOnnxLayout)
{
    // (N, C, H, W) in, channels-last inside, and back to (C, H, W) before Flatten.
    const Sequential model = *openWeightFile(kDir + "/cnn.onnx")->model();
    EXPECT_EQ(model.inputShape(), (Shape { 2, 8, 8 }));
    EXPECT_EQ(model.layer(0).typeName(), "Permute");
    EXPECT_EQ(model.outputShape(), (Shape { 5 }));
    int permutes = 0;
    for (size_t i = 0; i < model.size(); ++i)
        permutes += model.layer(i).typeName() == "Permute";
    EXPECT_EQ(permutes, 2);
}

TEST(OnnxReader, ListsInitializersWithShapesAndValues)
{
    const auto file = openWeightFile(kDir + "/mlp.onnx");
    ASSERT_EQ(file->tensors().size(), 4u);
    const TensorInfo& w = file->tensor("0.weight");
    EXPECT_EQ(w.shape, (Shape { 8, 4 }));
    EXPECT_EQ(w.dtype, DType::F32);
    EXPECT_EQ(w.nbytes, 8u * 4 * 4);
    EXPECT_EQ(file->tensor("2.bias").shape, (Shape { 3 }));
    // Same values inline and external.
    const auto ext = openWeightFile(kDir + "/mlp_external.onnx");
    for (size_t i = 0; i < file->tensors().size(); ++i) {
        const Tensor a = file->readTensor(i);
        const Tensor b = ext->readTensor(i);
        EXPECT_EQ(a, b) << file->tensors()[i].name;
    }
}

TEST(OnnxReader, DescribesModelAndGraphInMetadata)
{
    const auto file = openWeightFile(kDir + "/cnn.onnx");
    const nlohmann::json& m = file->metadata();
    EXPECT_EQ(m.at("producer_name"), "pytorch");
    EXPECT_EQ(m.at("ir_version"), 7);
    EXPECT_EQ(m.at("opset_import").at("ai.onnx"), 13);
    const nlohmann::json& g = m.at("graph");
    ASSERT_EQ(g.at("inputs").size(), 1u);
    EXPECT_EQ(g.at("inputs")[0].at("name"), "input");
    EXPECT_EQ(g.at("inputs")[0].at("shape"), nlohmann::json::parse(R"(["batch", 2, 8, 8])"));
    EXPECT_EQ(g.at("outputs")[0].at("shape"), nlohmann::json::parse(R"(["batch", 5])"));
    std::vector<std::string> ops;
    for (const auto& n : g.at("nodes"))
        ops.push_back(n.at("op_type"));
    EXPECT_EQ(ops, (std::vector<std::string> { "Conv", "Relu", "MaxPool", "Conv", "Relu", "Flatten", "Gemm" }));
    EXPECT_EQ(g.at("nodes")[0].at("attributes").at("pads"), nlohmann::json::parse("[1, 1, 1, 1]"));
    EXPECT_EQ(g.at("nodes")[0].at("inputs")[1], "0.weight");
}

TEST(OnnxReader, ReadsEveryTypedFieldAndRawData)
{
    const auto file = openWeightFile(kDir + "/typed.onnx");
    std::ifstream in(kDir + "/typed_expected.json");
    const nlohmann::json expected = nlohmann::json::parse(in);
    ASSERT_EQ(file->tensors().size(), expected.size()); // the STRING initializer is left out
    for (const auto& [name, values] : expected.items()) {
        const TensorInfo& info = file->tensor(name);
        const Tensor t = file->readTensor(size_t(&info - file->tensors().data()));
        ASSERT_EQ(t.size(), int64_t(values.size())) << name;
        for (size_t i = 0; i < values.size(); ++i)
            EXPECT_EQ(t[int64_t(i)], values[i].get<float>()) << name << "[" << i << "]";
    }
    EXPECT_EQ(file->tensor("float16_int32_data").dtype, DType::F16);
    EXPECT_EQ(file->tensor("float16_raw").dtype, DType::F16);
    EXPECT_EQ(file->tensor("float16_raw").nbytes, 12u);
    EXPECT_EQ(file->tensor("bfloat16_int32_data").dtype, DType::BF16);
    EXPECT_EQ(file->tensor("uint32_uint64_data").dtype, DType::U32);
    EXPECT_EQ(file->tensor("scalar").shape, Shape {});
    EXPECT_EQ(file->tensor("empty").shape, (Shape { 0, 3 }));
    const nlohmann::json& m = file->metadata();
    EXPECT_EQ(m.at("metadata_props").at("license"), "CC0-1.0");
    EXPECT_EQ(m.at("doc_string"), "initializers in every typed field");
    ASSERT_EQ(m.at("warnings").size(), 1u);
    EXPECT_NE(m.at("warnings")[0].get<std::string>().find("'strings'"), std::string::npos);
}

TEST(OnnxReader, ReadsAPartOfATypedTensor)
{
    const auto file = openWeightFile(kDir + "/typed.onnx");
    const TensorInfo& info = file->tensor("int64_data");
    float part[2] = {};
    file->read(size_t(&info - file->tensors().data()), 3, 2, part);
    EXPECT_EQ(part[0], 100.0f);
    EXPECT_EQ(part[1], -128.0f);
    EXPECT_THROW(file->read(size_t(&info - file->tensors().data()), 5, 2, part), Error);
}

TEST(OnnxModel, RefusesLstmNamingTheNode)
{
    const std::string msg = messageOf(kDir + "/lstm.onnx");
    EXPECT_NE(msg.find("lstm.onnx"), std::string::npos) << msg;
    EXPECT_NE(msg.find("node 'the_lstm' (LSTM)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("not supported"), std::string::npos) << msg;
}

TEST(OnnxModel, RefusesCustomDomainOperatorNamingTheNode)
{
    const std::string msg = messageOf(kDir + "/custom_op.onnx");
    EXPECT_NE(msg.find("node 'mystery' (Frobnicate)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("com.example.custom"), std::string::npos) << msg;
}

// y = relu(x) + x: once refused as "not a chain", now a graph the engine runs (#16).
TEST(OnnxModel, RunsAResidualAddOfTwoActivations)
{
    Sequential model = *openWeightFile(kDir + "/residual.onnx")->model();
    EXPECT_FALSE(model.isChain());
    Tensor x({ 2, 3 });
    const float v[] = { -1.5f, 0.0f, 2.0f, 0.25f, -0.5f, 3.0f };
    std::copy(v, v + 6, x.data());
    Workspace ws = model.makeWorkspace();
    const Tensor& y = model.forward(x, ws, false);
    ASSERT_EQ(y.shape(), (Shape { 2, 3 }));
    for (int i = 0; i < 6; ++i)
        EXPECT_FLOAT_EQ(y[i], std::max(v[i], 0.0f) + v[i]) << "element " << i;
}

// Padding 2 around a 3x3 kernel is neither "valid" nor "same": a ZeroPadding2D before a valid
// Conv2D, checked against a direct convolution of the file's kernel.
TEST(OnnxModel, RunsPaddingThatIsNeitherValidNorSameInTheConvolution)
{
    const auto file = openWeightFile(kDir + "/conv_pads.onnx");
    Sequential model = *file->model();
    EXPECT_LT(model.find("wide_pad_pad"), 0); // no ZeroPadding2D in front of it
    ASSERT_GE(model.find("wide_pad"), 0);
    EXPECT_EQ(model.layer(size_t(model.find("wide_pad"))).config().at("padding"), nlohmann::json::parse("[[2, 2], [2, 2]]"));
    const Tensor k = file->readTensor(0); // (2, 1, 3, 3)
    Tensor x({ 1, 1, 5, 5 });
    for (int64_t i = 0; i < 25; ++i)
        x[i] = 0.1f * float((i * 7) % 11) - 0.4f;
    Workspace ws = model.makeWorkspace();
    const Tensor& y = model.forward(x, ws, false);
    ASSERT_EQ(y.shape(), (Shape { 1, 2, 7, 7 }));
    for (int64_t f = 0; f < 2; ++f)
        for (int64_t r = 0; r < 7; ++r)
            for (int64_t c = 0; c < 7; ++c) {
                double want = 0.0;
                for (int64_t ky = 0; ky < 3; ++ky)
                    for (int64_t kx = 0; kx < 3; ++kx) {
                        const int64_t iy = r - 2 + ky, ix = c - 2 + kx;
                        if (iy >= 0 && iy < 5 && ix >= 0 && ix < 5)
                            want += double(x[iy * 5 + ix]) * k[(f * 3 + ky) * 3 + kx];
                    }
                EXPECT_NEAR(y[(f * 7 + r) * 7 + c], want, 1e-5) << "filter " << f << " at " << r << ", " << c;
            }
}

TEST(OnnxModel, RefusesAReshapeAcrossTheBatch)
{
    const std::string msg = messageOf(kDir + "/reshape_batch.onnx");
    EXPECT_NE(msg.find("node 'mix_batch' (Reshape)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("does not keep the batch axis"), std::string::npos) << msg;
}

TEST(OnnxGraph, RefusesACycleNamingANodeOnIt)
{
    const std::string msg = messageOf(kDir + "/cycle.onnx");
    EXPECT_NE(msg.find("cycle.onnx"), std::string::npos) << msg;
    EXPECT_NE(msg.find("(Relu): is part of a cycle"), std::string::npos) << msg;
}

TEST(OnnxGraph, RefusesAnInputThatNothingProduces)
{
    const std::string msg = messageOf(kDir + "/dangling.onnx");
    EXPECT_NE(msg.find("node 'reads_nothing' (Add): input 'nowhere' is neither"), std::string::npos) << msg;
}

TEST(OnnxGraph, RefusesAGroupThatDoesNotDivideTheChannels)
{
    const std::string msg = messageOf(kDir + "/odd_groups.onnx");
    EXPECT_NE(msg.find("node 'odd_groups' (Conv): group = 3 does not divide the input's 4 channels"), std::string::npos)
        << msg;
}

TEST(OnnxGraph, RefusesGroupedConvolutionThatIsNotDepthwise)
{
    const std::string msg = messageOf(kDir + "/grouped.onnx");
    EXPECT_NE(msg.find("node 'two_groups' (Conv): group = 2 (grouped convolution) is not supported"), std::string::npos)
        << msg;
}

TEST(OnnxGraph, RefusesNegativePads)
{
    const std::string msg = messageOf(kDir + "/negative_pads.onnx");
    EXPECT_NE(msg.find("node 'crop' (Conv): pads [-1, 0, 0, 0] are negative"), std::string::npos) << msg;
}

// The scan runs before anything is built and lists every missing operator, not just the first.
TEST(OnnxGraph, RefusesListingEveryOperatorTheEngineLacks)
{
    const std::string msg = messageOf(kDir + "/many_missing.onnx");
    EXPECT_NE(msg.find("node 'first_missing' (Acosh): operator 'Acosh' is not supported"), std::string::npos) << msg;
    EXPECT_NE(msg.find("lacks: Acosh, Det, com.example.custom.Frobnicate"), std::string::npos) << msg;
}

TEST(OnnxGraph, RefusesArithmeticOnTheBatchSizeNamingTheNode)
{
    const std::string msg = messageOf(kDir + "/batch_arith.onnx");
    EXPECT_NE(msg.find("node 'double_batch' (Add): arithmetic on the batch size"), std::string::npos) << msg;
}

TEST(OnnxModel, RefusesAGraphWithNothingToRun)
{
    const std::string msg = messageOf(kDir + "/typed.onnx"); // one Identity
    EXPECT_NE(msg.find("no operators to run"), std::string::npos) << msg;
}

// Each hostile file: a FormatError that names the file and says what is wrong.
class OnnxBadFile : public testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(OnnxBadFile, IsRefusedWithAMessageNamingTheFile)
{
    const auto [name, expect] = GetParam();
    const std::string path = kDir + "/bad/" + name;
    const std::string msg = messageOf(path);
    EXPECT_NE(msg.find(name), std::string::npos) << msg;
    EXPECT_NE(msg.find(expect), std::string::npos) << msg;
}

INSTANTIATE_TEST_SUITE_P(Hostile, OnnxBadFile,
    testing::Values(std::pair { "truncated.onnx", "not a valid ONNX protobuf" },
        std::pair { "empty.onnx", "empty" },
        std::pair { "not_protobuf.onnx", "ONNX" },
        std::pair { "no_graph.onnx", "no ir_version or graph" },
        std::pair { "short_raw_data.onnx", "raw_data holds 40 bytes" },
        std::pair { "negative_dims.onnx", "negative" },
        std::pair { "absurd_dims.onnx", "more elements than can be addressed" },
        std::pair { "huge_dims.onnx", "raw_data holds 16 bytes" },
        std::pair { "typed_count.onnx", "float_data holds 2 values" },
        std::pair { "escape_external.onnx", "'../../etc/passwd' is not a file name inside the model's folder" },
        std::pair { "absolute_external.onnx", "'/etc/passwd' is not a file name inside" },
        std::pair { "offset_past_end.onnx", "past the end" },
        std::pair { "range_past_end.onnx", "past the end" },
        std::pair { "length_mismatch.onnx", "length 12" },
        std::pair { "missing_external.onnx", "no_such_file.data" },
        std::pair { "bad_offset_text.onnx", "'-8' is not a non-negative integer" }),
    [](const auto& param) {
        std::string name = param.param.first;
        return name.substr(0, name.find('.'));
    });

TEST(OnnxReader, RefusesAnExternalFileReachedThroughASymlinkOutOfTheFolder)
{
    const fs::path dir = fs::temp_directory_path() / ("ws_onnx_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::copy_file(kDir + "/bad/offset_past_end.onnx", dir / "model.onnx", fs::copy_options::overwrite_existing);
    // model.onnx names small.data; here it is a link to a file outside the folder.
    std::error_code ec;
    fs::remove(dir / "small.data", ec);
    fs::create_symlink("/etc/hostname", dir / "small.data");
    const std::string msg = messageOf((dir / "model.onnx").string());
    fs::remove_all(dir);
    EXPECT_NE(msg.find("leads out of the model's folder"), std::string::npos) << msg;
}

// Damaged copies of real models (one byte changed, or cut short), made deterministically: each
// opens, or is refused with a FormatError; nothing crashes (run under ASan in the asan preset).
TEST(OnnxReader, SurvivesDamagedCopiesOfRealModels)
{
    const fs::path dir = fs::temp_directory_path() / ("ws_onnx_fuzz_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    uint64_t state = 12345;
    auto next = [&state] {
        state = state * 6364136223846793005u + 1442695040888963407u;
        return state >> 33;
    };
    int refused = 0, opened = 0;
    for (const char* name : { "mlp.onnx", "cnn.onnx", "matmul_reshape.onnx" }) {
        std::ifstream in(kDir + "/" + name, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (int round = 0; round < 300; ++round) {
            std::string damaged = bytes;
            const size_t at = next() % bytes.size();
            if (round % 10 == 0)
                damaged.resize(at);
            else
                damaged[at] = char(next() & 0xff);
            const std::string path = (dir / "damaged.onnx").string();
            std::ofstream(path, std::ios::binary | std::ios::trunc) << damaged;
            try {
                const auto file = openWeightFile(path);
                for (size_t i = 0; i < file->tensors().size(); ++i)
                    file->readTensor(i);
                try {
                    file->model();
                } catch (const FormatError& e) {
                    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
                }
                ++opened;
            } catch (const FormatError& e) {
                EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
                ++refused;
            }
        }
    }
    fs::remove_all(dir);
    EXPECT_GT(refused, 0);
    EXPECT_GT(opened, 0);
}

TEST(OnnxReader, RefusesAFileOverProtobufsLimitBeforeParsing)
{
    // A sparse file: 2 GiB long, no disk blocks.
    const fs::path path = fs::temp_directory_path() / ("ws_onnx_big_" + std::to_string(::getpid()) + ".onnx");
    { std::ofstream(path.string(), std::ios::binary); }
    fs::resize_file(path, uint64_t(1) << 31);
    const std::string msg = messageOf(path.string());
    fs::remove(path);
    EXPECT_NE(msg.find(path.string() + ": 2147483648 bytes is more than protobuf's 2 GiB limit"), std::string::npos)
        << msg;
}

TEST(OnnxReader, RefusesAFieldLengthLargerThanTheFile)
{
    // ir_version = 7, then graph (field 7, length-delimited) claiming 2^31 - 1 bytes.
    const fs::path path = fs::temp_directory_path() / ("ws_onnx_len_" + std::to_string(::getpid()) + ".onnx");
    std::ofstream(path.string(), std::ios::binary) << std::string("\x08\x07\x3a\xff\xff\xff\xff\x07\x0a\x00", 10);
    const std::string msg = messageOf(path.string());
    fs::remove(path);
    EXPECT_NE(msg.find("not a valid ONNX protobuf"), std::string::npos) << msg;
}

TEST(Permute, ReordersAxesAndBackward)
{
    Sequential model(Shape { 2, 3, 4 });
    model.emplace<Permute>(std::vector<int> { 2, 3, 1 });
    model.build();
    EXPECT_EQ(model.outputShape(), (Shape { 3, 4, 2 }));
    Tensor x({ 2, 2, 3, 4 });
    for (int64_t i = 0; i < x.size(); ++i)
        x[i] = float(i);
    Workspace ws = model.makeWorkspace();
    const Tensor y = model.forward(x, ws, false);
    // y[n, h, w, c] = x[n, c, h, w]
    for (int64_t n = 0; n < 2; ++n)
        for (int64_t c = 0; c < 2; ++c)
            for (int64_t h = 0; h < 3; ++h)
                for (int64_t w = 0; w < 4; ++w)
                    EXPECT_EQ(y[((n * 3 + h) * 4 + w) * 2 + c], x[((n * 2 + c) * 3 + h) * 4 + w]);
    // Backward is the inverse permutation: dL/dx for dL/dy = y is x.
    Tensor dx;
    model.layer(0).backward(x, y, y, &dx, nullptr);
    EXPECT_EQ(dx, x);
}

// Every order of three axes (sizes off the 16-element tiles), and of four: the swaps of two merged
// axes behind axes that stay put go through tiled transposes over the threads, the rest through
// the general walk. Each output element is checked against its definition, on one thread and on
// two.
TEST(Permute, EveryOrderOfThreeAndFourAxesPutsEachElementWhereItBelongs)
{
    const std::vector<Shape> shapes = { { 5, 17, 19 }, { 3, 5, 7, 18 } };
    for (int threads = 1; threads <= 2; ++threads) {
        setThreadCount(threads);
        for (const Shape& shape : shapes) {
            std::vector<int> dims(shape.size());
            for (size_t i = 0; i < dims.size(); ++i)
                dims[i] = int(i + 1);
            do {
                Sequential model(shape);
                model.emplace<Permute>(dims);
                model.build();
                Shape batched = shape;
                batched.insert(batched.begin(), 2);
                Tensor x(batched);
                for (int64_t i = 0; i < x.size(); ++i)
                    x[i] = float(i);
                Workspace ws = model.makeWorkspace();
                const Tensor y = model.forward(x, ws, false);
                const size_t rank = shape.size();
                std::vector<int64_t> inStride(rank, 1), index(rank, 0);
                for (size_t i = rank - 1; i-- > 0;)
                    inStride[i] = inStride[i + 1] * shape[i + 1];
                const int64_t per = shapeNumel(shape);
                int wrong = 0;
                for (int64_t n = 0; n < 2; ++n) {
                    for (int64_t k = 0; k < per && wrong < 3; ++k) {
                        // k's position in the output, whose axis i is the input's axis dims[i] - 1
                        int64_t rest = k, from = 0;
                        for (size_t i = rank; i-- > 0;) {
                            const size_t axis = size_t(dims[i] - 1);
                            from += (rest % shape[axis]) * inStride[axis];
                            rest /= shape[axis];
                        }
                        if (y[n * per + k] != x[n * per + from]) {
                            ++wrong;
                            ADD_FAILURE() << "dims " << nlohmann::json(dims).dump() << " on " << shapeToString(shape)
                                          << ", " << threads << " thread(s): output " << k << " is "
                                          << y[n * per + k] << ", not " << x[n * per + from];
                        }
                    }
                }
            } while (std::next_permutation(dims.begin(), dims.end()));
        }
    }
    setThreadCount(1);
}

TEST(Permute, RoundTripsThroughItsConfigAndTheCompactForm)
{
    const nlohmann::json spec = parseLayerSpec("permute(3, 1, 2)");
    ASSERT_EQ(spec.size(), 1u);
    EXPECT_EQ(spec[0].at("dims"), nlohmann::json::parse("[3, 1, 2]"));
    const auto layer = makeLayer(spec[0]);
    EXPECT_EQ(layer->config().at("dims"), nlohmann::json::parse("[3, 1, 2]"));
    EXPECT_THROW(makeLayer(nlohmann::json { { "type", "Permute" } }), ConfigError);
}

// Found by fuzz_onnx: protobuf strings are bytes, and a producer name that was not UTF-8 made
// the metadata impossible to dump (nlohmann type_error 316): `inspect --json` failed and the
// inspector's metadata panel would have thrown. openWeightFile now replaces such bytes by U+FFFD.
TEST(OnnxReader, MetadataWithInvalidUtf8StaysDumpable)
{
    const auto file = openWeightFile(kDir + "/bad/invalid_utf8_metadata.onnx");
    std::string text;
    ASSERT_NO_THROW(text = file->metadata().dump());
    EXPECT_NE(text.find("\xEF\xBF\xBD"), std::string::npos) << text.substr(0, 400);
}

TEST(Utf8, AcceptsWellFormedTextAndRefusesEveryIllFormedClass)
{
    EXPECT_TRUE(isValidUtf8(""));
    EXPECT_TRUE(isValidUtf8("plain ascii"));
    EXPECT_TRUE(isValidUtf8("Gr\xC3\xBC\xC3\x9F" "e \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));
    EXPECT_FALSE(isValidUtf8("\x80"));             // a lone continuation byte
    EXPECT_FALSE(isValidUtf8("\xC0\xAF"));         // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xE0\x80\xAF"));     // overlong, three bytes
    EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));     // a surrogate
    EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80")); // above U+10FFFF
    EXPECT_FALSE(isValidUtf8("\xE2\x82"));         // cut short
    EXPECT_FALSE(isValidUtf8("\xFF"));
    EXPECT_EQ(toValidUtf8("py\xACtorch"), "py\xEF\xBF\xBDtorch");
    EXPECT_EQ(toValidUtf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(toValidUtf8("\xE2\x82\xAC"), "\xE2\x82\xAC");
}

TEST(Utf8, MakeValidUtf8FixesStringsAndKeysAtAnyDepth)
{
    nlohmann::json j = { { "ok", "fine" }, { "bad\xFF", { "x\xC0", 1, { { "deep", "\xED\xA0\x80" } } } } };
    makeValidUtf8(j);
    const std::string text = j.dump(); // threw before
    EXPECT_EQ(j.at("ok"), "fine");
    ASSERT_TRUE(j.contains("bad\xEF\xBF\xBD"));
    EXPECT_EQ(j.at("bad\xEF\xBF\xBD")[0], "x\xEF\xBF\xBD");
    EXPECT_EQ(j.at("bad\xEF\xBF\xBD")[2].at("deep"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}
