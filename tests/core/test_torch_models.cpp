// SPDX-License-Identifier: GPL-3.0-or-later
// PyTorch files as people really save them (#17): whole models saved with torch.save(model),
// TorchScript archives, training checkpoints and sharded pytorch_model.bin, all written by
// tools/make_torch_models_reference.py with Debian's python3-torch. Every tensor torch lists
// (model.state_dict(), or a checkpoint's dotted paths) must be listed under the same name, in the
// same order, with the same shape and the same sum, minimum and maximum (tests/data/torch/models/
// expected.json); the module tree with its classes and attributes goes to the metadata.
#include "formats/WeightFormats.h"
#include "io/PickleReader.h"
#include "io/TorchReader.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

using namespace ws;

namespace {

const std::string kModels = std::string(WS_TEST_DATA_DIR) + "/torch/models/";

const nlohmann::json& expected()
{
    static const nlohmann::json e = nlohmann::json::parse(std::ifstream(kModels + "expected.json"));
    return e;
}

// Names, order, shapes and statistics equal what torch wrote in expected.json.
void expectTensorsAsTorchListsThem(const WeightFile& f, const std::string& key)
{
    const auto& want = expected().at(key).at("tensors");
    ASSERT_EQ(f.tensors().size(), want.size()) << key;
    for (size_t i = 0; i < want.size(); ++i) {
        const TensorInfo& t = f.tensors()[i];
        const auto& w = want[i];
        EXPECT_EQ(t.name, w.at("name").get<std::string>()) << key << " tensor " << i;
        EXPECT_EQ(t.shape, w.at("shape").get<Shape>()) << key << " tensor " << t.name;
        std::vector<float> v(size_t(t.numel()));
        f.read(i, 0, t.numel(), v.data());
        double sum = 0, lo = v.empty() ? 0 : v[0], hi = lo;
        for (const float x : v) {
            sum += x;
            lo = std::min(lo, double(x));
            hi = std::max(hi, double(x));
        }
        const double tol = 1e-6 * (1 + std::abs(w.at("sum").get<double>()));
        EXPECT_NEAR(sum, w.at("sum").get<double>(), tol) << key << " tensor " << t.name;
        EXPECT_EQ(lo, w.at("min").get<double>()) << key << " tensor " << t.name;
        EXPECT_EQ(hi, w.at("max").get<double>()) << key << " tensor " << t.name;
    }
}

// The node of module `path` ("(root)", "block.0") in metadata()["modules"].
const nlohmann::json& moduleAt(const WeightFile& f, const std::string& path)
{
    return f.metadata().at("modules").at(path);
}

// Every module torch's named_modules() lists is in the tree with its class.
void expectModuleClassesAsTorchNamesThem(const WeightFile& f, const std::string& key)
{
    for (const auto& [path, cls] : expected().at(key).at("classes").items())
        EXPECT_EQ(moduleAt(f, path).at("class"), cls) << key << " module " << path;
}

} // namespace

TEST(TorchModels, AWholeSequentialListsItsStateDictAndItsModuleTree)
{
    const auto f = openWeightFile(kModels + "sequential.pt");
    EXPECT_EQ(f->format(), "pytorch");
    expectTensorsAsTorchListsThem(*f, "sequential.pt");
    expectModuleClassesAsTorchNamesThem(*f, "sequential.pt");
    const auto& conv = moduleAt(*f, "0");
    EXPECT_EQ(conv.at("type"), "torch.nn.modules.conv.Conv2d");
    EXPECT_EQ(conv.at("attributes").at("in_channels"), 1);
    EXPECT_EQ(conv.at("attributes").at("out_channels"), 2);
    EXPECT_EQ(conv.at("attributes").at("kernel_size"), (nlohmann::json { 3, 3 }));
    EXPECT_EQ(conv.at("attributes").at("stride"), (nlohmann::json { 1, 1 }));
    EXPECT_EQ(conv.at("attributes").at("training"), false);
    EXPECT_EQ(moduleAt(*f, "5").at("attributes").at("p"), 0.25);
    // Nothing was imported: the classes are listed as names only.
    const auto& globals = f->metadata().at("pickle_globals");
    EXPECT_NE(std::find(globals.begin(), globals.end(), "torch.nn.modules.container.Sequential"), globals.end());
}

TEST(TorchModels, AUserClassSavedWholeIsNamedAsItsStateDictWithoutNonPersistentBuffers)
{
    const auto f = openWeightFile(kModels + "net.pt");
    expectTensorsAsTorchListsThem(*f, "net.pt");
    expectModuleClassesAsTorchNamesThem(*f, "net.pt");
    const auto& root = moduleAt(*f, "(root)");
    EXPECT_EQ(root.at("type"), "__main__.Net");
    EXPECT_EQ(root.at("non_persistent_buffers"), (nlohmann::json { "scratch" }));
    EXPECT_EQ(root.at("children"), (nlohmann::json { "conv", "block", "fc1" })) << "in the order of _modules";
    EXPECT_EQ(moduleAt(*f, "block.0").at("attributes").at("in_features"), 8);
}

TEST(TorchModels, AScriptedModuleListsItsTensorsTreeAndCode)
{
    const auto f = openWeightFile(kModels + "scripted.pt");
    EXPECT_EQ(f->format(), "torchscript");
    expectTensorsAsTorchListsThem(*f, "scripted.pt");
    expectModuleClassesAsTorchNamesThem(*f, "scripted.pt");
    EXPECT_EQ(moduleAt(*f, "(root)").at("type"), "__torch__.Net");
    const std::string code = f->metadata().at("code").at("__torch__.py");
    EXPECT_NE(code.find("class Net(Module)"), std::string::npos) << code;
}

TEST(TorchModels, ATracedModuleListsItsConstantsAndExtraFiles)
{
    const auto f = openWeightFile(kModels + "traced.pt");
    EXPECT_EQ(f->format(), "torchscript");
    // state_dict() first, then the constants the code calls CONSTANTS.c0, ...
    const auto& want = expected().at("traced.pt").at("tensors");
    ASSERT_GT(f->tensors().size(), want.size());
    const TensorInfo& c0 = f->tensor("CONSTANTS.c0");
    EXPECT_EQ(c0.shape, Shape { 3 });
    std::vector<float> v(3);
    f->read(size_t(&c0 - f->tensors().data()), 0, 3, v.data());
    EXPECT_EQ(v, (std::vector<float> { 1, 2, 3 }));
    EXPECT_EQ(f->metadata().at("extra_files").at("notes.txt"), "traced on 6x6 inputs");
    const TorchFile t(kModels + "traced.pt");
    std::vector<TensorInfo> firsts(t.tensors().begin(), t.tensors().begin() + std::ptrdiff_t(want.size()));
    for (size_t i = 0; i < want.size(); ++i)
        EXPECT_EQ(firsts[i].name, want[i].at("name").get<std::string>());
    expectModuleClassesAsTorchNamesThem(*f, "traced.pt");
}

TEST(TorchModels, ATrainingCheckpointListsEveryTensorAndKeepsEveryPlainValue)
{
    const auto f = openWeightFile(kModels + "checkpoint.pt");
    expectTensorsAsTorchListsThem(*f, "checkpoint.pt");
    const auto& values = f->metadata().at("values");
    EXPECT_EQ(values.at("epoch"), 2);
    EXPECT_EQ(values.at("best_loss"), 0.25) << "a NumPy float64 scalar decoded as data";
    EXPECT_EQ(values.at("steps"), 2) << "a NumPy int64 scalar decoded as data";
    EXPECT_EQ(values.at("hyper_parameters").at("layers"), (nlohmann::json { 4, 3, 2 }));
    EXPECT_EQ(values.at("args").at("__class__"), "argparse.Namespace");
    EXPECT_EQ(values.at("args").at("name"), "tiny");
    EXPECT_EQ(values.at("scheduler").at("gamma"), 0.5);
    EXPECT_EQ(values.at("optimizer_state_dict.param_groups").at(0).at("params"), (nlohmann::json { 0, 1, 2, 3 }));
    // NumPy arrays are tensors over the pickle's own bytes; this one is in Fortran order.
    const TensorInfo& c = f->tensor("confusion");
    EXPECT_EQ(c.dtype, DType::I64);
    std::vector<float> v(6);
    f->read(size_t(&c - f->tensors().data()), 0, 6, v.data());
    EXPECT_EQ(v, (std::vector<float> { 5, 1, 0, 2, 4, -3 }));
}

TEST(TorchModels, HuggingFaceShardsWithTheirIndexOpenAsOneModel)
{
    for (const std::string& path : { kModels + "sharded", kModels + "sharded/pytorch_model.bin.index.json" }) {
        const auto f = openWeightFile(path);
        EXPECT_EQ(f->format(), "pytorch (sharded)") << path;
        expectTensorsAsTorchListsThem(*f, "sharded");
        EXPECT_EQ(f->metadata().at("shards").size(), 2u);
        EXPECT_EQ(f->metadata().at("shards").at(1).at("file"), "pytorch_model-00002-of-00002.bin");
        EXPECT_EQ(f->metadata().at("index").at("total_size"), (8 * 4 + 8 + 3 * 8 + 3) * 4);
    }
}

namespace {

Pickle unpickleText(const std::string& bytes)
{
    return unpickle(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), "test");
}

template <size_t N>
std::string bytesOf(const char (&s)[N])
{
    return std::string(s, N - 1);
}

} // namespace

// os.system("hi") then BUILD {"a": 1}: a record of the name, its arguments and its state.
TEST(PickleRecords, ReduceOnAnUnknownGlobalMakesARecordAndCallsNothing)
{
    const Pickle p = unpickleText(bytesOf("\x80\x02" "cos\nsystem\nX\x02\x00\x00\x00hi\x85R}X\x01\x00\x00\x00" "aK\x01sb."));
    ASSERT_EQ(p.node(p.root).kind, Pickle::Kind::Record);
    EXPECT_EQ(p.recordName(p.root), "os.system");
    const PickleRecord& r = p.record(p.root);
    EXPECT_TRUE(r.instance);
    ASSERT_EQ(p.children(r.args).size(), 1u);
    EXPECT_EQ(p.str(p.children(r.args)[0]), "hi");
    ASSERT_EQ(p.node(r.state).kind, Pickle::Kind::Dict);
    EXPECT_EQ(p.str(p.children(r.state)[0]), "a");
    EXPECT_EQ(p.unknownGlobals, (std::vector<std::string> { "os.system" }));
    // Named twice, listed once; "calling" a record's result again still only makes a record.
    const Pickle twice = unpickleText(bytesOf("\x80\x02" "cos\nsystem\n)R)Rcos\nsystem\n\x86."));
    EXPECT_EQ(twice.unknownGlobals.size(), 1u);
    EXPECT_EQ(twice.records.size(), 4u);
}

TEST(PickleRecords, NewObjExKeepsKeywordsAndItemsAreStoredBesideTheState)
{
    // __main__.Net.__new__(Net, *(), **{"k": 2}), then SETITEM "x": 3 and APPEND 4 on it.
    const Pickle p = unpickleText(bytesOf("\x80\x04\x8c\x08__main__\x8c\x03Net\x93)}\x8c\x01kK\x02s\x92"
                                          "\x8c\x01xK\x03sK\x04" "a."));
    ASSERT_EQ(p.node(p.root).kind, Pickle::Kind::Record);
    const PickleRecord& r = p.record(p.root);
    EXPECT_EQ(p.recordName(p.root), "__main__.Net");
    ASSERT_EQ(p.node(r.dictItems).kind, Pickle::Kind::Dict);
    // The keyword arguments' dict took the SETITEM as well: k, 2, x, 3.
    EXPECT_EQ(p.children(r.dictItems).size(), 4u);
    ASSERT_EQ(p.node(r.listItems).kind, Pickle::Kind::List);
    EXPECT_EQ(p.node(p.children(r.listItems)[0]).num, 4);
}

TEST(PickleRecords, SetsBytesAndNumpyScalarsAreData)
{
    const Pickle set2 = unpickleText(bytesOf("\x80\x02" "c__builtin__\nset\n]K\x01" "aK\x02" "a\x85R."));
    ASSERT_EQ(set2.node(set2.root).kind, Pickle::Kind::List);
    EXPECT_EQ(set2.children(set2.root).size(), 2u);
    const Pickle set4 = unpickleText(bytesOf("\x80\x04\x8f(K\x01K\x02\x90."));
    EXPECT_EQ(set4.children(set4.root).size(), 2u);
    // _codecs.encode("\u00ff\u0001", "latin1") -> b"\xff\x01"
    const Pickle enc = unpickleText(bytesOf("\x80\x02" "c_codecs\nencode\nX\x03\x00\x00\x00\xc3\xbf\x01X\x06\x00\x00\x00latin1\x86R."));
    ASSERT_EQ(enc.node(enc.root).kind, Pickle::Kind::Bytes);
    EXPECT_EQ(enc.str(enc.root), std::string("\xff\x01"));
    // numpy scalar of dtype('i2') with byte order '>' and the bytes ff fe: -2.
    const Pickle np = unpickleText(bytesOf("\x80\x02" "cnumpy.core.multiarray\nscalar\ncnumpy\ndtype\nX\x02\x00\x00\x00i2\x89\x88\x87R"
                                           "(K\x03X\x01\x00\x00\x00>NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tbC\x02\xff\xfe\x86R."));
    ASSERT_EQ(np.node(np.root).kind, Pickle::Kind::Int);
    EXPECT_EQ(np.node(np.root).num, -2);
}

TEST(PickleRecords, ApplyingAnythingButAGlobalOrARecordIsRefused)
{
    EXPECT_THROW(unpickleText(bytesOf("\x80\x02K\x05)R.")), FormatError);
    EXPECT_THROW(unpickleText(bytesOf("\x80\x02" "ctorch\nFloatStorage\n)R.")), FormatError) << "storages are not called";
    EXPECT_THROW(unpickleText(bytesOf("\x80\x02]}b.")), FormatError) << "BUILD on a list";
}

// #17 item 5: a whole nn.Sequential runs in the engine with PyTorch's outputs (eval mode), its
// NCHW Flatten order kept so the Linear after it sees what PyTorch's saw.
TEST(TorchModels, AWholeSequentialRunsWithPyTorchsOutputs)
{
    const auto f = openWeightFile(kModels + "sequential.pt");
    std::optional<Sequential> model = f->model();
    ASSERT_TRUE(model.has_value());
    EXPECT_EQ(model->inputShape(), (Shape { 1, 6, 6 })) << "the smallest input the Linear after the Flatten accepts";
    Tensor x({ 2, 1, 6, 6 });
    for (int64_t i = 0; i < x.size(); ++i)
        x[i] = float(i) / 72.0f - 0.5f;
    Workspace ws = model->makeWorkspace();
    const Tensor& y = model->forward(x, ws, false);
    const auto& want = expected().at("sequential.pt").at("output");
    ASSERT_EQ(y.shape(), (Shape { 2, 3 }));
    for (size_t i = 0; i < want.size(); ++i)
        EXPECT_NEAR(y[int64_t(i)], want[i].get<float>(), 1e-5) << "output " << i;
}

TEST(TorchModels, ModelsWhoseForwardIsCodeAreRefusedByName)
{
    for (const auto& [file, why] : { std::pair { "net.pt", "__main__.Net, whose forward() is Python code" },
                                     std::pair { "scripted.pt", "in its code, which is never interpreted" } }) {
        const auto f = openWeightFile(kModels + file);
        try {
            f->model();
            ADD_FAILURE() << file << ": a model was built";
        } catch (const FormatError& e) {
            EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
        }
    }
    EXPECT_FALSE(openWeightFile(kModels + "checkpoint.pt")->model().has_value()) << "a checkpoint has no architecture";
}

TEST(TorchModels, QuantisedTensorsReadDequantisedAndSparseOnesAsTheirParts)
{
    const auto f = openWeightFile(kModels + "quantized_sparse.pt");
    expectTensorsAsTorchListsThem(*f, "quantized_sparse.pt");
    EXPECT_EQ(f->tensor("q").storage, "qint8");
    EXPECT_EQ(f->tensor("qc").storage, "quint8");
    EXPECT_EQ(f->tensor("q").dtype, DType::F32) << "what read() delivers";
    EXPECT_EQ(f->tensor("coo.indices").dtype, DType::I64);
    EXPECT_EQ(f->metadata().at("values").at("coo.size"), (nlohmann::json { 2, 3 }));
}

TEST(TorchModels, ALegacyWholeModelNamesItsClassesByPersistentIdsWithTheirSource)
{
    const auto f = openWeightFile(kModels + "legacy_sequential.pt");
    EXPECT_EQ(f->format(), "pytorch (legacy)");
    expectTensorsAsTorchListsThem(*f, "legacy_sequential.pt");
    expectModuleClassesAsTorchNamesThem(*f, "legacy_sequential.pt");
    const std::string source = f->metadata().at("module_sources").at("torch.nn.modules.linear.Linear");
    EXPECT_NE(source.find("class Linear(Module)"), std::string::npos) << "kept as text, never run";
    EXPECT_TRUE(f->model().has_value());
}
