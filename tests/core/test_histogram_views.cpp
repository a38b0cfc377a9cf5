// SPDX-License-Identifier: GPL-3.0-or-later
// The Runs dock's Distributions and Histograms views (#19): TensorBoard's nine distribution
// values per step and the histograms on one common grid, from histograms written by Keras's
// TensorBoard callback (../shared/data/tensorboard), PyTorch's HistogramProto and TF2's (k, 3)
// tensor, against the numbers tools/make_histogram_reference.py computes with NumPy from the same
// buckets decoded with Python's protobuf runtime.
#include "run/HistogramViews.h"
#include "run/TensorBoardEvents.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace ws;

namespace {

const std::string kTb = std::string(WS_TEST_DATA_DIR) + "/tensorboard";

nlohmann::json reference()
{
    std::ifstream in(kTb + "/histogram_reference.json");
    return nlohmann::json::parse(in);
}

// Relative and absolute: the values are float32 weights around 1e-2 and counts up to 1e4.
void expectClose(double got, double want, const std::string& where)
{
    EXPECT_NEAR(got, want, 1e-12 + 1e-9 * std::abs(want)) << where;
}

// Every tag the reference lists for this run: the reader's buckets, the distribution and the
// rebinned counts.
void expectRunMatches(const std::string& folder, const nlohmann::json& run, const std::string& name)
{
    const TensorBoardData d = readTensorBoardData(folder);
    const int bins = reference()["bins"].get<int>();
    ASSERT_FALSE(run.empty()) << name;
    for (const auto& [tag, want] : run.items()) {
        ASSERT_TRUE(d.histograms.count(tag)) << name << ": " << tag;
        const HistogramSeries& h = d.histograms.at(tag);
        const std::string where = name + ": " + tag;
        ASSERT_EQ(h.step, want["steps"].get<std::vector<int64_t>>()) << where;
        for (size_t s = 0; s < h.size(); ++s) {
            const auto triples = want["buckets"][s];
            ASSERT_EQ(h.buckets[s].size(), 3 * triples.size()) << where << " step " << h.step[s];
            for (size_t k = 0; k < triples.size(); ++k)
                for (size_t c = 0; c < 3; ++c)
                    expectClose(h.buckets[s][3 * k + c], triples[k][c].get<double>(), where + " bucket");
        }
        const DistributionSeries dist = histogramDistribution(h);
        ASSERT_EQ(dist.step, h.step) << where;
        for (size_t s = 0; s < h.size(); ++s)
            for (size_t p = 0; p < 9; ++p)
                expectClose(dist.value[s][p], want["distribution"][s][p].get<double>(),
                    where + " step " + std::to_string(h.step[s]) + " basis point " + std::to_string(kDistributionBasisPoints[p]));
        const RebinnedHistograms grid = rebinHistograms(h, bins);
        ASSERT_EQ(grid.edges.size(), size_t(bins) + 1) << where;
        for (size_t e = 0; e < grid.edges.size(); ++e)
            expectClose(grid.edges[e], want["edges"][e].get<double>(), where + " edge " + std::to_string(e));
        ASSERT_EQ(grid.count.size(), h.size()) << where;
        for (size_t s = 0; s < h.size(); ++s) {
            double total = 0, wantTotal = 0;
            for (size_t b = 0; b < size_t(bins); ++b) {
                expectClose(grid.count[s][b], want["counts"][s][b].get<double>(),
                    where + " step " + std::to_string(h.step[s]) + " bin " + std::to_string(b));
                total += grid.count[s][b];
            }
            for (size_t k = 0; k < want["buckets"][s].size(); ++k)
                wantTotal += want["buckets"][s][k][2].get<double>();
            EXPECT_NEAR(total, wantTotal, 1e-9 * wantTotal) << where << ": the grid keeps every count";
        }
    }
}

} // namespace

TEST(HistogramViews, KerasWeightHistogramsMatchNumPy)
{
    const std::string folder = WS_SHARED_DATA_DIR "/tensorboard/keras-tutorial/logs/mod1-reuters-1690485395/train";
    if (!std::filesystem::is_directory(folder))
        GTEST_SKIP() << folder << " is missing: the real Keras logs are not here";
    const nlohmann::json ref = reference();
    const nlohmann::json& run = ref["runs"]["keras"];
    ASSERT_EQ(run.size(), 2u);
    expectRunMatches(folder, run, "keras");
}

TEST(HistogramViews, SummaryWriterHistogramProtoMatchesNumPy)
{
    expectRunMatches(kTb + "/writer/pt", reference()["runs"]["pt"], "pt");
}

TEST(HistogramViews, Tf2HistogramTensorMatchesNumPy)
{
    expectRunMatches(kTb + "/writer/tf2", reference()["runs"]["tf2"], "tf2");
}

// TensorBoard's corner cases: empty buckets inside (no interpolation across them), empty buckets
// first (the minimum is the left end), all values equal, no count at all.
TEST(HistogramViews, CornerCasesFollowTensorBoardsCompressor)
{
    const nlohmann::json ref = reference();
    ASSERT_EQ(ref["cases"].size(), 4u);
    for (const auto& [name, c] : ref["cases"].items()) {
        std::vector<double> flat;
        for (const auto& t : c["buckets"])
            for (const auto& v : t)
                flat.push_back(v.get<double>());
        const DistributionPoint got = compressHistogram(flat);
        for (size_t p = 0; p < 9; ++p)
            expectClose(got[p], c["distribution"][p].get<double>(), name + " basis point " + std::to_string(p));
    }
    // By hand: two equal buckets [0, 1) and [1, 2): the median is 1, 15.87 % is 0.3174.
    const DistributionPoint two = compressHistogram({ 0, 1, 5, 1, 2, 5 });
    EXPECT_DOUBLE_EQ(two[4], 1.0);
    EXPECT_NEAR(two[2], 0.3174, 1e-12);
    EXPECT_EQ(compressHistogram({}), DistributionPoint {});
    EXPECT_TRUE(std::isnan(compressHistogram({ 0, 1 })[0])) << "a length that is not a multiple of 3";
    EXPECT_TRUE(std::isnan(compressHistogram({ 0, NAN, 1 })[4]));
}

TEST(HistogramViews, RebinningSpreadsByOverlapAndKeepsZeroWidthBuckets)
{
    HistogramSeries h;
    h.step = { 1, 2 };
    h.wallTime = { 0, 0 };
    h.buckets = { { 0, 4, 8 }, { 1, 1, 3, 3, 3, 0 } }; // one wide bucket; a zero-width one and an empty one
    const RebinnedHistograms g = rebinHistograms(h, 4);
    EXPECT_EQ(g.edges, (std::vector<double> { 0, 1, 2, 3, 4 }));
    EXPECT_EQ(g.count[0], (std::vector<double> { 2, 2, 2, 2 }));
    EXPECT_EQ(g.count[1], (std::vector<double> { 0, 3, 0, 0 })); // 1 lies on the edge of bins 0 and 1: the right one
    HistogramSeries none;
    none.step = { 0 };
    none.wallTime = { 0 };
    none.buckets = { { 0, 1, 0 } };
    EXPECT_TRUE(rebinHistograms(none, 30).edges.empty());
}
