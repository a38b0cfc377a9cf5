// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/ColorMaps.h"

#include "shell/AppSettings.h"

#include <algorithm>
#include <vector>

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

QColor rgb(unsigned v) { return QColor(int(v >> 16), int((v >> 8) & 0xff), int(v & 0xff)); }

// Diverging maps as an odd number of evenly spaced stops; the middle one is the colour of zero.
// Negative values take the first half. ColorBrewer's 11-class RdBu (blue for negative, as the
// heatmaps have always drawn it), PuOr and BrBG; Moreland's coolwarm and matplotlib's seismic
// sampled at five points.
std::vector<QColor> divergingStops(const QString& name)
{
    if (name == QLatin1String("PuOr"))
        return { rgb(0x7f3b08), rgb(0xb35806), rgb(0xe08214), rgb(0xfdb863), rgb(0xfee0b6), rgb(0xf7f7f7),
            rgb(0xd8daeb), rgb(0xb2abd2), rgb(0x8073ac), rgb(0x542788), rgb(0x2d004b) };
    if (name == QLatin1String("BrBG"))
        return { rgb(0x543005), rgb(0x8c510a), rgb(0xbf812d), rgb(0xdfc27d), rgb(0xf6e8c3), rgb(0xf5f5f5),
            rgb(0xc7eae5), rgb(0x80cdc1), rgb(0x35978f), rgb(0x01665e), rgb(0x003c30) };
    if (name == QLatin1String("coolwarm"))
        return { rgb(0x3b4cc0), rgb(0x7a9df8), rgb(0xdddddd), rgb(0xf4987a), rgb(0xb40426) };
    if (name == QLatin1String("seismic"))
        return { rgb(0x00004c), rgb(0x0000ff), rgb(0xffffff), rgb(0xff0000), rgb(0x7f0000) };
    return { rgb(0x053061), rgb(0x2166ac), rgb(0x4393c3), rgb(0x92c5de), rgb(0xd1e5f0), rgb(0xf7f7f7),
        rgb(0xfddbc7), rgb(0xf4a582), rgb(0xd6604d), rgb(0xb2182b), rgb(0x67001f) }; // RdBu
}

// Sequential maps, evenly spaced stops from low to high: matplotlib's perceptually uniform maps
// (CC0) sampled at nine points (cividis at five), and plain grey.
std::vector<QColor> sequentialStops(const QString& name)
{
    if (name == QLatin1String("magma"))
        return { rgb(0x000004), rgb(0x1c1044), rgb(0x4f127b), rgb(0x812581), rgb(0xb5367a), rgb(0xe55064),
            rgb(0xfb8761), rgb(0xfec287), rgb(0xfcfdbf) };
    if (name == QLatin1String("inferno"))
        return { rgb(0x000004), rgb(0x1f0c48), rgb(0x550f6d), rgb(0x88226a), rgb(0xba3655), rgb(0xe35933),
            rgb(0xf98e09), rgb(0xf8c932), rgb(0xfcffa4) };
    if (name == QLatin1String("plasma"))
        return { rgb(0x0d0887), rgb(0x4c02a1), rgb(0x7e03a8), rgb(0xa92395), rgb(0xcc4778), rgb(0xe56b5d),
            rgb(0xf89540), rgb(0xfdc527), rgb(0xf0f921) };
    if (name == QLatin1String("cividis"))
        return { rgb(0x00224e), rgb(0x434e6c), rgb(0x7c7b78), rgb(0xbcaf6f), rgb(0xfee838) };
    if (name == QLatin1String("gray"))
        return { rgb(0x000000), rgb(0xffffff) };
    return { rgb(0x440154), rgb(0x472d7b), rgb(0x3b528b), rgb(0x2c728e), rgb(0x21918c), rgb(0x28ae80),
        rgb(0x5ec962), rgb(0xaddc30), rgb(0xfde725) }; // viridis
}

} // namespace

QCPColorGradient sequentialGradient(const QString& name)
{
    QCPColorGradient g = base();
    const std::vector<QColor> stops = sequentialStops(name);
    for (size_t i = 0; i < stops.size(); ++i)
        g.setColorStopAt(double(i) / double(stops.size() - 1), stops[i]);
    return g;
}

QCPColorGradient sequentialGradient() { return sequentialGradient(settings::sequentialColourMap.get()); }

QCPColorGradient divergingGradient(double lo, double hi, const QString& name)
{
    QCPColorGradient g = base();
    const std::vector<QColor> stops = divergingStops(name);
    const int half = int(stops.size() / 2);
    // Position of zero in [0, 1]; the negative half of the map fills [0, z], the positive [z, 1].
    const double z = (lo < 0 && hi > 0) ? -lo / (hi - lo) : (hi <= 0 ? 1.0 : 0.0);
    for (int i = 0; i <= half; ++i)
        if (z > 0)
            g.setColorStopAt(z * i / half, stops[size_t(i)]);
    for (int i = half; i <= 2 * half; ++i)
        if (z < 1)
            g.setColorStopAt(z + (1 - z) * (i - half) / half, stops[size_t(i)]);
    return g;
}

QCPColorGradient divergingGradient(double lo, double hi)
{
    return divergingGradient(lo, hi, settings::divergingColourMap.get());
}

} // namespace ws::ui
