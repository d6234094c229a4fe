#pragma once
// Painting one sequence logo on any QPainter: widget, QImage, QSvgGenerator, QPdfWriter.
// Letters are vector outlines scaled to their exact boxes (logo_glyphs.h), so output is crisp at
// any size and exact in SVG/PDF. The heights come from logoLayout (logo_layout.h).
//
// Coordinates: `rect` is in the painter's logical units (y down). Inside it, from top to bottom:
// optional title, the plot (letters; y axis with ticks and the unit label on its left), the
// x axis with 1-based positions of the displayed motif, optional caption. Text scales with the
// rect (style.fontPixelSize = 0) so a bigger image is the same figure, larger.
// Column slots: the plot is divided into `placement.count` equal slots; motif column i occupies
// slot placement.first + i. Grids and aligned pairs use this to share one x scale between logos.
// Painters save and restore the painter state and never fill the background of `rect`.

#include "logo/logo_layout.h"
#include "logo/logo_style.h"
#include "motif/motif.h"

#include <QFont>
#include <QPainter>
#include <QRectF>
#include <QSizeF>

namespace motifloom::ui {

struct LogoSlots {
    double first = 0;  // slot of motif column 0 (may be fractional, e.g. to centre a motif)
    int count = 0;     // number of slots across the plot; 0 = the motif's width
};

// Where everything goes for one logo in one rect (all in the painter's logical units).
struct LogoGeometry {
    double font = 10;    // base text size (pixel size of the axis font)
    QRectF title;        // empty when the style has no title
    QRectF plot;         // letter area: x = slots, y = range
    QRectF caption;      // empty when the style has no caption
    LogoRange range;     // y range shown
    int slotCount = 1;
    double firstSlot = 0;

    double slotWidth() const { return plot.width() / slotCount; }
    // Left edge of the slot holding displayed motif column `column`.
    double columnLeft(int column) const { return plot.left() + (firstSlot + column) * slotWidth(); }
    double yOf(double value) const {
        return plot.bottom() - (value - range.min) / (range.max - range.min) * plot.height();
    }
};

// Geometry for `motif` (displayed width, range from its layout) painted into `rect`.
LogoGeometry logoGeometry(const QRectF& rect, const motif::Motif& motif, const LogoStyle& style,
                          LogoSlots placement = {});

// Paints `motif` into `rect`. An empty motif (isEmptyMotif) is drawn as the placeholder of
// paintEmptyLogo, so a filter that never fires is labelled, not drawn as noise.
void paintLogo(QPainter& painter, const QRectF& rect, const motif::Motif& motif, const LogoStyle& style,
               LogoSlots placement = {});

// The placeholder: title and caption as usual, a dashed empty plot labelled style.emptyLabel.
void paintEmptyLogo(QPainter& painter, const QRectF& rect, const LogoStyle& style);

// Natural size (logical units) of a logo `width` columns wide: about 24 units per column and a
// 100-unit plot at the default 11-unit text (scaled by style.fontPixelSize when set). Paint at
// this size or any multiple of it.
QSizeF preferredLogoSize(int width, const LogoStyle& style);

// Base text size used by preferredLogoSize when style.fontPixelSize is 0.
inline constexpr double kDefaultLogoFontSize = 11.0;

// Height of a logo at its preferred proportions, in units of its base text size (depends on
// whether the style has axes, a title, a caption); fixed-size title and caption lines
// (titlePixelSize, captionPixelSize) are not included: they are logoFixedTextHeight logical
// units on top.
double logoHeightInFonts(const LogoStyle& style);
double logoFixedTextHeight(const LogoStyle& style);  // 0 unless the title or caption has a fixed size

// Base text size for `rect`: style.fontPixelSize when set, otherwise what fills rect's height at
// the preferred proportions, limited so that `slotCount` columns still fit its width.
double logoFontSize(const QRectF& rect, const LogoStyle& style, int slotCount);

}  // namespace motifloom::ui
