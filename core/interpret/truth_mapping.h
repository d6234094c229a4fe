#pragma once
// Which database motifs a run's filters are expected to learn: the "true motifs" behind
// match-ground-truth and coverage (filter_matches.h). One rule for every report (the CLI's
// filters and sweep, the gallery's scoreboard, the Compare tab), so that they never disagree:
//
//   planted   synthetic data: the motifs embedded in the sequences, one per class (label
//             order). The user may still override a class with a mapping.
//   mapped    the user named the expected motif(s) of a class: `--truth CTCF=MA0139.1,MA1929.1`
//             on the command line, the "Expected motifs" column of the data panel's class table.
//   proposed  FASTA data, class without a mapping whose name is a database motif's name
//             (case-insensitive: class "ctcf" -> MA0139.1 CTCF). Used like a mapping, but shown
//             as a proposal so that the user can confirm or drop it (CLASS=none).
//   none      any other class: it contributes no true motif. Class names such as "pos" or
//             "sample" are never true motifs.
// With no true motif at all, match-ground-truth and coverage do not apply (NaN; "NA" in the
// CLI, "—" in the GUI).
//
// Every listed motif is one true motif (coverage counts motifs, not classes); a motif named for
// two classes counts once.

#include "motif/motif.h"

#include <string>
#include <vector>

namespace motifloom::interpret {

// The expected motifs of one class as the user gave them.
struct ClassTruth {
    std::string className;
    std::vector<std::string> motifIds;  // database IDs; empty = "none": no true motif for the class
    bool operator==(const ClassTruth&) const = default;
};
using TruthMapping = std::vector<ClassTruth>;  // at most one entry per class

// "CLASS=ID[,ID...]" or "CLASS=none" (one --truth value). Throws InputError quoting `text` when
// the class or the list is missing.
ClassTruth parseClassTruth(const std::string& text);

// Adds or replaces the entry of `entry.className` (a later --truth for a class wins).
void setClassTruth(TruthMapping& mapping, ClassTruth entry);
// The entry of `className`, or nullptr.
const ClassTruth* findClassTruth(const TruthMapping& mapping, const std::string& className);

// Every class of the mapping must be one of `classNames` and every motif must be found in
// `database` (an ID, an ID without version, or a name: motif::findMotif). Throws InputError:
//   "--truth: no class 'foo' in the data (classes: CTCF, shuffled)"
//   "--truth: no motif 'MA9999.1' in DATABASE_LABEL (class CTCF)"
// `what` starts the message ("--truth", "expected motifs").
void checkTruthMapping(const TruthMapping& mapping, const std::vector<std::string>& classNames,
                       const motif::MotifList& database, const std::string& databaseLabel,
                       const std::string& what = "--truth");

// The database motif whose name equals `className` case-insensitively (the highest version
// when several share it), or nullptr. Blank names propose nothing.
const motif::Motif* proposedMotif(const std::string& className, const motif::MotifList& database);

enum class TruthSource { Planted, Mapped, Proposed };
const char* toString(TruthSource source);  // "planted", "mapped", "proposed"

struct TrueMotif {
    std::string key;        // what interpret::truthIndex matches: a database ID (or a planted name)
    std::string name;       // the TF name shown to users ("CTCF")
    std::string className;  // the class it is expected in ("" for expected motifs of any class)
    TruthSource source = TruthSource::Mapped;
};

struct RunTruth {
    std::vector<TrueMotif> motifs;

    bool known() const { return !motifs.empty(); }
    std::vector<std::string> keys() const;   // FilterMatcher::match's `truth`
    std::vector<std::string> names() const;  // display names, same order
    int proposedCount() const;
    // One line per class with truth: "CTCF: MA0139.1 CTCF (proposed from the class name)".
    std::string describe() const;
};

// The true motifs of a data set with classes `classNames`:
//   planted   one motif per class (label order) when the data have planted truth, else empty;
//   mapping   the user's mapping (checked by checkTruthMapping beforehand; unknown entries skipped);
//   anyClass  expected motifs not tied to a class (the data recipe's expectedMotifIds);
//   database  where mapped IDs and proposals are looked up.
RunTruth resolveTruth(const std::vector<std::string>& classNames, const motif::MotifList& planted,
                      const TruthMapping& mapping, const std::vector<std::string>& anyClass,
                      const motif::MotifList& database);

}  // namespace motifloom::interpret
