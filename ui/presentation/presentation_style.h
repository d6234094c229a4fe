#pragma once
// How presentation mode changes the look of the window's contents, and how it changes them
// back: one scale factor (1.0 .. 2.0) for the application font, QCustomPlot fonts and line
// widths and the logo grids' cell width, and an optional high-contrast palette for projectors
// (pure black on white, dark selection, no light-grey text: washed-out projectors lose greys).
//
// Plots and logo grids remember their own base values (dynamic properties) the first time
// they are scaled, so a factor always applies to the original look, never compounds, and
// curves added while presenting (a new run) are scaled on their first replot.

#include <QFont>
#include <QPalette>

class QWidget;

namespace motifloom::ui::presentation {

// The palette for the high-contrast option: black text on white, a dark blue selection.
QPalette highContrastPalette();

// Scales every QCustomPlot and RunFilterGrid under `root` to `factor` x its base look
// (factor 1 restores it). Plots also follow on later replots until the next call.
void scaleContents(QWidget* root, double factor);

// `base` with its point size multiplied by factor.
QFont scaledFont(const QFont& base, double factor);

}  // namespace motifloom::ui::presentation
