#pragma once
// Logo layout: the pure arithmetic of a sequence logo, separate from painting so it can be
// tested by hand. Which letters stack where, in axis units (bits, probability or log-odds bits,
// see logo_style.h); no pixels here.
//
// Columns are 0-based positions of the *displayed* motif, i.e. after the reverse complement
// when style.reverseComplement is set. Letters are motif rows 0..3 = A,C,G,T.
// Input probabilities are sanitised before use: non-finite or negative entries count as 0 and
// each column is rescaled to sum 1; a column summing to 0 (no coverage, e.g. a filter window
// hanging over the sequence end) is drawn empty.

#include "logo/logo_style.h"
#include "motif/motif.h"

#include <vector>

namespace motifloom::ui {

struct LetterBox {
    int column = 0;      // displayed column, 0-based
    int letter = 0;      // 0..3 = A,C,G,T
    double bottom = 0;   // axis units, bottom <= top
    double top = 0;
    double height() const { return top - bottom; }
};

// Every column's four letters, column by column, each column bottom to top (bottom ascending;
// zero-height letters included, so the order is explicit).
//  Bits / Probability: stacked from 0 upwards, smallest letter at the bottom; ties keep
//    A,C,G,T order (A lowest).
//  Weight: negative letters below 0 with the largest magnitude furthest from the axis, then
//    non-negative letters from 0 upwards, smallest at the bottom.
// An empty motif (isEmptyMotif) gives an empty vector.
std::vector<LetterBox> logoLayout(const motif::Motif& motif, const LogoStyle& style);

// Schneider et al. (1986) small-sample correction for DNA, in bits:
// e_n = (s - 1) / (2 ln2 n) with s = 4 letters, i.e. 3 / (2 ln2 n). 0 when n <= 0 (unknown).
double smallSampleCorrection(double nsites);

// True for a motif with nothing to draw: width 0, or no column with positive finite mass
// (a filter that never fires yields such a PWM).
bool isEmptyMotif(const motif::Motif& motif);

// The motif as drawn: sanitised columns (see above) and reverse-complemented if the style asks.
motif::Motif displayedMotif(const motif::Motif& motif, const LogoStyle& style);

struct LogoRange {
    double min = 0;
    double max = 1;
};

// The y range to draw: style.yMin/yMax when both are set, otherwise
//  Bits: 0 .. log2(1 / smallest background probability) (2 bits for a uniform background);
//  Probability: 0 .. 1;
//  Weight: the extent of the stacks in `layout`, at least -1 .. 1, rounded out to whole bits.
LogoRange logoYRange(const std::vector<LetterBox>& layout, const LogoStyle& style);

}  // namespace motifloom::ui
