// Element types of tensors stored in weight files, and their conversion to float32.
// Names follow safetensors (F32, BF16, F8_E4M3, ...); NumPy, HDF5, GGUF and ONNX types map
// onto these. Conversions are exact where float32 can hold the value (all but F64 and 64-bit
// integers beyond 2^24).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace ws {

enum class DType {
    F64, F32, F16, BF16, F8_E4M3, F8_E5M2,
    I64, I32, I16, I8, U64, U32, U16, U8, Bool,
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
