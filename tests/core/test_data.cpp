// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset readers and generators: IDX (real Fashion-MNIST and files written here, good and bad),
// CSV, TensorFlow Playground's 2-D datasets and normalisation.
#include "TempDir.h"

#include "data/Csv.h"
#include "data/Idx.h"
#include "data/Normalize.h"
#include "data/Playground.h"
#include "data/PlaygroundPoints.h"
#include "util/Error.h"
#include "util/Rng.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <numeric>
#include <unistd.h>

using namespace ws;
using ws::test::TempDir;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<unsigned char>;

void put32(Bytes& b, uint32_t v)
{
    for (int s = 24; s >= 0; s -= 8)
        b.push_back(static_cast<unsigned char>(v >> s));
}

Bytes idxHeader(uint8_t type, const std::vector<uint32_t>& dims)
{
    Bytes b { 0, 0, type, static_cast<unsigned char>(dims.size()) };
    for (uint32_t d : dims)
        put32(b, d);
    return b;
}

Bytes idx(uint8_t type, const std::vector<uint32_t>& dims, const Bytes& payload)
{
    Bytes b = idxHeader(type, dims);
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

std::string writeRaw(const std::string& path, const Bytes& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    return path;
}

std::string writeGz(const std::string& path, const Bytes& bytes)
{
    gzFile f = gzopen(path.c_str(), "wb");
    EXPECT_NE(f, nullptr) << path;
    EXPECT_EQ(gzwrite(f, bytes.data(), unsigned(bytes.size())), int(bytes.size())) << path;
    gzclose(f);
    return path;
}

std::string writeText(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

// Runs f, expecting a FormatError whose message names `file` (and holds `fragment`).
template <class F> void expectFormatError(F f, const std::string& file, const std::string& fragment = {})
{
    try {
        f();
        ADD_FAILURE() << "no FormatError for " << file;
    } catch (const FormatError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(file), std::string::npos) << "message does not name the file: " << what;
        EXPECT_NE(what.find(fragment), std::string::npos) << "message lacks '" << fragment << "': " << what;
    }
}

bool haveFashionMnist()
{
    return fs::exists(defaultFashionMnistFolder() + "/train-images-idx3-ubyte.gz");
}

} // namespace

// ---------------------------------------------------------------------------------------------
// IDX

TEST(FashionMnist, TrainSplitHas60000ImagesWithKnownFirstLabel)
{
    if (!haveFashionMnist())
        GTEST_SKIP() << "dataset-fashion-mnist is not installed";
    const Dataset d = loadFashionMnist("train");
    ASSERT_EQ(d.x.shape(), (Shape { 60000, 28, 28, 1 }));
    ASSERT_EQ(d.labels.size(), 60000u);
    EXPECT_EQ(d.numClasses, 10);
    EXPECT_EQ(d.classNames.size(), 10u);
    EXPECT_NO_THROW(d.validate());
    // Read with python's gzip module: the first training label is 9 (Ankle boot), the next
    // ones 0, 0, 3, and the first image's pixels sum to 76247.
    EXPECT_EQ(d.labels[0], 9);
    EXPECT_EQ(d.classNames[size_t(d.labels[0])], "Ankle boot");
    EXPECT_EQ(d.labels[1], 0);
    EXPECT_EQ(d.labels[3], 3);
    double sum = 0;
    for (int i = 0; i < 784; ++i)
        sum += d.x[i];
    EXPECT_NEAR(sum, 76247.0 / 255.0, 1e-3);
    const auto [lo, hi] = std::minmax_element(d.x.data(), d.x.data() + d.x.size());
    EXPECT_EQ(*lo, 0.0f);
    EXPECT_EQ(*hi, 1.0f);
    const auto [lmin, lmax] = std::minmax_element(d.labels.begin(), d.labels.end());
    EXPECT_EQ(*lmin, 0);
    EXPECT_EQ(*lmax, 9);
}

TEST(FashionMnist, TestSplitHas1000ImagesPerClass)
{
    if (!haveFashionMnist())
        GTEST_SKIP() << "dataset-fashion-mnist is not installed";
    const Dataset d = loadFashionMnist("test");
    ASSERT_EQ(d.x.shape(), (Shape { 10000, 28, 28, 1 }));
    EXPECT_EQ(d.labels[0], 9);
    EXPECT_EQ(d.labels[1], 2);
    std::vector<int> counts(10, 0);
    for (int32_t l : d.labels)
        ++counts[size_t(l)];
    for (int c = 0; c < 10; ++c)
        EXPECT_EQ(counts[size_t(c)], 1000) << "class " << c;
}

TEST(FashionMnist, RejectsUnknownSplit)
{
    EXPECT_THROW(loadFashionMnist("validation"), ConfigError);
}

TEST(IdxReader, RoundTripsEveryTypeRawAndGzipped)
{
    TempDir dir;
    struct Case {
        uint8_t type;
        Bytes payload;
        std::vector<float> want;
    };
    Bytes floats;
    put32(floats, std::bit_cast<uint32_t>(1.5f));
    put32(floats, std::bit_cast<uint32_t>(-2.25f));
    Bytes doubles;
    for (double v : { 0.125, -3.0 }) {
        const auto u = std::bit_cast<uint64_t>(v);
        put32(doubles, uint32_t(u >> 32));
        put32(doubles, uint32_t(u));
    }
    const std::vector<Case> cases {
        { 0x08, { 0, 255 }, { 0, 255 } },
        { 0x09, { 0x7f, 0x80 }, { 127, -128 } },
        { 0x0B, { 0x01, 0x02, 0xff, 0xfe }, { 258, -2 } },
        { 0x0C, { 0x00, 0x01, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff }, { 65536, -1 } },
        { 0x0D, floats, { 1.5f, -2.25f } },
        { 0x0E, doubles, { 0.125f, -3.0f } },
    };
    for (const Case& c : cases) {
        const Bytes file = idx(c.type, { 2 }, c.payload);
        const std::string name = std::string("type").append(std::to_string(c.type));
        for (const std::string& path : { writeRaw(dir.file(name), file), writeGz(dir.file(name + ".gz"), file) }) {
            const IdxArray a = readIdx(path);
            EXPECT_EQ(a.typeCode, c.type) << path;
            EXPECT_EQ(a.shape, (Shape { 2 })) << path;
            EXPECT_EQ(a.values, c.want) << path;
        }
    }
}

TEST(IdxReader, ReadsMultiDimensionalShapeInRowMajorOrder)
{
    TempDir dir;
    Bytes payload(24);
    std::iota(payload.begin(), payload.end(), 0);
    const IdxArray a = readIdx(writeGz(dir.file("a.gz"), idx(0x08, { 2, 3, 4 }, payload)));
    EXPECT_EQ(a.shape, (Shape { 2, 3, 4 }));
    ASSERT_EQ(a.values.size(), 24u);
    for (size_t i = 0; i < 24; ++i)
        EXPECT_EQ(a.values[i], float(i)) << "element " << i;
}

TEST(IdxDataset, ScalesPixelsAndAddsChannelAxis)
{
    TempDir dir;
    const Bytes pixels { 0, 51, 102, 255, 255, 0, 0, 0, 1, 2, 3, 4 };
    const auto images = writeGz(dir.file("img.gz"), idx(0x08, { 3, 2, 2 }, pixels));
    const auto labels = writeRaw(dir.file("lab"), idx(0x08, { 3 }, { 2, 0, 1 }));
    const Dataset d = readIdxDataset(images, labels, 3);
    EXPECT_EQ(d.x.shape(), (Shape { 3, 2, 2, 1 }));
    EXPECT_EQ(d.labels, (std::vector<int32_t> { 2, 0, 1 }));
    EXPECT_EQ(d.numClasses, 3);
    EXPECT_FLOAT_EQ(d.x[1], 0.2f);
    EXPECT_FLOAT_EQ(d.x[3], 1.0f);
}

// #16: a Keras model built for (28, 28) evaluated on Fashion-MNIST's (28, 28, 1).
TEST(Dataset, SamplesDifferingOnlyByUnitAxesAreReshapedToTheModelInput)
{
    EXPECT_TRUE(sameUpToUnitAxes({ 28, 28, 1 }, { 28, 28 }));
    EXPECT_TRUE(sameUpToUnitAxes({ 1, 784 }, { 784, 1 }));
    EXPECT_FALSE(sameUpToUnitAxes({ 28, 28, 1 }, { 784 })) << "the same count, not the same axes";
    EXPECT_FALSE(sameUpToUnitAxes({ 2, 3 }, { 3, 2 }));

    Dataset d;
    d.x = Tensor({ 2, 3, 2, 1 });
    for (int64_t i = 0; i < d.x.size(); ++i)
        d.x[i] = float(i);
    EXPECT_FALSE(fitSamplesToModelInput(d, { 3, 2, 1 })) << "equal shapes need nothing";
    EXPECT_TRUE(fitSamplesToModelInput(d, { 3, 2 }));
    EXPECT_EQ(d.x.shape(), (Shape { 2, 3, 2 }));
    EXPECT_EQ(d.x[7], 7.0f) << "the values stay in their order";
    try {
        fitSamplesToModelInput(d, { 6 });
        ADD_FAILURE() << "(3, 2) samples fitted to a (6,) model";
    } catch (const ShapeError& e) {
        EXPECT_NE(std::string(e.what()).find("inputs of shape (6,) but the dataset's samples have shape (3, 2)"),
            std::string::npos)
            << e.what();
    }
}

TEST(IdxReader, RejectsTruncatedData)
{
    TempDir dir;
    const auto raw = writeRaw(dir.file("trunc"), idx(0x08, { 10 }, Bytes(7, 1)));
    expectFormatError([&] { readIdx(raw); }, raw, "ends at byte 15");
    const auto header = writeRaw(dir.file("header"), Bytes { 0, 0, 8, 2, 0, 0 });
    expectFormatError([&] { readIdx(header); }, header, "dimension 0");
    const auto gz = writeGz(dir.file("trunc.gz"), idx(0x08, { 10 }, Bytes(7, 1)));
    expectFormatError([&] { readIdx(gz); }, gz, "ends at byte 15");
}

TEST(IdxReader, RejectsWrongMagic)
{
    TempDir dir;
    const auto path = writeRaw(dir.file("magic"), Bytes { 'P', 'K', 3, 4, 0, 0, 0, 0 });
    expectFormatError([&] { readIdx(path); }, path, "magic");
    const auto type = writeRaw(dir.file("type"), idx(0x0A, { 1 }, { 0 }));
    expectFormatError([&] { readIdx(type); }, type, "type 0x0a");
    const auto rank0 = writeRaw(dir.file("rank0"), Bytes { 0, 0, 8, 0 });
    expectFormatError([&] { readIdx(rank0); }, rank0, "rank 0");
}

TEST(IdxReader, RejectsDimensionProductPastEndOfFile)
{
    TempDir dir;
    const auto path = writeRaw(dir.file("big"), idx(0x0C, { 1000, 1000 }, Bytes(16, 0)));
    expectFormatError([&] { readIdx(path); }, path, "needs 4000012 bytes");
    const auto overflow = writeRaw(dir.file("overflow"), idx(0x0E, { 0xffffffffu, 0xffffffffu, 0xffffffffu }, {}));
    expectFormatError([&] { readIdx(overflow); }, overflow, "overflow");
    const auto trailing = writeRaw(dir.file("trailing"), idx(0x08, { 2 }, Bytes(5, 0)));
    expectFormatError([&] { readIdx(trailing); }, trailing, "unexpected data at byte 10");
}

TEST(IdxReader, RejectsGzipWhoseHeaderLies)
{
    TempDir dir;
    // Claims more than it inflates to.
    const auto more = writeGz(dir.file("more.gz"), idx(0x08, { 100, 100 }, Bytes(500, 7)));
    expectFormatError([&] { readIdx(more); }, more, "of the inflated stream");
    // Claims less: the rest must not be silently ignored.
    const auto less = writeGz(dir.file("less.gz"), idx(0x08, { 10 }, Bytes(50, 7)));
    expectFormatError([&] { readIdx(less); }, less, "unexpected data at byte 18");
    // Claims ~280 TB from a tiny file: refused before anything is allocated.
    const auto absurd = writeGz(dir.file("absurd.gz"), idx(0x08, { 65535, 65535, 65535 }, Bytes(64, 0)));
    expectFormatError([&] { readIdx(absurd); }, absurd, "plausibly");
    // A compressed stream cut short.
    const Bytes whole = idx(0x08, { 4000 }, [] {
        Bytes b(4000);
        for (size_t i = 0; i < b.size(); ++i)
            b[i] = static_cast<unsigned char>((i * 7919u) >> 3);
        return b;
    }());
    const auto full = writeGz(dir.file("full.gz"), whole);
    std::ifstream in(full, std::ios::binary);
    Bytes compressed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    compressed.resize(compressed.size() / 2);
    const auto cut = writeRaw(dir.file("cut.gz"), compressed);
    expectFormatError([&] { readIdx(cut); }, cut);
}

TEST(IdxDataset, RejectsLabelImageCountMismatch)
{
    TempDir dir;
    const auto images = writeRaw(dir.file("img"), idx(0x08, { 3, 2, 2 }, Bytes(12, 0)));
    const auto labels = writeRaw(dir.file("lab"), idx(0x08, { 2 }, { 0, 1 }));
    expectFormatError([&] { readIdxDataset(images, labels, 10); }, labels, "2 labels");
    const auto flat = writeRaw(dir.file("flat"), idx(0x08, { 3, 4 }, Bytes(12, 0)));
    expectFormatError([&] { readIdxDataset(flat, labels, 10); }, flat, "rank 3");
}

TEST(IdxDataset, RejectsLabelOutOfRange)
{
    TempDir dir;
    const auto images = writeRaw(dir.file("img"), idx(0x08, { 3, 2, 2 }, Bytes(12, 0)));
    const auto labels = writeGz(dir.file("lab.gz"), idx(0x08, { 3 }, { 0, 10, 1 }));
    expectFormatError([&] { readIdxDataset(images, labels, 10); }, labels, "label 10 of sample 1 at byte 9");
}

TEST(IdxReader, ReportsMissingFile)
{
    expectFormatError([] { readIdx("/nonexistent/ws/file-idx1-ubyte"); }, "/nonexistent/ws/file-idx1-ubyte");
}

// ---------------------------------------------------------------------------------------------
// CSV

TEST(CsvReader, DetectsHeaderAndUsesLastColumnAsLabel)
{
    TempDir dir;
    const auto path = writeText(dir.file("iris.csv"),
        "sepal,petal,species\n1.5,2,setosa\n\n3,4e-1,versicolor\r\n5,6,setosa\n");
    const Dataset d = readCsv(path);
    EXPECT_EQ(d.x.shape(), (Shape { 3, 2 }));
    EXPECT_FLOAT_EQ(d.x[0], 1.5f);
    EXPECT_FLOAT_EQ(d.x[3], 0.4f);
    EXPECT_EQ(d.numClasses, 2);
    EXPECT_EQ(d.classNames, (std::vector<std::string> { "setosa", "versicolor" }));
    EXPECT_EQ(d.labels, (std::vector<int32_t> { 0, 1, 0 }));
    EXPECT_EQ(d.name, "iris");
    EXPECT_NO_THROW(d.validate());
}

TEST(CsvReader, ReadsFileWithoutHeader)
{
    TempDir dir;
    const auto path = writeText(dir.file("plain.csv"), "1,2,0\n3,4,2\n5,6,1\n");
    const Dataset d = readCsv(path);
    EXPECT_EQ(d.size(), 3);
    EXPECT_EQ(d.numClasses, 3);
    EXPECT_EQ(d.labels, (std::vector<int32_t> { 0, 2, 1 }));
}

TEST(CsvReader, ChoosesLabelColumnByNameOrIndex)
{
    TempDir dir;
    const auto path = writeText(dir.file("cols.csv"), "y,a,b\n1,10,20\n0,30,40\n");
    const Dataset byName = readCsv(path, { .labelColumn = "y" });
    EXPECT_EQ(byName.labels, (std::vector<int32_t> { 1, 0 }));
    EXPECT_FLOAT_EQ(byName.x[0], 10.0f);
    EXPECT_FLOAT_EQ(byName.x[1], 20.0f);
    const Dataset byIndex = readCsv(path, { .labelColumn = "0" });
    EXPECT_EQ(byIndex.labels, byName.labels);
    EXPECT_EQ(byIndex.x, byName.x);
    EXPECT_THROW(readCsv(path, { .labelColumn = "z" }), ConfigError);
    EXPECT_THROW(readCsv(path, { .labelColumn = "3" }), ConfigError);
}

TEST(CsvReader, MapsSignedIntegerLabelsInNumericOrder)
{
    TempDir dir;
    const auto path = writeText(dir.file("pm.csv"), "1,2,1\n3,4,-1\n");
    const Dataset d = readCsv(path);
    EXPECT_EQ(d.classNames, (std::vector<std::string> { "-1", "1" }));
    EXPECT_EQ(d.labels, (std::vector<int32_t> { 1, 0 }));
}

TEST(CsvReader, ReadsRegressionTargets)
{
    TempDir dir;
    const auto path = writeText(dir.file("reg.csv"), "x1;x2;t\n1;2;0.5\n3;4;-1.25\n");
    CsvOptions options;
    options.regression = true;
    options.delimiter = ';';
    const Dataset d = readCsv(path, options);
    EXPECT_FALSE(d.isClassification());
    ASSERT_EQ(d.targets.shape(), (Shape { 2, 1 }));
    EXPECT_FLOAT_EQ(d.targets[1], -1.25f);
    EXPECT_NO_THROW(d.validate());
}

TEST(CsvReader, HandlesQuotedFields)
{
    TempDir dir;
    const auto path = writeText(dir.file("q.csv"),
        "\"width, cm\",\"h\"\"x\",label\n1,\"2\",\"big, \"\"red\"\"\"\n3,4,\"small\nthing\"\n5,6,\"big, \"\"red\"\"\"\n");
    const Dataset d = readCsv(path);
    EXPECT_EQ(d.size(), 3);
    EXPECT_FLOAT_EQ(d.x[1], 2.0f);
    EXPECT_EQ(d.classNames, (std::vector<std::string> { "big, \"red\"", "small\nthing" }));
    EXPECT_EQ(d.labels, (std::vector<int32_t> { 0, 1, 0 }));
}

TEST(CsvReader, ReportsNonNumericFeatureWithLineAndColumn)
{
    TempDir dir;
    const auto path = writeText(dir.file("bad.csv"), "a,b,label\n1,2,x\n\n3,oops,y\n");
    expectFormatError([&] { readCsv(path); }, path + ":4: column 'b' (1): 'oops'");
}

TEST(CsvReader, ReportsRaggedRowsAndOpenQuotes)
{
    TempDir dir;
    const auto ragged = writeText(dir.file("ragged.csv"), "1,2,0\n3,4\n");
    expectFormatError([&] { readCsv(ragged); }, ragged + ":2: 2 fields, expected 3");
    const auto open = writeText(dir.file("open.csv"), "1,2,0\n3,\"4,1\n");
    expectFormatError([&] { readCsv(open); }, open + ":2: quoted field is never closed");
    const auto target = writeText(dir.file("target.csv"), "1,2,0.5\n3,4,high\n");
    CsvOptions regression;
    regression.regression = true;
    expectFormatError([&] { readCsv(target, regression); }, target + ":2: column 2");
    EXPECT_THROW(readCsv(dir.file("missing.csv")), FormatError);
}

// ---------------------------------------------------------------------------------------------
// TensorFlow Playground

namespace {

int countPositives(const Dataset& d)
{
    return int(std::count(d.labels.begin(), d.labels.end(), 1));
}

double radius(const Dataset& d, int64_t i)
{
    return std::hypot(double(d.x[2 * i]), double(d.x[2 * i + 1]));
}

} // namespace

TEST(Playground, UsesPlaygroundDefaultSizesAndShapes)
{
    for (const char* name : { "circle", "xor", "gauss", "spiral", "plane", "multi-gauss" }) {
        const PlaygroundKind kind = parsePlaygroundKind(name);
        EXPECT_EQ(playgroundName(kind), name);
        const Dataset d = makePlaygroundDataset(kind, 0, 0.1, 1);
        EXPECT_NO_THROW(d.validate()) << name;
        EXPECT_EQ(d.x.shape(), (Shape { isRegression(kind) ? 1200 : 500, 2 })) << name;
        if (isRegression(kind))
            EXPECT_EQ(d.targets.shape(), (Shape { 1200, 1 })) << name;
        else
            EXPECT_EQ(d.numClasses, 2) << name;
        EXPECT_EQ(makePlaygroundDataset(kind, 37, 0.2, 1).size(), 37) << name;
    }
    EXPECT_THROW(parsePlaygroundKind("moons"), ConfigError);
    EXPECT_THROW(makePlaygroundDataset(PlaygroundKind::Circle, 10, 0.7, 1), ConfigError);
}

TEST(Playground, ClassDatasetsAreBalanced)
{
    // circle/gauss/spiral generate half of each class (circle relabels by the noisy point);
    // xor's classes are the quadrants, so only about half.
    EXPECT_EQ(countPositives(makePlaygroundDataset(PlaygroundKind::Circle, 500, 0, 3)), 250);
    EXPECT_EQ(countPositives(makePlaygroundDataset(PlaygroundKind::Gauss, 500, 0.5, 3)), 250);
    EXPECT_EQ(countPositives(makePlaygroundDataset(PlaygroundKind::Spiral, 500, 0.5, 3)), 250);
    EXPECT_NEAR(countPositives(makePlaygroundDataset(PlaygroundKind::Xor, 2000, 0, 3)), 1000, 100);
}

TEST(Playground, CirclePositivesLieWithinRadiusPlusNoise)
{
    const Dataset clean = makePlaygroundDataset(PlaygroundKind::Circle, 1000, 0, 5);
    for (int64_t i = 0; i < clean.size(); ++i) {
        const double r = radius(clean, i);
        if (clean.labels[size_t(i)] == 1)
            EXPECT_LT(r, 2.5) << "sample " << i;
        else {
            EXPECT_GE(r, 3.5 - 1e-5) << "sample " << i;
            EXPECT_LE(r, 5.0 + 1e-5) << "sample " << i;
        }
    }
    // The label is decided on the point plus U(-5, 5)*k per axis; the stored point has no noise.
    const double k = 0.3;
    const Dataset noisy = makePlaygroundDataset(PlaygroundKind::Circle, 2000, k, 5);
    int flipped = 0;
    for (int64_t i = 0; i < noisy.size(); ++i) {
        const double r = radius(noisy, i);
        if (noisy.labels[size_t(i)] == 1)
            EXPECT_LT(r, 2.5 + 5 * k * std::sqrt(2.0)) << "sample " << i;
        else
            EXPECT_GT(r, 2.5 - 5 * k * std::sqrt(2.0)) << "sample " << i;
        flipped += (r < 3.0) != (noisy.labels[size_t(i)] == 1);
        EXPECT_LE(r, 5.0 + 1e-5) << "stored points carry no noise, sample " << i;
    }
    EXPECT_GT(flipped, 50) << "noise should relabel some points";
}

TEST(Playground, XorFollowsSignRuleWithPadding)
{
    const Dataset d = makePlaygroundDataset(PlaygroundKind::Xor, 1000, 0, 7);
    for (int64_t i = 0; i < d.size(); ++i) {
        const float x = d.x[2 * i], y = d.x[2 * i + 1];
        EXPECT_GE(std::abs(x), 0.3f - 1e-6f) << "sample " << i;
        EXPECT_GE(std::abs(y), 0.3f - 1e-6f) << "sample " << i;
        EXPECT_LE(std::abs(x), 5.3f + 1e-6f) << "sample " << i;
        EXPECT_EQ(d.labels[size_t(i)], x * y >= 0 ? 1 : 0) << "sample " << i;
    }
}

TEST(Playground, GaussVarianceFollowsNoise)
{
    for (const auto& [k, variance] : { std::pair { 0.0, 0.5 }, std::pair { 0.5, 4.0 } }) {
        const Dataset d = makePlaygroundDataset(PlaygroundKind::Gauss, 20000, k, 11);
        double sum[2] = { 0, 0 }, sq[2] = { 0, 0 };
        int count[2] = { 0, 0 };
        for (int64_t i = 0; i < d.size(); ++i) {
            const int c = d.labels[size_t(i)];
            sum[c] += d.x[2 * i];
            sq[c] += double(d.x[2 * i]) * d.x[2 * i];
            ++count[c];
        }
        for (int c = 0; c < 2; ++c) {
            const double mean = sum[c] / count[c];
            EXPECT_NEAR(mean, c ? 2.0 : -2.0, 0.06) << "noise " << k << " class " << c;
            EXPECT_NEAR(sq[c] / count[c] - mean * mean, variance, variance * 0.05) << "noise " << k;
        }
    }
}

TEST(Playground, SpiralArmsHaveEvenlySpacedRadiiAndTurnWithRadius)
{
    const int64_t n = 500;
    const Dataset d = makePlaygroundDataset(PlaygroundKind::Spiral, n, 0, 13);
    std::vector<double> radii[2];
    for (int64_t i = 0; i < n; ++i) {
        const double r = radius(d, i);
        const int c = d.labels[size_t(i)];
        radii[c].push_back(r);
        // t = 1.75 * (r / 5) * 2 pi (+ pi for the negative arm); x = r sin t, y = r cos t.
        const double t = 1.75 * r / 5 * 2 * std::numbers::pi + (c ? 0 : std::numbers::pi);
        EXPECT_NEAR(d.x[2 * i], r * std::sin(t), 1e-4) << "sample " << i;
        EXPECT_NEAR(d.x[2 * i + 1], r * std::cos(t), 1e-4) << "sample " << i;
    }
    for (auto& arm : radii) {
        ASSERT_EQ(arm.size(), size_t(n / 2));
        std::sort(arm.begin(), arm.end());
        for (size_t i = 0; i < arm.size(); ++i)
            EXPECT_NEAR(arm[i], 5.0 * double(i) / double(n / 2), 1e-5) << "point " << i;
    }
    const Dataset noisy = makePlaygroundDataset(PlaygroundKind::Spiral, n, 0.5, 13);
    for (int64_t i = 0; i < n; ++i)
        EXPECT_LE(radius(noisy, i), 5.0 + 0.5 * std::sqrt(2.0)) << "sample " << i;
}

TEST(Playground, PlaneTargetIsScaledSumAsInPlayground)
{
    const Dataset d = makePlaygroundDataset(PlaygroundKind::Plane, 0, 0, 17);
    double sum = 0;
    for (int64_t i = 0; i < d.size(); ++i) {
        const float x = d.x[2 * i], y = d.x[2 * i + 1];
        EXPECT_LE(std::max(std::abs(x), std::abs(y)), 6.0f) << "sample " << i;
        // d3's linear map from [-10, 10] to [-1, 1] is not clamped: |target| reaches 1.2.
        EXPECT_NEAR(d.targets[i], (x + y) / 10, 1e-6) << "sample " << i;
        EXPECT_LE(std::abs(d.targets[i]), 1.2f) << "sample " << i;
        sum += d.targets[i];
    }
    EXPECT_NEAR(sum / double(d.size()), 0.0, 0.05);
    const Dataset noisy = makePlaygroundDataset(PlaygroundKind::Plane, 0, 0.5, 17);
    for (int64_t i = 0; i < noisy.size(); ++i)
        EXPECT_LE(std::abs(noisy.targets[i]), 1.8f) << "sample " << i;
}

TEST(Playground, MultiGaussTargetsPeakAtAlternatingCentres)
{
    const Dataset d = makePlaygroundDataset(PlaygroundKind::MultiGauss, 5000, 0, 19);
    const double centres[6][3] = { { -4, 2.5, 1 }, { 0, 2.5, -1 }, { 4, 2.5, 1 }, { -4, -2.5, -1 }, { 0, -2.5, 1 }, { 4, -2.5, -1 } };
    int near = 0;
    for (int64_t i = 0; i < d.size(); ++i) {
        const float t = d.targets[i];
        EXPECT_LE(std::abs(t), 1.0f) << "sample " << i;
        for (const auto& c : centres) {
            const double dist = std::hypot(d.x[2 * i] - c[0], d.x[2 * i + 1] - c[1]);
            if (dist < 1.0) { // within 1 of a centre (centres are 4 apart): value 1 - d/2 with its sign
                EXPECT_NEAR(t, c[2] * (1 - dist / 2), 1e-5) << "sample " << i;
                ++near;
            }
        }
    }
    EXPECT_GT(near, 200);
}

// #22: four classes, one blob per quadrant, as many points in each (N = 4 k + 2: the first two
// get one more), and no generator for the user's own points.
TEST(Playground, FourBlobsHasFourBalancedClassesInTheirQuadrants)
{
    const Dataset d = makePlaygroundDataset(PlaygroundKind::FourBlobs, 502, 0, 23);
    ASSERT_EQ(d.numClasses, 4);
    ASSERT_EQ(playgroundClassCount(PlaygroundKind::FourBlobs), 4);
    int counts[4] = {}, inQuadrant = 0;
    for (int64_t i = 0; i < d.size(); ++i) {
        const int k = d.labels[size_t(i)];
        ASSERT_TRUE(k >= 0 && k < 4) << "sample " << i;
        ++counts[k];
        const float x = d.x[2 * i], y = d.x[2 * i + 1];
        const int quadrant = y >= 0 ? (x >= 0 ? 0 : 1) : (x < 0 ? 2 : 3);
        inQuadrant += quadrant == k;
    }
    EXPECT_EQ(counts[0], 126);
    EXPECT_EQ(counts[1], 126);
    EXPECT_EQ(counts[2], 125);
    EXPECT_EQ(counts[3], 125);
    EXPECT_GT(inQuadrant, 495); // centres 2.5 from each axis with sd 0.7: 3.6 sd
    EXPECT_THROW(makePlaygroundDataset(PlaygroundKind::Custom, 10, 0, 1), ConfigError);
    EXPECT_EQ(playgroundClassCount(PlaygroundKind::Plane), 0);
    EXPECT_EQ(playgroundClassCount(PlaygroundKind::Spiral), 2);
}

TEST(Playground, SameSeedSameDataOtherSeedOtherData)
{
    for (const char* name : { "circle", "xor", "gauss", "spiral", "plane", "multi-gauss", "four-blobs" }) {
        const PlaygroundKind kind = parsePlaygroundKind(name);
        const Dataset a = makePlaygroundDataset(kind, 100, 0.2, 42);
        const Dataset b = makePlaygroundDataset(kind, 100, 0.2, 42);
        const Dataset c = makePlaygroundDataset(kind, 100, 0.2, 43);
        EXPECT_EQ(a.x, b.x) << name;
        EXPECT_EQ(a.labels, b.labels) << name;
        EXPECT_EQ(a.targets, b.targets) << name;
        EXPECT_NE(a.x, c.x) << name;
    }
}

TEST(Playground, FeaturesFollowPlaygroundOrder)
{
    Tensor points({ 2, 2 });
    points[0] = 1.0f;
    points[1] = -2.0f;
    points[2] = 0.5f;
    points[3] = 3.0f;
    const Tensor all = playgroundFeatures(points, 0x7f);
    ASSERT_EQ(all.shape(), (Shape { 2, 7 }));
    const float want[7] = { 1.0f, -2.0f, 1.0f, 4.0f, -2.0f, std::sin(1.0f), std::sin(-2.0f) };
    for (int j = 0; j < 7; ++j)
        EXPECT_FLOAT_EQ(all[j], want[j]) << "feature " << j;
    const Tensor some = playgroundFeatures(points, FeatureX2 | FeatureX1X2 | FeatureSinX1);
    ASSERT_EQ(some.shape(), (Shape { 2, 3 }));
    EXPECT_FLOAT_EQ(some[3], 3.0f);
    EXPECT_FLOAT_EQ(some[4], 1.5f);
    EXPECT_FLOAT_EQ(some[5], std::sin(0.5f));
    EXPECT_THROW(playgroundFeatures(points, 0), ConfigError);
    EXPECT_THROW(playgroundFeatures(Tensor({ 2, 3 }), FeatureX1), ShapeError);
}

// ---------------------------------------------------------------------------------------------
// Normalisation

namespace {

// Column 0 ~ U(lo, hi), column 1 constant 7.
Dataset twoColumns(int64_t n, double lo, double hi, uint64_t seed)
{
    Rng rng(seed);
    Dataset d;
    d.name = "cols";
    d.x = Tensor({ n, 2 });
    for (int64_t i = 0; i < n; ++i) {
        d.x[2 * i] = float(rng.uniform(lo, hi));
        d.x[2 * i + 1] = 7.0f;
    }
    return d;
}

} // namespace

TEST(Normalizer, MinMaxUsesTrainingRangeOnly)
{
    Dataset train = twoColumns(1000, 10, 20, 1);
    Dataset test = twoColumns(1000, 15, 30, 2);
    const Normalizer norm = Normalizer::fit(train, NormalizeKind::MinMax);
    const float lo = norm.shift[0], range = 1.0f / norm.scale[0];
    const float test0 = test.x[0];
    norm.apply(train);
    norm.apply(test);
    const auto [tmin, tmax] = std::minmax_element(train.x.data(), train.x.data() + train.x.size());
    EXPECT_FLOAT_EQ(*tmin, 0.0f);
    EXPECT_FLOAT_EQ(*tmax, 1.0f);
    EXPECT_NEAR(test.x[0], (test0 - lo) / range, 1e-5) << "test data mapped with the training range";
    float testMax = 0;
    for (int64_t i = 0; i < test.size(); ++i)
        testMax = std::max(testMax, test.x[2 * i]);
    EXPECT_GT(testMax, 1.4f) << "test data above the training range stays above 1";
    for (int64_t i = 0; i < test.size(); ++i)
        EXPECT_EQ(test.x[2 * i + 1], 0.0f) << "constant column, sample " << i;
}

TEST(Normalizer, StandardizeUsesTrainingStatisticsOnly)
{
    Dataset train = twoColumns(5000, -1, 1, 3);
    Dataset test = twoColumns(5000, 2, 4, 4);
    const Normalizer norm = Normalizer::fit(train, NormalizeKind::Standardize);
    norm.apply(train);
    norm.apply(test);
    const auto stats = [](const Dataset& d, int col) {
        double s = 0, sq = 0;
        for (int64_t i = 0; i < d.size(); ++i) {
            s += d.x[2 * i + col];
            sq += double(d.x[2 * i + col]) * d.x[2 * i + col];
        }
        const double mean = s / double(d.size());
        return std::pair { mean, std::sqrt(sq / double(d.size()) - mean * mean) };
    };
    EXPECT_NEAR(stats(train, 0).first, 0.0, 1e-5);
    EXPECT_NEAR(stats(train, 0).second, 1.0, 1e-4);
    // U(2, 4) under U(-1, 1)'s statistics (mean 0, sd 1/sqrt 3): mean 3 sqrt 3, sd 1.
    EXPECT_NEAR(stats(test, 0).first, 3 * std::sqrt(3.0), 0.05);
    EXPECT_NEAR(stats(test, 0).second, 1.0, 0.05);
    EXPECT_EQ(stats(test, 1).first, 0.0) << "constant column";
    EXPECT_EQ(norm.scale[1], 1.0f);
}

TEST(Normalizer, WorksPerPixelOnImagesAndRoundTripsThroughJson)
{
    Dataset images;
    images.x = Tensor({ 3, 2, 2, 1 });
    for (int64_t i = 0; i < images.x.size(); ++i)
        images.x[i] = float(i % 4 == 0 ? 5 : i);
    const Normalizer norm = Normalizer::fit(images, parseNormalize("minmax"));
    ASSERT_EQ(norm.shift.size(), 4u);
    EXPECT_EQ(norm.scale[0], 1.0f) << "pixel 0 is constant";
    EXPECT_FLOAT_EQ(norm.shift[1], 1.0f);
    EXPECT_FLOAT_EQ(norm.scale[1], 1.0f / 8.0f);

    const nlohmann::json j = norm.toJson();
    EXPECT_EQ(j.at("kind"), "minmax");
    const Normalizer back = Normalizer::fromJson(nlohmann::json::parse(j.dump()));
    EXPECT_EQ(back.kind, norm.kind);
    EXPECT_EQ(back.shift, norm.shift);
    EXPECT_EQ(back.scale, norm.scale);

    Dataset wrong;
    wrong.x = Tensor({ 2, 3 });
    EXPECT_THROW(norm.apply(wrong), ShapeError);
    EXPECT_THROW(parseNormalize("zscore"), ConfigError);
    const Normalizer none = Normalizer::fit(images, NormalizeKind::None);
    Dataset copy = images;
    none.apply(copy);
    EXPECT_EQ(copy.x, images.x);
}

// #22: your own Playground points from a CSV file: two feature columns and a label of text or
// numbers; scaled (one factor for both axes) and centred into [-5, 5]^2; class names kept.
TEST(PlaygroundPoints, ACsvOfTwoColumnsAndTextLabelsIsScaledIntoThePlot)
{
    TempDir dir;
    const auto path = writeText(dir.file("moons.csv"),
        "x,y,kind\n100,10,cat\n300,10,dog\n200,60,cat\n100,30,bird\n300,50,dog\n");
    const Dataset d = readPlaygroundCsv(path);
    EXPECT_EQ(d.size(), 5);
    EXPECT_EQ(d.numClasses, 3);
    EXPECT_EQ(d.classNames, (std::vector<std::string> { "cat", "dog", "bird" }));
    EXPECT_EQ(d.labels, (std::vector<int32_t> { 0, 1, 0, 2, 1 }));
    // x spans 200 and y 50: the wider axis fills [-5, 5], y keeps its proportion (50 / 200 * 10).
    EXPECT_FLOAT_EQ(d.x[0], -5.0f);
    EXPECT_FLOAT_EQ(d.x[2], 5.0f);
    EXPECT_FLOAT_EQ(d.x[1], -1.25f);
    EXPECT_FLOAT_EQ(d.x[5], 1.25f);
}

TEST(PlaygroundPoints, LabelsThatSkipNumbersBecomeConsecutiveClasses)
{
    TempDir dir;
    const Dataset d = readPlaygroundCsv(writeText(dir.file("gaps.csv"), "0,0,3\n1,1,7\n2,2,3\n3,3,7\n"));
    EXPECT_EQ(d.numClasses, 2);
    EXPECT_EQ(d.classNames, (std::vector<std::string> { "3", "7" }));
    EXPECT_EQ(d.labels, (std::vector<int32_t> { 0, 1, 0, 1 }));
}

// Bad input: each refused whole, with the file and what is wrong in the message.
TEST(PlaygroundPoints, BadCsvFilesAreRefusedSayingWhy)
{
    TempDir dir;
    const auto refusal = [](const std::string& path) -> std::string {
        try {
            readPlaygroundCsv(path);
        } catch (const Error& e) {
            return e.what();
        }
        return "read without complaint";
    };
    const auto expectRefusal = [&](const std::string& path, const std::string& words) {
        const std::string why = refusal(path);
        EXPECT_NE(why.find(path), std::string::npos) << why;
        EXPECT_NE(why.find(words), std::string::npos) << why;
    };
    expectRefusal(writeText(dir.file("one.csv"), "0,0,a\n1,1,a\n2,2,a\n3,3,a\n"), "one class");
    expectRefusal(writeText(dir.file("missing.csv"), "0,0,a\n1,,b\n2,2,a\n3,3,b\n"), "missing.csv:2");
    std::string nine;
    for (int k = 0; k < 9; ++k)
        nine += std::to_string(k) + "," + std::to_string(k) + "," + std::to_string(k) + "\n";
    expectRefusal(writeText(dir.file("nine.csv"), nine), "9 different labels");
    std::string nineText;
    for (int k = 0; k < 9; ++k)
        nineText += std::to_string(k) + ",1,label" + std::to_string(k) + "\n";
    expectRefusal(writeText(dir.file("ninetext.csv"), nineText), "9 different labels");
    expectRefusal(writeText(dir.file("three.csv"), "0,0,0,a\n1,1,1,b\n2,2,2,a\n3,3,3,b\n"), "3 feature column(s)");
    std::string many;
    for (int i = 0; i < 100000; ++i)
        many += std::to_string(i % 97) + "," + std::to_string(i % 89) + "," + std::to_string(i % 2) + "\n";
    expectRefusal(writeText(dir.file("many.csv"), many), "100000 points");
    const std::string big(size_t(kMaxPlaygroundCsvBytes) + 1, '1');
    expectRefusal(writeText(dir.file("big.csv"), big), "bytes");
    expectRefusal(dir.file("absent.csv"), "cannot be read");
}

TEST(PlaygroundPoints, TheSessionFileRoundTripsExactlyAndRefusesDamage)
{
    TempDir dir;
    Dataset p = emptyPlaygroundPoints(3);
    p.x = Tensor(Shape { 3, 2 });
    const float xy[] = { 0.1f, -2.7182817f, 5.999f, 1e-8f, -3.3333333f, 4.25f };
    std::copy(std::begin(xy), std::end(xy), p.x.data());
    p.labels = { 2, 0, 1 };
    const std::string path = dir.file("points.json");
    savePlaygroundPoints(p, path);
    const Dataset back = loadPlaygroundPoints(path);
    EXPECT_EQ(back.x, p.x);
    EXPECT_EQ(back.labels, p.labels);
    EXPECT_EQ(back.classNames, p.classNames);

    const auto refusal = [&](const std::string& text) -> std::string {
        writeText(path, text);
        try {
            loadPlaygroundPoints(path);
        } catch (const Error& e) {
            return e.what();
        }
        return "read without complaint";
    };
    EXPECT_NE(refusal("{\"format\": \"weightscope-playground-points\", \"version\": 1, \"points\": {\"x\": [1").find("not valid JSON"),
        std::string::npos);
    EXPECT_NE(refusal("{\"format\": \"weightscope-playground-points\", \"version\": 2, \"points\": {}}").find("newer"),
        std::string::npos);
    EXPECT_NE(refusal("{\"format\": \"something else\", \"version\": 1}").find("not a Weightscope Playground points file"),
        std::string::npos);
    const std::string head = "{\"format\": \"weightscope-playground-points\", \"version\": 1, \"points\": ";
    EXPECT_NE(refusal(head + "{\"x\": [1, 2], \"y\": [1], \"labels\": [0, 1], \"class_names\": [\"a\", \"b\"]}}").find("as many"),
        std::string::npos);
    EXPECT_NE(refusal(head + "{\"x\": [1], \"y\": [1], \"labels\": [1e300], \"class_names\": [\"a\"]}}").find("class"),
        std::string::npos);
    EXPECT_NE(refusal(head + "{\"x\": [1e300], \"y\": [1], \"labels\": [0], \"class_names\": [\"a\"]}}").find("finite"),
        std::string::npos);
    EXPECT_NE(refusal(head + "{\"x\": [], \"y\": [], \"labels\": [], \"class_names\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]}}")
                  .find("at most 8"),
        std::string::npos);
}
