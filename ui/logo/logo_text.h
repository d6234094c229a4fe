#pragma once
// Text and shared colours of the logo figures (single logo, grid, aligned pair), so every figure
// uses the same type and greys. Fonts are DejaVu Sans at a pixel size in the painter's logical
// units, hinting off: metrics then scale linearly and a figure lays out identically on a
// screen, in a PNG, an SVG or a PDF.

#include "logo/logo_style.h"

#include <QColor>
#include <QFont>
#include <QPainter>
#include <QRectF>
#include <QString>

namespace motifloom::ui {

// The figures' ink, all in one place. Logos are figures: they look the same in every interface
// palette (widgets/style_colours.h) and are drawn by motifloom-cli as well, which has no widgets.
inline const QColor kLogoInk{0x22, 0x22, 0x22};             // titles, tick labels
inline const QColor kLogoAxis{0x33, 0x33, 0x33};            // axis lines
inline const QColor kLogoMuted{0x5a, 0x5a, 0x5a};           // captions
inline const QColor kLogoHighlightFill{0xff, 0xf4, 0xcc};   // highlighted cell / widget
inline const QColor kLogoHighlightFrame{0xd9, 0xa4, 0x00};
inline const QColor kLogoPlaceholderFill{0xf4, 0xf4, 0xf4};  // a logo not computed yet
inline const QColor kLogoPlaceholderFrame{0xb0, 0xb0, 0xb0};
inline const QColor kLogoPlaceholderText{0x80, 0x80, 0x80};
inline const QColor kLogoOverlapFill{0xe8, 0xee, 0xf7};     // aligned pair: the overlapping columns
inline const QColor kLogoGuide{0x8a, 0x9b, 0xb5};           // aligned pair: offset guides

QFont logoFont(double pixelSize, bool bold = false, bool italic = false);

// Draws one line of `text` inside `box` with alignment `flags`, elided to the box width.
void drawLogoText(QPainter& painter, const QRectF& box, int flags, const QString& text, const QFont& font,
                  const QColor& colour);

// Figure-level title (above) and caption (below) of a grid or pair, from style.title and
// style.caption, at base size f. Returns what is left of `rect` for the figure's body.
double figureHeadingUnits(const LogoStyle& style);  // their height in units of f
QRectF paintFigureHeadings(QPainter& painter, const QRectF& rect, const LogoStyle& style, double f);

}  // namespace motifloom::ui
