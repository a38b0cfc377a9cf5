// SPDX-License-Identifier: GPL-3.0-or-later
// NumPy .npy reader: NumPy .npy format v1.0-3.0 (numpy.lib.format, NEP 1).
#include "io/NpyReader.h"

#include "util/Error.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <filesystem>
#include <limits>
#include <vector>

namespace ws {

static_assert(std::endian::native == std::endian::little,
              "the NumPy readers take '=' (native order) to mean little-endian");

namespace {

constexpr uint8_t kMagic[6] = { 0x93, 'N', 'U', 'M', 'P', 'Y' };
constexpr size_t kBlockElements = 16384; // elements converted per step: bounds the scratch memory

// A hand-written parser for the one Python literal a .npy header holds. Nothing is evaluated.
class HeaderParser {
public:
    HeaderParser(const char* begin, const char* end, std::string where)
        : begin_(begin), p_(begin), end_(end), where_(std::move(where))
    {
    }

    [[noreturn]] void fail(const std::string& what) const
    {
        throw FormatError(where_ + ": .npy header: " + what + " (at character " + std::to_string(p_ - begin_)
                          + " of the header dict)");
    }

    void skipSpace()
    {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r'))
            ++p_;
    }
    bool atEnd() const { return p_ >= end_; }
    char peek() const { return p_ < end_ ? *p_ : '\0'; }
    void expect(char c, const char* what)
    {
        skipSpace();
        if (peek() != c)
            fail(std::string("expected ") + what);
        ++p_;
    }

    std::string string()
    {
        skipSpace();
        const char quote = peek();
        if (quote != '\'' && quote != '"')
            fail("expected a quoted string");
        const char* start = ++p_;
        while (p_ < end_ && *p_ != quote) {
            if (*p_ == '\\')
                fail("escape sequences in strings are not supported");
            ++p_;
        }
        if (p_ >= end_)
            fail("unterminated string");
        return std::string(start, p_++);
    }

    bool boolean()
    {
        skipSpace();
        for (const auto& [word, value] : { std::pair { "True", true }, std::pair { "False", false } }) {
            const size_t n = std::strlen(word);
            if (size_t(end_ - p_) >= n && std::memcmp(p_, word, n) == 0) {
                p_ += n;
                return value;
            }
        }
        fail("fortran_order must be True or False");
    }

    int64_t integer()
    {
        skipSpace();
        if (peek() < '0' || peek() > '9')
            fail("expected a non-negative integer dimension");
        int64_t v = 0;
        while (peek() >= '0' && peek() <= '9') {
            const int d = *p_++ - '0';
            if (v > (std::numeric_limits<int64_t>::max() - d) / 10)
                fail("dimension does not fit in 64 bits");
            v = v * 10 + d;
        }
        if (peek() == 'L' || peek() == 'l') // Python 2 long literals in old files
            ++p_;
        return v;
    }

    Shape tuple()
    {
        expect('(', "a tuple for 'shape'");
        Shape shape;
        skipSpace();
        if (peek() == ')') {
            ++p_;
            return shape;
        }
        for (;;) {
            shape.push_back(integer());
            skipSpace();
            if (peek() == ')') {
                if (shape.size() == 1)
                    fail("shape (n) is not a tuple; a 1-d shape is written (n,)");
                ++p_;
                return shape;
            }
            expect(',', "',' or ')' in 'shape'");
            skipSpace();
            if (peek() == ')') {
                ++p_;
                return shape;
            }
        }
    }

private:
    const char* begin_;
    const char* p_;
    const char* end_;
    std::string where_;
};

// '<f4' -> F32, little-endian. Refuses what has no float32 reading with a reason.
void parseDescr(const std::string& descr, NpyHeader& h, const std::string& where)
{
    const std::string prefix = where + ": .npy dtype '" + descr + "': ";
    if (descr.size() < 2)
        throw FormatError(prefix + "not a NumPy type descriptor");
    const char order = descr[0];
    if (order != '<' && order != '>' && order != '|' && order != '=')
        throw FormatError(prefix + "expected a byte order '<', '>', '|' or '=' first");
    const std::string type = descr.substr(1);
    const char kind = type[0];
    if (kind == 'O')
        throw FormatError(prefix + "an object array holds pickled Python objects; Weightscope never unpickles "
                                   "files (convert it to a numeric array in Python first)");
    if (kind == 'V')
        throw FormatError(prefix + "structured (record) and void types are not supported");
    if (kind == 'U' || kind == 'S' || kind == 'a')
        throw FormatError(prefix + "string arrays are not tensors");
    if (kind == 'c')
        throw FormatError(prefix + "complex numbers are not supported");
    if (kind == 'M' || kind == 'm')
        throw FormatError(prefix + "dates and time deltas are not supported");
    static const std::pair<const char*, DType> known[] = {
        { "b1", DType::Bool }, { "i1", DType::I8 }, { "i2", DType::I16 }, { "i4", DType::I32 },
        { "i8", DType::I64 }, { "u1", DType::U8 }, { "u2", DType::U16 }, { "u4", DType::U32 },
        { "u8", DType::U64 }, { "f2", DType::F16 }, { "f4", DType::F32 }, { "f8", DType::F64 },
    };
    const auto it = std::find_if(std::begin(known), std::end(known), [&](const auto& k) { return type == k.first; });
    if (it == std::end(known))
        throw FormatError(prefix + "unsupported type (supported: b1, i1-i8, u1-u8, f2, f4, f8)");
    h.dtype = it->second;
    if (order == '|' && dtypeSize(h.dtype) > 1)
        throw FormatError(prefix + "a multi-byte type needs a byte order '<' or '>', not '|'");
    h.bigEndian = order == '>' && dtypeSize(h.dtype) > 1;
}

void readExactly(const NpyByteStream& readSome, uint8_t* buf, size_t n, const std::string& where)
{
    while (n > 0) {
        const size_t got = readSome(buf, n);
        if (got == 0)
            throw FormatError(where + ": the array data ends before the shape in the header says it should");
        buf += got;
        n -= got;
    }
}

} // namespace

uint64_t npyHeaderSize(const uint8_t* data, size_t size, const std::string& where)
{
    if (size < 8 || std::memcmp(data, kMagic, sizeof kMagic) != 0)
        throw FormatError(where + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
    const int major = data[6], minor = data[7];
    if ((major < 1 || major > 3) || minor != 0)
        throw FormatError(where + ": unsupported .npy format version " + std::to_string(major) + "."
                          + std::to_string(minor) + " (supported: 1.0, 2.0, 3.0)");
    const size_t prefix = major == 1 ? 10 : 12;
    if (size < prefix)
        throw FormatError(where + ": the file ends inside the .npy header length");
    uint64_t len = data[8] | uint64_t(data[9]) << 8;
    if (major > 1)
        len |= uint64_t(data[10]) << 16 | uint64_t(data[11]) << 24;
    if (len > kNpyMaxHeaderBytes)
        throw FormatError(where + ": the .npy header declares " + std::to_string(len) + " bytes, more than the "
                          + std::to_string(kNpyMaxHeaderBytes) + " accepted");
    return prefix + len;
}

NpyHeader parseNpyHeader(const uint8_t* data, size_t size, const std::string& where)
{
    const uint64_t total = npyHeaderSize(data, size, where);
    if (total > size)
        throw FormatError(where + ": the .npy header (" + std::to_string(total) + " bytes) runs past the end of the "
                          + "data (" + std::to_string(size) + " bytes)");
    NpyHeader h;
    h.major = data[6];
    h.minor = data[7];
    h.dataOffset = total;
    const size_t prefix = h.major == 1 ? 10 : 12;
    const char* begin = reinterpret_cast<const char*>(data + prefix);
    const char* end = reinterpret_cast<const char*>(data + total);
    if (begin == end || end[-1] != '\n')
        throw FormatError(where + ": the .npy header does not end with a newline");

    HeaderParser ps(begin, end, where);
    bool haveDescr = false, haveOrder = false, haveShape = false;
    ps.expect('{', "'{' to open the header dict");
    for (;;) {
        ps.skipSpace();
        if (ps.peek() == '}')
            break;
        const std::string key = ps.string();
        ps.expect(':', "':' after a key");
        bool* seen = nullptr;
        if (key == "descr") {
            ps.skipSpace();
            if (ps.peek() == '[')
                ps.fail("structured (record) dtypes are not supported");
            h.descr = ps.string();
            parseDescr(h.descr, h, where);
            seen = &haveDescr;
        } else if (key == "fortran_order") {
            h.fortranOrder = ps.boolean();
            seen = &haveOrder;
        } else if (key == "shape") {
            h.shape = ps.tuple();
            seen = &haveShape;
        } else {
            ps.fail("unexpected key '" + key + "' (a .npy header has only descr, fortran_order and shape)");
        }
        if (*seen)
            ps.fail("key '" + key + "' appears twice");
        *seen = true;
        ps.skipSpace();
        if (ps.peek() == ',') {
            ps.expect(',', "','");
            continue;
        }
        if (ps.peek() != '}')
            ps.fail("expected ',' or '}' after the value of '" + key + "'");
    }
    ps.expect('}', "'}'");
    ps.skipSpace();
    if (!ps.atEnd())
        ps.fail("unexpected text after the header dict");
    if (!haveDescr || !haveOrder || !haveShape)
        throw FormatError(where + ": the .npy header lacks '"
                          + std::string(!haveDescr ? "descr" : !haveOrder ? "fortran_order" : "shape") + "'");

    try {
        h.numel = shapeNumel(h.shape);
    } catch (const ShapeError&) {
        throw FormatError(where + ": the .npy shape " + shapeToString(h.shape) + " has more elements than fit in 64 bits");
    }
    const uint64_t item = dtypeSize(h.dtype);
    if (uint64_t(h.numel) > (std::numeric_limits<uint64_t>::max() - h.dataOffset) / item)
        throw FormatError(where + ": the .npy shape " + shapeToString(h.shape) + " needs more bytes than fit in 64 bits");
    h.dataBytes = uint64_t(h.numel) * item;
    return h;
}

void copyNpyElements(const NpyHeader& h, const uint8_t* data, int64_t first, int64_t count, float* out)
{
    if (count <= 0)
        return;
    const size_t item = dtypeSize(h.dtype);
    const size_t r = h.shape.size();
    if (!h.fortranOrder || r < 2) {
        convertToFloat(h.dtype, data + size_t(first) * item, size_t(count), out, h.bigEndian);
        return;
    }
    // Walk the C-order range with a multi-index and keep its Fortran offset (first index fastest)
    // in step; gather a block of elements, then convert it.
    std::vector<int64_t> fstride(r), idx(r);
    fstride[0] = 1;
    for (size_t k = 1; k < r; ++k)
        fstride[k] = fstride[k - 1] * h.shape[k - 1];
    int64_t rem = first, f = 0;
    for (size_t k = r; k-- > 0;) {
        idx[k] = rem % h.shape[k];
        rem /= h.shape[k];
        f += idx[k] * fstride[k];
    }
    std::vector<uint8_t> block(kBlockElements * item);
    for (int64_t done = 0; done < count;) {
        const size_t n = size_t(std::min<int64_t>(int64_t(kBlockElements), count - done));
        for (size_t i = 0; i < n; ++i) {
            std::memcpy(block.data() + i * item, data + size_t(f) * item, item);
            for (size_t k = r; k-- > 0;) {
                if (++idx[k] < h.shape[k]) {
                    f += fstride[k];
                    break;
                }
                f -= fstride[k] * (h.shape[k] - 1);
                idx[k] = 0;
            }
        }
        convertToFloat(h.dtype, block.data(), n, out + done, h.bigEndian);
        done += int64_t(n);
    }
}

void streamNpyElements(const NpyHeader& h, const NpyByteStream& readSome, int64_t first, int64_t count, float* out,
                       const std::string& where)
{
    if (count <= 0)
        return;
    const size_t item = dtypeSize(h.dtype);
    const size_t r = h.shape.size();
    std::vector<uint8_t> block(kBlockElements * item);
    if (!h.fortranOrder || r < 2) {
        for (uint64_t skip = uint64_t(first) * item; skip > 0;) {
            const size_t n = size_t(std::min<uint64_t>(block.size(), skip));
            readExactly(readSome, block.data(), n, where);
            skip -= n;
        }
        for (int64_t done = 0; done < count;) {
            const size_t n = size_t(std::min<int64_t>(int64_t(kBlockElements), count - done));
            readExactly(readSome, block.data(), n * item, where);
            convertToFloat(h.dtype, block.data(), n, out + done, h.bigEndian);
            done += int64_t(n);
        }
        return;
    }
    // Fortran order: the stream is in Fortran order and cannot seek, so read it through and
    // scatter the elements whose C index falls in the range; stop once all are found.
    std::vector<int64_t> cstride(r), idx(r, 0);
    cstride[r - 1] = 1;
    for (size_t k = r - 1; k-- > 0;)
        cstride[k] = cstride[k + 1] * h.shape[k + 1];
    std::vector<float> values(kBlockElements);
    int64_t c = 0, found = 0, remaining = h.numel;
    while (found < count) {
        if (remaining <= 0)
            throw FormatError(where + ": internal error: Fortran-order walk ended early");
        const size_t n = size_t(std::min<int64_t>(int64_t(kBlockElements), remaining));
        readExactly(readSome, block.data(), n * item, where);
        convertToFloat(h.dtype, block.data(), n, values.data(), h.bigEndian);
        remaining -= int64_t(n);
        for (size_t i = 0; i < n; ++i) {
            if (c >= first && c < first + count) {
                out[c - first] = values[i];
                ++found;
            }
            for (size_t k = 0; k < r; ++k) {
                if (++idx[k] < h.shape[k]) {
                    c += cstride[k];
                    break;
                }
                c -= cstride[k] * (h.shape[k] - 1);
                idx[k] = 0;
            }
        }
    }
}

NpyFile::NpyFile(const std::string& path)
    : file_(path)
{
    path_ = path;
    header_ = parseNpyHeader(file_.data(), file_.size(), path);
    const uint64_t available = file_.size() - header_.dataOffset;
    if (header_.dataBytes > available)
        throw FormatError(path + ": shape " + shapeToString(header_.shape) + " of " + header_.descr + " needs "
                          + std::to_string(header_.dataBytes) + " bytes of data after the header (byte "
                          + std::to_string(header_.dataOffset) + ") but the file has only " + std::to_string(available)
                          + "; the file is truncated");

    TensorInfo info;
    info.name = std::filesystem::path(path).stem().string();
    info.dtype = header_.dtype;
    info.shape = header_.shape;
    info.nbytes = header_.dataBytes;
    tensors_.push_back(std::move(info));

    metadata_["format_version"] = std::to_string(header_.major) + "." + std::to_string(header_.minor);
    metadata_["descr"] = header_.descr;
    metadata_["fortran_order"] = header_.fortranOrder;
    if (available > header_.dataBytes) // np.save appended more arrays to the same file; NumPy reads the first
        metadata_["trailing_bytes"] = available - header_.dataBytes;
}

void NpyFile::read(size_t index, int64_t first, int64_t count, float* out) const
{
    checkedRead(index, first, count);
    copyNpyElements(header_, file_.data() + header_.dataOffset, first, count, out);
}

} // namespace ws
