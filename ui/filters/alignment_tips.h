#pragma once
// The alignment view's explanations for students: tooltip texts (rich text, translatable through
// AlignmentView::tr) of the p-, E- and q-values, overlap, offset, strand, consensus and figure.

#include <QString>

namespace motifloom::ui::alignment_tips {

QString pTip();
QString eTip(int targets);  // targets: the number of database motifs (E = p x targets)
QString qTip();
QString overlapTip();
QString offsetTip();
QString strandTip();
QString consensusTip();
QString figureTip();

}  // namespace motifloom::ui::alignment_tips
