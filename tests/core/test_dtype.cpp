// SPDX-License-Identifier: GPL-3.0-or-later
// dtype conversions against values computed independently (struct layouts of IEEE formats).
#include "tensor/DType.h"
#include "util/ByteSize.h"
#include "util/Error.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>

using namespace ws;

TEST(DType, HalfConvertsNormalsSubnormalsAndSpecials)
{
    EXPECT_EQ(halfToFloat(0x3c00), 1.0f);
    EXPECT_EQ(halfToFloat(0xc000), -2.0f);
    EXPECT_EQ(halfToFloat(0x7bff), 65504.0f);
    EXPECT_EQ(halfToFloat(0x0001), std::ldexp(1.0f, -24));
    EXPECT_TRUE(std::isinf(halfToFloat(0x7c00)));
    EXPECT_TRUE(std::isnan(halfToFloat(0x7e00)));
    for (uint32_t h = 0; h < 0x10000; ++h) {
        const float f = halfToFloat(uint16_t(h));
        if (std::isnan(f))
            continue;
        EXPECT_EQ(floatToHalf(f), uint16_t(h)) << "half 0x" << std::hex << h << " does not round-trip";
    }
}

TEST(DType, FloatToHalfRoundsToNearestEven)
{
    EXPECT_EQ(floatToHalf(1.0f + std::ldexp(1.0f, -11)), 0x3c00); // halfway, even stays
    EXPECT_EQ(floatToHalf(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3c02); // halfway, odd rounds up
    EXPECT_EQ(floatToHalf(1e6f), 0x7c00);
}

TEST(DType, BFloat16IsTheUpperHalfOfAFloat)
{
    EXPECT_EQ(bfloat16ToFloat(0x3f80), 1.0f);
    EXPECT_EQ(bfloat16ToFloat(0xc0a0), -5.0f);
    EXPECT_EQ(floatToBfloat16(1.0f), 0x3f80);
    EXPECT_EQ(floatToBfloat16(std::bit_cast<float>(0x3f808000u)), 0x3f80); // tie to even
    EXPECT_EQ(floatToBfloat16(std::bit_cast<float>(0x3f818000u)), 0x3f82);
    EXPECT_TRUE(std::isnan(bfloat16ToFloat(floatToBfloat16(std::numeric_limits<float>::quiet_NaN()))));
}

TEST(DType, Fp8FormatsFollowTheOcpSpecification)
{
    EXPECT_EQ(f8e4m3ToFloat(0x38), 1.0f);   // 0.0111.000
    EXPECT_EQ(f8e4m3ToFloat(0x7e), 448.0f); // largest finite
    EXPECT_EQ(f8e4m3ToFloat(0x01), std::ldexp(1.0f, -9));
    EXPECT_TRUE(std::isnan(f8e4m3ToFloat(0x7f)));
    EXPECT_EQ(f8e4m3ToFloat(0xb8), -1.0f);
    EXPECT_EQ(f8e5m2ToFloat(0x3c), 1.0f);
    EXPECT_EQ(f8e5m2ToFloat(0x7b), 57344.0f);
    EXPECT_TRUE(std::isinf(f8e5m2ToFloat(0x7c)));
}

TEST(DType, ConvertsIntegersAndBigEndianData)
{
    const uint8_t be[] = { 0x00, 0x00, 0x01, 0x00, 0xff, 0xff, 0xff, 0xfe };
    float out[2];
    convertToFloat(DType::I32, be, 2, out, true);
    EXPECT_EQ(out[0], 256.0f);
    EXPECT_EQ(out[1], -2.0f);
    const uint8_t bools[] = { 0, 1, 7 };
    float b[3];
    convertToFloat(DType::Bool, bools, 3, b);
    EXPECT_EQ(b[2], 1.0f);
    EXPECT_EQ(dtypeSize(DType::BF16), 2u);
    EXPECT_EQ(parseDType("F8_E5M2"), DType::F8_E5M2);
    EXPECT_THROW(parseDType("F128"), FormatError);
}

// #21: one unit system for sizes, powers of 1024 named KiB/MiB/GiB (the GUI wrote "kB" for 1024).
TEST(ByteSize, PowersOf1024WithTheirIecNames)
{
    EXPECT_EQ(byteSize(0), "0 bytes");
    EXPECT_EQ(byteSize(1), "1 byte");
    EXPECT_EQ(byteSize(1023), "1023 bytes");
    EXPECT_EQ(byteSize(1024), "1.0 KiB");
    EXPECT_EQ(byteSize(819200), "800.0 KiB"); // a (512, 400) float32 matrix
    EXPECT_EQ(byteSize(1536 * 1024), "1.5 MiB");
    EXPECT_EQ(byteSize(1048575), "1.0 MiB"); // not "1024.0 KiB"
    EXPECT_EQ(byteSize(uint64_t(4) << 30), "4.0 GiB");
    EXPECT_EQ(byteSize(uint64_t(4660000000)), "4.3 GiB"); // 4.66 × 10^9 bytes
    EXPECT_EQ(byteSize(UINT64_MAX), "16.0 EiB");
}
