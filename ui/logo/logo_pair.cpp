#include "logo/logo_pair.h"

#include "logo/logo_layout.h"
#include "logo/logo_painter.h"
#include "logo/logo_text.h"

#include "motif/motif_math.h"

#include <QPen>

#include <algorithm>
#include <cmath>

namespace motifloom::ui {
namespace {

constexpr double kGap = 0.6;

// The per-logo style: a title line for the label, the figure's title/caption removed.
LogoStyle panelStyle(const LogoStyle& style, const QString& label) {
    LogoStyle s = style;
    s.reverseComplement = false;  // applied to the motifs themselves (see paintAlignedPair)
    s.title = label.isEmpty() ? QStringLiteral(" ") : label;
    s.caption.clear();
    return s;
}

}  // namespace

AlignedPairSlots alignedPairSlots(int queryWidth, int targetWidth, int offset) {
    AlignedPairSlots s;
    // Target column j sits under query column j - offset: target start = query start - offset.
    s.queryFirst = std::max(0, offset);
    s.targetFirst = std::max(0, -offset);
    s.count = std::max(s.queryFirst + queryWidth, s.targetFirst + targetWidth);
    s.overlapBegin = std::max(s.queryFirst, s.targetFirst);
    s.overlapEnd = std::max(s.overlapBegin, std::min(s.queryFirst + queryWidth, s.targetFirst + targetWidth));
    return s;
}

void paintAlignedPair(QPainter& painter, const QRectF& rect, const motif::Motif& query,
                      const motif::Motif& target, int offset, bool targetReverseComplement,
                      const QString& queryLabel, const QString& targetLabel, const LogoStyle& style) {
    motif::Motif q = query;
    motif::Motif t = targetReverseComplement ? motif::reverseComplement(target) : target;
    AlignedPairSlots pairSlots = alignedPairSlots(q.width(), t.width(), offset);
    if (style.reverseComplement) {
        // Mirror the figure: slot s becomes count - 1 - s, each motif reverse-complemented.
        q = motif::reverseComplement(q);
        t = motif::reverseComplement(t);
        const int n = pairSlots.count;
        pairSlots = {n - pairSlots.queryFirst - q.width(), n - pairSlots.targetFirst - t.width(), n,
                 n - pairSlots.overlapEnd, n - pairSlots.overlapBegin};
    }
    const QString tLabel = targetReverseComplement && !targetLabel.isEmpty()
                               ? targetLabel + QStringLiteral(" (reverse complement)")
                               : targetLabel;
    LogoStyle qStyle = panelStyle(style, queryLabel);
    LogoStyle tStyle = panelStyle(style, tLabel);
    if (style.kind == LogoKind::Weight && !(std::isfinite(style.yMin) && std::isfinite(style.yMax))) {
        // One y range for both, so heights compare.
        const LogoRange a = logoYRange(logoLayout(q, qStyle), qStyle);
        const LogoRange b = logoYRange(logoLayout(t, tStyle), tStyle);
        qStyle.yMin = tStyle.yMin = std::min(a.min, b.min);
        qStyle.yMax = tStyle.yMax = std::max(a.max, b.max);
    }

    const double panelUnits = logoHeightInFonts(qStyle);
    double f = style.fontPixelSize;
    if (f <= 0) {
        f = std::min(rect.height() / (2 * panelUnits + kGap + figureHeadingUnits(style)),
                     logoFontSize(QRectF(0, 0, rect.width(), 1e9), qStyle, pairSlots.count));
        f = std::max(f, 1.0);
    }
    qStyle.fontPixelSize = tStyle.fontPixelSize = f;

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QRectF area = paintFigureHeadings(painter, rect, style, f);
    const double panelH = (area.height() - kGap * f) / 2;
    const QRectF qRect(area.left(), area.top(), area.width(), panelH);
    const QRectF tRect(area.left(), area.bottom() - panelH, area.width(), panelH);
    const LogoSlots qSlots{double(pairSlots.queryFirst), pairSlots.count};
    const LogoSlots tSlots{double(pairSlots.targetFirst), pairSlots.count};
    const LogoGeometry qg = logoGeometry(qRect, q, qStyle, qSlots);
    const LogoGeometry tg = logoGeometry(tRect, t, tStyle, tSlots);

    // The aligned columns: shaded behind both logos, with guides joining the two plots.
    if (pairSlots.overlapEnd > pairSlots.overlapBegin) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(kLogoOverlapFill);
        for (const LogoGeometry& g : {qg, tg}) {
            const double x0 = g.plot.left() + pairSlots.overlapBegin * g.slotWidth();
            const double x1 = g.plot.left() + pairSlots.overlapEnd * g.slotWidth();
            painter.drawRect(QRectF(QPointF(x0, g.plot.top()), QPointF(x1, g.plot.bottom())));
        }
        QPen guide(kLogoGuide, 0.07 * f, Qt::DashLine);
        painter.setPen(guide);
        for (int s : {pairSlots.overlapBegin, pairSlots.overlapEnd}) {
            const double x = qg.plot.left() + s * qg.slotWidth();
            painter.drawLine(QPointF(x, qg.plot.top()), QPointF(x, tg.plot.bottom()));
        }
    }
    paintLogo(painter, qRect, q, qStyle, qSlots);
    paintLogo(painter, tRect, t, tStyle, tSlots);
    painter.restore();
}

QSizeF preferredAlignedPairSize(int queryWidth, int targetWidth, int offset, const LogoStyle& style) {
    const AlignedPairSlots pairSlots = alignedPairSlots(queryWidth, targetWidth, offset);
    const double f = style.fontPixelSize > 0 ? style.fontPixelSize : kDefaultLogoFontSize;
    LogoStyle panel = panelStyle(style, QStringLiteral(" "));
    panel.fontPixelSize = f;
    const QSizeF one = preferredLogoSize(pairSlots.count, panel);
    return {one.width(), 2 * one.height() + kGap * f + figureHeadingUnits(style) * f};
}

}  // namespace motifloom::ui
