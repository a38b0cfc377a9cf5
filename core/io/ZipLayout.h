// SPDX-License-Identifier: GPL-3.0-or-later
// Where the bytes of each member of a zip archive lie in the file (PKWARE APPNOTE.TXT 6.3: end of
// central directory, ZIP64 end record and locator, central directory headers, local headers).
// libzip opens, checks and inflates archives (io/NpzReader.h, io/TorchReader.h) but does not tell
// where a member's data starts; a reader that maps the file and reads stored (uncompressed)
// members in place, as the PyTorch reader does, needs that offset. Every offset and length is
// checked against the real file size; damaged directories throw FormatError naming the file.
#pragma once

#include "io/MappedFile.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ws {

struct ZipSpan {
    std::string name;
    uint16_t method = 0;       // 0 stored, 8 deflated, ...
    uint16_t flags = 0;        // general purpose bits (bit 0: encrypted)
    uint64_t compSize = 0, size = 0;
    uint64_t dataOffset = 0;   // first byte of the (compressed) data in the file
};

// The members in central-directory order.
std::vector<ZipSpan> zipSpans(const MappedFile& file);

} // namespace ws
