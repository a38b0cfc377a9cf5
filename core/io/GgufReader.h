// SPDX-License-Identifier: GPL-3.0-or-later
// Reader for GGUF files (llama.cpp / ggml; specification: ggml's docs/gguf.md), versions 2 and
// 3, little-endian: "GGUF", version (u32), tensor count (u64), metadata key/value count (u64),
// the key/value pairs, the tensor infos (name, n_dims <= 4, dims, ggml type, offset), padding
// to `general.alignment` (default 32), then the tensor data; offsets are relative to the start
// of the data section and aligned.
//
// Shapes: GGUF stores ne[0] first, the fastest-varying dimension (ggml's convention). tensors()
// reports the shape in C order, i.e. reversed: a token_embd with ne = [4096, 32000] has shape
// (32000, 4096), 32000 rows of 4096 contiguous elements, and read() delivers elements in that
// order (which is the file's order).
//
// metadata(): every key/value pair under its own key ("general.architecture": "llama"), arrays
// of up to kMaxListedArray elements as JSON arrays, longer ones (tokenizer.ggml.tokens, ...)
// summarised as {"element_type", "length", "first": [the first kSummaryElements]}; and "gguf":
// version, counts, alignment, data offset and the number of tensors of each type.
//
// Tensors: quantised ones (Q4_0 ... Q6_K, IQ4_NL, IQ4_XS, MXFP4, see io/GgmlQuant.h) have dtype
// F32 (what read() gives), `storage` the ggml type name and `bitsPerWeight` the block format's.
// Types that are listed but not dequantised (the grid-based IQ*, TQ*) make read() throw a
// message naming the type; rawBlocks() still gives their first bytes.
//
// The file is memory-mapped; every count, length, size and offset is checked against the real
// file size before anything is allocated or read, and every failure is a FormatError naming the
// file, the byte offset and the key or tensor.
#pragma once

#include "io/GgmlQuant.h"
#include "io/MappedFile.h"
#include "io/WeightFile.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ws {

class GgufFile : public WeightFile {
public:
    explicit GgufFile(const std::string& path);

    std::string format() const override { return "gguf"; }
    void read(size_t index, int64_t first, int64_t count, float* out) const override;
    void releaseTensor(size_t index) const override;
    // The ggml type of tensor `index` (its block size and layout).
    const GgmlTypeInfo& ggmlType(size_t index) const { return *where_.at(index).type; }
    // The first min(maxBlocks blocks, the tensor's size) bytes of tensor `index` as stored, for
    // showing types that cannot be dequantised. The data was checked against the file at open.
    std::vector<uint8_t> rawBlocks(size_t index, size_t maxBlocks) const;

    // Where the array value of metadata key `key` starts in the mapped file (its element type
    // field, then the u64 length, then the elements), or nullopt when the key is missing or not
    // an array. For readers of long arrays (io/GgufTokenizer.h); the array was walked and
    // bounds-checked at open.
    std::optional<uint64_t> arrayAt(const std::string& key) const;
    const MappedFile& mapped() const { return *file_; }

    static constexpr uint64_t kMaxListedArray = 32;  // longer arrays are summarised in metadata()
    static constexpr uint64_t kSummaryElements = 8;  // elements shown in a summary
    static constexpr int kMaxArrayNesting = 16;      // arrays of arrays deeper than this are refused
    static constexpr uint32_t kDefaultAlignment = 32;

private:
    struct Location {
        const GgmlTypeInfo* type = nullptr;
        uint64_t offset = 0; // absolute byte offset in the file
    };
    std::unique_ptr<MappedFile> file_;
    std::vector<Location> where_; // parallel to tensors_
    std::map<std::string, uint64_t> arrays_; // metadata key -> offset of its array value
};

} // namespace ws
