// SPDX-License-Identifier: GPL-3.0-or-later
// Weight initialisers (Glorot & Bengio 2010; He et al. 2015), matching Keras' definitions:
// *_uniform draws U(-limit, limit) with limit = sqrt(3 * scale); *_normal draws a normal
// truncated at two standard deviations with stddev = sqrt(scale) / 0.87962566103423978.
// scale is 2 / (fan_in + fan_out) for Glorot and 2 / fan_in for He.
#pragma once

#include "tensor/Tensor.h"
#include "util/EnumNames.h"
#include "util/Rng.h"

#include <string>

namespace ws {

enum class Init { GlorotUniform, GlorotNormal, HeUniform, HeNormal, Uniform, Zeros, Ones, Constant };

// Keras' names; Uniform and Constant carry a value (Initializer::parse reads "uniform:0.5").
template <> struct EnumNames<Init> {
    static constexpr std::string_view what = "initialiser";
    static constexpr EnumEntry<Init> entries[] = {
        { Init::GlorotUniform, "glorot_uniform", "Glorot uniform" },
        { Init::GlorotNormal, "glorot_normal", "Glorot normal" },
        { Init::HeUniform, "he_uniform", "He uniform" },
        { Init::HeNormal, "he_normal", "He normal" },
        { Init::Uniform, "uniform", "Uniform" },
        { Init::Zeros, "zeros", "Zeros" },
        { Init::Ones, "ones", "Ones" },
        { Init::Constant, "constant", "Constant" },
    };
};

struct Initializer {
    Init kind = Init::GlorotUniform;
    float value = 0.0f; // Uniform: the limit a of U(-a, a); Constant: the value

    static Initializer parse(const std::string& text); // "glorot_uniform", "he_normal", "uniform:0.5", "constant:0.1"
    std::string toString() const;
};

// Fills `t` for a parameter with the given fans (for a Conv2D kernel fan_in = kh*kw*cin,
// fan_out = kh*kw*cout).
void initialize(Tensor& t, const Initializer& init, int64_t fanIn, int64_t fanOut, Rng& rng);

} // namespace ws
