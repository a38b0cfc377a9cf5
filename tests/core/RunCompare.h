// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing run records in tests: the run files of a folder, and two runs' histories, weights
// and final evaluations bit for bit (NaN equals NaN, -0 differs from 0).
#pragma once

#include "run/RunRecord.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace ws::test {

inline std::vector<std::string> runFiles(const std::string& dir)
{
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".h5")
            out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Bit-for-bit, so NaN equals NaN and -0 differs from 0.
inline bool sameBits(const std::vector<double>& a, const std::vector<double>& b)
{
    // (memcmp may not be given the null data() of an empty vector, even for 0 bytes: UBSan)
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

inline void expectIdenticalRuns(const std::string& a, const std::string& b)
{
    for (HistoryKind kind : { HistoryKind::Batch, HistoryKind::Epoch }) {
        const RunHistory x = readRunHistory(a, kind), y = readRunHistory(b, kind);
        ASSERT_GT(x.size(), 0u);
        EXPECT_EQ(x.step, y.step);
        EXPECT_TRUE(sameBits(x.epoch, y.epoch));
        EXPECT_TRUE(sameBits(x.loss, y.loss)) << a << " vs " << b;
        EXPECT_TRUE(sameBits(x.accuracy, y.accuracy));
        EXPECT_TRUE(sameBits(x.valLoss, y.valLoss));
        EXPECT_TRUE(sameBits(x.valAccuracy, y.valAccuracy));
        EXPECT_TRUE(sameBits(x.learningRate, y.learningRate));
    }
    Sequential p = loadRunWeights(a), q = loadRunWeights(b);
    ASSERT_EQ(p.size(), q.size());
    for (size_t i = 0; i < p.size(); ++i) {
        const auto pp = p.layer(i).params(), qq = q.layer(i).params();
        ASSERT_EQ(pp.size(), qq.size());
        for (size_t k = 0; k < pp.size(); ++k)
            EXPECT_EQ(std::memcmp(pp[k]->value.data(), qq[k]->value.data(), size_t(pp[k]->value.size()) * sizeof(float)), 0)
                << "layer " << p.layer(i).name() << " " << pp[k]->name;
    }
    const RunInfo ia = readRunInfo(a), ib = readRunInfo(b);
    EXPECT_EQ(ia.header.dataset["sha256"], ib.header.dataset["sha256"]);
    EXPECT_EQ(ia.final, ib.final);
}


} // namespace ws::test
