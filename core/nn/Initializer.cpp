// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/Initializer.h"

#include "util/Error.h"

#include <cmath>

namespace ws {

Initializer Initializer::parse(const std::string& text)
{
    const auto colon = text.find(':');
    const auto kind = findEnum<Init>(std::string_view(text).substr(0, colon));
    // Not parseEnum's message: this one shows where the values go.
    if (!kind)
        throw ConfigError("unknown initialiser '" + text
            + "' (known: glorot_uniform, glorot_normal, he_uniform, he_normal, uniform:A, zeros, ones, constant:C)");
    Initializer init { *kind, *kind == Init::Uniform ? 0.05f : 0.0f };
    if (colon != std::string::npos) {
        try {
            init.value = std::stof(text.substr(colon + 1));
        } catch (const std::exception&) {
            throw ConfigError("initialiser '" + text + "': the value after ':' is not a number");
        }
    }
    return init;
}

std::string Initializer::toString() const
{
    const std::string name(enumName(kind));
    if (kind == Init::Uniform || kind == Init::Constant)
        return name + ":" + std::to_string(value);
    return name;
}

void initialize(Tensor& t, const Initializer& init, int64_t fanIn, int64_t fanOut, Rng& rng)
{
    auto uniform = [&](double limit) {
        for (int64_t i = 0; i < t.size(); ++i)
            t[i] = float(rng.uniform(-limit, limit));
    };
    auto truncatedNormal = [&](double stddev) {
        for (int64_t i = 0; i < t.size(); ++i) {
            double z;
            do {
                z = rng.normal();
            } while (std::abs(z) > 2.0);
            t[i] = float(stddev * z);
        }
    };
    const double glorotScale = 2.0 / double(std::max<int64_t>(1, fanIn + fanOut));
    const double heScale = 2.0 / double(std::max<int64_t>(1, fanIn));
    constexpr double kTruncCorrection = 0.87962566103423978;
    switch (init.kind) {
    case Init::GlorotUniform: uniform(std::sqrt(3.0 * glorotScale)); break;
    case Init::GlorotNormal: truncatedNormal(std::sqrt(glorotScale) / kTruncCorrection); break;
    case Init::HeUniform: uniform(std::sqrt(3.0 * heScale)); break;
    case Init::HeNormal: truncatedNormal(std::sqrt(heScale) / kTruncCorrection); break;
    case Init::Uniform: uniform(init.value); break;
    case Init::Zeros: t.fill(0.0f); break;
    case Init::Ones: t.fill(1.0f); break;
    case Init::Constant: t.fill(init.value); break;
    }
}

} // namespace ws
