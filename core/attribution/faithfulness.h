#pragma once
// Faithfulness of attribution maps on data with planted motifs (core/synth's ground truth):
// does the attribution for class k point at the planted instances of motif k?
//
// A case is one (sequence, positive class k) pair with at least one planted instance of k in
// the sequence; its per-position scores are |ISM| (Mutagenesis::score: the largest |change of
// logit k| over the substitutions at a position) or |gradient x input| (saliency). Two figures:
//   top share  the fraction of cases whose highest-scoring position (the first, on ties) lies
//              inside an instance of k widened by `margin` bases on each side;
//   AUROC      per-position scores of all cases pooled, positions inside an instance of k
//              (exactly, no margin) against all other positions (metrics::auroc).
// Positive classes without any planted instance in the sequence are counted apart (`missing`).

#include "nn/network.h"
#include "seqio/sequence_set.h"
#include "synth/synthetic_data.h"

#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace motifloom::attribution {

struct Interval {
    int begin = 0;  // 0-based, half-open
    int end = 0;
};

struct Faithfulness {
    long cases = 0;
    long topInside = 0;
    double topShare = 0.0;  // topInside / cases (NaN without cases)
    double auroc = 0.0;     // NaN without inside or outside positions
};

// Accumulates cases; add() in any order gives the same result.
class FaithfulnessTally {
public:
    explicit FaithfulnessTally(int margin = 2) : mMargin(margin) {}
    // scores: one per position; motifs: the instances of the case's class (not empty).
    void add(std::span<const float> scores, std::span<const Interval> motifs);
    Faithfulness result() const;

private:
    int mMargin;
    long mCases = 0, mTopInside = 0;
    std::vector<float> mScores, mLabels;
};

// Planted instances by sequence id.
using PlantedIndex = std::unordered_map<std::string, std::vector<synth::TruthRecord>>;
PlantedIndex indexTruth(const std::vector<synth::TruthRecord>& truth);
// The instances of class `label` in sequence `id` (empty when none).
std::vector<Interval> plantedIntervals(const PlantedIndex& index, const std::string& id, int label);

struct FaithfulnessReport {
    std::size_t sequences = 0;  // sequences examined
    long missing = 0;           // positive classes with no planted instance of theirs
    Faithfulness ism, saliency;
};

// Both figures for ISM and saliency over the first `count` sequences of `set` (all when it
// has fewer), each positive class (label >= 0.5) of each sequence.
FaithfulnessReport measureFaithfulness(const nn::Network& net, const seqio::SequenceSet& set,
                                       std::size_t count, const PlantedIndex& truth, int margin = 2);

}  // namespace motifloom::attribution
