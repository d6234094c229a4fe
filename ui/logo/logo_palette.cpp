#include "logo/logo_palette.h"

#include <array>
#include <cassert>

namespace motifloom::ui {
namespace {

using Colours = std::array<QRgb, 4>;  // A, C, G, T

// Slightly deepened primaries: pure 0xff00ff-style colours look garish in print.
constexpr Colours kClassic{0xff009a00, 0xff0033cc, 0xffffa200, 0xffd40000};
constexpr Colours kColorBlindSafe{0xff009980, 0xff59b3e6, 0xffe69b04, 0xff1a1a1a};
constexpr Colours kMeme{0xffcc0000, 0xff0000cc, 0xffffb300, 0xff008000};

}  // namespace

QColor letterColour(LogoPalette palette, int letter) {
    assert(letter >= 0 && letter < 4);
    switch (palette) {
    case LogoPalette::Classic: return QColor::fromRgba(kClassic[std::size_t(letter)]);
    case LogoPalette::ColorBlindSafe: return QColor::fromRgba(kColorBlindSafe[std::size_t(letter)]);
    case LogoPalette::Meme: return QColor::fromRgba(kMeme[std::size_t(letter)]);
    }
    assert(false && "unknown palette");
    return Qt::black;
}

QString paletteName(LogoPalette palette) {
    switch (palette) {
    case LogoPalette::Classic: return QStringLiteral("classic");
    case LogoPalette::ColorBlindSafe: return QStringLiteral("colorblind");
    case LogoPalette::Meme: return QStringLiteral("meme");
    }
    assert(false && "unknown palette");
    return {};
}

QStringList paletteNames() {
    return {paletteName(LogoPalette::Classic), paletteName(LogoPalette::ColorBlindSafe),
            paletteName(LogoPalette::Meme)};
}

std::optional<LogoPalette> paletteFromName(const QString& name) {
    for (LogoPalette p : {LogoPalette::Classic, LogoPalette::ColorBlindSafe, LogoPalette::Meme})
        if (name.compare(paletteName(p), Qt::CaseInsensitive) == 0) return p;
    return std::nullopt;
}

}  // namespace motifloom::ui
