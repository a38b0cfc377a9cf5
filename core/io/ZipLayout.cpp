// SPDX-License-Identifier: GPL-3.0-or-later
// Zip central directory walk (APPNOTE.TXT 4.3.12, 4.3.14-16, 4.4, 4.5.3), only as far as finding
// each member's data; libzip does the rest.
#include "io/ZipLayout.h"

#include "util/Error.h"

#include <algorithm>
#include <cstring>

namespace ws {

namespace {

uint64_t le(const uint8_t* p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i)
        v = v << 8 | p[i];
    return v;
}

constexpr uint32_t kEocdSig = 0x06054b50, kZip64EocdSig = 0x06064b50, kZip64LocatorSig = 0x07064b50,
                   kCentralSig = 0x02014b50, kLocalSig = 0x04034b50;

} // namespace

std::vector<ZipSpan> zipSpans(const MappedFile& file)
{
    const uint8_t* d = file.data();
    const uint64_t size = file.size();
    auto fail = [&](const std::string& what) -> void {
        throw FormatError(file.path() + ": zip directory: " + what);
    };
    auto fits = [&](uint64_t offset, uint64_t n) { return offset <= size && n <= size - offset; };

    // The end of central directory record: 22 bytes plus a comment of up to 65535, at the end.
    if (size < 22)
        fail("the file is too short for a zip archive");
    uint64_t eocd = UINT64_MAX;
    for (uint64_t p = size - 22 + 1; p-- > 0 && size - p <= 22 + 65535;)
        if (le(d + p, 4) == kEocdSig && p + 22 + le(d + p + 20, 2) == size) {
            eocd = p;
            break;
        }
    if (eocd == UINT64_MAX)
        fail("no end of central directory record");
    uint64_t entries = le(d + eocd + 10, 2), cdSize = le(d + eocd + 12, 4), cdOffset = le(d + eocd + 16, 4);
    if (entries == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) {
        if (eocd < 20 || le(d + eocd - 20, 4) != kZip64LocatorSig)
            fail("ZIP64 sizes without a ZIP64 locator");
        const uint64_t rec = le(d + eocd - 20 + 8, 8);
        if (!fits(rec, 56) || le(d + rec, 4) != kZip64EocdSig)
            fail("the ZIP64 end record lies outside the file");
        entries = le(d + rec + 32, 8);
        cdSize = le(d + rec + 40, 8);
        cdOffset = le(d + rec + 48, 8);
    }
    if (!fits(cdOffset, cdSize))
        fail("the central directory lies outside the file");
    if (entries > cdSize / 46)
        fail(std::to_string(entries) + " entries cannot fit in a central directory of " + std::to_string(cdSize)
             + " bytes");

    std::vector<ZipSpan> spans;
    spans.reserve(size_t(entries));
    uint64_t p = cdOffset;
    const uint64_t end = cdOffset + cdSize;
    for (uint64_t i = 0; i < entries; ++i) {
        const std::string at = "entry " + std::to_string(i) + " at byte " + std::to_string(p);
        if (end - p < 46 || le(d + p, 4) != kCentralSig)
            fail(at + ": not a central directory header");
        ZipSpan s;
        s.flags = uint16_t(le(d + p + 8, 2));
        s.method = uint16_t(le(d + p + 10, 2));
        s.compSize = le(d + p + 20, 4);
        s.size = le(d + p + 24, 4);
        const uint64_t nameLen = le(d + p + 28, 2), extraLen = le(d + p + 30, 2), commentLen = le(d + p + 32, 2);
        uint64_t local = le(d + p + 42, 4);
        if (end - p - 46 < nameLen + extraLen + commentLen)
            fail(at + ": the header runs past the central directory");
        s.name.assign(reinterpret_cast<const char*>(d + p + 46), size_t(nameLen));
        // ZIP64 extended information (APPNOTE 4.5.3): the fields that overflowed, in this order.
        const uint8_t* x = d + p + 46 + nameLen;
        const uint8_t* xEnd = x + extraLen;
        while (xEnd - x >= 4) {
            const uint64_t id = le(x, 2), len = le(x + 2, 2);
            if (uint64_t(xEnd - x - 4) < len)
                fail(at + ": an extra field runs past its header");
            if (id == 0x0001) {
                const uint8_t* f = x + 4;
                uint64_t left = len;
                for (uint64_t* field : { &s.size, &s.compSize, &local }) {
                    if (*field != 0xFFFFFFFF)
                        continue;
                    if (left < 8)
                        fail(at + ": a ZIP64 extra field too short for its sizes");
                    *field = le(f, 8);
                    f += 8;
                    left -= 8;
                }
            }
            x += 4 + len;
        }
        // The local header repeats the name and has its own extra field (PyTorch pads there).
        if (!fits(local, 30) || le(d + local, 4) != kLocalSig)
            fail(at + ": member '" + s.name + "': no local header at byte " + std::to_string(local));
        const uint64_t localName = le(d + local + 26, 2), localExtra = le(d + local + 28, 2);
        s.dataOffset = local + 30 + localName + localExtra;
        if (localName != nameLen || !fits(local + 30, localName)
            || std::memcmp(d + local + 30, s.name.data(), size_t(nameLen)) != 0)
            fail(at + ": member '" + s.name + "': the local header names another member");
        if (!fits(s.dataOffset, s.compSize))
            fail(at + ": member '" + s.name + "': its " + std::to_string(s.compSize) + " bytes at byte "
                 + std::to_string(s.dataOffset) + " run past the end of the file");
        spans.push_back(std::move(s));
        p += 46 + nameLen + extraLen + commentLen;
    }
    return spans;
}

} // namespace ws
