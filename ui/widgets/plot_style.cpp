#include "widgets/plot_style.h"

#include "widgets/style_colours.h"

#include <qcustomplot.h>

#include <cmath>

namespace motifloom::ui::plot {

QColor seriesColor(int index) { return style::series(index); }

void setupPlot(QCustomPlot* plot, const QString& xLabel, const QString& yLabel) {
    const QPalette pal = plot->palette();
    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(28);
    QColor axis = text;
    axis.setAlpha(140);
    plot->setBackground(pal.brush(QPalette::Base));
    plot->setAntialiasedElements(QCP::aeAll);
    plot->setNotAntialiasedElements(QCP::aeAxes | QCP::aeGrid);
    QFont font = plot->font();
    QFont small = font;
    small.setPointSizeF(std::max(7.0, font.pointSizeF() * 0.9));
    for (QCPAxis* ax : {plot->xAxis, plot->yAxis}) {
        ax->setLabelFont(font);
        ax->setTickLabelFont(small);
        ax->setLabelColor(text);
        ax->setTickLabelColor(text);
        ax->setBasePen(QPen(axis, 1));
        ax->setTickPen(QPen(axis, 1));
        ax->setSubTickPen(QPen(axis, 1));
        ax->grid()->setPen(QPen(grid, 1, Qt::SolidLine));
        ax->grid()->setSubGridVisible(false);
        ax->setPadding(4);
    }
    plot->xAxis->setLabel(xLabel);
    plot->yAxis->setLabel(yLabel);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    QObject::connect(plot, &QCustomPlot::mouseDoubleClick, plot, [plot](QMouseEvent*) {
        fitAll(plot);
        plot->replot(QCustomPlot::rpQueuedReplot);
    });
    plot->setToolTip(QObject::tr("Drag to pan, wheel to zoom, double-click to fit the data."));
}

void fitAll(QCustomPlot* plot, double yMin, double yMax) {
    bool any = false;
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (plot->plottable(i)->visible()) any = true;
    if (!any) return;
    plot->rescaleAxes(true);
    QCPRange x = plot->xAxis->range();
    QCPRange y = plot->yAxis->range();
    const double yPad = std::max(1e-9, y.size() * 0.06);
    y = QCPRange(std::max(yMin, y.lower - yPad), std::min(yMax, y.upper + yPad));
    if (y.size() <= 0) y = QCPRange(y.lower - 0.5, y.lower + 0.5);
    if (x.size() <= 0) x = QCPRange(x.lower - 0.5, x.lower + 0.5);
    plot->xAxis->setRange(x);
    plot->yAxis->setRange(y);
}

void setupLegend(QCustomPlot* plot, Qt::Alignment corner, int columns) {
    styleLegend(plot);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, corner);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(columns);
    if (columns > 1) {  // a thin band at the very edge
        plot->legend->setMargins(QMargins(5, 1, 5, 1));
        plot->axisRect()->insetLayout()->setMargins(QMargins(2, 2, 2, 2));
    }
}

void styleLegend(QCustomPlot* plot) {
    plot->legend->setVisible(true);
    QFont f = plot->font();
    f.setPointSizeF(std::max(7.0, f.pointSizeF() * 0.85));
    plot->legend->setFont(f);
    QColor bg = plot->palette().color(QPalette::Base);
    bg.setAlpha(210);
    plot->legend->setBrush(bg);
    QColor border = plot->palette().color(QPalette::WindowText);
    border.setAlpha(50);
    plot->legend->setBorderPen(QPen(border));
    plot->legend->setTextColor(plot->palette().color(QPalette::WindowText));
    plot->legend->setRowSpacing(-2);
}

namespace {

// QCustomPlot's nice steps (1, 2, 2.5, 5 x 10^n) restricted to whole numbers: 1, 2, 5, 10, 20 ...
class IntegerTicker final : public QCPAxisTicker {
protected:
    double getTickStep(const QCPRange& range) override {
        const double step = QCPAxisTicker::getTickStep(range);
        if (step <= 1) return 1;
        const double magnitude = std::pow(10.0, std::floor(std::log10(step)));
        const double f = step / magnitude;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * magnitude;
    }
};

}  // namespace

void useIntegerTicks(QCPAxis* axis) { axis->setTicker(QSharedPointer<IntegerTicker>::create()); }

QCPGraph* addLine(QCustomPlot* plot, const QString& name, const QColor& color, double width, bool markers) {
    QCPGraph* g = plot->addGraph();
    g->setName(name);
    g->setPen(QPen(color, width));
    if (markers) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, plot->palette().color(QPalette::Base), 5));
    return g;
}

}  // namespace motifloom::ui::plot
