// SPDX-License-Identifier: GPL-3.0-or-later
// The hostile-file suite (docs/reliability.md): every file listed in tests/data/bad/MANIFEST.tsv
// goes through the loader the manifest names and must
//   - end in an ws::Error whose message names the file and matches the manifest's regex,
//   - not crash (each file runs in a forked child, so a crash fails that file only, with the
//     signal named),
//   - finish within 2 s (a hang check with a wide margin: the files are a few KB),
//   - keep memory bounded by the file's size: the peak of live operator-new bytes during the
//     load (counted by the replacement operator new below, so it covers the readers' own
//     buffers and nlohmann/HDF5 wrappers but not C libraries' malloc) and the growth of the
//     child's peak resident size (getrusage ru_maxrss, which does see libhdf5, libzip and zlib;
//     skipped under AddressSanitizer, whose shadow memory and quarantine inflate it).
//
// MANIFEST.tsv: one line per file, tab-separated: path (relative to tests/data/bad, a folder is
// fine), loader, regex (ECMAScript, searched in the message; "(accepted)": the file must load). Loaders: weights (openWeightFile,
// every tensor read in chunks, model()), model (loadModel), idx (readIdx), csv (readCsv), dataset (loadDatasetSource),
// tensorboard (readTensorBoardData and the run made of it: a damaged event file is read up to the
// damage with warnings, which this loader raises as the Error the manifest matches, followed by
// what was read).
// Adding a hostile file is one line there; a new loader is one entry in runLoader().
#include "data/Csv.h"
#include "data/PlaygroundPoints.h"
#include "run/PlaygroundSession.h"
#include "data/DatasetSource.h"
#include "data/Idx.h"
#include "formats/WeightFormats.h"
#include "io/GgufTokenizer.h"
#include "io/ModelFile.h"
#include "io/OnnxReader.h"
#include "run/TensorBoardRuns.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <poll.h>
#include <regex>
#include <set>
#include <signal.h>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

// ---- allocation counting --------------------------------------------------------------------
// Live bytes from operator new and their peak since the last reset. malloc_usable_size would
// need the pointer's size at delete; a small header in front of each block carries it instead.
namespace {
std::atomic<int64_t> g_live { 0 };
std::atomic<int64_t> g_peak { 0 };
constexpr size_t kHeader = alignof(std::max_align_t);

void* countedNew(size_t n)
{
    void* p = std::malloc(n + kHeader);
    if (!p)
        throw std::bad_alloc();
    *static_cast<size_t*>(p) = n;
    const int64_t live = g_live.fetch_add(int64_t(n)) + int64_t(n);
    int64_t peak = g_peak.load();
    while (live > peak && !g_peak.compare_exchange_weak(peak, live)) {
    }
    return static_cast<char*>(p) + kHeader;
}

void countedDelete(void* q) noexcept
{
    if (!q)
        return;
    void* p = static_cast<char*>(q) - kHeader;
    g_live.fetch_sub(int64_t(*static_cast<size_t*>(p)));
    std::free(p);
}
} // namespace

void* operator new(size_t n) { return countedNew(n); }
void* operator new[](size_t n) { return countedNew(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept
{
    try {
        return countedNew(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return operator new(n, std::nothrow); }
void operator delete(void* p) noexcept { countedDelete(p); }
void operator delete[](void* p) noexcept { countedDelete(p); }
void operator delete(void* p, size_t) noexcept { countedDelete(p); }
void operator delete[](void* p, size_t) noexcept { countedDelete(p); }

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAsan = true;
#else
constexpr bool kAsan = false;
#endif
#else
constexpr bool kAsan = false;
#endif

const std::string kBad = WS_TEST_DATA_DIR "/bad";

struct Entry {
    std::string file;   // relative to tests/data/bad
    std::string loader;
    std::string regex;
};

// gtest prints parameters on failure; the file and loader say all.
void PrintTo(const Entry& e, std::ostream* os) { *os << e.file << " (" << e.loader << ")"; }

std::vector<Entry> readManifest()
{
    std::vector<Entry> out;
    std::ifstream in(kBad + "/MANIFEST.tsv");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream fields(line);
        Entry e;
        std::getline(fields, e.file, '\t');
        std::getline(fields, e.loader, '\t');
        std::getline(fields, e.regex);
        out.push_back(e);
    }
    return out;
}

// Loads the file as the manifest says; returns normally only when the file was accepted.
void runLoader(const std::string& loader, const std::string& path)
{
    if (loader == "weights") {
        const auto file = ws::openWeightFile(path);
        (void)file->metadata().dump();
        std::vector<float> chunk(1 << 16);
        for (size_t i = 0; i < file->tensors().size(); ++i) {
            const int64_t n = file->tensors()[i].numel();
            for (int64_t first = 0; first < n; first += int64_t(chunk.size()))
                file->read(i, first, std::min<int64_t>(int64_t(chunk.size()), n - first), chunk.data());
        }
        // The architecture view's shapes (#16 item 7) run the converter too, and never throw.
        if (const auto* onnx = dynamic_cast<const ws::OnnxFile*>(file.get()))
            (void)onnx->valueShapes();
        (void)file->model();
    } else if (loader == "model") {
        (void)ws::loadModel(path);
    } else if (loader == "tokenizer") {
        (void)ws::readGgufTokenizer(ws::GgufFile(path));
    } else if (loader == "idx") {
        (void)ws::readIdx(path);
    } else if (loader == "csv") {
        (void)ws::readCsv(path);
    } else if (loader == "playground-csv") {
        (void)ws::readPlaygroundCsv(path);
    } else if (loader == "playground-points") {
        (void)ws::loadPlaygroundPoints(path);
    } else if (loader == "playground-session") {
        (void)ws::loadPlaygroundSession(path);
    } else if (loader == "dataset") {
        ws::DatasetSource source;
        source.name = path;
        (void)ws::loadDatasetSource(source);
    } else if (loader == "tensorboard") {
        const ws::TensorBoardData d = ws::readTensorBoardData(path);
        (void)ws::tensorBoardRunInfo(d, path, "hostile");
        (void)ws::tensorBoardHistory(d, ws::HistoryKind::Batch);
        (void)ws::tensorBoardHistory(d, ws::HistoryKind::Epoch);
        if (!d.warnings.empty()) {
            std::string message;
            for (const auto& w : d.warnings)
                message += w + "\n";
            size_t points = 0;
            for (const auto& [tag, series] : d.scalars)
                points += series.size();
            throw ws::FormatError(message + "read: " + std::to_string(points) + " scalar points");
        }
    } else {
        throw std::invalid_argument("MANIFEST.tsv: unknown loader '" + loader + "'");
    }
}

struct Outcome {
    char kind[16] = {};      // "error", "accepted", "other"
    char message[4000] = {};
    int64_t peakNewBytes = 0;
    int64_t maxrssGrowthKb = 0;
};

long maxrssKb()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

// Runs the loader in a child; the child reports through a pipe. Returns false (with `why`) when
// the child crashed or did not finish in `limit`.
bool runIsolated(const Entry& e, const std::string& path, std::chrono::seconds limit, Outcome& outcome,
    double& seconds, std::string& why)
{
    int fds[2];
    if (pipe(fds) != 0) {
        why = "pipe failed";
        return false;
    }
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Outcome o;
        const long rssBefore = maxrssKb();
        g_live = 0;
        g_peak = 0;
        try {
            runLoader(e.loader, path);
            std::strcpy(o.kind, "accepted");
        } catch (const ws::Error& err) {
            std::strcpy(o.kind, "error");
            std::strncpy(o.message, err.what(), sizeof o.message - 1);
        } catch (const std::exception& err) {
            std::strcpy(o.kind, "other");
            std::strncpy(o.message, (std::string(typeid(err).name()) + ": " + err.what()).c_str(), sizeof o.message - 1);
        }
        o.peakNewBytes = g_peak;
        o.maxrssGrowthKb = maxrssKb() - rssBefore;
        const ssize_t w = write(fds[1], &o, sizeof o);
        _exit(w == ssize_t(sizeof o) ? 0 : 3);
    }
    close(fds[1]);
    pollfd p { fds[0], POLLIN, 0 };
    const int ready = poll(&p, 1, int(std::chrono::milliseconds(limit).count()));
    bool ok = true;
    if (ready <= 0) {
        kill(pid, SIGKILL);
        why = "did not finish within " + std::to_string(limit.count()) + " s (killed)";
        ok = false;
    } else if (read(fds[0], &outcome, sizeof outcome) != ssize_t(sizeof outcome)) {
        ok = false; // the child died before reporting: the status below says how
    }
    int status = 0;
    // The CPU time the child used, not the wall-clock time: on a loaded machine (a CI runner, or
    // five builds beside the suite) a child that gets a sixth of a core took 12 s of wall time
    // for 2 s of work. A hang that does not burn CPU is caught by the poll limit above.
    struct rusage usage {};
    wait4(pid, &status, 0, &usage);
    seconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + 1e-6 * double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
    close(fds[0]);
    if (!ok && why.empty())
        why = WIFSIGNALED(status) ? std::string("crashed with signal ") + strsignal(WTERMSIG(status))
                                  : "exited with status " + std::to_string(WEXITSTATUS(status));
    return ok;
}

uint64_t sizeOnDisk(const std::string& path)
{
    namespace fs = std::filesystem;
    if (!fs::is_directory(path))
        return fs::file_size(path);
    uint64_t total = 0;
    for (const auto& f : fs::recursive_directory_iterator(path))
        if (f.is_regular_file())
            total += f.file_size();
    return total;
}

class Hostile : public ::testing::TestWithParam<Entry> {};

TEST_P(Hostile, RefusedWithAClearMessageQuicklyAndInBoundedMemory)
{
    const Entry& e = GetParam();
    const std::string path = kBad + "/" + e.file;
    ASSERT_TRUE(std::filesystem::exists(path)) << path << " is listed in MANIFEST.tsv but missing";
    Outcome o;
    double seconds = 0;
    std::string why;
    // The child is killed after 20 s so a hang cannot stall the suite; the check is 2 s of CPU
    // time (sanitizer builds get 10: they run the same code 3-10 times slower).
    const bool finished = runIsolated(e, path, std::chrono::seconds(20), o, seconds, why);
    ASSERT_TRUE(finished) << e.file << ": " << why;
    EXPECT_LT(seconds, kAsan ? 10.0 : 2.0) << e.file << " took " << seconds << " s of CPU time";

    if (e.regex == "(accepted)") {
        // Damage the reader tolerates on purpose (e.g. a broken config.json beside good weights,
        // kept as a warning): it must load, and everything after it must cope with the damage.
        // The memory bound below holds for it too (#17: one NumPy array shared by 3000 names).
        EXPECT_STREQ(o.kind, "accepted") << e.file << ": " << o.message;
    } else {
        EXPECT_STREQ(o.kind, "error") << e.file << ": expected a ws::Error, got " << o.kind << " " << o.message;
        const std::string message = o.message;
        EXPECT_TRUE(std::regex_search(message, std::regex(e.regex)))
            << e.file << ": message does not match /" << e.regex << "/:\n  " << message;
        const std::string name = std::filesystem::path(path).filename().string();
        EXPECT_NE(message.find(name), std::string::npos) << e.file << ": the message does not name the file:\n  "
                                                         << message;
    }

    // Memory: a few KB of file may cost a fixed overhead (HDF5's caches, 64 KiB read chunks) plus
    // a small multiple of its size, never what the file merely claims.
    const int64_t size = int64_t(sizeOnDisk(path));
    const int64_t newLimit = (int64_t(32) << 20) + 64 * size;
    EXPECT_LE(o.peakNewBytes, newLimit) << e.file << " (" << size << " bytes) peaked at " << o.peakNewBytes
                                        << " bytes of operator new";
    if (!kAsan) {
        const int64_t rssLimitKb = ((int64_t(96) << 20) + 64 * size) / 1024;
        EXPECT_LE(o.maxrssGrowthKb, rssLimitKb) << e.file << " (" << size << " bytes) grew the peak RSS by "
                                                << o.maxrssGrowthKb << " KiB";
    }
    RecordProperty("seconds", std::to_string(seconds));
    RecordProperty("peak_new_bytes", std::to_string(o.peakNewBytes));
}

std::string testName(const ::testing::TestParamInfo<Entry>& info)
{
    std::string n = info.param.file + "_" + info.param.loader;
    for (char& c : n)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return n;
}

INSTANTIATE_TEST_SUITE_P(Manifest, Hostile, ::testing::ValuesIn(readManifest()), testName);

TEST(HostileManifest, ListsEveryFileInTheFolder)
{
    // A file in tests/data/bad that no manifest line (and no other test) covers is a test that
    // silently does not run.
    std::set<std::string> listed;
    for (const Entry& e : readManifest())
        listed.insert(e.file);
    ASSERT_GE(listed.size(), 60u);
    const std::set<std::string> usedElsewhere = { "images-3.idx", "labels-4.idx" }; // the CLI tests pair them
    for (const auto& f : std::filesystem::directory_iterator(kBad)) {
        const std::string name = f.path().filename().string();
        if (name == "MANIFEST.tsv" || usedElsewhere.count(name))
            continue;
        EXPECT_TRUE(listed.count(name)) << name << " is in tests/data/bad but not in MANIFEST.tsv";
    }
}

} // namespace
