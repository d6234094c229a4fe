#pragma once
// Tomtom's tab-separated output (MEME Suite's tomtom.tsv), byte for byte in its data part:
//
//   Query_ID<TAB>Target_ID<TAB>Optimal_offset<TAB>p-value<TAB>E-value<TAB>q-value<TAB>Overlap
//   <TAB>Query_consensus<TAB>Target_consensus<TAB>Orientation
//   one line per hit, numbers as C's "%g" (6 significant digits: 0.00154753, 4.79683e-05, 1),
//   then a blank line and '#' comment lines (program, format reference, command line).

#include "compare/tomtom.h"

#include <string>
#include <vector>

namespace motifloom::compare {

// The header line, without the newline.
std::string tomtomTsvHeader();

// A p-, E- or q-value as Tomtom prints it ("%g").
std::string formatTomtomNumber(double value);

// One data line, without the newline.
std::string formatTomtomRow(const TomtomHit& hit);

// Header, one row per hit, then the comment block. `commandLine` (may be empty) is echoed in
// the last comment line as MEME does.
std::string formatTomtomTsv(const std::vector<TomtomHit>& hits, const std::string& commandLine = {});

}  // namespace motifloom::compare
