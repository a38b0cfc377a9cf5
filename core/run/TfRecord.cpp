// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/TfRecord.h"

#include <array>
#include <cstring>

namespace ws {

namespace {

// Slicing by one byte: 1M records of 40 bytes check in about 50 ms, well inside a second.
constexpr std::array<uint32_t, 256> makeTable()
{
    std::array<uint32_t, 256> t {};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (c >> 1) ^ 0x82f63b78u : c >> 1;
        t[i] = c;
    }
    return t;
}
constexpr std::array<uint32_t, 256> kTable = makeTable();

uint32_t readU32(const uint8_t* p)
{
    uint32_t v;
    std::memcpy(&v, p, 4); // little-endian host (x86-64), as the format is
    return v;
}

} // namespace

uint32_t crc32c(const uint8_t* data, size_t size, uint32_t crc)
{
    crc = ~crc;
    for (size_t i = 0; i < size; ++i)
        crc = kTable[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

uint32_t maskedCrc32c(const uint8_t* data, size_t size)
{
    const uint32_t c = crc32c(data, size);
    return ((c >> 15) | (c << 17)) + 0xa282ead8u;
}

std::string frameTfRecord(const std::string& data)
{
    std::string out(data.size() + 16, '\0');
    const uint64_t length = data.size();
    std::memcpy(out.data(), &length, 8);
    const uint32_t lengthCrc = maskedCrc32c(reinterpret_cast<const uint8_t*>(out.data()), 8);
    std::memcpy(out.data() + 8, &lengthCrc, 4);
    std::memcpy(out.data() + 12, data.data(), data.size());
    const uint32_t dataCrc = maskedCrc32c(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    std::memcpy(out.data() + 12 + data.size(), &dataCrc, 4);
    return out;
}

TfRecordStats forEachTfRecord(const uint8_t* bytes, size_t size, const std::string& name,
    const std::function<void(const uint8_t*, size_t)>& onRecord)
{
    TfRecordStats stats;
    size_t pos = 0;
    while (pos < size) {
        if (size - pos < 12) {
            stats.warning = name + ": byte " + std::to_string(pos) + ": a truncated record header (" +
                std::to_string(size - pos) + " bytes); the rest of the file is ignored";
            break;
        }
        uint64_t length;
        std::memcpy(&length, bytes + pos, 8);
        if (readU32(bytes + pos + 8) != maskedCrc32c(bytes + pos, 8)) {
            stats.warning = name + ": byte " + std::to_string(pos) +
                ": the record length's CRC is wrong; the rest of the file is ignored";
            break;
        }
        const size_t left = size - pos - 12;
        if (left < 4 || length > left - 4) {
            stats.warning = name + ": byte " + std::to_string(pos) + ": a record of " + std::to_string(length) +
                " bytes runs past the end of the file (" + std::to_string(left) +
                " bytes left): truncated; the rest of the file is ignored";
            break;
        }
        const uint8_t* data = bytes + pos + 12;
        if (readU32(data + length) == maskedCrc32c(data, size_t(length))) {
            ++stats.records;
            onRecord(data, size_t(length));
        } else {
            ++stats.badCrc;
        }
        pos += 16 + size_t(length);
    }
    return stats;
}

} // namespace ws
