#pragma once
// Motif arithmetic: conversions, reverse complement, information content, consensus.
// Matrices follow motif.h: 4 x width, rows A,C,G,T, probabilities unless named counts.

#include "motif/motif.h"

#include <array>
#include <string>

namespace motifloom::motif {

using Background = std::array<double, 4>;  // A,C,G,T probabilities, sum 1
inline constexpr Background kUniformBackground{0.25, 0.25, 0.25, 0.25};

// The background averaged with its complement (A,T share (A+T)/2; C,G share (C+G)/2): what a
// comparison of both strands assumes.
inline Background strandSymmetric(const Background& bg) {
    const double at = (bg[0] + bg[3]) / 2, cg = (bg[1] + bg[2]) / 2;
    return {at, cg, cg, at};
}

// Probabilities from a count matrix (columns normalised; an all-zero column becomes uniform).
// nsites is set to the largest column sum. Throws InputError on negative counts.
Motif fromCounts(std::string id, std::string name, const Matrix4& counts);

// Pseudocounts as MEME/Tomtom apply them: f' = (f*n + alpha*bg)/(n + alpha), n = nsites
// (20 when nsites <= 0).
Matrix4 withPseudocounts(const Motif& m, double alpha = 0.1, const Background& bg = kUniformBackground);

// Reverse complement: columns reversed, A<->T and C<->G swapped. Keeps id, name, nsites.
Motif reverseComplement(const Motif& m);

// Information content of column `col` in bits: log2(4) - H(col) for a uniform background,
// sum_b p_b log2(p_b / bg_b) in general. 0*log(0) = 0.
double columnInformation(const Motif& m, int col, const Background& bg = kUniformBackground);
double totalInformation(const Motif& m, const Background& bg = kUniformBackground);

// Most probable letter per column ("ACGT"); ties resolve to the first of A,C,G,T.
std::string consensus(const Motif& m);

// Columns [begin, end) as a new motif (same id/name/nsites).
Motif sliceColumns(const Motif& m, int begin, int end);

// Trims to the span of columns whose information exceeds `minBits`, widened by `pad` columns
// on each side (clamped to the motif). Returns an empty-width motif if no column qualifies.
// The paper clips filter PWMs this way before comparison (minBits 0.5, pad 3).
Motif clipByInformation(const Motif& m, double minBits = 0.5, int pad = 3);

}  // namespace motifloom::motif
