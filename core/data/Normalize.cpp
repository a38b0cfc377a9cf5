// SPDX-License-Identifier: GPL-3.0-or-later
// Min-max and standard-score normalisation, statistics in double precision.
#include "data/Normalize.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws {

namespace {

// A spread this small relative to the values is rounding, not signal: treat it as constant.
bool isConstant(double spread, double magnitude)
{
    return !(spread > 1e-7 * std::max(1.0, magnitude));
}

} // namespace

NormalizeKind parseNormalize(const std::string& text) { return parseEnum<NormalizeKind>(text); }

std::string normalizeName(NormalizeKind kind) { return std::string(enumName(kind)); }

Normalizer Normalizer::fit(const Dataset& train, NormalizeKind kind)
{
    Normalizer out;
    out.kind = kind;
    if (kind == NormalizeKind::None)
        return out;
    const int64_t n = train.size();
    if (n == 0)
        throw ConfigError("cannot fit a normalisation on the empty dataset '" + train.name + "'");
    const int64_t d = train.x.size() / n;
    out.shift.resize(size_t(d));
    out.scale.resize(size_t(d));
    const float* x = train.x.data();
    if (kind == NormalizeKind::MinMax) {
        std::vector<double> lo(size_t(d), std::numeric_limits<double>::infinity());
        std::vector<double> hi(size_t(d), -std::numeric_limits<double>::infinity());
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < d; ++j) {
                const double v = x[i * d + j];
                lo[size_t(j)] = std::min(lo[size_t(j)], v);
                hi[size_t(j)] = std::max(hi[size_t(j)], v);
            }
        for (size_t j = 0; j < size_t(d); ++j) {
            const double range = hi[j] - lo[j];
            out.shift[j] = float(lo[j]);
            out.scale[j] = isConstant(range, std::max(std::abs(lo[j]), std::abs(hi[j]))) ? 1.0f : float(1.0 / range);
        }
    } else {
        std::vector<double> mean(size_t(d), 0.0), m2(size_t(d), 0.0);
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < d; ++j)
                mean[size_t(j)] += x[i * d + j];
        for (double& m : mean)
            m /= double(n);
        // Two passes: sum of squared deviations, not E[x^2] - E[x]^2, which cancels badly.
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < d; ++j) {
                const double dev = x[i * d + j] - mean[size_t(j)];
                m2[size_t(j)] += dev * dev;
            }
        for (size_t j = 0; j < size_t(d); ++j) {
            const double sd = std::sqrt(m2[j] / double(n));
            out.shift[j] = float(mean[j]);
            out.scale[j] = isConstant(sd, std::abs(mean[j])) ? 1.0f : float(1.0 / sd);
        }
    }
    return out;
}

void Normalizer::apply(Dataset& data) const
{
    if (data.size() > 0)
        apply(data.x.data(), data.size(), data.x.size() / data.size(),
            "dataset '" + data.name + "' with samples " + shapeToString(data.sampleShape()));
}

void Normalizer::apply(float* x, int64_t count, int64_t sampleSize, const std::string& what) const
{
    if (kind == NormalizeKind::None || count == 0)
        return;
    const int64_t d = sampleSize;
    if (d != int64_t(shift.size()))
        throw ShapeError("normalisation fitted on samples of " + std::to_string(shift.size())
            + " values cannot apply to " + what);
    for (int64_t i = 0; i < count; ++i)
        for (int64_t j = 0; j < d; ++j)
            x[i * d + j] = (x[i * d + j] - shift[size_t(j)]) * scale[size_t(j)];
}

nlohmann::json Normalizer::toJson() const
{
    return { { "kind", normalizeName(kind) }, { "shift", shift }, { "scale", scale } };
}

Normalizer Normalizer::fromJson(const nlohmann::json& json)
{
    Normalizer out;
    try {
        out.kind = parseNormalize(json.at("kind").get<std::string>());
        if (out.kind != NormalizeKind::None) {
            out.shift = json.at("shift").get<std::vector<float>>();
            out.scale = json.at("scale").get<std::vector<float>>();
        }
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(std::string("invalid normalisation JSON: ") + e.what());
    }
    if (out.shift.size() != out.scale.size())
        throw ConfigError("invalid normalisation JSON: " + std::to_string(out.shift.size()) + " shifts but "
            + std::to_string(out.scale.size()) + " scales");
    return out;
}

} // namespace ws
