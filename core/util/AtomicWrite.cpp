// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/AtomicWrite.h"

#include "util/Error.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <unistd.h>

namespace ws {

namespace {

// A name beside the target that no other writer, in this process or another, uses: created
// with O_EXCL, so a file or link someone placed there is never written through.
std::string reserveTemp(const std::string& path)
{
    static std::atomic<unsigned> counter { 0 };
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const std::string tmp = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
        const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            return tmp;
        }
        if (errno != EEXIST)
            throw FormatError(path + ": cannot create a file beside it (" + tmp + "): " + std::strerror(errno)
                + " (is the folder writable?)");
    }
    throw FormatError(path + ": cannot find a free temporary name beside it");
}

// The data on the disk before the rename: after a crash the target is either the old file or
// the complete new one.
void syncToDisk(const std::string& tmp, const std::string& path)
{
    const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw FormatError(path + ": cannot reopen " + tmp + ": " + std::strerror(errno));
    const int synced = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (synced != 0)
        throw FormatError(path + ": cannot write the file: " + std::strerror(error) + " (disk full?)");
}

} // namespace

void writeAtomically(const std::string& path, const std::function<void(const std::string& tempPath)>& produce)
{
    const std::string tmp = reserveTemp(path);
    try {
        produce(tmp);
        syncToDisk(tmp, path);
        std::error_code ec;
        std::filesystem::rename(tmp, path, ec);
        if (ec)
            throw FormatError(path + ": cannot replace the file: " + ec.message());
    } catch (...) {
        std::remove(tmp.c_str());
        throw;
    }
}

void writeStreamAtomically(const std::string& path, const std::function<void(std::ostream& out)>& produce)
{
    writeAtomically(path, [&](const std::string& tmp) {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw FormatError(path + ": cannot write " + tmp + ": " + std::strerror(errno));
        produce(out);
        out.flush();
        const int error = errno;
        if (!out)
            throw FormatError(path + ": cannot write the file: " + std::strerror(error) + " (disk full?)");
        out.close();
        if (out.fail())
            throw FormatError(path + ": cannot write the file (disk full?)");
    });
}

void writeBytesAtomically(const std::string& path, const void* data, size_t size)
{
    writeStreamAtomically(path, [&](std::ostream& out) { out.write(static_cast<const char*>(data), std::streamsize(size)); });
}

} // namespace ws
