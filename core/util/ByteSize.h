// SPDX-License-Identifier: GPL-3.0-or-later
// Sizes of files and tensors for people, in one unit system everywhere: powers of 1024 named as
// such (KiB, MiB, GiB, TiB). Qt's "traditional" format, which the GUI used, divides by 1024 but
// writes kB/MB/GB, so the same 4.0 GiB file read "4.3 GB" in one place and "4.0 GB" in another.
#pragma once

#include <cstdint>
#include <string>

namespace ws {

// "12 bytes", "800.0 KiB", "1.5 MiB", "4.0 GiB": one decimal from KiB on.
std::string byteSize(uint64_t bytes);

} // namespace ws
