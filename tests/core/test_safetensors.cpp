// SPDX-License-Identifier: GPL-3.0-or-later
// Safetensors reading and writing, and tensor statistics. Reference files in
// tests/data/safetensors were written by tools/make_safetensors_reference.py with torch (BF16,
// F16) and NumPy (the rest); expected.json holds their values and NumPy float64 statistics.
// Hostile files are written by the tests themselves into a temporary folder.
#include "analysis/TensorStats.h"
#include "formats/WeightFormats.h"
#include "io/SafetensorsReader.h"
#include "io/SafetensorsWriter.h"
#include "util/Error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace ws;

namespace {

const std::string kDir = std::string(WS_TEST_DATA_DIR) + "/safetensors";

nlohmann::json expected()
{
    std::ifstream in(kDir + "/expected.json");
    return nlohmann::json::parse(in);
}

double decode(const nlohmann::json& v)
{
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (s == "nan")
            return std::numeric_limits<double>::quiet_NaN();
        return s == "inf" ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    }
    return v.get<double>();
}

void expectRelative(double got, double want, const std::string& what)
{
    if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(got)) << what << ": got " << got << ", want NaN";
        return;
    }
    const double tol = 1e-9 * std::max(std::abs(want), 1e-300);
    EXPECT_NEAR(got, want, tol) << what;
}

void expectStats(const TensorStats& s, const nlohmann::json& want, const std::string& name)
{
    EXPECT_EQ(s.count, want.at("count").get<int64_t>()) << name;
    EXPECT_EQ(s.finite, want.at("finite").get<int64_t>()) << name;
    EXPECT_EQ(s.nans, want.at("nans").get<int64_t>()) << name;
    EXPECT_EQ(s.infs, want.at("infs").get<int64_t>()) << name;
    EXPECT_EQ(s.zeros, want.at("zeros").get<int64_t>()) << name;
    expectRelative(s.l2, want.at("l2").get<double>(), name + " l2");
    if (!want.contains("mean")) {
        EXPECT_TRUE(std::isnan(s.mean)) << name << ": no finite values, mean should be NaN";
        return;
    }
    expectRelative(s.min, want.at("min").get<double>(), name + " min");
    expectRelative(s.max, want.at("max").get<double>(), name + " max");
    expectRelative(s.mean, want.at("mean").get<double>(), name + " mean");
    expectRelative(s.std, want.at("std").get<double>(), name + " std");
}

// Compares every tensor of `file` with the expectations, in order.
void expectTensors(const WeightFile& file, const nlohmann::json& want)
{
    ASSERT_EQ(file.tensors().size(), want.size()) << file.path();
    for (size_t i = 0; i < want.size(); ++i) {
        const TensorInfo& info = file.tensors()[i];
        const nlohmann::json& w = want[i];
        const std::string name = w.at("name").get<std::string>();
        ASSERT_EQ(info.name, name) << "tensor " << i;
        EXPECT_EQ(dtypeName(info.dtype), w.at("dtype").get<std::string>()) << name;
        EXPECT_EQ(info.shape, w.at("shape").get<Shape>()) << name;
        EXPECT_EQ(info.nbytes, uint64_t(info.numel()) * dtypeSize(info.dtype)) << name;
        std::vector<float> got(size_t(info.numel()));
        file.read(i, 0, info.numel(), got.data());
        const nlohmann::json& values = w.contains("values") ? w.at("values") : w.at("first_values");
        for (size_t k = 0; k < values.size(); ++k) {
            const double v = decode(values[k]);
            if (std::isnan(v))
                EXPECT_TRUE(std::isnan(got[k])) << name << "[" << k << "]";
            else
                EXPECT_EQ(got[k], float(v)) << name << "[" << k << "]";
        }
        expectStats(computeTensorStats(file, i), w.at("stats"), name);
    }
}

// A temporary folder per test, removed afterwards.
class SafetensorsHostile : public ::testing::Test {
protected:
    void SetUp() override
    {
        dir = fs::temp_directory_path()
            / ("ws_safetensors_" + std::to_string(::getpid()) + "_"
                + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }

    // Writes an 8-byte length (the header's own unless `claimed` is given), the header and
    // `dataBytes` bytes of data.
    std::string write(const std::string& name, const std::string& header, size_t dataBytes,
        std::optional<uint64_t> claimed = std::nullopt)
    {
        const std::string path = (dir / name).string();
        std::ofstream out(path, std::ios::binary);
        const uint64_t n = claimed ? *claimed : header.size();
        for (int i = 0; i < 8; ++i)
            out.put(char(uint8_t(n >> (8 * i))));
        out << header << std::string(dataBytes, '\0');
        return path;
    }

    // Opening must fail with a FormatError whose message names the file and contains `part`.
    void expectRejected(const std::string& path, const std::string& part)
    {
        try {
            SafetensorsFile f(path);
            ADD_FAILURE() << path << " was accepted; expected an error mentioning '" << part << "'";
        } catch (const FormatError& e) {
            const std::string msg = e.what();
            EXPECT_NE(msg.find(path), std::string::npos) << "message does not name the file: " << msg;
            EXPECT_NE(msg.find(part), std::string::npos) << "message lacks '" << part << "': " << msg;
        }
    }

    fs::path dir;
};

} // namespace

TEST(SafetensorsReader, ReadsEveryDtypeAsTorchAndNumpyWroteIt)
{
    const auto want = expected().at("dtypes.safetensors");
    SafetensorsFile file(kDir + "/dtypes.safetensors");
    EXPECT_EQ(file.format(), "safetensors");
    expectTensors(file, want.at("tensors"));
}

TEST(SafetensorsReader, KeepsHeaderMetadata)
{
    const auto want = expected().at("dtypes.safetensors");
    SafetensorsFile file(kDir + "/dtypes.safetensors");
    EXPECT_EQ(file.metadata().at("__metadata__"), want.at("metadata"));
}

TEST(SafetensorsReader, ReadsChunksInsideATensor)
{
    SafetensorsFile file(kDir + "/dtypes.safetensors");
    const size_t i = size_t(&file.tensor("bf16") - file.tensors().data());
    std::vector<float> all(20), part(7);
    file.read(i, 0, 20, all.data());
    file.read(i, 5, 7, part.data());
    for (size_t k = 0; k < 7; ++k)
        EXPECT_EQ(part[k], all[5 + k]) << "element " << 5 + k;
    EXPECT_THROW(file.read(i, 15, 6, part.data()), Error);
    EXPECT_THROW(file.read(i, -1, 1, part.data()), Error);
}

TEST(SafetensorsReader, OpensShardedFolderInIndexOrderWithConfig)
{
    const auto want = expected().at("sharded");
    for (const std::string& path : { kDir + "/sharded", kDir + "/sharded/model.safetensors.index.json" }) {
        auto file = openWeightFile(path);
        EXPECT_EQ(file->format(), "safetensors (sharded)") << path;
        expectTensors(*file, want.at("tensors"));
        EXPECT_EQ(file->metadata().at("config"), want.at("config")) << path;
        EXPECT_EQ(file->metadata().at("shards").size(), 2u) << path;
        EXPECT_TRUE(file->metadata().at("index").contains("total_size")) << path;
        EXPECT_EQ(file->metadata().at("__metadata__").at("format"), "pt") << path;
    }
}

TEST(SafetensorsReader, OpenWeightFileRecognisesContentWithoutTheExtension)
{
    const fs::path copy = fs::temp_directory_path() / ("ws_st_noext_" + std::to_string(::getpid()));
    fs::copy_file(kDir + "/dtypes.safetensors", copy, fs::copy_options::overwrite_existing);
    auto file = openWeightFile(copy.string());
    EXPECT_EQ(file->format(), "safetensors");
    fs::remove(copy);
}

TEST(TensorStats, SameBitsWithOneOrTwoThreads)
{
    SafetensorsFile file(kDir + "/dtypes.safetensors");
    const size_t i = size_t(&file.tensor("i8_big") - file.tensors().data());
    const TensorStats a = computeTensorStats(file, i, 1), b = computeTensorStats(file, i, 2);
    EXPECT_EQ(std::memcmp(&a, &b, sizeof a), 0) << "mean " << a.mean << " vs " << b.mean;
}

TEST(TensorStats, ManyChunksAgreeWithAPlainLongDoubleLoop)
{
    std::mt19937 rng(7);
    std::normal_distribution<float> normal(3.0f, 0.5f); // a mean far from zero tests the merge
    const int64_t n = 5 * kStatsChunk + 123;
    std::vector<float> x(static_cast<size_t>(n));
    for (auto& v : x)
        v = normal(rng);
    x[100] = 0.0f;
    x[70000] = std::numeric_limits<float>::quiet_NaN();
    x[200000] = -std::numeric_limits<float>::infinity();
    long double sum = 0, sq = 0;
    for (float v : x)
        if (std::isfinite(v))
            sum += v, sq += (long double)v * v;
    const long double mean = sum / (n - 2);
    long double m2 = 0;
    for (float v : x)
        if (std::isfinite(v))
            m2 += (v - mean) * (v - mean);
    const TensorStats s = computeStats(x.data(), n);
    EXPECT_EQ(s.count, n);
    EXPECT_EQ(s.nans, 1);
    EXPECT_EQ(s.infs, 1);
    EXPECT_EQ(s.zeros, 1);
    expectRelative(s.mean, double(mean), "mean");
    expectRelative(s.std, double(std::sqrt(m2 / (n - 2))), "std");
    expectRelative(s.l2, double(std::sqrt(sq)), "l2");
}

TEST(SafetensorsWriter, RoundTripsThroughTheReader)
{
    const std::string path = (fs::temp_directory_path() / ("ws_st_write_" + std::to_string(::getpid()) + ".safetensors")).string();
    Tensor a({ 2, 3 }), b({ 5 });
    for (int64_t k = 0; k < a.size(); ++k)
        a[k] = float(k) * 0.5f - 1.0f;
    for (int64_t k = 0; k < b.size(); ++k)
        b[k] = float(k * k);
    writeSafetensors(path, { { "dense_1.kernel", a }, { "dense_1.bias", b } }, { { "producer", "weightscope" } });
    SafetensorsFile file(path);
    ASSERT_EQ(file.tensors().size(), 2u);
    EXPECT_EQ(file.tensors()[0].name, "dense_1.kernel");
    EXPECT_EQ(file.readTensor(0), a);
    EXPECT_EQ(file.readTensor(1), b);
    EXPECT_EQ(file.metadata().at("__metadata__").at("producer"), "weightscope");
    EXPECT_THROW(writeSafetensors(path, { { "x", a }, { "x", b } }), Error);
    fs::remove(path);
}

TEST_F(SafetensorsHostile, RejectsAFileShorterThanTheHeaderLength)
{
    const std::string path = (dir / "short.safetensors").string();
    std::ofstream(path) << "abc";
    expectRejected(path, "too short");
}

TEST_F(SafetensorsHostile, RejectsHeaderLengthPastEndOfFile)
{
    expectRejected(write("past.safetensors", "{}", 0, 4000), "past the end");
}

TEST_F(SafetensorsHostile, RejectsAHugeClaimedHeader)
{
    expectRejected(write("huge.safetensors", "{}", 0, uint64_t(1) << 40), "limit");
}

TEST_F(SafetensorsHostile, RejectsInvalidJson)
{
    expectRejected(write("json.safetensors", R"({"a": {"dtype": "F32",, })", 0), "invalid JSON at byte");
}

TEST_F(SafetensorsHostile, RejectsAnUnknownDtype)
{
    expectRejected(write("dtype.safetensors", R"({"w":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}})", 16),
        "tensor 'w': unknown dtype 'F128'");
}

TEST_F(SafetensorsHostile, RejectsShapeThatDisagreesWithDataOffsets)
{
    expectRejected(write("mismatch.safetensors", R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}})", 20),
        "needs 24 bytes");
}

TEST_F(SafetensorsHostile, RejectsShapeProductOverflow)
{
    expectRejected(write("overflow.safetensors",
                       R"({"w":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,4]}})", 4),
        "tensor 'w'");
}

TEST_F(SafetensorsHostile, RejectsNegativeAndNonIntegerDimensions)
{
    expectRejected(write("neg.safetensors", R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", 4),
        "negative");
    expectRejected(write("float.safetensors", R"({"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})", 4),
        "not an integer");
    expectRejected(write("shape.safetensors", R"({"w":{"dtype":"F32","shape":4,"data_offsets":[0,16]}})", 16),
        "not an array");
}

TEST_F(SafetensorsHostile, RejectsOffsetsPastEndOfFile)
{
    expectRejected(write("outside.safetensors", R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", 8),
        "past the end of the file");
}

TEST_F(SafetensorsHostile, RejectsOverlappingTensors)
{
    expectRejected(write("overlap.safetensors",
                       R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                       R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                       12),
        "overlaps tensor 'a'");
}

TEST_F(SafetensorsHostile, RejectsHolesAndBeginAfterEnd)
{
    expectRejected(write("hole.safetensors",
                       R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                       R"("b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})",
                       12),
        "belong to no tensor");
    expectRejected(write("reverse.safetensors", R"({"a":{"dtype":"U8","shape":[0],"data_offsets":[4,0]}})", 4),
        "is after end");
}

TEST_F(SafetensorsHostile, RejectsDuplicateTensorNames)
{
    expectRejected(write("dup.safetensors",
                       R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                       R"("a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                       8),
        "key 'a' appears twice");
}

TEST_F(SafetensorsHostile, RejectsDeepNesting)
{
    expectRejected(write("deep.safetensors", "{\"a\":" + std::string(1000, '[') + std::string(1000, ']') + "}", 0),
        "nested deeper");
}

TEST_F(SafetensorsHostile, RejectsAnIndexThatDisagreesWithItsShards)
{
    const std::string shard = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})";
    write("s1.safetensors", shard, 4);
    auto index = [&](const std::string& text) {
        const std::string path = (dir / "model.safetensors.index.json").string();
        std::ofstream(path) << text;
        return path;
    };
    expectRejected(index(R"({"weight_map":{"a":"s1.safetensors","b":"s1.safetensors"}})"), "does not hold it");
    expectRejected(index(R"({"weight_map":{}})"), "empty");
    try {
        SafetensorsFile f(index(R"({"weight_map":{"z":"s1.safetensors"}})"));
        ADD_FAILURE() << "an index that misses tensor 'a' was accepted";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("does not hold it"), std::string::npos) << e.what();
    }
    expectRejected(index(R"({"weight_map":{"a":"../s1.safetensors"}})"), "not a plain name");
    write("s2.safetensors", R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                            R"("c":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", 8);
    expectRejected(index(R"({"weight_map":{"a":"s2.safetensors"}})"), "does not map to this shard");
}

TEST_F(SafetensorsHostile, EveryTruncationIsRejected)
{
    std::ifstream in(kDir + "/dtypes.safetensors", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string path = (dir / "cut.safetensors").string();
    for (size_t len = 0; len < bytes.size(); len += len < 16 ? 1 : len < 2600 ? 7 : 997) {
        std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(len));
        try {
            SafetensorsFile f(path);
            ADD_FAILURE() << "a copy cut to " << len << " bytes was accepted";
        } catch (const FormatError& e) {
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        }
    }
}

// Random damage to the header: the file either opens, and then every tensor reads, or it is
// refused with a FormatError; never a crash (run this under the address sanitizer).
TEST_F(SafetensorsHostile, RandomHeaderDamageIsRefusedOrHarmless)
{
    std::ifstream in(kDir + "/dtypes.safetensors", std::ios::binary);
    const std::string original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    uint64_t headerLen = 0;
    for (int i = 7; i >= 0; --i)
        headerLen = (headerLen << 8) | uint8_t(original[size_t(i)]);
    const std::string path = (dir / "damaged.safetensors").string();
    std::mt19937 rng(12);
    std::uniform_int_distribution<size_t> where(0, size_t(headerLen) + 7);
    const std::string alphabet = "0123456789[]{},:\"-.eE FIUBx";
    std::uniform_int_distribution<size_t> what(0, alphabet.size() - 1);
    int opened = 0;
    for (int trial = 0; trial < 600; ++trial) {
        std::string bytes = original;
        for (int k = 0; k < 1 + trial % 3; ++k)
            bytes[where(rng)] = alphabet[what(rng)];
        std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
        try {
            SafetensorsFile f(path);
            ++opened;
            std::vector<float> buffer;
            for (size_t i = 0; i < f.tensors().size(); ++i) {
                buffer.resize(size_t(f.tensors()[i].numel()));
                f.read(i, 0, f.tensors()[i].numel(), buffer.data());
            }
        } catch (const FormatError& e) {
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << "trial " << trial << ": " << e.what();
        }
    }
    RecordProperty("opened", opened);
    EXPECT_GT(opened, 0) << "no damage was harmless: the test damages too much to be useful";
}
