// SPDX-License-Identifier: GPL-3.0-or-later
// NumPy .npy files (format versions 1.0, 2.0 and 3.0, numpy.lib.format / NEP 1): a strict
// parser of the header, the reader of a single .npy file (memory-mapped), and the element
// copies shared with the .npz reader (io/NpzReader.h).
//
// The header is a Python dict literal such as {'descr': '<f4', 'fortran_order': False,
// 'shape': (3, 4), }. It is parsed by hand, never evaluated: only the three keys, string
// descriptors of plain numbers and booleans, and tuples of integers are accepted. Object
// arrays ('O', which hold pickles) and structured dtypes are refused with a message.
//
// Fortran-order arrays are delivered in C order like every other WeightFile: read() gathers
// the elements of the requested C-order range through their Fortran offsets, a bounded block
// at a time.
#pragma once

#include "io/MappedFile.h"
#include "io/WeightFile.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace ws {

struct NpyHeader {
    int major = 1, minor = 0; // format version
    std::string descr;        // as written, e.g. "<f4"
    DType dtype = DType::F32;
    bool bigEndian = false;
    bool fortranOrder = false;
    Shape shape;              // () for a 0-d array
    int64_t numel = 1;
    uint64_t dataOffset = 0;  // bytes from the start of the .npy to the array data
    uint64_t dataBytes = 0;   // numel * item size
};

// The largest header accepted, in bytes. NumPy itself refuses more than 10000 bytes by default
// (max_header_size); this is more lenient for high-rank arrays but still bounds what a hostile
// file can make the reader look at.
inline constexpr uint64_t kNpyMaxHeaderBytes = 65536;
// Bytes before the dict: magic (6), version (2), header length (2 or 4).
inline constexpr size_t kNpyMaxPrefixBytes = 12;

// Reads the prefix (magic, version, header length) from the first `size` bytes and returns the
// total header size (prefix + dict) the file declares; throws FormatError naming `where`.
uint64_t npyHeaderSize(const uint8_t* data, size_t size, const std::string& where);
// Parses a whole header (`size` must be at least npyHeaderSize()). `where` names the file (or
// archive member) in messages.
NpyHeader parseNpyHeader(const uint8_t* data, size_t size, const std::string& where);

// Elements [first, first + count) in C order, as float32, from `data`: the whole array data of
// a file with header `h` in memory (a mapped file or an inflated archive member).
void copyNpyElements(const NpyHeader& h, const uint8_t* data, int64_t first, int64_t count, float* out);

// The same from a stream that yields the array data from its start in file order: `readSome`
// fills up to n bytes and returns how many it wrote (0 at the end). C order skips to `first`;
// Fortran order reads the stream through and keeps the elements that fall in the range. Memory
// is a fixed block; throws FormatError naming `where` if the stream ends early.
using NpyByteStream = std::function<size_t(uint8_t* buf, size_t n)>;
void streamNpyElements(const NpyHeader& h, const NpyByteStream& readSome, int64_t first, int64_t count,
                       float* out, const std::string& where);

// One .npy file: a single tensor named after the file (without ".npy").
class NpyFile final : public WeightFile {
public:
    explicit NpyFile(const std::string& path); // throws FormatError
    std::string format() const override { return "npy"; }
    void read(size_t index, int64_t first, int64_t count, float* out) const override;
    const NpyHeader& header() const { return header_; }

private:
    MappedFile file_;
    NpyHeader header_;
};


} // namespace ws
