#pragma once
// Letter colours for sequence logos. Letters are indexed like motif rows (motif/motif.h):
// 0 = A, 1 = C, 2 = G, 3 = T. Colours are opaque sRGB.
//
//   Classic         A green, C blue, G orange, T red (WebLogo / the paper's figures)
//   ColorBlindSafe  A bluish green, C sky blue, G orange, T near-black: distinct under the
//                   common colour-vision deficiencies (Okabe-Ito hues, as in logomaker)
//   Meme            A red, C blue, G amber, T green (the MEME Suite's DNA colours)

#include <QColor>
#include <QString>
#include <QStringList>

#include <optional>

namespace motifloom::ui {

enum class LogoPalette { Classic, ColorBlindSafe, Meme };

// Colour of `letter` (0..3, asserted) in `palette`.
QColor letterColour(LogoPalette palette, int letter);

// Stable lower-case names for files and command lines: "classic", "colorblind", "meme".
QString paletteName(LogoPalette palette);
QStringList paletteNames();
// Case-insensitive inverse of paletteName; nullopt for an unknown name.
std::optional<LogoPalette> paletteFromName(const QString& name);

}  // namespace motifloom::ui
