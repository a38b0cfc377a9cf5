// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/SampleImages.h"

#include <algorithm>
#include <cmath>

namespace ws::ui {

bool hasImages(const Dataset& data)
{
    const Shape s = data.sampleShape();
    return s.size() == 3 && (s[2] == 1 || s[2] == 3);
}

QImage sampleImage(const Dataset& d, int64_t i)
{
    if (!hasImages(d) || i < 0 || i >= d.size())
        return {};
    const Shape s = d.sampleShape(); // (H, W, C)
    const auto h = int(s[0]), w = int(s[1]), c = int(s[2]);
    const float* px = d.x.data() + i * h * w * c;
    const auto [lo, hi] = std::minmax_element(px, px + h * w * c);
    const float scale = *hi > *lo ? 255.0f / (*hi - *lo) : 0.0f;
    const float base = *lo;
    auto level = [&](float v) { return int(std::lround((v - base) * scale)); };
    QImage image(w, h, c == 3 ? QImage::Format_RGB32 : QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < w; ++x) {
            const float* p = px + (y * w + x) * c;
            if (c == 3)
                reinterpret_cast<QRgb*>(line)[x] = qRgb(level(p[0]), level(p[1]), level(p[2]));
            else
                line[x] = uchar(level(p[0]));
        }
    }
    return image;
}

} // namespace ws::ui
