// SPDX-License-Identifier: GPL-3.0-or-later
// GGUF reading and ggml dequantisation. Reference files in tests/data/gguf were written by
// tools/make_gguf_reference.py (container with struct, blocks from NumPy quantisers written from
// ggml-common.h); expected.npz holds the float32 values of every tensor, dequantised by NumPy in
// ggml's operation order, which the reader must match exactly. Hand-made blocks with values
// worked out by hand check the layouts independently of that script. Hostile files are built
// by the tests themselves in a temporary folder.
#include "TempDir.h"

#include "analysis/TensorStats.h"
#include "formats/WeightFormats.h"
#include "io/GgmlQuant.h"
#include "io/GgufReader.h"
#include "io/GgufTokenizer.h"
#include "tensor/DType.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace ws;

namespace {

const std::string kDir = std::string(WS_TEST_DATA_DIR) + "/gguf";

// ---------------------------------------------------------------- a small GGUF writer for hostile files

struct Bytes {
    std::string s;
    Bytes& u8(uint8_t v) { return raw(&v, 1); }
    Bytes& u32(uint32_t v) { return raw(&v, 4); }
    Bytes& u64(uint64_t v) { return raw(&v, 8); }
    Bytes& f32(float v) { return raw(&v, 4); }
    Bytes& str(const std::string& v) { u64(v.size()); s += v; return *this; }
    Bytes& raw(const void* p, size_t n) { s.append(static_cast<const char*>(p), n); return *this; }
    Bytes& padTo(size_t alignment) { s.append((alignment - s.size() % alignment) % alignment, '\0'); return *this; }
};

// A valid v3 file: two metadata pairs, two F32 tensors of shape (2, 3) and (4,) (alignment 32).
// The parts are kept so tests can damage one of them.
struct SmallFile {
    uint32_t version = 3;
    uint64_t tensorCount = 2, kvCount = 2;
    uint32_t nDims0 = 2;
    uint64_t ne0[2] = { 3, 2 };
    uint32_t type0 = 0, type1 = 0;
    uint64_t offset0 = 0, offset1 = 32;
    uint64_t keyLength = 0; // 0: the real length

    std::string bytes() const
    {
        Bytes b;
        b.raw("GGUF", 4).u32(version).u64(tensorCount).u64(kvCount);
        const std::string key = "general.architecture";
        b.u64(keyLength ? keyLength : key.size());
        b.s += key;
        b.u32(8).str("llama");
        b.str("general.name").u32(8).str("tiny");
        b.str("a.weight").u32(nDims0);
        for (uint32_t d = 0; d < std::min<uint32_t>(nDims0, 2); ++d)
            b.u64(ne0[d]);
        for (uint32_t d = 2; d < nDims0; ++d)
            b.u64(1);
        b.u32(type0).u64(offset0);
        b.str("b.bias").u32(1).u64(4).u32(type1).u64(offset1);
        b.padTo(32);
        for (int i = 0; i < 6; ++i)
            b.f32(float(i));
        b.padTo(32);
        for (int i = 0; i < 4; ++i)
            b.f32(float(10 + i));
        return b.s;
    }
};

class GgufHostile : public ::testing::Test {
protected:
    std::string write(const std::string& name, const std::string& bytes)
    {
        const std::string path = dir.file(name);
        std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
        return path;
    }

    // Opening must fail with a FormatError whose message names the file and contains `part`.
    void expectRefused(const std::string& name, const std::string& bytes, const std::string& part)
    {
        const std::string path = write(name, bytes);
        try {
            GgufFile f(path);
            ADD_FAILURE() << name << ": opened, expected a FormatError mentioning '" << part << "'";
        } catch (const FormatError& e) {
            const std::string msg = e.what();
            EXPECT_NE(msg.find(path), std::string::npos) << name << ": message does not name the file: " << msg;
            EXPECT_NE(msg.find(part), std::string::npos) << name << ": message lacks '" << part << "': " << msg;
        }
    }

    test::TempDir dir;
};

std::vector<float> readAll(const WeightFile& f, size_t index)
{
    std::vector<float> v(size_t(f.tensors()[index].numel()));
    f.read(index, 0, int64_t(v.size()), v.data());
    return v;
}

size_t indexOf(const WeightFile& f, const std::string& name)
{
    for (size_t i = 0; i < f.tensors().size(); ++i)
        if (f.tensors()[i].name == name)
            return i;
    throw Error("no tensor " + name);
}

std::vector<float> values(const WeightFile& f, const std::string& name) { return readAll(f, indexOf(f, name)); }

std::string upper(std::string s)
{
    for (char& c : s)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

void expectSameBits(const std::vector<float>& got, const std::vector<float>& want, const std::string& what,
    int64_t offset = 0)
{
    ASSERT_EQ(got.size(), want.size()) << what;
    int reported = 0;
    for (size_t i = 0; i < got.size() && reported < 5; ++i)
        if (std::memcmp(&got[i], &want[i], 4) != 0) {
            ADD_FAILURE() << what << "[" << (int64_t(i) + offset) << "]: got " << got[i] << ", want " << want[i];
            ++reported;
        }
}

} // namespace

// ---------------------------------------------------------------- reference files

TEST(GgufReader, ReadsEveryMetadataValueType)
{
    const auto f = openWeightFile(kDir + "/metadata.gguf");
    EXPECT_EQ(f->format(), "gguf");
    const auto& m = f->metadata();
    EXPECT_EQ(m.at("general.architecture"), "llama");
    EXPECT_EQ(m.at("general.license"), "apache-2.0");
    EXPECT_EQ(m.at("test.uint8").get<int>(), 200);
    EXPECT_EQ(m.at("test.int8").get<int>(), -100);
    EXPECT_EQ(m.at("test.uint16").get<int>(), 60000);
    EXPECT_EQ(m.at("test.int16").get<int>(), -30000);
    EXPECT_EQ(m.at("test.uint32").get<uint64_t>(), 4000000000u);
    EXPECT_EQ(m.at("test.int32").get<int64_t>(), -2000000000);
    EXPECT_EQ(m.at("test.uint64").get<uint64_t>(), (uint64_t(1) << 63) + 5);
    EXPECT_EQ(m.at("test.int64").get<int64_t>(), -(int64_t(1) << 62));
    EXPECT_EQ(m.at("test.float32").get<double>(), 1.5);
    EXPECT_EQ(m.at("test.float32_tenth").get<double>(), 0.1) << "float32 0.1 is shown as 0.1, not 0.10000000149011612";
    EXPECT_EQ(m.at("test.float64").get<double>(), 3.141592653589793);
    EXPECT_EQ(m.at("test.true"), true);
    EXPECT_EQ(m.at("test.false"), false);
    EXPECT_EQ(m.at("test.utf8"), "na\xC3\xAFve \xE2\x80\x93 \xE2\x9C\x93");
    EXPECT_EQ(m.at("test.not_utf8"), "ab\xEF\xBF\xBD" "cd") << "invalid UTF-8 becomes U+FFFD";
    EXPECT_EQ(m.at("test.empty_string"), "");
    EXPECT_EQ(m.at("test.ints"), nlohmann::json({ 1, -2, 3 }));
    EXPECT_EQ(m.at("test.nested"), nlohmann::json::parse("[[1, 2], [], [3]]"));
    EXPECT_EQ(m.at("test.strings"), nlohmann::json({ "a", "bc" }));
    EXPECT_EQ(m.at("llama.context_length").get<int>(), 4096);
    EXPECT_NO_THROW((void)m.dump()) << "metadata must be valid JSON text";
}

TEST(GgufReader, SummarisesLongArraysInsteadOfListingThem)
{
    const auto f = openWeightFile(kDir + "/metadata.gguf");
    const auto& tokens = f->metadata().at("tokenizer.ggml.tokens");
    EXPECT_EQ(tokens.at("element_type"), "string");
    EXPECT_EQ(tokens.at("length").get<int>(), 1000);
    EXPECT_EQ(tokens.at("first"), nlohmann::json({ "<unk>", "<s>", "</s>", "tok0", "tok1", "tok2", "tok3", "tok4" }));
    const auto& scores = f->metadata().at("tokenizer.ggml.scores");
    EXPECT_EQ(scores.at("element_type"), "float32");
    EXPECT_EQ(scores.at("length").get<int>(), 1000);
    EXPECT_EQ(scores.at("first").size(), GgufFile::kSummaryElements);
    EXPECT_EQ(scores.at("first")[7].get<double>(), -7.0);
    EXPECT_EQ(f->metadata().at("tokenizer.ggml.token_type").at("length").get<int>(), 1000);
    EXPECT_EQ(f->metadata().at("tokenizer.ggml.merges").at("first")[1], "t1 o1");
    const auto& nested = f->metadata().at("test.long_nested");
    EXPECT_EQ(nested.at("element_type"), "array");
    EXPECT_EQ(nested.at("length").get<int>(), 40);
    EXPECT_EQ(nested.at("first")[7], nlohmann::json({ 7 }));
    EXPECT_LT(f->metadata().dump().size(), 4000u) << "the 1000-token tokenizer must not be dumped whole";
}

TEST(GgufReader, HonoursTheAlignmentAndReportsShapesInCOrder)
{
    const auto f = openWeightFile(kDir + "/metadata.gguf");
    const auto& g = f->metadata().at("gguf");
    EXPECT_EQ(g.at("version").get<int>(), 3);
    EXPECT_EQ(g.at("alignment").get<int>(), 64);
    EXPECT_EQ(g.at("data_offset").get<uint64_t>() % 64, 0u);
    EXPECT_EQ(g.at("tensor_count").get<int>(), 2);
    EXPECT_EQ(g.at("metadata_kv_count").get<int>(), 30);
    ASSERT_EQ(f->tensors().size(), 2u);
    const TensorInfo& w = f->tensors()[0];
    EXPECT_EQ(w.name, "blk.0.weight");
    EXPECT_EQ(w.shape, (Shape { 2, 3 })) << "ne = [3, 2] is shape (2, 3)";
    EXPECT_EQ(w.dtype, DType::F32);
    EXPECT_EQ(w.storage, "");
    EXPECT_EQ(w.bitsPerWeight, 32.0);
    EXPECT_EQ(readAll(*f, 0), (std::vector<float> { 0, 1, 2, 3, 4, 5 }));
    // The second tensor starts at data offset 64 (24 bytes rounded up to the alignment).
    EXPECT_EQ(readAll(*f, 1), (std::vector<float> { 0.5f, -1.0f, 2.0f }));
    EXPECT_EQ(f->tensors()[1].shape, (Shape { 3 }));
}

TEST(GgufReader, DequantisesEveryTypeExactlyAsTheReference)
{
    const auto f = openWeightFile(kDir + "/quants.gguf");
    const auto want = openWeightFile(kDir + "/expected.npz");
    const std::vector<std::pair<std::string, double>> types = { { "f32", 32 }, { "f16", 16 }, { "bf16", 16 },
        { "f64", 64 }, { "i8", 8 }, { "i16", 16 }, { "i32", 32 }, { "q8_0", 8.5 }, { "q4_0", 4.5 }, { "q4_1", 5 },
        { "q5_0", 5.5 }, { "q5_1", 6 }, { "q2_k", 2.625 }, { "q3_k", 3.4375 }, { "q4_k", 4.5 }, { "q5_k", 5.5 },
        { "q6_k", 6.5625 }, { "q8_k", 9.125 }, { "iq4_nl", 4.5 }, { "iq4_xs", 4.25 }, { "mxfp4", 4.25 } };
    for (const auto& [name, bits] : types) {
        const size_t i = indexOf(*f, name);
        const TensorInfo& t = f->tensors()[i];
        EXPECT_EQ(t.shape, (Shape { 2, 512 })) << name;
        EXPECT_EQ(t.bitsPerWeight, bits) << name;
        EXPECT_EQ(t.nbytes, uint64_t(bits * 1024 / 8)) << name;
        const bool quantised = name[0] == 'q' || name.rfind("iq", 0) == 0 || name == "mxfp4";
        EXPECT_EQ(t.storage, quantised ? upper(name) : "") << name;
        if (quantised) {
            EXPECT_EQ(t.dtype, DType::F32) << name;
        }
        const std::vector<float> expected = values(*want, "quants/" + name);
        expectSameBits(readAll(*f, i), expected, name);
    }
}

TEST(GgufReader, ReadsRangesThatStartAndEndInsideBlocks)
{
    const auto f = openWeightFile(kDir + "/quants.gguf");
    const auto want = openWeightFile(kDir + "/expected.npz");
    for (const std::string name : { "q4_0", "q5_1", "q8_0", "q2_k", "q3_k", "q4_k", "q5_k", "q6_k", "q8_k", "f16", "iq4_nl", "iq4_xs", "mxfp4" }) {
        const size_t i = indexOf(*f, name);
        const std::vector<float> all = values(*want, "quants/" + name);
        // Inside one block, across one boundary, across several blocks, the last element.
        for (const auto& [first, count] : std::vector<std::pair<int64_t, int64_t>> {
                 { 5, 7 }, { 30, 4 }, { 250, 12 }, { 17, 700 }, { 1023, 1 }, { 0, 1 }, { 511, 2 }, { 100, 0 } }) {
            std::vector<float> got(static_cast<size_t>(count));
            f->read(i, first, count, got.data());
            expectSameBits(got, std::vector<float>(all.begin() + first, all.begin() + first + count),
                name + " [" + std::to_string(first) + ", +" + std::to_string(count) + ")", first);
        }
    }
}

TEST(GgufReader, RefusesToReadTypesItCannotDequantiseNamingTheType)
{
    const auto f = openWeightFile(kDir + "/quants.gguf");
    const size_t i = indexOf(*f, "iq2_xxs");
    EXPECT_EQ(f->tensors()[i].storage, "IQ2_XXS");
    EXPECT_EQ(f->tensors()[i].nbytes, 4u * 66u);
    std::vector<float> out(8);
    try {
        f->read(i, 0, 8, out.data());
        ADD_FAILURE() << "read an IQ2_XXS tensor";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("IQ2_XXS"), std::string::npos) << e.what();
    }
    EXPECT_EQ(f->metadata().at("gguf").at("tensor_types").at("Q4_K").get<int>(), 1);
}

// The layouts shown for blocks Weightscope cannot dequantise add up to ggml's block sizes, and
// the raw bytes are the file's, bounded by the tensor.
TEST(GgufReader, DescribesEveryBlockLayoutAndGivesTheRawBytes)
{
    for (uint32_t number = 0; number < 64; ++number) {
        const GgmlTypeInfo* t = ggmlTypeInfo(number);
        if (!t || t->plain)
            continue;
        const std::string fields = ggmlBlockFields(t->type);
        size_t sum = 0;
        for (size_t at = fields.find(" B)"); at != std::string::npos; at = fields.find(" B)", at + 1)) {
            size_t from = at;
            while (from > 0 && std::isdigit(static_cast<unsigned char>(fields[from - 1])))
                --from;
            sum += std::stoul(fields.substr(from, at - from));
        }
        EXPECT_EQ(sum, t->blockBytes) << t->name << ": " << fields;
    }
    const auto f = openWeightFile(kDir + "/quants.gguf");
    const auto* gguf = dynamic_cast<const GgufFile*>(f.get());
    ASSERT_NE(gguf, nullptr);
    const size_t i = indexOf(*f, "iq2_xxs");
    EXPECT_EQ(gguf->rawBlocks(i, 2).size(), 132u);
    const std::vector<uint8_t> all = gguf->rawBlocks(i, 1000); // four blocks: no more than the tensor
    ASSERT_EQ(all.size(), 264u);
    std::ifstream in(kDir + "/quants.gguf", std::ios::binary);
    const std::vector<char> file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(std::equal(all.begin(), all.end(), reinterpret_cast<const uint8_t*>(file.data()) + file.size() - 264));
    const std::string hex = hexBlocks(all.data(), 70, 66);
    EXPECT_EQ(hex.substr(0, 18), "block 0  +0x0000  ");
    EXPECT_NE(hex.find("\nblock 1  +0x0042  "), std::string::npos) << hex;
    EXPECT_EQ(std::count(hex.begin(), hex.end(), '\n'), 2);
}

TEST(GgufReader, ReadsVersion2)
{
    const auto f = openWeightFile(kDir + "/v2.gguf");
    EXPECT_EQ(f->metadata().at("gguf").at("version").get<int>(), 2);
    EXPECT_EQ(f->tensors()[0].shape, (Shape { 4, 16 }));
    const auto want = openWeightFile(kDir + "/expected.npz");
    expectSameBits(readAll(*f, 0), values(*want, "v2/token_embd.weight"), "v2");
}

TEST(GgufReader, StatisticsWorkOnQuantisedTensors)
{
    const auto f = openWeightFile(kDir + "/quants.gguf");
    const auto want = openWeightFile(kDir + "/expected.npz");
    for (const std::string name : { "q4_k", "q6_k", "q8_0" }) {
        const TensorStats got = computeTensorStats(*f, indexOf(*f, name), 2);
        const std::vector<float> v = values(*want, "quants/" + name);
        const TensorStats ref = computeStats(v.data(), int64_t(v.size()));
        EXPECT_EQ(got.count, 1024) << name;
        EXPECT_EQ(got.zeros, ref.zeros) << name;
        EXPECT_GE(got.zeros, 256) << name << ": the all-zero block";
        EXPECT_EQ(got.min, ref.min) << name;
        EXPECT_EQ(got.max, ref.max) << name;
        EXPECT_EQ(got.mean, ref.mean) << name;
        EXPECT_EQ(got.std, ref.std) << name;
    }
}

// ---------------------------------------------------------------- layouts worked out by hand

TEST(GgmlQuant, Q4_0BlockByHand)
{
    // d = 0.5 (f16 0x3800); qs[0] = 0x2F: element 0 = (15 - 8) * 0.5, element 16 = (2 - 8) * 0.5.
    uint8_t b[18] = { 0x00, 0x38 };
    b[2] = 0x2F;
    for (int j = 1; j < 16; ++j)
        b[2 + j] = 0x88; // zeros
    float y[32];
    dequantizeRange(*ggmlTypeInfo(2), b, 0, 32, y);
    EXPECT_EQ(y[0], 3.5f);
    EXPECT_EQ(y[16], -3.0f);
    EXPECT_EQ(y[1], 0.0f);
}

TEST(GgmlQuant, Q5_0UsesBitJOfQhForElementJ)
{
    // d = 1; all nibbles 0; qh bit 3 and bit 20 set: element 3 = 16 - 16 = 0, element 20 = 0,
    // every other element -16.
    uint8_t b[22] = { 0x00, 0x3C };
    const uint32_t qh = (1u << 3) | (1u << 20);
    std::memcpy(b + 2, &qh, 4);
    float y[32];
    dequantizeRange(*ggmlTypeInfo(6), b, 0, 32, y);
    for (int e = 0; e < 32; ++e)
        EXPECT_EQ(y[e], (e == 3 || e == 20) ? 0.0f : -16.0f) << "element " << e;
}

TEST(GgmlQuant, Q4_KScalesAndMinsByHand)
{
    // d = 1, dmin = 0.5. Sub-block 1 (elements 32..63, the high nibbles of qs[0..31]): scale 3,
    // min 2 (bytes 1 and 5). Sub-block 5 (elements 160..191): scale 0b010001 = 17 (low nibble
    // 1 in byte 9, high bits 01 in byte 1's top bits), min 0b100010 = 34 (low nibble 2 in
    // byte 9's high nibble, high bits 10 in byte 5's top bits).
    uint8_t b[144] = {};
    b[0] = 0x00; b[1] = 0x3C; // d = 1.0
    b[2] = 0x00; b[3] = 0x38; // dmin = 0.5
    uint8_t* s = b + 4;
    s[1] = 3 | (1 << 6);
    s[5] = 2 | (2 << 6);
    s[9] = 1 | (2 << 4);
    uint8_t* qs = b + 16;
    qs[0] = 0x70;  // element 0: q 0; element 32: q 7
    qs[64] = 0x50; // element 128 (sub-block 4): q 0; element 160 (sub-block 5): q 5
    float y[256];
    dequantizeRange(*ggmlTypeInfo(12), b, 0, 256, y);
    EXPECT_EQ(y[32], 3.0f * 7 - 0.5f * 2);
    EXPECT_EQ(y[33], -1.0f);
    EXPECT_EQ(y[160], 17.0f * 5 - 0.5f * 34);
    EXPECT_EQ(y[0], 0.0f);
}

TEST(GgmlQuant, Q6_KByHand)
{
    // d = 2; scales[2] = -3 (elements 32..47); element 32: low 4 bits from ql[32] & 0xF = 5,
    // high 2 bits from (qh[0] >> 2) & 3 = 2: q = 5 + 32 - 32 = 5, value 2 * -3 * 5 = -30.
    uint8_t b[210] = {};
    b[32] = 0x05;
    b[128] = 2 << 2;
    b[192 + 2] = uint8_t(int8_t(-3));
    b[208] = 0x00; b[209] = 0x40; // 2.0
    float y[256];
    dequantizeRange(*ggmlTypeInfo(14), b, 0, 256, y);
    EXPECT_EQ(y[32], -30.0f);
    EXPECT_EQ(y[0], 0.0f) << "scale 0";
}

TEST(GgmlQuant, Q3_KClearHighBitSubtractsFour)
{
    // d = 1; all 6-bit scales 33 (low nibbles 1, high bits 2: 33 - 32 = 1). hmask bit set for
    // element 0 only: element 0 = 1 * (0 - 0) = 0, element 1 = 1 * (0 - 4) = -4; element 32
    // (shift 2 of qs[0]) with qs[0] = 0b1100: 3 - 4 = -1.
    uint8_t b[110] = {};
    b[0] = 0x01;
    b[32] = 0x0C;
    for (int k = 0; k < 8; ++k)
        b[96 + k] = 0x11;
    for (int k = 8; k < 12; ++k)
        b[96 + k] = 0xAA;
    b[108] = 0x00; b[109] = 0x3C;
    float y[256];
    dequantizeRange(*ggmlTypeInfo(11), b, 0, 256, y);
    EXPECT_EQ(y[0], 0.0f);
    EXPECT_EQ(y[1], -4.0f);
    EXPECT_EQ(y[32], -1.0f);
}

// ---------------------------------------------------------------- round trips of the simple formats

namespace {

void putHalf(uint8_t* p, float v)
{
    const uint16_t h = floatToHalf(v);
    std::memcpy(p, &h, 2);
}

// The quantisation step of a straightforward quantiser of one 32-element block (not ggml's;
// any valid encoding will do): symmetric types use amax / (largest |q|), types with a min use
// range / levels. Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8.
bool hasMin(uint32_t type) { return type == 3 || type == 7; }

float step(uint32_t type, float lo, float hi, float amax)
{
    switch (type) {
    case 2: return amax / 7;
    case 6: return amax / 15;
    case 8: return amax / 127;
    case 3: return (hi - lo) / 15;
    default: return (hi - lo) / 31;
    }
}

std::vector<uint8_t> quantise(uint32_t type, const float* x, float lo, float hi, float amax)
{
    std::vector<uint8_t> b(ggmlTypeInfo(type)->blockBytes);
    const float d = halfToFloat(floatToHalf(step(type, lo, hi, amax)));
    const float m = hasMin(type) ? halfToFloat(floatToHalf(lo)) : 0.0f;
    putHalf(b.data(), d);
    const auto q = [&](float v, int offset, int maxQ) {
        return d == 0 ? offset : std::clamp(int(std::lround((v - m) / d)) + offset, 0, maxQ);
    };
    if (type == 8) {
        for (int i = 0; i < 32; ++i)
            b[2 + size_t(i)] = uint8_t(int8_t(q(x[i], 127, 254) - 127));
        return b;
    }
    if (hasMin(type))
        putHalf(b.data() + 2, m);
    const bool fiveBits = type == 6 || type == 7;
    const int maxQ = fiveBits ? 31 : 15;
    const int offset = hasMin(type) ? 0 : (maxQ + 1) / 2;
    const size_t qhAt = hasMin(type) ? 4 : 2;
    const size_t qsAt = qhAt + (fiveBits ? 4 : 0);
    uint32_t qh = 0;
    for (int j = 0; j < 16; ++j) {
        const int a = q(x[j], offset, maxQ), c = q(x[j + 16], offset, maxQ);
        b[qsAt + size_t(j)] = uint8_t((a & 0xF) | ((c & 0xF) << 4));
        qh |= uint32_t(a >> 4) << j | uint32_t(c >> 4) << (j + 16);
    }
    if (fiveBits)
        std::memcpy(b.data() + qhAt, &qh, 4);
    return b;
}

} // namespace

TEST(GgmlQuant, DequantiseOfQuantiseIsCloseForTheSimpleFormats)
{
    std::mt19937 rng(7);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (const uint32_t type : { 2u, 3u, 6u, 7u, 8u }) {
        const GgmlTypeInfo& info = *ggmlTypeInfo(type);
        for (int trial = 0; trial < 50; ++trial) {
            float x[32];
            const float scale = std::exp(normal(rng));
            for (float& v : x)
                v = normal(rng) * scale + (type == 3 || type == 7 ? 1.0f : 0.0f);
            float lo = x[0], hi = x[0], amax = 0;
            for (float v : x) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
                amax = std::max(amax, std::abs(v));
            }
            const std::vector<uint8_t> b = quantise(type, x, lo, hi, amax);
            float y[32];
            dequantizeRange(info, b.data(), 0, 32, y);
            // Half a step, plus the float16 rounding of the scale and the min.
            const float tol = 0.5f * step(type, lo, hi, amax) * 1.01f + 1e-3f * std::max(amax, 1.0f);
            for (int i = 0; i < 32; ++i)
                EXPECT_NEAR(y[i], x[i], tol) << info.name << " trial " << trial << " element " << i;
        }
    }
}

// ---------------------------------------------------------------- hostile files

TEST_F(GgufHostile, TheUndamagedSmallFileOpens)
{
    const auto f = openWeightFile(write("ok.gguf", SmallFile().bytes()));
    ASSERT_EQ(f->tensors().size(), 2u);
    EXPECT_EQ(f->tensors()[0].shape, (Shape { 2, 3 }));
    EXPECT_EQ(readAll(*f, 1), (std::vector<float> { 10, 11, 12, 13 }));
    EXPECT_EQ(f->metadata().at("general.name"), "tiny");
}

TEST_F(GgufHostile, EveryTruncationIsAFormatErrorNamingTheFile)
{
    const std::string full = SmallFile().bytes();
    // Every prefix, so every structural boundary (header fields, key lengths, keys, value types,
    // values, tensor names, dims, types, offsets, padding, tensor data) is cut at least once.
    for (size_t n = 0; n < full.size(); ++n) {
        const std::string path = write("cut.gguf", full.substr(0, n));
        try {
            GgufFile f(path);
            ADD_FAILURE() << "a file cut to " << n << " of " << full.size() << " bytes opened";
        } catch (const FormatError& e) {
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        }
    }
}

TEST_F(GgufHostile, RefusesWrongMagicVersionOneAndBigEndian)
{
    std::string s = SmallFile().bytes();
    s[0] = 'X';
    expectRefused("magic.gguf", s, "not a GGUF file");
    SmallFile v1;
    v1.version = 1;
    expectRefused("v1.gguf", v1.bytes(), "version 1");
    SmallFile be;
    be.version = 0x03000000; // 3 written big-endian
    expectRefused("be.gguf", be.bytes(), "big-endian");
    SmallFile v9;
    v9.version = 9;
    expectRefused("v9.gguf", v9.bytes(), "unsupported GGUF version 9");
    SmallFile v0;
    v0.version = 0;
    expectRefused("v0.gguf", v0.bytes(), "unsupported GGUF version 0");
}

TEST_F(GgufHostile, RefusesLyingCountsBeforeAllocating)
{
    SmallFile t;
    t.tensorCount = uint64_t(1) << 60;
    expectRefused("tensors.gguf", t.bytes(), "tensor count 1152921504606846976");
    SmallFile k;
    k.kvCount = uint64_t(1) << 60;
    expectRefused("kvs.gguf", k.bytes(), "key/value count 1152921504606846976");
    SmallFile l;
    l.keyLength = uint64_t(1) << 60;
    expectRefused("key.gguf", l.bytes(), "key length 1152921504606846976");
}

TEST_F(GgufHostile, RefusesLyingArrayAndStringLengths)
{
    Bytes b;
    b.raw("GGUF", 4).u32(3).u64(0).u64(1).str("tokenizer.ggml.tokens").u32(9).u32(8).u64(uint64_t(1) << 60);
    b.str("a").str("b");
    expectRefused("array.gguf", b.s, "array of 1152921504606846976 string values");
    Bytes s;
    s.raw("GGUF", 4).u32(3).u64(0).u64(1).str("general.name").u32(8).u64(uint64_t(1) << 60).raw("abc", 3);
    expectRefused("string.gguf", s.s, "string length 1152921504606846976");
}

TEST_F(GgufHostile, RefusesOffsetsOutsideTheFileAndMisalignedOrOverlappingData)
{
    SmallFile out;
    out.offset1 = 1 << 20;
    expectRefused("outside.gguf", out.bytes(), "run past the end of the file");
    SmallFile wrap;
    wrap.offset1 = ~uint64_t(0) - 31; // offset + size would wrap around
    expectRefused("wrap.gguf", wrap.bytes(), "run past the end of the file");
    SmallFile mis;
    mis.offset1 = 8;
    expectRefused("misaligned.gguf", mis.bytes(), "not a multiple of the alignment 32");
    SmallFile overlap;
    overlap.offset1 = 0;
    expectRefused("overlap.gguf", overlap.bytes(), "overlaps tensor");
}

TEST_F(GgufHostile, RefusesUnknownTypesAndImpossibleShapes)
{
    SmallFile unknown;
    unknown.type0 = 4; // Q4_2, removed from ggml
    expectRefused("type4.gguf", unknown.bytes(), "unknown ggml tensor type 4");
    SmallFile unknown2;
    unknown2.type1 = 1000;
    expectRefused("type1000.gguf", unknown2.bytes(), "unknown ggml tensor type 1000");
    SmallFile dims;
    dims.nDims0 = 5;
    expectRefused("dims.gguf", dims.bytes(), "5 dimensions; GGUF allows at most 4");
    SmallFile big;
    big.ne0[0] = uint64_t(1) << 32;
    big.ne0[1] = uint64_t(1) << 32;
    expectRefused("overflow.gguf", big.bytes(), "more elements than can be addressed");
    SmallFile huge;
    huge.ne0[0] = uint64_t(1) << 40; // addressable, but far more bytes than the file has
    expectRefused("huge.gguf", huge.bytes(), "run past the end of the file");
    SmallFile rows;
    rows.type0 = 12; // Q4_K rows of 3 elements
    expectRefused("rows.gguf", rows.bytes(), "not whole Q4_K blocks of 256");
}

TEST_F(GgufHostile, RefusesBadValues)
{
    Bytes type;
    type.raw("GGUF", 4).u32(3).u64(0).u64(1).str("x.y").u32(13).u32(0);
    expectRefused("valuetype.gguf", type.s, "unknown value type 13");
    Bytes boolean;
    boolean.raw("GGUF", 4).u32(3).u64(0).u64(1).str("x.y").u32(7).u8(2).raw("pad", 3);
    expectRefused("bool.gguf", boolean.s, "bool value 2");
    Bytes twice;
    twice.raw("GGUF", 4).u32(3).u64(0).u64(2).str("x.y").u32(4).u32(1).str("x.y").u32(4).u32(2);
    expectRefused("twice.gguf", twice.s, "the key appears twice");
    Bytes align;
    align.raw("GGUF", 4).u32(3).u64(0).u64(1).str("general.alignment").u32(4).u32(48);
    expectRefused("align.gguf", align.s, "alignment 48 is not a power of two");
    Bytes alignType;
    alignType.raw("GGUF", 4).u32(3).u64(0).u64(1).str("general.alignment").u32(10).u64(32);
    expectRefused("aligntype.gguf", alignType.s, "general.alignment is a uint64");
    Bytes deep;
    deep.raw("GGUF", 4).u32(3).u64(0).u64(1).str("x.deep").u32(9);
    for (int i = 0; i < 40; ++i)
        deep.u32(9).u64(1);
    deep.u32(4).u64(0);
    expectRefused("deep.gguf", deep.s, "nested deeper than 16");
    Bytes element;
    element.raw("GGUF", 4).u32(3).u64(0).u64(1).str("x.y").u32(9).u32(77).u64(1).u32(0);
    expectRefused("element.gguf", element.s, "unknown array element type 77");
}

TEST_F(GgufHostile, RefusesTwoTensorsWithOneName)
{
    Bytes b;
    b.raw("GGUF", 4).u32(3).u64(2).u64(0);
    b.str("w").u32(1).u64(4).u32(0).u64(0);
    b.str("w").u32(1).u64(4).u32(0).u64(32);
    b.padTo(32).s.append(64, '\0');
    expectRefused("names.gguf", b.s, "a second tensor with this name");
}

TEST_F(GgufHostile, OpenWeightFileRecognisesTheMagicWithoutTheExtension)
{
    const auto f = openWeightFile(write("model.bin", SmallFile().bytes()));
    EXPECT_EQ(f->format(), "gguf");
    try {
        openWeightFile(write("empty.gguf", ""));
        ADD_FAILURE() << "an empty .gguf opened";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("empty.gguf"), std::string::npos) << e.what();
    }
}

TEST_F(GgufHostile, RandomlyDamagedFilesOpenOrFailCleanly)
{
    // Overwrite 1-4 random bytes of a valid file (its header, keys, infos or data) many times:
    // each must open and read, or fail with FormatError; never crash or read outside the map
    // (run under the asan preset to check the latter).
    std::string original;
    {
        std::ifstream in(kDir + "/v2.gguf", std::ios::binary);
        original.assign(std::istreambuf_iterator<char>(in), {});
    }
    const std::string small = SmallFile().bytes();
    std::mt19937 rng(4);
    int opened = 0, refused = 0;
    for (int trial = 0; trial < 600; ++trial) {
        std::string bytes = trial % 2 ? original : small;
        const int hits = 1 + int(rng() % 4);
        for (int h = 0; h < hits; ++h) {
            const size_t at = rng() % bytes.size();
            bytes[at] = char(rng() % 3 == 0 ? 0xFF : rng());
        }
        const std::string path = write("damaged.gguf", bytes);
        try {
            GgufFile f(path);
            for (size_t i = 0; i < f.tensors().size(); ++i) {
                std::vector<float> v(static_cast<size_t>(std::min<int64_t>(f.tensors()[i].numel(), 4096)));
                f.read(i, 0, int64_t(v.size()), v.data());
            }
            ++opened;
        } catch (const FormatError& e) {
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
            ++refused;
        }
    }
    EXPECT_GT(refused, 0);
    EXPECT_GT(opened, 0);
}

// ---------------------------------------------------------------- the tokenizer (#18 item 6)

TEST(GgufTokenizer, ReadsTheReferenceTokenizerAndLooksUpBothWays)
{
    const GgufFile f(kDir + "/metadata.gguf");
    ASSERT_TRUE(hasGgufTokenizer(f));
    const GgufTokenizer t = readGgufTokenizer(f);
    EXPECT_EQ(t.model, "llama");
    ASSERT_EQ(t.tokens.size(), 1000u);
    ASSERT_EQ(t.scores.size(), 1000u);
    ASSERT_EQ(t.types.size(), 1000u);
    ASSERT_EQ(t.merges.size(), 500u);
    EXPECT_EQ(t.tokens[0], "<unk>");
    EXPECT_EQ(t.tokens[999], "tok996");
    EXPECT_EQ(t.scores[999], -999.0f);
    EXPECT_EQ(tokenTypeName(t.types[0]), "unknown");
    EXPECT_EQ(tokenTypeName(t.types[1]), "control");
    EXPECT_EQ(tokenTypeName(t.types[3]), "normal");
    EXPECT_EQ(t.merges[499], "t499 o499");
    EXPECT_EQ(t.find("tok42"), (std::vector<int64_t> { 45 }));
    EXPECT_EQ(t.find("</s>"), (std::vector<int64_t> { 2 }));
    EXPECT_TRUE(t.find("tok").empty());
    // "tok99" and "tok990"-"tok996": ids 102 and 993-999.
    EXPECT_EQ(t.search("tok99", 100), (std::vector<int64_t> { 102, 993, 994, 995, 996, 997, 998, 999 }));
    EXPECT_EQ(t.search("tok99", 3).size(), 3u);
    EXPECT_FALSE(hasGgufTokenizer(GgufFile(kDir + "/quants.gguf")));
}

namespace {

// A GGUF with no tensors whose metadata is the given key/value bytes (`count` pairs).
std::string tokenizerFile(const std::string& pairs, uint64_t count)
{
    Bytes b;
    b.raw("GGUF", 4).u32(3).u64(0).u64(count);
    b.s += pairs;
    return b.s;
}

Bytes stringArray(const std::string& key, const std::vector<std::string>& items)
{
    Bytes b;
    b.str(key).u32(9).u32(8).u64(items.size());
    for (const auto& s : items)
        b.str(s);
    return b;
}

} // namespace

TEST_F(GgufHostile, TokenizerArraysThatDisagreeAreRefusedByKey)
{
    const Bytes tokens = stringArray("tokenizer.ggml.tokens", { "a", "b", "c" });
    Bytes scores;
    scores.str("tokenizer.ggml.scores").u32(9).u32(6).u64(2).f32(0).f32(1); // two scores, three tokens
    const std::string path = write("short_scores.gguf", tokenizerFile(tokens.s + scores.s, 2));
    const GgufFile f(path); // the container is fine
    try {
        readGgufTokenizer(f);
        ADD_FAILURE() << "read scores of the wrong length";
    } catch (const FormatError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find(path), std::string::npos) << msg;
        EXPECT_NE(msg.find("tokenizer.ggml.scores"), std::string::npos) << msg;
        EXPECT_NE(msg.find("has 2 elements but tokenizer.ggml.tokens has 3"), std::string::npos) << msg;
    }
    Bytes types;
    types.str("tokenizer.ggml.token_type").u32(9).u32(6).u64(3).f32(1).f32(1).f32(1); // float32, not int32
    const GgufFile g(write("float_types.gguf", tokenizerFile(tokens.s + types.s, 2)));
    try {
        readGgufTokenizer(g);
        ADD_FAILURE() << "read float token types";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("tokenizer.ggml.token_type"), std::string::npos) << e.what();
    }
    const GgufFile h(write("tokens_only.gguf", tokenizerFile(stringArray("tokenizer.ggml.tokens", { "x" }).s, 1)));
    const GgufTokenizer t = readGgufTokenizer(h);
    EXPECT_EQ(t.tokens, (std::vector<std::string> { "x" }));
    EXPECT_TRUE(t.scores.empty() && t.types.empty() && t.merges.empty() && t.model.empty());
}

TEST_F(GgufHostile, TokenStringsPastTheEndAndHugeCountsAreRefusedAtOpen)
{
    Bytes past; // two tokens: "a", then one declaring 1000 bytes where two are left
    past.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(2).str("a").u64(1000).raw("xy", 2);
    const std::string bytes = tokenizerFile(past.s, 1);
    expectRefused("past_end.gguf", bytes, "tokenizer.ggml.tokens");
    Bytes huge;
    huge.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(uint64_t(1) << 60);
    expectRefused("huge.gguf", tokenizerFile(huge.s, 1), "cannot fit");
}
