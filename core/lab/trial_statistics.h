#pragma once
// The statistics of a metric over the trials of one model (the paper's tables: mean ± sd over
// trials with different seeds). One helper for the desktop lab's Compare tab and for
// motifloom-cli sweep's table.tsv / table.md, so both print the same numbers for the same runs.
//
// Undefined values (NaN or infinite: no test set, no motif comparison, no known true motifs)
// are left out. The sd is the SAMPLE standard deviation (divisor n - 1): with a handful of
// trials it estimates the spread between seeds without the downward bias of the population
// sd; it is undefined (NaN) for fewer than 2 values, the mean for none.

#include <limits>
#include <vector>

namespace motifloom::lab {

struct TrialStatistics {
    double mean = std::numeric_limits<double>::quiet_NaN();
    double sd = std::numeric_limits<double>::quiet_NaN();  // sample sd (n - 1); NaN for n < 2
    int n = 0;                                              // finite values pooled
};

// Mean and sample standard deviation of the finite values of `values`.
TrialStatistics trialStatistics(const std::vector<double>& values);

// What every table of these statistics says in its header, so nobody has to guess the divisor.
inline constexpr const char* kTrialStatisticsNote = "mean \u00b1 sd over trials (sample sd, n \u2212 1)";

}  // namespace motifloom::lab
