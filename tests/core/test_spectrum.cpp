// SPDX-License-Identifier: GPL-3.0-or-later
// The spectrum (core/analysis/Spectrum.h): singular values against numpy.linalg.svd, the power-law
// fit against an independent NumPy implementation (tools/make_spectrum_reference.py writes both
// into tests/data/spectrum/), cancellation, and the inputs that have no spectrum or no fit; and the
// BLAS/LAPACK steps under it (analysis/SymmetricEigen.h) against Eigen's own arithmetic.
#include "analysis/Spectrum.h"
#include "analysis/SymmetricEigen.h"
#include "formats/WeightFormats.h"

#include <Eigen/Eigenvalues>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <numeric>
#include <vector>

using namespace ws;

namespace {

const std::string kDir = std::string(WS_TEST_DATA_DIR) + "/spectrum/";

nlohmann::json expected()
{
    std::ifstream in(kDir + "expected.json");
    return nlohmann::json::parse(in);
}

Spectrum spectrumOf(const std::string& name, ConvLayout layout = ConvLayout::OIHW)
{
    const auto file = openWeightFile(kDir + name + ".npy");
    return computeSpectrum(tensorSource(*file, 0), file->tensors().at(0).shape, layout);
}

void expectSigmaMatches(const std::string& name, const Spectrum& s)
{
    const auto want = expected()[name]["sigma"].get<std::vector<double>>();
    ASSERT_EQ(s.sigma.size(), want.size()) << name;
    // Squaring in the Gram matrix costs absolute precision near zero only: ~1e-8 of σ_max.
    for (size_t i = 0; i < want.size(); ++i)
        EXPECT_NEAR(s.sigma[i], want[i], 1e-9 * want[i] + 1e-7 * want[0]) << name << " σ" << i;
}

} // namespace

TEST(Spectrum, SingularValuesMatchNumPyForWideAndTallMatrices)
{
    for (const char* name : { "gauss_40x60", "gauss_60x40", "heavy_150x100" }) {
        const Spectrum s = spectrumOf(name);
        expectSigmaMatches(name, s);
        EXPECT_FALSE(s.reshaped);
    }
    const Spectrum wide = spectrumOf("gauss_40x60");
    EXPECT_EQ(wide.rows, 40);
    EXPECT_EQ(wide.cols, 60);
}

TEST(Spectrum, PowerLawFitMatchesTheNumPyImplementation)
{
    for (const char* name : { "gauss_40x60", "gauss_60x40", "heavy_150x100" }) {
        const nlohmann::json want = expected()[name];
        const PowerLawFit fit = spectrumOf(name).fit;
        ASSERT_TRUE(fit.valid) << name << ": " << fit.note;
        EXPECT_EQ(fit.tailCount, want["tail"].get<int64_t>()) << name;
        EXPECT_NEAR(fit.alpha, want["alpha"].get<double>(), 1e-6 * want["alpha"].get<double>()) << name;
        EXPECT_NEAR(fit.xmin, want["xmin"].get<double>(), 1e-8 * want["xmin"].get<double>()) << name;
        EXPECT_NEAR(fit.ks, want["ks"].get<double>(), 1e-6) << name;
    }
}

TEST(Spectrum, FitRecoversTheExponentOfAPowerLawSample)
{
    // Inverse-CDF samples of p(x) ∝ x^-2.5 above 1: the MLE is within a few standard errors
    // ((α − 1)/√n ≈ 0.03 for 2000 points) of 2.5, and xmin is near 1.
    std::vector<double> x;
    uint64_t state = 12345;
    for (int i = 0; i < 2000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const double u = (double(state >> 11) + 0.5) / double(uint64_t(1) << 53);
        x.push_back(std::pow(1.0 - u, -1.0 / 1.5));
    }
    const PowerLawFit fit = fitPowerLaw(x);
    ASSERT_TRUE(fit.valid);
    EXPECT_NEAR(fit.alpha, 2.5, 0.15);
    EXPECT_LT(fit.ks, 0.05);
    EXPECT_GE(fit.tailCount, 200);
}

TEST(Spectrum, ConvolutionKernelIsSeenAsOutByInTimesKernel)
{
    const Spectrum s = spectrumOf("conv_8x3x3x3");
    EXPECT_TRUE(s.reshaped);
    EXPECT_EQ(s.rows, 8);
    EXPECT_EQ(s.cols, 27);
    expectSigmaMatches("conv_8x3x3x3", s);
    EXPECT_FALSE(s.fit.valid); // 8 eigenvalues: fewer than the fit needs
    EXPECT_NE(s.fit.note.find("too few"), std::string::npos) << s.fit.note;
}

TEST(Spectrum, HwioKernelHasTheSameSingularValuesAsItsOihwTranspose)
{
    // The OIHW reference kernel transposed to HWIO (as Keras stores it) in memory.
    const auto file = openWeightFile(kDir + "conv_8x3x3x3.npy");
    std::vector<float> oihw(216), hwio(216);
    file->read(0, 0, 216, oihw.data());
    for (int o = 0; o < 8; ++o)
        for (int i = 0; i < 3; ++i)
            for (int y = 0; y < 3; ++y)
                for (int x = 0; x < 3; ++x)
                    hwio[size_t(((y * 3 + x) * 3 + i) * 8 + o)] = oihw[size_t(((o * 3 + i) * 3 + y) * 3 + x)];
    const Spectrum s = computeSpectrum(memorySource(hwio), { 3, 3, 3, 8 }, ConvLayout::HWIO);
    EXPECT_EQ(s.rows, 8);
    EXPECT_EQ(s.cols, 27);
    expectSigmaMatches("conv_8x3x3x3", s);
}

TEST(Spectrum, RankDeficientMatrixHasZeroSingularValuesAndNoFit)
{
    const Spectrum s = spectrumOf("rank5_30x20");
    expectSigmaMatches("rank5_30x20", s);
    for (size_t i = 5; i < s.sigma.size(); ++i)
        EXPECT_LT(s.sigma[i], 1e-6 * s.sigma[0]) << "σ" << i;
    EXPECT_FALSE(s.fit.valid);
    EXPECT_NE(s.fit.note.find("(5)"), std::string::npos) << s.fit.note; // five nonzero eigenvalues
}

TEST(Spectrum, OneRowHasOneSingularValue)
{
    const Spectrum s = spectrumOf("row_1x50");
    ASSERT_EQ(s.sigma.size(), 1u);
    expectSigmaMatches("row_1x50", s);
    EXPECT_FALSE(s.fit.valid);
}

TEST(Spectrum, NaNElementsAreRefusedWithAMessage)
{
    std::vector<float> v(12, 1.0f);
    v[7] = std::numeric_limits<float>::quiet_NaN();
    try {
        computeSpectrum(memorySource(v), { 3, 4 }, ConvLayout::OIHW);
        FAIL() << "NaN accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("NaN"), std::string::npos) << e.what();
    }
    v[7] = std::numeric_limits<float>::infinity();
    EXPECT_THROW(computeSpectrum(memorySource(v), { 4, 3 }, ConvLayout::OIHW), Error);
}

TEST(Spectrum, RefusesShapesWithoutAMatrixAndOversizedOnes)
{
    std::vector<float> v(24, 1.0f);
    EXPECT_THROW(computeSpectrum(memorySource(v), { 24 }, ConvLayout::OIHW), Error);
    EXPECT_THROW(computeSpectrum(memorySource(v), { 2, 3, 4 }, ConvLayout::OIHW), Error);
    EXPECT_THROW(spectrumMatrix({ 0, 5 }, ConvLayout::OIHW), Error);
    // Refused from the shape alone, before anything is read or allocated.
    try {
        spectrumMatrix({ kSpectrumMaxSide + 1, kSpectrumMaxSide + 1 }, ConvLayout::OIHW);
        FAIL() << "oversized matrix accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("at most 4096"), std::string::npos) << e.what();
    }
    EXPECT_NO_THROW(spectrumMatrix({ kSpectrumMaxSide, 1000000 }, ConvLayout::OIHW)); // one small side suffices
}

TEST(Spectrum, StopsWhenCancelledAndReportsProgress)
{
    // 300 × 5000 doubles in blocks of 2^20 elements: two blocks, so a check between them.
    std::vector<float> v(300 * 5000);
    for (size_t i = 0; i < v.size(); ++i)
        v[i] = float(std::sin(double(i)));
    int calls = 0;
    EXPECT_THROW(computeSpectrum(memorySource(v), { 300, 5000 }, ConvLayout::OIHW, [&calls] { return ++calls > 1; }), Cancelled);
    EXPECT_EQ(calls, 2); // checked before the first block, stopped before the second
    std::vector<double> fractions;
    computeSpectrum(memorySource(v), { 300, 5000 }, ConvLayout::OIHW, {}, [&fractions](double f) { fractions.push_back(f); });
    ASSERT_GE(fractions.size(), 3u);
    EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
    EXPECT_GT(fractions.front(), 0.0);
    EXPECT_EQ(fractions.back(), 1.0);
}

TEST(Spectrum, FitLeavesOutZerosAndNeedsATail)
{
    EXPECT_FALSE(fitPowerLaw({}).valid);
    EXPECT_FALSE(fitPowerLaw(std::vector<double>(20, 0.0)).valid);
    const PowerLawFit equal = fitPowerLaw(std::vector<double>(20, 3.0));
    EXPECT_FALSE(equal.valid);
    EXPECT_FALSE(equal.note.empty());
}

TEST(Spectrum, LogDensityIntegratesToOneAndTheFittedLinesMeetTheTail)
{
    std::vector<double> v;
    for (int i = 1; i <= 1000; ++i)
        v.push_back(double(i));
    const LogDensity d = logDensity(v, 20);
    ASSERT_EQ(d.centre.size(), 19u); // the second bin, [1.41, 1.995), holds no integer: left out
    // Σ density · width over the bins = 1 (bin edges are geometric around the centres).
    const double ratio = std::pow(1000.0, 1.0 / 20);
    double total = 0;
    for (size_t b = 0; b < d.centre.size(); ++b)
        total += d.density[b] * d.centre[b] * (std::sqrt(ratio) - 1 / std::sqrt(ratio));
    EXPECT_NEAR(total, 1.0, 1e-9);

    PowerLawFit fit;
    fit.valid = true;
    fit.alpha = 3;
    fit.xmin = 2;
    fit.tailCount = 50;
    EXPECT_NEAR(powerLawDensity(fit, 100, 2.0), 0.5 * 2.0 / 2.0, 1e-12);
    EXPECT_NEAR(powerLawDensity(fit, 100, 4.0), 0.5 * 2.0 / 2.0 / 8.0, 1e-12);
    EXPECT_TRUE(std::isnan(powerLawDensity(fit, 100, 1.0))); // below xmin: not drawn
    EXPECT_NEAR(powerLawRankValue(fit, 50), 2.0, 1e-12);       // the tail's smallest value is xmin
    EXPECT_NEAR(powerLawRankValue(fit, 50.0 / 4), 4.0, 1e-12); // P(X > x) ∝ x^(1−α): 4× fewer above 2·xmin
}

TEST(SymmetricEigen, GramUpdateAddsXXTransposedIntoTheLowerTriangleOnly)
{
    const Eigen::MatrixXd x = Eigen::MatrixXd::Random(7, 5), y = Eigen::MatrixXd::Random(7, 3);
    Eigen::MatrixXd g = Eigen::MatrixXd::Constant(7, 7, 42.0); // the upper triangle must stay 42
    g.triangularView<Eigen::Lower>().setZero();
    addGramLower(g, x);
    addGramLower(g, y);
    const Eigen::MatrixXd want = x * x.transpose() + y * y.transpose();
    for (int c = 0; c < 7; ++c)
        for (int r = 0; r < 7; ++r)
            EXPECT_NEAR(g(r, c), r >= c ? want(r, c) : 42.0, 1e-12) << "G(" << r << ", " << c << ")";
}

// Large enough for OpenBLAS to split the calls over threads. tests/CMakeLists.txt runs this test a
// second time under OMP_THREAD_LIMIT=1, where OpenBLAS's OpenMP flavour hung before
// SymmetricEigen kept it within the limit (the ctest timeout then fails it).
TEST(SymmetricEigen, LargeGramMatrixAndItsEigenvaluesMatchEigen)
{
    const Eigen::MatrixXd x = Eigen::MatrixXd::Random(300, 500);
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(300, 300);
    addGramLower(g, x);
    const Eigen::MatrixXd want = x * x.transpose();
    EXPECT_LT((g.triangularView<Eigen::Lower>().toDenseMatrix() - want.triangularView<Eigen::Lower>().toDenseMatrix())
                  .cwiseAbs()
                  .maxCoeff(),
        1e-9);
    const Eigen::VectorXd got = symmetricEigenvalues(g);
    const Eigen::VectorXd ref = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(want, Eigen::EigenvaluesOnly).eigenvalues();
    ASSERT_EQ(got.size(), ref.size());
    EXPECT_LT((got - ref).cwiseAbs().maxCoeff(), 1e-8 * ref.maxCoeff());
}

TEST(SymmetricEigen, EigenvaluesOfALowerTriangleMatchEigensAscending)
{
    // Q diag(d) Qᵀ with known eigenvalues, one repeated; the upper triangle holds garbage that
    // must not be read.
    const Eigen::VectorXd d = (Eigen::VectorXd(6) << 9.0, -2.0, 0.5, 3.0, 3.0, 1e-6).finished();
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(Eigen::MatrixXd::Random(6, 6));
    const Eigen::MatrixXd q = qr.householderQ();
    Eigen::MatrixXd a = q * d.asDiagonal() * q.transpose();
    a.triangularView<Eigen::StrictlyUpper>().setConstant(std::numeric_limits<double>::quiet_NaN());
    const Eigen::VectorXd got = symmetricEigenvalues(a);
    std::vector<double> want(d.data(), d.data() + d.size());
    std::sort(want.begin(), want.end());
    ASSERT_EQ(got.size(), 6);
    for (int i = 0; i < 6; ++i)
        EXPECT_NEAR(got(i), want[size_t(i)], 1e-12) << "eigenvalue " << i;
    Eigen::MatrixXd empty(0, 0);
    EXPECT_EQ(symmetricEigenvalues(empty).size(), 0);
}
