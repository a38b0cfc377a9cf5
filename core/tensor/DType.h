// SPDX-License-Identifier: GPL-3.0-or-later
// Element types of tensors stored in weight files, and their conversion to float32.
// Names follow safetensors (F32, BF16, F8_E4M3, ...); NumPy, HDF5, GGUF and ONNX types map
// onto these. Conversions are exact where float32 can hold the value (all but F64 and 64-bit
// integers beyond 2^24).
#pragma once

#include "util/EnumNames.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace ws {

enum class DType {
    F64, F32, F16, BF16, F8_E4M3, F8_E5M2,
    I64, I32, I16, I8, U64, U32, U16, U8, Bool,
};

// Names are safetensors' spellings (a file format: parseDType throws FormatError, not ConfigError).
template <> struct EnumNames<DType> {
    static constexpr std::string_view what = "dtype";
    static constexpr EnumEntry<DType> entries[] = {
        { DType::F64, "F64", "float64" }, { DType::F32, "F32", "float32" }, { DType::F16, "F16", "float16" },
        { DType::BF16, "BF16", "bfloat16" }, { DType::F8_E4M3, "F8_E4M3", "float8 e4m3" },
        { DType::F8_E5M2, "F8_E5M2", "float8 e5m2" }, { DType::I64, "I64", "int64" }, { DType::I32, "I32", "int32" },
        { DType::I16, "I16", "int16" }, { DType::I8, "I8", "int8" }, { DType::U64, "U64", "uint64" },
        { DType::U32, "U32", "uint32" }, { DType::U16, "U16", "uint16" }, { DType::U8, "U8", "uint8" },
        { DType::Bool, "BOOL", "bool" },
    };
};

// Bytes per element.
size_t dtypeSize(DType t);
// "F32", "BF16", ...
std::string dtypeName(DType t);
// Parses the safetensors spelling; throws FormatError on anything else.
DType parseDType(const std::string& name);

float halfToFloat(uint16_t h);     // IEEE 754 binary16
float bfloat16ToFloat(uint16_t b); // upper half of a float32
float f8e4m3ToFloat(uint8_t v);    // OCP FP8 E4M3 (finite only: S.1111.111 is NaN, no infinities)
float f8e5m2ToFloat(uint8_t v);    // OCP FP8 E5M2 (IEEE-like, with infinities and NaNs)
uint16_t floatToHalf(float f);     // round to nearest even
uint16_t floatToBfloat16(float f); // round to nearest even; NaN stays NaN

// Converts `count` elements starting at `src` (little-endian unless bigEndian) to float32.
void convertToFloat(DType t, const void* src, size_t count, float* dst, bool bigEndian = false);

} // namespace ws
