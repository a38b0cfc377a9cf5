// SPDX-License-Identifier: GPL-3.0-or-later
// TFRecord framing, the container of TensorBoard's event files (tensorflow/core/lib/io/record_reader.cc,
// record_writer.cc): each record is
//   uint64 length (little-endian) | uint32 masked CRC-32C of those 8 bytes | data | uint32 masked CRC-32C of data
// and the mask is ((crc >> 15) | (crc << 17)) + 0xa282ead8. Used by run/TensorBoardEvents.
//
// What a damaged file gives: a record whose data CRC is wrong is skipped and counted, since its
// length was sound and the next record starts after it. A length whose CRC is wrong, or one that
// runs past the end of the file (a truncated tail, a file still being written, or a length of
// 2^60), ends the file with a warning: past that point no record boundary can be trusted.
// Nothing is allocated from a length: records are views into the caller's bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace ws {

// CRC-32C (Castagnoli, reflected polynomial 0x82f63b78, as in RFC 3720), continuing from `crc`.
uint32_t crc32c(const uint8_t* data, size_t size, uint32_t crc = 0);
uint32_t maskedCrc32c(const uint8_t* data, size_t size);

struct TfRecordStats {
    size_t records = 0;        // records handed to the callback
    size_t badCrc = 0;         // records skipped because their data's CRC is wrong
    std::string warning;       // why the file ended early (empty: it ended on a record boundary)
};

// `data` framed as one record: what a writer appends to an event file (tests and the fuzz target).
std::string frameTfRecord(const std::string& data);

// Calls onRecord(data, size) for each sound record of `bytes`; `name` names the file in the warning.
TfRecordStats forEachTfRecord(const uint8_t* bytes, size_t size, const std::string& name,
    const std::function<void(const uint8_t*, size_t)>& onRecord);

} // namespace ws
