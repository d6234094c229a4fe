#pragma once
// Which database motifs did the filters learn, and how many of them are the true ones?
// The paper's statistics (Koo & Eddy 2019; docs/paper.md, "Comparison and metrics").
//
// A filter's motif is compared with every database motif by Tomtom (compare/tomtom.h; default
// settings: Euclidean distance, complete scoring, both strands). A *hit* is a database motif with
// E-value < MatchOptions::evalueThreshold (paper: 0.1). Per run:
//   match-any           filters with >= 1 hit / all filters of the layer
//   match-ground-truth  filters whose hits include a true motif / all filters
//   coverage            true motifs hit by >= 1 filter / true motifs
// Filters that never fire, or whose clipped PWM is empty (uninformative), count in the
// denominators and have no hits.
//
// True motifs are given generically as a list of keys (the synthetic data's class names, or the
// TFs a user expects in a FASTA data set; empty when unknown). A database motif is the true
// motif `key` when
//   - its name equals key case-insensitively ("MAX" = "Max"), i.e. the same TF name under any
//     JASPAR version; the whole name must match, so a heterodimer such as "MYC::MAX" is NOT the
//     true motif MAX: it is a different binding site (two half sites), and counting it would
//     credit a filter for a motif that was never planted; or
//   - key is a JASPAR ID with or without version ("MA0058.2", "MA0058") and the motif's ID has
//     the same base ("MA0058.1", "MA0058.2", ...).
// Either strand of the database motif counts (Tomtom compares both).
// With no true motifs, match-ground-truth and coverage are NaN (not applicable). Which motifs
// are true for a data set (planted, mapped by the user, proposed from class names) is decided
// in one place: truth_mapping.h.
//
// Hits whose aligned target part carries little information (low_information.h) are flagged;
// MatchOptions::lowInformation.exclude leaves them out of the hits and so of every statistic.

#include "compare/tomtom.h"
#include "interpret/low_information.h"
#include "interpret/filter_pwm.h"
#include "motif/motif.h"

#include <optional>
#include <string>
#include <vector>

namespace motifloom::interpret {

struct MatchOptions {
    double evalueThreshold = 0.1;   // hits: E < threshold
    compare::TomtomOptions tomtom;  // Tomtom's defaults (thresholds there are not used)
    LowInformationOptions lowInformation;  // flagged by default, left out with .exclude
};

// One database motif matched by a filter.
struct MotifHit {
    compare::TomtomHit tomtom;  // offset, orientation, p, E, q, overlap, consensus ...
    std::string targetName;     // the database motif's name (TomtomHit has its id)
    int truth = -1;             // index into the true-motif list, -1 when not a true motif
    bool lowInformation = false;  // the aligned target part is nearly flat (low_information.h)
};

enum class FilterStatus {
    Compared,       // compared with the database (it may still have no hits)
    NeverFires,     // no activation above zero anywhere: empty PWM
    Uninformative,  // fires, but no column above the clipping threshold: nothing to compare
};
const char* toString(FilterStatus status);  // "compared", "never fires", "uninformative"

struct FilterMatches {
    std::string filterId;          // "filter1", ...
    FilterStatus status = FilterStatus::Compared;
    std::optional<MotifHit> best;  // the most significant database motif, hit or not (Compared)
    std::vector<MotifHit> hits;    // E < threshold, most significant first
    int excludedLowInformation = 0;  // hits left out as low-information (options.exclude)

    bool anyHit() const { return !hits.empty(); }
    // Every hit by the paper's definition is low-information (counting the excluded ones).
    bool onlyLowInformation() const;
    bool matchesTruth() const;     // some hit is a true motif
    // The most significant hit that is a true motif, or nullptr.
    const MotifHit* bestTruthHit() const;
};

struct MatchSummary {
    int filters = 0;
    int filtersWithHit = 0;
    int filtersWithTruth = 0;
    int neverFire = 0;
    int uninformative = 0;
    int truthCount = 0;
    int filtersOnlyLowInformation = 0;  // filters whose hits are all low-information (kept or not)
    bool lowInformationExcluded = false;  // those hits were left out of the counts below
    int truthCovered = 0;
    std::vector<int> filtersPerTruth;  // per true motif: filters whose hits include it
    double matchAny = 0.0;             // filtersWithHit / filters (0 when there are no filters)
    double matchGroundTruth = 0.0;     // filtersWithTruth / filters; NaN when truthCount == 0
    double coverage = 0.0;             // truthCovered / truthCount; NaN when truthCount == 0
};

// Index of the true motif a database motif (id, name) is (rules above), or -1.
int truthIndex(const std::string& targetId, const std::string& targetName,
               const std::vector<std::string>& truth);

// Run statistics from per-filter results whose hits' `truth` fields refer to a list of
// `truthCount` true motifs (indices outside it are ignored).
// `lowInformationExcluded` records whether the matcher left low-information hits out.
MatchSummary summarise(const std::vector<FilterMatches>& filters, int truthCount,
                       bool lowInformationExcluded = false);

// The results as if matched with LowInformationOptions::exclude: flagged hits moved out of
// `hits` into the excludedLowInformation counts (views toggle this without matching again).
std::vector<FilterMatches> leaveOutLowInformation(std::vector<FilterMatches> filters);

// Re-labels every hit's (and best match's) `truth` for another true-motif list (e.g. after
// the user edits the expected motifs): what match() would have set.
void relabelTruth(std::vector<FilterMatches>& filters, const std::vector<std::string>& truth);

// A motif database prepared once (Tomtom's target columns), compared with any number of filter
// sets. const methods are thread-safe.
class FilterMatcher {
public:
    // Throws InputError when the database is empty or holds a motif without columns.
    explicit FilterMatcher(motif::MotifList database, MatchOptions options = {});

    const MatchOptions& options() const { return mOptions; }
    const motif::MotifList& database() const { return mDatabase; }

    // Compares each query (width 0 = Uninformative, not compared) with the database, in
    // parallel over queries; results in query order, independent of the thread count. Query ids
    // become the filter ids. Throws InputError for a query wider than 100 columns.
    std::vector<FilterMatches> match(const motif::MotifList& queries,
                                     const std::vector<std::string>& truth) const;

    // The same for a layer's filters: comparisonMotifs(set, clip), never-firing filters marked.
    std::vector<FilterMatches> match(const FilterPwmSet& set, const ClipOptions& clip,
                                     const std::vector<std::string>& truth) const;

private:
    motif::MotifList mDatabase;
    MatchOptions mOptions;
    compare::TomtomSearch mSearch;
};

// The per-filter results as a TSV table (header line first): one row per hit, and one row for a
// filter without hits (its best match, if any, with hit = "no"). Columns:
//   filter status hit rank target_id target_name true_motif orientation offset overlap
//   p_value e_value q_value query_consensus target_consensus low_information
// (true_motif: the true motif's key, or "-"; low_information: yes/no; empty fields are "-").
std::string formatMatchesTsv(const std::vector<FilterMatches>& filters, const std::vector<std::string>& truth);

}  // namespace motifloom::interpret
