#pragma once
// The interface's colours, from one table: resources/style/palette.json, compiled into the Qt
// resource file (resources/CMakeLists.txt) as :/motifloom/style/palette.json. Widgets ask by
// meaning (a Role, a plot series, a motif class), never by literal, so that another palette
// (e.g. a high-contrast one for presentations) is one loadPalette() call away. Colours are read
// when a widget paints or builds its data, so a widget shows a new palette on its next repaint.
//
// Not here: the sequence logos' letter schemes (logo/logo_palette.h, a user choice) and the
// figures' ink (logo/logo_text.h): logos are figures that look the same in every interface
// palette and are also drawn by motifloom-cli, which has no widgets.

#include <QColor>
#include <QString>

namespace motifloom::ui::style {

enum class Role {
    Success,               // a check that holds (the motif probabilities sum to 1)
    Failure,               // text of something wrong (an invalid layer, a bad sum)
    ErrorPanelBackground,  // the data panel's error message box
    ErrorPanelText,
    ErrorPanelBorder,
    UnknownValue,          // a value not known yet (output shapes before the data is loaded)
    RecededValue,          // a secondary value (zero parameters of a pooling layer)
    FadedText,             // a minor line of text in a figure-like view (alignment details)
    TruthMatch,            // a filter's match with a planted (ground-truth) motif
    Warning,               // text of a caution (the loaded data's class balance)
    OnBadge,               // text on a coloured badge (motif class numbers)
};

// The colour of a role in the current palette.
QColor colour(Role role);
// "#rrggbb" of a role, for style sheets and rich text.
QString colourName(Role role);
// Plot series (runs, metrics), cycling through the palette's list.
QColor series(int index);
// Motif classes (the data panel's class badges and sequence marks), cycling likewise.
QColor motifClass(int index);

// Replaces the current palette by a palette file with palette.json's keys (a Qt resource path
// such as ":/..." or a file); a key it leaves out keeps the built-in value. Throws
// motifloom::InputError naming the file (and the key) when it cannot be read or a colour is not
// a valid "#rrggbb"; the current palette is then unchanged.
void loadPalette(const QString& path);
// Back to the built-in palette (resources/style/palette.json).
void resetPalette();

}  // namespace motifloom::ui::style
