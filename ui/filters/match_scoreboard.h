#pragma once
// MatchScoreboard: the paper's three motif statistics of a run's first-layer filters (Koo &
// Eddy 2019; interpret/filter_matches.h), now and over the epochs:
//   match ground truth  filters whose Tomtom hits (E < 0.1) include a true motif / filters
//   match any           filters with any database hit / filters
//   coverage            true motifs hit by at least one filter / true motifs
// The current values are written out with their counts ("18/30 filters match a true motif");
// a small QCustomPlot draws the three fractions (y in [0, 1]) against the epoch (x, 1-based).
// Filters whose every hit is low-information are counted under the values ("≈ 14 of these ...").
// Without true motifs (FASTA data without expected motifs: lab/data_truth.h), match ground
// truth and coverage are NaN: shown as "—" with "no ground truth", not drawn.
//
// Live use: addPoint after every epoch's snapshot. Points are kept in epoch order; a point whose
// epoch is not after the last one starts over from there (a new run, or a restart). The plot
// is redrawn at most once per kReplotMs (a single-shot timer coalesces the points that arrive
// meanwhile); the text is updated at once.

#include "interpret/filter_matches.h"
#include "lab/run_record.h"

#include <QString>
#include <QWidget>

#include <vector>

class QCPGraph;
class QCustomPlot;
class QLabel;
class QTimer;

namespace motifloom::ui {

class MatchScoreboard : public QWidget {
    Q_OBJECT
public:
    static constexpr int kReplotMs = 40;

    explicit MatchScoreboard(QWidget* parent = nullptr);

    // Appends the statistics of the snapshot taken after `epoch` (see above for restarts).
    void addPoint(int epoch, const interpret::MatchSummary& summary);
    void addPoint(const lab::MatchPoint& point);
    // Replaces everything with a recorded history (e.g. RunRecord::matchHistory).
    void setHistory(std::vector<lab::MatchPoint> history);
    // The current values shown are `summary`'s, titled `what` (e.g. "Final filters, test set"),
    // instead of the last point's; the curves stay. Cleared by addPoint / setHistory / clear.
    void showSummary(const interpret::MatchSummary& summary, const QString& what);
    // Shows `text` instead of values (e.g. why there are no matches); the curves stay.
    void showNote(const QString& text);
    void clear();
    // "Predict first, then look" (lessons): the values and curves are replaced by a note until
    // shown again; points keep arriving meanwhile.
    void setStatisticsHidden(bool hidden);
    bool statisticsHidden() const { return mHidden; }

    const std::vector<lab::MatchPoint>& history() const { return mHistory; }
    // The values as plain text, one statistic per line, e.g.
    // "Match ground truth: 18/30 filters (60%)\nMatch any: 24/30 filters (80%)\nCoverage: 10/12 true motifs (83%)".
    QString valuesText() const;
    QCustomPlot* plot() const { return mPlot; }
    int replotCount() const { return mReplots; }  // for tests: coalescing

    // At least 250 px, and as wide as the values' rows in the current font (fitWidthToTable).
    QSize minimumSizeHint() const override;

protected:
    void changeEvent(QEvent* event) override;  // a new font (presentation mode): fitWidthToTable

private:
    void showCurrent(const lab::MatchPoint& point, const QString& what);
    // Keeps the values table's rows on one line each: the values' minimum width is theirs.
    void fitWidthToTable();
    // Adds "≈ N ... low-information" under the values when the summary has such filters
    // (interpret/low_information.h).
    void noteLowInformation(const interpret::MatchSummary& summary);
    void scheduleReplot();
    void replotNow();

    std::vector<lab::MatchPoint> mHistory;
    QLabel* mValues = nullptr;
    QString mTableHtml;  // the values' table as shown (empty while a note is shown)
    QLabel* mHiddenNote = nullptr;
    bool mHidden = false;
    QString mValuesPlain;
    QCustomPlot* mPlot = nullptr;
    QCPGraph* mTruthGraph = nullptr;
    QCPGraph* mAnyGraph = nullptr;
    QCPGraph* mCoverageGraph = nullptr;
    QTimer* mReplotTimer = nullptr;
    int mReplots = 0;
};

}  // namespace motifloom::ui
