#pragma once
// In-silico mutagenesis (ISM): every single-base substitution of a sequence and the change of
// every class logit it causes, in inference mode.
//
// Variants: at each position p, each base b (A,C,G,T) whose one-base code differs from the
// observed code (3 per position for A/C/G/T, 4 for an IUPAC code or padding), 3L variants for a
// plain sequence. All variants of one or many sequences go through the network's batched
// inference path together with the reference sequences. Networks that open with a one-hot
// convolution, position-wise layers (batch norm, activation, dropout) and a max-pool (all of
// the paper's models) take a shortcut: a substitution changes only the convolution outputs
// whose window covers it, so each variant's pooled first-block output is the sequence's with
// a few rows recomputed, and only the layers after the pool run per variant
// (nn::Network::logitsFrom). Same numbers up to float rounding (tests/core/attribution).
//
// Layout: delta is length x 4 x classes ([position][base][class]):
//   delta = logit_k(sequence with base b at p) - logit_k(sequence), 0 where b is observed.
// Per-position summaries (what attribution tracks draw and what faithfulness ranks):
//   score(p, k)      = max over the substitutions at p of |delta|   (how much p can matter)
//   importance(p, k) = -mean over the substitutions at p of delta   (how much the observed base
//                      helps class k: positive when every change lowers the logit; the height
//                      of the observed base in an ISM logo track)
//
// Value type; the functions are const on the network and may run concurrently.

#include "nn/network.h"

#include <cstdint>
#include <span>
#include <vector>

namespace motifloom::attribution {

struct Mutagenesis {
    int length = 0;
    int classes = 0;
    std::vector<std::uint8_t> sequence;  // the codes mutated (length)
    std::vector<float> reference;        // logits of the sequence, [class]
    std::vector<float> delta;            // length x 4 x classes

    float at(int position, int base, int cls) const {
        return delta[(std::size_t(position) * 4 + std::size_t(base)) * std::size_t(classes) + std::size_t(cls)];
    }
    // True when base b at p is a substitution (not the observed base).
    bool isVariant(int position, int base) const {
        return sequence[std::size_t(position)] != std::uint8_t(1u << base);
    }
    float score(int position, int cls) const;
    float importance(int position, int cls) const;
    std::vector<float> scores(int cls) const;       // score(p, cls) for every p
    std::vector<float> importances(int cls) const;  // importance(p, cls) for every p
};

// Number of variants of a sequence (the rows ISM runs besides the reference).
std::size_t variantCount(std::span<const std::uint8_t> sequence);

// ISM of `n` sequences (base codes, n x net.inputLength()), all classes. Sequences are batched
// together (about kVariantsPerPass network rows per inference call, so memory stays bounded).
std::vector<Mutagenesis> mutagenesis(const nn::Network& net, const std::uint8_t* codes, std::size_t n);
Mutagenesis mutagenesis(const nn::Network& net, std::span<const std::uint8_t> sequence);
// The same without the shortcut: every variant through the whole network (checks, benchmarks).
std::vector<Mutagenesis> mutagenesisWholeNetwork(const nn::Network& net, const std::uint8_t* codes,
                                                 std::size_t n);

inline constexpr std::size_t kVariantsPerPass = 4096;

}  // namespace motifloom::attribution
