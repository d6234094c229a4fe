#include "attribution/mutation.h"

#include "util/rng.h"

#include <algorithm>
#include <bit>
#include <cassert>

namespace motifloom::attribution {

int baseIndex(std::uint8_t code) {
    return std::popcount(unsigned(code)) == 1 && code < 16 ? std::countr_zero(unsigned(code)) : -1;
}

std::vector<std::uint8_t> substitute(std::span<const std::uint8_t> sequence, int position, int base) {
    assert(position >= 0 && std::size_t(position) < sequence.size() && base >= 0 && base < 4);
    std::vector<std::uint8_t> out(sequence.begin(), sequence.end());
    out[std::size_t(position)] = std::uint8_t(1u << base);
    return out;
}

std::vector<std::uint8_t> scramble(std::span<const std::uint8_t> sequence, int begin, int end,
                                   std::uint64_t seed) {
    std::vector<std::uint8_t> out(sequence.begin(), sequence.end());
    begin = std::max(begin, 0);
    end = std::min(end, int(out.size()));
    Rng rng(seed);
    for (int p = begin; p < end; ++p) {
        const int old = baseIndex(out[std::size_t(p)]);
        int b;
        if (old < 0) {
            b = int(rng.below(4));
        } else {
            b = int(rng.below(3));  // one of the other three bases
            if (b >= old) ++b;
        }
        out[std::size_t(p)] = std::uint8_t(1u << b);
    }
    return out;
}

}  // namespace motifloom::attribution
