// SPDX-License-Identifier: GPL-3.0-or-later
// Small RAII and error helpers over the HDF5 C API, shared by the HDF5-based readers and
// writers. HDF5's own error printing is switched off; failures become FormatError messages
// naming the file and the object.
#pragma once

#include <hdf5.h>

#include <mutex>
#include <string>
#include <vector>

namespace ws::h5 {

// Owns one HDF5 identifier and closes it with the matching H5?close.
class Handle {
public:
    Handle() = default;
    explicit Handle(hid_t id) : id_(id) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    Handle(Handle&& o) noexcept : id_(o.id_) { o.id_ = H5I_INVALID_HID; }
    Handle& operator=(Handle&& o) noexcept
    {
        if (this != &o) {
            reset();
            id_ = o.id_;
            o.id_ = H5I_INVALID_HID;
        }
        return *this;
    }
    ~Handle() { reset(); }
    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }
    void reset();

private:
    hid_t id_ = H5I_INVALID_HID;
};

void silenceErrors();

// The HDF5 library Debian ships is built without thread safety, and the program calls it from
// several threads: the Playground's and the Training panel's workers write run records while the
// Runs dock's scanner reads them, the inspector's loader reads Keras and model files. Every
// entry point that calls into libhdf5 holds this lock (recursive: they call one another). Two
// threads in the library at once corrupted its state: "HDF5: infinite loop closing library" and
// leaked error-class names at exit (test_health_dock under the asan stage, session 17).
std::recursive_mutex& libraryMutex();
[[nodiscard]] inline std::unique_lock<std::recursive_mutex> lockLibrary()
{
    return std::unique_lock<std::recursive_mutex>(libraryMutex());
}

bool exists(hid_t loc, const std::string& path);
// "a/b/c" -> "a", "a/b", "a/b/c" (empty parts skipped): the links libhdf5 follows one by one.
std::vector<std::string> pathPrefixes(const std::string& path);
void writeStringAttribute(hid_t obj, const std::string& name, const std::string& value, const std::string& file);
std::string readStringAttribute(hid_t obj, const std::string& name, const std::string& file);
// Checks obj's object header first (h5::checkObjectHeader, #9): libhdf5 decodes every attribute
// message of the header to answer, trusting their sizes. Throws FormatError naming `file`.
bool hasAttribute(hid_t obj, const std::string& name, const std::string& file);
void writeFloatDataset(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims, const float* data,
    const std::string& file);
// Reads a dataset as float32; dims receives its shape. Refuses datasets larger than maxElements.
std::vector<float> readFloatDataset(hid_t parent, const std::string& name, std::vector<hsize_t>& dims,
    const std::string& file, hsize_t maxElements);
// A string-array attribute as Keras writes layer_names / weight_names: fixed- or variable-length
// strings, any rank; an empty numeric array (what h5py makes of an empty list) is an empty list.
// Keras splits lists too long for an object header into `name0`, `name1`, ...: those are joined.
// Throws FormatError naming the file, `where` (the object's path) and the attribute.
std::vector<std::string> readStringListAttribute(hid_t obj, const std::string& name, const std::string& file,
    const std::string& where);
// True when `path` (relative to loc) names a dataset. Checks the object headers on the path
// first (checkLinkedHeaders; throws FormatError naming `file`).
bool isDataset(hid_t loc, const std::string& path, const std::string& file);
// The type of the object `name` (relative to loc) and an identity that two hard links to the
// same object share (its address or token). Asks libhdf5 for the basic fields only:
// H5Oget_info_by_name, which asks for all of them, also sizes a chunked dataset's index
// (H5D__chunk_bh_info), and on a damaged index libhdf5 1.10.8 leaks what it allocated there
// (found by fuzz_dataset_h5 in CI, stop 31). The headers on the way are checked before
// libhdf5 loads them (checkLinkedHeaders; throws FormatError naming `file`). False when
// libhdf5 cannot read the object.
struct ObjectInfo {
    H5O_type_t type = H5O_TYPE_UNKNOWN;
    std::string id;
};
bool objectInfo(hid_t loc, const std::string& name, ObjectInfo& out, const std::string& file);
// H5Gopen2 / H5Dopen2 of `path` (relative to loc) after checkLinkedHeaders: the headers on the
// way are walked before libhdf5 loads them. An invalid handle when libhdf5 refuses the object.
Handle openGroup(hid_t loc, const std::string& path, const std::string& file);
Handle openDataset(hid_t loc, const std::string& path, const std::string& file);
// Checks the global-heap storage of a variable-length string attribute or dataset before HDF5
// converts it (#3). libhdf5 1.10.8 trusts the heap: a collection whose free-space object has
// size 0 makes it loop for ever (H5HG__cache_heap_deserialize), and a heap object larger than its
// reference's length, or an index the collection does not hold, is copied out of bounds, and a
// length larger than the object makes it allocate that length (up to 4 GB) from a tiny file.
// The references are read raw (a conversion to an opaque type that leaves the bytes as they are
// on disk); each collection they point to is read from the file and walked as HDF5 walks it.
// Throws FormatError starting with `what` when anything does not add up. No-op for other types.
void checkVariableLengthStrings(hid_t attrOrDataset, const std::string& what);
// libhdf5 converts numbers bit by bit through buffers of the native sizes, trusting the type's
// precision, offset and float fields: an 8-byte integer claiming 8256 bits of precision smashed
// its stack in H5T__bit_get_d (fuzz_dataset_h5, release build too). Returns what is wrong with
// `type` as a number (empty when it is an integer or float of 1 to 8 bytes whose bits all lie
// inside it, in little- or big-endian order; a single byte may have none).
std::string numberTypeProblem(hid_t type);
// Throws FormatError "<what> <problem>" unless numberTypeProblem(type) is empty. Call it before
// any H5Dread that converts numbers.
void checkNumberType(hid_t type, const std::string& what);
// Opens an HDF5 file image held in memory, read-only, through the core driver (the bytes are
// copied by HDF5), under a name no other image has. Returns an invalid handle when the bytes are
// not a readable HDF5 file.
Handle openFileImage(const void* data, size_t size);
// Opens (creating when missing) every group along a '/'-separated path.
Handle createGroups(hid_t root, const std::string& path, const std::string& file);

} // namespace ws::h5
