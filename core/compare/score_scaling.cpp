#include "compare/score_scaling.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace motifloom::compare {

double tomtomMedian(std::vector<double>& values) {
    const std::size_t n = values.size();
    assert(n >= 1);
    const std::size_t lo = n / 2 >= 1 ? n / 2 - 1 : 0;            // floor(n/2) - 1, clamped
    const std::size_t hi = (n + 1) / 2 >= 1 ? (n + 1) / 2 - 1 : 0;  // ceil(n/2) - 1, clamped
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(lo), values.end());
    const double a = values[lo];
    if (hi == lo) return a;
    // hi == lo + 1: the smallest value above position lo.
    const double b = *std::min_element(values.begin() + std::ptrdiff_t(lo) + 1, values.end());
    return (a + b) / 2.0;
}

void subtractRowMedians(ScoreMatrix& scores) {
    if (scores.cols == 0) return;
    std::vector<double> row(std::size_t(scores.cols));
    for (int i = 0; i < scores.rows; ++i) {
        std::copy(scores.row(i), scores.row(i) + scores.cols, row.begin());
        const double median = tomtomMedian(row);
        for (int t = 0; t < scores.cols; ++t) scores(i, t) = float(double(scores(i, t)) - median);
    }
}

ScaledScores scaleScores(const ScoreMatrix& scores) {
    assert(!scores.values.empty());
    const auto [minIt, maxIt] = std::minmax_element(scores.values.begin(), scores.values.end());
    double small = *minIt;
    const double large = *maxIt;  // float widened exactly: its rounding decides k at a boundary
    if (small == large) small = large - 1.0;
    ScaledScores out;
    out.rows = scores.rows;
    out.cols = scores.cols;
    out.offset = int(std::floor(small));
    out.factor = int(std::floor(100.0 / (large - out.offset)));
    out.values.resize(scores.values.size());
    for (std::size_t k = 0; k < scores.values.size(); ++k) {
        // x >= 0 because every score is >= o. Halves round away from zero (up, here); floor
        // plus an exact fractional test is std::round for x >= 0 and vectorises.
        const double x = (double(scores.values[k]) - out.offset) * out.factor;
        const double down = std::floor(x);
        const int v = int(down) + (x - down >= 0.5 ? 1 : 0);
        out.values[k] = v;
        out.maxValue = std::max(out.maxValue, v);
    }
    return out;
}

}  // namespace motifloom::compare
