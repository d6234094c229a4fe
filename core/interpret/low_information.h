#pragma once
// Low-information matches: a filter "matches" a database motif only because both are nearly
// flat. Tomtom scores an alignment by summing column similarities over the overlap, so a
// near-flat filter laid over a long, mostly flat target (JASPAR's Pax4 MA0068.1: 30 columns,
// 0.37 bits per column on average) collects many small, similar columns and reaches E-values
// of 1e-4 .. 0.05 without sharing any sequence preference. On real ChIP-seq data such hits
// can make up half of match-any (docs/own-data.md).
//
// Criterion (docs/own-data.md explains the numbers): the information content of the *aligned
// part of the target* — the target columns that overlap the filter at Tomtom's offset and
// strand — averaged per column, uniform background, from the database's probabilities. A hit
// is low-information when that mean is below `minTargetBitsPerColumn` (default 0.5 bits):
// the bundled JASPAR CORE vertebrates motifs average 1.17 bits per column (median), Pax4 0.37,
// the only one of the 205 below 0.5; among aligned windows of 13 or more columns only Pax4's
// fall below 0.5 (all of them at 19 columns: 0.23 .. 0.40), while no window of 8 or more
// columns of CTCF MA0139.1 falls below 0.77.
// Judging the target's aligned part rather than the filter keeps the paper's clipped filters
// untouched and names the cause the user sees in the alignment view.
//
// The paper's definition of a hit (E < 0.1) stays the default: low-information hits are only
// flagged. With LowInformationOptions::exclude they are left out of the hits (and so of
// match-any, match-ground-truth and coverage).

#include "compare/tomtom.h"
#include "motif/motif.h"

namespace motifloom::interpret {

struct LowInformationOptions {
    double minTargetBitsPerColumn = 0.5;  // flag hits whose aligned target part averages less
    bool exclude = false;                 // leave flagged hits out (not the paper's definition)
    bool operator==(const LowInformationOptions&) const = default;
};

// Mean information content (bits per column, uniform background) of the target columns that
// Tomtom aligned with a query of `queryWidth` columns: query column i faces target column
// i + hit.offset of the target as aligned (its reverse complement for orientation '-'), see
// ui/logo/logo_pair.h. 0 when the alignment leaves no overlap.
double alignedTargetInformation(const compare::TomtomHit& hit, int queryWidth, const motif::Motif& target);

// alignedTargetInformation(...) < options.minTargetBitsPerColumn.
bool isLowInformation(const compare::TomtomHit& hit, int queryWidth, const motif::Motif& target,
                      const LowInformationOptions& options = {});

}  // namespace motifloom::interpret
