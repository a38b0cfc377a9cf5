// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/Hdf5Util.h"

#include "io/Hdf5FileBytes.h"
#include "io/Hdf5ObjectHeader.h"
#include "util/Error.h"

#include <atomic>
#include <cstring>
#include <map>

namespace ws::h5 {

void Handle::reset()
{
    if (id_ < 0)
        return;
    const auto hdf5 = lockLibrary();
    switch (H5Iget_type(id_)) {
    case H5I_FILE: H5Fclose(id_); break;
    case H5I_GROUP: H5Gclose(id_); break;
    case H5I_DATASET: H5Dclose(id_); break;
    case H5I_DATASPACE: H5Sclose(id_); break;
    case H5I_DATATYPE: H5Tclose(id_); break;
    case H5I_ATTR: H5Aclose(id_); break;
    case H5I_GENPROP_LST: H5Pclose(id_); break;
    default: break;
    }
    id_ = H5I_INVALID_HID;
}

std::recursive_mutex& libraryMutex()
{
    static std::recursive_mutex m;
    return m;
}

void silenceErrors()
{
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

std::vector<std::string> pathPrefixes(const std::string& path)
{
    std::vector<std::string> out;
    std::string partial;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!part.empty()) {
            partial += (partial.empty() ? "" : "/") + part;
            out.push_back(partial);
        }
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return out;
}

bool exists(hid_t loc, const std::string& path)
{
    // H5Lexists needs every intermediate link to exist; walk the path.
    for (const std::string& partial : pathPrefixes(path))
        if (H5Lexists(loc, partial.c_str(), H5P_DEFAULT) <= 0)
            return false;
    return true;
}

bool hasAttribute(hid_t obj, const std::string& name, const std::string& file)
{
    checkObjectHeader(obj, file); // H5Aexists decodes every attribute message of the header (#9)
    return H5Aexists(obj, name.c_str()) > 0;
}

void writeStringAttribute(hid_t obj, const std::string& name, const std::string& value, const std::string& file)
{
    Handle type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.get(), value.empty() ? 1 : value.size());
    H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    Handle space(H5Screate(H5S_SCALAR));
    Handle attr(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
    if (!attr.valid() || H5Awrite(attr.get(), type.get(), value.empty() ? "" : value.data()) < 0)
        throw FormatError(file + ": cannot write attribute '" + name + "'");
}

std::string readStringAttribute(hid_t obj, const std::string& name, const std::string& file)
{
    if (!hasAttribute(obj, name, file))
        throw FormatError(file + ": attribute '" + name + "' is missing");
    Handle attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
    Handle type(H5Aget_type(attr.get()));
    if (!attr.valid() || H5Tget_class(type.get()) != H5T_STRING)
        throw FormatError(file + ": attribute '" + name + "' is not a string");
    Handle space(H5Aget_space(attr.get()));
    if (H5Sget_simple_extent_npoints(space.get()) != 1)
        throw FormatError(file + ": attribute '" + name + "' is not a single string");
    if (H5Tis_variable_str(type.get()) > 0) {
        checkVariableLengthStrings(attr.get(), file + ": attribute '" + name + "'");
        char* text = nullptr;
        Handle memType(H5Tcopy(H5T_C_S1));
        H5Tset_size(memType.get(), H5T_VARIABLE);
        H5Tset_cset(memType.get(), H5Tget_cset(type.get())); // h5py writes UTF-8; HDF5 converts no csets
        if (H5Aread(attr.get(), memType.get(), &text) < 0)
            throw FormatError(file + ": cannot read attribute '" + name + "'");
        std::string out = text ? text : "";
        H5free_memory(text);
        return out;
    }
    const size_t size = H5Tget_size(type.get());
    std::string out(size, '\0');
    if (H5Aread(attr.get(), type.get(), out.data()) < 0)
        throw FormatError(file + ": cannot read attribute '" + name + "'");
    const auto end = out.find('\0');
    if (end != std::string::npos)
        out.resize(end);
    return out;
}

void writeFloatDataset(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims, const float* data,
    const std::string& file)
{
    Handle space(dims.empty() ? H5Screate(H5S_SCALAR) : H5Screate_simple(int(dims.size()), dims.data(), nullptr));
    Handle set(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    if (!set.valid() || H5Dwrite(set.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
        throw FormatError(file + ": cannot write dataset '" + name + "'");
}

std::vector<float> readFloatDataset(hid_t parent, const std::string& name, std::vector<hsize_t>& dims,
    const std::string& file, hsize_t maxElements)
{
    if (!exists(parent, name))
        throw FormatError(file + ": dataset '" + name + "' is missing");
    Handle set = openDataset(parent, name, file);
    if (!set.valid())
        throw FormatError(file + ": '" + name + "' is not a dataset");
    Handle space(H5Dget_space(set.get()));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0 || rank > 8)
        throw FormatError(file + ": dataset '" + name + "' has an unsupported rank");
    dims.assign(size_t(rank), 0);
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    hsize_t count = 1;
    for (hsize_t d : dims) {
        if (d != 0 && count > maxElements / d)
            throw FormatError(file + ": dataset '" + name + "' is larger than expected");
        count *= d;
    }
    if (count > maxElements)
        throw FormatError(file + ": dataset '" + name + "' has " + std::to_string(count)
            + " elements, more than the " + std::to_string(maxElements) + " expected");
    Handle type(H5Dget_type(set.get()));
    if (H5Tget_class(type.get()) != H5T_FLOAT && H5Tget_class(type.get()) != H5T_INTEGER)
        throw FormatError(file + ": dataset '" + name + "' is not numeric");
    checkNumberType(type.get(), file + ": dataset '" + name + "'");
    // libhdf5 allocates a whole chunk to read one: a damaged layout's chunk of gigabytes would be
    // allocated for a small dataset (fuzz_model_h5: 4 GB from a 27 KB file).
    Handle dcpl(H5Dget_create_plist(set.get()));
    if (dcpl.valid() && H5Pget_layout(dcpl.get()) == H5D_CHUNKED) {
        std::vector<hsize_t> chunk(size_t(rank > 0 ? rank : 1), 0);
        const int chunkRank = H5Pget_chunk(dcpl.get(), int(chunk.size()), chunk.data());
        hsize_t chunkElements = 1;
        for (int i = 0; i < chunkRank && i < int(chunk.size()); ++i)
            chunkElements = chunk[size_t(i)] != 0 && chunkElements > (hsize_t(1) << 40) / chunk[size_t(i)]
                ? (hsize_t(1) << 40) : chunkElements * chunk[size_t(i)];
        if (chunkElements > count && chunkElements > (hsize_t(1) << 24))
            throw FormatError(file + ": dataset '" + name + "' is stored in chunks of " + std::to_string(chunkElements)
                + " elements, more than its " + std::to_string(count) + " (damaged layout?)");
    }
    std::vector<float> values(static_cast<size_t>(count));
    if (count && H5Dread(set.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
        throw FormatError(file + ": cannot read dataset '" + name + "' (damaged file?)");
    return values;
}

Handle createGroups(hid_t root, const std::string& path, const std::string& file)
{
    Handle current(H5Gopen2(root, "/", H5P_DEFAULT));
    size_t start = 0;
    while (start < path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos)
            slash = path.size();
        const std::string part = path.substr(start, slash - start);
        start = slash + 1;
        if (part.empty())
            continue;
        Handle next(H5Lexists(current.get(), part.c_str(), H5P_DEFAULT) > 0
                ? H5Gopen2(current.get(), part.c_str(), H5P_DEFAULT)
                : H5Gcreate2(current.get(), part.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        if (!next.valid())
            throw FormatError(file + ": cannot create group '" + path + "'");
        current = std::move(next);
    }
    return current;
}

} // namespace ws::h5

namespace ws::h5 {

namespace {

// Reads every string of one attribute; false when it is not a string attribute.
bool readStrings(hid_t attr, std::vector<std::string>& out, const std::string& what)
{
    Handle type(H5Aget_type(attr));
    Handle space(H5Aget_space(attr));
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n < 0)
        throw FormatError(what + " cannot be read");
    if (H5Tget_class(type.get()) != H5T_STRING)
        return n == 0; // h5py stores an empty Python list as an empty float array
    if (H5Tis_variable_str(type.get()) > 0) {
        checkVariableLengthStrings(attr, what);
        std::vector<char*> items(size_t(n), nullptr);
        Handle memType(H5Tcopy(H5T_C_S1));
        H5Tset_size(memType.get(), H5T_VARIABLE);
        H5Tset_cset(memType.get(), H5Tget_cset(type.get()));
        if (n && H5Aread(attr, memType.get(), items.data()) < 0)
            throw FormatError(what + " cannot be read (damaged file?)");
        for (char* s : items)
            out.emplace_back(s ? s : "");
        if (n)
            H5Dvlen_reclaim(memType.get(), space.get(), H5P_DEFAULT, items.data());
        return true;
    }
    const size_t size = H5Tget_size(type.get());
    if (size == 0 || size > (size_t(1) << 30) / size_t(n ? n : 1))
        throw FormatError(what + " has an implausible string size");
    std::string buffer(size * size_t(n), '\0');
    if (n && H5Aread(attr, type.get(), buffer.data()) < 0)
        throw FormatError(what + " cannot be read (damaged file?)");
    for (hssize_t i = 0; i < n; ++i) {
        std::string s = buffer.substr(size_t(i) * size, size);
        const auto end = s.find('\0');
        if (end != std::string::npos)
            s.resize(end);
        out.push_back(std::move(s));
    }
    return true;
}

} // namespace

std::vector<std::string> readStringListAttribute(hid_t obj, const std::string& name, const std::string& file,
    const std::string& where)
{
    std::vector<std::string> out;
    const std::string what = file + ": attribute '" + name + "' of " + where;
    auto readOne = [&](const std::string& attrName) {
        Handle attr(H5Aopen(obj, attrName.c_str(), H5P_DEFAULT));
        if (!attr.valid())
            throw FormatError(what + " cannot be opened");
        if (!readStrings(attr.get(), out, what))
            throw FormatError(what + " is not a list of strings");
    };
    if (hasAttribute(obj, name, file)) {
        readOne(name);
        return out;
    }
    if (!hasAttribute(obj, name + "0", file))
        throw FormatError(what + " is missing");
    for (int chunk = 0; hasAttribute(obj, name + std::to_string(chunk), file); ++chunk)
        readOne(name + std::to_string(chunk));
    return out;
}

bool isDataset(hid_t loc, const std::string& path, const std::string& file)
{
    if (path.empty() || !exists(loc, path))
        return false;
    ObjectInfo info;
    return objectInfo(loc, path, info, file) && info.type == H5O_TYPE_DATASET;
}

Handle openGroup(hid_t loc, const std::string& path, const std::string& file)
{
    checkLinkedHeaders(loc, path, file);
    return Handle(H5Gopen2(loc, path.c_str(), H5P_DEFAULT));
}

Handle openDataset(hid_t loc, const std::string& path, const std::string& file)
{
    checkLinkedHeaders(loc, path, file);
    return Handle(H5Dopen2(loc, path.c_str(), H5P_DEFAULT));
}

bool objectInfo(hid_t loc, const std::string& name, ObjectInfo& out, const std::string& file)
{
    checkLinkedHeaders(loc, name, file);
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t info;
    if (H5Oget_info_by_name3(loc, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
        return false;
    out.id.assign(reinterpret_cast<const char*>(&info.token), sizeof info.token);
#else
    H5O_info_t info;
    if (H5Oget_info_by_name2(loc, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
        return false;
    out.id.assign(reinterpret_cast<const char*>(&info.addr), sizeof info.addr);
#endif
    out.type = info.type;
    return true;
}

namespace {

// ---- Variable-length strings: the global heap checked before HDF5 reads it (#3) ----
// HDF5 file format spec, "Global Heap": a collection is "GCOL", version 1, 3 reserved bytes and
// its size (a length: sizeof_size bytes), then objects: index (2), reference count (2),
// reserved (4), size (sizeof_size), the data padded to 8 bytes. Index 0 is the free space, whose
// size includes its header and is not padded. A vlen reference on disk is the sequence length
// (4), the collection's address (sizeof_addr) and the object's index (4).

constexpr const char* kRawVlenTag = "weightscope raw vlen reference";

// Registered as a soft conversion from variable-length strings to opaque types, it accepts only
// our tagged opaque type of the disk reference's size and leaves the bytes as they are: H5Aread
// and H5Dread then hand over the references without touching the heap. Every other conversion
// is refused here and left to HDF5.
herr_t keepRawVlenReferences(hid_t src, hid_t dst, H5T_cdata_t* cdata, size_t, size_t, size_t, void*, void*, hid_t)
{
    if (cdata->command != H5T_CONV_INIT)
        return 0; // H5T_CONV_CONV: same size, nothing to move; H5T_CONV_FREE: nothing held
    if (H5Tget_class(dst) != H5T_OPAQUE || H5Tis_variable_str(src) <= 0 || H5Tget_size(src) != H5Tget_size(dst))
        return -1;
    char* tag = H5Tget_tag(dst);
    const bool ours = tag && std::strcmp(tag, kRawVlenTag) == 0;
    H5free_memory(tag);
    if (!ours)
        return -1;
    cdata->need_bkg = H5T_BKG_NO;
    return 0;
}

bool registerRawVlenConversion()
{
    static const bool registered = [] {
        Handle src(H5Tcopy(H5T_C_S1));
        H5Tset_size(src.get(), H5T_VARIABLE);
        Handle dst(H5Tcreate(H5T_OPAQUE, 16));
        H5Tset_tag(dst.get(), kRawVlenTag);
        return H5Tregister(H5T_PERS_SOFT, "weightscope raw vlen", src.get(), dst.get(), keepRawVlenReferences) >= 0;
    }();
    return registered;
}

// One collection's objects: index -> size, as HDF5 finds them.
using HeapObjects = std::vector<std::pair<unsigned, uint64_t>>;

HeapObjects walkCollection(const FileBytes& bytes, uint64_t base, uint64_t addr, size_t sizeofSize,
    const std::string& what)
{
    const std::string where = what + ": global heap collection at address " + std::to_string(addr);
    const size_t headerSize = 8 + sizeofSize;
    const size_t objectHeaderSize = 8 + sizeofSize;
    std::vector<unsigned char> header(headerSize);
    if (addr > UINT64_MAX - base || !bytes.read(base + addr, header.data(), headerSize))
        throw FormatError(where + " lies outside the file");
    if (std::memcmp(header.data(), "GCOL", 4) != 0 || header[4] != 1)
        throw FormatError(where + " has no valid signature (damaged file?)");
    const uint64_t size = decodeLE(header.data() + 8, sizeofSize);
    std::vector<unsigned char> chunk;
    if (size < headerSize || size > bytes.size())
        throw FormatError(where + " claims " + std::to_string(size) + " bytes, more than the file holds");
    chunk.resize(size_t(size));
    if (!bytes.read(base + addr, chunk.data(), chunk.size()))
        throw FormatError(where + " claims " + std::to_string(size) + " bytes, more than the file holds");
    HeapObjects objects;
    uint64_t p = headerSize;
    while (p < size) {
        if (p + objectHeaderSize > size)
            break; // too small for an object: free space
        const unsigned char* o = chunk.data() + p;
        const unsigned index = unsigned(decodeLE(o, 2));
        const uint64_t objectSize = decodeLE(o + 8, sizeofSize);
        // As H5HG__cache_heap_deserialize: the free space's size includes its header and is not
        // padded; an object's is its data, padded to 8 bytes. A need of 0 is where HDF5 loops.
        uint64_t need = objectSize;
        if (index > 0) {
            if (objectSize > size)
                throw FormatError(where + ": object " + std::to_string(index) + " is larger than the collection");
            need = objectHeaderSize + ((objectSize + 7) & ~uint64_t(7));
        }
        if (need == 0)
            throw FormatError(where + ": the free space at byte " + std::to_string(p)
                + " has size 0 (libhdf5 would loop for ever reading it)");
        if (need > size - p)
            throw FormatError(where + ": object " + std::to_string(index) + " at byte " + std::to_string(p)
                + " runs past the end of the collection");
        if (index > 0)
            objects.emplace_back(index, objectSize);
        p += need;
    }
    return objects;
}

} // namespace

std::string numberTypeProblem(hid_t type)
{
    const H5T_class_t cls = H5Tget_class(type);
    if (cls != H5T_INTEGER && cls != H5T_FLOAT)
        return "does not hold numbers";
    const size_t size = H5Tget_size(type);
    if (size == 0 || size > 8)
        return "has " + std::to_string(size) + "-byte numbers (damaged type?)";
    const size_t bits = 8 * size;
    const size_t precision = H5Tget_precision(type);
    const int offset = H5Tget_offset(type);
    if (precision == 0 || offset < 0 || precision > bits || size_t(offset) + precision > bits)
        return "has " + std::to_string(size) + "-byte numbers claiming " + std::to_string(precision)
            + " bits from bit " + std::to_string(offset) + " (damaged type?)";
    const H5T_order_t order = H5Tget_order(type);
    if (order != H5T_ORDER_LE && order != H5T_ORDER_BE && !(order == H5T_ORDER_NONE && size == 1))
        return "has numbers in an unknown byte order (damaged type?)";
    if (cls == H5T_FLOAT) {
        size_t spos = 0, epos = 0, esize = 0, mpos = 0, msize = 0;
        const size_t lo = size_t(offset), hi = lo + precision;
        auto inside = [&](size_t pos, size_t n) { return n > 0 && pos >= lo && pos <= hi && n <= hi - pos; };
        if (H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize) < 0 || !inside(spos, 1) || !inside(epos, esize)
            || !inside(mpos, msize))
            return "has " + std::to_string(size) + "-byte floats whose sign, exponent or mantissa lie outside "
                + "their bits (damaged type?)";
    }
    return {};
}

void checkNumberType(hid_t type, const std::string& what)
{
    const std::string problem = numberTypeProblem(type);
    if (!problem.empty())
        throw FormatError(what + " " + problem);
}

void checkVariableLengthStrings(hid_t obj, const std::string& what)
{
    const bool attribute = H5Iget_type(obj) == H5I_ATTR;
    Handle type(attribute ? H5Aget_type(obj) : H5Dget_type(obj));
    if (!type.valid() || H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) <= 0)
        return;
    // A variable-length string's characters are one byte each; HDF5 sizes its conversion buffer
    // as length x this size, which a damaged type message can make gigabytes.
    Handle character(H5Tget_super(type.get()));
    if (character.valid() && H5Tget_size(character.get()) != 1)
        throw FormatError(what + ": its characters are " + std::to_string(H5Tget_size(character.get()))
            + " bytes wide (damaged type?)");
    Handle file(H5Iget_file_id(obj));
    FileLayout layout;
    if (!fileLayout(file.get(), layout))
        throw FormatError(what + " cannot be checked (damaged file?)");
    const size_t sizeofAddr = layout.sizeofAddr, sizeofSize = layout.sizeofSize;
    const hsize_t base = layout.base;
    const FileBytes bytes(file.get());
    if (!bytes.readable() || !registerRawVlenConversion())
        throw FormatError(what + " cannot be checked (unsupported HDF5 driver)");

    Handle space(attribute ? H5Aget_space(obj) : H5Dget_space(obj));
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    const size_t referenceSize = 4 + sizeofAddr + 4;
    if (n < 0 || uint64_t(n) > bytes.size())
        throw FormatError(what + " claims more strings than the file can hold");
    if (n == 0)
        return;
    Handle raw(H5Tcreate(H5T_OPAQUE, referenceSize));
    H5Tset_tag(raw.get(), kRawVlenTag);
    std::vector<unsigned char> refs(size_t(n) * referenceSize);
    const herr_t status = attribute ? H5Aread(obj, raw.get(), refs.data())
                                    : H5Dread(obj, raw.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, refs.data());
    if (status < 0)
        throw FormatError(what + " cannot be read (damaged file?)");

    std::map<uint64_t, HeapObjects> collections;
    for (hssize_t i = 0; i < n; ++i) {
        const unsigned char* r = refs.data() + size_t(i) * referenceSize;
        const uint64_t length = decodeLE(r, 4);
        const uint64_t addr = decodeLE(r + 4, sizeofAddr);
        const auto index = unsigned(decodeLE(r + 4 + sizeofAddr, 4));
        if (length > bytes.size())
            throw FormatError(what + ": string " + std::to_string(i) + " claims " + std::to_string(length)
                + " bytes, more than the file holds");
        if (addr == 0) {
            if (length != 0)
                throw FormatError(what + ": string " + std::to_string(i) + " has no heap object but a length of "
                    + std::to_string(length));
            continue; // a null string: HDF5 does not look at the heap
        }
        auto it = collections.find(addr);
        if (it == collections.end())
            it = collections.emplace(addr, walkCollection(bytes, base, addr, sizeofSize, what)).first;
        bool found = false;
        for (const auto& [objectIndex, objectSize] : it->second) {
            if (objectIndex != index)
                continue;
            // HDF5 allocates (and clears) `length` bytes, then copies the whole object into them:
            // a longer object overruns the buffer, a longer length asks for up to 4 GB from a
            // few bytes of file. HDF5 writes them equal (a string's object is its bytes).
            if (objectSize != length)
                throw FormatError(what + ": heap object " + std::to_string(index) + " holds " + std::to_string(objectSize)
                    + " bytes for a string of " + std::to_string(length));
            found = true;
        }
        if (!found)
            throw FormatError(what + ": string " + std::to_string(i) + " points to heap object " + std::to_string(index)
                + " at address " + std::to_string(addr) + ", which does not exist");
    }
}

Handle openFileImage(const void* data, size_t size)
{
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
    // Core driver without a backing store: nothing touches the disk.
    if (H5Pset_fapl_core(fapl.get(), 1 << 20, 0) < 0 || H5Pset_file_image(fapl.get(), const_cast<void*>(data), size) < 0)
        return Handle();
    // A name of its own: the core driver takes two images of one name for one file and hands the
    // one already open back (two .keras files open at once showed the first one's weights twice).
    static std::atomic<uint64_t> opened { 0 };
    const std::string name = "in-memory-" + std::to_string(++opened) + ".h5";
    return Handle(H5Fopen(name.c_str(), H5F_ACC_RDONLY, fapl.get()));
}

} // namespace ws::h5
