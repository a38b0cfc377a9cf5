// SPDX-License-Identifier: GPL-3.0-or-later
// numbersFit/valueChecked (util/JsonNumbers.h): a number from a file is checked before nlohmann
// casts it. Stop 32's CI: fuzz_playground_session gave a seed of 1e+34, which get<uint64_t>()
// turned into undefined behaviour.
#include "data/DatasetSource.h"
#include "train/Trainer.h"
#include "util/Error.h"
#include "util/JsonNumbers.h"

#include <gtest/gtest.h>

using namespace ws;
using json = nlohmann::json;

TEST(JsonNumbers, IntegersMustBeWholeAndInTheTargetsRange)
{
    EXPECT_TRUE(numbersFit<int>(json(7)));
    EXPECT_TRUE(numbersFit<int>(json(-7)));
    EXPECT_FALSE(numbersFit<int>(json(7.5)));
    EXPECT_FALSE(numbersFit<int>(json(1e34)));
    EXPECT_FALSE(numbersFit<int>(json(int64_t(1) << 40)));
    EXPECT_FALSE(numbersFit<unsigned>(json(-1)));
    EXPECT_TRUE(numbersFit<uint64_t>(json::parse("18446744073709551615")));
    EXPECT_FALSE(numbersFit<int64_t>(json::parse("18446744073709551615")));
    EXPECT_TRUE(numbersFit<int64_t>(json(std::numeric_limits<int64_t>::min())));
    EXPECT_FALSE(numbersFit<uint64_t>(json::parse("1e34")));
    // Arrays are searched through; other values are left for get<T>() to refuse.
    EXPECT_TRUE(numbersFit<std::vector<int64_t>>(json::parse("[1, 2, 3]")));
    EXPECT_FALSE(numbersFit<std::vector<int64_t>>(json::parse("[1, 2.4e125, 3]")));
    EXPECT_FALSE(numbersFit<std::vector<std::vector<int>>>(json::parse("[[1], [2, -3000000000]]")));
    EXPECT_TRUE(numbersFit<int>(json("seven")));
    EXPECT_TRUE(numbersFit<float>(json(1e300)));
    EXPECT_TRUE(numbersFit<bool>(json(2.5)));
}

TEST(JsonNumbers, ValueCheckedThrowsNamingTheKeyInsteadOfCasting)
{
    const json j = json::parse(R"({"epochs": 1e34, "seed": -1, "rate": 1e34, "batch": 32})");
    EXPECT_EQ(valueChecked(j, "batch", 0), 32);
    EXPECT_EQ(valueChecked(j, "missing", 5), 5);
    EXPECT_FLOAT_EQ(valueChecked(j, "rate", 0.0), 1e34);
    try {
        (void)valueChecked(j, "epochs", 0);
        FAIL() << "1e34 epochs were read";
    } catch (const json::out_of_range& e) {
        EXPECT_NE(std::string(e.what()).find("'epochs' is out of range: 1e+34"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)valueChecked(j, "seed", uint64_t(0)), json::out_of_range);
}

TEST(JsonNumbers, ConfigsFromFilesRefuseNumbersTheirFieldsCannotHold)
{
    EXPECT_EQ(TrainConfig::fromJson(json::parse(R"({"epochs": 3, "seed": 9})")).seed, 9u);
    for (const char* text : { R"({"epochs": 1e34})", R"({"seed": -1})", R"({"batch_size": 2.5})", R"({"threads": 1099511627776})" }) {
        try {
            (void)TrainConfig::fromJson(json::parse(text));
            ADD_FAILURE() << text << " was accepted";
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find("out of range"), std::string::npos) << e.what();
        }
    }
    EXPECT_THROW((void)DatasetSource::fromJson(json::parse(R"({"name": "circle", "samples": 1e34})")), ConfigError);
}
