#include "logo/logo_text.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace motifloom::ui {
namespace {
constexpr double kFigureTitle = 2.4;    // units of f
constexpr double kFigureCaption = 1.9;
}  // namespace

QFont logoFont(double pixelSize, bool bold, bool italic) {
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif);
    font.setHintingPreference(QFont::PreferNoHinting);
    font.setPixelSize(std::max(1, int(std::lround(pixelSize))));
    font.setBold(bold);
    font.setItalic(italic);
    return font;
}

void drawLogoText(QPainter& painter, const QRectF& box, int flags, const QString& text, const QFont& font,
                  const QColor& colour) {
    painter.setFont(font);
    painter.setPen(colour);
    const QString shown = QFontMetricsF(font).elidedText(text, Qt::ElideRight, box.width());
    painter.drawText(box, flags | Qt::TextSingleLine, shown);
}

double figureHeadingUnits(const LogoStyle& style) {
    return (style.title.isEmpty() ? 0 : kFigureTitle) + (style.caption.isEmpty() ? 0 : kFigureCaption);
}

QRectF paintFigureHeadings(QPainter& painter, const QRectF& rect, const LogoStyle& style, double f) {
    QRectF body = rect;
    if (!style.title.isEmpty()) {
        drawLogoText(painter, QRectF(rect.left(), rect.top(), rect.width(), kFigureTitle * f), Qt::AlignCenter,
                     style.title, logoFont(1.35 * f, true), kLogoInk);
        body.setTop(body.top() + kFigureTitle * f);
    }
    if (!style.caption.isEmpty()) {
        drawLogoText(painter, QRectF(rect.left(), rect.bottom() - kFigureCaption * f, rect.width(), kFigureCaption * f),
                     Qt::AlignCenter, style.caption, logoFont(f), kLogoMuted);
        body.setBottom(body.bottom() - kFigureCaption * f);
    }
    return body;
}

}  // namespace motifloom::ui
