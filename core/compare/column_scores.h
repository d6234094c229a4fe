#pragma once
// Column scores: how similar one query column is to one target column, under the five
// distances MEME's Tomtom offers (Gupta et al., Genome Biology 8:R24, 2007), and the matrix of
// those scores for a query against every column of a motif database.
//
// Invariants:
//   - A column is 4 probabilities in the order A,C,G,T, pseudocounts already applied (so no
//     zeros; kullback and allr take logarithms).
//   - Larger is more similar for every distance (ed and kullback are negated distances).
//   - ScoreMatrix is row-major, rows = query columns (0..queryWidth-1), cols = target columns
//     (0..T-1, the concatenation of every target entry's columns), value(i, t) at i*cols + t.
//   - ScoreMatrix holds single-precision values: scores are computed in double and stored as
//     float, as MEME's Tomtom stores them. This is not a memory saving but part of the result:
//     the integer scaling (score_scaling.h) can sit exactly on a boundary (pearson: a one-hot
//     query column scores 4/3 after its median shift, and 100 / (4/3 + 2) is exactly 30), and
//     only the float rounding of 4/3 (up) gives MEME's factor 29 and its p-values
//     (docs/tomtom.md, "Precision").

#include "motif/motif.h"
#include "motif/motif_math.h"

#include <optional>
#include <string>
#include <vector>

namespace motifloom::compare {

enum class Distance {
    Ed,        // -sqrt(sum_a (q_a - t_a)^2)                       (Tomtom's command-line default)
    Pearson,   // correlation of the two columns (mean 1/4); 0 if either column is flat
    Sandelin,  // 2 - sum_a (q_a - t_a)^2                           (Sandelin & Wasserman 2004)
    Kullback,  // -1/2 sum_a [q_a log10(q_a/t_a) + t_a log10(t_a/q_a)]
    Allr,      // sum_a [n_t t_a ln(q_a/bg_a) + n_q q_a ln(t_a/bg_a)] / sum_a (n_q q_a + n_t t_a)
};

// "ed", "pearson", "sandelin", "kullback", "allr".
std::string distanceName(Distance distance);
// The inverse of distanceName; nullopt for anything else (callers turn that into InputError).
std::optional<Distance> parseDistance(const std::string& name);

// Score of query column q against target column t (4 values each, A,C,G,T). querySites and
// targetSites (nsites, already defaulted) and bg are used by allr only.
double columnScore(Distance distance, const double* q, const double* t, double querySites,
                   double targetSites, const motif::Background& bg);

struct ScoreMatrix {
    int rows = 0;               // query width
    int cols = 0;               // T, number of target columns
    std::vector<float> values;  // rows * cols, row-major, single precision (see above)

    float operator()(int i, int t) const { return values[std::size_t(i) * cols + t]; }
    float& operator()(int i, int t) { return values[std::size_t(i) * cols + t]; }
    const float* row(int i) const { return values.data() + std::size_t(i) * cols; }
};

// All scores of `query` (4 x width, pseudocounted) against `targetColumns` (4 x T,
// pseudocounted), each columnScore rounded to float. targetSites[t] is the site count of the motif column t belongs to (allr).
ScoreMatrix columnScores(Distance distance, const motif::Matrix4& query, double querySites,
                         const motif::Matrix4& targetColumns, const std::vector<double>& targetSites,
                         const motif::Background& bg);

}  // namespace motifloom::compare
