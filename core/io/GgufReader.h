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
// Tensors: quantised ones (Q4_0 ... Q6_K, see io/GgmlQuant.h) have dtype F32 (what read()
// gives), `storage` the ggml type name and `bitsPerWeight` the block format's. Types that are
// listed but not dequantised (IQ*, TQ*, MXFP4) make read() throw a message naming the type.
//
// The file is memory-mapped; every count, length, size and offset is checked against the real
// file size before anything is allocated or read, and every failure is a FormatError naming the
// file, the byte offset and the key or tensor.
#pragma once

#include "io/GgmlQuant.h"
#include "io/MappedFile.h"
#include "io/WeightFile.h"

#include <memory>
#include <string>
#include <vector>

namespace ws {

class GgufFile : public WeightFile {
public:
    explicit GgufFile(const std::string& path);

    std::string format() const override { return "gguf"; }
    void read(size_t index, int64_t first, int64_t count, float* out) const override;

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
};

} // namespace ws
