// SPDX-License-Identifier: GPL-3.0-or-later
// NumPy .npz reader: a zip archive of .npy members (numpy.lib.npyio.savez), read with libzip.
#include "io/NpzReader.h"

#include "util/Error.h"

#include <zip.h>

#include <algorithm>
#include <cstdio>

namespace ws {

namespace {

// One open archive member; closes itself.
class ZipEntry {
public:
    ZipEntry(zip_t* archive, uint64_t index, std::string where)
        : file_(zip_fopen_index(archive, index, 0))
        , where_(std::move(where))
    {
        if (!file_)
            throw FormatError(where_ + ": cannot open the member: " + zip_strerror(archive));
    }
    ~ZipEntry() { zip_fclose(file_); }
    ZipEntry(const ZipEntry&) = delete;
    ZipEntry& operator=(const ZipEntry&) = delete;

    size_t readSome(uint8_t* buf, size_t n)
    {
        const zip_int64_t got = zip_fread(file_, buf, n);
        if (got < 0)
            throw FormatError(where_ + ": cannot read the member (damaged archive or compressed data): "
                              + zip_file_strerror(file_));
        return size_t(got);
    }
    void readExactly(uint8_t* buf, size_t n)
    {
        while (n > 0) {
            const size_t got = readSome(buf, n);
            if (got == 0)
                throw FormatError(where_ + ": the member ends before its declared size; the archive is truncated");
            buf += got;
            n -= got;
        }
    }
    void skip(uint64_t n)
    {
        uint8_t buf[65536];
        while (n > 0) {
            const size_t step = size_t(std::min<uint64_t>(n, sizeof buf));
            readExactly(buf, step);
            n -= step;
        }
    }
    // Seeks within a stored member; false where libzip cannot (then the caller reads through).
    bool seek(uint64_t offset) { return zip_fseek(file_, zip_int64_t(offset), SEEK_SET) == 0; }

private:
    zip_file_t* file_;
    std::string where_;
};

// Absolute paths, drive letters and ".." components would escape a folder if someone extracted
// the archive; such a member has no business in a weight file.
bool isUnsafeName(const std::string& name)
{
    if (name.empty() || name[0] == '/' || name[0] == '\\' || (name.size() >= 2 && name[1] == ':'))
        return true;
    size_t start = 0;
    for (size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == '/' || name[i] == '\\') {
            if (name.compare(start, i - start, "..") == 0 && i - start == 2)
                return true;
            start = i + 1;
        }
    }
    return false;
}

} // namespace

NpzFile::NpzFile(const std::string& path, uint64_t cacheBytes)
    : cacheBytes_(cacheBytes)
{
    path_ = path;
    int err = 0;
    archive_ = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!archive_) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        const std::string msg = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw FormatError(path + ": not a readable .npz (zip) archive: " + msg);
    }
    try {
        nlohmann::json members = nlohmann::json::array(), others = nlohmann::json::array();
        const zip_int64_t entries = zip_get_num_entries(archive_, 0);
        for (zip_int64_t i = 0; i < entries; ++i) {
            zip_stat_t st;
            zip_stat_init(&st);
            if (zip_stat_index(archive_, zip_uint64_t(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
                throw FormatError(path + ": cannot read the directory entry of member " + std::to_string(i) + ": "
                                  + zip_strerror(archive_));
            Member m;
            m.zipIndex = zip_uint64_t(i);
            m.name = st.name;
            if (isUnsafeName(m.name))
                throw FormatError(where(m) + ": the name is an absolute path or contains '..'; refused");
            if (m.name.ends_with("/"))
                continue; // a folder entry
            if (!m.name.ends_with(".npy")) {
                others.push_back(m.name);
                continue;
            }
            const unsigned need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
            if ((st.valid & need) != need)
                throw FormatError(where(m) + ": the archive does not declare its sizes");
            if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
                throw FormatError(where(m) + ": encrypted members are not supported");
            if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE)
                throw FormatError(where(m) + ": compression method " + std::to_string(st.comp_method)
                                  + " is not supported (only stored and deflated, as NumPy writes)");
            m.deflated = st.comp_method == ZIP_CM_DEFLATE;
            m.size = st.size;
            if (m.size > kNpzRatioFloorBytes && m.size / kNpzMaxRatio > st.comp_size)
                throw FormatError(where(m) + ": declares " + std::to_string(m.size) + " bytes from "
                                  + std::to_string(st.comp_size) + " compressed, a ratio above "
                                  + std::to_string(kNpzMaxRatio) + ":1; refused as a likely zip bomb");
            if (!m.deflated && st.comp_size != st.size)
                throw FormatError(where(m) + ": a stored member declares " + std::to_string(st.size) + " bytes but "
                                  + std::to_string(st.comp_size) + " in the archive");

            // The .npy header: its length first, then the whole of it.
            std::vector<uint8_t> head(size_t(std::min<uint64_t>(m.size, kNpyMaxPrefixBytes)));
            {
                ZipEntry entry(archive_, m.zipIndex, where(m));
                entry.readExactly(head.data(), head.size());
                const uint64_t headerSize = npyHeaderSize(head.data(), head.size(), where(m));
                if (headerSize > m.size)
                    throw FormatError(where(m) + ": the .npy header (" + std::to_string(headerSize)
                                      + " bytes) is longer than the member (" + std::to_string(m.size) + " bytes)");
                const size_t had = head.size();
                head.resize(size_t(headerSize));
                entry.readExactly(head.data() + had, head.size() - had);
            }
            m.header = parseNpyHeader(head.data(), head.size(), where(m));
            if (m.header.dataOffset + m.header.dataBytes != m.size)
                throw FormatError(where(m) + ": the archive declares " + std::to_string(m.size)
                                  + " bytes but its .npy header (" + m.header.descr + ", shape "
                                  + shapeToString(m.header.shape) + ") needs "
                                  + std::to_string(m.header.dataOffset + m.header.dataBytes));

            TensorInfo info;
            info.name = m.name.substr(0, m.name.size() - 4);
            if (std::any_of(tensors_.begin(), tensors_.end(), [&](const TensorInfo& t) { return t.name == info.name; }))
                throw FormatError(where(m) + ": a second member for tensor '" + info.name + "'");
            info.dtype = m.header.dtype;
            info.shape = m.header.shape;
            info.nbytes = st.comp_size;
            members.push_back({ { "name", m.name },
                                { "compression", m.deflated ? "deflated" : "stored" },
                                { "size", m.size },
                                { "compressed_size", st.comp_size },
                                { "format_version", std::to_string(m.header.major) + "." + std::to_string(m.header.minor) },
                                { "descr", m.header.descr },
                                { "fortran_order", m.header.fortranOrder } });
            tensors_.push_back(std::move(info));
            members_.push_back(std::move(m));
        }
        metadata_["members"] = std::move(members);
        if (!others.empty())
            metadata_["other_members"] = std::move(others);
    } catch (...) {
        zip_discard(archive_);
        throw;
    }
}

NpzFile::~NpzFile()
{
    zip_discard(archive_);
}

void NpzFile::readWholeMember(const Member& m, std::vector<uint8_t>& out) const
{
    ZipEntry entry(archive_, m.zipIndex, where(m));
    out.resize(size_t(m.size));
    entry.readExactly(out.data(), out.size());
    // Reading on to the end makes libzip compare the CRC-32 of what it inflated.
    uint8_t extra;
    if (entry.readSome(&extra, 1) != 0)
        throw FormatError(where(m) + ": the member holds more bytes than the archive declares");
}

void NpzFile::read(size_t index, int64_t first, int64_t count, float* out) const
{
    checkedRead(index, first, count);
    if (count == 0)
        return;
    const Member& m = members_[index];
    const NpyHeader& h = m.header;
    std::lock_guard lock(mutex_);
    if (m.size <= cacheBytes_) {
        if (cachedIndex_ != index) {
            cachedIndex_ = SIZE_MAX;
            readWholeMember(m, cache_);
            cachedIndex_ = index;
        }
        copyNpyElements(h, cache_.data() + h.dataOffset, first, count, out);
        return;
    }
    ZipEntry entry(archive_, m.zipIndex, where(m));
    const bool cOrder = !h.fortranOrder || h.shape.size() < 2;
    const uint64_t rangeStart = h.dataOffset + uint64_t(first) * dtypeSize(h.dtype);
    if (cOrder && !m.deflated && entry.seek(rangeStart)) {
        streamNpyElements(h, [&](uint8_t* buf, size_t n) { return entry.readSome(buf, n); }, 0, count, out, where(m));
        return;
    }
    entry.skip(h.dataOffset);
    streamNpyElements(h, [&](uint8_t* buf, size_t n) { return entry.readSome(buf, n); }, first, count, out, where(m));
}

} // namespace ws
