// TEMPORARY stub of the Playground generators so the GUI branch builds; the real implementation
// is written on another branch and replaces this file at merge. Definitions follow
// ../shared/REFERENCE.md (TensorFlow Playground src/dataset.ts). Regression kinds are not here.
#include "data/Playground.h"

#include "util/Error.h"
#include "util/Rng.h"

#include <cmath>
#include <numbers>

namespace ws {

PlaygroundKind parsePlaygroundKind(const std::string& text)
{
    if (text == "circle") return PlaygroundKind::Circle;
    if (text == "xor") return PlaygroundKind::Xor;
    if (text == "gauss") return PlaygroundKind::Gauss;
    if (text == "spiral") return PlaygroundKind::Spiral;
    if (text == "plane") return PlaygroundKind::Plane;
    if (text == "multi-gauss") return PlaygroundKind::MultiGauss;
    throw ConfigError("unknown playground dataset '" + text + "' (circle, xor, gauss, spiral, plane, multi-gauss)");
}

std::string playgroundName(PlaygroundKind kind)
{
    switch (kind) {
    case PlaygroundKind::Circle: return "circle";
    case PlaygroundKind::Xor: return "xor";
    case PlaygroundKind::Gauss: return "gauss";
    case PlaygroundKind::Spiral: return "spiral";
    case PlaygroundKind::Plane: return "plane";
    case PlaygroundKind::MultiGauss: return "multi-gauss";
    }
    return "?";
}

bool isRegression(PlaygroundKind kind) { return kind == PlaygroundKind::Plane || kind == PlaygroundKind::MultiGauss; }

Dataset makePlaygroundDataset(PlaygroundKind kind, int64_t numSamples, double noise, uint64_t seed)
{
    if (isRegression(kind))
        throw ConfigError("the temporary playground stub has no regression datasets");
    const int64_t n = numSamples > 0 ? numSamples : 500;
    Dataset d;
    d.name = playgroundName(kind);
    d.numClasses = 2;
    d.classNames = { "-1", "+1" };
    d.x.resize({ n, 2 });
    d.labels.resize(size_t(n));
    Rng rng(seed);
    const double pi = std::numbers::pi;
    auto put = [&](int64_t i, double x, double y, bool positive) {
        d.x[2 * i] = float(x);
        d.x[2 * i + 1] = float(y);
        d.labels[size_t(i)] = positive ? 1 : 0;
    };
    switch (kind) {
    case PlaygroundKind::Circle:
        for (int64_t i = 0; i < n; ++i) {
            const bool inner = i < n / 2;
            const double r = inner ? rng.uniform(0.0, 2.5) : rng.uniform(3.5, 5.0);
            const double a = rng.uniform(0.0, 2 * pi);
            const double x = r * std::sin(a), y = r * std::cos(a);
            const double nx = rng.uniform(-5, 5) * noise, ny = rng.uniform(-5, 5) * noise;
            put(i, x, y, std::hypot(x + nx, y + ny) < 2.5);
        }
        break;
    case PlaygroundKind::Xor:
        for (int64_t i = 0; i < n; ++i) {
            double x = rng.uniform(-5, 5), y = rng.uniform(-5, 5);
            x += x > 0 ? 0.3 : -0.3;
            y += y > 0 ? 0.3 : -0.3;
            const double nx = rng.uniform(-5, 5) * noise, ny = rng.uniform(-5, 5) * noise;
            put(i, x, y, (x + nx) * (y + ny) >= 0);
        }
        break;
    case PlaygroundKind::Gauss: {
        const double variance = 0.5 + (4.0 - 0.5) * (noise / 0.5);
        const double sd = std::sqrt(variance);
        for (int64_t i = 0; i < n; ++i) {
            const bool positive = i < n / 2;
            const double c = positive ? 2.0 : -2.0;
            put(i, rng.normal(c, sd), rng.normal(c, sd), positive);
        }
        break;
    }
    case PlaygroundKind::Spiral: {
        const int64_t arm = n / 2;
        int64_t k = 0;
        for (int a = 0; a < 2; ++a) {
            const double delta = a == 0 ? 0.0 : pi;
            const int64_t count = a == 0 ? arm : n - arm;
            for (int64_t i = 0; i < count; ++i, ++k) {
                const double r = 5.0 * double(i) / double(count);
                const double t = 1.75 * double(i) / double(count) * 2 * pi + delta;
                put(k, r * std::sin(t) + rng.uniform(-1, 1) * noise, r * std::cos(t) + rng.uniform(-1, 1) * noise, a == 0);
            }
        }
        break;
    }
    default:
        break;
    }
    return d;
}

Tensor playgroundFeatures(const Tensor& points, unsigned featureMask)
{
    const int64_t n = points.dim(0);
    int64_t f = 0;
    for (unsigned m = featureMask & 0x7fu; m; m &= m - 1)
        ++f;
    Tensor out({ n, f });
    for (int64_t i = 0; i < n; ++i) {
        const float x = points[2 * i], y = points[2 * i + 1];
        const float all[7] = { x, y, x * x, y * y, x * y, std::sin(x), std::sin(y) };
        int64_t c = 0;
        for (unsigned b = 0; b < 7; ++b)
            if (featureMask & (1u << b))
                out[i * f + c++] = all[b];
    }
    return out;
}

} // namespace ws
