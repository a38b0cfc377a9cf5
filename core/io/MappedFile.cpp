// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/MappedFile.h"

#include "util/Error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ws {

MappedFile::MappedFile(const std::string& path)
    : path_(path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw FormatError(path + ": cannot open: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw FormatError(path + ": not a regular file");
    }
    size_ = size_t(st.st_size);
    if (size_ > 0) {
        void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            ::close(fd);
            throw FormatError(path + ": cannot map the file: " + std::strerror(errno));
        }
        data_ = static_cast<const uint8_t*>(p);
    }
    ::close(fd);
}

void MappedFile::releasePages(size_t offset, size_t length) const noexcept
{
    if (!data_ || offset >= size_ || length == 0)
        return;
    static const size_t page = size_t(::sysconf(_SC_PAGESIZE));
    const size_t end = std::min(size_, offset + std::min(length, size_ - offset));
    const size_t from = offset / page * page; // the mapping starts on a page
    const size_t to = std::min(size_, (end + page - 1) / page * page);
    // A read-only private mapping has no private copies: this only drops the page-table entries.
    ::madvise(const_cast<uint8_t*>(data_) + from, to - from, MADV_DONTNEED);
}

MappedFile::~MappedFile()
{
    if (data_)
        ::munmap(const_cast<uint8_t*>(data_), size_);
}

} // namespace ws
