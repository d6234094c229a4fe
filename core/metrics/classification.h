#pragma once
// Classification metrics over network scores and 0/1 labels: AUROC, average precision, the
// trapezoid AUPR, accuracy, and the ROC / PR curves behind them.
//
// Conventions:
//  - scores: one real per example, higher = more likely positive (probabilities or logits;
//    only their order matters, except for the accuracy threshold). labels: 0/1 floats as in
//    seqio::SequenceSet; a label >= 0.5 counts as positive.
//  - Matrices are row-major n x C (row = example, column = class), like SequenceSet::labels.
//  - Ties are exact: examples with equal scores form one group (one threshold) and are never
//    ordered among themselves; every curve has one point per distinct score.
//  - Undefined values are NaN, never an exception: AUROC needs >= 1 positive and >= 1
//    negative; AP and AUPR need >= 1 positive (with no negatives they are 1); any NaN score
//    makes all of a class's ranking metrics NaN. Means over classes skip NaN classes (and are
//    NaN only when every class is undefined).
// Cost: one O(n log n) sort per class; 5,000 x 12 takes well under a millisecond per class.

#include <cstddef>
#include <span>
#include <vector>

namespace motifloom::metrics {

// Area under the ROC curve = Mann-Whitney U / (P * N): the probability that a random positive
// scores above a random negative, ties counting one half (equivalently the trapezoid area
// under the tie-grouped ROC curve). All-tied scores give 0.5. Exact integer accumulation.
double auroc(std::span<const float> scores, std::span<const float> labels);

// Average precision as scikit-learn's average_precision_score:
//   AP = sum over distinct thresholds t_k (descending) of (R_k - R_{k-1}) * P_k,
// with R_0 = 0 and P_k, R_k the precision and recall of "score >= t_k".
double averagePrecision(std::span<const float> scores, std::span<const float> labels);

// Trapezoid area under the PR curve of prCurve() (which starts at (recall 0, precision 1)),
// i.e. scikit-learn's auc(recall, precision) on precision_recall_curve's output.
double auprTrapezoid(std::span<const float> scores, std::span<const float> labels);

// Fraction of examples with (score > threshold) == (label >= 0.5); NaN for no examples. A NaN
// score is never above the threshold (predicted negative).
// Use threshold 0.5 for probabilities, 0 for logits.
double binaryAccuracy(std::span<const float> scores, std::span<const float> labels, double threshold = 0.5);

struct RocPoint {
    double fpr = 0;        // false positives / negatives
    double tpr = 0;        // true positives / positives
    double threshold = 0;  // the point counts examples with score >= threshold; +inf for (0,0)
};

struct PrPoint {
    double recall = 0;
    double precision = 1;
    double threshold = 0;  // score >= threshold; +inf for the starting point (0, 1)
};

// ROC curve: (0,0) at threshold +inf, then one point per distinct score in descending order,
// ending at (1,1). Empty when AUROC is undefined (no positives, no negatives or NaN scores).
std::vector<RocPoint> rocCurve(std::span<const float> scores, std::span<const float> labels);

// PR curve: (recall 0, precision 1) at threshold +inf, then one point per distinct score in
// descending order (recall rising to 1). Empty when there are no positives or a NaN score.
std::vector<PrPoint> prCurve(std::span<const float> scores, std::span<const float> labels);

// How accuracy reads a score matrix.
enum class AccuracyMode {
    Threshold,  // multi-label: each entry is right when (score > threshold) == label
    Argmax      // single-label: a row is right when its top score is in its labelled column
};

// Per-class values and their means (NaN classes skipped, see the header comment).
struct ClassificationMetrics {
    int numClasses = 0;
    std::size_t numExamples = 0;
    std::vector<long> positives;               // per class
    std::vector<double> auroc;                 // per class, NaN when undefined
    std::vector<double> averagePrecision;      // per class
    std::vector<double> auprTrapezoid;         // per class
    // Threshold mode: the class column's binary accuracy. Argmax mode: the fraction of the
    // class's examples predicted as that class (its recall; NaN if it has no examples).
    std::vector<double> accuracy;
    double meanAuroc = 0;
    double meanAveragePrecision = 0;
    double meanAuprTrapezoid = 0;
    double meanAccuracy = 0;  // Threshold: = overall accuracy; Argmax: balanced accuracy
    // Threshold: fraction of all n x C entries right; Argmax: fraction of rows right (a row's
    // class is its first positive label; rows without one are skipped; ties in the top score
    // go to the first column). NaN when nothing could be scored.
    double accuracyOverall = 0;
    int undefinedAurocClasses = 0;  // classes left out of meanAuroc
};

// All metrics for an n x numClasses row-major score matrix and label matrix (both of size
// n * numClasses; a size mismatch is a bug and asserts). Classes run in parallel (util/
// parallel.h) for large inputs; the result does not depend on the thread count.
ClassificationMetrics evaluate(std::span<const float> scores, std::span<const float> labels, std::size_t n,
                               int numClasses, AccuracyMode mode = AccuracyMode::Threshold,
                               double threshold = 0.5);

// Mean of the non-NaN values; NaN if there are none.
double meanIgnoringNaN(std::span<const double> values);

}  // namespace motifloom::metrics
