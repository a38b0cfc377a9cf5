#include "nn/Initializer.h"

#include "util/Error.h"

#include <cmath>

namespace ws {

namespace {

struct InitName {
    Init kind;
    const char* name;
};
constexpr InitName kInitNames[] = {
    { Init::GlorotUniform, "glorot_uniform" }, { Init::GlorotNormal, "glorot_normal" },
    { Init::HeUniform, "he_uniform" }, { Init::HeNormal, "he_normal" },
    { Init::Uniform, "uniform" }, { Init::Zeros, "zeros" }, { Init::Ones, "ones" },
    { Init::Constant, "constant" },
};

} // namespace

Initializer Initializer::parse(const std::string& text)
{
    const auto colon = text.find(':');
    const std::string head = text.substr(0, colon);
    for (const auto& entry : kInitNames) {
        if (head != entry.name)
            continue;
        Initializer init { entry.kind, entry.kind == Init::Uniform ? 0.05f : 0.0f };
        if (colon != std::string::npos) {
            try {
                init.value = std::stof(text.substr(colon + 1));
            } catch (const std::exception&) {
                throw ConfigError("initialiser '" + text + "': the value after ':' is not a number");
            }
        }
        return init;
    }
    throw ConfigError("unknown initialiser '" + text
        + "' (known: glorot_uniform, glorot_normal, he_uniform, he_normal, uniform:A, zeros, ones, constant:C)");
}

std::string Initializer::toString() const
{
    for (const auto& entry : kInitNames) {
        if (entry.kind != kind)
            continue;
        if (kind == Init::Uniform || kind == Init::Constant)
            return std::string(entry.name) + ":" + std::to_string(value);
        return entry.name;
    }
    return "?";
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
