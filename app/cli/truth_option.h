#pragma once
// The options that decide what counts as a true motif and as a hit, shared by `filters` and
// `sweep` (the commands that report match-ground-truth and coverage):
//   --truth CLASS=ID[,ID...]   the motif(s) expected in a class (repeatable; CLASS=none drops a
//                              class's planted or proposed motif); --truth none: no true motifs
//   --min-target-ic BITS       leave out low-information hits (interpret/low_information.h)
// The rule behind them is core's (lab/data_truth.h); this file only parses and prints. Match
// statistics that do not apply (no true motif) print as "NA", here and in sweep's tables.

#include "cli/command_line.h"
#include "cli/data_option.h"
#include "interpret/filter_matches.h"
#include "interpret/truth_mapping.h"

#include <string>
#include <vector>

namespace motifloom::cli {

struct TruthOptions {
    std::vector<std::string> values;  // --truth, as given
    double minTargetIc = -1.0;        // --min-target-ic; < 0 when not given
};

void addTruthOptions(CommandLine& command, TruthOptions& options);

// Checks the syntax of every --truth value and stores the mapping into `data` (its recipe
// keeps it) and the low-information choice into `match`. Throws InputError; call right after
// parsing, before any work.
void applyTruthOptions(const TruthOptions& options, DataOptions& data, interpret::MatchOptions& match);

// The true motifs of the loaded data (lab::runTruth); throws InputError for a class the data
// lack or a motif `database` lacks (exit status 2).
interpret::RunTruth commandTruth(const TruthOptions& options, const LoadedData& data,
                                 const motif::MotifList& database, const std::string& databasePath);

// Lines for the report: the true motifs and where they come from, or why there are none.
std::string truthReport(const interpret::RunTruth& truth);

// "0.633 (19 of 30 filters)", or "NA" when `value` is NaN.
std::string statText(double value, int count, int total, const char* what);

// The low-information line of a report (empty when no hit is low-information).
std::string lowInformationReport(const interpret::MatchSummary& summary, const interpret::MatchOptions& options);

}  // namespace motifloom::cli
