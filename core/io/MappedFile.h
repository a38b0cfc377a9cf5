// SPDX-License-Identifier: GPL-3.0-or-later
// A read-only memory map of a whole file (POSIX mmap), so readers look at bytes without
// reading the file into memory. The size is what the file really has: every reader checks its
// offsets against it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace ws {

class MappedFile {
public:
    explicit MappedFile(const std::string& path); // throws FormatError naming the file
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const uint8_t* data() const { return data_; }
    size_t size() const { return size_; }
    const std::string& path() const { return path_; }
    // Gives back the pages of [offset, offset + length) this process holds (madvise
    // MADV_DONTNEED, widened to whole pages and clipped to the file): they count in its resident
    // memory until then, and a later read maps them again from the file. For streaming through
    // files larger than memory (`compare` of two 7 B checkpoints held 16.5 GB of them).
    void releasePages(size_t offset, size_t length) const noexcept;

private:
    std::string path_;
    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
};

} // namespace ws
