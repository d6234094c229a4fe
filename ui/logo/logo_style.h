#pragma once
// LogoStyle: what a sequence logo shows and how it looks. Plain value type shared by the single
// logo, grid and aligned-pair painters (logo_painter.h, logo_grid.h, logo_pair.h).
//
// Kinds (heights per column, in the units of the y axis):
//   Bits         information content, sum_b p_b log2(p_b / bg_b) (= 2 - H for a uniform
//                background), optionally minus the small-sample correction; each letter gets
//                p_b x column height. Axis "bits", 0 .. log2(1 / min bg) (= 2).
//   Probability  letter height p_b, column total 1. Axis "probability", 0 .. 1.
//   Weight       log-odds log2(p'_b / bg_b) with p' = pseudocounted probabilities (alpha =
//                weightPseudocount, MEME/Tomtom convention, see motif_math.h); positive letters
//                stacked above the zero line, negative ones below. Axis "log-odds (bits)".
// Lengths (fontPixelSize) are in the painter's logical units: pixels for a QImage or widget,
// points for the PDF export, user units for SVG.

#include "logo/logo_palette.h"
#include "motif/motif_math.h"

#include <QString>
#include <QStringList>

#include <limits>
#include <optional>

namespace motifloom::ui {

enum class LogoKind { Bits, Probability, Weight };

// Height of the caption (or title) line per unit of a fixed captionPixelSize (titlePixelSize).
inline constexpr double kCaptionLineFactor = 1.7;

struct LogoStyle {
    LogoKind kind = LogoKind::Bits;
    // Bits only: subtract e_n = 3 / (2 ln2 nsites) per column (Schneider et al. 1986), clamped
    // at 0. Ignored when the motif's nsites is unknown (<= 0).
    bool smallSampleCorrection = false;
    LogoPalette palette = LogoPalette::Classic;
    bool reverseComplement = false;  // draw the reverse complement (positions renumbered 1..w)
    bool showAxes = true;            // y axis with ticks and unit label, x axis with positions
    QString title;                   // above the logo, e.g. "filter 7"; empty = none
    QString caption;                 // below, e.g. "MA0079.3 SP1, E = 3.2e-05"; empty = none
    motif::Background background = motif::kUniformBackground;
    double weightPseudocount = 0.1;  // Weight only
    // Fixed y range (both finite, yMax > yMin); NaN = automatic (see logoYRange).
    double yMin = std::numeric_limits<double>::quiet_NaN();
    double yMax = std::numeric_limits<double>::quiet_NaN();
    double fontPixelSize = 0;        // base text size; 0 = scale with the painted rectangle
    // Caption text size in logical units, independent of the logo's size (> 0: a caption line
    // of kCaptionLineFactor x this is reserved, so a small logo keeps a legible caption);
    // 0 = the caption scales with the base text size like everything else.
    double captionPixelSize = 0;
    // The same for the title (drawn bold): > 0 keeps "filter 7" legible above a small logo and
    // lets it scale with the application font (presentation mode) rather than with the logo.
    double titlePixelSize = 0;
    QString emptyLabel = QStringLiteral("never fires");  // placeholder text for empty motifs
};

// Stable lower-case names for command lines: "bits", "probability", "weight".
QString logoKindName(LogoKind kind);
QStringList logoKindNames();
std::optional<LogoKind> logoKindFromName(const QString& name);  // case-insensitive

// Unit label of the y axis: "bits", "probability" or "log-odds (bits)".
QString logoAxisLabel(LogoKind kind);

}  // namespace motifloom::ui
