#pragma once
// The comparison table in the shape of the paper's (Koo & Eddy 2019, Table 1): one row per
// model (trials of the same architecture on the same data pooled, mean ± standard deviation)
// or per run, with test AUROC, test AUPR (average precision), match-any, match-ground-truth
// and coverage (interpret/filter_matches.h). Undefined values (no test set, no motif
// comparison, no known true motifs) are NaN and left out of means; a statistic with no
// defined value is NaN.

#include "run_record.h"

#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace motifloom::ui {

struct MetricStat {
    double mean = std::numeric_limits<double>::quiet_NaN();
    double sd = std::numeric_limits<double>::quiet_NaN();  // sample sd (n - 1); NaN for n < 2
    int n = 0;                                              // defined values pooled
};

// Mean and sample standard deviation of the finite values.
MetricStat metricStat(const std::vector<double>& values);

enum class CompareGrouping {
    PerRun,          // one row per run
    ByArchitecture,  // trials pooled: same architecture (seed aside) and same data recipe
};

struct CompareRow {
    std::string model;           // architecture name, or the run's label (PerRun)
    std::string data;            // data summary
    std::vector<int> runIds;     // the runs pooled, in input order
    MetricStat auroc, aupr, matchAny, matchGroundTruth, coverage;
};

// Rows in order of first appearance. Architectures that share a name but differ get "name
// (2)", "name (3)" ... so rows never merge different models.
std::vector<CompareRow> compareRows(const std::vector<std::shared_ptr<const RunRecord>>& runs,
                                    CompareGrouping grouping);

// Tab-separated table with a header line:
//   model data runs auroc auroc_sd aupr aupr_sd match_any match_any_sd match_ground_truth
//   match_ground_truth_sd coverage coverage_sd run_ids
// Numbers with 4 decimals; undefined values "NA"; run_ids comma-separated.
std::string compareTsv(const std::vector<CompareRow>& rows);

}  // namespace motifloom::ui
