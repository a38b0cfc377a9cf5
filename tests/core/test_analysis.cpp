// SPDX-License-Identifier: GPL-3.0-or-later
// core/analysis for the inspector: heatmap pooling, histograms, percentiles, slicing, filter grids,
// name trees and checkpoint comparison. Expected values are worked out by hand in the comments
// or computed by NumPy (noted where so).
#include "analysis/ConvGrid.h"
#include "analysis/Downsample.h"
#include "analysis/Histogram.h"
#include "analysis/ModelFamily.h"
#include "analysis/NameTree.h"
#include "analysis/TensorDiff.h"
#include "analysis/TensorMatch.h"
#include "analysis/TensorStats.h"
#include "analysis/TensorView.h"
#include "formats/WeightFormats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <numeric>

using namespace ws;

namespace {

const std::string kDtypes = std::string(WS_TEST_DATA_DIR) + "/safetensors/dtypes.safetensors";
const std::string kSharded = std::string(WS_TEST_DATA_DIR) + "/safetensors/sharded";
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

std::vector<float> iota(int64_t n)
{
    std::vector<float> v(static_cast<size_t>(n));
    std::iota(v.begin(), v.end(), 0.0f);
    return v;
}

size_t indexOf(const WeightFile& f, const std::string& name)
{
    for (size_t i = 0; i < f.tensors().size(); ++i)
        if (f.tensors()[i].name == name)
            return i;
    ADD_FAILURE() << "no tensor " << name;
    return 0;
}

} // namespace

TEST(TensorView, DefaultSliceShowsTheLastTwoDimensions)
{
    const SliceSpec s = defaultSlice({ 2, 3, 4 });
    EXPECT_EQ(s.rowDim, 1);
    EXPECT_EQ(s.colDim, 2);
    const View2D v = makeView({ 2, 3, 4 }, { 1, 2, { 1, 0, 0 } });
    EXPECT_EQ(v.offset, 12); // the second 3 × 4 block
    EXPECT_EQ(v.rows, 3);
    EXPECT_EQ(v.rowStride, 4);
    EXPECT_EQ(v.cols, 4);
    EXPECT_EQ(v.colStride, 1);
}

TEST(TensorView, SlicesAcrossNonAdjacentDimensions)
{
    // Shape (2, 3, 4), rows = dim 0, cols = dim 2, dim 1 fixed at 2: element (r, c) = r·12 + 2·4 + c.
    const View2D v = makeView({ 2, 3, 4 }, { 0, 2, { 0, 2, 0 } });
    EXPECT_EQ(v.element(1, 3), 12 + 8 + 3);
    // rows = dim 0, cols = dim 1, dim 2 fixed at 3: strided columns.
    const View2D w = makeView({ 2, 3, 4 }, { 0, 1, { 0, 0, 3 } });
    EXPECT_EQ(w.colStride, 4);
    const std::vector<float> values = iota(24);
    const ElementSource src = memorySource(values);
    std::vector<float> row(3), scratch;
    readViewRow(src, w, 1, 0, 3, row.data(), scratch, /*chunk=*/5); // pieces of one column each
    EXPECT_EQ(row, (std::vector<float>{ 15, 19, 23 }));
}

TEST(TensorView, OneDimensionalAndScalarViews)
{
    const View2D v = makeView({ 7 }, defaultSlice({ 7 }));
    EXPECT_EQ(v.rows, 1);
    EXPECT_EQ(v.cols, 7);
    const View2D s = makeView({}, defaultSlice({}));
    EXPECT_EQ(s.rows, 1);
    EXPECT_EQ(s.cols, 1);
}

TEST(TensorView, RejectsBadSelectors)
{
    EXPECT_THROW(makeView({ 2, 3 }, { 1, 0, { 0, 0 } }), Error);     // transposed
    EXPECT_THROW(makeView({ 2, 3 }, { 0, 2, { 0, 0 } }), Error);     // no dimension 2
    EXPECT_THROW(makeView({ 2, 3, 4 }, { 1, 2, { 2, 0, 0 } }), Error); // index past dim 0
    EXPECT_THROW(makeView({ 2, 3, 4 }, { 1, 2, { 0, 0 } }), Error);    // too few indices
}

TEST(TensorView, WritesAViewAsCsv)
{
    const std::vector<float> values = { 0.1f, -2, kNaN, 3, kInf, 1e-8f };
    const std::string path = ::testing::TempDir() + "/view.csv";
    writeViewCsv(memorySource(values), makeView({ 2, 3 }, defaultSlice({ 2, 3 })), path);
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, "0.100000001,-2,nan\n3,inf,9.99999994e-09\n");
    EXPECT_THROW(writeViewCsv(memorySource(values), makeView({ 6 }, defaultSlice({ 6 })), "/nonexistent/dir/x.csv"), FormatError);
}

TEST(Downsample, WithoutReductionCellsAreTheElements)
{
    const std::vector<float> values = iota(12);
    const Heatmap m = downsample(memorySource(values), makeView({ 3, 4 }, defaultSlice({ 3, 4 })), 100, 100);
    EXPECT_FALSE(m.reduced());
    EXPECT_EQ(m.mean, values);
    EXPECT_EQ(m.min, values);
    EXPECT_EQ(m.max, values);
}

TEST(Downsample, PoolsBlocksIntoMinMaxMean)
{
    // 4 × 6 matrix of 0..23 into 2 × 3 cells of 2 × 2: cell (0, 0) holds 0, 1, 6, 7.
    const std::vector<float> values = iota(24);
    const Heatmap m = downsample(memorySource(values), makeView({ 4, 6 }, defaultSlice({ 4, 6 })), 3, 2);
    ASSERT_EQ(m.outRows, 2);
    ASSERT_EQ(m.outCols, 3);
    EXPECT_EQ(m.min, (std::vector<float>{ 0, 2, 4, 12, 14, 16 }));
    EXPECT_EQ(m.max, (std::vector<float>{ 7, 9, 11, 19, 21, 23 }));
    EXPECT_EQ(m.mean, (std::vector<float>{ 3.5f, 5.5f, 7.5f, 15.5f, 17.5f, 19.5f }));
}

TEST(Downsample, UnevenBlocksFollowTheDocumentedPartition)
{
    // 5 columns into 3 cells: c·3/5 → 0, 0, 1, 1, 2 (cells of 2, 2, 1 columns).
    const std::vector<float> values = { 1, 2, 3, 4, 5 };
    const Heatmap m = downsample(memorySource(values), makeView({ 5 }, defaultSlice({ 5 })), 3, 3);
    EXPECT_EQ(m.mean, (std::vector<float>{ 1.5f, 3.5f, 5.0f }));
    EXPECT_EQ(m.firstCol(1), 2);
    EXPECT_EQ(m.firstCol(2), 4);
    EXPECT_EQ(m.firstCol(3), 5);
}

TEST(Downsample, LeavesNonFiniteValuesOut)
{
    const std::vector<float> values = { 1, kNaN, kInf, 3, kNaN, kNaN };
    const Heatmap m = downsample(memorySource(values), makeView({ 3, 2 }, defaultSlice({ 3, 2 })), 1, 3);
    EXPECT_EQ(m.nonFinite, 4);
    EXPECT_EQ(m.mean[0], 1.0f);
    EXPECT_EQ(m.mean[1], 3.0f);
    EXPECT_TRUE(std::isnan(m.mean[2]));
}

TEST(Downsample, FileTensorMatchesBlockPoolingOfTheWholeTensor)
{
    const auto file = openWeightFile(kDtypes);
    const size_t i = indexOf(*file, "i8_big"); // 700 × 100
    const Tensor t = file->readTensor(i);
    const Heatmap m = downsample(tensorSource(*file, i), makeView({ 700, 100 }, defaultSlice({ 700, 100 })), 10, 7);
    ASSERT_EQ(m.outRows, 7);
    ASSERT_EQ(m.outCols, 10);
    for (int cr = 0; cr < 7; ++cr)
        for (int cc = 0; cc < 10; ++cc) {
            double sum = 0;
            float mn = kInf, mx = -kInf;
            for (int r = cr * 100; r < cr * 100 + 100; ++r)
                for (int c = cc * 10; c < cc * 10 + 10; ++c) {
                    const float v = t.data()[r * 100 + c];
                    sum += v;
                    mn = std::min(mn, v);
                    mx = std::max(mx, v);
                }
            const size_t k = size_t(cr * 10 + cc);
            EXPECT_EQ(m.min[k], mn) << "cell " << cr << "," << cc;
            EXPECT_EQ(m.max[k], mx) << "cell " << cr << "," << cc;
            EXPECT_FLOAT_EQ(m.mean[k], float(sum / 1000)) << "cell " << cr << "," << cc;
        }
}

TEST(Downsample, StopsWhenCancelled)
{
    const std::vector<float> values = iota(100);
    EXPECT_THROW(downsample(memorySource(values), makeView({ 10, 10 }, defaultSlice({ 10, 10 })), 5, 5, [] { return true; }),
        Cancelled);
}

TEST(Histogram, CountsLikeNumPy)
{
    // NumPy: np.histogram(f32, bins=4, range=(-2, 1)) → [1, 3, 5, 3].
    const auto file = openWeightFile(kDtypes);
    const Histogram h = computeHistogram(tensorSource(*file, indexOf(*file, "f32")), -2, 1, 4);
    EXPECT_EQ(h.counts, (std::vector<int64_t>{ 1, 3, 5, 3 }));
    EXPECT_DOUBLE_EQ(h.binWidth(), 0.75);
}

TEST(Histogram, EdgesOutliersAndNonFinite)
{
    const std::vector<float> v = { 0, 0.5f, 1, 1, -1, 2, kNaN, -kInf };
    const Histogram h = histogramOf(v.data(), int64_t(v.size()), 0, 1, 2);
    EXPECT_EQ(h.counts, (std::vector<int64_t>{ 1, 3 })); // 0.5 opens bin 1; 1 is in the last bin
    EXPECT_EQ(h.below, 1);
    EXPECT_EQ(h.above, 1);
    EXPECT_EQ(h.nonFinite, 2);
    const Histogram c = histogramOf(v.data(), 1, 3, 3, 4); // constant: range widened around 3
    EXPECT_DOUBLE_EQ(c.lo, 2.5);
    EXPECT_DOUBLE_EQ(c.hi, 3.5);
    EXPECT_THROW(histogramOf(v.data(), 1, 0, 1, 0), Error);
}

TEST(Percentiles, ExactMatchesNumPyLinear)
{
    // np.percentile(f32, [0, 1, 25, 50, 99, 100]) in float64.
    const auto file = openWeightFile(kDtypes);
    const size_t i = indexOf(*file, "f32");
    const TensorStats s = computeTensorStats(*file, i);
    const Percentiles p = computePercentiles(tensorSource(*file, i), { 0, 1, 25, 50, 99, 100 }, s.min, s.max, s.finite);
    ASSERT_TRUE(p.exact);
    const double want[] = { -1.8036922216415405, -1.712460739016533, -0.837657704949379, -0.21332140266895294,
        0.5844419249892235, 0.5955474972724915 };
    for (size_t k = 0; k < 6; ++k)
        EXPECT_NEAR(p.values[k], want[k], 1e-12) << "q " << p.q[k];
}

TEST(Percentiles, IgnoreNonFiniteValues)
{
    const std::vector<float> v = { 5, kNaN, 1, 4, kInf, 2, 3 };
    const Percentiles p = computePercentiles(memorySource(v), { 10, 25, 100 }, 1, 5, 5);
    EXPECT_DOUBLE_EQ(p.values[0], 1.4); // h = 0.4 between 1 and 2
    EXPECT_DOUBLE_EQ(p.values[1], 2.0);
    EXPECT_DOUBLE_EQ(p.values[2], 5.0);
    EXPECT_THROW(computePercentiles(memorySource(v), { 101 }, 1, 5, 5), Error);
}

TEST(Percentiles, FromTheHistogramWithinOneBin)
{
    // 0..99999 shuffled by a stride; exact 1 % = 999.99, 50 % = 49999.5, 99 % = 98999.01.
    std::vector<float> v(100000);
    for (size_t k = 0; k < v.size(); ++k)
        v[k] = float((k * 7919) % 100000);
    const Percentiles p = computePercentiles(memorySource(v), { 1, 50, 99 }, 0, 99999, 100000, {}, /*exactLimit=*/0);
    EXPECT_FALSE(p.exact);
    EXPECT_DOUBLE_EQ(p.maxError, 99999.0 / kPercentileBins);
    EXPECT_NEAR(p.values[0], 999.99, p.maxError);
    EXPECT_NEAR(p.values[1], 49999.5, p.maxError);
    EXPECT_NEAR(p.values[2], 98999.01, p.maxError);
}

TEST(ConvGrid, OihwFiltersInAGrid)
{
    // 5 filters × 2 channels × 2 × 2 (OIHW): 3 grid columns, 2 rows; 8 × 5 pixels.
    const std::vector<float> values = iota(40);
    const ConvGrid g = buildConvGrid(memorySource(values), { 5, 2, 2, 2 }, ConvLayout::OIHW, 1);
    EXPECT_EQ(g.gridCols, 3);
    EXPECT_EQ(g.gridRows, 2);
    EXPECT_EQ(g.width, 8);
    EXPECT_EQ(g.height, 5);
    // Filter 4 (grid row 1, column 1), channel 1, tap (1, 0): element ((4·2 + 1)·2 + 1)·2 + 0 = 38.
    EXPECT_EQ(g.pixels[size_t((3 + 1) * 8 + 3 + 0)], 38.0f);
    EXPECT_TRUE(std::isnan(g.pixels[2])); // gap column
    const auto hit = g.at(3, 4);
    ASSERT_TRUE(hit.has_value());
    EXPECT_EQ(hit->filter, 4);
    EXPECT_EQ(hit->ky, 1);
    EXPECT_EQ(hit->kx, 0);
    EXPECT_FALSE(g.at(6, 4).has_value()); // where filter 5 would be
}

TEST(ConvGrid, HwioIsReadAsKerasStoresIt)
{
    // (kh, kw, in, out) = (1, 2, 2, 3); element (0, kx, i, o) = (kx·2 + i)·3 + o.
    const std::vector<float> values = iota(12);
    const ConvGrid g = buildConvGrid(memorySource(values), { 1, 2, 2, 3 }, ConvLayout::HWIO, 1);
    EXPECT_EQ(g.filters, 3);
    EXPECT_EQ(g.gridCols, 2);
    // Filter 2 sits in grid row 1, column 0 (pixel y = 2); tap kx = 1 is (1·2 + 1)·3 + 2 = 11.
    EXPECT_EQ(g.pixels[size_t(2 * g.width + 1)], 11.0f);
    EXPECT_EQ(guessConvLayout("keras-h5"), ConvLayout::HWIO);
    EXPECT_EQ(guessConvLayout("safetensors"), ConvLayout::OIHW);
}

TEST(ConvGrid, RefusesBadChannelsAndHugeGrids)
{
    const std::vector<float> values = iota(40);
    EXPECT_THROW(buildConvGrid(memorySource(values), { 5, 2, 2, 2 }, ConvLayout::OIHW, 2), Error);
    EXPECT_THROW(buildConvGrid(memorySource(values), { 5, 2, 2 }, ConvLayout::OIHW, 0), Error);
    EXPECT_THROW(buildConvGrid(memorySource(values), { int64_t(1) << 40, 1, 1 << 20, 1 << 20 }, ConvLayout::OIHW, 0), Error);
}

TEST(NameTree, GroupsByPrefixAndSortsLayerNumbers)
{
    std::vector<TensorInfo> t(5);
    t[0] = { "model.layers.10.mlp.up_proj.weight", DType::F32, { 4, 2 }, 32, "", "", 0 };
    t[1] = { "model.layers.2.mlp.up_proj.weight", DType::F32, { 4, 2 }, 32, "", "", 0 };
    t[2] = { "model.layers.2.mlp.up_proj.bias", DType::F16, { 4 }, 8, "", "", 0 };
    t[3] = { "model.embed_tokens.weight", DType::BF16, { 10, 2 }, 40, "", "", 0 };
    t[4] = { "dense/kernel:0", DType::F32, { 3 }, 12, "", "", 0 };
    const NameNode root = buildNameTree(t);
    ASSERT_EQ(root.children.size(), 2u);
    EXPECT_EQ(root.tensorCount, 5);
    EXPECT_EQ(root.params, 8 + 8 + 4 + 20 + 3);
    EXPECT_EQ(root.bytes, 32u + 32 + 8 + 40 + 12);
    const NameNode& model = root.children[0];
    EXPECT_EQ(model.label, "model");
    ASSERT_EQ(model.children.size(), 2u);
    const NameNode& layers = model.children[0];
    ASSERT_EQ(layers.children.size(), 2u);
    EXPECT_EQ(layers.children[0].label, "2"); // numeric order, not file order
    EXPECT_EQ(layers.children[1].label, "10");
    EXPECT_EQ(layers.children[0].path, "model.layers.2");
    EXPECT_EQ(layers.children[0].params, 12);
    const NameNode& upProj = layers.children[0].children[0].children[0];
    EXPECT_EQ(upProj.path, "model.layers.2.mlp.up_proj");
    ASSERT_EQ(upProj.children.size(), 2u);
    EXPECT_EQ(upProj.children[0].label, "weight"); // file order kept
    EXPECT_EQ(upProj.children[0].tensor, 1);
    const NameNode& dense = root.children[1];
    EXPECT_EQ(dense.children[0].label, "kernel:0");
    EXPECT_EQ(dense.children[0].path, "dense/kernel:0");
    EXPECT_EQ(splitTensorName("a..b/"), (std::vector<std::string>{ "a", "b" }));
}

TEST(NameTree, NamesDifferingOnlyInSeparatorsStayApart)
{
    std::vector<TensorInfo> t(2);
    t[0].name = "a.b";
    t[1].name = "a/b";
    const NameNode root = buildNameTree(t);
    EXPECT_EQ(root.tensorCount, 2);
    const NameNode& b = root.children[0].children[0];
    EXPECT_EQ(b.tensor, 0);
    ASSERT_EQ(b.children.size(), 1u);
    EXPECT_EQ(b.children[0].tensor, 1);
}

TEST(TensorDiff, StatisticsOfADifference)
{
    // a = (3, 4), b = (3, 0): |Δ| max 4, ‖Δ‖/‖a‖ = 4/5, cosine = 9/(5·3) = 0.6.
    const std::vector<float> a = { 3, 4, kNaN }, b = { 3, 0, 1 };
    const DiffStats s = compareValues(a.data(), b.data(), 3);
    EXPECT_DOUBLE_EQ(s.maxAbs, 4);
    EXPECT_DOUBLE_EQ(s.relativeL2, 0.8);
    EXPECT_DOUBLE_EQ(s.cosine, 0.6);
    EXPECT_EQ(s.compared, 2);
    EXPECT_EQ(s.skipped, 1);
    const std::vector<float> z = { 0, 0 };
    EXPECT_DOUBLE_EQ(compareValues(z.data(), z.data(), 2).relativeL2, 0.0);
    EXPECT_TRUE(std::isinf(compareValues(z.data(), a.data(), 2).relativeL2));
}

TEST(TensorDiff, MatchesTensorsByNameAcrossFiles)
{
    // The sharded checkpoint against dtypes.safetensors: no shared names, so every row is one-sided.
    const auto a = openWeightFile(kDtypes);
    const auto b = openWeightFile(kSharded);
    const auto rows = matchTensors(*a, *b);
    ASSERT_EQ(rows.size(), a->tensors().size() + b->tensors().size());
    EXPECT_EQ(rows.front().status, DiffStatus::OnlyInA);
    EXPECT_EQ(rows.back().status, DiffStatus::OnlyInB);
    // A file against itself: every tensor matched, identical.
    const auto same = matchTensors(*a, *a);
    for (const DiffRow& row : same)
        EXPECT_EQ(row.status, DiffStatus::Matched) << row.name;
    const size_t i = indexOf(*a, "bf16");
    const DiffStats s = compareTensors(*a, i, *a, i);
    EXPECT_EQ(s.maxAbs, 0.0);
    EXPECT_NEAR(s.cosine, 1.0, 1e-15);
    EXPECT_THROW(compareTensors(*a, i, *a, indexOf(*a, "f32")), Error); // 20 vs 12 elements
    // The difference as a heatmap source: a − a is zero everywhere.
    const Heatmap m = downsample(differenceSource(*a, i, *a, i), makeView({ 4, 5 }, defaultSlice({ 4, 5 })), 5, 4);
    EXPECT_EQ(m.max, std::vector<float>(20, 0.0f));
    const TensorStats d = computeSourceStats(differenceSource(*a, i, *a, i));
    EXPECT_EQ(d.zeros, 20);
    EXPECT_EQ(d.l2, 0.0);
}

TEST(TensorStats, SourceStatisticsEqualTheFileStatistics)
{
    const auto file = openWeightFile(kDtypes);
    for (const char* name : { "f32", "f32_special", "i8_big", "bf16" }) {
        const size_t i = indexOf(*file, name);
        const TensorStats want = computeTensorStats(*file, i);
        const TensorStats got = computeSourceStats(tensorSource(*file, i));
        EXPECT_EQ(got.count, want.count) << name;
        EXPECT_EQ(got.nans, want.nans) << name;
        EXPECT_EQ(got.mean, want.mean) << name; // same chunking, same merge order: bit-identical
        EXPECT_EQ(got.std, want.std) << name;
    }
}

// Hugging Face family block graphs (analysis/ModelFamily): folders written by
// tools/make_family_reference.py with transformers' tensor names and a config.json.
namespace {

FamilyGraph familyOf(const std::string& folder)
{
    const auto file = openWeightFile(std::string(WS_TEST_DATA_DIR) + "/family/" + folder);
    EXPECT_TRUE(file->metadata().contains("config")) << folder;
    const std::optional<FamilyGraph> g = familyGraph(file->metadata()["config"], file->tensors());
    EXPECT_TRUE(g.has_value()) << folder;
    return g.value_or(FamilyGraph {});
}

std::vector<std::string> tensorNames(const std::string& folder, const FamilyBlock& b)
{
    const auto file = openWeightFile(std::string(WS_TEST_DATA_DIR) + "/family/" + folder);
    std::vector<std::string> names;
    for (int t : b.tensors)
        names.push_back(file->tensors()[size_t(t)].name);
    return names;
}

} // namespace

TEST(ModelFamily, LlamaIsEmbeddingLayersNormHead)
{
    const FamilyGraph g = familyOf("llama");
    EXPECT_EQ(g.family, "llama");
    EXPECT_EQ(g.layers, 2);
    EXPECT_TRUE(g.note.empty()) << g.note;
    // Embedding, 2 × [RMSNorm, Attention, Add, RMSNorm, MLP, Add], RMSNorm, lm_head.
    ASSERT_EQ(g.blocks.size(), 1u + 2 * 6 + 2);
    std::vector<std::string> types;
    for (const FamilyBlock& b : g.blocks)
        types.push_back(b.type);
    EXPECT_EQ(types, (std::vector<std::string> { "Embedding", "RMSNorm", "Attention", "Add", "RMSNorm", "MLP", "Add", "RMSNorm",
                         "Attention", "Add", "RMSNorm", "MLP", "Add", "RMSNorm", "Linear" }));
    EXPECT_EQ(g.blocks[0].name, "model.embed_tokens");
    const FamilyBlock& attn = g.blocks[8]; // layer 1's attention
    EXPECT_EQ(attn.name, "model.layers.1.self_attn");
    EXPECT_EQ(attn.layer, 1);
    EXPECT_EQ(tensorNames("llama", attn), (std::vector<std::string> { "model.layers.1.self_attn.q_proj.weight",
                                              "model.layers.1.self_attn.k_proj.weight", "model.layers.1.self_attn.v_proj.weight",
                                              "model.layers.1.self_attn.o_proj.weight" }));
    EXPECT_EQ(attn.params, 16 * 16 + 8 * 16 + 8 * 16 + 16 * 16);
    EXPECT_EQ(attn.detail, "4 heads, 2 KV heads, hidden 16");
    EXPECT_EQ(tensorNames("llama", g.blocks[11]).size(), 3u); // gate, up, down
    // The residuals: layer 1's first Add reads its attention and the layer's input (layer 0's
    // last Add); its second Add reads the MLP and the first Add.
    EXPECT_EQ(g.blocks[9].inputs, (std::vector<int> { 8, 6 }));
    EXPECT_EQ(g.blocks[12].inputs, (std::vector<int> { 11, 9 }));
    EXPECT_EQ(g.blocks[7].inputs, (std::vector<int> { 6 }));
    EXPECT_EQ(tensorNames("llama", g.blocks[13]), (std::vector<std::string> { "model.norm.weight" }));
    EXPECT_EQ(tensorNames("llama", g.blocks[14]), (std::vector<std::string> { "lm_head.weight" }));
    // Every tensor is in exactly one block.
    size_t held = 0;
    for (const FamilyBlock& b : g.blocks)
        held += b.tensors.size();
    EXPECT_EQ(held, 1u + 2 * 9 + 2);
}

TEST(ModelFamily, Gpt2AndBertFollowTheirOwnNames)
{
    const FamilyGraph gpt2 = familyOf("gpt2");
    ASSERT_EQ(gpt2.blocks.size(), 1u + 2 * 6 + 1); // lm_head is tied: not in the file, no box
    EXPECT_EQ(gpt2.blocks[0].name, "wte + wpe");
    EXPECT_EQ(tensorNames("gpt2", gpt2.blocks[2]),
        (std::vector<std::string> { "h.0.attn.c_attn.weight", "h.0.attn.c_attn.bias", "h.0.attn.c_proj.weight", "h.0.attn.c_proj.bias" }));
    EXPECT_EQ(gpt2.blocks.back().name, "ln_f");
    EXPECT_EQ(gpt2.blocks.back().type, "LayerNorm");

    const FamilyGraph bert = familyOf("bert");
    EXPECT_EQ(bert.layers, 2);
    // Embeddings, 2 × [Attention, Add, LayerNorm, MLP, Add, LayerNorm], pooler, MLM head.
    ASSERT_EQ(bert.blocks.size(), 1u + 2 * 6 + 2);
    EXPECT_EQ(bert.blocks[0].name, "bert.embeddings");
    EXPECT_EQ(bert.blocks[0].tensors.size(), 5u);
    EXPECT_EQ(bert.blocks[1].type, "Attention");
    EXPECT_EQ(tensorNames("bert", bert.blocks[1]).size(), 8u); // query, key, value, output.dense
    EXPECT_EQ(tensorNames("bert", bert.blocks[4]), (std::vector<std::string> { "bert.encoder.layer.0.intermediate.dense.weight",
                                                       "bert.encoder.layer.0.intermediate.dense.bias", "bert.encoder.layer.0.output.dense.weight",
                                                       "bert.encoder.layer.0.output.dense.bias" }));
    EXPECT_EQ(bert.blocks[13].type, "Pooler");
    EXPECT_EQ(bert.blocks[14].tensors.size(), 5u); // cls.predictions.*
}

TEST(ModelFamily, UnknownFamiliesAndStrayNamesAreHandled)
{
    std::vector<TensorInfo> tensors(3);
    tensors[0].name = "model.layers.999999.mlp.up_proj.weight"; // one layer, not a million
    tensors[1].name = "model.layers.x.mlp.up_proj.weight";      // not a layer number
    tensors[2].name = "model.layers.0.rotary_emb.inv_freq";     // no block of the family
    EXPECT_FALSE(familyGraph(nlohmann::json { { "model_type", "t5" } }, tensors));
    EXPECT_FALSE(familyGraph(nlohmann::json { { "model_type", 5 } }, tensors));
    EXPECT_FALSE(familyGraph(nlohmann::json::array(), tensors));
    const auto g = familyGraph(nlohmann::json { { "model_type", "mistral" }, { "num_hidden_layers", 32 } }, tensors);
    ASSERT_TRUE(g);
    EXPECT_EQ(g->layers, 2);
    EXPECT_EQ(g->blocks.size(), 2u * 6 + 1);
    EXPECT_EQ(g->blocks.back().type, "Other");
    EXPECT_EQ(g->blocks.back().tensors, (std::vector<int> { 1, 2 }));
    EXPECT_EQ(g->note, "config.json says num_hidden_layers 32, the tensor names hold 2 layers");
}
