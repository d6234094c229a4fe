#pragma once
// CompareView: the "Compare" tab. Runs side by side: the paper-shaped table (compare_table.h;
// trials pooled as mean ± sample sd, or one row per run), grouped bar charts of the five metrics with
// error bars, and the runs' first-layer filter galleries next to each other (e.g. CNN-2 beside
// CNN-25: partial motifs beside whole ones). Shows the runs given to setRuns (the selection of
// the run list, or all runs).

#include "compare/compare_table.h"
#include "lab/run_record.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QCustomPlot;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QTableWidget;

namespace motifloom::ui {

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);

    // `note` explains what is shown ("3 selected runs" / "all 12 runs").
    void setRuns(std::vector<std::shared_ptr<const lab::RunRecord>> runs, const QString& note = {});
    const std::vector<std::shared_ptr<const lab::RunRecord>>& runs() const { return mRuns; }

    CompareGrouping grouping() const;
    void setGrouping(CompareGrouping grouping);
    // The rows as shown.
    const std::vector<CompareRow>& rows() const { return mRows; }
    // compareTsv of the rows as shown.
    std::string tsv() const { return compareTsv(mRows); }
    int galleryCount() const { return mGalleryCount; }
    // "Predict first, then look" (lessons): hides the table, the bars and the galleries' match
    // statistics (captions, framed true motifs) until shown again.
    void setStatisticsHidden(bool hidden);
    bool statisticsHidden() const { return mStatsHidden; }
    QTableWidget* table() const { return mTable; }

Q_SIGNALS:
    void exportRequested();  // the "Export TSV..." button

private:
    void rebuild();
    void fillTable();
    void fillBars();
    void fillGalleries();

    std::vector<std::shared_ptr<const lab::RunRecord>> mRuns;
    std::vector<CompareRow> mRows;
    QLabel* mNote = nullptr;
    QCheckBox* mPool = nullptr;
    QPushButton* mExport = nullptr;
    QTableWidget* mTable = nullptr;
    QCustomPlot* mBars = nullptr;
    QWidget* mGalleryBox = nullptr;
    QHBoxLayout* mGalleryLayout = nullptr;
    int mGalleryCount = 0;
    QLabel* mHiddenNote = nullptr;
    bool mStatsHidden = false;
};

}  // namespace motifloom::ui
