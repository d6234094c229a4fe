#pragma once
// FilterGallery: the live filter gallery of the Filters tab. Every first-layer filter of the
// live run (a FilterSnapshot after each epoch) or of a kept run (RunRecord) as a sequence logo
// captioned with its best database match and E-value, filters matching a true motif marked
// (RunFilterGrid), beside a scoreboard of the paper's match statistics over the epochs
// (MatchScoreboard). Clicking a filter emits filterClicked (the alignment view opens on it).
//
// Three toggles change what the logos show, never the matches:
//   Bits / Probability      letter heights: information content, or base probabilities
//   Clipped / Full          the motif Tomtom compared (interpret::comparisonMotifs with the
//                           default ClipOptions, as the trainer matched), or the whole PWM
//   Activation / Raw        activation-based PWMs (the paper's method), or the first-layer
//                           weights as PWMs (interpret::rawWeightPwms of the snapshot's / run's
//                           network, filter width; Clipped/Full does not apply). Captions and
//                           truth marks stay those of the activation PWMs' matches.
// Cell i is filter i (0-based) in every mode.
//
// "Without low-info" (setLeaveOutLowInformation) changes what counts as a match: hits whose
// aligned database motif part is nearly flat (interpret/low_information.h) are left out of the
// captions and of the scoreboard's current values (interpret::leaveOutLowInformation, then
// summarise); the curves over the epochs keep the paper's definition. Off by default.
//
// Exports: exportLogos writes the grid as drawn (same columns, logos, captions, marks, plus
// a heading) to .svg / .png / .pdf by extension, atomically (logo_export.h); exportMeme writes
// the drawn motifs as a MEME file (motif_io.h, atomic), ids "filter1", ...: filters that never
// fire are left out in every mode, and in Clipped mode the uninformative ones (no motif). Both throw
// motifloom::InputError naming the path on failure. The buttons ask for a path (QFileDialog)
// and report errors in a message box.
//
// Ownership: shares the snapshot / run it is given (both immutable) and owns its widgets.

#include "logo/logo_export.h"
#include "logo/logo_style.h"
#include "motif/motif.h"

#include <QString>
#include <QWidget>

#include <memory>

class QAbstractButton;
class QLabel;
class QScrollArea;
class QSplitter;

namespace motifloom::interpret {
struct FilterPwmSet;
}

namespace motifloom::lab {
struct RunRecord;
}

namespace motifloom::ui {

struct FilterSnapshot;
class MatchScoreboard;
class RunFilterGrid;

class FilterGallery : public QWidget {
    Q_OBJECT
public:
    explicit FilterGallery(QWidget* parent = nullptr);
    ~FilterGallery() override;

    // A live snapshot (null: clear()). Matched non-final snapshots add a scoreboard point; a
    // final one (kept weights, test set) sets the scoreboard's current values.
    void setSnapshot(std::shared_ptr<const FilterSnapshot> snapshot);
    // A kept run: its final filters and recorded match history (null: clear()).
    void setRun(std::shared_ptr<const lab::RunRecord> run);
    // No filters: the grid shows `text`, the scoreboard is cleared.
    void showMessage(const QString& text);
    void clear();

    // The toggles (also set by their buttons).
    void setLogoKind(LogoKind kind);  // Bits or Probability
    LogoKind logoKind() const { return mKind; }
    void setClipped(bool clipped);
    bool clipped() const { return mClipped; }
    // Raw weights need a network; without one the request is remembered and the activation
    // PWMs are drawn (rawWeightsShown() false, the button disabled with a tooltip saying why).
    void setRawWeights(bool raw);
    bool rawWeights() const { return mRaw; }
    bool rawWeightsAvailable() const;
    bool rawWeightsShown() const { return mRaw && rawWeightsAvailable(); }
    void setLeaveOutLowInformation(bool leaveOut);
    bool leavesOutLowInformation() const { return mLeaveOutLowInformation; }

    bool hasFilters() const;
    // What is shown: a live snapshot or a kept run (at most one is set).
    const std::shared_ptr<const FilterSnapshot>& snapshot() const { return mSnapshot; }
    const std::shared_ptr<const lab::RunRecord>& run() const { return mRun; }
    // What the cells draw, one motif per filter in filter order (width 0 = placeholder).
    motif::MotifList shownMotifs() const;
    // One line naming the mode, e.g. "bits · clipped PWMs (as compared by Tomtom)".
    QString modeDescription() const;

    // Size of the exported figure in logical units (pixels at ratio 1, points in PDF): the
    // current columns at the logos' natural size; empty without filters.
    QSize exportSize() const;
    void exportLogos(const QString& path, const ImageExportOptions& options = {}) const;
    // Returns the number of motifs written. Throws InputError when no filter has a motif.
    int exportMeme(const QString& path) const;

    // "Predict first, then look" (lessons): hides the scoreboard and the captions' match
    // statistics (MatchScoreboard / RunFilterGrid::setStatisticsHidden) independently.
    void setScoreboardHidden(bool hidden);
    void setCaptionsHidden(bool hidden);

    RunFilterGrid* grid() const { return mGrid; }
    MatchScoreboard* scoreboard() const { return mScoreboard; }

public Q_SLOTS:
    void exportLogosInteractive();  // file dialog, then exportLogos (PNG at 2x)
    void exportMemeInteractive();

Q_SIGNALS:
    void filterClicked(int index);

private:
    void buildUi();
    void showContent();     // grid and scoreboard values of the snapshot / run
    void contentChanged();  // recompute the clipped / raw motifs, then applyMode
    void applyMode();
    void syncButtons();
    int exportColumns() const;
    const interpret::FilterPwmSet* pwms() const;  // of the snapshot or run; null without
    LogoStyle exportStyle() const;

    std::shared_ptr<const FilterSnapshot> mSnapshot;
    std::shared_ptr<const lab::RunRecord> mRun;
    motif::MotifList mClippedMotifs;  // of the current content
    motif::MotifList mRawMotifs;      // empty when there is no network (or it cannot be read)
    QString mRawProblem;              // why raw weights are unavailable
    QString mRawTip;                  // the raw-weights button's tooltip

    LogoKind mKind = LogoKind::Bits;
    bool mClipped = false;
    bool mRaw = false;
    bool mLeaveOutLowInformation = false;

    QAbstractButton* mBitsButton = nullptr;
    QAbstractButton* mProbabilityButton = nullptr;
    QAbstractButton* mClippedButton = nullptr;
    QAbstractButton* mFullButton = nullptr;
    QAbstractButton* mActivationButton = nullptr;
    QAbstractButton* mRawButton = nullptr;
    QAbstractButton* mLowInfoButton = nullptr;
    QAbstractButton* mExportButton = nullptr;  // its menu: logos, MEME
    QLabel* mMode = nullptr;
    QSplitter* mSplitter = nullptr;
    QScrollArea* mScroll = nullptr;
    RunFilterGrid* mGrid = nullptr;
    MatchScoreboard* mScoreboard = nullptr;
};

}  // namespace motifloom::ui
