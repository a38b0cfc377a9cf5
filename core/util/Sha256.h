// SPDX-License-Identifier: GPL-3.0-or-later
// SHA-256 (FIPS 180-4), small and dependency-free: run records fingerprint the bytes of the
// dataset a training used, so a re-run can tell whether it sees the same data.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ws {

class Sha256 {
public:
    Sha256();
    void update(const void* data, size_t size);
    // The digest as 64 lower-case hex digits. The object is spent afterwards.
    std::string hexDigest();

private:
    void compress(const uint8_t* block);

    std::array<uint32_t, 8> h_;
    std::array<uint8_t, 64> buffer_ {};
    size_t buffered_ = 0;
    uint64_t totalBytes_ = 0;
};

std::string sha256Hex(const void* data, size_t size);

} // namespace ws
