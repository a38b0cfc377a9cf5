// SPDX-License-Identifier: GPL-3.0-or-later
// PyTorch files as people really save them (#17): whole models saved with torch.save(model),
// TorchScript archives, training checkpoints and sharded pytorch_model.bin, all written by
// tools/make_torch_models_reference.py with Debian's python3-torch. Every tensor torch lists
// (model.state_dict(), or a checkpoint's dotted paths) must be listed under the same name, in the
// same order, with the same shape and the same sum, minimum and maximum (tests/data/torch/models/
// expected.json); the module tree with its classes and attributes goes to the metadata.
#include "analysis/NameTree.h"
#include "formats/WeightFormats.h"
#include "io/NpyReader.h"
#include "io/PickleReader.h"
#include "io/TorchConsolidated.h"
#include "io/TorchReader.h"
#include "io/TorchScriptCode.h"
#include "util/Error.h"

#include "TempDir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
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

// Meta's LLaMA layout: two bf16 slices and params.json, written by torch. The whole tensors come
// first, element for element what torch.cat of the slices gives (expected.json "values", written
// after the script checked them against the unsplit tensors), then each file's own tensors.
TEST(TorchModels, ALlamaConsolidatedFolderOpensAsOneModelWithTheWholeTensorsTorchCatGives)
{
    const std::string folder = kModels + "consolidated";
    for (const std::string& path : { folder, folder + "/consolidated.01.pth" }) {
        const auto f = openWeightFile(path);
        EXPECT_EQ(f->format(), "pytorch (consolidated)") << path;
        expectTensorsAsTorchListsThem(*f, "consolidated");
        const auto& values = expected().at("consolidated").at("values");
        for (const auto& [name, want] : values.items()) {
            const TensorInfo& t = f->tensor(name);
            EXPECT_EQ(t.dtype, DType::BF16) << name;
            const size_t index = size_t(&t - f->tensors().data());
            // Seven elements at a time: runs that start and end inside a slice's rows.
            std::vector<float> got(size_t(t.numel()));
            for (int64_t at = 0; at < t.numel(); at += 7)
                f->read(index, at, std::min<int64_t>(7, t.numel() - at), got.data() + at);
            EXPECT_EQ(got, want.get<std::vector<float>>()) << name;
        }
        EXPECT_EQ(f->tensor("layers.1.attention.wo.weight").shape, (Shape { 16, 16 }));
        EXPECT_EQ(f->tensor("consolidated.01/layers.1.attention.wo.weight").shape, (Shape { 16, 8 }));
        // The per-file slices repeat the whole tensors' elements: listed, not counted again.
        EXPECT_TRUE(f->tensor("consolidated.01/layers.1.attention.wo.weight").slice);
        EXPECT_FALSE(f->tensor("layers.1.attention.wo.weight").slice);
        int64_t whole = 0;
        for (const TensorInfo& t : f->tensors()) {
            EXPECT_EQ(t.slice, t.name.starts_with("consolidated.")) << t.name; // every name is in the split table
            whole += t.slice ? 0 : t.numel();
        }
        EXPECT_EQ(buildNameTree(f->tensors()).params, whole);
        EXPECT_EQ(f->tensor("tok_embeddings.weight").shape, (Shape { 24, 16 }));
        EXPECT_EQ(f->tensor("output.weight").shape, (Shape { 24, 16 }));
        const auto& split = f->metadata().at("model_parallel");
        EXPECT_EQ(split.at("files"), 2);
        EXPECT_EQ(split.at("split_on_dim_0"), 2 * 5 + 1); // wq wk wv w1 w3 per layer, output
        EXPECT_EQ(split.at("split_on_dim_1"), 2 * 2 + 1); // wo w2 per layer, tok_embeddings
        EXPECT_EQ(split.at("replicated"), 2 * 2 + 2);     // two norms per layer, norm, rope.freqs
        EXPECT_EQ(f->metadata().at("params").at("dim"), 16);
        EXPECT_EQ(f->metadata().at("shards").at(1).at("file"), "consolidated.01.pth");
        EXPECT_FALSE(f->metadata().contains("warnings")) << f->metadata().at("warnings");
    }
}

TEST(TorchModels, FairscalesSplitDimensionsByTensorName)
{
    EXPECT_EQ(llamaSplitDim("layers.0.attention.wq.weight"), 0);
    EXPECT_EQ(llamaSplitDim("layers.31.attention.wv.weight"), 0);
    EXPECT_EQ(llamaSplitDim("layers.2.feed_forward.w3.weight"), 0);
    EXPECT_EQ(llamaSplitDim("output.weight"), 0);
    EXPECT_EQ(llamaSplitDim("layers.2.attention.wo.weight"), 1);
    EXPECT_EQ(llamaSplitDim("layers.2.feed_forward.w2.weight"), 1);
    EXPECT_EQ(llamaSplitDim("tok_embeddings.weight"), 1);
    EXPECT_EQ(llamaSplitDim("layers.2.attention_norm.weight"), -1);
    EXPECT_EQ(llamaSplitDim("layers.2.ffn_norm.weight"), -1);
    EXPECT_EQ(llamaSplitDim("norm.weight"), -1);
    EXPECT_EQ(llamaSplitDim("rope.freqs"), -1);
    EXPECT_EQ(llamaSplitDim("layers.2.attention.wq.bias"), std::nullopt);
    EXPECT_EQ(llamaSplitDim("layers.2.adapter.weight"), std::nullopt);
}

// Without params.json beside it, one consolidated file is just a state dict; a folder without it
// opens with a warning that nothing was checked. A replicated tensor that differs is shown from
// the first file, with a warning naming it.
TEST(TorchModels, ConsolidatedFilesWithoutParamsAndReplicatedTensorsThatDiffer)
{
    test::TempDir dir;
    namespace fs = std::filesystem;
    for (const char* name : { "consolidated.00.pth", "consolidated.01.pth" })
        fs::copy_file(kModels + "consolidated/" + name, dir.file(name));
    EXPECT_EQ(openWeightFile(dir.file("consolidated.00.pth"))->format(), "pytorch");
    const auto f = openWeightFile(dir.path);
    EXPECT_EQ(f->format(), "pytorch (consolidated)");
    EXPECT_NE(f->metadata().at("warnings").dump().find("no params.json"), std::string::npos);

    const auto differs = openWeightFile(std::string(WS_TEST_DATA_DIR) + "/bad/llama-replicated-differs");
    const std::string warnings = differs->metadata().at("warnings").dump();
    EXPECT_NE(warnings.find("consolidated.01.pth: replicated tensor 'layers.0.attention_norm.weight' differs"),
              std::string::npos) << warnings;
    std::vector<float> norm(4);
    differs->read(1, 0, 4, norm.data());
    EXPECT_EQ(norm, (std::vector<float> { 0, 1, 2, 3 })); // the first file's
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

// #17 item 5: TorchScript Sequentials, scripted (settings from the classes' Final constants) and
// traced (from the one ATen call of each forward()), root or wrapped, run with PyTorch's outputs.
TEST(TorchModels, ScriptedAndTracedSequentialsRunWithPyTorchsOutputs)
{
    const Tensor x = NpyFile(kModels + "cnn_input.npy").readTensor(0);
    const Tensor want = NpyFile(kModels + "cnn_output.npy").readTensor(0);
    for (const char* name : { "cnn_scripted.pt", "cnn_traced.pt", "cnn_traced_seq.pt" }) {
        const auto f = openWeightFile(kModels + name);
        expectTensorsAsTorchListsThem(*f, name);
        expectModuleClassesAsTorchNamesThem(*f, name);
        std::optional<Sequential> model = f->model();
        ASSERT_TRUE(model.has_value()) << name;
        EXPECT_EQ(model->inputShape(), (Shape { 2, 7, 7 })) << name << ": the smallest input that fits the Linear";
        Workspace ws = model->makeWorkspace();
        const Tensor& y = model->forward(x, ws, false);
        ASSERT_EQ(y.shape(), want.shape()) << name;
        for (int64_t i = 0; i < y.size(); ++i)
            EXPECT_NEAR(y[i], want[i], 1e-5) << name << " output " << i;
    }
}

TEST(TorchModels, ModelsWhoseForwardIsCodeAreRefusedByName)
{
    for (const auto& [file, why] : {
             std::pair { "net.pt", "__main__.Net, whose forward() is Python code" },
             std::pair { "scripted.pt", "__torch__.Net, whose forward() does more than call one nn.Sequential child" },
             std::pair { "traced.pt", "__torch__.Traced, whose forward() does more than call one nn.Sequential child" },
             std::pair { "traced_unknown.pt", "module '1' (__torch__.torch.nn.modules.activation.LeakyReLU, code/"
                                              "__torch__/torch/nn/modules/activation.py): its traced forward() calls "
                                              "torch.leaky_relu in a LeakyReLU, which is not a module the engine runs" },
         }) {
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

namespace {

// The message readScriptClass gives for `text` (a class Conv2d in member "m.py"), or "" when read.
std::string scriptClassRefusal(const std::string& text)
{
    try {
        (void)readScriptClass(text, "Conv2d", "m.py", "f.pt");
        return "";
    } catch (const FormatError& e) {
        return e.what();
    }
}

const std::string kConvHead = "class Conv2d(Module):\n  __parameters__ = [\"weight\", \"bias\", ]\n  weight : Tensor\n";

} // namespace

// The code reader takes declarations and literals only: what torch prints is read, anything else
// refuses the class naming the file, the member and the line (#17 item 5).
TEST(TorchScriptCode, FinalConstantsAndChildrenAreReadAsLiterals)
{
    const ScriptClass c = readScriptClass(
        kConvHead + "  stride : Final[Tuple[int, int]] = (2, 1)\n  eps : Final[float] = 1.0000000000000001e-05\n"
                    "  padding_mode : Final[str] = \"zeros\"\n  ceil_mode : Final[bool] = False\n"
                    "  __annotations__[\"0\"] = __torch__.torch.nn.modules.linear.Linear\n"
                    "  def forward(self: __torch__.Conv2d,\n    x: Tensor) -> Tensor:\n    return torch.relu(x)\n"
                    "  def __len__(self: __torch__.Conv2d) -> int:\n    return 2\nclass Other(Module):\n  junk junk\n",
        "Conv2d", "m.py", "f.pt");
    EXPECT_EQ(c.finals.at("stride"), nlohmann::json::array({ 2, 1 }));
    EXPECT_DOUBLE_EQ(c.finals.at("eps").get<double>(), 1e-5);
    EXPECT_EQ(c.finals.at("padding_mode"), "zeros");
    EXPECT_EQ(c.finals.at("ceil_mode"), false);
    ASSERT_EQ(c.children.size(), 1u);
    EXPECT_EQ(c.children[0].second, "__torch__.torch.nn.modules.linear.Linear");
    EXPECT_EQ(c.forwardParams, std::vector<std::string> { "x" });
    ASSERT_EQ(c.forwardBody.size(), 1u) << "__len__'s body is skipped";
    EXPECT_EQ(c.forwardBody[0].second, "return torch.relu(x)");
    EXPECT_EQ(c.forwardBody[0].first, 11u);
}

TEST(TorchScriptCode, HostileDeclarationsAreRefusedNamingTheMemberAndTheLine)
{
    std::string tuple = "(";
    for (int i = 0; i < 100000; ++i)
        tuple += "1, ";
    tuple += "1)";
    const std::pair<std::string, std::string> cases[] = {
        { "  stride : Final[Tuple[int, int]] = " + tuple, "line 4: a line of 300039 bytes, longer than the 4096" },
        { "  stride : Final[Tuple[int, int]] = (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)",
          "line 4: the Final constant 'stride' is not one literal" },
        { "  stride : Final[Tuple[int, int]] = ((((((1))))))", "line 4: the Final constant 'stride' is not one literal" },
        { "  bias : Optional[Tensor", "line 4: the annotation of 'bias' is not a type as printed (unbalanced brackets?)" },
        { "  stride : Final[Tuple[int, int]] = (1, 1", "line 4: the Final constant 'stride' is not one literal" },
        { "  stride : Final[Tuple[int, int]] = (0, 1)", "line 4: the Final constant 'stride' is [0,1]: below 1" },
        { "  padding : Final[Tuple[int, int]] = (-1, 1)", "line 4: the Final constant 'padding' is [-1,1]: below 0" },
        { "  eps : Final[float] = nan", "line 4: the Final constant 'eps' is not one literal" },
        { "  eps : Final[float] = 1e999", "line 4: the Final constant 'eps' is not one literal" },
        { "  eps : Final[float] = -0.5", "line 4: the Final constant 'eps' is -0.5: not above 0" },
        { "  stride = __import__(\"os\").system(\"x\")", "line 4: not a declaration this reader knows" },
        { "    x = 1", "line 4: an indented line outside a method" },
        { "  def forward(self: X,\n    x: Tensor) -> Tensor\n    return x", "line 5: a method header that does not end" },
        { "  stride : Final[int] = 1\n  stride : Final[int] = 2", "line 5: the Final constant 'stride' is declared twice" },
    };
    for (const auto& [line, want] : cases) {
        const std::string m = scriptClassRefusal(kConvHead + line + "\n");
        EXPECT_NE(m.find("f.pt: code/m.py " + want), std::string::npos) << "got: " << m << "\nfor: " << line.substr(0, 80);
        EXPECT_NE(m.find("(class Conv2d)"), std::string::npos) << m;
    }
    EXPECT_NE(scriptClassRefusal("class Linear(Module):\n").find("f.pt: code/m.py declares no 'class Conv2d(Module)'"),
              std::string::npos);
}

TEST(TorchScriptCode, OneCallWithNamesAndLiteralsIsAllACallCanBe)
{
    const auto c = parseScriptCall("torch._convolution(x, weight, None, [2, 2], [1, 1], [1, 1], False, [0, 0], 1)");
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->op, "torch._convolution");
    ASSERT_EQ(c->args.size(), 9u);
    EXPECT_EQ(c->args[1].ident, "weight");
    EXPECT_TRUE(c->args[2].ident.empty() && c->args[2].literal.is_null());
    EXPECT_EQ(c->args[3].literal, nlohmann::json::array({ 2, 2 }));
    for (const char* bad : { "torch.relu(torch.sigmoid(x))", "torch.relu(x) + 1", "torch.relu(x, ", "torch.relu(x)(y)",
                             "(lambda: 1)()", "torch.relu(x, y=1)", "torch.relu(x, float(\"nan\"))" })
        EXPECT_FALSE(parseScriptCall(bad).has_value()) << bad;
    EXPECT_EQ(scriptClassMember("__torch__.torch.nn.modules.conv.___torch_mangle_1.Conv2d"),
              (std::pair<std::string, std::string> { "__torch__/torch/nn/modules/conv/___torch_mangle_1.py", "Conv2d" }));
    EXPECT_FALSE(scriptClassMember("__torch__.a/../b.C").has_value());
    EXPECT_FALSE(scriptClassMember("os.system").has_value());
}
