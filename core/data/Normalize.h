// SPDX-License-Identifier: GPL-3.0-or-later
// Feature normalisation fitted on the training split only and applied to every split.
#pragma once

#include "data/Dataset.h"
#include "util/EnumNames.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace ws {

enum class NormalizeKind { None, MinMax, Standardize };

template <> struct EnumNames<NormalizeKind> {
    static constexpr std::string_view what = "normalisation";
    static constexpr EnumEntry<NormalizeKind> entries[] = {
        { NormalizeKind::None, "none", "None" },
        { NormalizeKind::MinMax, "minmax", "Min-max to [0, 1]" },
        { NormalizeKind::Standardize, "standardize", "Standardize (mean 0, std 1)" },
    };
};

NormalizeKind parseNormalize(const std::string& text); // else ConfigError
std::string normalizeName(NormalizeKind kind);

// Per element of a sample (for (N, F) data per feature; for images per pixel and channel), the
// affine map x' = (x - shift) * scale. MinMax maps the training range to [0, 1]; Standardize to
// mean 0 and (population) standard deviation 1. A feature that is constant on the training data
// gets scale 1, so it becomes 0 rather than a division by zero.
struct Normalizer {
    NormalizeKind kind = NormalizeKind::None;
    std::vector<float> shift, scale; // one per element of a sample; empty for None

    static Normalizer fit(const Dataset& train, NormalizeKind kind);
    // Throws ShapeError when the sample size differs from the one fitted.
    void apply(Dataset& data) const;
    // The same on `count` samples of `sampleSize` values each, one after another at `x` (a batch
    // of raw inputs, as `weightscope-cli predict` reads them); ShapeError naming `what` likewise.
    void apply(float* x, int64_t count, int64_t sampleSize, const std::string& what) const;
    // {"kind", "shift", "scale"}: enough to reproduce the map (provenance of a run).
    nlohmann::json toJson() const;
    static Normalizer fromJson(const nlohmann::json& json);
};

} // namespace ws
