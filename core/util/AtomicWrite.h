// SPDX-License-Identifier: GPL-3.0-or-later
// Every file the program writes goes through here: it is written whole under a temporary name
// beside the target ("<path>.tmp-<pid>-<n>", created exclusively), flushed to the disk, and only
// then renamed over the target. A failure at any point (an exception of the writer, a full disk,
// a file-size limit, a folder that cannot be written) removes the temporary file and leaves an
// existing file at `path` exactly as it was; the exception names `path`.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>

namespace ws {

// For writers that need a file name (libzip, QCustomPlot, Qt's image writers): `produce` writes
// the complete file at tempPath (which exists, empty, and may be truncated or replaced).
void writeAtomically(const std::string& path, const std::function<void(const std::string& tempPath)>& produce);

// For writers of a byte stream: `produce` writes to `out`; a stream left failed is an error.
void writeStreamAtomically(const std::string& path, const std::function<void(std::ostream& out)>& produce);

void writeBytesAtomically(const std::string& path, const void* data, size_t size);

} // namespace ws
