// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/Hdf5FileBytes.h"

#include "io/Hdf5Util.h"

#include <unistd.h>

#include <cstring>

namespace ws::h5 {

uint64_t decodeLE(const unsigned char* p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = n; i-- > 0;)
        v = (v << 8) | p[i];
    return v;
}

FileBytes::FileBytes(hid_t file) : FileBytes(file, H5Pget_driver(Handle(H5Fget_access_plist(file)).get()))
{
}

FileBytes::FileBytes(hid_t file, hid_t driver)
{
    H5Fget_filesize(file, &size_);
    void* handle = nullptr;
    if (H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) < 0 || !handle)
        return;
    if (driver == H5FD_SEC2)
        fd_ = *static_cast<int*>(handle);
    else if (driver == H5FD_CORE) // the core driver hands out the address of its buffer pointer
        image_ = *static_cast<const unsigned char* const*>(handle);
}

bool FileBytes::read(uint64_t offset, void* out, size_t n) const
{
    if (offset > size_ || n > size_ - offset)
        return false;
    if (image_) {
        std::memcpy(out, image_ + offset, n);
        return true;
    }
    auto* dst = static_cast<unsigned char*>(out);
    while (n > 0) {
        const ssize_t got = pread(fd_, dst, n, off_t(offset));
        if (got <= 0)
            return false;
        dst += got;
        offset += uint64_t(got);
        n -= size_t(got);
    }
    return true;
}

bool fileLayout(hid_t file, FileLayout& out)
{
    Handle fcpl(H5Fget_create_plist(file));
    return fcpl.valid() && H5Pget_sizes(fcpl.get(), &out.sizeofAddr, &out.sizeofSize) >= 0
        && H5Pget_userblock(fcpl.get(), &out.base) >= 0 && out.sizeofAddr >= 2 && out.sizeofAddr <= 8
        && out.sizeofSize >= 2 && out.sizeofSize <= 8;
}

} // namespace ws::h5
