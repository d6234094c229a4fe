#pragma once
// Dashboard: the "Training" tab (the settings of the next run are edited in their own panel,
// training_settings_widget.h). A header with the run's name, progress bar, epoch / batch, sequences per second, elapsed time
// and ETA; live QCustomPlot curves of training loss (smoothed per batch and per epoch) and
// validation loss, validation AUROC and AUPR per epoch, the best epoch marked; below, the
// first-layer filters as logos (refreshed after every epoch) and, when a run ends, its test
// results: per-class AUROC / AUPR and ROC / PR curves.
//
// Live updates: incoming points are buffered and added to the plots on a 40 ms
// timer tick with one queued replot, however fast batches arrive. Only the GUI thread touches
// the plots. showRun() shows a kept run the same way (from its history, without live data).

#include "lab/run_record.h"
#include "training/training_controller.h"
#include "training/training_types.h"

#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

class QAction;
class QCheckBox;
class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QLabel;
class QProgressBar;
class QSplitter;
class QTabWidget;
class QTableWidget;
class QTimer;
class QToolButton;

namespace motifloom::ui {

class RunFilterGrid;

class Dashboard : public QWidget {
    Q_OBJECT
public:
    explicit Dashboard(QWidget* parent = nullptr);
    ~Dashboard() override;

    // Follows `controller`'s runs (not owned; must outlive the dashboard or be detached by
    // destroying it first).
    void attach(TrainingController* controller);

    // Buttons in the header for the window's Train / Pause / Stop actions (not owned).
    void setActions(QAction* train, QAction* pause, QAction* stop);

    RunFilterGrid* filterGrid() const { return mFilters; }
    QSplitter* splitter() const { return mMainSplitter; }
    // "Update the filters after every epoch" (costs a little time per epoch).
    bool liveFilters() const;
    void setLiveFilters(bool on);

    // Shows a kept run (history, filters, test results). Ignored while a run is live.
    void showRun(std::shared_ptr<const lab::RunRecord> run);
    // Shows the idle state with `html` as the headline (e.g. the first-run hint).
    void showIdle(const QString& html);
    std::shared_ptr<const lab::RunRecord> shownRun() const { return mShownRun; }
    bool isLive() const { return mLive; }

    // Number of replots so far (tests check that plots were redrawn, and not too often).
    int replotCount() const { return mReplots; }

Q_SIGNALS:
    void liveFiltersChanged(bool on);
    // A double-click on a class of the test results: inspect that class's test sequences.
    void inspectClassRequested(int classIndex);

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    void fitPlotsToFont();  // plot minimum heights follow the font (presentation mode scales it)
    QWidget* buildResults();
    void clearPlots();
    void onRunStarted(const TrainingJob& job, int index, int total);
    void onBatch(const BatchProgress& p);
    void onEpoch(const train::EpochRecord& r);
    void onFilters(std::shared_ptr<const FilterSnapshot> snapshot);
    void onRunFinished(std::shared_ptr<const lab::RunRecord> run);
    void onRunEnded(const QString& text, bool error);
    void onStateChanged(TrainingController::State state);
    void flush();  // the 40 ms tick: pending points -> plots, one queued replot
    void addEpochPoint(const train::EpochRecord& r);
    void showResults(const lab::RunRecord& run);
    void highlightClass(int row);
    void updateStats();
    void setStatus(const QString& text, const QString& tone);

    QCheckBox* mLiveFilters = nullptr;
    QSplitter* mMainSplitter = nullptr;

    // Header
    QLabel* mTitle = nullptr;
    QLabel* mStatus = nullptr;
    QToolButton* mTrainButton = nullptr;
    QToolButton* mPauseButton = nullptr;
    QToolButton* mStopButton = nullptr;
    QProgressBar* mProgress = nullptr;
    QLabel* mStats = nullptr;
    QStringList mStaticStats;  // figures of a shown (not live) run
    QLabel* mNote = nullptr;

    // Plots
    QCustomPlot* mLossPlot = nullptr;
    QCustomPlot* mAucPlot = nullptr;
    QCPGraph* mBatchGraph = nullptr;
    QCPGraph* mTrainGraph = nullptr;
    QCPGraph* mValidGraph = nullptr;
    QCPGraph* mAurocGraph = nullptr;
    QCPGraph* mAuprGraph = nullptr;
    QCPItemStraightLine* mBestLoss = nullptr;
    QCPItemStraightLine* mBestAuc = nullptr;

    // Bottom: filters and results
    QTabWidget* mBottom = nullptr;
    RunFilterGrid* mFilters = nullptr;
    QTableWidget* mClassTable = nullptr;
    QCustomPlot* mRocPlot = nullptr;
    QCustomPlot* mPrPlot = nullptr;
    QLabel* mResultsNote = nullptr;
    int mResultsTab = -1;

    // Live state
    QTimer* mTick = nullptr;
    bool mLive = false;
    bool mDirty = false;
    int mReplots = 0;
    std::vector<double> mPendingBatchX, mPendingBatchY;
    std::vector<train::EpochRecord> mPendingEpochs;
    std::vector<train::EpochRecord> mEpochs;
    lab::LossSmoother mSmoother;
    int mSmootherEpochSize = 0;
    BatchProgress mLast;
    int mMaxEpochs = 0;
    int mPatience = 0;
    QString mRunLabel;
    std::shared_ptr<const lab::RunRecord> mShownRun;
};

}  // namespace motifloom::ui
