#include "filters/alignment_tips.h"

#include "filters/alignment_view.h"

namespace motifloom::ui::alignment_tips {

QString pTip() {
    return AlignmentView::tr(
        "<b>p-value</b>: how likely a <i>random</i> motif of this width would align with the filter at "
        "least this well. Tomtom builds that chance model from the filter's own column scores against "
        "all database columns. Small p = unlikely to be a coincidence.");
}
QString eTip(int targets) {
    return AlignmentView::tr(
        "<b>E-value</b> = p \u00d7 %1 (the number of database motifs): how many database motifs you "
        "would expect to align this well by chance alone. The paper counts a match as a <i>hit</i> "
        "when E &lt; 0.1.").arg(targets);
}
QString qTip() {
    return AlignmentView::tr(
        "<b>q-value</b>: the false discovery rate if you accepted this match and every better one as "
        "real: the expected fraction of chance matches among them (Benjamini\u2013Hochberg / Storey, "
        "over all database motifs on both strands).");
}
QString overlapTip() {
    return AlignmentView::tr(
        "<b>Overlap</b>: how many columns of the filter and the database motif are paired in the "
        "alignment (the shaded columns of the figure). Columns outside it are not compared.");
}
QString offsetTip() {
    return AlignmentView::tr(
        "<b>Offset</b>: where the filter sits on the database motif (as aligned). Filter column i pairs "
        "with motif column i + offset: a positive offset means the filter starts that many columns to "
        "the right of the motif's start, a negative one that the motif starts further right.");
}
QString strandTip() {
    return AlignmentView::tr(
        "<b>Strand</b>: DNA has two strands and a binding site can be read on either. <b>+</b>: the "
        "filter matches the database motif as written. <b>\u2212</b>: it matches the motif's "
        "<i>reverse complement</i> (read backwards, A\u2194T and C\u2194G swapped), which is what is "
        "drawn here.");
}
QString consensusTip() {
    return AlignmentView::tr(
        "<b>Consensus</b>: the most probable base of each column (after Tomtom's pseudocounts), shifted "
        "so that paired columns stand above each other. The motif's consensus is that of the strand it "
        "matched on.");
}
QString figureTip() {
    return AlignmentView::tr(
        "The filter (top) over the database motif (bottom), as Tomtom aligned them. Shaded: the paired "
        "columns (the overlap). Letter height = information in bits: tall letters are the bases the "
        "filter (or the protein) insists on.");
}

}  // namespace motifloom::ui::alignment_tips
