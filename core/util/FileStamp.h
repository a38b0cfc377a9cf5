// SPDX-License-Identifier: GPL-3.0-or-later
// What says a file, or a folder of files, has changed without reading it: the newest modification
// time and the total size. Used as a cache key by the Runs dock's outcome cache (a run's record,
// or the event files of a TensorBoard run folder) and by the model health cache (a weight file or
// a sharded folder).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace ws {

struct FileStamp {
    int64_t modified = 0; // the newest modification time, nanoseconds since the file clock's epoch
    uint64_t bytes = 0;   // the sizes summed
    size_t files = 0;     // how many files were stamped
    bool operator==(const FileStamp&) const = default;
};

// A file: its own stamp. A folder: the regular files directly in it (not in subfolders) whose
// names `include` accepts, all of them when it is empty. Zero values for what cannot be read (a
// deleted file).
FileStamp fileStamp(const std::string& path, const std::function<bool(const std::string& name)>& include = {});

} // namespace ws
