// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/GgufReader.h"

#include "util/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>

namespace ws {

namespace {

constexpr uint64_t kHeaderBytes = 24;    // magic, version, tensor count, key/value count
constexpr uint64_t kMinKvBytes = 8 + 4 + 1;         // key length, value type, smallest value
constexpr uint64_t kMinTensorInfoBytes = 8 + 4 + 4 + 8; // name length, n_dims, type, offset
constexpr uint32_t kMaxDims = 4;                    // GGML_MAX_DIMS
constexpr uint64_t kMaxKeyBytes = 65535;            // the specification's limit on keys

// gguf_metadata_value_type
enum ValueType : uint32_t {
    U8 = 0, I8 = 1, U16 = 2, I16 = 3, U32 = 4, I32 = 5, F32 = 6, BOOL = 7, STRING = 8, ARRAY = 9,
    U64 = 10, I64 = 11, F64 = 12,
};

const char* valueTypeName(uint32_t t)
{
    static const char* const names[] = { "uint8", "int8", "uint16", "int16", "uint32", "int32", "float32", "bool",
        "string", "array", "uint64", "int64", "float64" };
    return t <= F64 ? names[t] : "?";
}

// Bytes of a scalar value type; 0 for strings and arrays.
uint64_t scalarBytes(uint32_t t)
{
    switch (t) {
    case U8: case I8: case BOOL: return 1;
    case U16: case I16: return 2;
    case U32: case I32: case F32: return 4;
    case U64: case I64: case F64: return 8;
    default: return 0;
    }
}

// Smallest encoding of one value of type t: a scalar, an empty string (its length), an empty
// array (element type and length). Used to bound counts by the bytes that are left.
uint64_t minValueBytes(uint32_t t)
{
    if (t == STRING)
        return 8;
    if (t == ARRAY)
        return 12;
    return scalarBytes(t);
}

// GGUF strings are meant to be UTF-8 but nothing enforces it; JSON output must be valid UTF-8,
// so invalid sequences become U+FFFD.
std::string sanitizeUtf8(const char* s, size_t n)
{
    std::string out;
    out.reserve(n);
    size_t i = 0;
    while (i < n) {
        const auto c = uint8_t(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = len > 0 && i + len <= n;
        uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (size_t k = 1; ok && k < len; ++k) {
            const auto cc = uint8_t(s[i + k]);
            ok = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are invalid too.
        ok = ok && !(len == 2 && cp < 0x80) && !(len == 3 && cp < 0x800) && !(len == 4 && cp < 0x10000)
            && !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF;
        if (ok) {
            out.append(s + i, len);
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

// Reads little-endian values from the mapped file, refusing to pass its end. `context` names
// the part being read ("metadata key 'general.name'", "tensor info 3") in messages.
class Cursor {
public:
    explicit Cursor(const MappedFile& file)
        : file_(file)
    {
    }

    uint64_t pos() const { return pos_; }
    uint64_t remaining() const { return file_.size() - pos_; }
    std::string context;

    [[noreturn]] void fail(const std::string& what) const
    {
        throw FormatError(file_.path() + ": " + (context.empty() ? "" : context + ": ") + what);
    }

    void need(uint64_t n, const char* what) const
    {
        if (n > remaining())
            fail("the file ends inside the " + std::string(what) + " at byte " + std::to_string(pos_) + " (needs "
                + std::to_string(n) + " bytes, the file has " + std::to_string(file_.size()) + ")");
    }

    template <class T> T get(const char* what)
    {
        need(sizeof(T), what);
        T v;
        std::memcpy(&v, file_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return v;
    }

    void skip(uint64_t n, const char* what)
    {
        need(n, what);
        pos_ += n;
    }

    // A GGUF string: u64 length, then the bytes. The length is checked against the file first.
    std::pair<const char*, uint64_t> rawString(const char* what)
    {
        const uint64_t at = pos_;
        const uint64_t len = get<uint64_t>(what);
        if (len > remaining())
            fail(std::string(what) + " length " + std::to_string(len) + " at byte " + std::to_string(at)
                + " runs past the end of the file (" + std::to_string(file_.size()) + " bytes)");
        const auto* p = reinterpret_cast<const char*>(file_.data() + pos_);
        pos_ += len;
        return { p, len };
    }

    std::string string(const char* what)
    {
        const auto [p, n] = rawString(what);
        return sanitizeUtf8(p, size_t(n));
    }

private:
    const MappedFile& file_;
    uint64_t pos_ = 0;
};

// A float32 as the shortest decimal that reads back as the same float32 (1e-05, not
// 9.999999747378752e-06), so metadata shows what the writer meant.
double shortestDouble(float v)
{
    if (!std::isfinite(v))
        return double(v);
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    *end = '\0';
    return std::strtod(buf, nullptr);
}

nlohmann::json readValue(Cursor& c, uint32_t type, int depth);

// An array value: element type, length, elements. Long arrays are walked through (their end
// must be found) but only their first elements are kept.
nlohmann::json readArray(Cursor& c, int depth)
{
    if (depth >= GgufFile::kMaxArrayNesting)
        c.fail("arrays nested deeper than " + std::to_string(GgufFile::kMaxArrayNesting) + " at byte "
            + std::to_string(c.pos()));
    const uint64_t at = c.pos();
    const uint32_t et = c.get<uint32_t>("array element type");
    if (et > F64)
        c.fail("unknown array element type " + std::to_string(et) + " at byte " + std::to_string(at));
    const uint64_t len = c.get<uint64_t>("array length");
    if (len > c.remaining() / minValueBytes(et))
        c.fail("array of " + std::to_string(len) + " " + valueTypeName(et) + " values at byte " + std::to_string(at)
            + " cannot fit in the " + std::to_string(c.remaining()) + " bytes left in the file");
    const bool summarise = len > GgufFile::kMaxListedArray;
    const uint64_t keep = summarise ? GgufFile::kSummaryElements : len;
    nlohmann::json items = nlohmann::json::array();
    for (uint64_t i = 0; i < keep; ++i)
        items.push_back(readValue(c, et, depth + 1));
    if (!summarise)
        return items;
    if (const uint64_t size = scalarBytes(et))
        c.skip((len - keep) * size, "array");
    else
        for (uint64_t i = keep; i < len; ++i) {
            if (et == STRING)
                c.rawString("string");
            else
                readArray(c, depth + 1);
        }
    return { { "element_type", valueTypeName(et) }, { "length", len }, { "first", std::move(items) } };
}

nlohmann::json readValue(Cursor& c, uint32_t type, int depth)
{
    switch (type) {
    case U8: return c.get<uint8_t>("uint8 value");
    case I8: return c.get<int8_t>("int8 value");
    case U16: return c.get<uint16_t>("uint16 value");
    case I16: return c.get<int16_t>("int16 value");
    case U32: return c.get<uint32_t>("uint32 value");
    case I32: return c.get<int32_t>("int32 value");
    case U64: return c.get<uint64_t>("uint64 value");
    case I64: return c.get<int64_t>("int64 value");
    case F32: return shortestDouble(c.get<float>("float32 value"));
    case F64: return c.get<double>("float64 value");
    case BOOL: {
        const uint64_t at = c.pos();
        const uint8_t b = c.get<uint8_t>("bool value");
        if (b > 1)
            c.fail("bool value " + std::to_string(b) + " at byte " + std::to_string(at) + " is neither 0 nor 1");
        return b == 1;
    }
    case STRING: return c.string("string");
    case ARRAY: return readArray(c, depth);
    default: c.fail("unknown value type " + std::to_string(type) + " at byte " + std::to_string(c.pos() - 4));
    }
}

uint64_t alignUp(uint64_t offset, uint64_t alignment) { return offset + (alignment - offset % alignment) % alignment; }

// The version field: 2 or 3; version 1 and byte-swapped (big-endian) files get their own message.
uint32_t readVersion(Cursor& c)
{
    const uint32_t version = c.get<uint32_t>("header (version)");
    if (version == 1)
        c.fail("GGUF version 1 (the format before August 2023) is not supported; versions 2 and 3 are read");
    const uint32_t swapped = __builtin_bswap32(version);
    if (swapped >= 1 && swapped <= 3)
        c.fail("a big-endian GGUF file (version field " + std::to_string(swapped)
            + " byte-swapped); only little-endian files are read");
    if (version != 2 && version != 3)
        c.fail("unsupported GGUF version " + std::to_string(version) + " (versions 2 and 3 are read)");
    return version;
}

// Reads kvCount key/value pairs into `out` (key -> value); returns general.alignment or the default.
// Also notes where each array value starts (its element type field) in `arrays`.
uint64_t readMetadata(Cursor& c, uint64_t kvCount, nlohmann::json& out, std::map<std::string, uint64_t>& arrays)
{
    uint64_t alignment = GgufFile::kDefaultAlignment;
    std::set<std::string> keys;
    for (uint64_t i = 0; i < kvCount; ++i) {
        const uint64_t at = c.pos();
        c.context = "metadata key/value " + std::to_string(i);
        const auto [kp, kn] = c.rawString("key");
        if (kn > kMaxKeyBytes)
            c.fail("key at byte " + std::to_string(at) + " is " + std::to_string(kn) + " bytes long, more than the "
                + std::to_string(kMaxKeyBytes) + " the specification allows");
        const std::string key = sanitizeUtf8(kp, size_t(kn));
        c.context = "metadata key '" + key + "'";
        if (!keys.insert(key).second)
            c.fail("the key appears twice (again at byte " + std::to_string(at) + ")");
        const uint64_t typeAt = c.pos();
        const uint32_t type = c.get<uint32_t>("value type");
        if (type > F64)
            c.fail("unknown value type " + std::to_string(type) + " at byte " + std::to_string(typeAt));
        if (type == ARRAY)
            arrays[key] = c.pos();
        nlohmann::json value = readValue(c, type, 0);
        if (key == "general.alignment") {
            if (type != U32)
                c.fail("general.alignment is a " + std::string(valueTypeName(type)) + ", the specification says uint32");
            const uint32_t a = value.get<uint32_t>();
            if (a == 0 || (a & (a - 1)) != 0)
                c.fail("alignment " + std::to_string(a) + " is not a power of two");
            alignment = a;
        }
        out[key] = std::move(value);
    }
    c.context.clear();
    return alignment;
}

// One tensor info as read, before its data is placed.
struct RawTensor {
    TensorInfo info;
    const GgmlTypeInfo* type = nullptr;
    uint64_t offset = 0; // relative to the data section
    uint64_t at = 0;     // where its info starts, for messages
};

RawTensor readTensorInfo(Cursor& c, uint64_t index)
{
    RawTensor t;
    t.at = c.pos();
    c.context = "tensor info " + std::to_string(index) + " (byte " + std::to_string(t.at) + ")";
    TensorInfo& info = t.info;
    info.name = c.string("tensor name");
    c.context = "tensor '" + info.name + "' (info at byte " + std::to_string(t.at) + ")";
    const uint32_t nDims = c.get<uint32_t>("number of dimensions");
    if (nDims > kMaxDims)
        c.fail(std::to_string(nDims) + " dimensions; GGUF allows at most " + std::to_string(kMaxDims));
    uint64_t ne[kMaxDims] = {};
    uint64_t numel = 1;
    bool overflow = false;
    std::string dims = "[";
    for (uint32_t d = 0; d < nDims; ++d) {
        ne[d] = c.get<uint64_t>("dimensions");
        overflow = overflow || ne[d] > uint64_t(INT64_MAX) || __builtin_mul_overflow(numel, ne[d], &numel);
        dims += (d ? ", " : "") + std::to_string(ne[d]);
    }
    dims += "]";
    if (overflow || numel > uint64_t(INT64_MAX))
        c.fail("dimensions " + dims + " have more elements than can be addressed");
    const uint64_t typeAt = c.pos();
    const uint32_t typeNumber = c.get<uint32_t>("tensor type");
    t.type = ggmlTypeInfo(typeNumber);
    if (!t.type)
        c.fail("unknown ggml tensor type " + std::to_string(typeNumber) + " at byte " + std::to_string(typeAt));
    const GgmlTypeInfo& type = *t.type;
    if (nDims > 0 && ne[0] % uint64_t(type.blockElements) != 0)
        c.fail("rows of " + std::to_string(ne[0]) + " elements are not whole " + type.name + " blocks of "
            + std::to_string(type.blockElements));
    if (nDims == 0 && type.blockElements != 1)
        c.fail(std::string("a scalar cannot be stored as ") + type.name + " blocks");
    t.offset = c.get<uint64_t>("tensor data offset");
    // numel <= INT64_MAX and blockBytes <= 292, so only the product can overflow.
    if (__builtin_mul_overflow(numel / uint64_t(type.blockElements), uint64_t(type.blockBytes), &info.nbytes))
        c.fail("dimensions " + dims + " of " + type.name + " need more bytes than fit in 64 bits");
    for (uint32_t d = nDims; d-- > 0;)
        info.shape.push_back(int64_t(ne[d])); // C order: ne[0], the fastest-varying, last
    info.bitsPerWeight = type.bitsPerWeight();
    if (type.plain) {
        info.dtype = *type.plain;
    } else {
        info.dtype = DType::F32; // what read() delivers
        info.storage = type.name;
    }
    c.context.clear();
    return t;
}

// Every tensor must be aligned, inside the file and apart from the others.
void checkPlacement(Cursor& c, const std::vector<RawTensor>& tensors, uint64_t alignment, uint64_t dataSize,
    uint64_t dataStart)
{
    for (const RawTensor& t : tensors) {
        const std::string where = "tensor '" + t.info.name + "' (info at byte " + std::to_string(t.at) + ")";
        if (t.offset % alignment != 0)
            c.fail(where + ": data offset " + std::to_string(t.offset) + " is not a multiple of the alignment "
                + std::to_string(alignment));
        if (t.offset > dataSize || t.info.nbytes > dataSize - t.offset)
            c.fail(where + ": its " + std::to_string(t.info.nbytes) + " bytes at data offset " + std::to_string(t.offset)
                + " (file byte " + std::to_string(dataStart + t.offset) + ") run past the end of the file ("
                + std::to_string(dataStart + dataSize) + " bytes)");
    }
    std::vector<const RawTensor*> order;
    for (const RawTensor& t : tensors)
        order.push_back(&t);
    std::sort(order.begin(), order.end(), [](const RawTensor* a, const RawTensor* b) { return a->offset < b->offset; });
    for (size_t k = 1; k < order.size(); ++k) {
        const RawTensor& prev = *order[k - 1];
        const RawTensor& cur = *order[k];
        if (cur.offset < prev.offset + prev.info.nbytes)
            c.fail("tensor '" + cur.info.name + "' at data offset " + std::to_string(cur.offset) + " overlaps tensor '"
                + prev.info.name + "' (data offsets " + std::to_string(prev.offset) + " to "
                + std::to_string(prev.offset + prev.info.nbytes) + ")");
    }
}

} // namespace

GgufFile::GgufFile(const std::string& path)
{
    path_ = path;
    file_ = std::make_unique<MappedFile>(path);
    const MappedFile& f = *file_;
    Cursor c(f);

    // Header.
    if (f.size() < 4 || std::memcmp(f.data(), "GGUF", 4) != 0)
        c.fail("not a GGUF file (it does not start with \"GGUF\")");
    c.skip(4, "magic");
    const uint32_t version = readVersion(c);
    const uint64_t tensorCount = c.get<uint64_t>("header (tensor count)");
    const uint64_t kvCount = c.get<uint64_t>("header (metadata key/value count)");
    // Each count is bounded by the bytes after the header before anything is allocated.
    const uint64_t rest = f.size() - kHeaderBytes;
    if (kvCount > rest / kMinKvBytes)
        c.fail("metadata key/value count " + std::to_string(kvCount) + " at byte 16 is impossible: "
            + std::to_string(rest) + " bytes follow the header and each pair needs at least "
            + std::to_string(kMinKvBytes));
    if (tensorCount > (rest - kvCount * kMinKvBytes) / kMinTensorInfoBytes)
        c.fail("tensor count " + std::to_string(tensorCount) + " at byte 8 is impossible: " + std::to_string(rest)
            + " bytes follow the header and each tensor info needs at least " + std::to_string(kMinTensorInfoBytes));

    const uint64_t alignment = readMetadata(c, kvCount, metadata_, arrays_);

    std::vector<RawTensor> raw;
    raw.reserve(size_t(tensorCount));
    std::set<std::string> names;
    for (uint64_t i = 0; i < tensorCount; ++i) {
        raw.push_back(readTensorInfo(c, i));
        if (!names.insert(raw.back().info.name).second)
            c.fail("tensor '" + raw.back().info.name + "' (info at byte " + std::to_string(raw.back().at)
                + "): a second tensor with this name");
    }

    // The data section starts at the next multiple of the alignment after the tensor infos.
    const uint64_t infoEnd = c.pos();
    const uint64_t dataStart = alignUp(infoEnd, alignment);
    if (tensorCount > 0 && dataStart > f.size())
        c.fail("the tensor data section would start at byte " + std::to_string(dataStart) + " (tensor infos end at byte "
            + std::to_string(infoEnd) + ", alignment " + std::to_string(alignment) + "), past the end of the file ("
            + std::to_string(f.size()) + " bytes)");
    checkPlacement(c, raw, alignment, f.size() - std::min<uint64_t>(dataStart, f.size()), dataStart);

    std::map<std::string, int64_t> typeCounts;
    tensors_.reserve(raw.size());
    for (RawTensor& t : raw) {
        ++typeCounts[t.type->name];
        where_.push_back({ t.type, dataStart + t.offset });
        tensors_.push_back(std::move(t.info));
    }
    metadata_["gguf"] = { { "version", version }, { "tensor_count", tensorCount }, { "metadata_kv_count", kvCount },
        { "alignment", alignment }, { "data_offset", dataStart }, { "tensor_types", typeCounts } };
}

void GgufFile::read(size_t index, int64_t first, int64_t count, float* out) const
{
    const TensorInfo& info = checkedRead(index, first, count);
    const Location& loc = where_[index];
    if (!loc.type->dequantisable)
        throw FormatError(path_ + ": tensor '" + info.name + "' is stored as " + loc.type->name
            + ", which Weightscope cannot dequantise (supported: F32, F16, BF16, F64, I8-I64, Q4_0, Q4_1, Q5_0, Q5_1, "
              "Q8_0, Q2_K-Q6_K, Q8_K, IQ4_NL, IQ4_XS, MXFP4)");
    if (count == 0)
        return;
    dequantizeRange(*loc.type, file_->data() + loc.offset, first, count, out);
}

void GgufFile::releaseTensor(size_t index) const
{
    if (index < where_.size())
        file_->releasePages(size_t(where_[index].offset), size_t(tensors_[index].nbytes));
}

std::vector<uint8_t> GgufFile::rawBlocks(size_t index, size_t maxBlocks) const
{
    const Location& loc = where_.at(index);
    const uint64_t n = std::min<uint64_t>(tensors_.at(index).nbytes, uint64_t(maxBlocks) * loc.type->blockBytes);
    const uint8_t* p = file_->data() + loc.offset;
    return std::vector<uint8_t>(p, p + n);
}

std::optional<uint64_t> GgufFile::arrayAt(const std::string& key) const
{
    const auto it = arrays_.find(key);
    if (it == arrays_.end())
        return std::nullopt;
    return it->second;
}

} // namespace ws
