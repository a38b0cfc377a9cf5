// SPDX-License-Identifier: GPL-3.0-or-later
// Hyper-parameter importance (#19): Spearman's ρ and one-way ANOVA η² per setting, against the
// values NumPy computes from the same numbers (tools/make_importance_reference.py).
#include "run/Importance.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using namespace ws;

namespace {

nlohmann::json reference()
{
    std::ifstream in(WS_TEST_DATA_DIR "/importance/reference.json");
    return nlohmann::json::parse(in);
}

} // namespace

TEST(Importance, AverageRanksAndSpearmanMatchNumPyWithTies)
{
    const nlohmann::json ref = reference();
    const auto x = ref["x_ties"].get<std::vector<double>>();
    const auto y = ref["y_ties"].get<std::vector<double>>();
    EXPECT_EQ(averageRanks(x), ref["ranks_ties"].get<std::vector<double>>());
    EXPECT_NEAR(spearman(x, y), ref["spearman_ties"].get<double>(), 1e-12);
    EXPECT_TRUE(std::isnan(spearman({ 1, 1, 1 }, { 1, 2, 3 }))); // a constant setting
    EXPECT_TRUE(std::isnan(etaSquared({ "a", "b" }, { 2, 2 })));  // a constant metric
}

TEST(Importance, SweepRankedByVarianceExplainedAsNumPyComputesIt)
{
    const nlohmann::json ref = reference();
    std::vector<RunInfo> runs;
    int index = 0;
    for (const auto& r : ref["runs"]) {
        RunInfo info;
        info.header.name = "run" + std::to_string(index);
        info.header.config = { { "train", { { "seed", r["seed"] }, { "batch_size", 10 + index },
                                              { "optimizer", { { "type", r["optimizer"] }, { "learning_rate", r["lr"] } } } } } };
        info.final = { { "accuracy", r["accuracy"] }, { "loss", 0.1 } };
        runs.push_back(info);
        ++index;
    }
    const std::vector<ParameterImportance> ranked = parameterImportance(parameterTable(runs), "final.accuracy");
    ASSERT_GE(ranked.size(), size_t(4));
    const auto find = [&](const std::string& key) -> const ParameterImportance& {
        for (const auto& p : ranked)
            if (p.key == key)
                return p;
        throw std::runtime_error("no " + key);
    };
    const ParameterImportance& lr = find("train.optimizer.learning_rate");
    const ParameterImportance& optimizer = find("train.optimizer.type");
    const ParameterImportance& seed = find("train.seed");
    const ParameterImportance& batch = find("train.batch_size");
    EXPECT_EQ(ranked[0].key, "train.optimizer.learning_rate");
    EXPECT_EQ(lr.runs, size_t(24));
    EXPECT_EQ(lr.levels, size_t(4));
    EXPECT_NEAR(lr.etaSquared, ref["eta_lr"].get<double>(), 1e-12);
    EXPECT_NEAR(lr.spearman, ref["spearman_lr"].get<double>(), 1e-12);
    EXPECT_NEAR(optimizer.etaSquared, ref["eta_optimizer"].get<double>(), 1e-12);
    EXPECT_TRUE(std::isnan(optimizer.spearman)); // text: no ranks
    EXPECT_NEAR(seed.etaSquared, ref["eta_seed"].get<double>(), 1e-12);
    EXPECT_NEAR(seed.spearman, ref["spearman_seed"].get<double>(), 1e-12);
    // A value per run: no groups to compare, ranked by ρ² instead.
    EXPECT_EQ(batch.levels, size_t(24));
    EXPECT_TRUE(std::isnan(batch.etaSquared));
    EXPECT_NEAR(batch.score, batch.spearman * batch.spearman, 1e-15);
    for (size_t i = 1; i < ranked.size(); ++i)
        EXPECT_GE(ranked[i - 1].score, ranked[i].score);
    EXPECT_GT(lr.score, optimizer.score);
    EXPECT_GT(optimizer.score, seed.score);
    // Outcomes are not settings; an unknown metric ranks nothing.
    for (const auto& p : ranked)
        EXPECT_NE(p.key.rfind("final.", 0), size_t(0)) << p.key;
    EXPECT_TRUE(parameterImportance(parameterTable(runs), "final.nothing").empty());
}

// #19 item 4, the scatter matrix: one point per run at (setting, outcome); learning rates that
// span decades on a log axis, text settings as sorted categories; runs without the outcome left out.
TEST(Importance, ScatterPutsEachRunAtItsSettingAndOutcome)
{
    std::vector<RunInfo> runs;
    const std::vector<double> lrs = { 0.1, 0.001, 0.01, 0.0003 };
    const std::vector<std::string> optimizers = { "sgd", "adam", "sgd", "rmsprop" };
    for (size_t i = 0; i < lrs.size(); ++i) {
        RunInfo info;
        info.header.name = "run" + std::to_string(i);
        info.header.config = { { "train", { { "optimizer", { { "type", optimizers[i] }, { "learning_rate", lrs[i] } } } } } };
        info.final = { { "accuracy", 0.5 + 0.1 * double(i) } };
        runs.push_back(info);
    }
    RunInfo noOutcome = runs[0];
    noOutcome.final = nlohmann::json::object();
    runs.push_back(noOutcome);
    const ParameterTable table = parameterTable(runs);

    const SettingScatter lr = settingScatter(table, "train.optimizer.learning_rate", "final.accuracy");
    EXPECT_EQ(lr.runs, (std::vector<size_t> { 0, 1, 2, 3 }));
    EXPECT_EQ(lr.x, lrs);
    EXPECT_EQ(lr.y, (std::vector<double> { 0.5, 0.6, 0.7, 0.8 }));
    EXPECT_TRUE(lr.categories.empty());
    EXPECT_TRUE(lr.logX) << "0.0003 to 0.1 spans more than two decades";

    const SettingScatter opt = settingScatter(table, "train.optimizer.type", "final.accuracy");
    EXPECT_EQ(opt.categories, (std::vector<std::string> { "adam", "rmsprop", "sgd" }));
    EXPECT_EQ(opt.x, (std::vector<double> { 2, 0, 2, 1 }));
    EXPECT_FALSE(opt.logX);

    EXPECT_TRUE(settingScatter(table, "no.such.key", "final.accuracy").runs.empty());
}
