#pragma once
// Letter glyphs for logos as vector outlines. Each glyph is a QPainterPath whose bounding box
// is exactly the unit square [0,1] x [0,1] (y down, as in Qt), so scaling it into a letter's box
// makes the ink fill the box exactly: a 2-bit 'A' is exactly 2 bits tall at any size and on
// any device (raster, SVG, PDF). Outlines come from DejaVu Sans Bold (fonts-dejavu-core), or
// the default bold sans-serif if that font is missing.
// Requires a QGuiApplication (font database); safe to call from any thread once one exists.

#include <QPainterPath>
#include <QRectF>

namespace motifloom::ui {

// Unit-square outline of letter 0..3 = A,C,G,T (asserted). Built once and cached.
const QPainterPath& unitGlyph(int letter);

// The glyph of `letter` scaled to fill `box` exactly (box in the painter's logical units).
QPainterPath glyphInBox(int letter, const QRectF& box);

}  // namespace motifloom::ui
