#include "logo/logo_grid.h"

#include "logo/logo_layout.h"
#include "logo/logo_painter.h"
#include "logo/logo_text.h"

#include <QPen>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace motifloom::ui {
namespace {

// Spacing in units of the base font size f.
constexpr double kGapX = 1.0;
constexpr double kGapY = 0.8;
constexpr double kPad = 0.35;  // inside a cell, around its logo (room for the highlight frame)

bool drawn(const LogoCell& cell) { return !cell.neverFires && !isEmptyMotif(cell.motif); }

// What every cell has in common: the style with room for a title / caption when any cell has
// one, so that plots line up across the grid (a single space reserves the line without text);
// the slot count of the widest motif; for Weight logos one y range over all cells.
struct Shared {
    LogoStyle cellStyle;
    int slotCount = 1;
};

Shared sharedLayout(const std::vector<LogoCell>& cells, const LogoStyle& style) {
    Shared s;
    s.cellStyle = style;
    const bool anyTitle = std::any_of(cells.begin(), cells.end(), [](const LogoCell& c) { return !c.title.isEmpty(); });
    const bool anyCaption =
        std::any_of(cells.begin(), cells.end(), [](const LogoCell& c) { return !c.caption.isEmpty(); });
    s.cellStyle.title = anyTitle ? QStringLiteral(" ") : QString();
    s.cellStyle.caption = anyCaption ? QStringLiteral(" ") : QString();
    LogoRange range{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (const LogoCell& cell : cells) {
        if (!drawn(cell)) continue;
        s.slotCount = std::max(s.slotCount, cell.motif.width());
        if (style.kind == LogoKind::Weight) {
            const LogoRange r = logoYRange(logoLayout(cell.motif, style), style);
            range.min = std::min(range.min, r.min);
            range.max = std::max(range.max, r.max);
        }
    }
    if (style.kind == LogoKind::Weight && range.max > range.min) {
        s.cellStyle.yMin = range.min;
        s.cellStyle.yMax = range.max;
    }
    return s;
}

}  // namespace

void paintLogoGrid(QPainter& painter, const QRectF& rect, const std::vector<LogoCell>& cells, int columns,
                   const LogoStyle& style) {
    assert(columns >= 1);
    if (cells.empty()) return;
    Shared shared = sharedLayout(cells, style);
    const int rows = int((cells.size() + std::size_t(columns) - 1) / std::size_t(columns));
    const double cellUnits = logoHeightInFonts(shared.cellStyle) + 2 * kPad;
    const double fixedPerRow = logoFixedTextHeight(shared.cellStyle);  // fixed-size titles and captions

    // One base font size for the whole figure: what fits the height, limited by the width.
    double f = style.fontPixelSize;
    if (f <= 0) {
        const double byHeight = std::max(1.0, rect.height() - rows * fixedPerRow) /
                                (rows * cellUnits + (rows - 1) * kGapY + figureHeadingUnits(style));
        const double cellWidth = (rect.width() - (columns - 1) * kGapX * byHeight) / columns - 2 * kPad * byHeight;
        f = std::max(1.0, std::min(byHeight, logoFontSize(QRectF(0, 0, cellWidth, 1e9), shared.cellStyle, shared.slotCount)));
    }
    shared.cellStyle.fontPixelSize = f;

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QRectF area = paintFigureHeadings(painter, rect, style, f);
    const double cellW = (area.width() - (columns - 1) * kGapX * f) / columns;
    const double cellH = (area.height() - (rows - 1) * kGapY * f) / rows;

    for (std::size_t i = 0; i < cells.size(); ++i) {
        const LogoCell& cell = cells[i];
        const int row = int(i) / columns, col = int(i) % columns;
        const QRectF box(area.left() + col * (cellW + kGapX * f), area.top() + row * (cellH + kGapY * f), cellW, cellH);
        if (cell.highlight) {
            painter.setPen(QPen(kLogoHighlightFrame, 0.14 * f));
            painter.setBrush(kLogoHighlightFill);
            const double inset = 0.07 * f;
            painter.drawRoundedRect(box.adjusted(inset, inset, -inset, -inset), 0.4 * f, 0.4 * f);
        }
        LogoStyle cellStyle = shared.cellStyle;
        if (!cell.title.isEmpty()) cellStyle.title = cell.title;
        if (!cell.caption.isEmpty()) cellStyle.caption = cell.caption;
        const QRectF inner = box.adjusted(kPad * f, kPad * f, -kPad * f, -kPad * f);
        if (!drawn(cell)) {
            paintEmptyLogo(painter, inner, cellStyle);
            continue;
        }
        // Narrower motifs centred on the shared slots.
        paintLogo(painter, inner, cell.motif, cellStyle,
                  LogoSlots{(shared.slotCount - cell.motif.width()) / 2.0, shared.slotCount});
    }
    painter.restore();
}

QSizeF preferredLogoGridSize(const std::vector<LogoCell>& cells, int columns, const LogoStyle& style) {
    assert(columns >= 1);
    const Shared shared = sharedLayout(cells, style);
    const double f = style.fontPixelSize > 0 ? style.fontPixelSize : kDefaultLogoFontSize;
    LogoStyle cellStyle = shared.cellStyle;
    cellStyle.fontPixelSize = f;
    const QSizeF cell = preferredLogoSize(shared.slotCount, cellStyle) + QSizeF(2 * kPad * f, 2 * kPad * f);
    const int n = std::max<int>(1, int(cells.size()));
    const int used = std::min(columns, n);
    const int rows = (n + columns - 1) / columns;
    return {used * cell.width() + (used - 1) * kGapX * f,
            rows * cell.height() + (rows - 1) * kGapY * f + figureHeadingUnits(style) * f};
}

}  // namespace motifloom::ui
