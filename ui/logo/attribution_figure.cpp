#include "logo/attribution_figure.h"

#include "logo/logo_glyphs.h"
#include "logo/logo_palette.h"
#include "logo/logo_text.h"

#include <QPen>

#include <algorithm>
#include <bit>
#include <cmath>

namespace motifloom::ui {

namespace {
constexpr double kColumn = 7;      // units per position
constexpr double kLeft = 150;      // track labels and scales
constexpr double kRight = 12;
constexpr double kTitle = 40;      // title and subtitle
constexpr double kBoxLabels = 16;  // planted-motif labels
constexpr double kTrack = 72;
constexpr double kGap = 10;
constexpr double kAxis = 22;
constexpr double kFont = 11;

int baseOf(std::uint8_t code) {
    return std::popcount(unsigned(code)) == 1 && code < 16 ? std::countr_zero(unsigned(code)) : -1;
}
}  // namespace

QSizeF attributionFigureSize(const AttributionFigure& f) {
    const double tracks = double(f.tracks.size());
    return {kLeft + kColumn * double(f.sequence.size()) + kRight,
            kTitle + kBoxLabels + tracks * kTrack + std::max(0.0, tracks - 1) * kGap + kAxis};
}

void paintAttributionFigure(QPainter& painter, const QRectF& rect, const AttributionFigure& f) {
    painter.save();
    const QSizeF natural = attributionFigureSize(f);
    painter.translate(rect.topLeft());
    painter.scale(rect.width() / natural.width(), rect.height() / natural.height());
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QFont font = logoFont(kFont), bold = logoFont(kFont * 1.2, true), small = logoFont(kFont * 0.85);
    const double plotWidth = kColumn * double(f.sequence.size());
    auto x = [&](double column) { return kLeft + column * kColumn; };

    drawLogoText(painter, QRectF(0, 2, natural.width(), 18), Qt::AlignLeft | Qt::AlignVCenter, f.title, bold, kLogoInk);
    drawLogoText(painter, QRectF(0, 20, natural.width(), 16), Qt::AlignLeft | Qt::AlignVCenter, f.subtitle, font, kLogoMuted);

    const double top = kTitle + kBoxLabels;
    const double bottom = top + double(f.tracks.size()) * kTrack + std::max<double>(0, double(f.tracks.size()) - 1) * kGap;
    for (const PlantedBox& b : f.boxes)
        drawLogoText(painter, QRectF(x(b.begin), kTitle, std::max(60.0, x(b.end) - x(b.begin)), kBoxLabels),
                         Qt::AlignLeft | Qt::AlignVCenter, b.label, small, kLogoInk);

    for (std::size_t t = 0; t < f.tracks.size(); ++t) {
        const AttributionTrack& track = f.tracks[t];
        const double y0 = top + double(t) * (kTrack + kGap);
        const QRectF area(x(0), y0, plotWidth, kTrack);
        // Planted motifs behind the letters.
        for (const PlantedBox& b : f.boxes) {
            const QRectF box(x(b.begin), y0, (b.end - b.begin) * kColumn, kTrack);
            if (b.classIndex == track.classIndex) {
                painter.fillRect(box, kLogoHighlightFill);
                painter.setPen(QPen(kLogoHighlightFrame, 1.5));
            } else {
                painter.setPen(QPen(QColor(0x9a, 0x9a, 0x9a), 1.0, Qt::DashLine));
            }
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(box);
        }
        const double scale = importanceScale(track.values);
        painter.setPen(QPen(kLogoAxis, 0.8));
        painter.drawLine(QPointF(area.left(), y0), QPointF(area.left(), y0 + kTrack));
        const std::size_t n = std::min(track.values.size(), f.sequence.size());
        paintImportanceTrack(painter, QRectF(area.left(), area.top(), kColumn * double(n), kTrack),
                             std::span(f.sequence).first(n), std::span(track.values).first(n), scale);
        drawLogoText(painter, QRectF(4, y0 + 4, kLeft - 12, 16), Qt::AlignLeft | Qt::AlignVCenter, track.label, font, kLogoInk);
        drawLogoText(painter, QRectF(4, y0 + 20, kLeft - 12, 14), Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("±%1").arg(scale, 0, 'g', 3), small, kLogoMuted);
    }

    // Position axis: a tick every 10 bases, labelled every 20 (0-based, as the TSV).
    painter.setPen(QPen(kLogoAxis, 0.8));
    painter.drawLine(QPointF(x(0), bottom + 2), QPointF(x(0) + plotWidth, bottom + 2));
    for (std::size_t p = 0; p <= f.sequence.size(); p += 10) {
        const double px = x(double(p));
        painter.drawLine(QPointF(px, bottom + 2), QPointF(px, bottom + (p % 20 == 0 ? 7 : 5)));
        if (p % 20 == 0)
            drawLogoText(painter, QRectF(px - 20, bottom + 7, 40, 14), Qt::AlignHCenter | Qt::AlignTop,
                             QString::number(p), small, kLogoInk);
    }
    painter.restore();
}

double importanceScale(std::span<const float> values) {
    double scale = 0;
    for (float v : values)
        if (std::isfinite(v)) scale = std::max(scale, double(std::abs(v)));
    return scale;
}

void paintImportanceTrack(QPainter& painter, const QRectF& area, std::span<const std::uint8_t> sequence,
                          std::span<const float> values, double scale) {
    if (sequence.empty()) return;
    const double column = area.width() / double(sequence.size());
    const double zero = area.center().y(), half = area.height() / 2 - 2;
    painter.setPen(QPen(kLogoAxis, 0.8));
    painter.drawLine(QPointF(area.left(), zero), QPointF(area.right(), zero));
    for (std::size_t p = 0; p < values.size() && p < sequence.size(); ++p) {
        const double v = values[p];
        if (!(scale > 0) || !std::isfinite(v) || v == 0) continue;
        const double h = std::min(1.0, std::abs(v) / scale) * half;
        const QRectF box(area.left() + double(p) * column + 0.05 * column, v > 0 ? zero - h : zero, column * 0.9, h);
        const int base = baseOf(sequence[p]);
        if (base < 0) {
            painter.fillRect(box, QColor(0xb0, 0xb0, 0xb0));
            continue;
        }
        painter.fillPath(glyphInBox(base, box), letterColour(LogoPalette::Classic, base));
    }
}

}  // namespace motifloom::ui
