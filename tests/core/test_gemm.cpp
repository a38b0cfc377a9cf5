// SPDX-License-Identifier: GPL-3.0-or-later
// ws::gemm against a plain double-precision product, for every transpose combination, with
// and without accumulation. ctest runs this three times: with the CPU's own variant, with
// WS_GEMM=avx2 and with WS_GEMM=baseline, so every code path is checked on a machine with AVX-512.
#include "tensor/Gemm.h"
#include "util/Threads.h"
#include "util/Rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ws;

namespace {

std::vector<float> randomVector(size_t n, uint64_t seed)
{
    std::vector<float> v(n);
    Rng rng(seed);
    for (auto& x : v)
        x = float(rng.uniform(-1, 1));
    return v;
}

// The largest difference between gemm() and a double-precision product, every transpose and
// both with and without accumulation checked against `1e-4 sqrt(k)`.
void expectMatchesPlainProduct(int64_t m, int64_t n, int64_t k)
{
    for (int transA = 0; transA < 2; ++transA) {
        for (int transB = 0; transB < 2; ++transB) {
            for (int accumulate = 0; accumulate < 2; ++accumulate) {
                const auto A = randomVector(size_t(m * k), 1), B = randomVector(size_t(k * n), 2);
                auto C = randomVector(size_t(m * n), 3);
                const auto C0 = C;
                gemm(transA, transB, m, n, k, A.data(), B.data(), C.data(), accumulate);
                double worst = 0;
                for (int64_t i = 0; i < m; ++i) {
                    for (int64_t j = 0; j < n; ++j) {
                        double want = accumulate ? C0[size_t(i * n + j)] : 0.0;
                        for (int64_t p = 0; p < k; ++p)
                            want += double(A[size_t(transA ? p * m + i : i * k + p)])
                                * double(B[size_t(transB ? j * k + p : p * n + j)]);
                        worst = std::max(worst, std::abs(want - C[size_t(i * n + j)]));
                    }
                }
                EXPECT_LT(worst, 1e-4 * std::sqrt(double(k)))
                    << "m " << m << " n " << n << " k " << k << " transA " << transA << " transB " << transB
                    << " accumulate " << accumulate;
            }
        }
    }
}

} // namespace

TEST(Gemm, MatchesAPlainProductForEveryLayout)
{
    std::printf("gemm variant: %s\n", gemmVariant());
    if (const char* force = std::getenv("WS_GEMM")) {
        const std::string want = force;
        if (want == "baseline")
            EXPECT_STREQ(gemmVariant(), "baseline");
        else // "avx2", unless the CPU has no AVX2 at all
            EXPECT_TRUE(std::string(gemmVariant()) == "avx2+fma" || std::string(gemmVariant()) == "baseline")
                << "WS_GEMM=" << force << " gave " << gemmVariant();
    }
    const int64_t shapes[][3] = { { 1, 1, 1 }, { 7, 5, 3 }, { 64, 256, 784 }, { 33, 17, 129 }, { 97, 50, 300 } };
    for (const auto& s : shapes)
        expectMatchesPlainProduct(s[0], s[1], s[2]);
}

// The edges of the blocked product (tensor/GemmPacked.h): rows left over from its 6-row blocks,
// a last vector of C written through a mask (10 outputs, as the models' last layer), k of 1 and
// 2, more rows than one block of A (768), more k than one block of B (128 and 256, and 512 for a
// single panel), more columns than one block of B (512), and the 8 x 8 transposes of B with
// columns and k left over; and a transposed A too big for the level-2 cache, which is packed
// (1000 x 600 floats: its last panel holds 4 rows, and k is left over from the pack's steps of 16).
TEST(Gemm, MatchesAPlainProductAtTheBlockEdges)
{
    const int64_t shapes[][3] = { { 13, 10, 700 }, { 5, 3, 1 }, { 50, 64, 2 }, { 800, 70, 140 }, { 11, 2100, 9 },
        { 6, 80, 530 }, { 19, 31, 17 }, { 1000, 20, 600 } };
    for (const auto& s : shapes)
        expectMatchesPlainProduct(s[0], s[1], s[2]);
}

// With two threads gemm splits the rows of C (many rows) or its columns (few rows), and stays on
// one thread inside a parallel region of the caller (Conv2D's parts).
TEST(Gemm, MatchesAPlainProductOnTwoThreads)
{
    setThreadCount(2);
    const int64_t shapes[][3] = { { 301, 70, 130 }, { 20, 520, 260 } };
    for (const auto& s : shapes)
        expectMatchesPlainProduct(s[0], s[1], s[2]);
    const int64_t m = 200, n = 90, k = 150;
    const auto A = randomVector(size_t(m * k), 4), B = randomVector(size_t(k * n), 5);
    std::vector<float> want(size_t(m * n)), got[2];
    gemm(false, false, m, n, k, A.data(), B.data(), want.data(), false);
#pragma omp parallel for num_threads(2)
    for (int part = 0; part < 2; ++part) {
        got[part].resize(size_t(m * n));
        gemm(false, false, m, n, k, A.data(), B.data(), got[part].data(), false);
    }
    setThreadCount(1);
    for (int part = 0; part < 2; ++part)
        EXPECT_EQ(got[part], want) << "product " << part << " in a parallel region";
}

// The threads' split must not change a bit: two threads split an MLP's products by columns
// (64 x 784 by 784 x 256: each packs only its half of the weights) or by rows (784 x 64 by
// 64 x 256), and a column split whose halves are one panel wide must keep the whole product's
// block of k (64 x 800 by 800 x 128), since C is rounded at the end of each block. The baseline
// variant (CPUs without AVX2) is Eigen's product, whose blocks follow the thread count: the same
// bits for the same count only, which is all the engine promises.
TEST(Gemm, GivesTheSameBitsOnOneAndTwoThreads)
{
    if (std::string(gemmVariant()) == "baseline")
        GTEST_SKIP() << "Eigen's product blocks by thread count";
    const int64_t shapes[][3] = { { 64, 256, 784 }, { 64, 128, 800 }, { 784, 256, 64 }, { 64, 784, 256 },
        { 40, 1000, 600 }, { 300, 200, 700 } };
    for (const auto& s : shapes) {
        const int64_t m = s[0], n = s[1], k = s[2];
        for (int transA = 0; transA < 2; ++transA) {
            for (int transB = 0; transB < 2; ++transB) {
                const auto A = randomVector(size_t(m * k), 6), B = randomVector(size_t(k * n), 7);
                std::vector<float> one(size_t(m * n)), two(size_t(m * n));
                setThreadCount(1);
                gemm(transA, transB, m, n, k, A.data(), B.data(), one.data(), false);
                setThreadCount(2);
                gemm(transA, transB, m, n, k, A.data(), B.data(), two.data(), false);
                setThreadCount(1);
                EXPECT_EQ(one, two) << "m " << m << " n " << n << " k " << k << " transA " << transA << " transB "
                                    << transB;
            }
        }
    }
}

// gemm()'s bias is added by each thread to its own part of C: the bits of the product followed
// by a pass of its own (what Dense did before), with and without accumulation, on one thread (a
// product too small to split, and one that would split) and on two, split by columns (an MLP's
// forward, 64 x 784 by 784 x 256) or by rows (300 x 200), and inside a parallel region, where a
// product runs on its thread alone and so matches the one-thread product (the baseline
// variant, Eigen's, blocks by thread count).
TEST(Gemm, BiasGivesTheBitsOfAPassAfterTheProduct)
{
    const int64_t shapes[][3] = { { 64, 256, 784 }, { 300, 200, 700 }, { 5, 10, 7 } };
    for (const auto& s : shapes) {
        const int64_t m = s[0], n = s[1], k = s[2];
        const auto A = randomVector(size_t(m * k), 8), B = randomVector(size_t(k * n), 9);
        const auto bias = randomVector(size_t(n), 10), C0 = randomVector(size_t(m * n), 11);
        for (int accumulate = 0; accumulate < 2; ++accumulate) {
            for (int threads = 1; threads <= 2; ++threads) {
                setThreadCount(threads);
                auto want = C0, got = C0;
                gemm(false, false, m, n, k, A.data(), B.data(), want.data(), accumulate);
                for (int64_t i = 0; i < m; ++i)
                    for (int64_t j = 0; j < n; ++j)
                        want[size_t(i * n + j)] += bias[size_t(j)];
                gemm(false, false, m, n, k, A.data(), B.data(), got.data(), accumulate, bias.data());
                setThreadCount(1);
                EXPECT_EQ(got, want) << "m " << m << " n " << n << " k " << k << " accumulate " << accumulate
                                     << " threads " << threads;
                if (threads == 1) {
                    std::vector<float> inRegion = C0;
#pragma omp parallel num_threads(2)
                    {
#pragma omp single
                        gemm(false, false, m, n, k, A.data(), B.data(), inRegion.data(), accumulate, bias.data());
                    }
                    EXPECT_EQ(inRegion, want) << "in a parallel region, m " << m << " accumulate " << accumulate;
                }
            }
        }
    }
}

// A packed op(B) gives the bits gemm() gives, for every transpose, with and without
// accumulation, on one thread and on two (which split the rows, or the columns of a wide B from
// a panel boundary of the packing), at the block edges of k (the blocks follow transA) and of n
// (more than one block of 512 columns); and so does one that kept only the pointer (copy =
// false), packed over one that had copied (its copy is no longer used).
TEST(Gemm, PackedBGivesTheBitsOfAPlainCall)
{
    const int64_t shapes[][3] = { { 13, 10, 700 }, { 300, 70, 530 }, { 20, 1100, 260 }, { 196, 800, 64 },
        { 5, 3, 1 } };
    for (int threads = 1; threads <= 2; ++threads) {
        setThreadCount(threads);
        for (const auto& s : shapes) {
            const int64_t m = s[0], n = s[1], k = s[2];
            for (int transA = 0; transA < 2; ++transA) {
                for (int transB = 0; transB < 2; ++transB) {
                    const auto A = randomVector(size_t(m * k), 8), B = randomVector(size_t(k * n), 9);
                    GemmPackedB packed;
                    for (int copy = 1; copy >= 0; --copy) {
                        // What a copy would hold if it were used after the pointer was taken.
                        const auto other = randomVector(size_t(k * n), 12);
                        packed.pack(transA, transB, k, n, copy ? B.data() : other.data(), true);
                        packed.pack(transA, transB, k, n, B.data(), copy);
                        for (int accumulate = 0; accumulate < 2; ++accumulate) {
                            auto want = randomVector(size_t(m * n), 10);
                            auto got = want;
                            gemm(transA, transB, m, n, k, A.data(), B.data(), want.data(), accumulate);
                            gemm(transA, m, A.data(), packed, got.data(), accumulate);
                            EXPECT_EQ(got, want) << "m " << m << " n " << n << " k " << k << " transA " << transA
                                                 << " transB " << transB << " accumulate " << accumulate
                                                 << " threads " << threads << " copy " << copy;
                        }
                    }
                }
            }
        }
    }
    setThreadCount(1);
    GemmPackedB packed;
    const auto B = randomVector(12, 11);
    packed.pack(false, false, 3, 4, B.data());
    std::vector<float> A(6), C(8);
    EXPECT_THROW(gemm(true, 2, A.data(), packed, C.data(), false), std::logic_error);
}
