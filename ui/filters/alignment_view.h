#pragma once
// AlignmentView: one first-layer filter against a motif database, as Tomtom aligned them. The
// filter's logo is drawn above each of its best database matches (the top kShownMatches by
// p-value, best first), the target at Tomtom's offset and strand (its reverse complement when
// the orientation is '-'; logo_pair.h), captioned with p / E / q-value, overlap, offset and
// strand, both consensus strings, and a "true motif" badge when the target is a planted motif
// (interpret::truthIndex). Matches with E >= the threshold are still shown, greyed and labelled
// "not a hit", so a student sees how close the best non-hits came.
// AlignmentDialog wraps it in a non-modal window that is reused for every filter clicked.
//
// Conventions: the query is the filter's *comparison motif* (interpret::comparisonMotifs: the
// activation PWM clipped to its informative span), 4 x width probabilities, forward strand;
// width 0 (never fires / uninformative) shows a message instead of alignments. Offsets and
// orientations are Tomtom's (compare/tomtom.h): query column i pairs with column i + offset of
// the target as aligned. A hit is E < evalueThreshold() (strict, as interpret::MatchOptions).
//
// Presets (docs/tomtom.md, "Presets"):
//   Koo & Eddy 2019   ed distance, complete scoring, min overlap 1, hits E < 0.1, logos with
//                     the small-sample correction
//   Web / TF-MoDISco  pearson, complete scoring, min overlap 5, hits E < 10, no small-sample
//                     correction
//   Custom            whatever was set last; choosing a distance by hand switches to Custom.
//
// Tomtom runs synchronously in the GUI thread whenever the query, database or options change:
// one query against the 205 JASPAR CORE vertebrate motifs takes a few milliseconds (see
// lastSearchMilliseconds()); the prepared database is kept while only the query changes.

#include "compare/tomtom.h"
#include "interpret/filter_matches.h"
#include "interpret/filter_pwm.h"
#include "logo/logo_style.h"
#include "motif/motif.h"

#include <QDialog>
#include <QSizeF>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QPainter;
class QPushButton;
class QRectF;
class QScrollArea;
class QVBoxLayout;

namespace motifloom::ui {

enum class AlignmentPreset { KooEddy2019, WebTfModisco, Custom };

// "Koo & Eddy 2019", "Web / TF-MoDISco", "Custom" (the combo's entries, in enum order).
QString alignmentPresetName(AlignmentPreset preset);

// What a preset stands for. Custom has no settings of its own (asserted).
struct AlignmentSettings {
    compare::TomtomOptions tomtom;     // threshold = evalueThreshold, thresholdIsEvalue = true
    double evalueThreshold = 0.1;      // hits: E < evalueThreshold
    bool smallSampleCorrection = true; // of the drawn logos (LogoStyle::smallSampleCorrection)
};
AlignmentSettings alignmentPresetSettings(AlignmentPreset preset);

// Compact number for captions: 2 significant digits, exponent without padding ("1.2e-9",
// "0.034", "3").
QString compactNumber(double value);

// "MA0079.3 SP1 · p 1.2e-9 · E 2.4e-7 · q 3e-7 · overlap 10 · offset 0 · − strand".
QString alignmentCaption(const interpret::MotifHit& hit);

class AlignmentView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kShownMatches = 5;

    explicit AlignmentView(QWidget* parent = nullptr);
    ~AlignmentView() override;

    // The motifs to compare with (shared, never modified; null = none: a message is shown),
    // the true-motif keys (JASPAR IDs or TF names, see interpret::truthIndex) and their display
    // names, and a label for the database ("JASPAR CORE vertebrates (bundled)").
    void setDatabase(std::shared_ptr<const motif::MotifList> database, std::vector<std::string> truth,
                     std::vector<std::string> truthNames, const QString& label = {});
    // The filter's comparison motif (clipped; width 0 = nothing to compare: `emptyReason`, or
    // a generic sentence, is shown) and its title ("filter 7"). Recomputes the matches.
    void setFilter(const motif::Motif& clippedQuery, const QString& title, const QString& emptyReason = {});

    void setPreset(AlignmentPreset preset);  // Custom keeps the current settings
    AlignmentPreset preset() const { return mPreset; }
    void setDistance(compare::Distance distance);  // a different distance switches to Custom
    compare::Distance distance() const { return mSettings.tomtom.distance; }

    // The Tomtom options in use (threshold = the E-value threshold, thresholdIsEvalue = true).
    compare::TomtomOptions options() const { return mSettings.tomtom; }
    double evalueThreshold() const { return mSettings.evalueThreshold; }
    bool smallSampleCorrection() const { return mSettings.smallSampleCorrection; }

    // The matches shown, best p first (at most kShownMatches; E/q and truth filled in); empty
    // while a message is shown.
    const std::vector<interpret::MotifHit>& shownMatches() const { return mShown; }
    bool isHit(const interpret::MotifHit& hit) const { return hit.tomtom.eValue < mSettings.evalueThreshold; }
    QStringList captions() const;  // alignmentCaption of each shown match
    QString message() const { return mMessageText; }  // shown instead of alignments; empty otherwise
    QString title() const { return mTitle; }
    // Wall time of the last Tomtom search (allMatches of the query), and of preparing the
    // database for the current options (0 when the prepared one was reused).
    double lastSearchMilliseconds() const { return mSearchMs; }
    double lastPrepareMilliseconds() const { return mPrepareMs; }

    // The figure the export writes: the shown alignments stacked, captioned, with a heading
    // naming the filter, database and options. Size in logical units (points in PDF).
    QSizeF figureSize() const;
    void paintFigure(QPainter& painter, const QRectF& rect) const;
    // Writes the figure as .png (2 pixels per unit), .svg or .pdf, atomically (logo_export.h).
    // Throws InputError naming the path for a bad extension, an unwritable path or when there
    // are no alignments to export.
    void exportFigure(const QString& path) const;

Q_SIGNALS:
    void optionsChanged();  // preset or distance changed (the matches are already recomputed)

private:
    void chooseExportPath();
    void recompute();
    void rebuildCards();
    void syncControls();
    void showMessageText(const QString& text);
    LogoStyle logoStyle() const;
    QString queryLabel() const;
    QString summaryText() const;  // rich text above the cards
    QString optionsLine() const;  // "Tomtom, ed distance · complete scoring · ..." (figure heading)

    // data
    std::shared_ptr<const motif::MotifList> mDatabase;
    std::vector<std::string> mTruth, mTruthNames;
    QString mDatabaseLabel;
    motif::Motif mQuery;
    QString mTitle;
    QString mEmptyReason;
    bool mHasFilter = false;
    AlignmentPreset mPreset = AlignmentPreset::KooEddy2019;
    AlignmentSettings mSettings;
    std::unique_ptr<compare::TomtomSearch> mSearch;  // prepared for mDatabase + mSettings.tomtom
    std::vector<interpret::MotifHit> mShown;
    int mHitCount = 0;  // database motifs with E < threshold (all of them, not only the shown)
    QString mMessageText;
    double mSearchMs = 0;
    double mPrepareMs = 0;

    // widgets
    QComboBox* mPresetCombo = nullptr;
    QComboBox* mDistanceCombo = nullptr;
    QLabel* mThresholdLabel = nullptr;
    QPushButton* mExportButton = nullptr;
    QLabel* mSummary = nullptr;
    QLabel* mMessage = nullptr;
    QScrollArea* mScroll = nullptr;
    QWidget* mCards = nullptr;
    QVBoxLayout* mCardLayout = nullptr;
};

// A non-modal window around an AlignmentView, meant to be created once and reused: each call
// of showFilter replaces what it shows and raises it; the preset and distance persist.
class AlignmentDialog : public QDialog {
    Q_OBJECT
public:
    explicit AlignmentDialog(QWidget* parent = nullptr);

    AlignmentView* view() const { return mView; }

    // Filter `filterIndex` (0-based) of `pwms` (its comparison motif: interpret::comparisonMotifs
    // with `clip`, as the matches of FilterSnapshot / RunFilters were computed) against
    // `database`. `context` names the run for the window title ("CNN-25 · seed 1, epoch 4").
    void showFilter(std::shared_ptr<const motif::MotifList> database, const QString& databaseLabel,
                    const interpret::FilterPwmSet& pwms, int filterIndex, const std::vector<std::string>& truth,
                    const std::vector<std::string>& truthNames, const QString& context = {},
                    const interpret::ClipOptions& clip = {});

private:
    AlignmentView* mView = nullptr;
};

}  // namespace motifloom::ui
