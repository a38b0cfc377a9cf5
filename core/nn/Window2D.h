// SPDX-License-Identifier: GPL-3.0-or-later
// Geometry of 2-D sliding windows (Conv2D, MaxPooling2D, AveragePooling2D), as TensorFlow
// defines it (tf.nn.convolution, "padding" in the TF API docs):
//   valid: out = floor((in - k) / s) + 1, no padding; the window must fit: in >= k
//   same:  out = ceil(in / s), pad total = max((out - 1) * s + k - in, 0), pad before = total / 2
// so an odd total puts the extra row/column after (bottom/right), unlike PyTorch's symmetric pad.
#pragma once

#include "util/EnumNames.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace ws {

enum class Padding { Valid, Same };

template <> struct EnumNames<Padding> {
    static constexpr std::string_view what = "padding";
    static constexpr EnumEntry<Padding> entries[] = {
        { Padding::Valid, "valid", "Valid" },
        { Padding::Same, "same", "Same" },
    };
};

inline Padding parsePadding(const std::string& text) { return parseEnum<Padding>(text); }
inline std::string paddingName(Padding padding) { return std::string(enumName(padding)); }

// A (height, width) pair: kernel size, strides, pool size.
struct Size2 {
    int64_t h = 1;
    int64_t w = 1;
    bool operator==(const Size2&) const = default;
};

// "(3, 3)". Built by appending: GCC 12 warns (-Wrestrict, a false positive, GCC PR 105329) on
// "(" + std::to_string(...) once inlined.
inline std::string size2ToString(Size2 s)
{
    std::string text = "(";
    text += std::to_string(s.h);
    text += ", ";
    text += std::to_string(s.w);
    text += ")";
    return text;
}

// One spatial axis of a window: output length and padding before the first element.
struct WindowAxis {
    int64_t out = 0;       // <= 0 when a valid window does not fit
    int64_t padBefore = 0;
};

inline WindowAxis windowAxis(int64_t in, int64_t kernel, int64_t stride, Padding padding)
{
    if (padding == Padding::Valid)
        return { in < kernel ? 0 : (in - kernel) / stride + 1, 0 };
    const int64_t out = (in + stride - 1) / stride;
    const int64_t total = std::max<int64_t>((out - 1) * stride + kernel - in, 0);
    return { out, total / 2 };
}

} // namespace ws
