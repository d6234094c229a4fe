#pragma once
// InspectionPicture: the inspector's tracks for one sequence as one picture, painted the same
// on screen (InspectionCanvas) and in exported figures (SVG / PNG / PDF):
//
//   title, subtitle          (exported figures only: sequence, model, predictions)
//   position ruler           0-based positions, as the TSV export and truth.tsv
//   planted-motif labels     name and strand above each box
//   sequence                 the bases coloured like logo letters; mutated bases underlined in
//                            red; the planted motifs as boxes (highlighted for the chosen
//                            class); where the marked filter fires, its windows shaded
//   saliency track           gradient x input of the chosen class (logo track, ±scale at left)
//   ISM track                importance of the observed base (minus the mean change of the
//                            class logit over its substitutions)
//   ISM heat map             4 x L: change of the class logit for each substitution (red up,
//                            blue down; the observed base framed)
//   activation heat map      filters x positions of the chosen convolution layer, white to
//                            dark blue up to the map's largest value; each cell drawn at the
//                            centre of the input window its position saw; rows named by the
//                            filter's best database match (first layer)
//
// Geometry: logical units; every track shares the columns (one per base) of width `column`.
// hitTest maps a point back to (row kind, position, base / filter) for hover and clicks.

#include "logo/attribution_figure.h"

#include <QObject>
#include <QPainter>
#include <QRectF>
#include <QString>

#include <cstdint>
#include <limits>
#include <vector>

namespace motifloom::ui {

struct InspectionPicture {
    QString title, subtitle;
    std::vector<std::uint8_t> sequence;
    std::vector<std::uint8_t> original;  // before mutations (same length), for underlining changes
    std::vector<PlantedBox> boxes;
    int classIndex = 0;
    QString className;
    std::vector<float> saliency;  // per position, chosen class (empty: not computed yet)
    std::vector<float> ism;       // per position, chosen class
    std::vector<float> ismDelta;  // length x 4, chosen class

    // Activation heat map: values are rows x positions, row-major by position ([p][f]).
    int filters = 0, positions = 0;
    int windowOffset = 0, receptiveField = 1;
    std::vector<float> activations;
    std::vector<QString> rowLabels;    // one per filter
    std::vector<bool> rowHighlighted;  // matches a true motif
    QString layerLabel;                // "layer 1 (conv1)"
    QString activationNote;            // shown instead of the map when it cannot be drawn
    QString pendingNote = QObject::tr("computing\u2026");  // on tracks without values

    int markedFilter = -1;  // its sites shaded on the sequence
    double markedThreshold = std::numeric_limits<double>::quiet_NaN();
    int cursor = -1;        // typing position (screen only)

    float activation(int position, int filter) const {
        return activations[std::size_t(position) * std::size_t(filters) + std::size_t(filter)];
    }
    // Input column of the centre of activation position p's window.
    int activationColumn(int position) const { return position + windowOffset + (receptiveField - 1) / 2; }
    bool fires(int position, int filter) const;  // above markedThreshold (for the marked filter)
};

enum class PictureRow { None, Ruler, Sequence, Saliency, Ism, IsmHeat, Activation };

struct PictureHit {
    PictureRow row = PictureRow::None;
    int position = -1;  // base column (-1 outside the columns)
    int base = -1;      // IsmHeat: 0..3
    int filter = -1;    // Activation: the row
};

class PictureLayout {
public:
    PictureLayout(const InspectionPicture& picture, double column, bool withTitle);
    QSizeF size() const;
    double column() const { return mColumn; }
    double x(double position) const { return kLeft + position * mColumn; }
    PictureHit hitTest(const QPointF& point) const;
    // At the origin, size(). `raster`: the heat maps as one image each (fast, for the screen);
    // otherwise one rectangle per cell (vector figures).
    void paint(QPainter& painter, bool raster = false) const;

    static constexpr double kLeft = 160;   // row labels
    static constexpr double kRight = 14;

private:
    double activationRowHeight() const;
    void paintSequence(QPainter& painter) const;
    void paintIsmHeat(QPainter& painter, bool raster) const;
    void paintActivations(QPainter& painter, bool raster) const;
    void label(QPainter& painter, double y, double h, const QString& text, const QString& note = {}) const;

    const InspectionPicture& mPicture;
    double mColumn;
    double mTitle, mRuler, mBoxLabels, mSequence, mSaliency, mIsm, mIsmHeat, mActivation, mBottom;
};

// Diverging colour for an ISM change (negative blue, positive red, white at 0), |v| / scale
// clipped to 1; and the sequential one of the activation map.
QColor ismColour(double value, double scale);
QColor activationColour(double value, double scale);

}  // namespace motifloom::ui
