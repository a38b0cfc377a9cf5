// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/ByteSize.h"

#include <array>
#include <cstdio>

namespace ws {

std::string byteSize(uint64_t bytes)
{
    if (bytes < 1024)
        return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    static constexpr std::array<const char*, 6> kUnits = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double value = double(bytes) / 1024.0;
    size_t unit = 0;
    // 1023.96 KiB would print as "1024.0 KiB": move up once the rounded value reaches 1024.
    while (value >= 1024.0 - 0.05 && unit + 1 < kUnits.size()) {
        value /= 1024.0;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
    return text;
}

} // namespace ws
