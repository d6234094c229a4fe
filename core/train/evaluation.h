#pragma once
// Scoring a network on a labelled data set: loss and per-class classification metrics.

#include "metrics/classification.h"
#include "nn/network.h"
#include "seqio/sequence_set.h"

#include <atomic>

namespace motifloom::train {

struct Evaluation {
    nn::Loss loss;                          // mean data loss + current penalty
    metrics::ClassificationMetrics metrics; // per-class and mean AUROC / AUPR / accuracy
    std::vector<float> probabilities;       // n x numClasses predictions
    bool cancelled = false;                 // stopped by `cancel`: nothing else is valid
};

// Runs `net` in inference mode over `data` (parallel, deterministic). Throws InputError if the
// data's length or class count does not fit the network. The data go through in slices of a few
// thousand sequences; a set `cancel` flag stops it between slices, returning cancelled = true.
Evaluation evaluate(const nn::Network& net, const seqio::SequenceSet& data,
                    const std::atomic<bool>* cancel = nullptr);

// Throws InputError (naming `what`, e.g. "validation data") when `data` cannot feed `net`.
void checkCompatible(const nn::Network& net, const seqio::SequenceSet& data, const char* what);

}  // namespace motifloom::train
