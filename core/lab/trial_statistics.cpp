#include "lab/trial_statistics.h"

#include <cmath>

namespace motifloom::lab {

TrialStatistics trialStatistics(const std::vector<double>& values) {
    TrialStatistics s;
    double sum = 0;
    for (double v : values)
        if (std::isfinite(v)) {
            sum += v;
            ++s.n;
        }
    if (s.n == 0) return s;
    s.mean = sum / s.n;
    if (s.n >= 2) {
        // Two passes: the squares of deviations, not of the values, so close values lose no digits.
        double ss = 0;
        for (double v : values)
            if (std::isfinite(v)) ss += (v - s.mean) * (v - s.mean);
        s.sd = std::sqrt(ss / (s.n - 1));
    }
    return s;
}

}  // namespace motifloom::lab
