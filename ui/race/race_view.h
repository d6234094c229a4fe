#pragma once
// RaceView: the "Race" tab. Two to four architectures trained at the same time on the same data
// (TrainingController::startRace) in one view, for a class to watch them learn side by side:
//
//   header     what races, on which data, how the threads are split
//   curves     validation loss, validation AUROC and match-GT per epoch on shared axes, one
//              colour per architecture (the same colour frames its column below), legend
//   columns    one per architecture: its name, state and epoch, a large match-GT figure (the
//              fraction of filters matching a planted motif: the paper's "whole vs partial
//              motifs" in one number), then its first-layer filters as a compact logo grid
//              (best-match captions, filters matching a planted motif framed, RunFilterGrid)
//
// Everything updates after each epoch; when a lane ends its column shows the kept run's final
// filters (test set) and test AUROC. Clicking a logo emits filterClicked(lane, filter).
// setMatchesHidden hides the match figures and curve ("predict first, then look") for lessons.
//
// Only the GUI thread touches it; it keeps copies / shared immutable snapshots of what it shows.

#include "lab/run_record.h"
#include "training/training_types.h"

#include <QColor>
#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QFrame;
class QLabel;
class QScrollArea;
class QHBoxLayout;

namespace motifloom::ui {

class RunFilterGrid;
class TrainingController;

class RaceView : public QWidget {
    Q_OBJECT
public:
    explicit RaceView(QWidget* parent = nullptr);
    ~RaceView() override;

    // Follows `controller`'s races (not owned; must outlive the view).
    void attach(TrainingController* controller);

    // A new race of `jobs` (lane order), each lane on `threadsEach` threads: clears the view.
    void startRace(const std::vector<TrainingJob>& jobs, int threadsEach);
    void addEpoch(int lane, const train::EpochRecord& record);
    void setFilters(int lane, std::shared_ptr<const FilterSnapshot> snapshot);
    void setProgress(int lane, const BatchProgress& progress);
    // A kept run; ignored unless it is one of the race's (by run id).
    void setRunFinished(std::shared_ptr<const lab::RunRecord> run);
    // The race is over: lanes without a kept run say so.
    void setRaceEnded();
    void setPaused(bool paused);

    void setMatchesHidden(bool hidden);
    bool matchesHidden() const { return mMatchesHidden; }

    // ---- for tests and scripting ----
    int laneCount() const { return int(mLanes.size()); }
    bool isRacing() const { return mRacing; }
    QString laneTitle(int lane) const;
    QString laneStatus(int lane) const;        // plain text, e.g. "epoch 3 of 50 · training"
    double laneMatchGroundTruth(int lane) const;  // of the latest filters; NaN without
    int laneEpochs(int lane) const;
    RunFilterGrid* laneGrid(int lane) const;
    std::shared_ptr<const lab::RunRecord> laneRun(int lane) const;
    QCustomPlot* lossPlot() const { return mLossPlot; }
    QCustomPlot* aurocPlot() const { return mAurocPlot; }
    QCustomPlot* matchPlot() const { return mMatchPlot; }
    QColor laneColor(int lane) const;

Q_SIGNALS:
    void filterClicked(int lane, int filter);

private:
    struct Lane {
        QString label;
        int runId = 0;
        int maxEpochs = 0;
        QColor color;
        std::vector<train::EpochRecord> epochs;
        std::shared_ptr<const FilterSnapshot> filters;
        std::shared_ptr<const lab::RunRecord> run;
        int batch = 0, batchesPerEpoch = 0, epochInProgress = 0;
        bool ended = false;
        QString endNote;  // why no run was kept
        QFrame* column = nullptr;
        QLabel* title = nullptr;
        QLabel* status = nullptr;
        QLabel* figure = nullptr;
        QLabel* figureNote = nullptr;
        QScrollArea* scroll = nullptr;
        RunFilterGrid* grid = nullptr;
        QCPGraph* lossGraph = nullptr;
        QCPGraph* trainGraph = nullptr;
        QCPGraph* aurocGraph = nullptr;
        QCPGraph* matchGraph = nullptr;
    };

    void clearLanes();
    void updateLaneHeader(int lane);
    void replot();
    Lane* laneOf(int lane);

    std::vector<Lane> mLanes;
    bool mRacing = false;
    bool mPaused = false;
    bool mMatchesHidden = false;
    QLabel* mTitle = nullptr;
    QLabel* mEmpty = nullptr;
    QWidget* mBody = nullptr;
    QCustomPlot* mLossPlot = nullptr;
    QCustomPlot* mAurocPlot = nullptr;
    QCustomPlot* mMatchPlot = nullptr;
    QHBoxLayout* mColumns = nullptr;
};

}  // namespace motifloom::ui
