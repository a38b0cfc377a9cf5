// SPDX-License-Identifier: GPL-3.0-or-later
// Every file Weightscope writes (native models, safetensors/.npy/.npz exports) goes to a
// temporary file beside the target and is renamed over it: a write that fails half-way (disk
// full, file size limit, folder not writable) must leave the old file byte for byte as it was,
// leave no temporary file behind, and say what failed naming the file.
//
// "Disk full" is simulated with RLIMIT_FSIZE, which the kernel enforces for root too (unlike
// folder permissions): writes past the limit fail with EFBIG (SIGXFSZ is ignored for that).
// The Qt settings (QSettings) are written by Qt itself through a temporary file and rename
// (QConfFile uses QSaveFile); nothing of ours to test there.
#include "TempDir.h"

#include "io/ModelFile.h"
#include "io/NpyWriter.h"
#include "io/SafetensorsWriter.h"
#include "nn/LayerFactory.h"
#include "analysis/TensorView.h"
#include "util/AtomicWrite.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ws;
using ws::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Limits the size of any file this process writes while alive.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &old_);
        oldHandler_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit r = old_;
        r.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &r);
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, oldHandler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit old_ {};
    void (*oldHandler_)(int) = SIG_DFL;
};

std::string contents(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

Tensor filled(Shape shape, float v)
{
    Tensor t(std::move(shape));
    for (int64_t i = 0; i < t.size(); ++i)
        t[i] = v + float(i % 7);
    return t;
}

Sequential model(int64_t width)
{
    Sequential m = Sequential::fromConfig({ { "input_shape", { width } },
        { "layers", parseLayerSpec("dense(" + std::to_string(width) + ") relu dense(3)") } });
    m.initialize(1);
    return m;
}

// Writes `small` to a fresh folder, then tries `large` under a 64 KiB file size limit, which it
// exceeds. Checks the error names the target, the old file is untouched and nothing else is left.
void expectFailedWriteKeepsOldFile(const std::string& name, const std::function<void(const std::string&)>& small,
    const std::function<void(const std::string&)>& large)
{
    TempDir dir;
    const std::string path = dir.file(name);
    small(path);
    const std::string before = contents(path);
    ASSERT_GT(before.size(), 0u);
    ASSERT_LT(before.size(), 64u << 10) << "the first file must fit under the limit";
    std::string message;
    {
        FileSizeLimit limit(64 << 10);
        try {
            large(path);
            ADD_FAILURE() << name << ": writing past the file size limit did not fail";
        } catch (const Error& e) {
            message = e.what();
        }
    }
    EXPECT_NE(message.find(path), std::string::npos) << "the message should name the file: " << message;
    EXPECT_EQ(contents(path), before) << name << ": the old file changed";
    size_t files = 0;
    for (const auto& f : fs::directory_iterator(dir.path)) {
        ++files;
        EXPECT_EQ(f.path().filename(), name) << "left behind: " << f.path();
    }
    EXPECT_EQ(files, 1u);
}

} // namespace

TEST(Saving, ModelFileKeepsTheOldFileWhenTheDiskIsFull)
{
    expectFailedWriteKeepsOldFile("m.h5",
        [](const std::string& p) { Sequential m = model(4); saveModel(p, m); },
        [](const std::string& p) { Sequential m = model(256); saveModel(p, m); });
}

TEST(Saving, SafetensorsExportKeepsTheOldFileWhenTheDiskIsFull)
{
    expectFailedWriteKeepsOldFile("w.safetensors",
        [](const std::string& p) { writeSafetensors(p, { { "a", filled({ 4, 4 }, 1) } }); },
        [](const std::string& p) { writeSafetensors(p, { { "a", filled({ 256, 256 }, 2) } }); });
}

TEST(Saving, NpyExportKeepsTheOldFileWhenTheDiskIsFull)
{
    expectFailedWriteKeepsOldFile("w.npy",
        [](const std::string& p) { writeNpy(p, filled({ 4, 4 }, 1)); },
        [](const std::string& p) { writeNpy(p, filled({ 256, 256 }, 2)); });
}

TEST(Saving, NpzExportKeepsTheOldFileWhenTheDiskIsFull)
{
    // Stored, not deflated: deflate would squeeze the repeating pattern under the limit.
    expectFailedWriteKeepsOldFile("w.npz",
        [](const std::string& p) { writeNpz(p, { { "a", filled({ 4, 4 }, 1) } }, false); },
        [](const std::string& p) { writeNpz(p, { { "a", filled({ 256, 256 }, 2) } }, false); });
}

// Folder permissions do not stop root, and CI runs as root: there the writes are made by a
// child process that has dropped to the unprivileged user 65534 ("nobody"), so the test runs
// everywhere instead of skipping where it matters.
TEST(Saving, ExportsIntoAReadOnlyFolderFailWithAMessage)
{
    TempDir dir;
    const std::string st = dir.file("w.safetensors"), npy = dir.file("w.npy"), npz = dir.file("w.npz"), h5 = dir.file("m.h5");
    writeSafetensors(st, { { "a", filled({ 2 }, 1) } });
    writeNpy(npy, filled({ 2 }, 1));
    writeNpz(npz, { { "a", filled({ 2 }, 1) } });
    Sequential small = model(4);
    saveModel(h5, small);
    const std::string before[] = { contents(st), contents(npy), contents(npz), contents(h5) };
    // Readable and enterable by everyone, writable by nobody but its owner (root, or this user
    // until the permissions below take the owner's write bit too).
    fs::permissions(dir.path, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec
            | fs::perms::others_read | fs::perms::others_exec);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(10);
        int refused = 0;
        const auto expectRefused = [&](const std::function<void()>& write, const std::string& path) {
            try {
                write();
            } catch (const Error& e) {
                refused += std::string(e.what()).find(path) != std::string::npos;
            }
        };
        expectRefused([&] { writeSafetensors(st, { { "a", filled({ 3 }, 2) } }); }, st);
        expectRefused([&] { writeNpy(npy, filled({ 3 }, 2)); }, npy);
        expectRefused([&] { writeNpz(npz, { { "a", filled({ 3 }, 2) } }); }, npz);
        expectRefused([&] { Sequential m = model(8); saveModel(h5, m); }, h5);
        _exit(refused == 4 ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    fs::permissions(dir.path, fs::perms::owner_all);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_NE(WEXITSTATUS(status), 10) << "could not drop to user 65534";
    EXPECT_EQ(WEXITSTATUS(status), 0) << "every write must be refused with a message naming its file";
    EXPECT_EQ(contents(st), before[0]);
    EXPECT_EQ(contents(npy), before[1]);
    EXPECT_EQ(contents(npz), before[2]);
    EXPECT_EQ(contents(h5), before[3]);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()), 4) << "a temporary file was left";
}

TEST(Saving, TensorCsvKeepsTheOldFileWhenTheDiskIsFull)
{
    const auto csv = [](int64_t n) {
        return [n](const std::string& p) {
            const Tensor t = filled({ n, n }, 0.123456f);
            const std::vector<float> values(t.data(), t.data() + t.size());
            writeViewCsv(memorySource(values), makeView(t.shape(), defaultSlice(t.shape())), p);
        };
    };
    expectFailedWriteKeepsOldFile("t.csv", csv(4), csv(256));
}

// The writer's own failure (an exception half-way) is a failure like a full disk.
TEST(Saving, AWriterThatThrowsLeavesNothingBehind)
{
    TempDir dir;
    const std::string path = dir.file("x.bin");
    writeBytesAtomically(path, "old", 3);
    EXPECT_THROW(writeStreamAtomically(path, [](std::ostream& out) {
        out << "half";
        throw Error("the producer failed");
    }), Error);
    EXPECT_EQ(contents(path), "old");
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()), 1);
    writeStreamAtomically(path, [](std::ostream& out) { out << "new"; });
    EXPECT_EQ(contents(path), "new");
}
