// SPDX-License-Identifier: GPL-3.0-or-later
// weightscope-cli predict, run as a program: it reproduces PyTorch's outputs for the ONNX
// reference models (tests/data/onnx, tools/make_onnx_reference.py) and NumPy's for the Keras ones
// (tests/data/keras/*.json, tools/make_keras_reference.py), runs a model saved by `train` as the
// engine runs it in this process (its normalisation included), batches and threads without
// changing the result, writes a layer's output, and never leaves a half-written file.
#include "CliRun.h"
#include "TempDir.h"

#include "data/Normalize.h"
#include "formats/RunnableModel.h"
#include "io/NpyReader.h"
#include "io/NpyWriter.h"
#include "train/Predict.h"
#include "util/Rng.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <csignal>
#include <sys/resource.h>

using namespace ws;
using ws::test::runCli;
using ws::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kOnnx = std::string(WS_TEST_DATA_DIR) + "/onnx/";
const std::string kKeras = std::string(WS_TEST_DATA_DIR) + "/keras/";

Tensor readNpy(const std::string& path) { return NpyFile(path).readTensor(0); }

std::string fileBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A .npy of another dtype than float32: the float32 header with its descr swapped for one of the
// same length (the padding stays right), then the values in that type.
template <class T> void writeNpyAs(const std::string& path, const char* descr, const Tensor& t)
{
    std::string header = npyHeaderF32(t.shape());
    header.replace(header.find("<f4"), 3, descr);
    std::ofstream out(path, std::ios::binary);
    out << header;
    for (int64_t i = 0; i < t.size(); ++i) {
        const T v = T(t[i]);
        out.write(reinterpret_cast<const char*>(&v), sizeof v);
    }
}

Tensor randomTensor(Shape shape, uint64_t seed, float scale = 1.0f)
{
    Tensor t(std::move(shape));
    Rng rng(seed);
    for (int64_t i = 0; i < t.size(); ++i)
        t[i] = scale * float(rng.normal());
    return t;
}

void expectClose(const Tensor& got, const Tensor& want, float tolerance, const std::string& what)
{
    ASSERT_EQ(got.shape(), want.shape()) << what;
    for (int64_t i = 0; i < want.size(); ++i)
        ASSERT_NEAR(got[i], want[i], tolerance * std::max(1.0f, std::abs(want[i]))) << what << ", element " << i;
}

// predict MODEL --input IN --output OUT [extra...]; fails the test (with stderr) unless it exits 0.
void predictOk(const std::string& model, const std::string& in, const std::string& out,
    std::vector<std::string> extra = {})
{
    std::vector<std::string> args = { "predict", model, "--input", in, "--output", out };
    args.insert(args.end(), extra.begin(), extra.end());
    const auto run = runCli(args);
    ASSERT_EQ(run.status, 0) << run.err;
}

// The engine's own answer in this process: the model on the whole input at once.
Tensor forwardInProcess(const std::string& modelPath, const Tensor& x, size_t layer = size_t(-1))
{
    RunnableModel m = loadRunnableModel(modelPath);
    Workspace ws = m.model.makeWorkspace();
    m.model.forward(x, ws, false);
    return ws.outputs.at(layer == size_t(-1) ? m.model.size() - 1 : layer);
}

} // namespace

TEST(PredictCli, OnnxModelsReproducePyTorchsOutputs)
{
    TempDir dir;
    for (const std::string name :
        { "cnn", "mlp", "matmul_reshape", "cnn_bn", "value_ints", "gauss_mlp", "encoder2_gelu_op13", "pools" }) {
        const std::string out = dir.file(name + "_predicted.npy");
        predictOk(kOnnx + name + ".onnx", kOnnx + name + "_input.npy", out);
        expectClose(readNpy(out), readNpy(kOnnx + name + "_output.npy"), 1e-5f, name);
    }
}

// #16: a padding mask given as a second graph input: --input NAME=X.npy per input, in any order,
// in batches of any size; the outputs are PyTorch's (tools/make_onnx_reference.py --inputs).
TEST(PredictCli, AMaskGivenAsASecondInputReproducesPyTorchsOutputs)
{
    TempDir dir;
    const Tensor want = readNpy(kOnnx + "encoder_maskinput_output.npy");
    for (const std::string name : { "encoder_maskinput_op13", "encoder_maskinput_op17" })
        for (const std::string batch : { "256", "1", "2" }) {
            const std::string out = dir.file(name + "_" + batch + ".npy");
            const auto run = runCli({ "predict", kOnnx + name + ".onnx", "--input", "mask=" + kOnnx + "encoder_maskinput_mask.npy",
                "--input", "src=" + kOnnx + "encoder_maskinput_src.npy", "--output", out, "--batch", batch });
            ASSERT_EQ(run.status, 0) << run.err;
            EXPECT_NE(run.out.find("src (3, 6, 8) from"), std::string::npos) << run.out;
            EXPECT_NE(run.out.find("and mask (3, 6) from"), std::string::npos) << run.out;
            expectClose(readNpy(out), want, 1e-5f, name + ", batch " + batch);
        }
    // One sample without the batch axis, in both inputs: its output without it too.
    const Tensor src = readNpy(kOnnx + "encoder_maskinput_src.npy");
    Tensor one({ 6, 8 });
    std::copy_n(src.data() + 6 * 8, 6 * 8, one.data());
    writeNpy(dir.file("src1.npy"), one);
    const std::string mask1 = dir.file("mask1.npy");
    {
        std::ofstream m(mask1, std::ios::binary);
        std::string header = npyHeaderF32({ 6 });
        header.replace(header.find("<f4"), 3, "|b1");
        m << header;
        const char flags[6] = { 0, 0, 0, 0, 1, 1 }; // sample 1's padding
        m.write(flags, 6);
    }
    const std::string out = dir.file("one.npy");
    const auto run = runCli({ "predict", kOnnx + "encoder_maskinput_op17.onnx", "--input", "src=" + dir.file("src1.npy"),
        "--input", "mask=" + mask1, "--output", out, "--json" });
    ASSERT_EQ(run.status, 0) << run.err;
    const auto j = nlohmann::json::parse(run.out);
    EXPECT_EQ(j.at("inputs").size(), 2u);
    EXPECT_EQ(j.at("inputs").at(1).at("name"), "mask");
    const Tensor got = readNpy(out);
    ASSERT_EQ(got.shape(), (Shape { 6, 5 }));
    for (int64_t i = 0; i < 6 * 5; ++i)
        EXPECT_NEAR(got[i], want[6 * 5 + i], 1e-5) << "sample 1, element " << i;
}

// #17: a whole nn.Sequential saved with torch.save(model) (tools/make_torch_models_reference.py).
TEST(PredictCli, AWholePyTorchSequentialReproducesPyTorchsOutputs)
{
    TempDir dir;
    const std::string models = std::string(WS_TEST_DATA_DIR) + "/torch/models/";
    Tensor x({ 2, 1, 6, 6 });
    for (int64_t i = 0; i < x.size(); ++i)
        x[i] = float(i) / 72.0f - 0.5f;
    writeNpy(dir.file("x.npy"), x);
    predictOk(models + "sequential.pt", dir.file("x.npy"), dir.file("y.npy"));
    const nlohmann::json expected = nlohmann::json::parse(std::ifstream(models + "expected.json"));
    Tensor want({ 2, 3 });
    for (int64_t i = 0; i < want.size(); ++i)
        want[i] = expected.at("sequential.pt").at("output").at(size_t(i)).get<float>();
    expectClose(readNpy(dir.file("y.npy")), want, 1e-5f, "sequential.pt");
}

// #17 item 5: TorchScript Sequentials, scripted and traced (a wrapper whose forward only calls the
// Sequential, and the Sequential itself), from tools/make_torch_models_reference.py.
TEST(PredictCli, TorchScriptSequentialsReproducePyTorchsOutputs)
{
    TempDir dir;
    const std::string models = std::string(WS_TEST_DATA_DIR) + "/torch/models/";
    for (const std::string name : { "cnn_scripted", "cnn_traced", "cnn_traced_seq" }) {
        const std::string out = dir.file(name + ".npy");
        predictOk(models + name + ".pt", models + "cnn_input.npy", out);
        expectClose(readNpy(out), readNpy(models + "cnn_output.npy"), 1e-5f, name);
    }
}

// A bare state dict (torch.save(model.state_dict())) with its layers given by --model: the
// tensors go to the layers in file order, the run says which went where, and the outputs are
// PyTorch's (tools/make_torch_models_reference.py: Conv2d, ReLU, MaxPool2d, Flatten, Linear,
// ReLU, Linear on NCHW inputs).
TEST(PredictCli, ABareStateDictWithItsLayersReproducesPyTorchsOutputs)
{
    TempDir dir;
    const std::string models = std::string(WS_TEST_DATA_DIR) + "/torch/models/";
    const std::string layers = "conv2d(3, 3) relu maxpool2d(2) flatten dense(5) relu dense(4)";
    const auto run = runCli({ "predict", models + "statedict_mlp.pt", "--model", layers, "--input",
        models + "statedict_mlp_input.npy", "--output", dir.file("y.npy") });
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("6 tensors given to the layers of --model"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("0.weight (3, 2, 3, 3) -> layer 1 Conv2D(filters=3, kernel_size=3): weight"), std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find("4.weight (5, 12) -> layer 5 Dense(units=5): weight"), std::string::npos) << run.out;
    expectClose(readNpy(dir.file("y.npy")), readNpy(models + "statedict_mlp_output.npy"), 1e-5f, "statedict_mlp.pt");
}

TEST(PredictCli, ABareStateDictThatDoesNotFitItsLayersIsRefusedNamingTheFirstMismatch)
{
    TempDir dir;
    const std::string models = std::string(WS_TEST_DATA_DIR) + "/torch/models/";
    const std::pair<std::string, std::string> cases[] = {
        { "conv2d(3, 3) relu maxpool2d(2) flatten dense(6) relu dense(4)",
            "tensor 3 '4.weight' (5, 12) does not fit layer 5 Dense(units=6), whose weight is (6, any)" },
        { "conv2d(3, 5) relu maxpool2d(2) flatten dense(5) relu dense(4)",
            "tensor 1 '0.weight' (3, 2, 3, 3) does not fit layer 1 Conv2D(filters=3, kernel_size=5), whose weight is (3, any, 5, 5)" },
        { "conv2d(3, 3) relu maxpool2d(2) flatten dense(5) relu",
            "the layers take 4 tensors, but the file holds more: tensor 5 '6.weight' (4, 5) is left over" },
        { "conv2d(3, 3) relu maxpool2d(2) flatten dense(5) relu dense(4) dense(2)",
            "layer 8 Dense(units=2) needs a weight (2, 4), but the file holds no more tensors (6 in all)" },
        { "conv2d(3, 3) relu globalavgpool2d dense(5) relu dense(4)",
            "statedict_mlp.pt: layer 3 GlobalAveragePooling2D(): this kind of layer takes no PyTorch state dict here" },
    };
    for (const auto& [layers, message] : cases) {
        const auto run = runCli({ "predict", models + "statedict_mlp.pt", "--model", layers, "--input",
            models + "statedict_mlp_input.npy", "--output", dir.file("y.npy") });
        EXPECT_NE(run.status, 0) << layers;
        EXPECT_NE(run.err.find(message), std::string::npos) << layers << "\n" << run.err;
        EXPECT_FALSE(fs::exists(dir.file("y.npy"))) << layers;
    }
}

TEST(PredictCli, KerasModelsReproduceNumPysOutputs)
{
    TempDir dir;
    for (const std::string name : { "keras3_cnn", "keras2_mlp", "keras3_mlp", "keras2_functional" }) {
        const std::string modelFile = name + (name == "keras3_cnn" ? ".keras" : ".h5");
        std::ifstream in(kKeras + name + ".json");
        const nlohmann::json want = nlohmann::json::parse(in);
        Shape shape = want["input_shape"].get<Shape>();
        shape.insert(shape.begin(), int64_t(want["inputs"].size()));
        std::vector<float> flat;
        for (const auto& sample : want["inputs"])
            for (const auto& v : sample)
                flat.push_back(v.get<float>());
        Tensor x(shape);
        std::copy(flat.begin(), flat.end(), x.data());
        writeNpy(dir.file("x.npy"), x);

        predictOk(kKeras + modelFile, dir.file("x.npy"), dir.file("y.npy"));
        const Tensor y = readNpy(dir.file("y.npy"));
        const auto& outputs = want["outputs"];
        ASSERT_EQ(y.shape(), (Shape { int64_t(outputs.size()), int64_t(outputs[0].size()) })) << name;
        for (size_t n = 0; n < outputs.size(); ++n)
            for (size_t k = 0; k < outputs[n].size(); ++k)
                EXPECT_NEAR(y[int64_t(n * outputs[n].size() + k)], outputs[n][k].get<double>(), 1e-5)
                    << name << ": sample " << n << ", output " << k;
    }
}

// #16 item 4: a Keras Model(x, [out_a, out_b]), in both formats: Y.npy holds the first output
// and the note says so; --all-outputs writes the second to Y_1.npy; --layer out_b that one alone.
TEST(PredictCli, KerasTwoOutputModelWritesEachOutput)
{
    for (const std::string name : { "keras2_two_outputs.h5", "keras3_two_outputs.keras" }) {
        TempDir dir;
        std::ifstream in(kKeras + fs::path(name).stem().string() + ".json");
        const nlohmann::json want = nlohmann::json::parse(in);
        auto expectOutput = [&](const std::string& path, size_t o) {
            const Tensor y = readNpy(path);
            const auto& rows = want["all_outputs"][o]["values"];
            ASSERT_EQ(y.shape(), (Shape { int64_t(rows.size()), int64_t(rows[0].size()) })) << name << " output " << o;
            for (size_t n = 0; n < rows.size(); ++n)
                for (size_t k = 0; k < rows[n].size(); ++k)
                    EXPECT_NEAR(y[int64_t(n * rows[n].size() + k)], rows[n][k].get<double>(), 1e-5)
                        << name << " output " << o << ", sample " << n;
        };
        const std::string x = kKeras + "two_outputs_x.npy";
        auto run = runCli({ "predict", kKeras + name, "--input", x, "--output", dir.file("y.npy") });
        ASSERT_EQ(run.status, 0) << run.err;
        expectOutput(dir.file("y.npy"), 0);
        EXPECT_NE(run.out.find("output 0 'out_a_softmax'"), std::string::npos) << run.out;
        EXPECT_NE(run.out.find("note: the model has 2 outputs ('out_a_softmax', 'out_b'); " + dir.file("y.npy")
                      + " holds the first. --all-outputs writes each"),
            std::string::npos)
            << run.out;
        EXPECT_FALSE(fs::exists(dir.file("y_1.npy"))) << "only with --all-outputs";

        run = runCli({ "predict", kKeras + name, "--input", x, "--output", dir.file("y.npy"), "--all-outputs", "--batch", "3" });
        ASSERT_EQ(run.status, 0) << run.err;
        expectOutput(dir.file("y.npy"), 0);
        expectOutput(dir.file("y_1.npy"), 1);
        EXPECT_NE(run.out.find("wrote " + dir.file("y_1.npy") + ": (4, 2) float32, output 1 'out_b'"), std::string::npos)
            << run.out;

        predictOk(kKeras + name, x, dir.file("b.npy"), { "--layer", "out_b" });
        expectOutput(dir.file("b.npy"), 1);

        run = runCli({ "predict", kKeras + name, "--input", x, "--output", dir.file("y.npy"), "--all-outputs", "--json" });
        ASSERT_EQ(run.status, 0) << run.err;
        const nlohmann::json j = nlohmann::json::parse(run.out);
        ASSERT_EQ(j["model_outputs"].size(), 2u) << run.out;
        EXPECT_EQ(j["model_outputs"][1]["layer"], "out_b");
        EXPECT_EQ(j["model_outputs"][1]["path"], dir.file("y_1.npy"));
        EXPECT_EQ(j["model_outputs"][1]["shape"], nlohmann::json({ 4, 2 }));
    }
}

// The model file keeps the normalisation fitted in training; predict applies it as eval does.
TEST(PredictCli, AModelSavedByTrainPredictsAsTheEngineRunsItWithItsNormalisation)
{
    TempDir dir;
    const std::string model = dir.file("model.h5");
    const auto train = runCli({ "train", "--dataset", "spiral", "--samples", "200", "--epochs", "2", "--batch", "16",
        "--normalize", "minmax", "--no-record", "--quiet", "--save", model });
    ASSERT_EQ(train.status, 0) << train.err;
    const Tensor x = randomTensor({ 40, 2 }, 11, 3.0f);
    writeNpy(dir.file("x.npy"), x);
    predictOk(model, dir.file("x.npy"), dir.file("y.npy"), { "--batch", "7" });

    RunnableModel m = loadRunnableModel(model);
    ASSERT_EQ(m.format, "weightscope");
    Tensor normalized = x;
    Normalizer::fromJson(m.metadata.at("normalizer")).apply(normalized.data(), 40, 2, "test input");
    const Tensor want = forwardInProcess(model, normalized);
    const Tensor got = readNpy(dir.file("y.npy"));
    expectClose(got, want, 1e-6f, "saved spiral model");
    // Without the normalisation the outputs differ, so the comparison above can fail.
    const Tensor raw = forwardInProcess(model, x);
    double largest = 0;
    for (int64_t i = 0; i < raw.size(); ++i)
        largest = std::max(largest, double(std::abs(raw[i] - got[i])));
    EXPECT_GT(largest, 1e-3) << "min-max normalisation of spiral points changes nothing?";
}

TEST(PredictCli, SmallBatchesOnTwoThreadsGiveWhatOneBatchGives)
{
    TempDir dir;
    const Tensor x = randomTensor({ 37, 2, 8, 8 }, 5);
    writeNpy(dir.file("x.npy"), x);
    predictOk(kOnnx + "cnn.onnx", dir.file("x.npy"), dir.file("y.npy"), { "--batch", "4", "--threads", "2" });
    expectClose(readNpy(dir.file("y.npy")), forwardInProcess(kOnnx + "cnn.onnx", x), 1e-6f, "37 samples in batches of 4");
}

// Inside the engine images are NHWC: the ReLU after the ONNX model's second Conv gives
// (N, H, W, C) = (3, 2, 2, 6), where PyTorch's module gives (3, 6, 2, 2).
TEST(PredictCli, LayerWritesThatLayersOutputInTheEnginesLayout)
{
    TempDir dir;
    predictOk(kOnnx + "cnn.onnx", kOnnx + "cnn_input.npy", dir.file("relu.npy"), { "--layer", "/4/Relu" });
    const Tensor got = readNpy(dir.file("relu.npy"));
    EXPECT_EQ(got.shape(), (Shape { 3, 2, 2, 6 }));
    RunnableModel m = loadRunnableModel(kOnnx + "cnn.onnx");
    const Tensor want = forwardInProcess(kOnnx + "cnn.onnx", readNpy(kOnnx + "cnn_input.npy"), layerIndex(m.model, "/4/Relu"));
    expectClose(got, want, 1e-6f, "layer /4/Relu");
}

TEST(PredictCli, UnknownLayerIsRefusedWithTheNamesThereAre)
{
    TempDir dir;
    const auto run = runCli({ "predict", kOnnx + "cnn.onnx", "--input", kOnnx + "cnn_input.npy", "--output",
        dir.file("y.npy"), "--layer", "conv" });
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.err.find("no layer named 'conv'; its layers are: input_to_channels_last, /0/Conv, /1/Relu"), std::string::npos)
        << run.err;
    EXPECT_FALSE(fs::exists(dir.file("y.npy")));
}

// One sample without the batch axis (here float64) gives one output without the batch axis.
TEST(PredictCli, OneSampleWithoutBatchAxisGivesAnOutputWithoutIt)
{
    TempDir dir;
    const Tensor all = readNpy(kOnnx + "cnn_input.npy");
    Tensor first({ 2, 8, 8 });
    std::copy(all.data(), all.data() + first.size(), first.data());
    writeNpyAs<double>(dir.file("one.npy"), "<f8", first);
    predictOk(kOnnx + "cnn.onnx", dir.file("one.npy"), dir.file("y.npy"));
    const Tensor want = readNpy(kOnnx + "cnn_output.npy");
    Tensor wantFirst({ 5 });
    std::copy(want.data(), want.data() + 5, wantFirst.data());
    expectClose(readNpy(dir.file("y.npy")), wantFirst, 1e-5f, "one float64 sample");
}

TEST(PredictCli, IntegerAndHalfInputsAreConvertedToFloat32AsTheyAre)
{
    TempDir dir;
    Tensor x = randomTensor({ 6, 4 }, 3, 4.0f);
    for (int64_t i = 0; i < x.size(); ++i)
        x[i] = std::round(x[i]); // exact in int16 and float16
    writeNpyAs<int16_t>(dir.file("i2.npy"), "<i2", x);
    predictOk(kOnnx + "mlp.onnx", dir.file("i2.npy"), dir.file("y.npy"));
    expectClose(readNpy(dir.file("y.npy")), forwardInProcess(kOnnx + "mlp.onnx", x), 1e-6f, "int16 input");
}

TEST(PredictCli, AnEmptyInputGivesAnEmptyOutputOfTheRightShape)
{
    TempDir dir;
    writeNpy(dir.file("none.npy"), Tensor({ 0, 2, 8, 8 }));
    predictOk(kOnnx + "cnn.onnx", dir.file("none.npy"), dir.file("y.npy"), { "--layer", "/4/Relu" });
    EXPECT_EQ(readNpy(dir.file("y.npy")).shape(), (Shape { 0, 2, 2, 6 }));
}

TEST(PredictCli, JsonSummaryHasTheShapesAndCounts)
{
    TempDir dir;
    const auto run = runCli({ "predict", kOnnx + "cnn.onnx", "--input", kOnnx + "cnn_input.npy", "--output",
        dir.file("y.npy"), "--batch", "2", "--json" });
    ASSERT_EQ(run.status, 0) << run.err;
    const nlohmann::json j = nlohmann::json::parse(run.out);
    EXPECT_EQ(j.at("model"), kOnnx + "cnn.onnx");
    EXPECT_EQ(j.at("format"), "onnx");
    EXPECT_EQ(j.at("input_shape").get<Shape>(), (Shape { 3, 2, 8, 8 }));
    EXPECT_EQ(j.at("output_shape").get<Shape>(), (Shape { 3, 5 }));
    EXPECT_FALSE(j.contains("layer"));
    EXPECT_EQ(j.at("batch_size"), 2);
    EXPECT_EQ(j.at("batches"), 2);
    EXPECT_EQ(j.at("samples"), 3);
    EXPECT_GT(j.at("seconds").get<double>(), 0.0);
    EXPECT_GT(j.at("samples_per_second").get<double>(), 0.0);
}

TEST(PredictCli, AWrongShapeIsRefusedNamingBothShapesAndTheFile)
{
    TempDir dir;
    const auto run = runCli({ "predict", kOnnx + "cnn.onnx", "--input", kOnnx + "mlp_input.npy", "--output", dir.file("y.npy") });
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("mlp_input.npy: an array of shape (5, 4) does not fit the model, which takes samples of shape (2, 8, 8)"),
        std::string::npos)
        << run.err;
    EXPECT_FALSE(fs::exists(dir.file("y.npy")));
}

// A write that fails half-way (the file size limit, which binds root too, so this test runs
// in CI) leaves the previous output as it was and no temporary file beside it.
TEST(PredictCli, AWriteThatFailsHalfWayLeavesTheOldOutputAndNoTemporaryFile)
{
    TempDir dir;
    writeNpy(dir.file("x.npy"), randomTensor({ 2000, 2, 8, 8 }, 9)); // output: 2000 * 5 floats, 40 kB
    const std::string out = dir.file("y.npy");
    { std::ofstream(out) << "the previous output"; }
    const auto run = runCli({ "predict", kOnnx + "cnn.onnx", "--input", dir.file("x.npy"), "--output", out }, [] {
        const rlimit limit { 16384, 16384 };
        setrlimit(RLIMIT_FSIZE, &limit);
        std::signal(SIGXFSZ, SIG_IGN); // write() then fails with EFBIG instead of killing the process
    });
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find(out + ": cannot write"), std::string::npos) << run.err;
    const std::string now = fileBytes(out);
    EXPECT_TRUE(now == "the previous output") << "y.npy now holds " << now.size() << " bytes, starting "
                                               << now.substr(0, 20);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string> { "x.npy", "y.npy" }));

    // Without the limit the same command writes the file: the failure above was the write's.
    predictOk(kOnnx + "cnn.onnx", dir.file("x.npy"), out);
    EXPECT_EQ(readNpy(out).shape(), (Shape { 2000, 5 }));
}
