#include "presentation/presentation_style.h"

#include "filters/run_filter_grid.h"

#include <qcustomplot.h>

#include <QPointer>
#include <QWidget>

#include <algorithm>

namespace motifloom::ui::presentation {
namespace {

// Dynamic property names: the base values, recorded once per object.
constexpr const char* kBaseWidth = "motifloomBasePenWidth";
constexpr const char* kBaseLabelFont = "motifloomBaseLabelFont";
constexpr const char* kBaseTickFont = "motifloomBaseTickFont";
constexpr const char* kBaseCell = "motifloomBaseCellWidth";
constexpr const char* kFactor = "motifloomPresentationScale";
constexpr const char* kHooked = "motifloomPresentationHooked";

QVariant remembered(QObject* o, const char* name, const QVariant& now) {
    const QVariant v = o->property(name);
    if (v.isValid()) return v;
    o->setProperty(name, now);
    return now;
}

void scalePen(QObject* owner, QPen pen, double factor, const std::function<void(const QPen&)>& set) {
    const double base = remembered(owner, kBaseWidth, pen.widthF()).toDouble();
    pen.setWidthF(base * factor);
    set(pen);
}

void applyToPlot(QCustomPlot* plot, double factor) {
    for (QCPAxis* axis : plot->axisRect()->axes()) {
        axis->setLabelFont(scaledFont(remembered(axis, kBaseLabelFont, axis->labelFont()).value<QFont>(), factor));
        axis->setTickLabelFont(scaledFont(remembered(axis, kBaseTickFont, axis->tickLabelFont()).value<QFont>(), factor));
        scalePen(axis, axis->basePen(), factor, [axis](const QPen& p) { axis->setBasePen(p); });
    }
    if (plot->legend) {
        plot->legend->setFont(scaledFont(remembered(plot->legend, kBaseLabelFont, plot->legend->font()).value<QFont>(), factor));
        for (int i = 0; i < plot->legend->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i)))
                item->setFont(plot->legend->font());
    }
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        scalePen(p, p->pen(), factor, [p](const QPen& pen) { p->setPen(pen); });
    }
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* line = qobject_cast<QCPItemStraightLine*>(plot->item(i)))
            scalePen(line, line->pen(), factor, [line](const QPen& pen) { line->setPen(pen); });
}

}  // namespace

QPalette highContrastPalette() {
    QPalette p;
    const QColor white(Qt::white), black(Qt::black);
    for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(g, QPalette::Window, white);
        p.setColor(g, QPalette::WindowText, black);
        p.setColor(g, QPalette::Base, white);
        p.setColor(g, QPalette::AlternateBase, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(g, QPalette::Text, black);
        p.setColor(g, QPalette::Button, QColor(0xf2, 0xf2, 0xf2));
        p.setColor(g, QPalette::ButtonText, black);
        p.setColor(g, QPalette::BrightText, white);
        p.setColor(g, QPalette::Highlight, QColor(0x00, 0x2b, 0x8f));
        p.setColor(g, QPalette::HighlightedText, white);
        p.setColor(g, QPalette::ToolTipBase, QColor(0xff, 0xff, 0xd8));
        p.setColor(g, QPalette::ToolTipText, black);
        p.setColor(g, QPalette::PlaceholderText, QColor(0x40, 0x40, 0x40));
        p.setColor(g, QPalette::Light, white);
        p.setColor(g, QPalette::Midlight, QColor(0xc0, 0xc0, 0xc0));
        p.setColor(g, QPalette::Mid, QColor(0x50, 0x50, 0x50));
        p.setColor(g, QPalette::Dark, QColor(0x20, 0x20, 0x20));
        p.setColor(g, QPalette::Shadow, black);
        p.setColor(g, QPalette::Link, QColor(0x00, 0x2b, 0x8f));
    }
    // Disabled text stays readable on a projector (mid grey, not the usual light grey).
    p.setColor(QPalette::Disabled, QPalette::Window, white);
    p.setColor(QPalette::Disabled, QPalette::Base, white);
    p.setColor(QPalette::Disabled, QPalette::Button, QColor(0xf2, 0xf2, 0xf2));
    for (QPalette::ColorRole r : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, r, QColor(0x55, 0x55, 0x55));
    return p;
}

QFont scaledFont(const QFont& base, double factor) {
    QFont f = base;
    if (base.pointSizeF() > 0) f.setPointSizeF(base.pointSizeF() * factor);
    else if (base.pixelSize() > 0) f.setPixelSize(std::max(1, int(base.pixelSize() * factor + 0.5)));
    return f;
}

void scaleContents(QWidget* root, double factor) {
    for (QCustomPlot* plot : root->findChildren<QCustomPlot*>()) {
        plot->setProperty(kFactor, factor);
        applyToPlot(plot, factor);
        if (!plot->property(kHooked).toBool()) {
            // Curves of a run started while presenting: scaled before they are first drawn.
            plot->setProperty(kHooked, true);
            QPointer<QCustomPlot> guard(plot);
            QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [guard] {
                if (!guard) return;
                const double f = guard->property(kFactor).toDouble();
                if (f > 0 && f != 1.0) applyToPlot(guard, f);
            });
        }
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
    for (RunFilterGrid* grid : root->findChildren<RunFilterGrid*>()) {
        const int base = remembered(grid, kBaseCell, grid->cellWidth()).toInt();
        grid->setCellWidth(int(base * factor + 0.5));
    }
}

}  // namespace motifloom::ui::presentation
