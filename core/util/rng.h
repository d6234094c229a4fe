#pragma once
// Rng: a small, fast, *portable* random generator (xoshiro256** seeded by splitmix64).
// Unlike std:: distributions its outputs are identical on every platform and standard
// library, which the determinism guarantee (same seed -> same data, same weights) needs.
// Derive independent streams with split(k) rather than sharing one generator across threads.

#include <cmath>
#include <cstdint>

namespace motifloom {

class Rng {
public:
    explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

    void reseed(std::uint64_t seed) {
        std::uint64_t x = seed;
        for (auto& s : mState) s = splitmix64(x);
    }

    // An independent generator for sub-task `k` (e.g. a thread's chunk or a trial number).
    Rng split(std::uint64_t k) const {
        std::uint64_t x = mState[0] ^ (0x9E3779B97F4A7C15ULL * (k + 1));
        return Rng(splitmix64(x));
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(mState[1] * 5, 7) * 9;
        const std::uint64_t t = mState[1] << 17;
        mState[2] ^= mState[0];
        mState[3] ^= mState[1];
        mState[1] ^= mState[2];
        mState[0] ^= mState[3];
        mState[2] ^= t;
        mState[3] = rotl(mState[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    // Uniform integer in [0, n), unbiased (Lemire's method). n must be > 0.
    std::uint64_t below(std::uint64_t n) {
        __uint128_t m = __uint128_t(next()) * n;
        auto low = std::uint64_t(m);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = __uint128_t(next()) * n;
                low = std::uint64_t(m);
            }
        }
        return std::uint64_t(m >> 64);
    }

    // Standard normal (Box-Muller; one value per call, the pair's twin is discarded).
    double normal() {
        double u1 = uniform();
        while (u1 <= 0.0) u1 = uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

    // Fisher-Yates shuffle of any random-access range.
    template <class It>
    void shuffle(It first, It last) {
        for (auto n = last - first; n > 1; --n) {
            auto j = below(std::uint64_t(n));
            std::swap(first[n - 1], first[j]);
        }
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitmix64(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::uint64_t mState[4];
};

}  // namespace motifloom
