#pragma once
// RunFilterGrid: the first-layer filters of a run (or of a live snapshot) as one grid of
// sequence logos (logo_grid.h), each captioned with its best database match; filters that
// match a true motif are highlighted, filters that never fire show the "never fires"
// placeholder. Used live in the training dashboard and side by side in the comparison view.
//
// Width-driven layout: as many columns as fit at about `cellWidth()` logical pixels each
// (or a fixed column count), rows follow; heightForWidth() tells layouts and scroll areas the
// height. Painting is vector (crisp at any device pixel ratio). Hovering a cell shows the
// filter's matches as a tooltip; a click emits filterClicked(index).
//
// Display options (for the filter gallery, filter_gallery.h): the logo kind (bits or
// probability), and other motifs to draw in place of the activation PWMs, one per filter in
// filter order (e.g. the clipped motifs Tomtom compared, or raw-weight PWMs). Captions,
// highlights and tooltips always stay those of the PWMs' matches. New content (setSnapshot,
// setRunFilters, showMessage) drops the replacement motifs; the logo kind is kept.
//
// Low-information matches (interpret/low_information.h: the aligned part of the database motif
// is nearly flat, e.g. Pax4 MA0068.1) are marked: "≈" before the caption of a filter whose hits
// are all of that kind, a tooltip line saying why, a count in the headline. With
// setLeaveOutLowInformation(true) such hits are left out (interpret::leaveOutLowInformation)
// from the next content on.
// Owns copies of what it shows.

#include "interpret/filter_matches.h"
#include "interpret/filter_pwm.h"
#include "logo/logo_grid.h"
#include "logo/logo_style.h"
#include "motif/motif.h"

#include <QPixmap>

class QAbstractScrollArea;
#include <QWidget>

#include <vector>

namespace motifloom::lab {
struct RunFilters;
}

namespace motifloom::ui {

struct FilterSnapshot;

class RunFilterGrid : public QWidget {
    Q_OBJECT
public:
    explicit RunFilterGrid(QWidget* parent = nullptr);

    void setSnapshot(const FilterSnapshot& snapshot);
    // Applies to content set afterwards (set the content again to redraw).
    void setLeaveOutLowInformation(bool leaveOut) { mLeaveOutLowInformation = leaveOut; }
    bool leavesOutLowInformation() const { return mLeaveOutLowInformation; }
    // Filters whose every hit is low-information (kept or left out), in the current content.
    int lowInformationCount() const { return mLowInformation; }
    void setRunFilters(const lab::RunFilters& filters);
    // Shows only `text` (e.g. "Filters appear after the first epoch").
    void showMessage(const QString& text);

    // Bits (default) or Probability; Weight works too.
    void setLogoKind(LogoKind kind);
    LogoKind logoKind() const { return mKind; }
    // Draws motifs[i] in cell i instead of the activation PWM (fewer motifs than filters: the
    // rest keep their PWMs); a width-0 motif draws the placeholder labelled `emptyLabel`. A
    // filter that never fires is captioned "never fires" then. `note` (plain text) ends every
    // cell's tooltip, e.g. what is drawn. An empty list restores the PWMs.
    void setDisplayMotifs(motif::MotifList motifs, const QString& emptyLabel = {}, const QString& note = {});
    bool showsDisplayMotifs() const { return !mDisplay.empty(); }
    // The style cells are painted with (kind, no axes, placeholder label, caption size), e.g.
    // for exports.
    LogoStyle logoStyle() const;
    // The captions' font (best match, E-value): the widget's font, at least 9 pt.
    static constexpr double kMinCaptionPointSize = 9.0;
    QFont captionFont() const;

    // "Predict first, then look" (lessons): hides every match statistic (captions, true-motif
    // highlights, match counts in the headline and tooltips) until shown again; the logos stay.
    void setStatisticsHidden(bool hidden);
    bool statisticsHidden() const { return mStatsHidden; }

    void setColumns(int columns);  // 0 = as many as fit (default)
    void setCellWidth(int px);     // target logical width of a cell when columns = 0
    // With h > 0 (and columns = 0): the largest cells (up to maxCellWidth) for which the whole
    // grid fits in h logical pixels, e.g. the visible height of an enclosing scroll area; when
    // even cellWidth()-wide cells do not fit, cellWidth() (and scrolling).
    void setFitHeight(int h);
    // Keeps the fit height equal to the visible height of `area` (the grid is its widget).
    void fitToViewport(QAbstractScrollArea* area);
    static constexpr int kMaxCellWidth = 340;
    int cellWidth() const { return mCellWidth; }
    int filterCount() const { return int(mCells.size()); }
    const std::vector<LogoCell>& cells() const { return mCells; }
    // "epoch 4 · 30 filters · 12 match a true motif" (without the counts while statistics are hidden)
    QString headline() const { return mStatsHidden ? mPlainHeadline : mHeadline; }
    QString message() const { return mMessage; }    // shown instead of cells; empty with cells
    QString toolTipOf(int index) const;             // rich text, as shown on hover
    // Columns at the current width, and the rectangle of cell `index` (widget coordinates;
    // empty when out of range).
    int columnCount() const { return columnsFor(width()); }
    QRectF cellRect(int index) const;
    // Height of the cells painted `columns` to a row across `width` pixels (no headline), for
    // figures drawn with paintLogoGrid: the logos scale with the width, the fixed-size title and
    // caption lines do not, so scaling the natural size would squeeze the logos.
    double cellsHeight(double width, int columns) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void filterClicked(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void setCells(const interpret::FilterPwmSet& pwms, bool matched,
                  const std::vector<interpret::FilterMatches>& matches, const std::vector<std::string>& truthNames,
                  const QString& headline);
    void applyDisplay();  // mCells / mTips from the base cells and mDisplay
    int columnsFor(int width) const;
    double cellHeight(double cellWidth) const;  // of one cell, caption line included
    double headlineHeight(double width) const;  // the headline's lines and a margin
    int cellAt(const QPoint& pos) const;
    void paintContent(QPainter& painter) const;

    std::vector<LogoCell> mCells;      // as drawn
    std::vector<QString> mTips;
    std::vector<LogoCell> mBaseCells;  // with the activation PWMs
    std::vector<QString> mBaseTips;
    std::vector<bool> mSilent;         // per filter: never fires
    motif::MotifList mDisplay;         // replacement motifs; empty = none
    QString mDisplayEmptyLabel;
    QString mDisplayNote;
    LogoKind mKind = LogoKind::Bits;
    QString mHeadline;
    QString mPlainHeadline;    // without match counts (statistics hidden)
    bool mStatsHidden = false;
    QString mMessage;
    int mColumns = 0;
    int mCellWidth = 150;
    int mFitHeight = 0;
    QWidget* mViewport = nullptr;  // followed by fitToViewport
    QPixmap mCache;            // the painted grid at the current size and pixel ratio
    bool mCacheDirty = true;
    bool mLeaveOutLowInformation = false;
    int mLowInformation = 0;
};

}  // namespace motifloom::ui
