#pragma once
// Data for the training tests (test_trainer, test_race): a one-class task that a tiny network
// learns in a few epochs.

#include "seqio/sequence_set.h"
#include "util/rng.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace motifloom::train_test {

// Positives carry the AP-1 site TGACTCA at a random place; negatives are random DNA.
inline seqio::SequenceSet plantedSet(std::size_t n, int length, std::uint64_t seed) {
    const std::uint8_t site[] = {8, 4, 1, 2, 8, 2, 1};  // T G A C T C A as base masks
    Rng rng(seed);
    seqio::SequenceSet set;
    set.length = length;
    set.classNames = {"AP1"};
    for (std::size_t i = 0; i < n; ++i) {
        set.ids.push_back("s" + std::to_string(i));
        for (int p = 0; p < length; ++p) set.codes.push_back(std::uint8_t(1u << rng.below(4)));
        const bool positive = i % 2 == 0;
        if (positive) {
            const std::size_t start = rng.below(std::uint64_t(length - 7));
            std::copy(std::begin(site), std::end(site), set.codes.end() - length + long(start));
        }
        set.labels.push_back(positive ? 1.f : 0.f);
    }
    return set;
}

}  // namespace motifloom::train_test
