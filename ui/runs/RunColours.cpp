// SPDX-License-Identifier: GPL-3.0-or-later
#include "runs/RunColours.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <numeric>

namespace ws::ui {

namespace {

constexpr int kHues = 20;
constexpr double kLightness[] = { 40.0, 55.0, 70.0 };
constexpr double kChroma = 60.0;
constexpr double kWhite[] = { 0.95047, 1.0, 1.08883 }; // D65

double toLinear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
double fromLinear(double c) { return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055; }

std::array<double, 3> lab(const QColor& colour)
{
    const double r = toLinear(colour.redF()), g = toLinear(colour.greenF()), b = toLinear(colour.blueF());
    const double xyz[] = { 0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
        0.0193 * r + 0.1192 * g + 0.9505 * b };
    double f[3];
    for (int i = 0; i < 3; ++i) {
        const double t = xyz[i] / kWhite[i];
        f[i] = t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0;
    }
    return { 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2]) };
}

// Linear sRGB of L*, C*, h (radians); outside [0, 1] when sRGB cannot show it.
std::array<double, 3> linearFromLch(double l, double c, double h)
{
    const double fy = (l + 16) / 116, fx = fy + c * std::cos(h) / 500, fz = fy - c * std::sin(h) / 200;
    const auto inverse = [](double t) { return t * t * t > 0.008856 ? t * t * t : (t - 16.0 / 116.0) / 7.787; };
    const double x = inverse(fx) * kWhite[0], y = inverse(fy), z = inverse(fz) * kWhite[2];
    return { 3.2406 * x - 1.5372 * y - 0.4986 * z, -0.9689 * x + 1.8758 * y + 0.0415 * z,
        0.0557 * x - 0.2040 * y + 1.0570 * z };
}

QColor fromLch(double l, double c, double h)
{
    // Less chroma until sRGB holds the colour: the hue and lightness are what tell runs apart.
    std::array<double, 3> rgb = linearFromLch(l, c, h);
    for (; c > 0; c -= 1.0) {
        rgb = linearFromLch(l, c, h);
        if (std::all_of(rgb.begin(), rgb.end(), [](double v) { return v >= -1e-4 && v <= 1 + 1e-4; }))
            break;
    }
    const auto channel = [](double v) { return std::clamp(fromLinear(std::clamp(v, 0.0, 1.0)), 0.0, 1.0); };
    return QColor::fromRgbF(float(channel(rgb[0])), float(channel(rgb[1])), float(channel(rgb[2])));
}

} // namespace

const std::vector<QColor>& runPalette()
{
    static const std::vector<QColor> palette = [] {
        std::vector<QColor> out;
        const int rings = int(std::size(kLightness));
        for (int ring = 0; ring < rings; ++ring)
            for (int k = 0; k < kHues; ++k)
                out.push_back(fromLch(kLightness[ring], kChroma,
                    2 * std::numbers::pi * (k + double(ring) / rings) / kHues));
        return out;
    }();
    return palette;
}

uint64_t stableHash(const std::string& text)
{
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::vector<QColor> runColours(const std::vector<std::string>& keys)
{
    const std::vector<QColor>& palette = runPalette();
    const size_t n = palette.size();
    // In key order, so the result does not depend on the order the runs were selected in.
    std::vector<size_t> order(keys.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
    std::vector<bool> taken(n, false);
    size_t used = 0;
    std::vector<QColor> out(keys.size());
    for (size_t i : order) {
        size_t slot = size_t(stableHash(keys[i]) % n);
        if (used < n) { // more keys than colours: the rest repeat their hashed colour
            while (taken[slot])
                slot = (slot + 1) % n;
            taken[slot] = true;
            ++used;
        }
        out[i] = palette[slot];
    }
    return out;
}

double cie76(const QColor& a, const QColor& b)
{
    const auto p = lab(a), q = lab(b);
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

std::string runColourKey(const RunInfo& run)
{
    const size_t slash = run.path.find_last_of('/');
    return run.header.name + '\n' + (slash == std::string::npos ? run.path : run.path.substr(slash + 1));
}

} // namespace ws::ui
