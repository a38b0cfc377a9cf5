// SPDX-License-Identifier: GPL-3.0-or-later
// The quantization lens (#18 item 3): the error per quantization block and the original vs
// dequantised 2-D histogram of the pairs in tests/data/compare/, against the numbers NumPy
// computed from the same files (tools/make_quant_lens_reference.py → lens_expected.json).
#include "analysis/PairScatter.h"
#include "analysis/QuantBlockError.h"
#include "analysis/TensorMatch.h"
#include "formats/WeightFormats.h"
#include "util/Error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using namespace ws;

namespace {

const std::string kDir = std::string(WS_TEST_DATA_DIR) + "/compare/";

// Read once; a reference, so that a loop over one of its arrays never outlives it.
const nlohmann::json& expected()
{
    static const nlohmann::json numbers = nlohmann::json::parse(std::ifstream(kDir + "lens_expected.json"));
    return numbers;
}

struct Pair {
    std::shared_ptr<WeightFile> a, b;
    DiffRow row;
};

// The row of `a` against `b` whose A or B name is `name`, as the Compare dock pairs them.
Pair pairOf(const std::string& a, const std::string& b, const std::string& name)
{
    Pair p { openWeightFile(kDir + a), openWeightFile(kDir + b), {} };
    for (const DiffRow& r : matchTensors(*p.a, *p.b))
        if (r.name == name || r.nameB == name)
            p.row = r;
    EXPECT_GE(p.row.indexA, 0) << name << " not paired in " << a << " / " << b;
    return p;
}

void expectCells(const std::vector<float>& got, const nlohmann::json& want, const std::string& what)
{
    ASSERT_EQ(got.size(), want.size()) << what;
    for (size_t i = 0; i < got.size(); ++i)
        EXPECT_NEAR(got[i], want[i].get<double>(), 1e-6 * want[i].get<double>()) << what << " cell " << i;
}

} // namespace

TEST(QuantBlockError, EveryBlockMatchesNumPyOnTheComparePairs)
{
    ASSERT_EQ(expected()["block_errors"].size(), 6u);
    for (const auto& c : expected()["block_errors"]) {
        const std::string what = c["a"].get<std::string>() + " vs " + c["b"].get<std::string>() + " "
            + c["tensor"].get<std::string>() + " pooled to " + c["max_rows"].dump() + "×" + c["max_cols"].dump();
        const Pair p = pairOf(c["a"], c["b"], c["tensor"]);
        const BlockErrorMap m = blockErrors(*p.a, *p.b, p.row, c["max_rows"], c["max_cols"]);
        EXPECT_EQ(m.side.type, c["type"].get<std::string>()) << what;
        EXPECT_EQ(m.side.inB, c["b"].get<std::string>().ends_with(".gguf")) << what;
        EXPECT_EQ(m.rows, c["rows"].get<int64_t>()) << what;
        EXPECT_EQ(m.blocksPerRow, c["blocks_per_row"].get<int64_t>()) << what;
        EXPECT_EQ(m.poolRows, c["pool_rows"].get<int64_t>()) << what;
        EXPECT_EQ(m.poolCols, c["pool_cols"].get<int64_t>()) << what;
        EXPECT_EQ(m.cellRows * m.cellCols, int64_t(c["relative"].size())) << what;
        expectCells(m.relative, c["relative"], what + " relative L2");
        expectCells(m.rms, c["rms"], what + " RMS");
        EXPECT_EQ(m.worstRow, c["worst_row"].get<int64_t>()) << what;
        EXPECT_EQ(m.worstBlock, c["worst_block"].get<int64_t>()) << what;
        EXPECT_NEAR(m.worstRelative, c["worst_relative"].get<double>(), 1e-9) << what;
        EXPECT_EQ(m.skipped, 0) << what;
    }
}

TEST(QuantBlockError, IsTheSameMapWhicheverSideTheQuantisedFileIsOn)
{
    const Pair forward = pairOf("llama_hf.safetensors", "llama_q8_0.gguf", "blk.0.attn_k.weight");
    const Pair backward = pairOf("llama_q8_0.gguf", "llama_hf.safetensors", "blk.0.attn_k.weight");
    const BlockErrorMap f = blockErrors(*forward.a, *forward.b, forward.row);
    const BlockErrorMap b = blockErrors(*backward.a, *backward.b, backward.row);
    ASSERT_TRUE(f.side.inB);
    ASSERT_FALSE(b.side.inB);
    EXPECT_EQ(f.relative, b.relative);
    EXPECT_EQ(f.worstRow, b.worstRow);
}

TEST(QuantBlockError, RefusesAPairWithNoQuantisedSide)
{
    const Pair p = pairOf("llama_hf.safetensors", "llama_q8_0.gguf", "blk.0.attn_norm.weight"); // F32 in the GGUF
    EXPECT_FALSE(quantizedSide(*p.a, *p.b, p.row).has_value());
    EXPECT_THROW(blockErrors(*p.a, *p.b, p.row), Error);
}

TEST(PairScatter, HistogramMatchesNumPyOnTheComparePairs)
{
    ASSERT_EQ(expected()["scatters"].size(), 3u); // the last with the range trimmed to the central 98 %
    for (const auto& s : expected()["scatters"]) {
        const std::string what = s["a"].get<std::string>() + " vs " + s["b"].get<std::string>() + " " + s["tensor"].get<std::string>();
        const Pair p = pairOf(s["a"], s["b"], s["tensor"]);
        const ScatterHistogram h = pairScatter(*p.a, *p.b, p.row, s["bins"], s["tail"]);
        EXPECT_EQ(h.originalIsB, s["original_is_b"].get<bool>()) << what;
        EXPECT_DOUBLE_EQ(h.lo, s["lo"].get<double>()) << what;
        EXPECT_DOUBLE_EQ(h.hi, s["hi"].get<double>()) << what;
        EXPECT_EQ(h.points, s["points"].get<uint64_t>()) << what;
        EXPECT_EQ(h.skipped, 0u) << what;
        EXPECT_EQ(h.outside, s["outside"].get<uint64_t>()) << what;
        ASSERT_EQ(h.counts.size(), s["counts"].size()) << what;
        for (size_t i = 0; i < h.counts.size(); ++i)
            EXPECT_EQ(h.counts[i], s["counts"][i].get<uint64_t>()) << what << " bin (y " << i / size_t(h.bins) << ", x "
                                                                 << i % size_t(h.bins) << ")";
    }
}

TEST(PairScatter, BinsTheEdgesAndLeavesOutWhatIsNotFinite)
{
    ScatterBinner binner(-1, 1, 4);
    const float nan = std::nanf("");
    const float x[] = { -1, 1, 0, 0.49f, nan, 0.5f, 2 };
    const float y[] = { -1, 1, 0, -0.51f, 0, INFINITY, 0 };
    binner.add(x, y, 7);
    const ScatterHistogram& h = binner.result();
    EXPECT_EQ(h.points, 4u);
    EXPECT_EQ(h.skipped, 2u); // NaN, Inf
    EXPECT_EQ(h.outside, 1u); // 2 is outside [-1, 1]
    EXPECT_EQ(h.count(0, 0), 1u); // (-1, -1): the first bin
    EXPECT_EQ(h.count(3, 3), 1u); // (1, 1): hi goes to the last bin
    EXPECT_EQ(h.count(2, 2), 1u); // (0, 0)
    EXPECT_EQ(h.count(2, 0), 1u); // (0.49, -0.51): x bin floor(2.98), y bin floor(0.98)
}

TEST(PairScatter, ConstantTensorsGetAWidenedRange)
{
    ScatterBinner binner(0.25, 0.25, 8);
    const float v[] = { 0.25f, 0.25f };
    binner.add(v, v, 2);
    EXPECT_LT(binner.result().lo, 0.25);
    EXPECT_GT(binner.result().hi, 0.25);
    EXPECT_EQ(binner.result().points, 2u);
}
