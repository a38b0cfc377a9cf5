// SPDX-License-Identifier: GPL-3.0-or-later
// The 2-D datasets of TensorFlow Playground (src/dataset.ts), with its definitions (see
// ../shared/REFERENCE.md): circle, xor, gauss, spiral (classification, labels 0/1 standing for
// Playground's -1/+1) and plane, multi-gauss (regression, targets (N, 1): multi-gauss in
// [-1, 1]; plane is (x + y) / 10 unclamped as in Playground, so up to +-1.2 and, with noise in
// the label point, up to +-1.8). Beyond Playground (#22): four-blobs, four classes 0..3, and
// "custom", the user's own points (drawn or from a CSV), which come with the recipe rather than
// from a generator.
// `noise` is Playground's slider value divided by 100 (0 to 0.5).
#pragma once

#include "data/Dataset.h"
#include "util/EnumNames.h"

#include <cstdint>
#include <string>

namespace ws {

enum class PlaygroundKind { Circle, Xor, Gauss, Spiral, Plane, MultiGauss, FourBlobs, Custom };

// Names as DatasetSource and the command line spell them; labels as Playground's menu.
template <> struct EnumNames<PlaygroundKind> {
    static constexpr std::string_view what = "Playground dataset";
    static constexpr EnumEntry<PlaygroundKind> entries[] = {
        { PlaygroundKind::Circle, "circle", "Circle" },
        { PlaygroundKind::Xor, "xor", "Exclusive or" },
        { PlaygroundKind::Gauss, "gauss", "Gaussian" },
        { PlaygroundKind::Spiral, "spiral", "Spiral" },
        { PlaygroundKind::Plane, "plane", "Plane" },
        { PlaygroundKind::MultiGauss, "multi-gauss", "Multi-Gaussian" },
        { PlaygroundKind::FourBlobs, "four-blobs", "Four blobs" },
        { PlaygroundKind::Custom, "custom", "Your own data" },
    };
};

PlaygroundKind parsePlaygroundKind(const std::string& text);
std::string playgroundName(PlaygroundKind kind);
bool isRegression(PlaygroundKind kind);

// The Playground draws and trains at most this many classes (8 colours that stay apart).
inline constexpr int kMaxPlaygroundClasses = 8;
// Classes of a built-in set: 0 for regression, 2 or 4; -1 for Custom (the points decide).
int playgroundClassCount(PlaygroundKind kind);

// Samples (N, 2) with x, y in about [-6, 6]. numSamples 0 means Playground's default
// (500 for classification, 1200 for regression). Custom has no generator: ConfigError.
Dataset makePlaygroundDataset(PlaygroundKind kind, int64_t numSamples, double noise, uint64_t seed);

// Input features of Playground: x1, x2, x1^2, x2^2, x1*x2, sin x1, sin x2.
enum PlaygroundFeature : unsigned {
    FeatureX1 = 1u << 0, FeatureX2 = 1u << 1, FeatureX1Squared = 1u << 2, FeatureX2Squared = 1u << 3,
    FeatureX1X2 = 1u << 4, FeatureSinX1 = 1u << 5, FeatureSinX2 = 1u << 6,
};
// Maps (N, 2) points to (N, F) features in the order above, keeping the set bits.
Tensor playgroundFeatures(const Tensor& points, unsigned featureMask);

} // namespace ws
