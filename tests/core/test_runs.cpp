// SPDX-License-Identifier: GPL-3.0-or-later
// Run records: SHA-256, the HDF5 run file (written, read while open, read after an unfinished
// writer, damaged), the runs folder, and the curve arithmetic (smoothing, group statistics).
#include "TempDir.h"

#include "data/Playground.h"
#include "formats/WeightFormats.h"
#include "nn/LayerFactory.h"
#include "run/DatasetFingerprint.h"
#include "run/RunCsv.h"
#include "run/RunParameters.h"
#include "run/RunWeightFile.h"
#include "io/Hdf5Util.h"
#include "run/RunRecord.h"
#include "run/RunStore.h"
#include "run/Smoothing.h"
#include "util/Error.h"
#include "util/Sha256.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <sys/wait.h>
#include <unistd.h>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

#include <hdf5.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace ws;
using ws::test::TempDir;
namespace fs = std::filesystem;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string shaOfChunks(const std::string& bytes, size_t chunk)
{
    Sha256 s;
    for (size_t i = 0; i < bytes.size(); i += chunk)
        s.update(bytes.data() + i, std::min(chunk, bytes.size() - i));
    return s.hexDigest();
}

Sequential makeModel()
{
    Sequential m = Sequential::fromConfig({ { "input_shape", { 2 } }, { "layers", parseLayerSpec("dense(3) tanh dense(1) tanh") } });
    m.initialize(5);
    return m;
}

RunHeader makeHeader()
{
    RunHeader h;
    h.name = "spiral-playground";
    h.tags = { "seed-sweep", "lr" };
    h.notes = "first try";
    h.config = { { "train", { { "seed", 3 } } } };
    h.dataset = { { "description", "spiral" }, { "sha256", std::string(64, 'a') } };
    Sequential m = makeModel();
    h.modelConfig = m.config();
    h.parameters = m.paramCount();
    h.modelSummary = "Dense Tanh Dense Tanh";
    return h;
}

BatchProgress batch(int epoch, int64_t b, int64_t step, double loss)
{
    BatchProgress p;
    p.epoch = epoch;
    p.batch = b;
    p.batchesPerEpoch = 2;
    p.step = step;
    p.loss = loss;
    p.accuracy = 0.5;
    p.learningRate = 0.01f;
    return p;
}

EpochProgress epochRow(int epoch, double loss, bool validation)
{
    EpochProgress e;
    e.epoch = epoch;
    e.trainLoss = loss;
    e.trainAccuracy = 0.75;
    e.hasValidation = validation;
    e.validationLoss = loss + 1;
    e.validationAccuracy = 0.25;
    return e;
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Bytes malloc has handed out and not taken back, libhdf5's own allocations included (which a
// counting operator new would miss); nullopt where that cannot be told (not glibc, or a
// sanitizer's allocator). Not the resident size: freed memory and fragmentation do not count.
std::optional<size_t> liveHeapBytes()
{
#if defined(__GLIBC__)
    if (!kSanitized) {
        const struct mallinfo2 m = mallinfo2();
        return m.uordblks + m.hblkhd; // small blocks in use + blocks mmapped on their own
    }
#endif
    return std::nullopt;
}

void expectFormatError(const std::function<void()>& f, const std::string& needle)
{
    try {
        f();
        ADD_FAILURE() << "no error; expected one mentioning '" << needle << "'";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

} // namespace

TEST(Sha256, MatchesTheFipsExamples)
{
    EXPECT_EQ(sha256Hex("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256Hex("abc", 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const std::string two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; // 56 bytes: padding spills
    EXPECT_EQ(sha256Hex(two.data(), two.size()), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, GivesTheSameDigestWhateverTheChunking)
{
    // Expected values from Python's hashlib.
    EXPECT_EQ(shaOfChunks(std::string(1000000, 'a'), 4096), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    std::string bytes;
    for (int r = 0; r < 3; ++r)
        for (int i = 0; i < 256; ++i)
            bytes += char(i);
    for (size_t chunk : { 1, 7, 63, 64, 65, 1000 })
        EXPECT_EQ(shaOfChunks(bytes, chunk), "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363")
            << "chunk " << chunk;
}

TEST(DatasetFingerprint, IsStableAndSeesEveryByte)
{
    const auto make = [] { return makePlaygroundDataset(PlaygroundKind::Spiral, 100, 0.1, 4); };
    Dataset a = make(), b = make(), test;
    const std::string h = datasetSha256(a, test);
    EXPECT_EQ(h.size(), 64u);
    EXPECT_EQ(datasetSha256(b, test), h) << "the same data hashes the same";
    b.labels[17] ^= 1;
    EXPECT_NE(datasetSha256(b, test), h) << "a flipped label";
    Dataset c2 = make();
    c2.x[3] = std::nextafter(c2.x[3], 10.0f);
    EXPECT_NE(datasetSha256(c2, test), h) << "one ulp in one feature";
    EXPECT_NE(datasetSha256(test, a), h) << "train and test swapped";
}

// A session that never completes an epoch leaves no run: the file is "<run>.h5.part" until the
// first epoch is written (the Playground opened and closed created an empty run at every start).
TEST(RunRecord, HiddenWriterAppearsWithItsFirstEpoch)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    RunWriter w(path, makeHeader(), true);
    EXPECT_FALSE(fs::exists(path));
    EXPECT_TRUE(fs::exists(path + ".part"));
    EXPECT_TRUE(scanRuns(dir.path).runs.empty());
    w.addBatch(batch(0, 0, 1, 0.9));
    w.endEpoch(epochRow(0, 0.85, false));
    EXPECT_TRUE(fs::exists(path));
    EXPECT_FALSE(fs::exists(path + ".part"));
    EXPECT_EQ(w.filePath(), path);
    w.addBatch(batch(1, 0, 2, 0.8)); // the renamed file is still the one written
    w.endEpoch(epochRow(1, 0.75, false));
    w.finish(RunStatus::Completed, nullptr, nullptr);
    const RunListing listing = scanRuns(dir.path);
    ASSERT_EQ(listing.runs.size(), 1u);
    EXPECT_EQ(listing.runs[0].epochsCompleted, 2);
    EXPECT_EQ(listing.runs[0].status, RunStatus::Completed);
}

// libhdf5 as Debian builds it is not thread-safe, and the GUI writes a run (the Playground's
// worker) while the Runs dock's scanner reads others: gdb saw both threads in the library, and
// test_health_dock's process once ended with "HDF5: infinite loop closing library" under asan.
// Every call into the library holds h5::lockLibrary(): a reader on another thread waits for it.
TEST(RunRecord, ReadersOnAnotherThreadWaitForTheLibraryLock)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    {
        RunWriter w(path, makeHeader(), false);
        w.endEpoch(epochRow(0, 0.5, false));
        w.finish(RunStatus::Completed, nullptr, nullptr);
    }
    std::atomic<bool> done { false };
    std::thread reader;
    {
        const auto held = h5::lockLibrary();
        reader = std::thread([&] {
            EXPECT_EQ(readRunInfo(path).status, RunStatus::Completed);
            done = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        EXPECT_FALSE(done.load()) << "readRunInfo ran while another thread held the HDF5 lock";
    }
    reader.join();
    EXPECT_TRUE(done.load());
}

// A killed process's hidden record is removed at the next recorded start; a live one stays.
TEST(RunRecord, AbandonedHiddenRunsAreRemoved)
{
    TempDir dir;
    const std::string dead = dir.file("dead.h5"), live = dir.file("live.h5");
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) { // dies without finishing, as a killed Playground
        try {
            new RunWriter(dead, makeHeader(), true);
        } catch (...) {
        }
        _exit(0);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(fs::exists(dead + ".part"));
    RunWriter mine(live, makeHeader(), true); // this process: still running
    removeAbandonedRuns(dir.path);
    EXPECT_FALSE(fs::exists(dead + ".part"));
    EXPECT_TRUE(fs::exists(live + ".part"));
}

TEST(RunRecord, RoundTripsHeaderHistoryEventsAndWeights)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    Sequential model = makeModel();
    {
        RunWriter w(path, makeHeader());
        w.addBatch(batch(0, 0, 1, 0.9));
        w.addBatch(batch(0, 1, 2, 0.8));
        w.addEvent("learning_rate", { { "from", 0.01 }, { "to", 0.02 } });
        w.endEpoch(epochRow(0, 0.85, false));
        w.saveCheckpoint("epoch_0001", model);
        w.addBatch(batch(1, 0, 3, 0.7));
        w.addBatch(batch(1, 1, 4, 0.6));
        w.endEpoch(epochRow(1, 0.65, true));
        model.layer(0).params()[0]->value[0] += 1.0f; // the final weights differ from the checkpoint
        w.finish(RunStatus::Completed, &model, { { "loss", 0.5 }, { "accuracy", 0.9 } });
    }
    const RunInfo info = readRunInfo(path);
    EXPECT_EQ(info.header.name, "spiral-playground");
    EXPECT_EQ(info.header.tags, (std::vector<std::string> { "seed-sweep", "lr" }));
    EXPECT_EQ(info.header.notes, "first try");
    EXPECT_EQ(info.header.config["train"]["seed"], 3);
    EXPECT_EQ(info.header.dataset["sha256"], std::string(64, 'a'));
    EXPECT_EQ(info.header.parameters, 13);
    EXPECT_EQ(info.status, RunStatus::Completed);
    EXPECT_EQ(info.epochsCompleted, 2);
    EXPECT_EQ(info.steps, 4);
    EXPECT_EQ(info.final["accuracy"], 0.9);
    EXPECT_EQ(info.engineVersion, WS_VERSION);
    EXPECT_EQ(info.checkpoints, (std::vector<std::string> { "epoch_0001", "final" }));

    const RunHistory b = readRunHistory(path, HistoryKind::Batch);
    ASSERT_EQ(b.size(), 4u);
    EXPECT_EQ(b.step, (std::vector<int64_t> { 1, 2, 3, 4 }));
    EXPECT_EQ(b.epoch, (std::vector<double> { 0.5, 1.0, 1.5, 2.0 }));
    EXPECT_EQ(b.loss, (std::vector<double> { 0.9, 0.8, 0.7, 0.6 }));
    EXPECT_EQ(b.learningRate[2], double(0.01f));
    EXPECT_TRUE(std::is_sorted(b.wallTime.begin(), b.wallTime.end()));
    const RunHistory e = readRunHistory(path, HistoryKind::Epoch);
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e.step, (std::vector<int64_t> { 2, 4 }));
    EXPECT_EQ(e.epoch, (std::vector<double> { 1, 2 }));
    EXPECT_EQ(e.loss, (std::vector<double> { 0.85, 0.65 }));
    EXPECT_TRUE(std::isnan(e.valLoss[0])) << "no validation in epoch 1";
    EXPECT_EQ(e.valLoss[1], 1.65);
    EXPECT_EQ(e.valAccuracy[1], 0.25);

    const auto events = readRunEvents(path);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, "learning_rate");
    EXPECT_EQ(events[0].step, 2);
    EXPECT_EQ(nlohmann::json::parse(events[0].detail)["to"], 0.02);

    Sequential final = loadRunWeights(path, "final");
    Sequential first = loadRunWeights(path, "epoch_0001");
    const Tensor& w = model.layer(0).params()[0]->value;
    EXPECT_EQ(final.layer(0).params()[0]->value.vector(), w.vector());
    EXPECT_EQ(first.layer(0).params()[0]->value[0], w[0] - 1.0f);
    expectFormatError([&] { loadRunWeights(path, "epoch_0009"); }, "no checkpoint 'epoch_0009'");
}

// #22: the runs table shows the Playground sessions saved from a run; the header read (the
// scan's) finds them among the other events, oldest first, and a run without any has none.
TEST(RunRecord, HeaderListsThePlaygroundSessionsSavedFromTheRun)
{
    TempDir dir;
    const std::string path = dir.file("run.h5"), plain = dir.file("plain.h5");
    {
        RunWriter w(path, makeHeader(), true); // hidden until its first epoch, as the Playground's
        w.addBatch(batch(0, 0, 1, 0.9));
        w.addEvent("learning_rate", { { "from", 0.01 }, { "to", 0.02 } });
        w.addEvent("session_saved", { { "path", "/tmp/a.wsplay" }, { "epoch", 0 }, { "step", 1 } });
        w.endEpoch(epochRow(0, 0.85, false));
        w.addBatch(batch(1, 0, 2, 0.8));
        w.addEvent("weight_edit", { { "layer", 0 } });
        w.addEvent("session_saved", { { "path", "/tmp/b.wsplay" }, { "epoch", 1 }, { "step", 2 } });
        w.finish(RunStatus::Stopped, nullptr, nullptr);
        RunWriter p(plain, makeHeader());
        p.addEvent("learning_rate", { { "from", 0.01 }, { "to", 0.02 } });
        p.finish(RunStatus::Completed, nullptr, nullptr);
    }
    EXPECT_EQ(readRunInfo(path).savedSessions, (std::vector<std::string> { "/tmp/a.wsplay", "/tmp/b.wsplay" }));
    EXPECT_TRUE(readRunInfo(plain).savedSessions.empty());
    const RunListing listing = scanRuns(dir.path);
    ASSERT_EQ(listing.runs.size(), 2u);
    for (const RunInfo& r : listing.runs)
        EXPECT_EQ(r.savedSessions.size(), r.path == path ? 2u : 0u) << r.path;
}

TEST(RunRecord, AnOpenRunReadsUpToItsLastEpochAndAsRunning)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    RunWriter w(path, makeHeader());
    w.addBatch(batch(0, 0, 1, 0.9));
    w.addBatch(batch(0, 1, 2, 0.8));
    w.endEpoch(epochRow(0, 0.85, false));
    w.addBatch(batch(1, 0, 3, 0.7)); // not flushed yet: an epoch is the unit that survives
    const RunInfo info = readRunInfo(path);
    EXPECT_EQ(info.status, RunStatus::Running) << "the writer (this process) is alive";
    EXPECT_EQ(info.epochsCompleted, 1);
    EXPECT_EQ(readRunHistory(path, HistoryKind::Batch).size(), 2u);
    EXPECT_EQ(readRunHistory(path, HistoryKind::Epoch).size(), 1u);
    EXPECT_THROW(editRunInfo(path, "x", {}, ""), Error) << "a running record is not edited under its writer";
}

// #9, long runs: an epoch of a million batches (batch size 1) must not keep its rows in memory
// until the epoch ends; past 16384 waiting rows they are written mid-epoch, flushed.
TEST(RunRecord, ALongEpochIsWrittenBeforeItEnds)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    RunWriter w(path, makeHeader());
    for (int64_t step = 1; step <= 16384 + 10; ++step)
        w.addBatch(batch(0, step - 1, step, 1.0 / double(step)));
    const RunHistory h = readRunHistory(path, HistoryKind::Batch);
    ASSERT_EQ(h.size(), 16384u) << "the first 16384 rows are on disk while the epoch goes on";
    EXPECT_EQ(h.step.back(), 16384);
    EXPECT_DOUBLE_EQ(h.loss.back(), 1.0 / 16384.0);
    EXPECT_EQ(readRunInfo(path).steps, 16384);
    EXPECT_EQ(readRunInfo(path).epochsCompleted, 0);
}

// #9, long runs: a training of many short epochs flushes the writer thousands of times. What
// stays allocated between flushes must not grow with them: libhdf5's metadata cache used to keep
// every chunk-index node of the batch columns (~2.5 MB per million batch rows).
TEST(RunRecord, ManyShortEpochsKeepTheWritersMemoryFlat)
{
    if (!liveHeapBytes())
        GTEST_SKIP() << "live heap bytes are not measurable here (not glibc, or a sanitizer's allocator)";
    TempDir dir;
    const std::string path = dir.file("run.h5");
    RunWriter w(path, makeHeader());
    constexpr int kBatches = 250; // per epoch, as the spiral run of docs/reliability.md
    int64_t step = 0;
    const auto train = [&](int fromEpoch, int toEpoch) {
        for (int e = fromEpoch; e < toEpoch; ++e) {
            for (int b = 0; b < kBatches; ++b) {
                ++step;
                w.addBatch(batch(e, b, step, 1.0 / double(step)));
            }
            w.endEpoch(epochRow(e, 0.5, true));
        }
    };
    train(0, 200); // 50 000 rows: caches and free lists reach their working size
    const size_t before = *liveHeapBytes();
    train(200, 2000); // 450 000 rows more, 1800 flushes
    const size_t after = *liveHeapBytes();
    EXPECT_LT(double(after) - double(before), 64.0 * 1024)
        << "live heap bytes grew from " << before << " to " << after << " over 1800 flushes";
    EXPECT_EQ(readRunHistory(path, HistoryKind::Batch).size(), size_t(2000 * kBatches));
    EXPECT_EQ(readRunHistory(path, HistoryKind::Epoch).size(), 2000u);
}

// #3: the events' strings live in HDF5's global heap; a collection whose free space claims
// size 0 made libhdf5 1.10.8 loop for ever. It is refused before HDF5 reads it.
TEST(RunRecord, RefusesEventsInADamagedGlobalHeapInsteadOfHanging)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    {
        RunWriter w(path, makeHeader());
        w.addBatch(batch(0, 0, 1, 0.9));
        w.addEvent("learning_rate", { { "from", 0.01 }, { "to", 0.02 } });
        w.endEpoch(epochRow(0, 0.9, false));
        w.finish(RunStatus::Completed, nullptr, nullptr);
    }
    ASSERT_EQ(readRunEvents(path).size(), 1u);
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    // Global heap collection (HDF5 spec): "GCOL", version, 3 reserved, size (8); objects of
    // index (2), references (2), reserved (4), size (8), data padded to 8. Index 0: free space.
    const auto u64 = [&](size_t at) {
        uint64_t v = 0;
        std::memcpy(&v, bytes.data() + at, 8);
        return v;
    };
    int damaged = 0;
    for (size_t at = bytes.find("GCOL"); at != std::string::npos; at = bytes.find("GCOL", at + 1)) {
        const size_t end = at + u64(at + 8);
        for (size_t p = at + 16; p + 16 <= end && p + 16 <= bytes.size();) {
            const unsigned index = uint8_t(bytes[p]) | unsigned(uint8_t(bytes[p + 1])) << 8;
            if (index == 0) {
                std::memset(bytes.data() + p + 8, 0, 8);
                ++damaged;
                break;
            }
            p += 16 + ((u64(p + 8) + 7) & ~uint64_t(7));
        }
    }
    ASSERT_GT(damaged, 0) << "no global heap with free space in the run file";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << bytes;
    }
    expectFormatError([&] { readRunEvents(path); }, "has size 0");
}

// #9: libhdf5 1.10.8 strdups every attribute name of a header to answer H5Aexists, reading past
// the header chunk when a name has no terminator. The root header is checked from the file's
// bytes first, for reading and for editing (a file opened for writing).
TEST(RunRecord, RefusesAnAttributeNameWithoutItsTerminator)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    {
        RunWriter w(path, makeHeader());
        w.finish(RunStatus::Completed, nullptr, nullptr);
    }
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    const size_t at = bytes.find(std::string("notes\0", 6));
    ASSERT_NE(at, std::string::npos) << "no attribute named 'notes' in the run file";
    bytes[at + 5] = 'X';
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << bytes;
    }
    expectFormatError([&] { readRunInfo(path); }, "the object header of '/' at address");
    expectFormatError([&] { editRunInfo(path, "renamed", {}, ""); }, "its name of 6 bytes has no terminating NUL");
}

TEST(RunRecord, AWriterDestroyedUnfinishedMarksTheRunInterrupted)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    {
        RunWriter w(path, makeHeader());
        w.addBatch(batch(0, 0, 1, 0.9));
        w.endEpoch(epochRow(0, 0.9, false));
        w.addBatch(batch(1, 0, 2, 0.8));
    }
    const RunInfo info = readRunInfo(path);
    EXPECT_EQ(info.status, RunStatus::Interrupted);
    EXPECT_EQ(readRunHistory(path, HistoryKind::Batch).size(), 2u) << "the rows waiting are written at the end";
    EXPECT_TRUE(info.checkpoints.empty());
}

TEST(RunRecord, ARunningStatusWhoseProcessIsGoneReadsInterrupted)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    {
        RunWriter w(path, makeHeader());
        w.finish(RunStatus::Completed, nullptr, nullptr);
    }
    // Make the file look like one left by a killed writer: status running, a pid that is not alive.
    hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    for (auto [name, value] : { std::pair { "status", "running" }, std::pair { "pid", "2147483646" } }) {
        H5Adelete_by_name(f, "/", name, H5P_DEFAULT);
        hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, std::strlen(value));
        hid_t space = H5Screate(H5S_SCALAR);
        hid_t attr = H5Acreate_by_name(f, "/", name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(attr, type, value);
        H5Aclose(attr), H5Sclose(space), H5Tclose(type);
    }
    H5Fclose(f);
    EXPECT_EQ(readRunInfo(path).status, RunStatus::Interrupted);
}

TEST(RunRecord, EditsNameTagsAndNotes)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    {
        RunWriter w(path, makeHeader());
        w.finish(RunStatus::Stopped, nullptr, nullptr, "stopped by the user");
    }
    editRunInfo(path, "renamed run with a longer name than before", { "a" }, "a note\nwith two lines");
    const RunInfo info = readRunInfo(path);
    EXPECT_EQ(info.header.name, "renamed run with a longer name than before");
    EXPECT_EQ(info.header.tags, std::vector<std::string> { "a" });
    EXPECT_EQ(info.header.notes, "a note\nwith two lines");
    EXPECT_EQ(info.status, RunStatus::Stopped);
    EXPECT_EQ(info.message, "stopped by the user");
}

TEST(RunRecord, RefusesToOverwriteAnExistingFile)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    std::ofstream(path) << "keep me";
    EXPECT_THROW(RunWriter(path, makeHeader()), FormatError);
    std::ifstream in(path);
    std::string text;
    std::getline(in, text);
    EXPECT_EQ(text, "keep me");
}

TEST(RunRecord, RefusesForeignAndDamagedFiles)
{
    TempDir dir;
    const std::string text = dir.file("text.h5");
    std::ofstream(text) << "not hdf5";
    expectFormatError([&] { readRunInfo(text); }, "not an HDF5 file");
    expectFormatError([&] { readRunInfo(dir.file("none.h5")); }, "no such file");
    EXPECT_FALSE(isRunFile(text));

    const std::string foreign = dir.file("foreign.h5");
    hid_t f = H5Fcreate(foreign.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    H5Fclose(f);
    expectFormatError([&] { readRunInfo(foreign); }, "not a Weightscope run record");

    // A good run, then copies cut at every 1/16 of its length: each reads or throws FormatError.
    const std::string good = dir.file("good.h5");
    {
        RunWriter w(good, makeHeader());
        for (int e = 0; e < 3; ++e) {
            w.addBatch(batch(e, 0, 2 * e + 1, 1.0 / (e + 1)));
            w.addBatch(batch(e, 1, 2 * e + 2, 1.0 / (e + 2)));
            w.endEpoch(epochRow(e, 0.5, true));
        }
        Sequential m = makeModel();
        w.finish(RunStatus::Completed, &m, { { "loss", 1 } });
    }
    std::ifstream in(good, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (int k = 1; k < 16; ++k) {
        const std::string cut = dir.file("cut" + std::to_string(k) + ".h5");
        std::ofstream(cut, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size() * k / 16));
        try {
            readRunInfo(cut);
            readRunHistory(cut, HistoryKind::Batch);
            readRunHistory(cut, HistoryKind::Epoch);
            readRunEvents(cut);
            loadRunWeights(cut);
        } catch (const FormatError&) {
        }
    }
}

TEST(RunRecord, RefusesAHistoryColumnOfTheWrongShape)
{
    TempDir dir;
    const std::string path = dir.file("run.h5");
    {
        RunWriter w(path, makeHeader());
        w.finish(RunStatus::Completed, nullptr, nullptr);
    }
    hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    H5Ldelete(f, "history/epoch/loss", H5P_DEFAULT);
    const hsize_t dims[2] = { 2, 2 };
    hid_t space = H5Screate_simple(2, dims, nullptr);
    hid_t set = H5Dcreate2(f, "history/epoch/loss", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dclose(set), H5Sclose(space);
    H5Ldelete(f, "history/batch/step", H5P_DEFAULT);
    H5Fclose(f);
    expectFormatError([&] { readRunHistory(path, HistoryKind::Epoch); }, "history/epoch/loss' is not a 1-D column");
    expectFormatError([&] { readRunHistory(path, HistoryKind::Batch); }, "history/batch/step' is missing");
}

TEST(RunStore, NamesFilesUniquelyAndListsOnlyRuns)
{
    TempDir dir;
    const std::string runs = dir.file("runs/nested");
    const std::string a = newRunPath(runs, "spiral / playground?");
    EXPECT_NE(fs::path(a).filename().string().find("_spiral___playground_.h5"), std::string::npos) << a;
    { RunWriter w(a, makeHeader()); w.finish(RunStatus::Completed, nullptr, nullptr); }
    const std::string b = newRunPath(runs, "spiral / playground?");
    EXPECT_NE(a, b);
    { RunWriter w(b, makeHeader()); w.finish(RunStatus::Diverged, nullptr, nullptr, "NaN"); }
    std::ofstream(runs + "/notes.txt") << "ignored";
    std::ofstream(runs + "/broken.h5") << "not a run";
    const RunListing list = scanRuns(runs);
    ASSERT_EQ(list.runs.size(), 2u);
    EXPECT_EQ(list.runs[1].status, RunStatus::Diverged);
    ASSERT_EQ(list.errors.size(), 1u);
    EXPECT_NE(list.errors[0].find("broken.h5"), std::string::npos) << list.errors[0];
}

TEST(RunStore, DefaultFolderFollowsXdgDataHome)
{
    const char* old = std::getenv("XDG_DATA_HOME");
    const std::string saved = old ? old : "";
    setenv("XDG_DATA_HOME", "/tmp/xdg-data", 1);
    EXPECT_EQ(defaultRunsDir(), "/tmp/xdg-data/weightscope/runs");
    setenv("XDG_DATA_HOME", "relative/is/ignored", 1);
    EXPECT_EQ(defaultRunsDir(), std::string(std::getenv("HOME")) + "/.local/share/weightscope/runs");
    if (old)
        setenv("XDG_DATA_HOME", saved.c_str(), 1);
    else
        unsetenv("XDG_DATA_HOME");
}

// TensorBoard's debiased EMA equals a normalised weighted average of the finite points seen so
// far: out_k = sum_i w^(k-i) (1-w) y_i / (1 - w^k). The expected values below use that form.
TEST(Smoothing, MatchesTheWeightedAverageFormOfTheDebiasedEma)
{
    const std::vector<double> y = { 1, 2, 3 };
    const auto s = smoothSeries(y, 0.5);
    ASSERT_EQ(s.size(), 3u);
    EXPECT_DOUBLE_EQ(s[0], 1.0);
    EXPECT_DOUBLE_EQ(s[1], (0.5 * 1 + 1 * 2) * 0.5 / 0.75);
    EXPECT_DOUBLE_EQ(s[2], (0.25 * 1 + 0.5 * 2 + 1 * 3) * 0.5 / 0.875);

    const std::vector<double> z = { 4, -1, 0.5, 10, 2 };
    const double w = 0.6;
    const auto t = smoothSeries(z, w);
    for (size_t k = 0; k < z.size(); ++k) {
        double num = 0, den = 0;
        for (size_t i = 0; i <= k; ++i) {
            num += std::pow(w, double(k - i)) * z[i];
            den += std::pow(w, double(k - i));
        }
        EXPECT_NEAR(t[k], num / den, 1e-12) << "point " << k;
    }
}

TEST(Smoothing, PassesNonFinitePointsThroughWithoutPoisoningTheAverage)
{
    const double inf = std::numeric_limits<double>::infinity();
    const auto s = smoothSeries({ 1, kNaN, 3, inf, 5 }, 0.5);
    EXPECT_DOUBLE_EQ(s[0], 1.0);
    EXPECT_TRUE(std::isnan(s[1]));
    EXPECT_DOUBLE_EQ(s[2], (0.5 * 1 + 3) * 0.5 / 0.75) << "the NaN is not counted";
    EXPECT_EQ(s[3], inf);
    EXPECT_DOUBLE_EQ(s[4], (0.25 * 1 + 0.5 * 3 + 5) * 0.5 / 0.875);
}

TEST(Smoothing, LeavesConstantSeriesAndWeightZeroUnchanged)
{
    const std::vector<double> c(50, 0.1);
    EXPECT_EQ(smoothSeries(c, 0.999), c) << "bit for bit, not merely close";
    const std::vector<double> y = { 3, 1, 4, 1, 5 };
    EXPECT_EQ(smoothSeries(y, 0.0), y);
    EXPECT_TRUE(smoothSeries({}, 0.6).empty());
    // Weights above 0.999 are clamped there: the first point is still the first value.
    const auto s = smoothSeries({ 2, 4 }, 5.0);
    EXPECT_DOUBLE_EQ(s[0], 2.0);
    EXPECT_NEAR(s[1], (0.999 * 2 + 4) * 0.001 / (1 - 0.999 * 0.999), 1e-12);
}

TEST(GroupStatistics, MeanAndSampleStdAtTheStepsEveryRunHas)
{
    const std::vector<double> x1 = { 0, 1, 2, 3 }, y1 = { 9, 1, 2, 3 };
    const std::vector<double> x2 = { 1, 2, 3, 4 }, y2 = { 3, 2, kNaN, 7 };
    const std::vector<double> x3 = { 1, 3 }, y3 = { 5, 6 };
    const GroupCurve g = groupStatistics({ { &x1, &y1 }, { &x2, &y2 }, { &x3, &y3 } });
    ASSERT_EQ(g.x, (std::vector<double> { 1, 3 }));
    EXPECT_DOUBLE_EQ(g.mean[0], 3.0);
    EXPECT_DOUBLE_EQ(g.std[0], 2.0) << "values 1, 3, 5: squares 4+0+4 over n-1 = 2";
    EXPECT_EQ(g.count[0], 3);
    EXPECT_DOUBLE_EQ(g.mean[1], 4.5) << "the NaN is left out";
    EXPECT_DOUBLE_EQ(g.std[1], std::sqrt(4.5)) << "values 3, 6";
    EXPECT_EQ(g.count[1], 2);

    const GroupCurve one = groupStatistics({ { &x3, &y3 } });
    EXPECT_EQ(one.mean, y3);
    EXPECT_EQ(one.std, (std::vector<double> { 0, 0 }));
    EXPECT_TRUE(groupStatistics({}).x.empty());
}

TEST(RunCsv, WritesEveryRowExactlyWithTheRunColumnQuoted)
{
    RunHistory h;
    h.step = { 1, 2 };
    h.epoch = { 0.5, 1.0 };
    h.wallTime = { 0.1, 0.2 };
    h.loss = { 1.0 / 3.0, kNaN };
    h.accuracy = { 0.5, std::numeric_limits<double>::infinity() };
    h.valLoss = { kNaN, 2.0 };
    h.valAccuracy = { kNaN, 0.25 };
    h.learningRate = { 0.001, 0.001 };
    std::ostringstream batch, epoch;
    writeHistoryCsv(batch, h, false);
    EXPECT_EQ(batch.str(), "step,epoch,wall_time,loss,accuracy,learning_rate\n"
                           "1,0.5,0.10000000000000001,0.33333333333333331,0.5,0.001\n"
                           "2,1,0.20000000000000001,nan,inf,0.001\n");
    writeHistoryCsv(epoch, h, true, "a \"quoted\", run");
    EXPECT_EQ(epoch.str(), "run,step,epoch,wall_time,loss,accuracy,val_loss,val_accuracy,learning_rate\n"
                           "\"a \"\"quoted\"\", run\",1,0.5,0.10000000000000001,0.33333333333333331,0.5,nan,nan,0.001\n"
                           "\"a \"\"quoted\"\", run\",2,1,0.20000000000000001,nan,inf,2,0.25,0.001\n");
    EXPECT_EQ(std::stod("0.33333333333333331"), 1.0 / 3.0) << "17 digits read back exactly";
}

// #21: runs of a sweep are told apart in one CSV by their file and the settings that differ.
TEST(RunCsv, SeveralRunsCarryTheirFileAndTheSettingsThatDiffer)
{
    TempDir dir;
    std::vector<RunInfo> runs;
    for (int seed : { 3, 4 }) {
        RunHeader h = makeHeader();
        h.config["train"]["seed"] = seed;
        h.config["train"]["batch_size"] = 10; // the same in both: no column
        const std::string path = dir.file("seed" + std::to_string(seed) + ".h5");
        RunWriter w(path, h);
        w.addBatch(batch(0, 0, 1, 0.9));
        w.endEpoch(epochRow(0, 0.8, false));
        w.finish(RunStatus::Completed, nullptr, nullptr);
        runs.push_back(readRunInfo(path));
    }
    std::ostringstream csv;
    EXPECT_EQ(writeRunsHistoryCsv(csv, runs, true), 2u);
    std::istringstream lines(csv.str());
    std::string header, first, second;
    std::getline(lines, header);
    std::getline(lines, first);
    std::getline(lines, second);
    EXPECT_EQ(header, "run,file,train.seed,step,epoch,wall_time,loss,accuracy,val_loss,val_accuracy,learning_rate");
    EXPECT_EQ(first.rfind("spiral-playground,seed3.h5,3,1,1,", 0), 0u) << first;
    EXPECT_EQ(second.rfind("spiral-playground,seed4.h5,4,1,1,", 0), 0u) << second;
}

// #7: the hyper-parameter table flattens every config value and marks the keys that differ.
TEST(RunParameters, FlattensTheConfigAndMarksDifferingKeys)
{
    RunInfo a;
    a.header.config = { { "train", { { "seed", 3 }, { "optimizer", { { "type", "adam" }, { "learning_rate", 0.01 } } } } },
        { "model", { { "layers", { "dense(3)" } } } } };
    a.header.dataset = { { "description", "spiral: 500 samples" }, { "sha256", std::string(64, 'b') } };
    a.header.tags = { "x", "y" };
    a.final = { { "loss", 0.25 }, { "accuracy", nullptr } };
    a.status = RunStatus::Completed;
    RunInfo b = a;
    b.header.config["train"]["optimizer"]["learning_rate"] = 0.1;
    b.header.config["train"]["epochs"] = 4; // only in b
    b.final["loss"] = 0.5;

    const auto params = runParameters(a);
    const auto find = [&](const std::string& key) {
        for (const auto& p : params)
            if (p.key == key)
                return p;
        ADD_FAILURE() << "no key " << key;
        return RunParameter {};
    };
    EXPECT_EQ(find("train.optimizer.learning_rate").value, 0.01);
    EXPECT_EQ(find("model").value, R"j({"layers":["dense(3)"]})j");
    EXPECT_EQ(find("tags").value, "x, y");
    EXPECT_TRUE(find("final.loss").outcome);
    EXPECT_TRUE(find("final.accuracy").value.is_null()); // not finite when recorded: no value
    EXPECT_FALSE(find("train.seed").outcome);

    const ParameterTable t = parameterTable({ a, b });
    ASSERT_EQ(t.values.size(), 2u);
    std::map<std::string, bool> differs;
    for (size_t k = 0; k < t.keys.size(); ++k)
        differs[t.keys[k]] = t.differs[k];
    EXPECT_TRUE(differs.at("train.optimizer.learning_rate"));
    EXPECT_TRUE(differs.at("train.epochs")) << "a key only one run has differs";
    EXPECT_TRUE(differs.at("final.loss"));
    EXPECT_FALSE(differs.at("train.seed"));
    EXPECT_FALSE(differs.at("dataset_sha256"));
    EXPECT_EQ(parameterText(0.1), "0.1");
    EXPECT_EQ(parameterText(nlohmann::json()), "");
}

// #7 (scale): thinning keeps the first row, every stride-th, and the last, within the budget.
TEST(Smoothing, ThinHistoryKeepsEvenlySpacedRowsAndTheLast)
{
    RunHistory h;
    for (int64_t s = 1; s <= 10; ++s) {
        h.step.push_back(s);
        for (auto* c : { &h.epoch, &h.wallTime, &h.loss, &h.accuracy, &h.learningRate })
            c->push_back(double(s) / 10);
    }
    RunHistory whole = h;
    EXPECT_EQ(thinHistory(whole, 10), 1u);
    EXPECT_EQ(whole.size(), 10u);
    // n = 10, maxRows = 4: stride ceil(9 / 3) = 3 → rows 0, 3, 6 and 9.
    EXPECT_EQ(thinHistory(h, 4), 3u);
    EXPECT_EQ(h.step, (std::vector<int64_t> { 1, 4, 7, 10 }));
    EXPECT_EQ(h.loss, (std::vector<double> { 0.1, 0.4, 0.7, 1.0 }));
    EXPECT_TRUE(h.valLoss.empty());
    // n = 10, maxRows = 3: stride ceil(9 / 2) = 5 → rows 0, 5, 9.
    RunHistory g = whole;
    EXPECT_EQ(thinHistory(g, 3), 5u);
    EXPECT_EQ(g.step, (std::vector<int64_t> { 1, 6, 10 }));
    EXPECT_EQ(g.wallTime.size(), 3u);
}

// #7: a run without weights yet, and '#' names that lead nowhere, are errors that say so.
TEST(RunWeightFile, RefusesARunWithoutWeightsAndUnknownCheckpoints)
{
    TempDir dir;
    const std::string path = dir.path + "/empty.h5";
    {
        RunWriter w(path, makeHeader());
        w.finish(RunStatus::Stopped, nullptr, nlohmann::json());
    }
    try {
        openWeightFile(path);
        ADD_FAILURE() << "opened a run without weights";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("holds no weights yet"), std::string::npos) << e.what();
    }
    EXPECT_THROW(openWeightFile(runCheckpointPath(path, "final")), FormatError);
    EXPECT_THROW(openWeightFile(dir.path + "/missing.h5#final"), FormatError);
    EXPECT_FALSE(runWeightsRef(path + "#").has_value());
    EXPECT_FALSE(runWeightsRef(dir.path).has_value()); // a folder
}
