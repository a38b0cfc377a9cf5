// SPDX-License-Identifier: GPL-3.0-or-later
#include "tensor/DType.h"

#include "util/Error.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace ws {

namespace {

struct DTypeSize {
    DType type;
    size_t size;
};
constexpr DTypeSize kSizes[] = {
    { DType::F64, 8 }, { DType::F32, 4 }, { DType::F16, 2 }, { DType::BF16, 2 }, { DType::F8_E4M3, 1 },
    { DType::F8_E5M2, 1 }, { DType::I64, 8 }, { DType::I32, 4 }, { DType::I16, 2 }, { DType::I8, 1 },
    { DType::U64, 8 }, { DType::U32, 4 }, { DType::U16, 2 }, { DType::U8, 1 }, { DType::Bool, 1 },
};

template <class T> T load(const uint8_t* p, bool bigEndian)
{
    uint8_t bytes[sizeof(T)];
    std::memcpy(bytes, p, sizeof(T));
    if (bigEndian)
        for (size_t i = 0; i < sizeof(T) / 2; ++i)
            std::swap(bytes[i], bytes[sizeof(T) - 1 - i]);
    T v;
    std::memcpy(&v, bytes, sizeof(T));
    return v;
}

template <class T> void convertAs(const uint8_t* src, size_t count, float* dst, bool bigEndian)
{
    if (!bigEndian) {
        for (size_t i = 0; i < count; ++i) {
            T v;
            std::memcpy(&v, src + i * sizeof(T), sizeof(T));
            dst[i] = float(v);
        }
        return;
    }
    for (size_t i = 0; i < count; ++i)
        dst[i] = float(load<T>(src + i * sizeof(T), true));
}

} // namespace

size_t dtypeSize(DType t)
{
    for (const auto& e : kSizes)
        if (e.type == t)
            return e.size;
    return 0;
}

std::string dtypeName(DType t) { return std::string(enumName(t)); }

DType parseDType(const std::string& name)
{
    if (const auto t = findEnum<DType>(name))
        return *t;
    throw FormatError("unknown dtype '" + name + "' (known: " + enumNameList<DType>() + ")");
}

float halfToFloat(uint16_t h)
{
    const uint32_t sign = uint32_t(h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1fu;
    const uint32_t man = h & 0x3ffu;
    if (exp == 0) {
        const float v = std::ldexp(float(man), -24); // subnormal or zero
        return sign ? -v : v;
    }
    uint32_t bits;
    if (exp == 31)
        bits = sign | 0x7f800000u | (man << 13); // inf or NaN
    else
        bits = sign | ((exp + 112) << 23) | (man << 13);
    return std::bit_cast<float>(bits);
}

float bfloat16ToFloat(uint16_t b) { return std::bit_cast<float>(uint32_t(b) << 16); }

float f8e4m3ToFloat(uint8_t v)
{
    const bool negative = v & 0x80;
    const int exp = (v >> 3) & 0xf;
    const int man = v & 0x7;
    float out;
    if (exp == 0xf && man == 0x7)
        out = std::numeric_limits<float>::quiet_NaN();
    else if (exp == 0)
        out = std::ldexp(float(man), -9); // subnormal: man/8 * 2^-6
    else
        out = std::ldexp(1.0f + float(man) / 8.0f, exp - 7);
    return negative ? -out : out;
}

float f8e5m2ToFloat(uint8_t v)
{
    // E5M2 is the upper byte of an IEEE binary16.
    return halfToFloat(uint16_t(uint16_t(v) << 8));
}

uint16_t floatToHalf(float f)
{
    const uint32_t x = std::bit_cast<uint32_t>(f);
    const uint32_t sign = (x >> 16) & 0x8000u;
    const uint32_t absx = x & 0x7fffffffu;
    if (absx >= 0x7f800000u) // inf or NaN
        return uint16_t(sign | 0x7c00u | (absx > 0x7f800000u ? 0x200u : 0u));
    if (absx >= 0x477ff000u) // rounds to >= 65520: overflow to inf
        return uint16_t(sign | 0x7c00u);
    if (absx < 0x38800000u) { // below the smallest normal half: subnormal or zero
        const float scaled = std::bit_cast<float>(absx) * 16777216.0f; // * 2^24
        return uint16_t(sign | uint32_t(std::nearbyint(scaled)));
    }
    uint32_t mant = absx & 0x7fffffu;
    uint32_t exp = (absx >> 23) - 112;
    uint32_t half = (exp << 10) | (mant >> 13);
    const uint32_t rest = mant & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (half & 1u)))
        ++half;
    return uint16_t(sign | half);
}

uint16_t floatToBfloat16(float f)
{
    const uint32_t x = std::bit_cast<uint32_t>(f);
    if ((x & 0x7fffffffu) > 0x7f800000u)
        return uint16_t((x >> 16) | 0x40u); // quiet NaN
    const uint32_t rounding = 0x7fffu + ((x >> 16) & 1u);
    return uint16_t((x + rounding) >> 16);
}

void convertToFloat(DType t, const void* srcv, size_t count, float* dst, bool bigEndian)
{
    const auto* src = static_cast<const uint8_t*>(srcv);
    switch (t) {
    case DType::F64: convertAs<double>(src, count, dst, bigEndian); break;
    case DType::F32:
        if (!bigEndian)
            std::memcpy(dst, src, count * sizeof(float));
        else
            convertAs<float>(src, count, dst, true);
        break;
    case DType::F16:
        for (size_t i = 0; i < count; ++i)
            dst[i] = halfToFloat(load<uint16_t>(src + 2 * i, bigEndian));
        break;
    case DType::BF16:
        for (size_t i = 0; i < count; ++i)
            dst[i] = bfloat16ToFloat(load<uint16_t>(src + 2 * i, bigEndian));
        break;
    case DType::F8_E4M3:
        for (size_t i = 0; i < count; ++i)
            dst[i] = f8e4m3ToFloat(src[i]);
        break;
    case DType::F8_E5M2:
        for (size_t i = 0; i < count; ++i)
            dst[i] = f8e5m2ToFloat(src[i]);
        break;
    case DType::I64: convertAs<int64_t>(src, count, dst, bigEndian); break;
    case DType::I32: convertAs<int32_t>(src, count, dst, bigEndian); break;
    case DType::I16: convertAs<int16_t>(src, count, dst, bigEndian); break;
    case DType::I8: convertAs<int8_t>(src, count, dst, false); break;
    case DType::U64: convertAs<uint64_t>(src, count, dst, bigEndian); break;
    case DType::U32: convertAs<uint32_t>(src, count, dst, bigEndian); break;
    case DType::U16: convertAs<uint16_t>(src, count, dst, bigEndian); break;
    case DType::U8: convertAs<uint8_t>(src, count, dst, false); break;
    case DType::Bool:
        for (size_t i = 0; i < count; ++i)
            dst[i] = src[i] ? 1.0f : 0.0f;
        break;
    }
}

} // namespace ws
