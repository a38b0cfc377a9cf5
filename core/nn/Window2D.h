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
#include <optional>
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

// Explicit padding of an image's four sides (Keras' ZeroPadding2D ((top, bottom), (left,
// right)); ONNX's and PyTorch's pads, which may differ from "same" (PyTorch pads a 3x3 stride-2
// kernel by 1 on both sides, TensorFlow by 0 before and 1 after on an even input).
struct Padding2D {
    int64_t top = 0, bottom = 0, left = 0, right = 0;
    bool operator==(const Padding2D&) const = default;
};

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

// The same with explicit padding: `before` and `after` positions of zeros around `in`.
inline WindowAxis windowAxis(int64_t in, int64_t kernel, int64_t stride, int64_t before, int64_t after)
{
    const int64_t padded = in + before + after;
    return { padded < kernel ? 0 : (padded - kernel) / stride + 1, before };
}

// Both axes over an h x w image: explicit pads where given (Conv2D::setPads), else valid/same.
struct WindowAxes {
    WindowAxis rows, cols;
};
inline WindowAxes windowAxes(int64_t h, int64_t w, Size2 kernel, Size2 strides, Padding padding,
    const std::optional<Padding2D>& pads)
{
    if (pads)
        return { windowAxis(h, kernel.h, strides.h, pads->top, pads->bottom),
            windowAxis(w, kernel.w, strides.w, pads->left, pads->right) };
    return { windowAxis(h, kernel.h, strides.h, padding), windowAxis(w, kernel.w, strides.w, padding) };
}

inline bool hasNegativeSide(const std::optional<Padding2D>& pads)
{
    return pads && (pads->top < 0 || pads->bottom < 0 || pads->left < 0 || pads->right < 0);
}

} // namespace ws
