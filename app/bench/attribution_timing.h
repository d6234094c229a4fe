#pragma once
// motifloom-bench --attribution: time per sequence of the attribution maps (core/attribution)
// on a model with freshly initialised weights (timings do not depend on the weight values):
//   ISM        every single-base substitution, all classes, one sequence per call
//   ISM batch  the same for many sequences in one call, per sequence
//   saliency   gradient x input of one class logit, one sequence per call; and of every class
// Each figure is the median over the sequences (after one warm-up call).

#include "seqio/sequence_set.h"

#include <cstdint>
#include <string>
#include <vector>

namespace motifloom::bench {

struct AttributionTiming {
    std::string model;
    std::size_t sequences = 0;
    double ismMs = 0, ismBatchMs = 0, saliencyMs = 0, saliencyAllMs = 0;
};

// Times `model` (a preset name) on up to `count` sequences of `set`.
AttributionTiming timeAttribution(const std::string& model, const seqio::SequenceSet& set, std::size_t count,
                                  std::uint64_t seed);

}  // namespace motifloom::bench
