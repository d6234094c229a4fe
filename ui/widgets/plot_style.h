#pragma once
// Shared look of MotifLoom's QCustomPlot charts (training curves, ROC / PR, comparison bars):
// the palette's colours, the application font, light grids, drag / wheel zoom, double-click to
// fit the data again. QCustomPlot draws at the screen's device pixel ratio, so charts stay
// sharp on high-DPI screens.

#include <QColor>
#include <QString>

class QCustomPlot;
class QCPAxis;
class QCPGraph;
class QCPLegend;

namespace motifloom::ui::plot {

// Qualitative series colours (Tableau 10, colour-blind friendly in order): 0 blue, 1 orange,
// 2 green, 3 red, 4 purple, ...; wraps around.
QColor seriesColor(int index);

// Axis labels, fonts, grid, background from the widget's palette; interactions: drag and
// wheel-zoom both axes, double-click fits all data (fitAll).
void setupPlot(QCustomPlot* plot, const QString& xLabel, const QString& yLabel);

// Rescales every axis to its data with a small margin; y ranges are kept within
// [yMin, yMax] when those are finite (e.g. AUROC in [0, 1]).
void fitAll(QCustomPlot* plot, double yMin = -1e300, double yMax = 1e300);

// Legend inside the axis rect at `corner`, styled as styleLegend, `columns` names to a line
// (a low plot: all on one line, so that the legend covers only a thin band at its edge).
void setupLegend(QCustomPlot* plot, Qt::Alignment corner = Qt::AlignTop | Qt::AlignRight, int columns = 1);
// Small font, translucent background, palette colours (wherever the legend is placed).
void styleLegend(QCustomPlot* plot);

// Ticks at whole numbers only (epochs): 1, 2, 5, 10, 20 ... apart, never 2.5.
void useIntegerTicks(QCPAxis* axis);

// A line graph: colour, width, optional circle markers.
QCPGraph* addLine(QCustomPlot* plot, const QString& name, const QColor& color, double width = 1.6,
                  bool markers = false);

}  // namespace motifloom::ui::plot
