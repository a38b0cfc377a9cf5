// SPDX-License-Identifier: GPL-3.0-or-later
// The raw bytes of a file libhdf5 has open, for the checks that look at HDF5 structures before
// libhdf5 1.10.8 decodes them without bounds (the global heap, #3; object headers, #9).
// Internal to the HDF5 helpers of core/io.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>

namespace ws::h5 {

// Little-endian unsigned integer of n (<= 8) bytes, as HDF5 stores every field.
uint64_t decodeLE(const unsigned char* p, size_t n);

// Through the file's driver: a descriptor (sec2, the default) or the image in memory (core,
// the .keras reader's model.weights.h5).
class FileBytes {
public:
    explicit FileBytes(hid_t file);
    // With the file's driver already known (H5Pget_driver of its access property list, whose
    // copy costs more than the rest of a small read).
    FileBytes(hid_t file, hid_t driver);
    bool readable() const { return fd_ >= 0 || image_; }
    hsize_t size() const { return size_; }
    // False when [offset, offset + n) is not inside the file.
    bool read(uint64_t offset, void* out, size_t n) const;

private:
    hsize_t size_ = 0;
    int fd_ = -1;
    const unsigned char* image_ = nullptr;
};

// The superblock's sizes of addresses and lengths (2..8 bytes) and the base address (the user
// block's size) that every address is relative to. False when the file does not say.
struct FileLayout {
    size_t sizeofAddr = 0;
    size_t sizeofSize = 0;
    hsize_t base = 0;
};
bool fileLayout(hid_t file, FileLayout& out);

} // namespace ws::h5
