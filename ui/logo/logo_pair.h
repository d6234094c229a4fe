#pragma once
// Two motifs aligned as Tomtom aligned them, drawn as one figure: the query logo above the
// target logo on a shared column scale, the aligned (overlapping) columns shaded in both.
//
// Offset convention (Tomtom's Optimal_offset, see docs/tomtom.md, "Complete scoring", step 4):
// configuration c pairs query column Lq - c with target column 0 when c <= Lq, and query
// column 0 with target column c - Lq otherwise; Optimal_offset o = c - Lq. In both cases
//     query column i  is aligned with  target column i + o      (0-based),
// i.e. o is the offset of the query relative to the target: o > 0 means the query starts o
// columns to the right of the target's start (the target starts o columns earlier), o < 0
// means the target starts -o columns to the right of the query's start. Target columns are
// those of the target *as aligned*: its reverse complement when Tomtom's Orientation is '-'
// (pass targetReverseComplement = true and the target as stored in the database).

#include "logo/logo_style.h"
#include "motif/motif.h"

#include <QPainter>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace motifloom::ui {

// Column slots of both logos on the shared axis (0-based, half-open overlap).
struct AlignedPairSlots {
    int queryFirst = 0;   // slot of query column 0
    int targetFirst = 0;  // slot of (aligned) target column 0
    int count = 0;        // slots spanned by the union of both motifs
    int overlapBegin = 0; // [overlapBegin, overlapEnd): slots where both have a column;
    int overlapEnd = 0;   //   empty when the offset leaves no overlap
};
AlignedPairSlots alignedPairSlots(int queryWidth, int targetWidth, int offset);

// Paints the pair into `rect`. style.kind, palette, axes and fonts apply to both logos;
// style.title / style.caption title and caption the whole figure (e.g. "p = 1.2e-07,
// E = 3.4e-05"); queryLabel and targetLabel title the two logos, the target's label gaining
// " (reverse complement)" when targetReverseComplement. style.reverseComplement mirrors the
// whole alignment (both motifs reverse-complemented, the pairing kept).
void paintAlignedPair(QPainter& painter, const QRectF& rect, const motif::Motif& query,
                      const motif::Motif& target, int offset, bool targetReverseComplement,
                      const QString& queryLabel, const QString& targetLabel, const LogoStyle& style);

QSizeF preferredAlignedPairSize(int queryWidth, int targetWidth, int offset, const LogoStyle& style);

}  // namespace motifloom::ui
