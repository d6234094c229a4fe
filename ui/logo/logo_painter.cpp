#include "logo/logo_painter.h"

#include "logo/logo_glyphs.h"
#include "logo/logo_palette.h"
#include "logo/logo_text.h"

#include <QFontMetricsF>
#include <QPainterPath>
#include <QPen>

#include <algorithm>
#include <cassert>
#include <cmath>

namespace motifloom::ui {
namespace {

// Vertical budget in units of the base font size f. The plot's nominal height kPlot * f is what
// preferredLogoSize allots; the automatic font size inverts the same budget.
constexpr double kTopPad = 0.7;      // half a tick label sticks out above the top tick
constexpr double kTitle = 1.8;
constexpr double kPlot = 9.0;
constexpr double kXAxis = 1.7;
constexpr double kCaption = 1.6;
constexpr double kBottomPad = 0.3;
constexpr double kSlot = 2.2;        // preferred column width
constexpr double kRightPad = 0.6;
constexpr double kLetterGap = 0.04;  // fraction of a slot left blank between letters

bool fixedCaption(const LogoStyle& style) { return !style.caption.isEmpty() && style.captionPixelSize > 0; }
bool fixedTitle(const LogoStyle& style) { return !style.title.isEmpty() && style.titlePixelSize > 0; }

// The vertical budget in font units, without fixed-size title and caption lines (fixedTextImpl).
double verticalUnitsImpl(const LogoStyle& style) {
    return (style.showAxes ? kTopPad + kXAxis : kBottomPad) + kPlot + kBottomPad +
           (style.title.isEmpty() || fixedTitle(style) ? 0 : kTitle) +
           (style.caption.isEmpty() || fixedCaption(style) ? 0 : kCaption);
}

double fixedTitleHeight(const LogoStyle& style) { return fixedTitle(style) ? kCaptionLineFactor * style.titlePixelSize : 0.0; }

double fixedCaptionHeight(const LogoStyle& style) {
    return fixedCaption(style) ? kCaptionLineFactor * style.captionPixelSize : 0.0;
}

double fixedTextImpl(const LogoStyle& style) { return fixedTitleHeight(style) + fixedCaptionHeight(style); }

double autoFontImpl(const QRectF& rect, const LogoStyle& style, int slotCount) {
    if (style.fontPixelSize > 0) return style.fontPixelSize;
    const double byHeight = std::max(0.0, rect.height() - fixedTextImpl(style)) / verticalUnitsImpl(style);
    // Narrow rects: keep the axis from eating the plot (about 5 f of axis per 1 f per column).
    const double byWidth = rect.width() / (5.0 + kRightPad + 1.0 * std::max(1, slotCount));
    return std::max(1.0, std::min(byHeight, byWidth));
}

// Ticks: a 1-2-5 step giving about three intervals, values that are multiples of the step.
std::vector<double> ticksFor(const LogoRange& r) {
    const double raw = (r.max - r.min) / 3.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw - 1e-12) { step = m * magnitude; break; }
    std::vector<double> ticks;
    for (long k = long(std::ceil(r.min / step - 1e-9)); k * step <= r.max + 1e-9 * step; ++k)
        ticks.push_back(double(k) * step);  // k * step, not a running sum: no drift, exact 0
    return ticks;
}

QString tickLabel(double v) { return QString::number(v, 'g', 4); }

double leftAxisWidth(double f, const std::vector<double>& ticks) {
    const QFontMetricsF fm(logoFont(f));
    double widest = 0;
    for (double t : ticks) widest = std::max(widest, fm.horizontalAdvance(tickLabel(t)));
    return 0.2 * f + 1.3 * f + widest + 0.3 * f + 0.35 * f + 0.25 * f;
}

LogoGeometry geometryFor(const QRectF& rect, const LogoStyle& style, const LogoRange& range,
                         int slotCount, double firstSlot) {
    LogoGeometry g;
    g.slotCount = std::max(1, slotCount);
    g.firstSlot = firstSlot;
    g.range = range;
    const double f = autoFontImpl(rect, style, g.slotCount);
    g.font = f;
    double top = rect.top();
    if (!style.title.isEmpty()) {
        const double line = fixedTitle(style) ? fixedTitleHeight(style) : kTitle * f;
        g.title = QRectF(rect.left(), top, rect.width(), line);
        top += line;
    }
    top += (style.showAxes ? kTopPad : kBottomPad) * f;
    double bottom = rect.bottom() - kBottomPad * f;
    if (!style.caption.isEmpty()) {
        const double line = fixedCaption(style) ? fixedCaptionHeight(style) : kCaption * f;
        g.caption = QRectF(rect.left(), bottom - line, rect.width(), line);
        bottom -= line;
    }
    if (style.showAxes) bottom -= kXAxis * f;
    const double left = rect.left() + (style.showAxes ? leftAxisWidth(f, ticksFor(range)) : 0.3 * f);
    const double right = rect.right() - (style.showAxes ? kRightPad : 0.3) * f;
    g.plot = QRectF(QPointF(left, top), QPointF(std::max(left + 1e-6, right), std::max(top + 1e-6, bottom)));
    return g;
}

// Title and caption are centred over the motif's own columns (`width` of them; 0 = the whole
// plot) when they fit there, else over the plot, else over the whole rect (elided).
void paintTitleAndCaption(QPainter& p, const LogoGeometry& g, const LogoStyle& style, int width) {
    const double f = g.font;
    const QRectF columns = width > 0 ? QRectF(QPointF(g.columnLeft(0), g.plot.top()), QPointF(g.columnLeft(width), g.plot.bottom()))
                                     : g.plot;
    auto place = [&](const QRectF& line, const QString& text, const QFont& font, const QColor& colour) {
        const double needed = QFontMetricsF(font).horizontalAdvance(text);
        QRectF box(columns.left(), line.top(), columns.width(), line.height());
        if (needed > box.width()) box = QRectF(g.plot.left(), line.top(), g.plot.width(), line.height());
        if (needed > box.width()) box = line;
        drawLogoText(p, box, Qt::AlignHCenter | Qt::AlignVCenter, text, font, colour);
    };
    if (!style.title.isEmpty())
        place(g.title, style.title, logoFont(fixedTitle(style) ? style.titlePixelSize : 1.15 * f, true), kLogoInk);
    if (!style.caption.isEmpty())
        place(g.caption, style.caption, logoFont(fixedCaption(style) ? style.captionPixelSize : 0.95 * f), kLogoMuted);
}

void paintAxes(QPainter& p, const LogoGeometry& g, const LogoStyle& style, int width) {
    const double f = g.font;
    const QFont font = logoFont(f);
    QPen pen(kLogoAxis, 0.09 * f);
    pen.setCapStyle(Qt::FlatCap);
    p.setPen(pen);

    // y axis, set off the letters by a small gap, next to the motif's first column (which is
    // not the plot's left edge when a grid centres a narrow motif or a pair shifts it).
    const double axisX = g.columnLeft(0) - 0.25 * f;
    const double tickLength = 0.35 * f;
    p.drawLine(QPointF(axisX, g.yOf(g.range.min)), QPointF(axisX, g.yOf(g.range.max)));
    const std::vector<double> ticks = ticksFor(g.range);
    for (double t : ticks) {
        const double y = g.yOf(t);
        p.setPen(pen);
        p.drawLine(QPointF(axisX - tickLength, y), QPointF(axisX, y));
        const QRectF label(axisX - tickLength - 0.2 * f - 10 * f, y - f, 10 * f, 2 * f);
        drawLogoText(p, label, Qt::AlignRight | Qt::AlignVCenter, tickLabel(t), font, kLogoInk);
    }
    // Unit label, rotated, centred on the axis span.
    p.save();
    p.translate(axisX + 0.25 * f - leftAxisWidth(f, ticks) + 0.2 * f + 0.65 * f, g.plot.center().y());
    p.rotate(-90);
    drawLogoText(p, QRectF(-g.plot.height() / 2, -0.65 * f, g.plot.height(), 1.3 * f), Qt::AlignCenter,
             logoAxisLabel(style.kind), font, kLogoInk);
    p.restore();

    // Baseline at 0 under the motif's own columns (the zero line of a weight logo lies inside
    // the plot; in a grid or aligned pair the motif may fill only part of the slots).
    const double baseY = g.yOf(std::clamp(0.0, g.range.min, g.range.max));
    p.setPen(pen);
    p.drawLine(QPointF(g.columnLeft(0), baseY), QPointF(g.columnLeft(width), baseY));

    // Positions, 1-based; thinned to every k-th when the numbers would collide.
    const QFontMetricsF fm(font);
    const double widest = fm.horizontalAdvance(QString::number(width)) + 0.4 * f;
    int every = 1;
    for (int k : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
        every = k;
        if (widest <= k * g.slotWidth()) break;
    }
    const double labelTop = g.plot.bottom() + 0.25 * f;
    for (int i = 0; i < width; ++i) {
        if (i != 0 && (i + 1) % every != 0) continue;
        const double cx = g.columnLeft(i) + g.slotWidth() / 2;
        drawLogoText(p, QRectF(cx - 5 * f, labelTop, 10 * f, 1.3 * f), Qt::AlignHCenter | Qt::AlignTop,
                 QString::number(i + 1), font, kLogoInk);
    }
}

void paintLetters(QPainter& p, const LogoGeometry& g, const std::vector<LetterBox>& layout,
                  const LogoStyle& style) {
    const double span = g.range.max - g.range.min;
    const double gap = kLetterGap * g.slotWidth() / 2;
    p.save();
    p.setClipRect(g.plot.adjusted(-gap, -0.05 * g.font, gap, 0.05 * g.font), Qt::IntersectClip);
    p.setPen(Qt::NoPen);
    for (const LetterBox& box : layout) {
        if (box.height() <= 1e-4 * span) continue;  // invisible; avoids hairline specks
        const double x = g.columnLeft(box.column) + gap;
        const QRectF r(QPointF(x, g.yOf(box.top)), QPointF(x + g.slotWidth() - 2 * gap, g.yOf(box.bottom)));
        p.setBrush(letterColour(style.palette, box.letter));
        p.drawPath(glyphInBox(box.letter, r));
    }
    p.restore();
}

void paintPlaceholder(QPainter& p, const LogoGeometry& g, const LogoStyle& style) {
    const double f = g.font;
    QPen pen(kLogoPlaceholderFrame, 0.08 * f, Qt::DashLine);
    p.setPen(pen);
    p.setBrush(kLogoPlaceholderFill);
    const QRectF box = g.plot.adjusted(0.1 * f, 0.1 * f, -0.1 * f, -0.1 * f);
    p.drawRoundedRect(box, 0.5 * f, 0.5 * f);
    if (style.emptyLabel.isEmpty()) return;
    double size = 1.2 * f;
    const double fit = QFontMetricsF(logoFont(size, false, true)).horizontalAdvance(style.emptyLabel);
    if (fit > 0.9 * box.width()) size *= 0.9 * box.width() / fit;
    drawLogoText(p, box, Qt::AlignCenter, style.emptyLabel, logoFont(size, false, true), kLogoPlaceholderText);
}

void beginPaint(QPainter& p) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
}

}  // namespace

LogoGeometry logoGeometry(const QRectF& rect, const motif::Motif& motif, const LogoStyle& style, LogoSlots placement) {
    const int width = motif.width();
    return geometryFor(rect, style, logoYRange(logoLayout(motif, style), style),
                       placement.count > 0 ? placement.count : width, placement.first);
}

void paintLogo(QPainter& painter, const QRectF& rect, const motif::Motif& motif, const LogoStyle& style,
               LogoSlots placement) {
    if (isEmptyMotif(motif)) {
        paintEmptyLogo(painter, rect, style);
        return;
    }
    const std::vector<LetterBox> layout = logoLayout(motif, style);
    const LogoGeometry g = geometryFor(rect, style, logoYRange(layout, style),
                                       placement.count > 0 ? placement.count : motif.width(), placement.first);
    beginPaint(painter);
    // Axes first: the letters then cover the baseline instead of losing their feet under it.
    if (style.showAxes) paintAxes(painter, g, style, motif.width());
    paintLetters(painter, g, layout, style);
    paintTitleAndCaption(painter, g, style, motif.width());
    painter.restore();
}

void paintEmptyLogo(QPainter& painter, const QRectF& rect, const LogoStyle& style) {
    const LogoGeometry g = geometryFor(rect, style, logoYRange({}, style), 1, 0);
    beginPaint(painter);
    paintPlaceholder(painter, g, style);
    paintTitleAndCaption(painter, g, style, 0);
    painter.restore();
}

double logoHeightInFonts(const LogoStyle& style) { return verticalUnitsImpl(style); }

double logoFixedTextHeight(const LogoStyle& style) { return fixedTextImpl(style); }

double logoFontSize(const QRectF& rect, const LogoStyle& style, int slotCount) {
    return autoFontImpl(rect, style, slotCount);
}

QSizeF preferredLogoSize(int width, const LogoStyle& style) {
    const double f = style.fontPixelSize > 0 ? style.fontPixelSize : kDefaultLogoFontSize;
    const int slotCount = std::max(1, width);
    const double left = style.showAxes ? leftAxisWidth(f, ticksFor(logoYRange({}, style))) : 0.3 * f;
    const double right = (style.showAxes ? kRightPad : 0.3) * f;
    return {left + slotCount * kSlot * f + right, verticalUnitsImpl(style) * f + fixedTextImpl(style)};
}

}  // namespace motifloom::ui
