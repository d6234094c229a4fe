#pragma once
// Mutations of a sequence of base codes (seqio/sequence_set.h: A=1, C=2, G=4, T=8), for the
// inspector's click-to-mutate and for checks that a planted motif drives a prediction.
// Pure functions on values; positions are 0-based, ranges half-open [begin, end).

#include <cstdint>
#include <span>
#include <vector>

namespace motifloom::attribution {

// Base index (0..3 = A,C,G,T) of a one-base code; -1 for IUPAC codes and padding.
int baseIndex(std::uint8_t code);

// The sequence with base `base` (0..3) at `position`.
std::vector<std::uint8_t> substitute(std::span<const std::uint8_t> sequence, int position, int base);

// The sequence with [begin, end) scrambled (clipped to the sequence): every position gets a
// base different from the one it had (any base for IUPAC codes and padding), drawn from
// Rng(seed) position by position. Deterministic: the same seed gives the same result. Unlike a
// shuffle of the box, this never leaves a motif intact (a shuffle of GGGGCGGGG mostly is one).
std::vector<std::uint8_t> scramble(std::span<const std::uint8_t> sequence, int begin, int end,
                                   std::uint64_t seed);

}  // namespace motifloom::attribution
