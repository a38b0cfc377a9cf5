// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/FileStamp.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace fs = std::filesystem;

namespace ws {

namespace {

void addFile(const fs::path& p, FileStamp& stamp)
{
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec)
        return;
    const auto time = fs::last_write_time(p, ec);
    if (ec)
        return;
    stamp.modified = std::max<int64_t>(stamp.modified,
        std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count());
    stamp.bytes += size;
    ++stamp.files;
}

} // namespace

FileStamp fileStamp(const std::string& path, const std::function<bool(const std::string& name)>& include)
{
    FileStamp stamp;
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        addFile(path, stamp);
        return stamp;
    }
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
        if ((!include || include(it->path().filename().string())) && it->is_regular_file(ec))
            addFile(it->path(), stamp);
    return stamp;
}

} // namespace ws
