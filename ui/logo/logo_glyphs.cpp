#include "logo/logo_glyphs.h"

#include <QFont>
#include <QTransform>

#include <array>
#include <cassert>

namespace motifloom::ui {
namespace {

std::array<QPainterPath, 4> buildGlyphs() {
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif);
    font.setWeight(QFont::Bold);
    // Outlines at a large size: hinting off so the shapes are the pure design, not grid-fitted.
    font.setPixelSize(256);
    font.setHintingPreference(QFont::PreferNoHinting);
    font.setStyleStrategy(QFont::ForceOutline);
    std::array<QPainterPath, 4> glyphs;
    const char letters[] = "ACGT";
    for (int b = 0; b < 4; ++b) {
        QPainterPath path;
        path.addText(0, 0, font, QString(QChar::fromLatin1(letters[b])));
        const QRectF bounds = path.boundingRect();
        assert(bounds.width() > 0 && bounds.height() > 0);
        QTransform toUnit;
        toUnit.scale(1.0 / bounds.width(), 1.0 / bounds.height());
        toUnit.translate(-bounds.left(), -bounds.top());
        glyphs[std::size_t(b)] = toUnit.map(path);
    }
    return glyphs;
}

}  // namespace

const QPainterPath& unitGlyph(int letter) {
    assert(letter >= 0 && letter < 4);
    static const std::array<QPainterPath, 4> glyphs = buildGlyphs();  // thread-safe init
    return glyphs[std::size_t(letter)];
}

QPainterPath glyphInBox(int letter, const QRectF& box) {
    QTransform t;
    t.translate(box.left(), box.top());
    t.scale(box.width(), box.height());
    return t.map(unitGlyph(letter));
}

}  // namespace motifloom::ui
