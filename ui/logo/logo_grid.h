#pragma once
// A grid of logos in one figure, e.g. all 30 first-layer filters of a model.
//
// Cells are laid out row by row, `columns` per row, all the same size. All cells share one x
// scale (as many column slots as the widest drawn motif; narrower motifs centred) and, for
// Weight logos without a fixed range, one y range, so heights compare across cells. A cell
// flagged neverFires, or holding an empty motif, is drawn as the labelled placeholder
// ("never fires"), never as noise. Highlighted cells (e.g. the filter matches a true motif)
// get a tinted background and a coloured frame.

#include "logo/logo_style.h"
#include "motif/motif.h"

#include <QPainter>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <vector>

namespace motifloom::ui {

struct LogoCell {
    motif::Motif motif;       // ignored when neverFires
    bool neverFires = false;  // draw the placeholder labelled style.emptyLabel
    QString title;            // e.g. "filter 7"
    QString caption;          // e.g. "MA0079.3 SP1, E = 3.2e-05"
    bool highlight = false;
};

// Paints the grid into `rect`. style.title / style.caption (if any) title and caption the whole
// figure; each cell uses its own title and caption instead. columns >= 1 (asserted).
void paintLogoGrid(QPainter& painter, const QRectF& rect, const std::vector<LogoCell>& cells, int columns,
                   const LogoStyle& style);

// Natural size of the grid: each cell at preferredLogoSize of the widest motif.
QSizeF preferredLogoGridSize(const std::vector<LogoCell>& cells, int columns, const LogoStyle& style);

}  // namespace motifloom::ui
