#pragma once
// The figure of `motifloom-cli attribute`: one sequence, one track per (class, method), each
// drawn as a logo track (the observed base's letter, height = its importance, negative below
// the zero line), with the planted motifs boxed across the tracks: framed in the logo
// highlight colour on the tracks of their own class, dashed grey on the others, and labelled
// with name and strand above. Letters are the logo renderer's glyphs and palette
// (ui/logo_glyphs.h, ui/logo_palette.h). Each track has its own scale (its largest |value|
// spans the track's half height), printed at its left.
// Coordinates: logical units; columns are 0-based sequence positions. Needs a QGuiApplication.

#include <QPainter>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <cstdint>
#include <vector>

namespace motifloom::cli {

struct AttributionTrack {
    QString label;              // e.g. "CTCF · ISM"
    int classIndex = -1;        // decides which planted boxes are highlighted on it
    std::vector<float> values;  // one per position
};

struct PlantedBox {
    int begin = 0, end = 0;     // 0-based, half-open
    int classIndex = -1;
    QString label;              // e.g. "CTCF +"
};

struct AttributionFigure {
    QString title;
    QString subtitle;                    // e.g. the predictions
    std::vector<std::uint8_t> sequence;  // base codes
    std::vector<AttributionTrack> tracks;
    std::vector<PlantedBox> boxes;
};

QSizeF attributionFigureSize(const AttributionFigure& figure);
void paintAttributionFigure(QPainter& painter, const QRectF& rect, const AttributionFigure& figure);

}  // namespace motifloom::cli
