// SPDX-License-Identifier: GPL-3.0-or-later
// #22, keep and share: the ONNX writer (io/OnnxWriter.h). Trained Playground networks read back by
// the project's own ONNX reader give the same outputs; the graph is the one torch.onnx.export
// wrote for the same architecture (tests/data/onnx/mlp.onnx, tools/make_onnx_reference.py);
// what ONNX cannot hold is refused before a file is written.
#include "TempDir.h"

#include "formats/WeightExport.h"
#include "io/OnnxReader.h"
#include "io/NpyWriter.h"
#include "io/OnnxWriter.h"
#include "nn/Activation.h"
#include "nn/Dense.h"
#include "run/PlaygroundRun.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

using namespace ws;

namespace {

const std::string kOnnxDir = std::string(WS_TEST_DATA_DIR) + "/onnx";

// The recipe's network after a few epochs (weights that are not the initial ones).
PlaygroundSetup trained(const PlaygroundRecipe& r)
{
    PlaygroundSetup s(r);
    s.config.epochs = 3;
    Trainer(s.model, s.data.train, nullptr, s.config).run();
    return s;
}

void expectSameOutputs(Sequential& a, Sequential& b, const Tensor& x, const std::string& what)
{
    Workspace wa = a.makeWorkspace(), wb = b.makeWorkspace();
    const Tensor& ya = a.forward(x, wa, false);
    const Tensor& yb = b.forward(x, wb, false);
    ASSERT_EQ(ya.shape(), yb.shape()) << what;
    for (int64_t i = 0; i < ya.size(); ++i)
        ASSERT_NEAR(ya[i], yb[i], 1e-6f * (1.0f + std::abs(ya[i]))) << what << ", output " << i;
}

std::vector<std::string> opTypes(const nlohmann::json& metadata)
{
    std::vector<std::string> ops;
    for (const nlohmann::json& n : metadata["graph"]["nodes"])
        ops.push_back(n["op_type"]);
    return ops;
}

} // namespace

TEST(OnnxWriter, PlaygroundNetworksReadBackGivingTheSameOutputs)
{
    test::TempDir dir;
    struct Case {
        PlaygroundKind dataset;
        ActivationKind activation;
        std::vector<std::string> ops;
    };
    const Case cases[] = {
        { PlaygroundKind::Spiral, ActivationKind::Tanh, { "Gemm", "Tanh", "Gemm", "Tanh", "Gemm", "Tanh" } }, // two classes: one tanh
        { PlaygroundKind::FourBlobs, ActivationKind::ReLU, { "Gemm", "Relu", "Gemm", "Relu", "Gemm", "Softmax" } }, // softmax over 4
        { PlaygroundKind::Plane, ActivationKind::Sigmoid, { "Gemm", "Sigmoid", "Gemm", "Sigmoid", "Gemm" } }, // regression: linear
        { PlaygroundKind::Circle, ActivationKind::Linear, { "Gemm", "Gemm", "Gemm", "Tanh" } },
    };
    for (const Case& c : cases) {
        PlaygroundRecipe r;
        r.dataset = c.dataset;
        r.activation = c.activation;
        r.features = FeatureX1 | FeatureX2 | FeatureX1Squared;
        r.hidden = { 6, 3 };
        PlaygroundSetup s = trained(r);
        const std::string what = playgroundName(c.dataset) + "/" + activationName(c.activation);
        const std::string path = dir.file(playgroundName(c.dataset) + ".onnx");
        writeOnnx(path, s.model, { { "weightscope.inputs", "X1, X2, X1^2" } });

        const OnnxFile file(path);
        EXPECT_EQ(opTypes(file.metadata()), c.ops) << what;
        EXPECT_EQ(file.metadata()["metadata_props"]["weightscope.inputs"], "X1, X2, X1^2") << what;
        EXPECT_EQ(file.metadata()["opset_import"]["ai.onnx"], kOnnxWriterOpset) << what;
        std::optional<Sequential> back = file.model();
        ASSERT_TRUE(back.has_value()) << what;
        expectSameOutputs(s.model, *back, playgroundFeatures(playgroundGrid(25), r.features), what);
    }
}

TEST(OnnxWriter, WritesTheGraphTorchOnnxExportWritesForTheSameNetwork)
{
    // tests/data/onnx/mlp.onnx: torch.nn.Sequential(Linear(4, 8), ReLU(), Linear(8, 3), Softmax(dim=1)).
    const OnnxFile torch(kOnnxDir + "/mlp.onnx");
    Sequential model(Shape { 4 });
    model.emplace<Dense>(8);
    model.emplace<ActivationLayer>(ActivationKind::ReLU);
    model.emplace<Dense>(3);
    model.emplace<ActivationLayer>(ActivationKind::Softmax);
    model.build();
    model.initialize(3);
    test::TempDir dir;
    writeOnnx(dir.file("mlp.onnx"), model, {});
    const OnnxFile ours(dir.file("mlp.onnx"));
    EXPECT_EQ(opTypes(ours.metadata()), opTypes(torch.metadata()));
    const nlohmann::json& want = torch.metadata()["graph"]["nodes"];
    const nlohmann::json& got = ours.metadata()["graph"]["nodes"];
    for (size_t i = 0; i < want.size() && i < got.size(); ++i)
        EXPECT_EQ(got[i].value("attributes", nlohmann::json()), want[i].value("attributes", nlohmann::json()))
            << "node " << i << " (" << want[i]["op_type"] << ")";
    // The weights as nn.Linear keeps them, (out, in), and the input with a symbolic batch.
    EXPECT_EQ(ours.tensors()[0].shape, (Shape { 8, 4 }));
    EXPECT_EQ(ours.metadata()["graph"]["inputs"][0]["shape"].size(), 2u);
    std::optional<Sequential> back = ours.model();
    ASSERT_TRUE(back.has_value());
    Tensor x({ 5, 4 });
    for (int64_t i = 0; i < x.size(); ++i)
        x[i] = std::sin(float(i));
    expectSameOutputs(model, *back, x, "mlp");
}

TEST(OnnxWriter, RefusesWhatOnnxCannotHoldBeforeWritingAnything)
{
    test::TempDir dir;
    Sequential gelu(Shape { 2 });
    gelu.emplace<Dense>(4);
    gelu.emplace<ActivationLayer>(ActivationKind::GELU);
    gelu.build();
    const std::string path = dir.file("gelu.onnx");
    try {
        exportModel(path, gelu, {});
        FAIL() << "GELU was written at opset 13";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(path + ": layer 'gelu_1': the gelu activation has no ONNX operator"), std::string::npos)
            << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_TRUE(isExportTarget("a.onnx", true));
    EXPECT_FALSE(isExportTarget("a.onnx", false)); // a weight file's tensors have no graph to write
}

TEST(OnnxWriter, OnnxsOwnCheckerAndAnIndependentEvaluationAgree)
{
    // Debian's python3-onnx: onnx.checker with shape inference, and the graph evaluated in NumPy
    // from the file's initializers (tools/check_onnx_export.py) against the engine's outputs.
    const std::string python = "/usr/bin/python3";
    if (!std::filesystem::exists(python) || std::system((python + " -c 'import onnx, numpy' 2>/dev/null").c_str()) != 0)
        GTEST_SKIP() << "no python3-onnx";
    test::TempDir dir;
    for (const ActivationKind act : { ActivationKind::Tanh, ActivationKind::ReLU, ActivationKind::LeakyReLU, ActivationKind::ELU,
             ActivationKind::HardSigmoid, ActivationKind::ReLU6 }) {
        Sequential model(Shape { 3 });
        model.emplace<Dense>(7);
        model.emplace<ActivationLayer>(act);
        model.emplace<Dense>(4);
        model.emplace<ActivationLayer>(ActivationKind::Softmax);
        model.build();
        model.initialize(11);
        Tensor x({ 9, 3 });
        for (int64_t i = 0; i < x.size(); ++i)
            x[i] = 2.0f * std::sin(0.7f * float(i));
        Workspace ws = model.makeWorkspace();
        const std::string name = activationName(act);
        writeNpy(dir.file(name + "_x.npy"), x);
        writeNpy(dir.file(name + "_y.npy"), model.forward(x, ws, false));
        writeOnnx(dir.file(name + ".onnx"), model, {});
        const std::string cmd = python + " " + std::string(WS_TEST_DATA_DIR) + "/../../tools/check_onnx_export.py "
            + dir.file(name + ".onnx") + " " + dir.file(name + "_x.npy") + " " + dir.file(name + "_y.npy");
        EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    }
}
