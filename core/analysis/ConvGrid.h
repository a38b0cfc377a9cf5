// SPDX-License-Identifier: GPL-3.0-or-later
// A 4-D convolution kernel drawn as a grid of small images, one per output channel (filter),
// for one chosen input channel: filters are laid out in ceil(sqrt(O)) columns, row by row, with
// a one-pixel NaN gap between them (drawn as background).
//
// Kernels come in two layouts: PyTorch and ONNX store (out, in, kh, kw) — OIHW; Keras/TensorFlow
// store (kh, kw, in, out) — HWIO. The file format says which (guessConvLayout).
#pragma once

#include "analysis/TensorView.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ws {

enum class ConvLayout { OIHW, HWIO };

// HWIO for Keras files ("keras", "keras-h5", ...), OIHW otherwise.
ConvLayout guessConvLayout(const std::string& format);

struct ConvGrid {
    int64_t filters = 0, inChannels = 0, kh = 0, kw = 0;
    int64_t gridCols = 0, gridRows = 0; // filters per grid row, grid rows
    int64_t width = 0, height = 0;      // pixels
    std::vector<float> pixels;          // height × width, row-major; NaN in the gaps

    struct Hit {
        int64_t filter, ky, kx;
    };
    // The filter element under pixel (x, y), or nothing in a gap or outside.
    std::optional<Hit> at(int64_t x, int64_t y) const;
};

inline constexpr int64_t kMaxConvGridPixels = int64_t(1) << 24;

// Throws Error for a shape that is not 4-D, an input channel out of range, or a grid of more than
// kMaxConvGridPixels pixels (use the slice view for such tensors).
ConvGrid buildConvGrid(const ElementSource& source, const Shape& shape, ConvLayout layout, int64_t inChannel,
    const CancelCheck& cancel = {});

} // namespace ws
