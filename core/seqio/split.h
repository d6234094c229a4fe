#pragma once
// Train / validation / test splits of one SequenceSet.
//
// splitRandom: reproducible from the seed alone (motifloom::Rng, identical on every platform).
//   Exact sizes for n sequences: valid = floor(n * fractions.valid), test = floor(n * fractions.test),
//   train = the rest (so train takes the rounding remainder; 25,000 at 0.7/0.1/0.2 gives
//   17,500 / 2,500 / 5,000). The indices 0..n-1 are shuffled once (Fisher-Yates); the first
//   `train` go to train, the next `valid` to valid, the rest to test. Within each part the
//   sequences keep their original order (training shuffles batches itself).
//
// splitFromFile: a user-given assignment, one "ID SPLIT" pair per line (separated by spaces or
//   tabs), SPLIT one of train, valid (or validation), test; '#' starts a comment, blank lines
//   are skipped, CRLF is fine. Sequences keep their order within each part.

#include "seqio/sequence_set.h"
#include "util/warnings.h"

#include <cstdint>
#include <string>

namespace motifloom::seqio {

struct SplitFractions {
    double train = 0.7, valid = 0.1, test = 0.2;  // each >= 0, summing to 1 (within 1e-6)
};

// Throws InputError if the fractions are negative or do not sum to 1.
DataSplits splitRandom(const SequenceSet& set, std::uint64_t seed, const SplitFractions& fractions = {});

// Warning kind of splitFromFile: a sequence the split file does not mention (left out of
// every part).
inline constexpr const char* kWarnNotInSplit = "sequences not named in the split file (left out)";

// Throws InputError naming the split file and line for: an unknown split name, a line that is
// not "ID SPLIT", an id that is not in the set, an id listed twice, an id that occurs more
// than once in the set (it cannot be told apart), binary data; a file that assigns nothing
// (line 1); a missing file (line 0). Sequences the file does not mention are counted in
// *warnings (kWarnNotInSplit) when given.
DataSplits splitFromFile(const SequenceSet& set, const std::string& path, Warnings* warnings = nullptr);

}  // namespace motifloom::seqio
