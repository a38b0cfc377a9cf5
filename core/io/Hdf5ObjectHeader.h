// SPDX-License-Identifier: GPL-3.0-or-later
// A check of an HDF5 object's header, read from the file's bytes, before libhdf5 decodes the
// header's attribute messages (#9). libhdf5 1.10.8 trusts the sizes inside an attribute message:
// H5Aexists/H5Aopen walk every attribute of the object (H5O__msg_iterate_real) and strdup a name
// that has no terminator or memcpy data that runs past the header chunk (fuzz_keras_h5,
// fuzz_model_h5: heap-buffer-overflow READs). Used by h5::hasAttribute, which every attribute
// access of our readers goes through.
#pragma once

#include <hdf5.h>

#include <string>

namespace ws::h5 {

// Walks the object header of `obj` (a file, group or dataset): the version 1 or version 2
// ("OHDR") prefix, every continuation chunk (bounded by the file's size, no cycles), every
// message inside its chunk, and each attribute message's name, datatype, dataspace and data
// inside the message, the name ending in its NUL. Throws FormatError naming `file`, the
// object's path and its header address. A header that passed is remembered (per open file and
// address), so a reader asking for ten attributes reads the header once.
void checkObjectHeader(hid_t obj, const std::string& file);

// The same walk for every object on `path` (relative to `loc`, a group or file that is open),
// one link at a time, before libhdf5 loads any of them: libhdf5 1.10.8 allocates a header's
// first chunk at the size the header's prefix claims (8 GiB from a 4 KB file: fuzz_keras_h5
// under H5Oget_info_by_name). Stops quietly at a link that is missing or not a hard link.
void checkLinkedHeaders(hid_t loc, const std::string& path, const std::string& file);

} // namespace ws::h5
