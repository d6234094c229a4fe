#pragma once
// Tomtom's null model on scaled (integer) column scores: every query column is paired with a
// target column drawn uniformly and independently from all T target columns.
//
// Invariants:
//   - A Distribution is a probability mass function over the integers 0..size()-1
//     (index = scaled score); entries are >= 0 and sum to 1 up to rounding.
//   - A Tail is P(X >= x) for x = 0..size-1 of a distribution, accumulated from the top so
//     tiny p-values keep their relative precision; tailAt() is 1 at or below 0 (scores are never
//     negative) and 0 past the end.
//   - Query ranges are inclusive [first, last], 0-based query column indices.

#include "compare/score_scaling.h"

#include <vector>

namespace motifloom::compare {

using Distribution = std::vector<double>;
using Tail = std::vector<double>;

// h_i[v] = #{t : S^[i][t] = v} / T for every query row i.
std::vector<Distribution> columnDistributions(const ScaledScores& scores);

// Distribution of X + Y for independent X ~ a, Y ~ b.
Distribution convolve(const Distribution& a, const Distribution& b);

Tail upperTail(const Distribution& pmf);
double tailAt(const Tail& tail, long x);

// Replaces `maxPmf` (the distribution of M) by that of max(M, Q + shift), Q ~ q independent of M:
//   M'(x) = Q(x) F_M(x-1) + M(x) F_Q(x-1) + Q(x) M(x).
// q + shift must fit in maxPmf (asserted).
void foldMaximum(Distribution& maxPmf, const Distribution& q, int shift);

// The same maximum evaluated at one point, in closed form: max of independent variables has
// CDF prod_a F_a, so P(max >= x) = 1 - prod_a (1 - S_a(x))^copies with S_a the upper tails;
// computed as -expm1(copies * sum_a log1p(-S_a(x))) so small p-values keep full precision.
// Equals folding every term `copies` times with foldMaximum, starting from a point mass at 0.
struct ShiftedTail {
    const Tail* tail = nullptr;  // of X_a
    int shift = 0;               // the variable is X_a + shift
};
double maximumTailAt(const std::vector<ShiftedTail>& terms, int copies, long x);

// Distributions of the sum of scaled scores over the query ranges Tomtom's alignments use:
// every prefix [0, e], every suffix [s, width-1], and every range whose length is in
// `internalLengths` (target widths shorter than the query). Built by dynamic programming
// (successive convolutions), each query start once.
class RangeDistributions {
public:
    RangeDistributions(const std::vector<Distribution>& columns, const std::vector<int>& internalLengths);

    int width() const { return mWidth; }
    bool has(int first, int last) const;
    const Distribution& get(int first, int last) const;  // asserts has(first, last)

private:
    void store(int first, int last, Distribution d);
    int mWidth = 0;
    std::vector<int> mIndex;  // width x width -> index into mStorage, -1 when not built
    std::vector<Distribution> mStorage;
};

}  // namespace motifloom::compare
