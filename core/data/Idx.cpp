// SPDX-License-Identifier: GPL-3.0-or-later
// IDX reader (format: http://yann.lecun.com/exdb/mnist/, "THE IDX FILE FORMAT").
// Raw and gzipped files go through zlib's gz* interface, which reads uncompressed files
// transparently. Sizes from the header are never trusted: a raw file must hold exactly the
// bytes its header claims; a gzipped one may not claim more than a generous multiple of its
// compressed size, and must then inflate to exactly the claimed size. Values are converted in
// fixed-size chunks, so the only large allocation is the float output itself.
#include "data/Idx.h"

#include "util/Error.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

namespace ws {

namespace {

// A gzipped file may claim at most this many inflated bytes per compressed byte, plus a fixed
// allowance. Real IDX files deflate 2-5x (MNIST images ~4.7x, Fashion-MNIST ~1.8x); 64x leaves
// room for unusually regular data but refuses a 100-byte file that claims gigabytes.
constexpr uint64_t kMaxInflateRatio = 64;
constexpr uint64_t kInflateAllowance = uint64_t(16) << 20;
constexpr uint32_t kMaxRank = 16;

int elementSize(uint8_t typeCode)
{
    switch (typeCode) {
    case 0x08: case 0x09: return 1;
    case 0x0B: return 2;
    case 0x0C: case 0x0D: return 4;
    case 0x0E: return 8;
    default: return 0;
    }
}

std::string hexByte(unsigned v)
{
    static const char digits[] = "0123456789abcdef";
    return std::string("0x") + digits[(v >> 4) & 15] + digits[v & 15];
}

uint32_t bigEndian32(const unsigned char* p)
{
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

// Converts `count` big-endian elements of `typeCode` at `in` to float, times `scale`.
void convert(const unsigned char* in, int64_t count, uint8_t typeCode, float scale, float* out)
{
    switch (typeCode) {
    case 0x08:
        for (int64_t i = 0; i < count; ++i)
            out[i] = float(in[i]) * scale;
        break;
    case 0x09:
        for (int64_t i = 0; i < count; ++i)
            out[i] = float(int8_t(in[i])) * scale;
        break;
    case 0x0B:
        for (int64_t i = 0; i < count; ++i, in += 2)
            out[i] = float(int16_t(uint16_t(in[0] << 8 | in[1]))) * scale;
        break;
    case 0x0C:
        for (int64_t i = 0; i < count; ++i, in += 4)
            out[i] = float(int32_t(bigEndian32(in))) * scale;
        break;
    case 0x0D:
        for (int64_t i = 0; i < count; ++i, in += 4)
            out[i] = std::bit_cast<float>(bigEndian32(in)) * scale;
        break;
    case 0x0E:
        for (int64_t i = 0; i < count; ++i, in += 8) {
            const uint64_t bits = uint64_t(bigEndian32(in)) << 32 | bigEndian32(in + 4);
            out[i] = float(std::bit_cast<double>(bits) * double(scale));
        }
        break;
    default:
        break;
    }
}

struct GzCloser {
    void operator()(gzFile_s* f) const { gzclose(f); }
};

// One open IDX file: the header is parsed and checked by the constructor; readInto() then
// streams the data. Offsets in messages count bytes of the (inflated) IDX stream.
class IdxFile {
public:
    explicit IdxFile(std::string path)
        : path_(std::move(path))
    {
        std::error_code ec;
        const auto fileSize = std::filesystem::file_size(path_, ec);
        if (ec)
            throw FormatError(path_ + ": cannot open: " + ec.message());
        fileSize_ = uint64_t(fileSize);
        {
            std::ifstream probe(path_, std::ios::binary);
            unsigned char magic[2] = { 0, 0 };
            if (!probe || !probe.read(reinterpret_cast<char*>(magic), 2))
                magic[0] = magic[1] = 0;
            gzipped_ = magic[0] == 0x1f && magic[1] == 0x8b;
        }
        file_.reset(gzopen(path_.c_str(), "rb"));
        if (!file_)
            throw FormatError(path_ + ": cannot open");
        gzbuffer(file_.get(), 1u << 17);
        parseHeader();
    }

    const std::string& path() const { return path_; }
    const Shape& shape() const { return shape_; }
    uint8_t typeCode() const { return typeCode_; }
    int64_t numel() const { return numel_; }
    uint64_t headerBytes() const { return headerBytes_; }
    int elementBytes() const { return elementSize(typeCode_); }

    // Reads all numel() values into `out`, each multiplied by `scale`, then checks that the
    // file ends where the header says.
    void readInto(float* out, float scale)
    {
        const int esize = elementBytes();
        const int64_t chunkElems = (int64_t(1) << 20) / esize;
        std::vector<unsigned char> buffer(size_t(std::min(numel_, chunkElems) * esize));
        for (int64_t done = 0; done < numel_;) {
            const int64_t n = std::min(chunkElems, numel_ - done);
            read(buffer.data(), size_t(n * esize), "the data of shape " + shapeToString(shape_),
                headerBytes_ + uint64_t(numel_) * uint64_t(esize));
            convert(buffer.data(), n, typeCode_, scale, out + done);
            done += n;
        }
        unsigned char extra;
        const int got = gzread(file_.get(), &extra, 1);
        if (got < 0)
            throwZlibError();
        if (got > 0)
            throw FormatError(path_ + ": unexpected data at byte " + std::to_string(offset_)
                + (gzipped_ ? " of the inflated stream" : "") + ": the header's shape "
                + shapeToString(shape_) + " ends there");
    }

private:
    void parseHeader()
    {
        std::array<unsigned char, 4> magic {};
        read(magic.data(), 4, "the 4-byte magic number 00 00 <type> <rank>");
        if (magic[0] != 0 || magic[1] != 0)
            throw FormatError(path_ + ": not an IDX file: the magic number must start with two zero bytes, found "
                + hexByte(magic[0]) + " " + hexByte(magic[1]) + " at byte 0");
        typeCode_ = magic[2];
        if (elementSize(typeCode_) == 0)
            throw FormatError(path_ + ": unknown IDX data type " + hexByte(typeCode_)
                + " at byte 2 (expected 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e)");
        const uint32_t rank = magic[3];
        if (rank == 0 || rank > kMaxRank)
            throw FormatError(path_ + ": IDX rank " + std::to_string(rank) + " at byte 3 is not in 1.."
                + std::to_string(kMaxRank));

        uint64_t bytes = uint64_t(elementSize(typeCode_));
        for (uint32_t i = 0; i < rank; ++i) {
            std::array<unsigned char, 4> dim {};
            read(dim.data(), 4, "dimension " + std::to_string(i) + " of " + std::to_string(rank));
            const uint32_t d = bigEndian32(dim.data());
            shape_.push_back(int64_t(d));
            if (__builtin_mul_overflow(bytes, uint64_t(d), &bytes))
                throw FormatError(path_ + ": the dimensions in the header overflow 64 bits");
        }
        headerBytes_ = offset_;
        numel_ = int64_t(bytes / uint64_t(elementSize(typeCode_)));

        // Check the claim against the real file before the caller allocates anything.
        if (!gzipped_) {
            const uint64_t want = headerBytes_ + bytes;
            if (want > fileSize_)
                throw FormatError(path_ + ": the header's shape " + shapeToString(shape_) + " needs "
                    + std::to_string(want) + " bytes but the file ends at byte " + std::to_string(fileSize_));
            if (want < fileSize_)
                throw FormatError(path_ + ": unexpected data at byte " + std::to_string(want)
                    + ": the header's shape " + shapeToString(shape_) + " ends there (file size "
                    + std::to_string(fileSize_) + ")");
        } else {
            const uint64_t limit = fileSize_ * kMaxInflateRatio + kInflateAllowance;
            if (bytes > limit || bytes > uint64_t(INT64_MAX) / 8)
                throw FormatError(path_ + ": the header's shape " + shapeToString(shape_) + " claims "
                    + std::to_string(bytes) + " bytes of data, more than a " + std::to_string(fileSize_)
                    + "-byte gzip file can plausibly hold");
        }
    }

    // Reads exactly n bytes of `what`; `end` (when known) is where the header says it ends.
    void read(unsigned char* out, size_t n, const std::string& what, uint64_t end = 0)
    {
        size_t got = 0;
        while (got < n) {
            const auto want = unsigned(std::min<size_t>(n - got, size_t(1) << 30));
            const int r = gzread(file_.get(), out + got, want);
            if (r < 0)
                throwZlibError();
            if (r == 0)
                throw FormatError(path_ + ": file ends at byte " + std::to_string(offset_ + got)
                    + (gzipped_ ? " of the inflated stream" : "") + " while reading " + what
                    + (end ? ", which the header says ends at byte " + std::to_string(end)
                           : " (expected " + std::to_string(n) + " bytes from byte " + std::to_string(offset_) + ")"));
            got += size_t(r);
        }
        offset_ += got;
    }

    [[noreturn]] void throwZlibError()
    {
        int code = Z_OK;
        const char* message = gzerror(file_.get(), &code);
        throw FormatError(path_ + ": cannot inflate near byte " + std::to_string(offset_)
            + " of the inflated stream: " + (message && *message ? message : "zlib error"));
    }

    std::string path_;
    std::unique_ptr<gzFile_s, GzCloser> file_;
    uint64_t fileSize_ = 0;
    bool gzipped_ = false;
    uint64_t offset_ = 0; // bytes consumed from the (inflated) stream
    uint64_t headerBytes_ = 0;
    Shape shape_;
    uint8_t typeCode_ = 0;
    int64_t numel_ = 0;
};

} // namespace

IdxArray readIdx(const std::string& path)
{
    IdxFile file(path);
    IdxArray out;
    out.shape = file.shape();
    out.typeCode = file.typeCode();
    out.values.resize(size_t(file.numel()));
    file.readInto(out.values.data(), 1.0f);
    return out;
}

Dataset readIdxDataset(const std::string& imagesPath, const std::string& labelsPath, int numClasses)
{
    if (numClasses < 1)
        throw ConfigError("an IDX dataset needs at least one class, got " + std::to_string(numClasses));
    // Both headers are checked before the image data is read.
    IdxFile images(imagesPath);
    if (images.shape().size() != 3 || images.typeCode() != 0x08)
        throw FormatError(imagesPath + ": expected unsigned-byte images (type 0x08) of rank 3 (N, H, W), found type "
            + hexByte(images.typeCode()) + " of shape " + shapeToString(images.shape()));
    IdxFile labelFile(labelsPath);
    const uint8_t lt = labelFile.typeCode();
    if (labelFile.shape().size() != 1 || !(lt == 0x08 || lt == 0x09 || lt == 0x0B || lt == 0x0C))
        throw FormatError(labelsPath + ": expected integer labels of rank 1 (N), found type " + hexByte(lt)
            + " of shape " + shapeToString(labelFile.shape()));
    const int64_t n = images.shape()[0];
    if (labelFile.shape()[0] != n)
        throw FormatError(labelsPath + ": holds " + std::to_string(labelFile.shape()[0]) + " labels but "
            + imagesPath + " holds " + std::to_string(n) + " images");

    std::vector<float> labelValues(size_t(labelFile.numel()));
    labelFile.readInto(labelValues.data(), 1.0f);
    Dataset data;
    data.labels.resize(size_t(n));
    for (size_t i = 0; i < labelValues.size(); ++i) {
        const auto label = int32_t(labelValues[i]);
        if (label < 0 || label >= numClasses)
            throw FormatError(labelsPath + ": label " + std::to_string(label) + " of sample " + std::to_string(i)
                + " at byte " + std::to_string(labelFile.headerBytes() + i * uint64_t(labelFile.elementBytes()))
                + " is outside 0.." + std::to_string(numClasses - 1));
        data.labels[i] = label;
    }

    data.x = Tensor({ n, images.shape()[1], images.shape()[2], 1 });
    images.readInto(data.x.data(), 1.0f / 255.0f);
    data.numClasses = numClasses;
    data.name = std::filesystem::path(imagesPath).filename().string();
    return data;
}

std::string defaultFashionMnistFolder()
{
    return "/usr/share/datasets/fashion-mnist";
}

const std::vector<std::string>& fashionMnistClassNames()
{
    static const std::vector<std::string> names { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" };
    return names;
}

Dataset loadFashionMnist(const std::string& split, const std::string& folder)
{
    std::string prefix;
    if (split == "train")
        prefix = "train";
    else if (split == "test")
        prefix = "t10k";
    else
        throw ConfigError("Fashion-MNIST split must be 'train' or 'test', got '" + split + "'");
    const std::filesystem::path dir = folder.empty() ? defaultFashionMnistFolder() : folder;
    const auto file = [&](const char* kind) {
        const auto gz = dir / (prefix + "-" + kind + "-ubyte.gz");
        const auto raw = dir / (prefix + "-" + kind + "-ubyte");
        return (!std::filesystem::exists(gz) && std::filesystem::exists(raw) ? raw : gz).string();
    };
    Dataset data = readIdxDataset(file("images-idx3"), file("labels-idx1"), 10);
    data.name = "fashion-mnist-" + split;
    data.classNames = fashionMnistClassNames();
    return data;
}

} // namespace ws
