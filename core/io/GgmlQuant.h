// SPDX-License-Identifier: GPL-3.0-or-later
// ggml tensor types (the `ggml_type` numbers that GGUF files store per tensor) and their
// dequantisation to float32: the plain types, the 32-element blocks Q4_0, Q4_1, Q5_0, Q5_1,
// Q8_0, the 256-element "K-quant" super-blocks Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, Q8_K, and the
// table-mapped 4-bit types IQ4_NL, IQ4_XS and MXFP4.
//
// Block layouts follow ggml's ggml-common.h (block_q4_0 ... block_q8_K) and the element order of
// ggml-quants.c's dequantize_row_* functions, with the same float32 operation order, so results
// are bit-identical to ggml's reference C code. Every block is little-endian with float16
// (IEEE binary16) scales, except MXFP4, whose scale is an E8M0 exponent byte. The other types
// (the grid-based IQ*, TQ*, Q8_1) are named and sized, so a reader can list and bounds-check them
// and show their raw blocks, but not dequantised.
#pragma once

#include "tensor/DType.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace ws {

enum class GgmlType : uint32_t {
    F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, Q8_1 = 9,
    Q2_K = 10, Q3_K = 11, Q4_K = 12, Q5_K = 13, Q6_K = 14, Q8_K = 15,
    IQ2_XXS = 16, IQ2_XS = 17, IQ3_XXS = 18, IQ1_S = 19, IQ4_NL = 20, IQ3_S = 21, IQ2_S = 22,
    IQ4_XS = 23, I8 = 24, I16 = 25, I32 = 26, I64 = 27, F64 = 28, IQ1_M = 29, BF16 = 30,
    TQ1_0 = 34, TQ2_0 = 35, MXFP4 = 39,
};

struct GgmlTypeInfo {
    GgmlType type;
    const char* name;      // "Q4_K", as ggml spells it
    int64_t blockElements; // elements per block (1 for plain types)
    size_t blockBytes;     // bytes per block
    bool dequantisable;    // dequantizeRange() handles it
    // The plain element type, for F32/F16/BF16/F64 and the integers; nullopt for block types.
    std::optional<DType> plain;
    double bitsPerWeight() const { return 8.0 * double(blockBytes) / double(blockElements); }
};

// The type with ggml number `type`, or nullptr for numbers GGUF files cannot hold (unknown,
// or removed from ggml such as Q4_2 = 4).
const GgmlTypeInfo* ggmlTypeInfo(uint32_t type);

// The fields of one block of `type`, in file order with their sizes, as ggml-common.h declares
// them ("d (f16, 2 B) · qs[64] (u16 grid indices with signs, 64 B)"); for every block type, so
// that a type Weightscope cannot dequantise can still be shown for what it is. Empty for plain types.
const char* ggmlBlockFields(GgmlType type);

// `n` bytes starting at `bytes` (the start of a tensor) as hex, one line per block of
// `blockBytes`: "block 0  +0x0000  3c 2a ...". A last, partial block is shown as far as it goes.
std::string hexBlocks(const uint8_t* bytes, size_t n, size_t blockBytes);

// Elements [first, first + count) of a tensor whose blocks start at `data`, as float32. The
// range may start and end inside a block. The caller has checked that the blocks covering the
// range lie inside the mapped file. Throws Error for types that are not dequantisable.
void dequantizeRange(const GgmlTypeInfo& type, const uint8_t* data, int64_t first, int64_t count, float* out);

} // namespace ws
