// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/GgmlQuant.h"

#include "util/Error.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace ws {

namespace {

constexpr int64_t QK = 32;   // elements per block of Q4_0 ... Q8_0
constexpr int64_t QK_K = 256; // elements per K-quant super-block

// The table of every type a GGUF file may hold (ggml.c's type_traits: blck_size, type_size).
// IQ4_NL, IQ4_XS and MXFP4 map 4-bit codes through a published 16-entry table and are decoded;
// the other IQ*/TQ* types use lookup grids and are listed only so their tensors can be shown and checked.
const GgmlTypeInfo kTypes[] = {
    { GgmlType::F32, "F32", 1, 4, true, DType::F32 },
    { GgmlType::F16, "F16", 1, 2, true, DType::F16 },
    { GgmlType::Q4_0, "Q4_0", QK, 18, true, std::nullopt },
    { GgmlType::Q4_1, "Q4_1", QK, 20, true, std::nullopt },
    { GgmlType::Q5_0, "Q5_0", QK, 22, true, std::nullopt },
    { GgmlType::Q5_1, "Q5_1", QK, 24, true, std::nullopt },
    { GgmlType::Q8_0, "Q8_0", QK, 34, true, std::nullopt },
    { GgmlType::Q8_1, "Q8_1", QK, 36, false, std::nullopt },
    { GgmlType::Q2_K, "Q2_K", QK_K, 84, true, std::nullopt },
    { GgmlType::Q3_K, "Q3_K", QK_K, 110, true, std::nullopt },
    { GgmlType::Q4_K, "Q4_K", QK_K, 144, true, std::nullopt },
    { GgmlType::Q5_K, "Q5_K", QK_K, 176, true, std::nullopt },
    { GgmlType::Q6_K, "Q6_K", QK_K, 210, true, std::nullopt },
    { GgmlType::Q8_K, "Q8_K", QK_K, 292, true, std::nullopt },
    { GgmlType::IQ2_XXS, "IQ2_XXS", QK_K, 66, false, std::nullopt },
    { GgmlType::IQ2_XS, "IQ2_XS", QK_K, 74, false, std::nullopt },
    { GgmlType::IQ3_XXS, "IQ3_XXS", QK_K, 98, false, std::nullopt },
    { GgmlType::IQ1_S, "IQ1_S", QK_K, 50, false, std::nullopt },
    { GgmlType::IQ4_NL, "IQ4_NL", QK, 18, true, std::nullopt },
    { GgmlType::IQ3_S, "IQ3_S", QK_K, 110, false, std::nullopt },
    { GgmlType::IQ2_S, "IQ2_S", QK_K, 82, false, std::nullopt },
    { GgmlType::IQ4_XS, "IQ4_XS", QK_K, 136, true, std::nullopt },
    { GgmlType::I8, "I8", 1, 1, true, DType::I8 },
    { GgmlType::I16, "I16", 1, 2, true, DType::I16 },
    { GgmlType::I32, "I32", 1, 4, true, DType::I32 },
    { GgmlType::I64, "I64", 1, 8, true, DType::I64 },
    { GgmlType::F64, "F64", 1, 8, true, DType::F64 },
    { GgmlType::IQ1_M, "IQ1_M", QK_K, 56, false, std::nullopt },
    { GgmlType::BF16, "BF16", 1, 2, true, DType::BF16 },
    { GgmlType::TQ1_0, "TQ1_0", QK_K, 54, false, std::nullopt },
    { GgmlType::TQ2_0, "TQ2_0", QK_K, 66, false, std::nullopt },
    { GgmlType::MXFP4, "MXFP4", QK, 17, true, std::nullopt },
};

float f16(const uint8_t* p) { return halfToFloat(uint16_t(p[0] | (p[1] << 8))); }

// Each decoder turns one block at `b` into blockElements floats at `y`. The arithmetic is
// written in ggml's order (e.g. (d * sc) * q - m for Q4_K); this file is compiled with
// -ffp-contract=off so that no fused multiply-add changes a rounding.

// block_q4_0: d (f16), qs[16]; element j is the low nibble of qs[j], element j + 16 the high
// one; value (q - 8) * d.
void decodeQ4_0(const uint8_t* b, float* y)
{
    const float d = f16(b);
    const uint8_t* qs = b + 2;
    for (int j = 0; j < 16; ++j) {
        y[j] = float((qs[j] & 0x0F) - 8) * d;
        y[j + 16] = float((qs[j] >> 4) - 8) * d;
    }
}

// block_q4_1: d, m (f16), qs[16]; value q * d + m.
void decodeQ4_1(const uint8_t* b, float* y)
{
    const float d = f16(b), m = f16(b + 2);
    const uint8_t* qs = b + 4;
    for (int j = 0; j < 16; ++j) {
        y[j] = float(qs[j] & 0x0F) * d + m;
        y[j + 16] = float(qs[j] >> 4) * d + m;
    }
}

uint32_t le32(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }

// block_q5_0: d (f16), qh (u32: bit j is the fifth bit of element j), qs[16] as in Q4_0;
// value (q - 16) * d.
void decodeQ5_0(const uint8_t* b, float* y)
{
    const float d = f16(b);
    const uint32_t qh = le32(b + 2);
    const uint8_t* qs = b + 6;
    for (int j = 0; j < 16; ++j) {
        const int h0 = int((qh >> j) & 1u) << 4;
        const int h1 = int((qh >> (j + 16)) & 1u) << 4;
        y[j] = float(((qs[j] & 0x0F) | h0) - 16) * d;
        y[j + 16] = float(((qs[j] >> 4) | h1) - 16) * d;
    }
}

// block_q5_1: d, m (f16), qh (u32), qs[16]; value q * d + m.
void decodeQ5_1(const uint8_t* b, float* y)
{
    const float d = f16(b), m = f16(b + 2);
    const uint32_t qh = le32(b + 4);
    const uint8_t* qs = b + 8;
    for (int j = 0; j < 16; ++j) {
        const int h0 = int((qh >> j) & 1u) << 4;
        const int h1 = int((qh >> (j + 16)) & 1u) << 4;
        y[j] = float((qs[j] & 0x0F) | h0) * d + m;
        y[j + 16] = float((qs[j] >> 4) | h1) * d + m;
    }
}

// block_q8_0: d (f16), qs[32] (int8); value q * d.
void decodeQ8_0(const uint8_t* b, float* y)
{
    const float d = f16(b);
    const auto* qs = reinterpret_cast<const int8_t*>(b + 2);
    for (int j = 0; j < 32; ++j)
        y[j] = float(qs[j]) * d;
}

// block_q2_K: scales[16] (low nibble: scale, high nibble: min, of 16 elements each), qs[64]
// (2 bits), d, dmin (f16). Element e: qs[(e / 128) * 32 + e % 32] >> (2 * ((e % 128) / 32)),
// sub-block e / 16; value (d * scale) * q - dmin * min.
void decodeQ2_K(const uint8_t* b, float* y)
{
    const uint8_t* scales = b;
    const uint8_t* q = b + 16;
    const float d = f16(b + 80), dmin = f16(b + 82);
    int is = 0;
    for (int n = 0; n < QK_K; n += 128) {
        for (int shift = 0; shift < 8; shift += 2) {
            for (int half = 0; half < 2; ++half) {
                const uint8_t sc = scales[is++];
                const float dl = d * float(sc & 0xF), ml = dmin * float(sc >> 4);
                for (int l = 0; l < 16; ++l)
                    *y++ = dl * float((q[l + 16 * half] >> shift) & 3) - ml;
            }
        }
        q += 32;
    }
}

// block_q3_K: hmask[32] (element e's third bit is bit e / 32 of hmask[e % 32]; a clear bit
// subtracts 4), qs[64] (2 low bits, placed as in Q2_K), scales[12] (sixteen 6-bit scales: low
// 4 bits in the nibbles of bytes 0-7, high 2 bits in bytes 8-11), d (f16); value
// (d * (scale - 32)) * q.
void decodeQ3_K(const uint8_t* b, float* y)
{
    const uint8_t* hm = b;
    const uint8_t* q = b + 32;
    const uint8_t* s = b + 96;
    const float d = f16(b + 108);
    int8_t scale[16];
    for (int k = 0; k < 16; ++k) {
        const int low = k < 8 ? (s[k] & 0xF) : (s[k - 8] >> 4);
        const int high = (s[8 + k % 4] >> (2 * (k / 4))) & 3;
        scale[k] = int8_t((low | (high << 4)) - 32);
    }
    int is = 0;
    uint8_t m = 1;
    for (int n = 0; n < QK_K; n += 128) {
        for (int shift = 0; shift < 8; shift += 2) {
            for (int half = 0; half < 2; ++half) {
                const float dl = d * float(scale[is++]);
                for (int l = 16 * half; l < 16 * half + 16; ++l)
                    *y++ = dl * float(((q[l] >> shift) & 3) - ((hm[l] & m) ? 0 : 4));
            }
            m = uint8_t(m << 1);
        }
        q += 32;
    }
}

// The 6-bit scale and min of sub-block j (0-7) of Q4_K and Q5_K: ggml's get_scale_min_k4.
void scaleMinK4(int j, const uint8_t* s, uint8_t& sc, uint8_t& m)
{
    if (j < 4) {
        sc = s[j] & 63;
        m = s[j + 4] & 63;
    } else {
        sc = uint8_t((s[j + 4] & 0xF) | ((s[j - 4] >> 6) << 4));
        m = uint8_t((s[j + 4] >> 4) | ((s[j] >> 6) << 4));
    }
}

// block_q4_K: d, dmin (f16), scales[12] (eight 6-bit scales and mins), qs[128]: each 64
// elements use 32 bytes, low nibbles first, then high nibbles; value (d * sc) * q - dmin * m.
void decodeQ4_K(const uint8_t* b, float* y)
{
    const float d = f16(b), dmin = f16(b + 2);
    const uint8_t* s = b + 4;
    const uint8_t* q = b + 16;
    for (int is = 0; is < 8; is += 2) {
        uint8_t sc, m;
        scaleMinK4(is, s, sc, m);
        const float d1 = d * float(sc), m1 = dmin * float(m);
        scaleMinK4(is + 1, s, sc, m);
        const float d2 = d * float(sc), m2 = dmin * float(m);
        for (int l = 0; l < 32; ++l)
            *y++ = d1 * float(q[l] & 0xF) - m1;
        for (int l = 0; l < 32; ++l)
            *y++ = d2 * float(q[l] >> 4) - m2;
        q += 32;
    }
}

// block_q5_K: as Q4_K plus qh[32]: the fifth bit of element e is bit e / 32 of qh[e % 32].
void decodeQ5_K(const uint8_t* b, float* y)
{
    const float d = f16(b), dmin = f16(b + 2);
    const uint8_t* s = b + 4;
    const uint8_t* qh = b + 16;
    const uint8_t* ql = b + 48;
    uint8_t u1 = 1, u2 = 2;
    for (int is = 0; is < 8; is += 2) {
        uint8_t sc, m;
        scaleMinK4(is, s, sc, m);
        const float d1 = d * float(sc), m1 = dmin * float(m);
        scaleMinK4(is + 1, s, sc, m);
        const float d2 = d * float(sc), m2 = dmin * float(m);
        for (int l = 0; l < 32; ++l)
            *y++ = d1 * float((ql[l] & 0xF) + ((qh[l] & u1) ? 16 : 0)) - m1;
        for (int l = 0; l < 32; ++l)
            *y++ = d2 * float((ql[l] >> 4) + ((qh[l] & u2) ? 16 : 0)) - m2;
        ql += 32;
        u1 = uint8_t(u1 << 2);
        u2 = uint8_t(u2 << 2);
    }
}

// block_q6_K: ql[128] (low 4 bits), qh[64] (high 2 bits), scales[16] (int8, one per 16
// elements), d (f16); per 128 elements: ql[l], ql[l + 32] low/high nibbles and qh[l]'s four
// bit pairs give elements l, l + 32, l + 64, l + 96; value (d * scale) * (q - 32).
void decodeQ6_K(const uint8_t* b, float* y)
{
    const uint8_t* ql = b;
    const uint8_t* qh = b + 128;
    const auto* sc = reinterpret_cast<const int8_t*>(b + 192);
    const float d = f16(b + 208);
    for (int n = 0; n < QK_K; n += 128) {
        for (int l = 0; l < 32; ++l) {
            const int is = l / 16;
            const int q1 = ((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
            const int q2 = ((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
            const int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
            const int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
            y[l] = d * float(sc[is]) * float(q1);
            y[l + 32] = d * float(sc[is + 2]) * float(q2);
            y[l + 64] = d * float(sc[is + 4]) * float(q3);
            y[l + 96] = d * float(sc[is + 6]) * float(q4);
        }
        y += 128;
        ql += 64;
        qh += 32;
        sc += 8;
    }
}

// block_q8_K: d (float32), qs[256] (int8), bsums[16] (unused here); value d * q.
void decodeQ8_K(const uint8_t* b, float* y)
{
    float d;
    std::memcpy(&d, b, 4); // little-endian hosts only, like the rest of the GGUF reader
    const auto* qs = reinterpret_cast<const int8_t*>(b + 4);
    for (int j = 0; j < QK_K; ++j)
        y[j] = d * float(qs[j]);
}

// The 16 non-uniform levels of IQ4_NL and IQ4_XS (ggml-common.h's kvalues_iq4nl): denser near 0,
// where most weights are.
constexpr int8_t kIq4Levels[16] = { -127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113 };

// Element j of a 32-element nibble block is the low nibble of qs[j], element j + 16 the high
// one (as in Q4_0); value d * level.
void decodeNibbleLevels(const int8_t* levels, float d, const uint8_t* qs, float* y)
{
    for (int j = 0; j < 16; ++j) {
        y[j] = d * float(levels[qs[j] & 0x0F]);
        y[j + 16] = d * float(levels[qs[j] >> 4]);
    }
}

// block_iq4_nl: d (f16), qs[16].
void decodeIQ4_NL(const uint8_t* b, float* y) { decodeNibbleLevels(kIq4Levels, f16(b), b + 2, y); }

// block_iq4_xs: d (f16), scales_h (u16: two high bits per sub-block), scales_l[4] (a low nibble
// per sub-block), qs[128]; eight sub-blocks of 32 elements, each with the 6-bit scale ls and
// the value (d * (ls - 32)) * level.
void decodeIQ4_XS(const uint8_t* b, float* y)
{
    const float d = f16(b);
    const unsigned scalesH = unsigned(b[2]) | unsigned(b[3]) << 8;
    const uint8_t* scalesL = b + 4;
    const uint8_t* qs = b + 8;
    for (int ib = 0; ib < 8; ++ib) {
        const int ls = ((scalesL[ib / 2] >> (4 * (ib % 2))) & 0xF) | int((scalesH >> (2 * ib)) & 3) << 4;
        decodeNibbleLevels(kIq4Levels, d * float(ls - 32), qs + 16 * ib, y + 32 * ib);
    }
}

// The FP4 (E2M1) values doubled, so that they are integers (ggml's kvalues_mxfp4); the scale is
// halved to make up for it.
constexpr int8_t kMxfp4Levels[16] = { 0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12 };

// block_mxfp4: e (E8M0: the scale is 2^(e - 127)), qs[16]; value level * 2^(e - 128). The
// scale is built from its bits: e = 0 and 1 give the subnormals 2^-128 and 2^-127, e = 255
// gives 2^127 (OCP's NaN code is not special-cased, as in ggml).
void decodeMXFP4(const uint8_t* b, float* y)
{
    const uint32_t bits = b[0] < 2 ? (uint32_t(0x00200000) << b[0]) : (uint32_t(b[0] - 1) << 23);
    float d;
    std::memcpy(&d, &bits, 4);
    decodeNibbleLevels(kMxfp4Levels, d, b + 1, y);
}

using Decoder = void (*)(const uint8_t*, float*);

Decoder decoderFor(GgmlType t)
{
    switch (t) {
    case GgmlType::Q4_0: return decodeQ4_0;
    case GgmlType::Q4_1: return decodeQ4_1;
    case GgmlType::Q5_0: return decodeQ5_0;
    case GgmlType::Q5_1: return decodeQ5_1;
    case GgmlType::Q8_0: return decodeQ8_0;
    case GgmlType::Q2_K: return decodeQ2_K;
    case GgmlType::Q3_K: return decodeQ3_K;
    case GgmlType::Q4_K: return decodeQ4_K;
    case GgmlType::Q5_K: return decodeQ5_K;
    case GgmlType::Q6_K: return decodeQ6_K;
    case GgmlType::Q8_K: return decodeQ8_K;
    case GgmlType::IQ4_NL: return decodeIQ4_NL;
    case GgmlType::IQ4_XS: return decodeIQ4_XS;
    case GgmlType::MXFP4: return decodeMXFP4;
    default: return nullptr;
    }
}

} // namespace

const char* ggmlBlockFields(GgmlType type)
{
    switch (type) {
    case GgmlType::Q4_0: return "d (f16, 2 B) · qs[16] (4-bit codes, 16 B)";
    case GgmlType::Q4_1: return "d, m (f16, 4 B) · qs[16] (4-bit codes, 16 B)";
    case GgmlType::Q5_0: return "d (f16, 2 B) · qh (u32: fifth bits, 4 B) · qs[16] (4-bit codes, 16 B)";
    case GgmlType::Q5_1: return "d, m (f16, 4 B) · qh (u32: fifth bits, 4 B) · qs[16] (4-bit codes, 16 B)";
    case GgmlType::Q8_0: return "d (f16, 2 B) · qs[32] (int8, 32 B)";
    case GgmlType::Q8_1: return "d (f16, 2 B) · s (f16: d times the sum of qs, 2 B) · qs[32] (int8, 32 B)";
    case GgmlType::Q2_K: return "scales[16] (4-bit scale and min, 16 B) · qs[64] (2-bit codes, 64 B) · d, dmin (f16, 4 B)";
    case GgmlType::Q3_K:
        return "hmask[32] (third bits, 32 B) · qs[64] (2-bit codes, 64 B) · scales[12] (sixteen 6-bit, 12 B) · d (f16, 2 B)";
    case GgmlType::Q4_K: return "d, dmin (f16, 4 B) · scales[12] (eight 6-bit scales and mins, 12 B) · qs[128] (4-bit codes, 128 B)";
    case GgmlType::Q5_K:
        return "d, dmin (f16, 4 B) · scales[12] (eight 6-bit scales and mins, 12 B) · qh[32] (fifth bits, 32 B) · "
               "qs[128] (4-bit codes, 128 B)";
    case GgmlType::Q6_K:
        return "ql[128] (low 4 bits, 128 B) · qh[64] (high 2 bits, 64 B) · scales[16] (int8, 16 B) · d (f16, 2 B)";
    case GgmlType::Q8_K: return "d (f32, 4 B) · qs[256] (int8, 256 B) · bsums[16] (i16 sums of 16, 32 B)";
    case GgmlType::IQ2_XXS: return "d (f16, 2 B) · qs[32] (u16: grid indices, signs and 4-bit scales, 64 B)";
    case GgmlType::IQ2_XS:
        return "d (f16, 2 B) · qs[32] (u16: 9-bit grid index and 7-bit sign code each, 64 B) · scales[8] (4-bit, 8 B)";
    case GgmlType::IQ3_XXS: return "d (f16, 2 B) · qs[96] (grid indices in the first 64 bytes, then signs and scales: 96 B)";
    case GgmlType::IQ1_S:
        return "d (f16, 2 B) · qs[32] (low 8 bits of grid indices, 32 B) · qh[8] (u16: high bits, scale, delta sign, 16 B)";
    case GgmlType::IQ4_NL: return "d (f16, 2 B) · qs[16] (4-bit indices into 16 non-uniform levels, 16 B)";
    case GgmlType::IQ3_S:
        return "d (f16, 2 B) · qs[64] (low 8 bits of grid indices, 64 B) · qh[8] (ninth bits, 8 B) · signs[32] (32 B) · "
               "scales[4] (4-bit, 4 B)";
    case GgmlType::IQ2_S:
        return "d (f16, 2 B) · qs[64] (grid indices, then signs, 64 B) · qh[8] (high bits, 8 B) · scales[8] (4-bit, 8 B)";
    case GgmlType::IQ4_XS:
        return "d (f16, 2 B) · scales_h (u16: high 2 bits of 8 scales, 2 B) · scales_l[4] (low 4 bits, 4 B) · "
               "qs[128] (4-bit level indices, 128 B)";
    case GgmlType::IQ1_M:
        return "qs[32] (low 8 bits of grid indices, 32 B) · qh[16] (high bits and delta signs, 16 B) · "
               "scales[8] (3-bit scales with the f16 d spread over their top bits, 8 B)";
    case GgmlType::TQ1_0: return "qs[48] (five ternary digits per byte, 48 B) · qh[4] (four per byte, 4 B) · d (f16, 2 B)";
    case GgmlType::TQ2_0: return "qs[64] (2-bit ternary codes, 64 B) · d (f16, 2 B)";
    case GgmlType::MXFP4: return "e (E8M0 exponent, 1 B) · qs[16] (4-bit E2M1 codes, 16 B)";
    default: return "";
    }
}

std::string hexBlocks(const uint8_t* bytes, size_t n, size_t blockBytes)
{
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    char head[48];
    for (size_t start = 0, block = 0; start < n; start += blockBytes, ++block) {
        std::snprintf(head, sizeof head, "block %zu  +0x%04zx ", block, start);
        out += head;
        for (size_t i = start; i < std::min(n, start + blockBytes); ++i) {
            out += ' ';
            out += kDigits[bytes[i] >> 4];
            out += kDigits[bytes[i] & 0xF];
        }
        out += '\n';
    }
    return out;
}

const GgmlTypeInfo* ggmlTypeInfo(uint32_t type)
{
    for (const auto& t : kTypes)
        if (uint32_t(t.type) == type)
            return &t;
    return nullptr;
}

void dequantizeRange(const GgmlTypeInfo& type, const uint8_t* data, int64_t first, int64_t count, float* out)
{
    if (count <= 0)
        return;
    if (type.plain) {
        convertToFloat(*type.plain, data + uint64_t(first) * type.blockBytes, size_t(count), out);
        return;
    }
    const Decoder decode = type.dequantisable ? decoderFor(type.type) : nullptr;
    if (!decode)
        throw Error(std::string("cannot dequantise ggml type ") + type.name + " (not supported by Weightscope)");
    const int64_t n = type.blockElements;
    int64_t block = first / n;
    int64_t skip = first % n; // elements of the first block before the range
    float partial[QK_K];
    while (count > 0) {
        const uint8_t* src = data + uint64_t(block) * type.blockBytes;
        if (skip == 0 && count >= n) {
            decode(src, out);
            out += n;
            count -= n;
        } else {
            decode(src, partial);
            const int64_t take = std::min(n - skip, count);
            std::memcpy(out, partial + skip, size_t(take) * sizeof(float));
            out += take;
            count -= take;
            skip = 0;
        }
        ++block;
    }
}

} // namespace ws
