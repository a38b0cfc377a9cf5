// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing weight files across formats (#18): the pairs written by tools/make_quant_pairs.py
// (tests/data/compare/: a llama-like HF model, its GGUF in Q8_0 and Q4_K with llama.cpp's Q/K
// permutation, a Keras MLP in PyTorch's layout) and the metrics NumPy computed on them; a model
// against its own export; name clashes, NaN/Inf, empty tensors, files with nothing in common.
#include "ResidentMemory.h"
#include "TempDir.h"

#include "analysis/Comparison.h"
#include "analysis/TensorDiff.h"
#include "analysis/TensorMatch.h"
#include "formats/WeightExport.h"
#include "formats/WeightFormats.h"
#include "io/ModelFile.h"
#include "io/SafetensorsWriter.h"
#include "util/Error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

using namespace ws;

namespace {

const std::string kDir = std::string(WS_TEST_DATA_DIR) + "/compare/";

nlohmann::json expected()
{
    std::ifstream in(kDir + "expected.json");
    return nlohmann::json::parse(in);
}

void expectRelative(double got, double want, const std::string& what)
{
    EXPECT_NEAR(got, want, 1e-9 * std::max(1.0, std::abs(want))) << what;
}

void expectMetrics(const DiffStats& s, const nlohmann::json& want, const std::string& what)
{
    ASSERT_TRUE(s.computed) << what;
    expectRelative(s.relativeL2, want["relative_l2"].get<double>(), what + " relative L2");
    expectRelative(s.maxAbs, want["max_abs"].get<double>(), what + " max |Δ|");
    expectRelative(s.cosine, want["cosine"].get<double>(), what + " cosine");
    if (want["snr_db"].is_null())
        EXPECT_EQ(s.snrDb, std::numeric_limits<double>::infinity()) << what << " SNR";
    else
        expectRelative(s.snrDb, want["snr_db"].get<double>(), what + " SNR");
    if (want.contains("sign_flips"))
        expectRelative(s.signFlips, want["sign_flips"].get<double>(), what + " sign flips");
}

const DiffRow& rowOf(const std::vector<DiffRow>& rows, const std::string& name)
{
    for (const DiffRow& r : rows)
        if (r.name == name)
            return r;
    throw Error("no row " + name);
}

std::vector<DiffRow> compareAll(const WeightFile& a, const WeightFile& b)
{
    std::vector<DiffRow> rows = matchTensors(a, b);
    for (DiffRow& r : rows)
        if (r.indexA >= 0 && r.indexB >= 0 && shapeNumel(r.shapeA) == shapeNumel(r.shapeB))
            r.stats = comparePair(a, b, r);
    return rows;
}

Tensor values(Shape shape, std::vector<float> v)
{
    Tensor t(std::move(shape));
    std::copy(v.begin(), v.end(), t.data());
    return t;
}

} // namespace

TEST(TensorMatch, HuggingFaceAndGgufPairByNameMapWithTheQkPermutationUndone)
{
    const nlohmann::json want = expected();
    for (const std::string gguf : { "llama_q8_0.gguf", "llama_q4_k.gguf" }) {
        const auto hf = openWeightFile(kDir + "llama_hf.safetensors");
        const auto gg = openWeightFile(kDir + gguf);
        const std::vector<DiffRow> rows = compareAll(*hf, *gg);
        ASSERT_EQ(rows.size(), hf->tensors().size()) << gguf << ": every tensor paired, none left over";
        for (const auto& [ggName, hfName] : want["hf_names"].items()) {
            const DiffRow& r = rowOf(rows, hfName.get<std::string>());
            EXPECT_EQ(r.nameB, ggName) << hfName;
            EXPECT_EQ(r.status, DiffStatus::Matched) << hfName;
            EXPECT_EQ(r.how, MatchKind::NameMap) << hfName;
            const bool q = ggName.find("attn_q.") != std::string::npos, k = ggName.find("attn_k.") != std::string::npos;
            EXPECT_EQ(r.layout.heads, q ? 4 : k ? 2 : 0) << hfName << ": llama.attention.head_count(_kv)";
            EXPECT_FALSE(r.layout.transposed) << hfName;
            expectMetrics(r.stats, want[gguf]["tensors"][ggName], gguf + " " + ggName);
            EXPECT_DOUBLE_EQ(r.bitsA, 16.0) << hfName;
            const std::string type = want[gguf]["tensors"][ggName]["type"];
            EXPECT_DOUBLE_EQ(r.bitsB, type == "Q8_0" ? 8.5 : type == "Q4_K" ? 4.5 : 32.0) << ggName;
            EXPECT_EQ(r.block, ggName.starts_with("blk.") ? ggName[4] - '0' : -1) << ggName;
        }
        const std::vector<DiffTotal> totals = diffTotals(rows);
        ASSERT_EQ(totals.size(), 4u) << "blocks 0 and 1, the tensors outside, the model";
        EXPECT_EQ(totals[0].block, 0);
        EXPECT_EQ(totals[1].block, 1);
        EXPECT_TRUE(totals.back().model);
        EXPECT_EQ(totals.back().tensors, int(rows.size()));
        expectMetrics(totals.back().stats, want[gguf]["total"], gguf + " whole model");
    }
}

TEST(TensorMatch, QkRowsWithoutThePermutationUndoneDisagree)
{
    // What llama.cpp users hit by hand (#13839): the same name, rows in another order.
    const auto hf = openWeightFile(kDir + "llama_hf.safetensors");
    const auto gg = openWeightFile(kDir + "llama_q8_0.gguf");
    DiffRow r = rowOf(matchTensors(*hf, *gg), "model.layers.0.self_attn.q_proj.weight");
    const double undone = comparePair(*hf, *gg, r).relativeL2;
    r.layout.heads = 0;
    const double raw = comparePair(*hf, *gg, r).relativeL2;
    EXPECT_LT(undone, 0.01);
    EXPECT_GT(raw, 0.5);
    // The GGUF as A: the permutation is undone the other way round, to the same numbers.
    const DiffRow back = rowOf(matchTensors(*gg, *hf), "blk.0.attn_q.weight");
    EXPECT_FALSE(back.layout.permutedInB);
    const DiffStats reverse = comparePair(*gg, *hf, back);
    EXPECT_EQ(reverse.maxAbs, comparePair(*hf, *gg, rowOf(matchTensors(*hf, *gg), r.name)).maxAbs);
    EXPECT_NEAR(reverse.cosine, 1.0, 1e-4);
    // The difference heatmap's source undoes it the same way.
    r.layout.heads = 4;
    const ElementSource d = pairDifferenceSource(*hf, size_t(r.indexA), *gg, size_t(r.indexB), r.layout);
    std::vector<float> delta(size_t(d.numel));
    d.read(0, d.numel, delta.data());
    double dd = 0;
    for (float v : delta)
        dd += double(v) * v;
    EXPECT_NEAR(std::sqrt(dd / comparePair(*hf, *gg, r).aa), undone, 1e-6);
}

TEST(TensorMatch, KerasKernelsMeetPyTorchWeightsTransposed)
{
    const auto keras = openWeightFile(std::string(WS_TEST_DATA_DIR) + "/keras/keras2_mlp.h5");
    const auto torch = openWeightFile(kDir + "keras2_mlp_torch.safetensors");
    const std::vector<DiffRow> rows = compareAll(*keras, *torch);
    for (const std::string name : { "dense/kernel:0", "dense_1/kernel:0", "dense/bias:0", "dense_1/bias:0" }) {
        const DiffRow& r = rowOf(rows, name);
        const bool kernel = name.find("kernel") != std::string::npos;
        EXPECT_EQ(r.how, kernel ? MatchKind::NameMap : MatchKind::Spelling) << name; // kernel = weight; "dense/bias:0" = "dense.bias"
        EXPECT_EQ(r.layout.transposed, kernel) << name;
        ASSERT_TRUE(r.stats.computed) << name;
        EXPECT_EQ(r.stats.maxAbs, 0.0) << name << " against " << r.nameB;
        EXPECT_EQ(r.stats.snrDb, std::numeric_limits<double>::infinity()) << name;
    }
    EXPECT_EQ(rowOf(rows, "dense/kernel:0").nameB, "dense.weight");
    EXPECT_EQ(rowOf(rows, "optimizer_weights/Adam/iter:0").status, DiffStatus::OnlyInA);
}

TEST(TensorMatch, ModelMatchesItsOwnExportFully)
{
    // A native model ("dense_1/kernel") against its export ("dense_1.kernel"), and a Keras file
    // against the export of its tensors: every tensor paired, no difference.
    test::TempDir dir;
    const std::string native = std::string(WS_TEST_DATA_DIR) + "/model/mlp.h5";
    LoadedModel loaded = loadModel(native);
    exportModel(dir.file("mlp.safetensors"), loaded.model, {});
    const std::string keras = std::string(WS_TEST_DATA_DIR) + "/keras/keras2_mlp.h5";
    exportWeightFile(dir.file("keras.npz"), *openWeightFile(keras), {});
    for (const auto& [from, to] : { std::pair(native, dir.file("mlp.safetensors")), std::pair(keras, dir.file("keras.npz")) }) {
        const auto a = openWeightFile(from);
        const auto b = openWeightFile(to);
        const std::vector<DiffRow> rows = compareAll(*a, *b);
        ASSERT_EQ(rows.size(), a->tensors().size()) << from;
        ASSERT_EQ(rows.size(), b->tensors().size()) << to;
        for (const DiffRow& r : rows) {
            EXPECT_EQ(r.status, DiffStatus::Matched) << r.name;
            EXPECT_NE(r.how, MatchKind::Position) << r.name << " paired with " << r.nameB;
            EXPECT_EQ(r.stats.maxAbs, 0.0) << r.name;
        }
    }
}

TEST(TensorMatch, NameMapClashIsReportedNotGuessed)
{
    test::TempDir dir;
    writeSafetensors(dir.file("a.safetensors"),
        { { "model.norm.weight", values({ 2 }, { 1, 2 }) }, { "norm.weight", values({ 2 }, { 1, 2 }) } });
    writeSafetensors(dir.file("b.safetensors"), { { "output_norm.weight", values({ 2 }, { 1, 2 }) } });
    const auto a = openWeightFile(dir.file("a.safetensors"));
    const auto b = openWeightFile(dir.file("b.safetensors"));
    const std::vector<DiffRow> rows = matchTensors(*a, *b);
    ASSERT_EQ(rows.size(), 3u);
    for (const DiffRow& r : rows) {
        EXPECT_EQ(r.status, DiffStatus::Ambiguous) << r.name << " must not be paired by position either";
        EXPECT_NE(r.note.find("'model.norm.weight', 'norm.weight'"), std::string::npos) << r.note;
    }
}

TEST(TensorMatch, NonFiniteEmptyAndUnsharedTensorsAreMarked)
{
    test::TempDir dir;
    const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
    writeSafetensors(dir.file("a.safetensors"),
        { { "x", values({ 4 }, { 1, nan, 3, -2 }) }, { "empty", Tensor(Shape { 0, 4 }) }, { "only_a", values({ 3 }, { 1, 2, 3 }) },
            { "w", values({ 2, 3 }, { 1, 2, 3, 4, 5, 6 }) } });
    writeSafetensors(dir.file("b.safetensors"),
        { { "x", values({ 4 }, { 1, 2, inf, 2 }) }, { "empty", Tensor(Shape { 0, 4 }) }, { "only_b", values({ 5 }, { 1, 2, 3, 4, 5 }) },
            { "renamed", values({ 3, 2 }, { 1, 4, 2, 5, 3, 6 }) } });
    const auto a = openWeightFile(dir.file("a.safetensors"));
    const auto b = openWeightFile(dir.file("b.safetensors"));
    const std::vector<DiffRow> rows = compareAll(*a, *b);
    const DiffRow& x = rowOf(rows, "x");
    EXPECT_EQ(x.stats.skipped, 2);
    EXPECT_EQ(x.stats.compared, 2);
    EXPECT_DOUBLE_EQ(x.stats.signFlips, 0.5);
    const DiffRow& e = rowOf(rows, "empty");
    EXPECT_EQ(e.stats.compared, 0);
    EXPECT_TRUE(std::isnan(e.stats.snrDb)) << "no elements: no ratio";
    EXPECT_EQ(rowOf(rows, "only_a").status, DiffStatus::OnlyInA);
    EXPECT_EQ(rowOf(rows, "only_b").status, DiffStatus::OnlyInB);
    const DiffRow& w = rowOf(rows, "w");
    EXPECT_EQ(w.how, MatchKind::Position);
    EXPECT_TRUE(w.layout.transposed);
    EXPECT_EQ(w.stats.maxAbs, 0.0);

    writeSafetensors(dir.file("c.safetensors"), { { "z", values({ 7 }, { 1, 2, 3, 4, 5, 6, 7 }) } });
    const auto c = openWeightFile(dir.file("c.safetensors"));
    const std::vector<DiffRow> none = compareAll(*a, *c);
    EXPECT_EQ(diffTotals(none).back().tensors, 0) << "nothing in common";
}

TEST(TensorMatch, NameMapsOfTheCommonFamilies)
{
    EXPECT_EQ(canonicalTensorName(tensorSpelling("model.layers.12.mlp.down_proj.weight")), "blk.12.ffn_down.weight");
    EXPECT_EQ(canonicalTensorName("model.embed_tokens.weight"), "token_embd.weight");
    EXPECT_EQ(canonicalTensorName("lm_head.weight"), "output.weight");
    EXPECT_EQ(canonicalTensorName("model.layers.0.self_attn.q_proj.bias"), "blk.0.attn_q.bias"); // qwen2
    EXPECT_EQ(canonicalTensorName("transformer.h.3.attn.c_attn.weight"), "blk.3.attn_qkv.weight"); // gpt2
    EXPECT_EQ(canonicalTensorName("transformer.wpe.weight"), "position_embd.weight");
    EXPECT_EQ(canonicalTensorName("model.layers.1.mlp.fc1.bias"), "blk.1.ffn_up.bias"); // phi2
    EXPECT_EQ(canonicalTensorName("model.final_layernorm.weight"), "output_norm.weight");
    EXPECT_EQ(canonicalTensorName("model.layers.2.post_attention_layernorm.weight"), "blk.2.ffn_norm.weight");
    EXPECT_EQ(canonicalTensorName("model.layers.2.post_attention_layernorm.weight", "gemma2"), "blk.2.post_attention_norm.weight");
    EXPECT_EQ(canonicalTensorName("model.layers.2.post_feedforward_layernorm.weight", "gemma2"), "blk.2.post_ffw_norm.weight");
    EXPECT_EQ(canonicalTensorName("blk.2.ffn_up.weight"), "blk.2.ffn_up.weight");
    EXPECT_EQ(canonicalTensorName(tensorSpelling("kernel:0", "dense")), "dense.weight");
    EXPECT_EQ(tensorSpelling("dense_1/kernel:0", "dense_1"), "dense_1.kernel");
    EXPECT_EQ(transformerBlock("model.layers.7.self_attn.q_proj.weight"), 7);
    EXPECT_EQ(transformerBlock("encoder/layer/3/attention"), 3);
    EXPECT_EQ(transformerBlock("token_embd.weight"), -1);
}

TEST(Comparison, PairsThatCannotBeComparedSayWhyAndTheReportsListEverySide)
{
    test::TempDir dir;
    writeSafetensors(dir.file("a.safetensors"), { { "n", values({ 3 }, { 1, 2, 3 }) }, { "same", values({ 2 }, { 1, -1 }) },
                                                    { "gone", values({ 1 }, { 5 }) } });
    writeSafetensors(dir.file("b.safetensors"), { { "n", values({ 4 }, { 1, 2, 3, 4 }) }, { "same", values({ 2 }, { 1, 1 }) },
                                                    { "new", values({ 9 }, { 0, 0, 0, 0, 0, 0, 0, 0, 0 }) } });
    const auto a = openWeightFile(dir.file("a.safetensors"));
    const auto b = openWeightFile(dir.file("b.safetensors"));
    size_t matched = 0, done = 0;
    CompareProgress progress;
    progress.matched = [&](const std::vector<DiffRow>& rows) { matched = rows.size(); };
    progress.rowDone = [&](size_t, const DiffStats&) { ++done; };
    const Comparison c = compareFiles(*a, *b, progress);
    EXPECT_EQ(matched, 4u);
    EXPECT_EQ(done, 1u);
    EXPECT_EQ(c.pairs, 2);
    EXPECT_EQ(c.compared, 1);
    const DiffRow& n = rowOf(c.rows, "n");
    EXPECT_EQ(n.status, DiffStatus::Reshaped);
    EXPECT_FALSE(n.stats.computed);
    EXPECT_NE(n.note.find("different numbers of elements"), std::string::npos) << n.note;
    EXPECT_DOUBLE_EQ(rowOf(c.rows, "same").stats.signFlips, 0.5);
    EXPECT_TRUE(nothingComparedMessage(c).empty());

    const nlohmann::json j = comparisonJson(c);
    EXPECT_EQ(j["pairs"].size(), 2u);
    EXPECT_EQ(j["pairs"][0]["a"]["name"], "same") << "worst first: the compared pair before the one without numbers";
    EXPECT_EQ(j["only_in_a"][0]["a"]["name"], "gone");
    EXPECT_EQ(j["only_in_b"][0]["b"]["name"], "new");
    EXPECT_EQ(j["totals"].back()["label"], "model");
    std::ostringstream csv;
    writeComparisonCsv(csv, c);
    EXPECT_NE(csv.str().find("\nsame,same,matched,name,,\"(2,)\",\"(2,)\",32,32,,1.41421356,2,0,-3.01029996,0.5,2,0,\n"), std::string::npos)
        << csv.str();
}

#if defined(__linux__)

// #18 item 5: `compare` of two 7 B checkpoints streams tensor by tensor with memory bounded by
// the tensors in hand. Mapped pages count in a process's resident memory until given back: the
// whole of both files (16.5 GB for two 7 B checkpoints) before each pair's were released.
TEST(Comparison, GivesBackEachPairsMappedPagesSoResidentMemoryStaysBounded)
{
    test::TempDir dir;
    // Two files of 8 tensors × 4 MiB (float32): 32 MiB each, 64 MiB read by the comparison.
    std::vector<std::pair<std::string, Tensor>> a, b;
    for (int t = 0; t < 8; ++t) {
        Tensor x({ 1024, 1024 });
        Tensor y({ 1024, 1024 });
        for (int64_t i = 0; i < x.size(); ++i) {
            x.data()[i] = float((i * 7 + t) % 1000) / 1000.0f;
            y.data()[i] = x.data()[i] + 1e-3f;
        }
        a.emplace_back("layer" + std::to_string(t) + ".weight", std::move(x));
        b.emplace_back("layer" + std::to_string(t) + ".weight", std::move(y));
    }
    writeSafetensors(dir.file("a.safetensors"), a);
    writeSafetensors(dir.file("b.safetensors"), b);
    a.clear();
    b.clear();
    const auto fa = openWeightFile(dir.file("a.safetensors"));
    const auto fb = openWeightFile(dir.file("b.safetensors"));
    const long before = test::residentFileKb();
    ASSERT_GE(before, 0);
    const Comparison c = compareFiles(*fa, *fb);
    const long after = test::residentFileKb();
    EXPECT_EQ(c.compared, 8);
    for (const DiffRow& r : c.rows)
        EXPECT_NEAR(r.stats.maxAbs, 1e-3, 1e-4) << r.name; // every element was read
    // Without the release: about 65,536 kB more. With it: at most a page or two per tensor.
    EXPECT_LT(after - before, 4 * 1024) << "kB of mapped pages kept after comparing 64 MiB";
}
#endif
