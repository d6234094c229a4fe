#pragma once
// From real-valued column scores to the small integers Tomtom's null distributions run on.
//
// Steps (docs/tomtom.md, "Complete scoring" 1-2):
//   1. median shift (complete scoring only): each query row minus its median over all T target
//      columns, so an unaligned query column (raw score 0) is worth what a typical one is; the
//      median and the difference are computed in double and stored back as float;
//   2. integer scaling over the whole matrix: o = floor(min S), k = floor(100 / (max S - o))
//      (in double, from the float S: see column_scores.h on why the precision matters),
//      S^ = round-half-away((S - o) * k), giving integers in [0, 100].
// ScaledScores keeps the layout of ScoreMatrix (row-major, rows = query columns).

#include "compare/column_scores.h"

#include <vector>

namespace motifloom::compare {

// MEME's "median" of a row: with s sorted ascending and n = size,
// (s[floor(n/2) - 1] + s[ceil(n/2) - 1]) / 2, indices clamped at 0. For even n that is the
// lower middle value; for odd n it averages the two values just below and at the middle.
// `values` is reordered. n must be >= 1.
double tomtomMedian(std::vector<double>& values);

// Subtracts each row's tomtomMedian from that row (result rounded to float).
void subtractRowMedians(ScoreMatrix& scores);

struct ScaledScores {
    int rows = 0;
    int cols = 0;
    std::vector<int> values;  // rows * cols, each in [0, maxValue]
    int offset = 0;           // o = floor(min raw score)
    int factor = 0;           // k (0 only if the raw range exceeds 100)
    int maxValue = 0;         // largest entry of `values`

    int operator()(int i, int t) const { return values[std::size_t(i) * cols + t]; }
    const int* row(int i) const { return values.data() + std::size_t(i) * cols; }
    // The scaled value of raw score 0: what an unaligned query column is charged under complete
    // scoring. Exact because o and k are integers.
    int zeroScore() const { return -offset * factor; }
};

// Scales the whole matrix (step 2). The matrix must not be empty.
ScaledScores scaleScores(const ScoreMatrix& scores);

}  // namespace motifloom::compare
