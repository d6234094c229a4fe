#pragma once
// The attribution figure of `motifloom-cli attribute` (and the track drawing the desktop lab's
// sequence inspector shares): one sequence, one track per (class, method), each
// drawn as a logo track (the observed base's letter, height = its importance, negative below
// the zero line), with the planted motifs boxed across the tracks: framed in the logo
// highlight colour on the tracks of their own class, dashed grey on the others, and labelled
// with name and strand above. Letters are the logo renderer's glyphs and palette
// (logo_glyphs.h, logo_palette.h). Each track has its own scale (its largest |value|
// spans the track's half height), printed at its left.
// Coordinates: logical units; columns are 0-based sequence positions. Needs a QGuiApplication.

#include <QPainter>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace motifloom::ui {

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

// One importance track inside `area` (one column of area.width() / sequence.size() per base):
// the zero line across the middle and, per position, the observed base's glyph with height
// |value| / scale of the half height, above the line when positive, below when negative (grey
// bars for IUPAC codes and padding). scale <= 0 draws the line only. Both the CLI figure and
// the inspector draw their logo tracks with it.
void paintImportanceTrack(QPainter& painter, const QRectF& area, std::span<const std::uint8_t> sequence,
                          std::span<const float> values, double scale);

// The largest finite |value| (0 when there is none): a track's natural scale.
double importanceScale(std::span<const float> values);

}  // namespace motifloom::ui
