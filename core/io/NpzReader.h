// SPDX-License-Identifier: GPL-3.0-or-later
// NumPy .npz archives (np.savez, np.savez_compressed): a zip file (read with libzip) whose
// members "name.npy" are .npy files; each becomes a tensor "name". Members are stored or
// deflated; other members are listed in the metadata and otherwise ignored.
//
// Hostile archives are refused when opened: member names that are absolute or contain "..",
// encrypted members, compression methods other than store/deflate, declared sizes that do not
// match the .npy header inside, and compression ratios above 1000:1 for members over 64 MB.
//
// Reading (bounded memory, documented choice): a member of at most kNpzCacheBytes is read or
// inflated whole on first use and kept (checking its CRC-32), one member at a time, so reading a small tensor in many
// chunks inflates it once. A larger stored member in C order is read by seeking to the chunk;
// a larger deflated (or Fortran-order) member is streamed from its start for each chunk, which
// costs time but never more than a fixed block of memory.
#pragma once

#include "io/NpyReader.h"
#include "io/WeightFile.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

struct zip;

namespace ws {

inline constexpr uint64_t kNpzCacheBytes = uint64_t(64) << 20;
// A member is a suspected zip bomb when it inflates more than this ratio and beyond 64 MB.
inline constexpr uint64_t kNpzMaxRatio = 1000;
inline constexpr uint64_t kNpzRatioFloorBytes = uint64_t(64) << 20;

class NpzFile final : public WeightFile {
public:
    // Throws FormatError. `cacheBytes` is the largest member kept whole in memory (tests lower it
    // to exercise the streaming paths).
    explicit NpzFile(const std::string& path, uint64_t cacheBytes = kNpzCacheBytes);
    ~NpzFile() override;
    NpzFile(const NpzFile&) = delete;
    NpzFile& operator=(const NpzFile&) = delete;

    std::string format() const override { return "npz"; }
    // Thread-safe: libzip's archive handle and the cache are guarded by one mutex.
    void read(size_t index, int64_t first, int64_t count, float* out) const override;

private:
    struct Member {
        uint64_t zipIndex = 0;
        std::string name;      // as in the archive ("layer1/kernel.npy")
        bool deflated = false;
        uint64_t size = 0;     // uncompressed bytes, as declared in the archive
        NpyHeader header;
    };

    std::string where(const Member& m) const { return path_ + ": member '" + m.name + "'"; }
    // Reads bytes [offset, offset + n) of a member (seeking where libzip can, else reading through).
    void readMember(const Member& m, uint64_t offset, size_t n, uint8_t* out) const;
    void readWholeMember(const Member& m, std::vector<uint8_t>& out) const;

    zip* archive_ = nullptr;
    uint64_t cacheBytes_ = kNpzCacheBytes;
    std::vector<Member> members_; // parallel to tensors_
    mutable std::mutex mutex_;
    mutable size_t cachedIndex_ = SIZE_MAX; // the member whose bytes are in cache_
    mutable std::vector<uint8_t> cache_;
};

} // namespace ws
