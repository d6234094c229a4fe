#pragma once
// Ungapped alignments of a query motif (width Lq) with a target motif (width Lt), numbered as
// Tomtom numbers them.
//
// Configuration c = 1 .. Lq+Lt-1:
//   c <= Lq: the query starts at column Lq-c, the target at column 0;
//   c >  Lq: the query starts at column 0,    the target at column c-Lq.
// Columns pair until either motif ends; overlap = number of paired columns.
// Tomtom's Optimal_offset = c - Lq: positive when the target starts before the query's first
// column (the query is "shifted right" along the target), negative when the query overhangs
// on the left. All column indices are 0-based.

#include <utility>

namespace motifloom::compare {

struct Alignment {
    int config = 0;       // c
    int queryStart = 0;   // first aligned query column
    int targetStart = 0;  // first aligned target column
    int overlap = 0;      // aligned column pairs
    int queryWidth = 0;   // Lq

    int offset() const { return config - queryWidth; }  // Tomtom's Optimal_offset
};

// The alignment for configuration c (1 <= c <= queryWidth + targetWidth - 1).
Alignment alignmentAt(int config, int queryWidth, int targetWidth);

// Inclusive range [first, last] of configurations Tomtom tries: with mo = min(minOverlap, Lq, Lt),
// c in [mo, Lq+Lt-mo]; with internalOnly, only those where one motif lies wholly inside the
// other (overlap = min(Lq, Lt)), c in [min(Lq,Lt), max(Lq,Lt)].
std::pair<int, int> allowedConfigs(int queryWidth, int targetWidth, int minOverlap, bool internalOnly);

}  // namespace motifloom::compare
