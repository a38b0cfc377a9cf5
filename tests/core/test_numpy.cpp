// SPDX-License-Identifier: GPL-3.0-or-later
// NumPy .npy/.npz reading and writing: files written by NumPy itself
// (tools/make_numpy_reference.py -> tests/data/numpy, values in expected.json) compared exactly,
// hostile files made here, and round trips through our writers (read back by us and by NumPy).
#include "formats/WeightFormats.h"
#include "io/NpyReader.h"
#include "io/NpyWriter.h"
#include "io/NpzReader.h"
#include "util/Error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zip.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include <unistd.h>

using namespace ws;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(WS_TEST_DATA_DIR) + "/numpy/";

// A folder for the files the tests make, removed when the test program ends.
struct ScratchDir {
    fs::path path = fs::temp_directory_path() / ("ws_test_numpy_" + std::to_string(::getpid()));
    ScratchDir() { fs::create_directories(path); }
    ~ScratchDir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

fs::path scratchDir()
{
    static const ScratchDir dir;
    return dir.path;
}

std::string bytesOf(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string writeBytes(const std::string& name, const std::string& bytes)
{
    const std::string path = (scratchDir() / name).string();
    std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
    return path;
}

// A .npy v1.0 file with this header dict (padded as NumPy pads) followed by `data`.
std::string npyWith(const std::string& dict, const std::string& data)
{
    std::string h = dict;
    while ((10 + h.size() + 1) % 64)
        h += ' ';
    h += '\n';
    std::string out = "\x93NUMPY\x01";
    out += '\0';
    out += char(h.size() & 0xff);
    out += char(h.size() >> 8);
    return out + h + data;
}

float expectedValue(const nlohmann::json& v)
{
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (s == "nan")
            return std::nanf("");
        return s == "inf" ? INFINITY : -INFINITY;
    }
    return float(v.get<double>());
}

void expectSameFloat(float got, float want, const std::string& what)
{
    if (std::isnan(want))
        EXPECT_TRUE(std::isnan(got)) << what << ": got " << got << ", want NaN";
    else
        EXPECT_EQ(got, want) << what;
}

// Checks one opened file against its entry in expected.json, reading whole tensors and in
// chunks of 7 elements (odd, so chunks start mid-row in Fortran-order arrays).
void expectMatchesReference(const WeightFile& wf, const nlohmann::json& want, const std::string& file)
{
    ASSERT_EQ(wf.tensors().size(), want.size()) << file;
    for (size_t i = 0; i < wf.tensors().size(); ++i) {
        const TensorInfo& info = wf.tensors()[i];
        ASSERT_TRUE(want.contains(info.name)) << file << ": unexpected tensor " << info.name;
        const auto& w = want[info.name];
        EXPECT_EQ(dtypeName(info.dtype), w["dtype"].get<std::string>()) << file << ": " << info.name;
        EXPECT_EQ(info.shape, w["shape"].get<Shape>()) << file << ": " << info.name;
        const auto& values = w["values"];
        ASSERT_EQ(size_t(info.numel()), values.size()) << file << ": " << info.name;
        const Tensor t = wf.readTensor(i);
        for (size_t k = 0; k < values.size(); ++k)
            expectSameFloat(t[int64_t(k)], expectedValue(values[k]),
                            file + ": " + info.name + "[" + std::to_string(k) + "]");
        std::vector<float> chunked(values.size());
        for (int64_t first = 0; first < info.numel(); first += 7)
            wf.read(i, first, std::min<int64_t>(7, info.numel() - first), chunked.data() + first);
        for (size_t k = 0; k < values.size(); ++k)
            expectSameFloat(chunked[k], expectedValue(values[k]),
                            file + ": " + info.name + "[" + std::to_string(k) + "] read in chunks");
    }
}

nlohmann::json reference()
{
    return nlohmann::json::parse(bytesOf(kData + "expected.json"));
}

template <class F>
std::string errorOf(F&& f)
{
    try {
        f();
    } catch (const FormatError& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("not a FormatError: ") + e.what();
    }
    return "no error";
}

std::string openError(const std::string& path)
{
    return errorOf([&] { openWeightFile(path); });
}

Tensor ramp(const Shape& shape, float scale = 0.25f, float offset = -3.0f)
{
    Tensor t(shape);
    for (int64_t i = 0; i < t.size(); ++i)
        t[i] = float(i) * scale + offset;
    return t;
}

// Patches a 32-bit little-endian field in every zip local header (signature PK\3\4, field at
// `localOffset`) and central directory entry (PK\1\2, `centralOffset`).
void patchZipField(std::string& zip, size_t localOffset, size_t centralOffset, uint32_t value)
{
    auto put = [&](size_t at) {
        for (int b = 0; b < 4; ++b)
            zip[at + size_t(b)] = char((value >> (8 * b)) & 0xff);
    };
    for (size_t p = 0; (p = zip.find("PK\x03\x04", p)) != std::string::npos; p += 4)
        put(p + localOffset);
    for (size_t p = 0; (p = zip.find("PK\x01\x02", p)) != std::string::npos; p += 4)
        put(p + centralOffset);
}

// A zip with one stored member named `member` holding `bytes`, written by libzip directly
// (our writer refuses such names).
std::string zipWithMember(const std::string& name, const std::string& member, const std::string& bytes)
{
    const std::string path = (scratchDir() / name).string();
    fs::remove(path);
    int err = 0;
    zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &err);
    EXPECT_NE(za, nullptr);
    zip_source_t* src = zip_source_buffer(za, bytes.data(), bytes.size(), 0);
    EXPECT_GE(zip_file_add(za, member.c_str(), src, 0), 0) << zip_strerror(za);
    EXPECT_EQ(zip_close(za), 0);
    return path;
}

} // namespace

TEST(NumpyReader, ReadsEveryReferenceFileExactly)
{
    const auto ref = reference();
    ASSERT_GE(ref.size(), 30u);
    for (const auto& [file, want] : ref.items()) {
        SCOPED_TRACE(file);
        const auto wf = openWeightFile(kData + file);
        EXPECT_EQ(wf->format(), file.ends_with(".npz") ? "npz" : "npy");
        expectMatchesReference(*wf, want, file);
    }
}

TEST(NumpyReader, ReportsVersionAndOrderInMetadata)
{
    const auto v3 = openWeightFile(kData + "v3.npy");
    EXPECT_EQ(v3->metadata()["format_version"], "3.0");
    EXPECT_EQ(v3->metadata()["fortran_order"], true);
    EXPECT_EQ(openWeightFile(kData + "v2.npy")->metadata()["format_version"], "2.0");
    EXPECT_EQ(openWeightFile(kData + "be_f8.npy")->metadata()["descr"], ">f8");
}

TEST(NumpyReader, StreamsLargeMembersWithoutTheCache)
{
    // A cache of 0 bytes sends every read down the streaming paths: seeking in stored members,
    // inflating from the start in deflated ones, scattering Fortran-order members.
    const auto ref = reference();
    for (const char* file : { "savez.npz", "savez_compressed.npz" }) {
        SCOPED_TRACE(file);
        NpzFile npz(kData + file, 0);
        expectMatchesReference(npz, ref[file], file);
    }
}

TEST(NumpyReader, RefusesObjectArraysWithoutUnpickling)
{
    const std::string e = openError(kData + "object.npy");
    EXPECT_NE(e.find("object.npy"), std::string::npos) << e;
    EXPECT_NE(e.find("never unpickles"), std::string::npos) << e;
}

TEST(NumpyReader, RefusesStructuredArrays)
{
    const std::string e = openError(kData + "structured.npy");
    EXPECT_NE(e.find("structured"), std::string::npos) << e;
}

TEST(NumpyReader, RefusesTruncatedData)
{
    std::string b = bytesOf(kData + "le_f4.npy");
    b.resize(b.size() - 4);
    const std::string e = openError(writeBytes("truncated.npy", b));
    EXPECT_NE(e.find("truncated"), std::string::npos) << e;
}

TEST(NumpyReader, RefusesAFileCutInsideTheHeader)
{
    const std::string b = bytesOf(kData + "le_f4.npy").substr(0, 9);
    const std::string e = openError(writeBytes("cut.npy", b));
    EXPECT_NE(e.find("header length"), std::string::npos) << e;
}

TEST(NumpyReader, RefusesBadMagic)
{
    std::string b = bytesOf(kData + "le_f4.npy");
    b[1] = 'X';
    const std::string e = openError(writeBytes("magic.npy", b));
    EXPECT_NE(e.find("not a NumPy .npy file"), std::string::npos) << e;
}

TEST(NumpyReader, RefusesUnknownVersions)
{
    std::string b = bytesOf(kData + "le_f4.npy");
    b[6] = 4;
    const std::string e = openError(writeBytes("v4.npy", b));
    EXPECT_NE(e.find("version 4.0"), std::string::npos) << e;
}

TEST(NumpyReader, RefusesHeaderLengthPastTheEnd)
{
    std::string b = bytesOf(kData + "le_f4.npy");
    b[8] = char(0xff);
    b[9] = char(0x7f); // 32767 bytes of header in a file of under 200
    const std::string e = openError(writeBytes("headerlen.npy", b));
    EXPECT_NE(e.find("runs past the end"), std::string::npos) << e;
}

TEST(NumpyReader, RefusesHugeHeaders)
{
    std::string b = bytesOf(kData + "v2.npy");
    b[8] = b[9] = b[10] = char(0xff);
    b[11] = 0x7f;
    const std::string e = openError(writeBytes("hugeheader.npy", b));
    EXPECT_NE(e.find("more than the 65536 accepted"), std::string::npos) << e;
}

TEST(NumpyReader, RefusesDictsThatAreNotTheNpyLiteral)
{
    const std::string data(8, '\0');
    const std::pair<const char*, const char*> cases[] = {
        { "{'descr': __import__('os').system('ls'), 'fortran_order': False, 'shape': (2,), }", "quoted string" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1, }", "unexpected key 'extra'" },
        { "{'descr': '<f4', 'shape': (2,), }", "lacks 'fortran_order'" },
        { "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", "appears twice" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (2), }", "not a tuple" },
        { "{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }", "True or False" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", "non-negative" },
        { "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), } junk", "after the header dict" },
        { "{'descr': '<f\\x34', 'fortran_order': False, 'shape': (2,), }", "escape" },
        { "{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (2,), }", "structured" },
        { "{'descr': '|f4', 'fortran_order': False, 'shape': (2,), }", "byte order" },
        { "{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", "complex" },
        { "{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }", "string" },
        { "{'descr': 'f4', 'fortran_order': False, 'shape': (2,), }", "byte order" },
        { "['descr', '<f4']", "'{'" },
    };
    int n = 0;
    for (const auto& [dict, message] : cases) {
        const std::string e = openError(writeBytes("dict" + std::to_string(n++) + ".npy", npyWith(dict, data)));
        EXPECT_NE(e.find(message), std::string::npos) << "header " << dict << " gave: " << e;
    }
}

TEST(NumpyReader, RefusesAHeaderWithoutNewline)
{
    std::string b = bytesOf(kData + "le_f4.npy");
    const size_t hlen = size_t(uint8_t(b[8])) | size_t(uint8_t(b[9])) << 8;
    b[10 + hlen - 1] = ' ';
    const std::string e = openError(writeBytes("nonewline.npy", b));
    EXPECT_NE(e.find("newline"), std::string::npos) << e;
}

TEST(NumpyReader, AcceptsNativeOrderAndPython2Longs)
{
    const float v[2] = { 1.5f, -2.0f };
    const std::string data(reinterpret_cast<const char*>(v), sizeof v);
    const auto wf = openWeightFile(writeBytes("native.npy",
        npyWith("{\"descr\": \"=f4\", \"fortran_order\": False, \"shape\": (1L, 2L)}", data)));
    EXPECT_EQ(wf->tensors()[0].shape, (Shape { 1, 2 }));
    const Tensor t = wf->readTensor(0);
    EXPECT_EQ(t[0], 1.5f);
    EXPECT_EQ(t[1], -2.0f);
}

TEST(NumpyReader, RefusesShapesWhoseSizeOverflows)
{
    const std::string e1 = openError(writeBytes("overflow1.npy",
        npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", "")));
    EXPECT_NE(e1.find("64 bits"), std::string::npos) << e1;
    const std::string e2 = openError(writeBytes("overflow2.npy",
        npyWith("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904,), }", "")));
    EXPECT_NE(e2.find("64 bits"), std::string::npos) << e2;
    const std::string e3 = openError(writeBytes("overflow3.npy",
        npyWith("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }", "")));
    EXPECT_NE(e3.find("64 bits"), std::string::npos) << e3;
}

TEST(NumpyReader, RefusesDataShorterThanTheShape)
{
    const std::string e = openError(writeBytes("short.npy",
        npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (100,), }", std::string(8, '\0'))));
    EXPECT_NE(e.find("needs 400 bytes"), std::string::npos) << e;
    EXPECT_NE(e.find("only 8"), std::string::npos) << e;
}

TEST(NumpyReader, ReadsTheFirstArrayWhenMoreFollow)
{
    // np.save called twice on one open file: NumPy reads the first array; so do we.
    const std::string one = bytesOf(kData + "le_f4.npy");
    const auto wf = openWeightFile(writeBytes("twice.npy", one + one));
    EXPECT_EQ(wf->metadata()["trailing_bytes"], one.size());
    EXPECT_EQ(wf->tensors()[0].shape, (Shape { 2, 5 }));
}

TEST(NumpyReader, RefusesReadsOutsideTheTensor)
{
    const auto wf = openWeightFile(kData + "le_f4.npy");
    std::vector<float> out(20);
    EXPECT_THROW(wf->read(0, 5, 6, out.data()), Error);
    EXPECT_THROW(wf->read(0, -1, 2, out.data()), Error);
}

TEST(NpzReader, RefusesMemberNamesThatEscapeTheArchive)
{
    const std::string npy = bytesOf(kData + "le_f4.npy");
    for (const char* name : { "../evil.npy", "a/../../evil.npy", "/etc/evil.npy", "..\\evil.npy" }) {
        const std::string e = openError(zipWithMember("traversal.npz", name, npy));
        EXPECT_NE(e.find("contains '..'"), std::string::npos) << name << ": " << e;
    }
}

TEST(NpzReader, RefusesAbsurdCompressionRatios)
{
    const std::string path = (scratchDir() / "bomb.npz").string();
    writeNpz(path, { { "zeros", Tensor({ 1000 }) } }, true);
    std::string zip = bytesOf(path);
    patchZipField(zip, 22, 24, 200u << 20); // declares 200 MB uncompressed
    const std::string e = openError(writeBytes("bomb.npz", zip));
    EXPECT_NE(e.find("zip bomb"), std::string::npos) << e;
}

TEST(NpzReader, RefusesSizesThatDisagreeWithTheNpyHeader)
{
    const std::string path = (scratchDir() / "sizes.npz").string();
    writeNpz(path, { { "w", ramp({ 10 }) } }, true);
    std::string zip = bytesOf(path);
    patchZipField(zip, 22, 24, 128 + 40 + 4); // four bytes more than header + data
    const std::string e = openError(writeBytes("sizes.npz", zip));
    EXPECT_NE(e.find("needs 168"), std::string::npos) << e;
}

TEST(NpzReader, RefusesCorruptedDeflateData)
{
    const std::string path = (scratchDir() / "corrupt.npz").string();
    writeNpz(path, { { "w", ramp({ 4000 }, 0.37f, 1.0f) } }, true);
    std::string zip = bytesOf(path);
    const size_t nameLen = size_t(uint8_t(zip[26])) | size_t(uint8_t(zip[27])) << 8;
    const size_t extraLen = size_t(uint8_t(zip[28])) | size_t(uint8_t(zip[29])) << 8;
    const size_t data = 30 + nameLen + extraLen;
    const size_t compSize = size_t(uint8_t(zip[18])) | size_t(uint8_t(zip[19])) << 8 | size_t(uint8_t(zip[20])) << 16;
    ASSERT_GT(compSize, 200u);
    for (size_t i = data + compSize / 2; i < data + compSize / 2 + 16; ++i)
        zip[i] = char(~zip[i]);
    const std::string bad = writeBytes("corrupt.npz", zip);
    const std::string e = errorOf([&] { openWeightFile(bad)->readTensor(0); });
    EXPECT_NE(e.find("corrupt.npz"), std::string::npos) << e;
    EXPECT_NE(e.find("member 'w.npy'"), std::string::npos) << e;
}

TEST(NpzReader, RefusesTruncatedArchives)
{
    const std::string b = bytesOf(kData + "savez.npz");
    const std::string e = openError(writeBytes("truncated.npz", b.substr(0, b.size() / 2)));
    EXPECT_NE(e.find("not a readable .npz"), std::string::npos) << e;
}

TEST(NpyWriter, WritesTheHeaderNumpyWrites)
{
    const std::string numpy = bytesOf(kData + "le_f4.npy"); // '<f4', C order, shape (2, 5)
    EXPECT_EQ(npyHeaderF32({ 2, 5 }), numpy.substr(0, 128));
    EXPECT_EQ(npyHeaderF32({ 0 }), bytesOf(kData + "empty_1d.npy").substr(0, 128)); // shape (0,)
    EXPECT_EQ(npyHeaderF32({}), bytesOf(kData + "scalar_f4.npy").substr(0, 128));   // shape ()
}

TEST(NpyWriter, RoundTripsThroughOurReader)
{
    for (const Shape& shape : { Shape {}, Shape { 0 }, Shape { 7 }, Shape { 3, 4, 5 } }) {
        const Tensor t = ramp(shape);
        const std::string path = (scratchDir() / "roundtrip.npy").string();
        writeNpy(path, t);
        const auto wf = openWeightFile(path);
        EXPECT_EQ(wf->tensors()[0].name, "roundtrip");
        EXPECT_EQ(wf->tensors()[0].shape, shape);
        EXPECT_EQ(wf->readTensor(0), t) << shapeToString(shape);
    }
}

TEST(NpzWriter, RoundTripsStoredAndDeflated)
{
    const std::vector<std::pair<std::string, Tensor>> tensors = {
        { "dense/kernel:0", ramp({ 4, 3 }) }, { "dense/bias:0", ramp({ 3 }, 2.0f, 1.0f) },
        { "step", ramp({}) }, { "empty", Tensor({ 0, 2 }) },
    };
    for (bool compress : { true, false }) {
        const std::string path = (scratchDir() / "roundtrip.npz").string();
        writeNpz(path, tensors, compress);
        for (uint64_t cache : { kNpzCacheBytes, uint64_t(0) }) {
            NpzFile npz(path, cache);
            ASSERT_EQ(npz.tensors().size(), tensors.size());
            EXPECT_EQ(npz.metadata()["members"][0]["compression"], compress ? "deflated" : "stored");
            for (size_t i = 0; i < tensors.size(); ++i) {
                EXPECT_EQ(npz.tensors()[i].name, tensors[i].first);
                EXPECT_EQ(npz.readTensor(i), tensors[i].second) << tensors[i].first << (compress ? " deflated" : " stored");
            }
        }
    }
}

TEST(NpzWriter, RefusesNamesThatCannotBeMembers)
{
    const std::string path = (scratchDir() / "names.npz").string();
    EXPECT_THROW(writeNpz(path, { { "../x", ramp({ 2 }) } }), Error);
    EXPECT_THROW(writeNpz(path, { { "", ramp({ 2 }) } }), Error);
    EXPECT_THROW(writeNpz(path, { { "a", ramp({ 2 }) }, { "a", ramp({ 2 }) } }), Error);
    EXPECT_FALSE(fs::exists(path));
}

TEST(NpyWriter, LeavesTheOldFileWhenTheFolderIsMissing)
{
    EXPECT_THROW(writeNpy((scratchDir() / "no-such-folder" / "x.npy").string(), ramp({ 2 })), Error);
}

TEST(NpyWriter, WritesFilesNumpyLoads)
{
    // NumPy itself reads what we wrote (tests/core/numpy_loads.py checks shapes and values).
    const std::string python = "/usr/bin/python3";
    if (!fs::exists(python) || std::system((python + " -c 'import numpy' 2>/dev/null").c_str()) != 0)
        GTEST_SKIP() << "no python3-numpy";
    const std::string npy = (scratchDir() / "for_numpy.npy").string();
    const std::string npz = (scratchDir() / "for_numpy.npz").string();
    const std::string npzStored = (scratchDir() / "for_numpy_stored.npz").string();
    writeNpy(npy, ramp({ 3, 4, 5 }));
    const std::vector<std::pair<std::string, Tensor>> tensors = {
        { "dense/kernel:0", ramp({ 4, 3 }) }, { "bias", ramp({ 3 }) }, { "step", ramp({}) },
    };
    writeNpz(npz, tensors, true);
    writeNpz(npzStored, tensors, false);
    const std::string script = std::string(WS_TEST_DATA_DIR) + "/../core/numpy_loads.py";
    const std::string cmd = python + " " + script + " " + npy + " " + npz + " " + npzStored;
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

TEST(NumpyReader, SurvivesRandomlyDamagedFiles)
{
    // Every damaged copy either opens and reads or throws ws::Error; nothing else (run under
    // ASan/UBSan by the asan preset). Fixed seed, so a failure names a reproducible case.
    std::mt19937 rng(1234);
    for (const char* file : { "le_f4.npy", "fortran_3d_be.npy", "v3.npy", "savez.npz", "savez_compressed.npz" }) {
        const std::string original = bytesOf(kData + file);
        for (int round = 0; round < 150; ++round) {
            std::string b = original;
            const int flips = 1 + int(rng() % 4);
            for (int k = 0; k < flips; ++k)
                b[rng() % b.size()] = char(rng());
            if (round % 5 == 0)
                b.resize(rng() % b.size());
            const std::string path = writeBytes(std::string("damaged_") + file, b);
            try {
                const auto wf = openWeightFile(path);
                for (size_t i = 0; i < wf->tensors().size(); ++i)
                    wf->readTensor(i);
            } catch (const Error&) {
                // refused with a message: fine
            } catch (const std::exception& e) {
                ADD_FAILURE() << file << " round " << round << ": not a ws::Error: " << e.what();
            }
        }
    }
}
