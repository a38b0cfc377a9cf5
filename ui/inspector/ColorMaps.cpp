#include "ColorMaps.h"

#include <algorithm>

namespace ws::ui {

namespace {

QCPColorGradient base()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(256);
    g.setNanHandling(QCPColorGradient::nhTransparent); // gaps of the filter grid, all-NaN cells
    return g;
}

// ColorBrewer RdBu (11 classes), blue for negative, red for positive; index 5 is the white.
const QColor kRdBu[] = { QColor(0x05, 0x30, 0x61), QColor(0x21, 0x66, 0xac), QColor(0x43, 0x93, 0xc3),
    QColor(0x92, 0xc5, 0xde), QColor(0xd1, 0xe5, 0xf0), QColor(0xf7, 0xf7, 0xf7), QColor(0xfd, 0xdb, 0xc7),
    QColor(0xf4, 0xa5, 0x82), QColor(0xd6, 0x60, 0x4d), QColor(0xb2, 0x18, 0x2b), QColor(0x67, 0x00, 0x1f) };

} // namespace

QCPColorGradient sequentialGradient()
{
    // Viridis (matplotlib, CC0) sampled at nine points.
    QCPColorGradient g = base();
    const QColor stops[] = { QColor(0x44, 0x01, 0x54), QColor(0x47, 0x2d, 0x7b), QColor(0x3b, 0x52, 0x8b),
        QColor(0x2c, 0x72, 0x8e), QColor(0x21, 0x91, 0x8c), QColor(0x28, 0xae, 0x80), QColor(0x5e, 0xc9, 0x62),
        QColor(0xad, 0xdc, 0x30), QColor(0xfd, 0xe7, 0x25) };
    for (int i = 0; i < 9; ++i)
        g.setColorStopAt(i / 8.0, stops[i]);
    return g;
}

QCPColorGradient divergingGradient(double lo, double hi)
{
    QCPColorGradient g = base();
    // Position of zero in [0, 1]; the negative half of RdBu fills [0, z], the positive [z, 1].
    const double z = (lo < 0 && hi > 0) ? -lo / (hi - lo) : (hi <= 0 ? 1.0 : 0.0);
    for (int i = 0; i <= 5; ++i)
        if (z > 0)
            g.setColorStopAt(z * i / 5.0, kRdBu[i]);
    for (int i = 5; i <= 10; ++i)
        if (z < 1)
            g.setColorStopAt(z + (1 - z) * (i - 5) / 5.0, kRdBu[i]);
    return g;
}

} // namespace ws::ui
