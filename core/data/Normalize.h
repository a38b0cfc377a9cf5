// Feature normalisation fitted on the training split only and applied to every split.
#pragma once

#include "data/Dataset.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace ws {

enum class NormalizeKind { None, MinMax, Standardize };

NormalizeKind parseNormalize(const std::string& text); // "none", "minmax", "standardize"

// Per-feature (last axis... for images, per whole sample element) affine map x' = (x - shift) * scale.
struct Normalizer {
    NormalizeKind kind = NormalizeKind::None;
    std::vector<float> shift, scale; // one per element of a sample

    static Normalizer fit(const Dataset& train, NormalizeKind kind);
    void apply(Dataset& data) const;
    nlohmann::json toJson() const;
    static Normalizer fromJson(const nlohmann::json& j); // throws ConfigError
};

} // namespace ws
