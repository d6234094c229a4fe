#include "cli/attribute_figure.h"

#include "logo/logo_glyphs.h"
#include "logo/logo_palette.h"
#include "logo/logo_text.h"

#include <QPen>

#include <algorithm>
#include <bit>
#include <cmath>

namespace motifloom::cli {

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
    const QFont font = ui::logoFont(kFont), bold = ui::logoFont(kFont * 1.2, true), small = ui::logoFont(kFont * 0.85);
    const double plotWidth = kColumn * double(f.sequence.size());
    auto x = [&](double column) { return kLeft + column * kColumn; };

    ui::drawLogoText(painter, QRectF(0, 2, natural.width(), 18), Qt::AlignLeft | Qt::AlignVCenter, f.title, bold, ui::kLogoInk);
    ui::drawLogoText(painter, QRectF(0, 20, natural.width(), 16), Qt::AlignLeft | Qt::AlignVCenter, f.subtitle, font, ui::kLogoMuted);

    const double top = kTitle + kBoxLabels;
    const double bottom = top + double(f.tracks.size()) * kTrack + std::max<double>(0, double(f.tracks.size()) - 1) * kGap;
    for (const PlantedBox& b : f.boxes)
        ui::drawLogoText(painter, QRectF(x(b.begin), kTitle, std::max(60.0, x(b.end) - x(b.begin)), kBoxLabels),
                         Qt::AlignLeft | Qt::AlignVCenter, b.label, small, ui::kLogoInk);

    for (std::size_t t = 0; t < f.tracks.size(); ++t) {
        const AttributionTrack& track = f.tracks[t];
        const double y0 = top + double(t) * (kTrack + kGap);
        const QRectF area(x(0), y0, plotWidth, kTrack);
        // Planted motifs behind the letters.
        for (const PlantedBox& b : f.boxes) {
            const QRectF box(x(b.begin), y0, (b.end - b.begin) * kColumn, kTrack);
            if (b.classIndex == track.classIndex) {
                painter.fillRect(box, ui::kLogoHighlightFill);
                painter.setPen(QPen(ui::kLogoHighlightFrame, 1.5));
            } else {
                painter.setPen(QPen(QColor(0x9a, 0x9a, 0x9a), 1.0, Qt::DashLine));
            }
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(box);
        }
        double scale = 0;
        for (float v : track.values)
            if (std::isfinite(v)) scale = std::max(scale, double(std::abs(v)));
        const double zero = y0 + kTrack / 2, half = kTrack / 2 - 2;
        painter.setPen(QPen(ui::kLogoAxis, 0.8));
        painter.drawLine(QPointF(area.left(), zero), QPointF(area.right(), zero));
        painter.drawLine(QPointF(area.left(), y0), QPointF(area.left(), y0 + kTrack));
        for (std::size_t p = 0; p < track.values.size() && p < f.sequence.size(); ++p) {
            const double v = track.values[p];
            if (!(scale > 0) || !std::isfinite(v) || v == 0) continue;
            const double h = std::abs(v) / scale * half;
            const QRectF box(x(double(p)) + 0.3, v > 0 ? zero - h : zero, kColumn - 0.6, h);
            const int base = baseOf(f.sequence[p]);
            if (base < 0) {
                painter.fillRect(box, QColor(0xb0, 0xb0, 0xb0));
                continue;
            }
            painter.fillPath(ui::glyphInBox(base, box), ui::letterColour(ui::LogoPalette::Classic, base));
        }
        ui::drawLogoText(painter, QRectF(4, y0 + 4, kLeft - 12, 16), Qt::AlignLeft | Qt::AlignVCenter, track.label, font, ui::kLogoInk);
        ui::drawLogoText(painter, QRectF(4, y0 + 20, kLeft - 12, 14), Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("±%1").arg(scale, 0, 'g', 3), small, ui::kLogoMuted);
    }

    // Position axis: a tick every 10 bases, labelled every 20 (0-based, as the TSV).
    painter.setPen(QPen(ui::kLogoAxis, 0.8));
    painter.drawLine(QPointF(x(0), bottom + 2), QPointF(x(0) + plotWidth, bottom + 2));
    for (std::size_t p = 0; p <= f.sequence.size(); p += 10) {
        const double px = x(double(p));
        painter.drawLine(QPointF(px, bottom + 2), QPointF(px, bottom + (p % 20 == 0 ? 7 : 5)));
        if (p % 20 == 0)
            ui::drawLogoText(painter, QRectF(px - 20, bottom + 7, 40, 14), Qt::AlignHCenter | Qt::AlignTop,
                             QString::number(p), small, ui::kLogoInk);
    }
    painter.restore();
}

}  // namespace motifloom::cli
