// SPDX-License-Identifier: GPL-3.0-or-later
// TensorFlow Playground's generators, transcribed from src/dataset.ts (see REFERENCE.md): the
// same distributions, constants and label rules, drawn from our deterministic Rng instead of
// Math.random, so a seed gives the same data on every platform. As Playground does in
// generateData(), the samples are shuffled after generation.
//
// One deliberate difference, only for odd sample counts: Playground loops
// `i < numSamples / 2` per class and so returns one sample too many; we return exactly N
// (the first class gets the extra one).
#include "data/Playground.h"

#include "util/Error.h"
#include "util/Rng.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

namespace ws {

namespace {

struct Example {
    double x, y, label; // label: +1/-1 for classification, the target for regression
};

constexpr double kPi = 3.14159265358979323846;

double dist(double ax, double ay, double bx, double by)
{
    return std::hypot(ax - bx, ay - by);
}

std::vector<Example> circle(int64_t n, double noise, Rng& rng)
{
    const double radius = 5;
    const auto label = [&](double x, double y) { return dist(x, y, 0, 0) < radius * 0.5 ? 1.0 : -1.0; };
    std::vector<Example> out;
    const auto gen = [&](int64_t count, double rMin, double rMax) {
        for (int64_t i = 0; i < count; ++i) {
            const double r = rng.uniform(rMin, rMax);
            const double angle = rng.uniform(0, 2 * kPi);
            const double x = r * std::sin(angle);
            const double y = r * std::cos(angle);
            const double noiseX = rng.uniform(-radius, radius) * noise;
            const double noiseY = rng.uniform(-radius, radius) * noise;
            out.push_back({ x, y, label(x + noiseX, y + noiseY) });
        }
    };
    gen(n - n / 2, 0, radius * 0.5);     // inside the circle
    gen(n / 2, radius * 0.7, radius);    // outside
    return out;
}

std::vector<Example> xorData(int64_t n, double noise, Rng& rng)
{
    const double padding = 0.3;
    std::vector<Example> out;
    for (int64_t i = 0; i < n; ++i) {
        double x = rng.uniform(-5, 5);
        x += x > 0 ? padding : -padding;
        double y = rng.uniform(-5, 5);
        y += y > 0 ? padding : -padding;
        const double noiseX = rng.uniform(-5, 5) * noise;
        const double noiseY = rng.uniform(-5, 5) * noise;
        out.push_back({ x, y, (x + noiseX) * (y + noiseY) >= 0 ? 1.0 : -1.0 });
    }
    return out;
}

std::vector<Example> gauss(int64_t n, double noise, Rng& rng)
{
    // d3.scale.linear().domain([0, .5]).range([0.5, 4]): the variance, not the deviation.
    const double variance = 0.5 + noise / 0.5 * (4 - 0.5);
    const double sd = std::sqrt(variance);
    std::vector<Example> out;
    const auto gen = [&](int64_t count, double cx, double cy, double label) {
        for (int64_t i = 0; i < count; ++i) {
            const double x = rng.normal(cx, sd);
            const double y = rng.normal(cy, sd);
            out.push_back({ x, y, label });
        }
    };
    gen(n - n / 2, 2, 2, 1);
    gen(n / 2, -2, -2, -1);
    return out;
}

std::vector<Example> spiral(int64_t n, double noise, Rng& rng)
{
    const double half = double(n) / 2; // Playground's n, fractional for odd N
    std::vector<Example> out;
    const auto gen = [&](int64_t count, double deltaT, double label) {
        for (int64_t i = 0; i < count; ++i) {
            const double r = double(i) / half * 5;
            const double t = 1.75 * double(i) / half * 2 * kPi + deltaT;
            const double x = r * std::sin(t) + rng.uniform(-1, 1) * noise;
            const double y = r * std::cos(t) + rng.uniform(-1, 1) * noise;
            out.push_back({ x, y, label });
        }
    };
    gen(n - n / 2, 0, 1);
    gen(n / 2, kPi, -1);
    return out;
}

// Playground's regression sets: points uniform in [-6, 6]^2, labelled at the point moved by
// noise drawn from the same square (the stored point has no noise).
template <class Label> std::vector<Example> uniformSquare(int64_t n, double noise, Rng& rng, const Label& label)
{
    const double radius = 6;
    std::vector<Example> out;
    for (int64_t i = 0; i < n; ++i) {
        const double x = rng.uniform(-radius, radius);
        const double y = rng.uniform(-radius, radius);
        const double noiseX = rng.uniform(-radius, radius) * noise;
        const double noiseY = rng.uniform(-radius, radius) * noise;
        out.push_back({ x, y, label(x + noiseX, y + noiseY) });
    }
    return out;
}

std::vector<Example> plane(int64_t n, double noise, Rng& rng)
{
    // d3.scale.linear().domain([-10, 10]).range([-1, 1]) without clamp: x + y spans [-12, 12],
    // so targets reach +-1.2 (more with noise), exactly as in Playground.
    return uniformSquare(n, noise, rng, [](double x, double y) { return (x + y) / 10; });
}

std::vector<Example> multiGauss(int64_t n, double noise, Rng& rng)
{
    struct Centre {
        double x, y, sign;
    };
    static constexpr Centre centres[] = { { -4, 2.5, 1 }, { 0, 2.5, -1 }, { 4, 2.5, 1 },
        { -4, -2.5, -1 }, { 0, -2.5, 1 }, { 4, -2.5, -1 } };
    const auto label = [](double x, double y) {
        double best = 0;
        for (const Centre& c : centres) {
            // d3 linear domain [0, 2] -> range [1, 0], clamped.
            const double v = c.sign * std::clamp(1 - dist(x, y, c.x, c.y) / 2, 0.0, 1.0);
            if (std::abs(v) > std::abs(best))
                best = v;
        }
        return best;
    };
    return uniformSquare(n, noise, rng, label);
}

// Four Gaussian blobs, one class each, centred in the four quadrants (classes 0..3 counter-
// clockwise from the upper right). Noise widens them as Playground's gauss does, so at 50 % they
// overlap.
std::vector<Example> fourBlobs(int64_t n, double noise, Rng& rng)
{
    static constexpr double centres[4][2] = { { 2.5, 2.5 }, { -2.5, 2.5 }, { -2.5, -2.5 }, { 2.5, -2.5 } };
    const double sd = 0.7 + 2.6 * noise;
    std::vector<Example> out;
    for (int k = 0; k < 4; ++k) {
        const int64_t count = n / 4 + (k < n % 4 ? 1 : 0);
        for (int64_t i = 0; i < count; ++i) {
            const double x = rng.normal(centres[k][0], sd);
            const double y = rng.normal(centres[k][1], sd);
            out.push_back({ x, y, double(k) });
        }
    }
    return out;
}

} // namespace

PlaygroundKind parsePlaygroundKind(const std::string& text) { return parseEnum<PlaygroundKind>(text); }

std::string playgroundName(PlaygroundKind kind) { return std::string(enumName(kind)); }

bool isRegression(PlaygroundKind kind)
{
    return kind == PlaygroundKind::Plane || kind == PlaygroundKind::MultiGauss;
}

int playgroundClassCount(PlaygroundKind kind)
{
    if (isRegression(kind))
        return 0;
    if (kind == PlaygroundKind::Custom)
        return -1;
    return kind == PlaygroundKind::FourBlobs ? 4 : 2;
}

Dataset makePlaygroundDataset(PlaygroundKind kind, int64_t numSamples, double noise, uint64_t seed)
{
    if (numSamples < 0)
        throw ConfigError("a Playground dataset needs a non-negative sample count, got " + std::to_string(numSamples));
    if (!(noise >= 0.0 && noise <= 0.5))
        throw ConfigError("Playground noise must be in [0, 0.5] (the slider value / 100), got " + std::to_string(noise));
    const int64_t n = numSamples ? numSamples : (isRegression(kind) ? 1200 : 500);
    Rng rng(seed);
    std::vector<Example> examples;
    switch (kind) {
    case PlaygroundKind::Circle: examples = circle(n, noise, rng); break;
    case PlaygroundKind::Xor: examples = xorData(n, noise, rng); break;
    case PlaygroundKind::Gauss: examples = gauss(n, noise, rng); break;
    case PlaygroundKind::Spiral: examples = spiral(n, noise, rng); break;
    case PlaygroundKind::Plane: examples = plane(n, noise, rng); break;
    case PlaygroundKind::MultiGauss: examples = multiGauss(n, noise, rng); break;
    case PlaygroundKind::FourBlobs: examples = fourBlobs(n, noise, rng); break;
    case PlaygroundKind::Custom:
        throw ConfigError("the Playground's own points come with the recipe; there is no generator for them");
    }
    rng.shuffle(examples.begin(), examples.end());

    Dataset data;
    data.name = playgroundName(kind);
    data.x = Tensor({ n, 2 });
    if (isRegression(kind))
        data.targets = Tensor({ n, 1 });
    else if (kind == PlaygroundKind::FourBlobs) {
        data.numClasses = 4;
        data.classNames = { "0", "1", "2", "3" };
        data.labels.resize(size_t(n));
    } else {
        data.numClasses = 2;
        data.classNames = { "-1", "+1" };
        data.labels.resize(size_t(n));
    }
    for (int64_t i = 0; i < n; ++i) {
        const Example& e = examples[size_t(i)];
        data.x[2 * i] = float(e.x);
        data.x[2 * i + 1] = float(e.y);
        if (isRegression(kind))
            data.targets[i] = float(e.label);
        else if (data.numClasses > 2)
            data.labels[size_t(i)] = int32_t(e.label);
        else
            data.labels[size_t(i)] = e.label > 0 ? 1 : 0;
    }
    return data;
}

Tensor playgroundFeatures(const Tensor& points, unsigned featureMask)
{
    if (points.rank() != 2 || points.dim(1) != 2)
        throw ShapeError("Playground features need points of shape (N, 2), got " + shapeToString(points.shape()));
    constexpr unsigned kAll = FeatureX1 | FeatureX2 | FeatureX1Squared | FeatureX2Squared | FeatureX1X2
        | FeatureSinX1 | FeatureSinX2;
    if ((featureMask & kAll) == 0 || (featureMask & ~kAll) != 0)
        throw ConfigError("Playground feature mask " + std::to_string(featureMask)
            + " must select at least one of the seven features and nothing else");
    const int64_t n = points.dim(0);
    const auto f = int64_t(std::popcount(featureMask));
    Tensor out({ n, f });
    for (int64_t i = 0; i < n; ++i) {
        const float x1 = points[2 * i], x2 = points[2 * i + 1];
        float* row = out.data() + i * f;
        if (featureMask & FeatureX1) *row++ = x1;
        if (featureMask & FeatureX2) *row++ = x2;
        if (featureMask & FeatureX1Squared) *row++ = x1 * x1;
        if (featureMask & FeatureX2Squared) *row++ = x2 * x2;
        if (featureMask & FeatureX1X2) *row++ = x1 * x2;
        if (featureMask & FeatureSinX1) *row++ = std::sin(x1);
        if (featureMask & FeatureSinX2) *row++ = std::sin(x2);
    }
    return out;
}

} // namespace ws
