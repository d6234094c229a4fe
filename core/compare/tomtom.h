#pragma once
// Tomtom: which database motifs does a query motif resemble, and how significantly?
// MotifLoom's built-in equivalent of MEME Suite 5.5's `tomtom` (Gupta et al., Genome Biology
// 8:R24, 2007; complete scoring: Tanaka et al., Bioinformatics 27:1603, 2011); the algorithm
// as implemented, its options and how it is checked: docs/tomtom.md.
//
// Pipeline per query (each step its own file):
//   column_scores    query column x every target column (both strands), one distance;
//   score_scaling    median shift (complete scoring) and scaling to integers 0..100;
//   null_distribution  per-range sum distributions and, per distinct target width, the
//                    distribution of the best-of-all-alignments score;
//   alignment        configurations/offsets; the scan keeps the best one per target strand;
//   qvalues          Benjamini-Hochberg or Storey pi0 over all target strand entries.
//
// Conventions: motifs follow motif.h (4 x width probabilities, rows A,C,G,T). Offsets and
// orientations are Tomtom's (see alignment.h): orientation '-' means the query matched the
// target's reverse complement, and the offset and target consensus refer to that reverse
// complement. p-values are P(null best score >= observed); E = p x (number of target motifs,
// not counting reverse complements).

#include "compare/column_scores.h"
#include "motif/motif.h"
#include "motif/motif_math.h"

#include <string>
#include <vector>

namespace motifloom::compare {

enum class Pi0Mode {
    Auto,               // MEME's choice: Benjamini-Hochberg when m <= 100 entries, else Storey
    BenjaminiHochberg,  // pi0 = 1
    Storey,             // bootstrap estimate (fixed seed: results are reproducible)
};

struct TomtomOptions {
    Distance distance = Distance::Ed;
    int minOverlap = 1;           // alignments must pair at least min(minOverlap, Lq, Lt) columns
    bool internalOnly = false;    // only alignments with one motif wholly inside the other
    double threshold = 0.5;       // report rows with q (or E) <= threshold
    bool thresholdIsEvalue = false;
    bool reverseComplement = true;  // also compare against every target's reverse complement
    bool completeScoring = true;    // false = Tomtom's -incomplete-scores
    double pseudocount = 0.1;       // alpha in f' = (f n + alpha bg) / (n + alpha)
    motif::Background background = motif::kUniformBackground;
    Pi0Mode pi0 = Pi0Mode::Auto;
};

struct TomtomHit {
    int queryIndex = 0;   // position in the query list
    int targetIndex = 0;  // position in the target list
    std::string queryId;
    std::string targetId;
    int offset = 0;       // Optimal_offset
    double pValue = 1;
    double eValue = 1;
    double qValue = 1;
    int overlap = 0;
    std::string queryConsensus;   // most probable letter per column, after pseudocounts
    std::string targetConsensus;  // of the matched strand
    char orientation = '+';       // '+' target as given, '-' its reverse complement
};

// A prepared target database: pseudocounted columns of every target on both strands,
// concatenated. Build once and compare any number of queries; const methods are thread-safe.
class TomtomSearch {
public:
    // Throws InputError if there are no targets or a target has no columns. As MEME's Tomtom
    // does, a target whose ID repeats an earlier target's is skipped (not compared, not counted
    // in E-values); hits keep indices into `targets`.
    TomtomSearch(motif::MotifList targets, TomtomOptions options = {});

    const TomtomOptions& options() const { return mOptions; }
    int targetCount() const { return mDistinctTargets; }  // compared targets (E = p x this)
    // Indices (into the constructor's list) of the targets skipped for a repeated ID.
    const std::vector<int>& skippedTargets() const { return mSkipped; }

    // One row per target (its better strand; '+' on ties), sorted by p (ties: target order),
    // q-values over all target strand entries, no threshold applied. What a viewer's
    // "top matches" list wants. Throws InputError for a query of width 0 or > 100.
    std::vector<TomtomHit> allMatches(const motif::Motif& query, int queryIndex = 0) const;

    // Tomtom's report for one query: the leading rows of allMatches with q (or E) <= threshold.
    std::vector<TomtomHit> reportedMatches(const motif::Motif& query, int queryIndex = 0) const;

    // reportedMatches for every query (in parallel over queries; results do not depend on
    // the thread count), concatenated in query order.
    std::vector<TomtomHit> search(const motif::MotifList& queries) const;

private:
    struct Entry {
        int target = 0;       // index into mTargets
        bool reverse = false;
        int firstColumn = 0;  // into mColumns
        int width = 0;
        std::string consensus;
    };
    motif::MotifList mTargets;
    TomtomOptions mOptions;
    int mDistinctTargets = 0;
    std::vector<int> mSkipped;
    std::vector<Entry> mEntries;       // target 0 '+', target 0 '-', target 1 '+', ...
    motif::Matrix4 mColumns;           // 4 x T, every entry's pseudocounted columns
    std::vector<double> mColumnSites;  // T, site count of each column's motif (allr)
    std::vector<int> mWidths;          // distinct target widths, ascending
};

// Incomplete scoring keeps the best of `tries` alignments (x strands) per target and corrects
// its p-value for them: p * tries when that is below 0.001, else 1 - (1 - p)^tries.
double incompleteScoreCorrection(double p, int tries);

// Convenience: TomtomSearch(targets, options).search(queries).
std::vector<TomtomHit> tomtom(const motif::MotifList& queries, const motif::MotifList& targets,
                              const TomtomOptions& options = {});

}  // namespace motifloom::compare
