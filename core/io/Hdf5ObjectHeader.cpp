// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/Hdf5ObjectHeader.h"

#include "io/Hdf5FileBytes.h"
#include "io/Hdf5Util.h"
#include "util/Error.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

// HDF5 file format specification (version 3.0), section IV.A "Disk Format: Level 2A1 - Data
// Object Headers":
//   version 1 prefix: version 1, reserved, message count (2), reference count (4), size of the
//     first chunk's messages (4), padded to 16 bytes; messages: type (2), size (2), flags (1),
//     reserved (3), data. Continuation chunks hold messages only.
//   version 2 prefix: "OHDR", version 2, flags, four times (4 each) when flags bit 5, attribute
//     phase-change values (2 + 2) when flags bit 4, size of chunk 0 (1, 2, 4 or 8 bytes by flags
//     bits 0-1); messages: type (1), size (2), flags (1), creation order (2) when flags bit 2,
//     data; a gap smaller than a message's prefix; checksum (4). Continuation chunks are "OCHK",
//     messages, gap, checksum.
//   continuation message (0x0010): the chunk's address (sizeof_addr) and length (sizeof_size).
//   attribute message (0x000C) versions 1-3: version, flags (version 1: reserved), name size
//     (2, with its NUL), datatype size (2), dataspace size (2), the name's character set
//     (version 3 only), name, datatype, dataspace, data; version 1 pads the name, datatype and
//     dataspace to 8 bytes. Attribute flags bit 0/1: the datatype/dataspace is a shared message.
//   datatype message: class and version (1), class bits (3), size of an element (4), properties.
//   dataspace message version 1: version, rank, flags, reserved (5), dimensions (sizeof_size
//     each), maximum dimensions when flags bit 0, permutation (4 each) when flags bit 1;
//     version 2: version, rank, flags, type (0 scalar, 1 simple, 2 null), dimensions, maximum
//     dimensions when flags bit 0.
// Checksums of version 2 chunks are left to libhdf5: it verifies them when it loads the header,
// before any attribute is decoded, so a chunk whose bytes we would judge is one libhdf5 refuses.

namespace ws::h5 {

namespace {

constexpr unsigned kContinuation = 0x0010;
constexpr unsigned kAttribute = 0x000C;
constexpr unsigned kSymbolTable = 0x0011;
constexpr unsigned kMessageShared = 0x02; // message flags bit 1: the data is a shared-message reference
constexpr size_t kMaxChunks = 65536;

std::string at(uint64_t offset)
{
    return "at byte " + std::to_string(offset);
}

uint64_t saturatingMul(uint64_t a, uint64_t b)
{
    return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

class HeaderWalk {
public:
    // `where` names the file, the object's path and the header's address; only called to refuse.
    HeaderWalk(const FileBytes& bytes, const FileLayout& layout, std::function<std::string()> where)
        : bytes_(bytes), layout_(layout), where_(std::move(where))
    {
    }

    void run(uint64_t address)
    {
        const uint64_t start = layout_.base + address;
        // The longest prefix: "OHDR", version, flags, times (16), phase change (4), size (8).
        unsigned char prefix[6 + 16 + 4 + 8] = {};
        if (address > UINT64_MAX - layout_.base || start >= bytes_.size())
            damaged("the header lies outside the file");
        const size_t got = size_t(std::min<uint64_t>(sizeof prefix, bytes_.size() - start));
        if (got < 6 || !bytes_.read(start, prefix, got))
            damaged("the header lies outside the file");
        if (std::memcmp(prefix, "OHDR", 4) == 0) {
            if (prefix[4] != 2)
                damaged("version " + std::to_string(prefix[4]) + " of an OHDR header is unknown");
            version_ = 2;
            flags_ = prefix[5];
            size_t p = 6 + ((flags_ & 0x20) ? 16 : 0) + ((flags_ & 0x10) ? 4 : 0);
            const size_t width = size_t(1) << (flags_ & 0x03);
            if (p + width > got)
                damaged("the header prefix lies outside the file");
            const uint64_t size = decodeLE(prefix + p, width);
            p += width;
            addChunk(start, start + p, size, 4);
        } else {
            if (prefix[0] != 1)
                damaged("no OHDR signature and version " + std::to_string(prefix[0]) + " is not 1");
            version_ = 1;
            if (got < 16)
                damaged("the header prefix lies outside the file");
            addChunk(start, start + 16, decodeLE(prefix + 8, 4), 0);
        }
        for (size_t i = 0; i < chunks_.size(); ++i)
            walkChunk(chunks_[i]); // a copy: continuations grow chunks_ while it is walked
    }

private:
    struct Chunk {
        uint64_t begin; // the messages' first byte in the file
        uint64_t size;  // bytes of messages (and the gap of a version 2 chunk)
    };

    // A chunk of `size` message bytes at `messages` (the header or "OCHK" block starting at
    // `block`), followed by `trailer` bytes (the checksum).
    void addChunk(uint64_t block, uint64_t messages, uint64_t size, uint64_t trailer)
    {
        if (!seen_.insert(block).second)
            damaged("a continuation message points back to the chunk " + at(block) + " (a cycle)");
        if (chunks_.size() >= kMaxChunks)
            damaged("more than " + std::to_string(kMaxChunks) + " continuation chunks");
        if (messages > bytes_.size() || size > bytes_.size() - messages
            || trailer > bytes_.size() - messages - size)
            damaged("the chunk " + at(block) + " of " + std::to_string(size) + " bytes runs past the end of the file ("
                + std::to_string(bytes_.size()) + " bytes)");
        total_ += size;
        if (total_ > bytes_.size())
            damaged("its chunks add up to more bytes than the file holds (overlapping continuations)");
        chunks_.push_back({ messages, size });
    }

    void walkChunk(Chunk chunk)
    {
        std::vector<unsigned char> data(size_t(chunk.size));
        if (!bytes_.read(chunk.begin, data.data(), data.size()))
            damaged("the chunk " + at(chunk.begin) + " cannot be read");
        const size_t prefix = version_ == 1 ? 8 : 4 + ((flags_ & 0x04) ? 2 : 0);
        size_t p = 0;
        while (data.size() - p >= prefix) {
            const unsigned char* m = data.data() + p;
            const unsigned type = version_ == 1 ? unsigned(decodeLE(m, 2)) : m[0];
            const size_t size = size_t(decodeLE(m + (version_ == 1 ? 2 : 1), 2));
            const unsigned flags = m[version_ == 1 ? 4 : 3];
            const uint64_t where = chunk.begin + p;
            p += prefix;
            if (size > data.size() - p)
                damaged("the message " + at(where) + " (type " + std::to_string(type) + ") claims " + std::to_string(size)
                    + " bytes, past the end of its chunk " + at(chunk.begin + data.size()));
            if (type == kContinuation)
                continuation(data.data() + p, size, where);
            else if (type == kAttribute && !(flags & kMessageShared))
                attribute(data.data() + p, size, where);
            else if (type == kSymbolTable)
                symbolTable(data.data() + p, size, where);
            p += size;
        }
    }

    void continuation(const unsigned char* m, size_t size, uint64_t where)
    {
        if (size < layout_.sizeofAddr + layout_.sizeofSize)
            damaged("the continuation message " + at(where) + " is too short");
        const uint64_t address = decodeLE(m, layout_.sizeofAddr);
        const uint64_t length = decodeLE(m + layout_.sizeofAddr, layout_.sizeofSize);
        if (address > UINT64_MAX - layout_.base)
            damaged("the continuation message " + at(where) + " points outside the file");
        const uint64_t block = layout_.base + address;
        if (version_ == 1) {
            addChunk(block, block, length, 0);
            return;
        }
        unsigned char signature[4] = {};
        if (length < 8 || !bytes_.read(block, signature, 4) || std::memcmp(signature, "OCHK", 4) != 0)
            damaged("the continuation message " + at(where) + " points to " + at(block)
                + ", which holds no OCHK chunk");
        addChunk(block, block + 4, length - 8, 4);
    }

    // A group's symbol table message: the v1 B-tree's and the local heap's addresses. libhdf5
    // 1.10.8 loads the heap's data segment in one piece of the size the heap's header gives, into
    // a buffer whose allocation it does not check: a size beyond the file makes malloc return
    // NULL and the copy into it crash (SIGSEGV in H5F__accum_read under H5Literate; found by
    // fuzz_dataset_h5). Local heap (format spec III.D): "HEAP", version 0, reserved (3), data
    // segment size and offset to the free list's head (sizeof_size each), the data segment's
    // address (sizeof_addr).
    void symbolTable(const unsigned char* m, size_t size, uint64_t where)
    {
        const size_t addr = layout_.sizeofAddr, len = layout_.sizeofSize;
        if (size < 2 * addr)
            damaged("the symbol table message " + at(where) + " is too short");
        const uint64_t heap = decodeLE(m + addr, addr);
        unsigned char h[8 + 8 + 8 + 8] = {};
        const size_t need = 8 + 2 * len + addr;
        if (heap > UINT64_MAX - layout_.base || layout_.base + heap >= bytes_.size()
            || need > bytes_.size() - (layout_.base + heap) || !bytes_.read(layout_.base + heap, h, need)
            || std::memcmp(h, "HEAP", 4) != 0)
            damaged("the symbol table message " + at(where) + " names a local heap " + at(layout_.base + heap)
                + " that is not there");
        const uint64_t segment = decodeLE(h + 8, len);
        const uint64_t freeList = decodeLE(h + 8 + len, len);
        const uint64_t segmentAt = decodeLE(h + 8 + 2 * len, addr);
        const uint64_t undefined = len == 8 ? UINT64_MAX : (uint64_t(1) << (8 * len)) - 1;
        if (segmentAt > UINT64_MAX - layout_.base || layout_.base + segmentAt > bytes_.size()
            || segment > bytes_.size() - (layout_.base + segmentAt))
            damaged("the local heap " + at(layout_.base + heap) + " claims a data segment of " + std::to_string(segment)
                + " bytes " + at(layout_.base + segmentAt) + ", past the end of the file (" + std::to_string(bytes_.size())
                + " bytes)");
        if (freeList != undefined && freeList >= segment)
            damaged("the local heap " + at(layout_.base + heap) + " has its free list at offset "
                + std::to_string(freeList) + ", outside its " + std::to_string(segment) + "-byte data segment");
        // The free list: each free block starts with the offset of the next one and its own size
        // (sizeof_size each); offset 1 ends the list (libhdf5's H5HL_FREE_NULL). libhdf5 1.10.8
        // (H5HL__fl_deserialize) follows the offsets without remembering where it has been: a list
        // that leads back to one of its blocks makes it allocate a node a step for ever (23 million
        // in 12 s, found by fuzz_dataset_h5). Free blocks do not overlap and each holds its two
        // fields, so a list has at most segment / (2 * sizeof_size) blocks.
        const uint64_t maxBlocks = segment / (2 * len);
        uint64_t block = freeList;
        for (uint64_t count = 0; block != 1 && block != undefined && block < segment; ++count) {
            unsigned char fields[16] = {};
            if (count >= maxBlocks || block > segment - 2 * len
                || !bytes_.read(layout_.base + segmentAt + block, fields, 2 * len))
                damaged("the local heap " + at(layout_.base + heap) + " has a free list that "
                    + (count >= maxBlocks ? "runs in a circle" : "runs past its data segment")
                    + " (block at offset " + std::to_string(block) + ")");
            block = decodeLE(fields, len);
        }
    }

    // Name, datatype and dataspace are read as libhdf5 1.10.8's H5O__attr_decode reads them,
    // which trusts each size; then it copies (number of elements x element size) bytes of data.
    void attribute(const unsigned char* m, size_t size, uint64_t where)
    {
        const std::string message = "the attribute message " + at(where) + " (" + std::to_string(size) + " bytes)";
        const unsigned version = size > 0 ? m[0] : 0;
        if (version < 1 || version > 3)
            damaged(message + " has version " + std::to_string(version) + " (1 to 3 exist)");
        const size_t fixed = version == 3 ? 9 : 8;
        if (size < fixed)
            damaged(message + " is too short for its sizes");
        const unsigned flags = version >= 2 ? m[1] : 0;
        const size_t nameSize = size_t(decodeLE(m + 2, 2));
        const size_t typeSize = size_t(decodeLE(m + 4, 2));
        const size_t spaceSize = size_t(decodeLE(m + 6, 2));
        auto padded = [&](size_t n) { return version == 1 ? (n + 7) / 8 * 8 : n; };
        size_t p = fixed;
        if (nameSize == 0 || nameSize > size - p)
            damaged(message + ": its name of " + std::to_string(nameSize) + " bytes runs past the message");
        const char* name = reinterpret_cast<const char*>(m + p);
        const size_t length = strnlen(name, nameSize);
        if (length != nameSize - 1)
            damaged(message + ": its name of " + std::to_string(nameSize) + " bytes "
                + (length == nameSize ? "has no terminating NUL" : "ends early, at byte " + std::to_string(length)));
        const std::string attr = "attribute '" + std::string(name, length) + "' (message " + at(where) + ", "
            + std::to_string(size) + " bytes)";
        p = std::min(size, p + padded(nameSize));
        if (typeSize > size - p)
            damaged(attr + ": its datatype of " + std::to_string(typeSize) + " bytes runs past the message");
        const bool typeShared = flags & 0x01, spaceShared = flags & 0x02;
        if (!typeShared && typeSize < 8)
            damaged(attr + ": its datatype of " + std::to_string(typeSize) + " bytes is too short");
        const uint64_t elementSize = typeShared ? 0 : decodeLE(m + p + 4, 4);
        p = std::min(size, p + padded(typeSize));
        if (spaceSize > size - p)
            damaged(attr + ": its dataspace of " + std::to_string(spaceSize) + " bytes runs past the message");
        const uint64_t elements = spaceShared ? 0 : dataspaceElements(m + p, spaceSize, attr);
        p = std::min(size, p + padded(spaceSize));
        if (typeShared || spaceShared)
            return; // the element size or count lives in another message: libhdf5 looks it up
        const uint64_t dataSize = saturatingMul(elements, elementSize);
        if (dataSize > size - p)
            damaged(attr + ": its data of " + std::to_string(elements) + " x " + std::to_string(elementSize)
                + " bytes runs past the message (" + std::to_string(size - p) + " bytes left)");
    }

    uint64_t dataspaceElements(const unsigned char* s, size_t size, const std::string& attr) const
    {
        if (size < 4)
            damaged(attr + ": its dataspace of " + std::to_string(size) + " bytes is too short");
        const unsigned version = s[0], rank = s[1], flags = s[2];
        if (version != 1 && version != 2)
            damaged(attr + ": its dataspace has version " + std::to_string(version) + " (1 or 2 exist)");
        if (rank > 32) // H5S_MAX_RANK
            damaged(attr + ": its dataspace has rank " + std::to_string(rank) + " (at most 32)");
        const size_t header = version == 1 ? 8 : 4;
        const size_t dims = rank * layout_.sizeofSize;
        const size_t need = header + dims + ((flags & 0x01) ? dims : 0) + (version == 1 && (flags & 0x02) ? rank * 4 : 0);
        if (need > size)
            damaged(attr + ": its dataspace of rank " + std::to_string(rank) + " needs " + std::to_string(need)
                + " bytes but has " + std::to_string(size));
        if (version == 2 && s[3] == 2)
            return 0; // a null dataspace: no data
        uint64_t n = 1;
        for (unsigned i = 0; i < rank; ++i)
            n = saturatingMul(n, decodeLE(s + header + i * layout_.sizeofSize, layout_.sizeofSize));
        return n;
    }

    [[noreturn]] void damaged(const std::string& detail) const
    {
        throw FormatError(where_() + ": " + detail + " (damaged file?)");
    }

    const FileBytes& bytes_;
    const FileLayout& layout_;
    const std::function<std::string()> where_;
    unsigned version_ = 1;
    unsigned flags_ = 0;
    std::vector<Chunk> chunks_;
    std::set<uint64_t> seen_;
    uint64_t total_ = 0;
};

std::string objectPath(hid_t obj)
{
    const ssize_t n = H5Iget_name(obj, nullptr, 0);
    if (n <= 0)
        return "?";
    std::string path(size_t(n) + 1, '\0');
    H5Iget_name(obj, path.data(), path.size());
    path.resize(size_t(n));
    return path;
}

// Headers that passed, by (file number, address), and each open file's layout and driver
// (copying a file's property lists is most of a check's cost). libhdf5 numbers each file it
// opens anew, so an entry never stands for another file.
struct KnownFile {
    FileLayout layout;
    hid_t driver = H5I_INVALID_HID;
};
std::mutex g_checkedMutex;
std::set<std::pair<unsigned long, haddr_t>> g_checked;
std::map<unsigned long, KnownFile> g_files;

} // namespace

namespace {

// Walks the header at `address` of the file `fileId` (libhdf5's file number `fileno`) unless it
// passed before; `where` names it in messages.
void checkHeader(hid_t fileId, unsigned long fileno, haddr_t address, const std::function<std::string()>& where)
{
    const auto key = std::make_pair(fileno, address);
    {
        std::lock_guard lock(g_checkedMutex);
        if (g_checked.count(key))
            return;
    }
    unsigned intent = 0;
    // A file open for writing may hold newer headers in libhdf5's cache than on disk (a run
    // being written): write them out first, so the bytes read are the ones libhdf5 holds.
    if (H5Fget_intent(fileId, &intent) >= 0 && (intent & H5F_ACC_RDWR) && H5Fflush(fileId, H5F_SCOPE_LOCAL) < 0)
        throw FormatError(where() + " cannot be checked (the file cannot be flushed)");
    KnownFile known;
    bool isKnown = false;
    {
        std::lock_guard lock(g_checkedMutex);
        const auto it = g_files.find(fileno);
        if (it != g_files.end()) {
            known = it->second;
            isKnown = true;
        }
    }
    if (!isKnown) {
        if (!fileLayout(fileId, known.layout))
            throw FormatError(where() + " cannot be checked (damaged superblock?)");
        Handle fapl(H5Fget_access_plist(fileId));
        known.driver = H5Pget_driver(fapl.get());
    }
    const FileBytes bytes(fileId, known.driver);
    if (!bytes.readable())
        throw FormatError(where() + " cannot be checked (unsupported HDF5 driver)");
    HeaderWalk(bytes, known.layout, where).run(address);
    std::lock_guard lock(g_checkedMutex);
    if (g_checked.size() >= 65536 || g_files.size() >= 4096) {
        g_checked.clear();
        g_files.clear();
    }
    g_checked.insert(key);
    g_files.emplace(fileno, known);
}

} // namespace

void checkObjectHeader(hid_t obj, const std::string& file)
{
    if (H5Iis_valid(obj) <= 0) // the caller's H5Gopen2/H5Dopen2 failed: libhdf5 refused the header itself
        throw FormatError(file + ": a group or dataset cannot be opened (damaged object header?)");
    H5O_info_t info {};
    if (H5Oget_info2(obj, &info, H5O_INFO_BASIC) < 0)
        throw FormatError(file + ": the object header of '" + objectPath(obj) + "' cannot be read (damaged file?)");
    Handle fileId(H5Iget_file_id(obj));
    checkHeader(fileId.get(), info.fileno, info.addr, [&] {
        return file + ": the object header of '" + objectPath(obj) + "' at address " + std::to_string(info.addr);
    });
}

void checkLinkedHeaders(hid_t loc, const std::string& path, const std::string& file)
{
    const std::vector<std::string> links = pathPrefixes(path);
    if (links.empty())
        return; // loc itself ("/"): libhdf5 loaded it when it was opened
    H5O_info_t locInfo {};
    if (H5Oget_info2(loc, &locInfo, H5O_INFO_BASIC) < 0)
        throw FormatError(file + ": the object header of '" + objectPath(loc) + "' cannot be read (damaged file?)");
    Handle fileId(H5Iget_file_id(loc));
    for (const std::string& partial : links) {
        haddr_t address = HADDR_UNDEF;
#if H5_VERSION_GE(1, 12, 0)
        H5L_info2_t link {};
        if (H5Lget_info2(loc, partial.c_str(), &link, H5P_DEFAULT) < 0)
            return; // no such link: libhdf5 finds none either, and loads nothing
        if (link.type == H5L_TYPE_HARD && H5VLnative_token_to_addr(fileId.get(), link.u.token, &address) < 0)
            throw FormatError(file + ": the link '" + partial + "' holds an address libhdf5 cannot read");
#else
        H5L_info_t link {};
        if (H5Lget_info(loc, partial.c_str(), &link, H5P_DEFAULT) < 0)
            return; // no such link: libhdf5 finds none either, and loads nothing
        address = link.u.address;
#endif
        if (link.type != H5L_TYPE_HARD)
            return; // soft and external links are not followed by our readers
        checkHeader(fileId.get(), locInfo.fileno, address, [&] {
            return file + ": the object header of '" + partial + "' at address " + std::to_string(address);
        });
    }
}

} // namespace ws::h5
