// SPDX-License-Identifier: GPL-3.0-or-later
// The model health report (core/analysis/ModelHealth.h) against NumPy on known matrices
// (tools/make_health_reference.py writes them and the expected numbers into tests/data/health/):
// a Gaussian matrix (its Marchenko–Pastur edge, no outlier), the same plus a rank-1 spike (one
// outlier, σ_max), a convolution kernel, the randomized method against exact singular values,
// and a whole file: rows, errors, the cache, cancellation and progress.
#include "analysis/ModelHealth.h"
#include "formats/WeightFormats.h"
#include "io/SafetensorsWriter.h"

#include "ResidentMemory.h"
#include "TempDir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace ws;

namespace {

const std::string kDir = std::string(WS_TEST_DATA_DIR) + "/health/";

nlohmann::json expected(const std::string& name)
{
    std::ifstream in(kDir + "expected.json");
    return nlohmann::json::parse(in).at(name);
}

HealthRow healthOf(const std::string& name, const HealthOptions& options = {})
{
    const auto file = openWeightFile(kDir + name + ".npy");
    return analyseHealth(tensorSource(*file, 0), name, file->tensors().at(0).shape, ConvLayout::OIHW, options);
}

void expectRelative(double got, double want, double tolerance, const std::string& what)
{
    EXPECT_NEAR(got, want, tolerance * std::abs(want)) << what;
}

// Everything the exact method computes, against NumPy's numbers for the same float32 values.
void expectMatchesNumPy(const std::string& name, const HealthRow& r)
{
    const nlohmann::json want = expected(name);
    EXPECT_EQ(r.method, HealthMethod::Exact) << name;
    EXPECT_EQ(r.eigenvalues, int64_t(want["sigma"].size())) << name;
    expectRelative(r.spectralNorm, want["spectral_norm"], 1e-9, name + " spectral norm");
    expectRelative(r.frobenius, want["frobenius_norm"], 1e-9, name + " Frobenius norm");
    expectRelative(r.stableRank, want["stable_rank"], 1e-8, name + " stable rank");
    ASSERT_TRUE(r.fit.valid) << name << ": " << r.fit.note;
    expectRelative(r.fit.alpha, want["alpha"], 1e-6, name + " alpha");
    EXPECT_EQ(r.fit.tailCount, want["alpha_tail"].get<int64_t>()) << name;
    expectRelative(r.mpVariance, want["mp_variance"], 1e-8, name + " MP variance");
    expectRelative(r.mpEdge, want["mp_edge"], 1e-8, name + " MP edge");
    expectRelative(r.mpSoftRank, want["mp_soft_rank"], 1e-8, name + " MP soft rank");
    EXPECT_EQ(r.outliers, want["outliers"].get<int64_t>()) << name;
    EXPECT_FALSE(r.outliersAtLeast) << name;
    EXPECT_DOUBLE_EQ(r.sparsity, want["sparsity"].get<double>()) << name;
    expectRelative(r.maxAbs, want["max_abs"], 1e-12, name + " max |w|");
}

} // namespace

TEST(ModelHealth, GaussianMatrixHasTheMarchenkoPasturEdgeOfTheoryAndNoOutlier)
{
    const HealthRow r = healthOf("gauss_200x120");
    expectMatchesNumPy("gauss_200x120", r);
    // Theory for N(0, s²) elements, s = 0.02: s² (√200 + √120)², and λ_max at that edge.
    const double s2 = 0.02 * 0.02, edge = s2 * std::pow(std::sqrt(200.0) + std::sqrt(120.0), 2);
    EXPECT_NEAR(r.mpVariance, s2, 0.02 * s2);
    EXPECT_NEAR(r.mpEdge, edge, 0.02 * edge);
    EXPECT_NEAR(r.spectralNorm * r.spectralNorm, edge, 0.03 * edge);
    EXPECT_NEAR(r.mpSoftRank, 1.0, 0.03);
    EXPECT_EQ(r.outliers, 0);
    // Stable rank of a Gaussian N × M matrix: N·M / (√N + √M)² ≈ 38 for 200 × 120.
    EXPECT_NEAR(r.stableRank, 200.0 * 120.0 / std::pow(std::sqrt(200.0) + std::sqrt(120.0), 2), 1.5);
    EXPECT_EQ(r.sparsity, 0.0);
}

TEST(ModelHealth, RankOneSpikeIsTheOneOutlierAndSetsTheSpectralNorm)
{
    const HealthRow r = healthOf("spike_200x120");
    expectMatchesNumPy("spike_200x120", r);
    EXPECT_EQ(r.outliers, 1);
    // The spike's energy is taken out of s²: the edge stays where the noise alone puts it.
    EXPECT_NEAR(r.mpVariance, healthOf("gauss_200x120").mpVariance, 0.03 * r.mpVariance);
    EXPECT_LT(r.mpSoftRank, 0.3);
}

TEST(ModelHealth, ConvKernelIsSeenAsOutByInTimesKernelWithItsZeros)
{
    const HealthRow r = healthOf("conv_16x8x3x3");
    expectMatchesNumPy("conv_16x8x3x3", r);
    EXPECT_TRUE(r.reshaped);
    EXPECT_EQ(r.rows, 16);
    EXPECT_EQ(r.cols, 72);
    EXPECT_GT(r.sparsity, 0.15);
}

TEST(ModelHealth, LargerMatrixUsesTheRandomizedMethodAndFindsTheExactTopSingularValues)
{
    HealthOptions o;
    o.exactMaxSide = 159; // the matrix's smaller side is 160
    o.topK = 32;
    o.oversample = 8;
    const HealthRow r = healthOf("wide_160x240", o);
    const nlohmann::json want = expected("wide_160x240");
    const auto sigma = want["sigma"].get<std::vector<double>>();
    EXPECT_EQ(r.method, HealthMethod::Randomized);
    EXPECT_EQ(healthMethodText(r), "randomized, top 32");
    EXPECT_EQ(r.eigenvalues, 32);
    expectRelative(r.spectralNorm, sigma[0], 1e-9, "σ_max");
    expectRelative(r.frobenius, want["frobenius_norm"], 1e-9, "Frobenius norm (read exactly)");
    expectRelative(r.stableRank, want["stable_rank"], 1e-8, "stable rank");
    ASSERT_TRUE(r.fit.valid) << r.fit.note;
    // The last few of the k converge more slowly than σ_max (their gap to the (k + p)-th is smaller).
    expectRelative(r.fit.alpha, want["alpha_top"], 1e-2, "α of the top 32");
    EXPECT_EQ(r.outliers, want["outliers"].get<int64_t>());
    // The exact method on the same matrix agrees on what both compute.
    const HealthRow exact = healthOf("wide_160x240");
    EXPECT_EQ(exact.method, HealthMethod::Exact);
    expectRelative(exact.spectralNorm, r.spectralNorm, 1e-9, "exact σ_max");
}

TEST(ModelHealth, WholeFileHasARowPerMatrixAnErrorRowAndIsCached)
{
    test::TempDir cache;
    const auto file = openWeightFile(kDir + "model.npz");
    std::vector<std::string> seen;
    double last = -1;
    bool monotone = true;
    const HealthReport first = computeHealth(*file, cache.path, {}, {}, [&](double f, const std::string&) {
        monotone = monotone && f >= last;
        last = f;
    }, [&](const HealthRow& row, size_t) { seen.push_back(row.name); });
    EXPECT_TRUE(monotone);
    EXPECT_DOUBLE_EQ(last, 1.0);
    ASSERT_EQ(first.rows.size(), 3u);
    EXPECT_EQ(seen.size(), 3u);
    EXPECT_EQ(first.otherTensors, 1); // dense.bias
    EXPECT_EQ(first.failed, 1);
    EXPECT_EQ(first.cached, 0);
    for (const HealthRow& r : first.rows) {
        if (r.name == "broken.weight")
            EXPECT_NE(r.error.find("NaN"), std::string::npos) << r.error;
        else
            EXPECT_TRUE(r.error.empty()) << r.name << ": " << r.error;
    }
    ASSERT_TRUE(std::filesystem::exists(first.cacheFile)) << first.cacheFile;

    // A second report reads the numbers from the cache: the same, marked as cached.
    const HealthReport second = computeHealth(*file, cache.path);
    EXPECT_EQ(second.cached, 2); // the failed row is computed again (its message stays current)
    for (size_t i = 0; i < second.rows.size(); ++i) {
        EXPECT_EQ(second.rows[i].name, first.rows[i].name);
        EXPECT_EQ(second.rows[i].cached, second.rows[i].error.empty()) << second.rows[i].name;
        EXPECT_EQ(healthRowJson(second.rows[i]), healthRowJson(first.rows[i])) << second.rows[i].name;
    }
    // A cache of another file (or one whose stamp changed) is not used.
    std::ifstream in(first.cacheFile);
    nlohmann::json j = nlohmann::json::parse(in);
    in.close();
    j["mtime"] = j["mtime"].get<int64_t>() + 1;
    std::ofstream(first.cacheFile) << j.dump();
    EXPECT_EQ(computeHealth(*file, cache.path).cached, 0);
    // A damaged cache is a note, not a failure.
    std::ofstream(first.cacheFile) << "{ not json";
    const HealthReport damaged = computeHealth(*file, cache.path);
    EXPECT_EQ(damaged.cached, 0);
    EXPECT_NE(damaged.cacheNote.find(first.cacheFile), std::string::npos) << damaged.cacheNote;
}

TEST(ModelHealth, CancelStopsBetweenBlocksAndKeepsWhatWasDone)
{
    test::TempDir cache;
    const auto file = openWeightFile(kDir + "model.npz");
    int rows = 0;
    EXPECT_THROW(computeHealth(*file, cache.path, {}, [&] { return rows >= 1; }, {},
                     [&](const HealthRow&, size_t) { ++rows; }),
        Cancelled);
    EXPECT_EQ(rows, 1);
    EXPECT_EQ(computeHealth(*file, cache.path).cached, 1) << "the row finished before Cancel was cached";
}

TEST(ModelHealth, JsonRoundTripsEveryField)
{
    HealthOptions o;
    o.exactMaxSide = 100;
    for (const HealthRow& r : { healthOf("spike_200x120"), healthOf("wide_160x240", o) })
        EXPECT_EQ(healthRowJson(healthRowFromJson(healthRowJson(r))), healthRowJson(r)) << r.name;
}

TEST(ModelHealth, OutliersStartFourTracyWidomScalesAboveTheEdge)
{
    // s² = 1 (‖W‖_F² = N·M): λ+ = (√N + √M)², one Tracy–Widom scale (√N + √M)(1/√N + 1/√M)^(1/3).
    const double n = 200, m = 120, a = std::sqrt(n) + std::sqrt(m);
    const double edge = a * a, scale = a * std::cbrt(1 / std::sqrt(n) + 1 / std::sqrt(m));
    for (const auto& [scales, want] : { std::pair { 2.0, 0 }, std::pair { 6.0, 1 } }) {
        HealthRow row;
        row.rows = 200;
        row.cols = 120;
        fitMarchenkoPastur(row, { edge + scales * scale, 0.5 * edge, 0.1 * edge }, n * m, false);
        EXPECT_EQ(row.outliers, want) << "λ_max " << scales << " scales above the edge";
        EXPECT_NEAR(row.mpSoftRank, row.mpEdge / (edge + scales * scale), 1e-12);
    }
}

#if defined(__linux__)
// #18 item 5: the report's memory is bounded by the matrix in hand. Each matrix's mapped pages
// are given back once it is analysed; they counted in the resident memory until the end before.
TEST(ModelHealthFile, GivesBackEachMatrixsMappedPages)
{
    test::TempDir dir;
    std::vector<std::pair<std::string, Tensor>> tensors;
    for (int t = 0; t < 4; ++t) { // 4 × (256 × 4096) float32: 16 MiB
        Tensor w({ 256, 4096 });
        for (int64_t i = 0; i < w.size(); ++i)
            w.data()[i] = float(((i * 2654435761u + uint64_t(t)) >> 7) % 2001) / 1000.0f - 1.0f;
        tensors.emplace_back("layer" + std::to_string(t) + ".weight", std::move(w));
    }
    writeSafetensors(dir.file("m.safetensors"), tensors);
    tensors.clear();
    const auto file = openWeightFile(dir.file("m.safetensors"));
    const long before = test::residentFileKb();
    ASSERT_GE(before, 0);
    const HealthReport report = computeHealth(*file, "");
    const long after = test::residentFileKb();
    ASSERT_EQ(report.rows.size(), 4u);
    for (const HealthRow& r : report.rows)
        EXPECT_TRUE(r.error.empty()) << r.name << ": " << r.error;
    // Without the release: about 16,384 kB more.
    EXPECT_LT(after - before, 4 * 1024) << "kB of mapped pages kept after a 16 MiB report";
}
#endif
