// SPDX-License-Identifier: GPL-3.0-or-later
// The table of weight formats (formats/WeightFormats.h) is the one way in: every entry has a
// sample file here that its probe accepts and its reader opens, openWeightFile picks that same
// entry, the order is the one the readers rely on, and what nobody reads is refused with a
// message naming the path.
#include "TempDir.h"

#include "formats/WeightFormats.h"
#include "io/ModelFile.h"
#include "nn/LayerFactory.h"
#include "run/RunRecord.h"
#include "run/RunWeightFile.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

using namespace ws;
using ws::test::TempDir;

namespace {

const std::string kData = WS_TEST_DATA_DIR;

Sequential makeModel()
{
    Sequential m = Sequential::fromConfig({ { "input_shape", { 2 } }, { "layers", parseLayerSpec("dense(3) tanh dense(1)") } });
    m.initialize(5);
    return m;
}

RunHeader makeHeader(const Sequential& m)
{
    RunHeader h;
    h.name = "formats";
    h.modelConfig = m.config();
    h.parameters = m.paramCount();
    return h;
}

struct Sample {
    std::string path;
    std::string format; // what the reader's format() says
};

// One real file per table entry; the native model and the run record are written here.
std::map<std::string, Sample> samples(const TempDir& dir)
{
    Sequential model = makeModel();
    const std::string native = dir.file("model.h5");
    saveModel(native, model);
    const std::string run = dir.file("run.h5");
    {
        RunWriter w(run, makeHeader(model));
        w.finish(RunStatus::Completed, &model, nlohmann::json::object());
    }
    return {
        { "weightscope-run", { run, "weightscope-run" } },
        { "weightscope", { native, "weightscope" } },
        { "safetensors", { kData + "/safetensors/dtypes.safetensors", "safetensors" } },
        { "npy", { kData + "/numpy/le_f4.npy", "npy" } },
        { "gguf", { kData + "/gguf/metadata.gguf", "gguf" } },
        { "npz", { kData + "/numpy/savez.npz", "npz" } },
        { "keras", { kData + "/keras/keras2_mlp.h5", "keras-h5" } },
        { "pytorch-consolidated", { kData + "/torch/models/consolidated", "pytorch (consolidated)" } },
        { "pytorch", { kData + "/torch/checkpoint.pth", "pytorch" } },
        { "pytorch-sharded", { kData + "/torch/models/sharded", "pytorch (sharded)" } },
        { "onnx", { kData + "/onnx/mlp.onnx", "onnx" } },
    };
}

std::string formatErrorOf(const std::string& path)
{
    try {
        (void)openWeightFile(path);
    } catch (const FormatError& e) {
        return e.what();
    }
    return "(opened)";
}

} // namespace

TEST(WeightFormats, EveryEntryAcceptsASampleOfItsFormatAndItsReaderOpensIt)
{
    TempDir dir;
    const auto all = samples(dir);
    for (const WeightFormat& format : weightFormats()) {
        const auto sample = all.find(format.name);
        if (sample == all.end()) {
            ADD_FAILURE() << "format '" << format.name << "' has no sample file in this test";
            continue;
        }
        const std::string& path = sample->second.path;
        EXPECT_TRUE(format.probe(FileProbe::of(path))) << format.name << " does not accept " << path;
        EXPECT_EQ(format.open(path)->format(), sample->second.format) << "format " << format.name;
        EXPECT_EQ(openWeightFile(path)->format(), sample->second.format)
            << "openWeightFile took another entry for " << path;
    }
    EXPECT_EQ(all.size(), weightFormats().size()) << "a sample names a format the table no longer has";
}

// The order of the if-chain the table replaced: a native model file and a run record are HDF5
// files that the Keras probe accepts too, and an .npy name wins over any content.
TEST(WeightFormats, TriesTheFormatsInTheOrderTheReadersRelyOn)
{
    std::vector<std::string> names;
    for (const WeightFormat& format : weightFormats())
        names.push_back(format.name);
    EXPECT_EQ(names, (std::vector<std::string> { "weightscope-run", "weightscope", "safetensors", "npy", "gguf",
                         "npz", "keras", "pytorch-consolidated", "pytorch", "pytorch-sharded", "onnx" }));
}

TEST(WeightFormats, ACheckpointOfARunIsOpenedThoughItsPathIsNoFile)
{
    TempDir dir;
    const auto all = samples(dir);
    const std::string path = runCheckpointPath(all.at("weightscope-run").path, "final");
    const auto file = openWeightFile(path);
    EXPECT_EQ(file->format(), "weightscope-run");
    EXPECT_EQ(file->path(), path);
}

TEST(WeightFormats, AFileNoReaderTakesIsRefusedWithAMessageNamingIt)
{
    TempDir dir;
    const std::string path = dir.file("notes.txt");
    std::ofstream(path) << "just some notes\n";
    for (const WeightFormat& format : weightFormats())
        EXPECT_FALSE(format.probe(FileProbe::of(path))) << format.name << " accepts a text file";
    const std::string message = formatErrorOf(path);
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("no reader for this kind of file"), std::string::npos) << message;
}

TEST(WeightFormats, AMissingPathIsRefusedAsMissingWhateverItsName)
{
    TempDir dir;
    for (const std::string name : { "missing.npy", "missing.safetensors", "missing.h5", "missing.h5#final" }) {
        const std::string message = formatErrorOf(dir.file(name));
        EXPECT_NE(message.find(dir.file(name) + ": no such file or folder"), std::string::npos) << message;
    }
}

TEST(WeightFormats, TheProbeReadsTheExtensionInLowerCaseAndTheFirstBytes)
{
    TempDir dir;
    const std::string path = dir.file("Tensor.NPY");
    std::ofstream(path, std::ios::binary) << "GGUF";
    const FileProbe probe = FileProbe::of(path);
    EXPECT_TRUE(probe.exists);
    EXPECT_TRUE(probe.regularFile);
    EXPECT_EQ(probe.extension, ".npy");
    EXPECT_TRUE(probe.startsWith("GGUF"));
    EXPECT_FALSE(probe.startsWith("GGUF\x01\x02\x03")) << "longer than the bytes probed";
    const FileProbe folder = FileProbe::of(dir.path);
    EXPECT_TRUE(folder.exists);
    EXPECT_FALSE(folder.regularFile);
    EXPECT_FALSE(folder.startsWith("GGUF")) << "a folder has no first bytes";
    EXPECT_FALSE(FileProbe::of(dir.file("missing")).exists);
}
