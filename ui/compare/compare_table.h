#pragma once
// The comparison table in the shape of the paper's (Koo & Eddy 2019, Table 1): one row per
// model (trials of the same architecture on the same data pooled, mean ± standard deviation)
// or per run, with test AUROC, test AUPR (average precision), match-any, match-ground-truth
// and coverage (interpret/filter_matches.h). The statistics are lab::trialStatistics
// (lab/trial_statistics.h: mean and sample sd, n - 1), the same as motifloom-cli sweep's
// table.tsv: undefined values (no test set, no motif comparison, no known true motifs) are NaN
// and left out; a statistic with no defined value is NaN.

#include "lab/run_record.h"
#include "lab/trial_statistics.h"

#include <memory>
#include <string>
#include <vector>

namespace motifloom::ui {

enum class CompareGrouping {
    PerRun,          // one row per run
    ByArchitecture,  // trials pooled: same architecture (seed aside) and same data recipe
};

struct CompareRow {
    std::string model;           // architecture name, or the run's label (PerRun)
    std::string data;            // data summary
    std::vector<int> runIds;     // the runs pooled, in input order
    lab::TrialStatistics auroc, aupr, matchAny, matchGroundTruth, coverage;
};

// Rows in order of first appearance. A name used on several data sets gets the data's short
// name ("CNN-25 · pos.fa+neg.fa", training_types.h dataShortName); architectures that share a
// name (and data) but differ get "name (2)", "name (3)" ... so rows never merge different models.
std::vector<CompareRow> compareRows(const std::vector<std::shared_ptr<const lab::RunRecord>>& runs,
                                    CompareGrouping grouping);

// Tab-separated table with a header line:
//   model data runs auroc auroc_sample_sd aupr aupr_sample_sd match_any match_any_sample_sd
//   match_ground_truth match_ground_truth_sample_sd coverage coverage_sample_sd run_ids
// Numbers with 4 decimals (as motifloom-cli sweep's table.tsv); undefined values "NA" (so the
// sd of a single run); run_ids comma-separated.
std::string compareTsv(const std::vector<CompareRow>& rows);

}  // namespace motifloom::ui
