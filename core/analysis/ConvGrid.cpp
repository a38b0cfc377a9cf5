// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/ConvGrid.h"

#include <cmath>
#include <limits>

namespace ws {

ConvLayout guessConvLayout(const std::string& format)
{
    return format.rfind("keras", 0) == 0 ? ConvLayout::HWIO : ConvLayout::OIHW;
}

std::optional<ConvGrid::Hit> ConvGrid::at(int64_t x, int64_t y) const
{
    if (x < 0 || y < 0 || x >= width || y >= height)
        return std::nullopt;
    const int64_t gx = x / (kw + 1), kx = x % (kw + 1);
    const int64_t gy = y / (kh + 1), ky = y % (kh + 1);
    const int64_t filter = gy * gridCols + gx;
    if (kx == kw || ky == kh || filter >= filters)
        return std::nullopt;
    return Hit{ filter, ky, kx };
}

ConvGrid buildConvGrid(const ElementSource& source, const Shape& shape, ConvLayout layout, int64_t inChannel,
    const CancelCheck& cancel)
{
    if (shape.size() != 4)
        throw Error("a filter grid needs a 4-D kernel, not " + shapeToString(shape));
    ConvGrid g;
    if (layout == ConvLayout::OIHW) {
        g.filters = shape[0], g.inChannels = shape[1], g.kh = shape[2], g.kw = shape[3];
    } else {
        g.kh = shape[0], g.kw = shape[1], g.inChannels = shape[2], g.filters = shape[3];
    }
    if (inChannel < 0 || inChannel >= g.inChannels)
        throw Error("input channel " + std::to_string(inChannel) + " is outside 0.." + std::to_string(g.inChannels - 1));
    if (g.filters == 0 || g.kh == 0 || g.kw == 0)
        return g;
    g.gridCols = int64_t(std::ceil(std::sqrt(double(g.filters))));
    g.gridRows = (g.filters + g.gridCols - 1) / g.gridCols;
    g.width = g.gridCols * (g.kw + 1) - 1;
    g.height = g.gridRows * (g.kh + 1) - 1;
    // Divide before multiplying so that hostile shapes cannot overflow the check.
    if (g.width > kMaxConvGridPixels / g.height)
        throw Error("a filter grid of " + shapeToString(shape) + " would have more than "
            + std::to_string(kMaxConvGridPixels) + " pixels; use the slice view");
    g.pixels.assign(size_t(g.width * g.height), std::numeric_limits<float>::quiet_NaN());
    auto put = [&g](int64_t o, int64_t ky, int64_t kx, float v) {
        const int64_t x = (o % g.gridCols) * (g.kw + 1) + kx;
        const int64_t y = (o / g.gridCols) * (g.kh + 1) + ky;
        g.pixels[size_t(y * g.width + x)] = v;
    };

    std::vector<float> buffer;
    if (layout == ConvLayout::OIHW) {
        // Filter o, channel i: kh·kw contiguous elements at ((o·I + i)·kh)·kw.
        buffer.resize(size_t(g.kh * g.kw));
        for (int64_t o = 0; o < g.filters; ++o) {
            if (cancel && cancel())
                throw Cancelled();
            source.read((o * g.inChannels + inChannel) * g.kh * g.kw, g.kh * g.kw, buffer.data());
            for (int64_t ky = 0; ky < g.kh; ++ky)
                for (int64_t kx = 0; kx < g.kw; ++kx)
                    put(o, ky, kx, buffer[size_t(ky * g.kw + kx)]);
        }
    } else {
        // Tap (ky, kx), channel i: O contiguous elements (one per filter) at ((ky·kw + kx)·I + i)·O.
        buffer.resize(size_t(g.filters));
        for (int64_t ky = 0; ky < g.kh; ++ky)
            for (int64_t kx = 0; kx < g.kw; ++kx) {
                if (cancel && cancel())
                    throw Cancelled();
                source.read(((ky * g.kw + kx) * g.inChannels + inChannel) * g.filters, g.filters, buffer.data());
                for (int64_t o = 0; o < g.filters; ++o)
                    put(o, ky, kx, buffer[size_t(o)]);
            }
    }
    return g;
}

} // namespace ws
