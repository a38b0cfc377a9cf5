// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic random numbers for initialisation, shuffling and dropout.
// xoshiro256** (Blackman & Vigna, 2018) seeded through splitmix64. We do not use <random>'s
// distributions because their output is implementation-defined; these give the same numbers
// on every platform, which the bit-for-bit reproducibility of runs relies on.
#pragma once

#include <cmath>
#include <cstdint>

namespace ws {

class Rng {
public:
    explicit Rng(uint64_t seed = 0) { reseed(seed); }

    void reseed(uint64_t seed)
    {
        uint64_t x = seed;
        for (auto& word : s_) {
            x += 0x9e3779b97f4a7c15ULL;
            uint64_t z = x;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            word = z ^ (z >> 31);
        }
        haveSpare_ = false;
    }

    uint64_t next()
    {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    // Uniform integer in [0, n), without modulo bias.
    uint64_t below(uint64_t n)
    {
        if (n == 0)
            return 0;
        const uint64_t limit = ~uint64_t(0) - (~uint64_t(0) % n);
        uint64_t r;
        do {
            r = next();
        } while (r >= limit);
        return r % n;
    }

    // Standard normal (Marsaglia polar method).
    double normal()
    {
        if (haveSpare_) {
            haveSpare_ = false;
            return spare_;
        }
        double u, v, s;
        do {
            u = uniform(-1.0, 1.0);
            v = uniform(-1.0, 1.0);
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        const double m = std::sqrt(-2.0 * std::log(s) / s);
        spare_ = v * m;
        haveSpare_ = true;
        return u * m;
    }
    double normal(double mean, double stddev) { return mean + stddev * normal(); }

    // Fisher–Yates shuffle of any random-access range.
    template <class It> void shuffle(It first, It last)
    {
        const auto n = last - first;
        for (auto i = n - 1; i > 0; --i) {
            const auto j = static_cast<decltype(i)>(below(uint64_t(i) + 1));
            std::swap(first[i], first[j]);
        }
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4] {};
    double spare_ = 0.0;
    bool haveSpare_ = false;
};

} // namespace ws
