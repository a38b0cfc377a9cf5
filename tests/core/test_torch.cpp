// SPDX-License-Identifier: GPL-3.0-or-later
// PyTorch checkpoints: files written by torch.save (tools/make_torch_reference.py ->
// tests/data/torch) compared exactly with the values torch wrote beside them (expected_*.npz,
// read back with our NumPy reader); hostile pickles and archives refused with a message naming
// the file and the place, without running anything; byte-level damage never crashes.
#include "formats/WeightFormats.h"
#include "io/NpzReader.h"
#include "io/PickleReader.h"
#include "io/TorchReader.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

using namespace ws;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(WS_TEST_DATA_DIR) + "/torch/";
const std::string kBad = kData + "bad/";
const char* kWitness = "/tmp/weightscope-pickle-was-executed"; // what the hostile payloads would create

// The damage tests write thousands of small files: in memory (/dev/shm) where there is one, since
// rewriting a file on a disk mounted with `discard` costs milliseconds each time.
fs::path scratchRoot()
{
    std::error_code ec;
    return fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0 ? fs::path("/dev/shm")
                                                                               : fs::temp_directory_path();
}

struct ScratchDir {
    fs::path path = scratchRoot() / ("ws_test_torch_" + std::to_string(::getpid()));
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

// Bytes of a string literal, embedded NULs included.
template <size_t N>
std::string raw(const char (&s)[N])
{
    return std::string(s, N - 1);
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

std::vector<float> readAll(const WeightFile& f, size_t i)
{
    std::vector<float> v(size_t(f.tensors()[i].numel()));
    f.read(i, 0, int64_t(v.size()), v.data());
    return v;
}

bool same(float a, float b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

size_t indexOf(const WeightFile& f, const std::string& name)
{
    for (size_t i = 0; i < f.tensors().size(); ++i)
        if (f.tensors()[i].name == name)
            return i;
    ADD_FAILURE() << f.path() << ": no tensor '" << name << "'";
    return 0;
}

// Every tensor torch wrote, in the same order, with the same shape and bit-identical values.
void expectMatchesTorch(const std::string& file, const std::string& expectedNpz)
{
    const TorchFile got(kData + file);
    const NpzFile want(kData + expectedNpz);
    ASSERT_EQ(got.tensors().size(), want.tensors().size()) << file;
    for (size_t i = 0; i < want.tensors().size(); ++i) {
        const TensorInfo& w = want.tensors()[i];
        EXPECT_EQ(got.tensors()[i].name, w.name) << file << " tensor " << i;
        EXPECT_EQ(got.tensors()[i].shape, w.shape) << file << " tensor " << w.name;
        const auto a = readAll(got, i), b = readAll(want, i);
        ASSERT_EQ(a.size(), b.size());
        for (size_t k = 0; k < a.size(); ++k)
            ASSERT_TRUE(same(a[k], b[k])) << file << " tensor " << w.name << " element " << k << ": " << a[k]
                                          << " vs " << b[k];
    }
}

// Opening `path` throws FormatError whose message names the file and holds `parts` in this order
// (plain substrings: std::regex draws false -Wmaybe-uninitialized warnings from GCC 12 under ASan).
void expectRefused(const std::string& path, std::initializer_list<std::string> parts)
{
    try {
        TorchFile f(path);
        ADD_FAILURE() << path << ": opened, but should have been refused (" << *parts.begin() << ")";
    } catch (const FormatError& e) {
        const std::string msg = e.what();
        EXPECT_EQ(msg.rfind(path, 0), 0u) << "the message does not start with the file: " << msg;
        size_t at = 0;
        for (const std::string& part : parts) {
            at = msg.find(part, at);
            EXPECT_NE(at, std::string::npos) << "message: " << msg << "\nexpected to contain: " << part;
            if (at == std::string::npos)
                return;
            at += part.size();
        }
    }
}

} // namespace

TEST(TorchReader, ReadsAnMlpStateDictExactlyAsTorchWroteIt)
{
    const TorchFile f(kData + "mlp.pt");
    EXPECT_EQ(f.format(), "pytorch");
    ASSERT_EQ(f.tensors().size(), 4u);
    EXPECT_EQ(f.tensors()[0].name, "0.weight");
    EXPECT_EQ(f.tensors()[0].shape, (Shape { 8, 4 }));
    EXPECT_EQ(f.tensors()[0].dtype, DType::F32);
    EXPECT_EQ(f.tensors()[0].nbytes, 8u * 4 * 4);
    EXPECT_EQ(f.tensors()[3].name, "2.bias");
    EXPECT_EQ(f.metadata().at("archive_name"), "mlp");
    EXPECT_EQ(f.metadata().at("format_version"), "3");
    expectMatchesTorch("mlp.pt", "expected_mlp.npz");
}

TEST(TorchReader, ReadsAConvNetWithBatchNormCountersAsZeroDimensionalInt64)
{
    expectMatchesTorch("cnn.pt", "expected_cnn.npz");
    const TorchFile f(kData + "cnn.pt");
    const TensorInfo& n = f.tensor("1.num_batches_tracked");
    EXPECT_EQ(n.dtype, DType::I64);
    EXPECT_EQ(n.shape, Shape {});
    EXPECT_EQ(readAll(f, indexOf(f, "1.num_batches_tracked")), std::vector<float> { 1.0f });
}

TEST(TorchReader, MapsEveryStorageTypeToItsDType)
{
    expectMatchesTorch("dtypes.pt", "expected_dtypes.npz");
    const TorchFile f(kData + "dtypes.pt");
    const std::pair<const char*, DType> want[] = {
        { "f32", DType::F32 }, { "f64", DType::F64 }, { "f16", DType::F16 }, { "bf16", DType::BF16 },
        { "i64", DType::I64 }, { "i32", DType::I32 }, { "i16", DType::I16 }, { "i8", DType::I8 },
        { "u8", DType::U8 }, { "bool", DType::Bool },
    };
    for (const auto& [name, dtype] : want)
        EXPECT_EQ(f.tensor(name).dtype, dtype) << name;
    EXPECT_EQ(f.tensor("scalar").shape, Shape {});
    EXPECT_EQ(f.tensor("empty").shape, (Shape { 0, 4 }));
    // Values worked out by hand, independently of the .npz.
    EXPECT_EQ(readAll(f, indexOf(f, "i64")), (std::vector<float> { -1099511627776.0f, -1, 0, 1, 7, 1048576 }));
    EXPECT_EQ(readAll(f, indexOf(f, "bool")), (std::vector<float> { 1, 0, 0, 1 }));
    EXPECT_EQ(readAll(f, indexOf(f, "u8")), (std::vector<float> { 0, 1, 200, 255 }));
}

TEST(TorchReader, GathersViewsThatShareAStorageWithAnyStrides)
{
    expectMatchesTorch("views.pt", "expected_views.npz");
    const TorchFile f(kData + "views.pt");
    // base = arange(24) viewed (4, 6); transposed is (6, 4) with strides (1, 6).
    EXPECT_EQ(readAll(f, indexOf(f, "second")), (std::vector<float> { 6, 7, 8, 9, 10, 11 }));
    EXPECT_EQ(readAll(f, indexOf(f, "strided")), (std::vector<float> { 6, 8, 10, 12, 14, 16, 18, 20, 22 }));
    EXPECT_EQ(readAll(f, indexOf(f, "expanded")), (std::vector<float> { 1, 2, 3, 1, 2, 3 }));
    // A chunk that starts and ends mid-row of the transposed view.
    std::vector<float> chunk(7);
    f.read(indexOf(f, "transposed"), 5, 7, chunk.data());
    EXPECT_EQ(chunk, (std::vector<float> { 7, 13, 19, 2, 8, 14, 20 }));
}

TEST(TorchReader, NamesTensorsOfANestedCheckpointByDottedPathsAndKeepsTheRestAsMetadata)
{
    expectMatchesTorch("checkpoint.pth", "expected_checkpoint.npz");
    const TorchFile f(kData + "checkpoint.pth");
    EXPECT_EQ(f.tensor("model.0.weight").shape, (Shape { 8, 4 }));
    EXPECT_EQ(f.tensor("optimizer.state.0.exp_avg").shape, (Shape { 8, 4 }));
    EXPECT_EQ(f.tensor("optimizer.state.3.exp_avg_sq").shape, (Shape { 3 }));
    const auto& values = f.metadata().at("values");
    EXPECT_EQ(values.at("epoch"), 7);
    EXPECT_EQ(values.at("best_accuracy"), 0.875);
    EXPECT_EQ(values.at("run"), "mlp-adam");
    const auto& group = values.at("optimizer.param_groups").at(0);
    EXPECT_EQ(group.at("lr"), 0.01);
    EXPECT_EQ(group.at("betas"), (nlohmann::json { 0.9, 0.99 }));
    EXPECT_EQ(group.at("params"), (nlohmann::json { 0, 1, 2, 3 }));
}

TEST(TorchReader, ReadsParametersProtocolFourAndTheLegacyFormat)
{
    expectMatchesTorch("param.pt", "expected_param.npz");
    expectMatchesTorch("pytorch_model.bin", "expected_pytorch_model.npz");
    expectMatchesTorch("legacy.pt", "expected_legacy.npz");
    EXPECT_EQ(TorchFile(kData + "legacy.pt").format(), "pytorch (legacy)");
    EXPECT_EQ(TorchFile(kData + "legacy.pt").metadata().at("byteorder"), "little");
}

TEST(TorchReader, ReadsLegacyStorageViewsAsTorchLoadsThem)
{
    expectMatchesTorch("legacy_view.pt", "expected_legacy_view.npz");
    const TorchFile f(kData + "legacy_view.pt");
    EXPECT_EQ(readAll(f, indexOf(f, "w")), (std::vector<float> { 3, 4, 5, 6 }));
}

TEST(TorchReader, ReadsAnArchiveRepackedWithADeflatedPickleAndUnalignedStorages)
{
    expectMatchesTorch("mlp_repacked.pt", "expected_mlp.npz");
}

TEST(TorchReader, SwapsBytesWhenTheArchiveSaysBigEndian)
{
    const TorchFile f(kData + "big_endian.pt");
    EXPECT_EQ(f.metadata().at("byteorder"), "big");
    EXPECT_EQ(readAll(f, indexOf(f, "w")), (std::vector<float> { 0.5f, -1.0f, 2.0f, 3.25f, 5.0f, 6.0f }));
    EXPECT_EQ(f.tensor("h").dtype, DType::F16);
    EXPECT_EQ(readAll(f, indexOf(f, "h")), (std::vector<float> { 1.5f, -2.0f }));
}

TEST(TorchReader, IsChosenByNameAndByContent)
{
    EXPECT_EQ(openWeightFile(kData + "pytorch_model.bin")->format(), "pytorch");
    EXPECT_EQ(openWeightFile(kData + "checkpoint.pth")->format(), "pytorch");
    EXPECT_EQ(openWeightFile(writeBytes("zip.weights", bytesOf(kData + "mlp.pt")))->format(), "pytorch");
    EXPECT_EQ(openWeightFile(writeBytes("legacy.weights", bytesOf(kData + "legacy.pt")))->format(),
              "pytorch (legacy)");
}

// #17: a global the unpickler does not understand as data (a model class, but also os.system or
// eval) is an inert record of its name: "calling" it only stores the arguments beside the name.
// These files open with no tensors, name what torch.load would have run, and run nothing.
TEST(TorchReader, GlobalsThatWouldRunCodeBecomeInertRecordsAndAreNamed)
{
    std::remove(kWitness);
    const std::pair<const char*, const char*> files[] = {
        { "reduce_os_system.pt", "posix.system" },
        { "reduce_os_system_proto4.pt", "posix.system" },
        { "builtins_eval.pt", "__builtin__.eval" },
        { "subprocess_popen.pt", "subprocess.Popen" },
    };
    for (const auto& [file, global] : files) {
        const TorchFile f(kBad + file);
        EXPECT_TRUE(f.tensors().empty()) << file;
        EXPECT_EQ(f.metadata().at("pickle_globals"), nlohmann::json::array({ global })) << file;
        const std::string values = f.metadata().at("values").dump();
        EXPECT_NE(values.find(std::string("\"__class__\":\"") + global + "\""), std::string::npos) << file << ": " << values;
    }
    EXPECT_NE(TorchFile(kBad + "reduce_os_system.pt").metadata().at("values").at("(root)").at("w").dump().find("touch "),
              std::string::npos)
        << "the arguments are kept as data";
    EXPECT_FALSE(fs::exists(kWitness)) << "a pickled payload ran";
}

TEST(TorchReader, RefusesBrokenPicklesWithTheirPlace)
{
    expectRefused(kBad + "memo_out_of_range.pt", { "data.pkl", "memo index 5 is out of range at byte 5" });
    expectRefused(kBad + "stack_underflow.pt", { "stack underflow at byte 3" });
    expectRefused(kBad + "truncated_pickle.pt", { "truncated" });
    expectRefused(kBad + "huge_binunicode.pt", { "needs 2147483647 more bytes but 4 remain at byte 2" });
    expectRefused(kBad + "deep_nesting.pt", { "nested more than 100 levels" });
    expectRefused(kBad + "deep_marks.pt", { "MARKs nested more than 1000 deep at byte 1002" });
    expectRefused(kBad + "unknown_opcode.pt", { "unsupported pickle opcode 0xff at byte 2" });
}

TEST(TorchReader, RefusesStoragesThatDoNotHoldTheirTensors)
{
    expectRefused(kBad + "storage_too_small.pt", { "shape (10, 10)", "reaches element 99 of storage '0', which holds only 6" });
    expectRefused(kBad + "offset_past_storage.pt", { "storage offset 4 reaches element 6 of storage '0'" });
    expectRefused(kBad + "member_too_small.pt", { "storage '0' (FloatStorage): 6 elements need more than the 16 bytes" });
    expectRefused(kBad + "missing_storage.pt", { "no member 'archive/data/0'" });
    expectRefused(kBad + "compressed_storage.pt", { "storage '0'", "compressed (method 8)" });
    expectRefused(kBad + "pickle_bomb.pt", { "data.pkl", "ratio above 100:1; refused as a likely zip bomb" });
    expectRefused(kBad + "no_data_pkl.pt", { "without <name>/data.pkl" });
    expectRefused(kBad + "legacy_truncated.pt", { "storage '", "' at byte ", ": its 12 bytes run past the end" });
}

TEST(TorchReader, SurvivesEveryTruncationOfALegacyFile)
{
    const std::string whole = bytesOf(kData + "legacy.pt");
    for (size_t n = 0; n < whole.size(); ++n) {
        const std::string path = writeBytes("cut.pt", whole.substr(0, n));
        EXPECT_THROW(TorchFile { path }, FormatError) << "cut at " << n;
    }
}

// Byte damage anywhere in the pickles of a legacy file: either it still opens (then every tensor
// reads) or it is a FormatError; never a crash, a hang or another exception.
TEST(TorchReader, SurvivesDamagedBytesAnywhereInALegacyFile)
{
    const std::string whole = bytesOf(kData + "legacy.pt");
    int opened = 0, refused = 0;
    for (size_t i = 0; i < whole.size(); ++i) {
        for (const uint8_t value : { uint8_t(0xff), uint8_t(whole[i] ^ 0x01) }) {
            std::string damaged = whole;
            damaged[i] = char(value);
            const std::string path = writeBytes("damaged.pt", damaged);
            try {
                const TorchFile f(path);
                for (size_t t = 0; t < f.tensors().size(); ++t)
                    readAll(f, t);
                ++opened;
            } catch (const FormatError&) {
                ++refused;
            }
        }
    }
    EXPECT_GT(refused, 100) << "most damage in the pickles should be noticed";
    EXPECT_GT(opened, 10) << "damage to tensor values is not detectable and must still open";
}

// A legacy file whose object pickle is `object` (the magic, version and sys_info pickles of
// legacy.pt before it, an empty list of storage keys after it).
std::string legacyWith(const std::string& object)
{
    const std::string whole = bytesOf(kData + "legacy.pt");
    size_t pos = 0;
    for (int i = 0; i < 3; ++i)
        pos += unpickle(reinterpret_cast<const uint8_t*>(whole.data()) + pos, whole.size() - pos, "legacy.pt").bytesRead;
    return whole.substr(0, pos) + object + raw("\x80\x02]q\x00.");
}

// The same for a zip checkpoint: damage in the directories and headers is caught by libzip or by
// our own walk of them (io/ZipLayout.h), damage in data.pkl by its CRC-32, damage in a storage
// only changes values (storages are read in place; their CRCs are not checked).
TEST(TorchReader, SurvivesDamagedBytesAndTruncationsOfAZipCheckpoint)
{
    const std::string whole = bytesOf(kData + "mlp.pt");
    int opened = 0, refused = 0;
    for (size_t i = 0; i < whole.size(); ++i) {
        std::string damaged = whole;
        damaged[i] = char(i % 2 ? 0xff : whole[i] ^ 0x01);
        for (const std::string& bytes : { damaged, whole.substr(0, i) }) {
            const std::string path = writeBytes("damaged.pt", bytes);
            try {
                const TorchFile f(path);
                for (size_t t = 0; t < f.tensors().size(); ++t)
                    readAll(f, t);
                ++opened;
            } catch (const FormatError&) {
                ++refused;
            }
        }
    }
    EXPECT_GT(refused, int(whole.size())) << "every truncation and most damage should be noticed";
    EXPECT_GT(opened, 100) << "damage to storage values is not detectable and must still open";
}

TEST(TorchReader, RefusesCyclesAndExponentialSharingInTheObject)
{
    // A list that appends itself.
    expectRefused(writeBytes("cycle.pt", legacyWith(raw("\x80\x02]q\x00h\x00" "a."))),
                  { "a container holds itself" });
    // Forty lists each holding the previous one twice: 2^40 leaves if walked naively.
    std::string doubling = "\x80\x02]";
    for (int i = 0; i < 40; ++i)
        doubling += raw("q\x00(h\x00h\x00l");
    doubling += ".";
    expectRefused(writeBytes("doubling.pt", legacyWith(doubling)), { "refers to its shared parts too many times" });
    // A plain value is kept as metadata.
    const TorchFile f(writeBytes("value.pt", legacyWith(raw("\x80\x02K\x07."))));
    EXPECT_TRUE(f.tensors().empty());
    EXPECT_EQ(f.metadata().at("values").at("(root)"), 7);
}

// The protocol-4 pickle of pytorch_model.bin (FRAME, MEMOIZE, STACK_GLOBAL), damaged byte by byte
// and fed to the unpickler directly (inside the archive its CRC-32 would stop it first).
TEST(PickleReader, SurvivesDamageAnywhereInAProtocolFourPickle)
{
    const std::string zip = bytesOf(kData + "pytorch_model.bin");
    ASSERT_EQ(zip.compare(0, 4, "PK\x03\x04"), 0);
    auto le = [&](size_t at, int n) {
        size_t v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = v << 8 | uint8_t(zip[at + size_t(i)]);
        return v;
    };
    // The first member is data.pkl, stored: local header, name, extra, then the bytes (torch puts
    // the sizes in a data descriptor after them, so the pickle's own STOP says where it ends).
    const size_t nameLen = le(26, 2), start = 30 + nameLen + le(28, 2);
    ASSERT_EQ(zip.substr(30, nameLen), "pytorch_model/data.pkl");
    std::string pkl = zip.substr(start);
    const Pickle whole = unpickle(reinterpret_cast<const uint8_t*>(pkl.data()), pkl.size(), "pkl");
    ASSERT_EQ(whole.tensors.size(), 4u);
    pkl.resize(whole.bytesRead);
    int refused = 0;
    for (size_t i = 0; i < pkl.size(); ++i) {
        for (const uint8_t value : { uint8_t(0x00), uint8_t(0xff), uint8_t(pkl[i] ^ 0x01), uint8_t(pkl[i] ^ 0x80) }) {
            std::string damaged = pkl;
            damaged[i] = char(value);
            try {
                unpickle(reinterpret_cast<const uint8_t*>(damaged.data()), damaged.size(), "damaged");
            } catch (const FormatError&) {
                ++refused;
            }
        }
        try {
            unpickle(reinterpret_cast<const uint8_t*>(pkl.data()), i, "truncated");
            ADD_FAILURE() << "a pickle cut at byte " << i << " was accepted";
        } catch (const FormatError&) {
        }
    }
    EXPECT_GT(refused, int(pkl.size())) << "most damage should be noticed";
}

TEST(PickleReader, ReadsPrimitivesAndRefusesBadText)
{
    // {'a': -2 (LONG1), 'b': 1.5 (BINFLOAT), 'c': b'xy', 'd': None, 'e': True}
    const std::string ok = raw("\x80\x02}(X\x01\x00\x00\x00" "a\x8a\x01\xfeX\x01\x00\x00\x00" "bG?\xf8\x00\x00\x00\x00\x00\x00"
                                       "X\x01\x00\x00\x00" "cC\x02xyX\x01\x00\x00\x00" "dNX\x01\x00\x00\x00" "e\x88u.");
    const Pickle p = unpickle(reinterpret_cast<const uint8_t*>(ok.data()), ok.size(), "ok");
    const auto& items = p.children(p.root);
    ASSERT_EQ(items.size(), 10u);
    EXPECT_EQ(p.node(items[1]).num, -2);
    EXPECT_EQ(p.node(items[3]).real(), 1.5);
    EXPECT_EQ(p.node(items[5]).kind, Pickle::Kind::Bytes);
    EXPECT_EQ(p.str(items[5]), "xy");
    EXPECT_EQ(p.node(items[7]).kind, Pickle::Kind::None);
    EXPECT_EQ(p.node(items[9]).num, 1);
    const std::string badUtf8 = raw("\x80\x02X\x02\x00\x00\x00\xc3\x28.");
    EXPECT_THROW(unpickle(reinterpret_cast<const uint8_t*>(badUtf8.data()), badUtf8.size(), "utf8"), FormatError);
    // STACK_GLOBAL of a name holding an escape sequence: refused without quoting it.
    const std::string escape = raw("\x80\x04\x8c\x02os\x8c\x08\x1b[2Jecho\x93.");
    try {
        unpickle(reinterpret_cast<const uint8_t*>(escape.data()), escape.size(), "escape");
        ADD_FAILURE() << "a global with control characters was accepted";
    } catch (const FormatError& e) {
        EXPECT_EQ(std::string(e.what()).find('\x1b'), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("not a short printable name at byte 16"), std::string::npos) << e.what();
    }
    const std::string proto6 = "\x80\x06N.";
    EXPECT_THROW(unpickle(reinterpret_cast<const uint8_t*>(proto6.data()), proto6.size(), "proto"), FormatError);
}
