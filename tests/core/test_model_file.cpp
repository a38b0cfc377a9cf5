// SPDX-License-Identifier: GPL-3.0-or-later
// The native model file: round trips bit for bit, and refuses damaged or foreign files with a
// message naming the file.
#include "TempDir.h"

#include "formats/WeightFormats.h"
#include "io/Hdf5Util.h"
#include "io/ModelFile.h"
#include "nn/LayerFactory.h"
#include "train/ModelSave.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <hdf5.h>
#include <unistd.h>

using namespace ws;
using ws::test::TempDir;
namespace fs = std::filesystem;

namespace {

Sequential makeModel()
{
    Sequential m = Sequential::fromConfig({ { "input_shape", { 6 } },
        { "layers", parseLayerSpec("dense(5) tanh dense(3, use_bias=false) softmax") } });
    m.initialize(9);
    return m;
}

Tensor sampleBatch()
{
    Tensor x({ 4, 6 });
    Rng rng(3);
    for (int64_t i = 0; i < x.size(); ++i)
        x[i] = float(rng.uniform(-2, 2));
    return x;
}

void expectThrowsNaming(const std::function<void()>& f, const std::string& needle)
{
    try {
        f();
        ADD_FAILURE() << "no error; expected one mentioning '" << needle << "'";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

} // namespace

TEST(ModelFile, RoundTripGivesBitIdenticalOutputs)
{
    TempDir dir;
    Sequential model = makeModel();
    const std::string path = dir.file("m.h5");
    saveModel(path, model, { { "seed", 9 }, { "note", "hello" } });
    LoadedModel loaded = loadModel(path);
    EXPECT_EQ(loaded.metadata.at("note"), "hello");
    EXPECT_EQ(loaded.engineVersion, WS_VERSION);
    EXPECT_EQ(loaded.model.config(), model.config());
    const Tensor x = sampleBatch();
    Workspace a = model.makeWorkspace(), b = loaded.model.makeWorkspace();
    const Tensor ya = model.forward(x, a, false);
    const Tensor yb = loaded.model.forward(x, b, false);
    EXPECT_EQ(ya, yb);
}

TEST(ModelFile, AGraphRoundTripsWithItsSkipConnections)
{
    // A residual model (#16): the Add's inputs are in the saved config, the outputs bit-identical.
    TempDir dir;
    Sequential model = Sequential::fromConfig({ { "input_shape", { 6 } },
        { "layers", parseLayerSpec("dense(5) tanh res(dense(5) tanh dense(5)) dense(3)") } });
    model.initialize(4);
    const std::string path = dir.file("res.h5");
    saveModel(path, model);
    LoadedModel loaded = loadModel(path);
    EXPECT_FALSE(loaded.model.isChain());
    EXPECT_EQ(loaded.model.summary()[5].inputs, (std::vector<std::string> { "dense_3", "tanh_1" }));
    const Tensor x = sampleBatch();
    Workspace a = model.makeWorkspace(), b = loaded.model.makeWorkspace();
    const Tensor ya = model.forward(x, a, false);
    const Tensor yb = loaded.model.forward(x, b, false);
    EXPECT_EQ(ya, yb);
}

TEST(ModelFile, RefusesFilesThatAreNotWeightscopeModels)
{
    TempDir dir;
    const std::string text = dir.file("text.h5");
    std::ofstream(text) << "not hdf5 at all";
    expectThrowsNaming([&] { loadModel(text); }, "text.h5");
    expectThrowsNaming([&] { loadModel(dir.file("missing.h5")); }, "missing.h5");

    const std::string foreign = dir.file("foreign.h5");
    hid_t f = H5Fcreate(foreign.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    H5Fclose(f);
    expectThrowsNaming([&] { loadModel(foreign); }, "'format' is missing");
}

TEST(ModelFile, RefusesATruncatedFile)
{
    TempDir dir;
    Sequential model = makeModel();
    const std::string path = dir.file("m.h5");
    saveModel(path, model);
    fs::resize_file(path, fs::file_size(path) / 2);
    expectThrowsNaming([&] { loadModel(path); }, "m.h5");
}

TEST(ModelFile, RefusesWeightsOfTheWrongShape)
{
    TempDir dir;
    Sequential model = makeModel();
    const std::string path = dir.file("m.h5");
    saveModel(path, model);
    // Rewrite the first kernel with another shape.
    hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    H5Ldelete(f, "weights/dense_1/kernel", H5P_DEFAULT);
    const hsize_t dims[2] = { 2, 2 };
    hid_t space = H5Screate_simple(2, dims, nullptr);
    hid_t set = H5Dcreate2(f, "weights/dense_1/kernel", H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const float zeros[4] = {};
    H5Dwrite(set, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, zeros);
    H5Dclose(set);
    H5Sclose(space);
    H5Fclose(f);
    expectThrowsNaming([&] { loadModel(path); }, "weights/dense_1/kernel");
}


// A failed save keeps the old file (a full disk, a read-only folder also as root, a writer that
// throws): test_saving.cpp.

TEST(ModelFile, ConvolutionAndBatchNormStateRoundTrip)
{
    TempDir dir;
    Sequential model = Sequential::fromConfig({ { "input_shape", { 6, 6, 1 } },
        { "layers", parseLayerSpec("conv2d(4, 3, padding=same) batchnorm relu maxpool2d(2) flatten dense(3)") } });
    model.initialize(4);
    Tensor x({ 5, 6, 6, 1 });
    Rng rng(8);
    for (int64_t i = 0; i < x.size(); ++i)
        x[i] = float(rng.uniform(0, 1));
    Workspace train = model.makeWorkspace();
    model.forward(x, train, true); // moves batch norm's moving statistics away from 0 and 1
    const std::string path = dir.file("cnn.h5");
    saveModel(path, model);
    LoadedModel loaded = loadModel(path);
    Workspace a = model.makeWorkspace(), b = loaded.model.makeWorkspace();
    const Tensor ya = model.forward(x, a, false);
    EXPECT_EQ(ya, loaded.model.forward(x, b, false)) << "inference differs after a round trip";
    const auto moving = loaded.model.layer(1).nonTrainableParams();
    ASSERT_EQ(moving.size(), 2u);
    EXPECT_NE(moving[0]->value[0], 0.0f) << "moving mean was not saved";
}

TEST(ModelFile, OpensAsAWeightFileWithEveryTensorAndTheModel)
{
    TempDir dir;
    Sequential model = makeModel();
    const std::string path = dir.file("m.h5");
    saveModel(path, model, { { "seed", 9 } });
    const auto file = openWeightFile(path);
    EXPECT_EQ(file->format(), "weightscope");
    ASSERT_EQ(file->tensors().size(), 3u); // dense_1 kernel and bias, dense_2 kernel
    EXPECT_EQ(file->tensors()[0].name, "dense_1/kernel");
    EXPECT_EQ(file->tensors()[0].shape, (Shape { 6, 5 }));
    EXPECT_EQ(file->tensors()[0].layer, "dense_1");
    EXPECT_EQ(file->readTensor(0), model.layer(0).params()[0]->value);
    EXPECT_EQ(file->metadata().at("metadata").at("seed"), 9);
    auto again = file->model();
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->paramCount(), model.paramCount());
}

// The optimizer's state reaches the file as plain data (io/ModelFile.h's SavedOptimizer, made by
// train/ModelSave.h): its configuration, step count and every parameter's moments.
TEST(ModelFile, KeepsTheOptimizersConfigStepsAndMomentsUnderOptimizer)
{
    TempDir dir;
    Sequential model = makeModel();
    OptimizerConfig config; // Adam: both moments
    config.learningRate = 0.01f;
    Optimizer optimizer(config, model.params());
    for (size_t k = 0; k < optimizer.state().size(); ++k) {
        Optimizer::State& s = optimizer.state()[k];
        for (int64_t i = 0; i < s.first.size(); ++i) {
            s.first[i] = float(k) + 0.25f * float(i);
            s.second[i] = float(k) + 0.5f * float(i);
        }
    }
    optimizer.setSteps(7);
    const std::string path = dir.file("m.h5");
    saveModel(path, model, { { "seed", 9 } }, &optimizer);
    EXPECT_EQ(loadModel(path).model.config(), model.config());

    h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    ASSERT_TRUE(file.valid());
    h5::Handle group(H5Gopen2(file.get(), "optimizer", H5P_DEFAULT));
    ASSERT_TRUE(group.valid()) << "no /optimizer group";
    EXPECT_EQ(nlohmann::json::parse(h5::readStringAttribute(group.get(), "optimizer", path)), config.toJson());
    EXPECT_EQ(h5::readStringAttribute(group.get(), "steps", path), "7");
    size_t k = 0;
    for (size_t i = 0; i < model.size(); ++i) {
        for (const Param* p : model.layer(i).params()) {
            const Optimizer::State& s = optimizer.state()[k++];
            for (const auto& [moment, want] : { std::pair { "first", &s.first }, std::pair { "second", &s.second } }) {
                const std::string name = "optimizer/" + model.layer(i).name() + "/" + p->name + "/" + moment;
                std::vector<hsize_t> dims;
                const std::vector<float> got = h5::readFloatDataset(file.get(), name, dims, path, 1 << 20);
                EXPECT_EQ(Shape(dims.begin(), dims.end()), want->shape()) << name;
                EXPECT_TRUE(std::equal(got.begin(), got.end(), want->data(), want->data() + want->size())) << name;
            }
        }
    }
    EXPECT_EQ(k, 3u) << "dense_1 kernel and bias, dense_2 kernel";
}

TEST(ModelFile, WritesNoMomentsForAnOptimizerThatKeepsNone)
{
    TempDir dir;
    Sequential model = makeModel();
    OptimizerConfig config;
    config.kind = OptimizerKind::SGD; // without momentum: no state per parameter
    Optimizer optimizer(config, model.params());
    const std::string path = dir.file("m.h5");
    saveModel(path, model, {}, &optimizer);
    h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    h5::Handle group(H5Gopen2(file.get(), "optimizer", H5P_DEFAULT));
    ASSERT_TRUE(group.valid()) << "no /optimizer group";
    EXPECT_EQ(h5::readStringAttribute(group.get(), "steps", path), "0");
    EXPECT_FALSE(h5::exists(file.get(), "optimizer/dense_1")) << "moments written for SGD without momentum";
}
