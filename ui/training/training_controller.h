#pragma once
// TrainingController: starts, pauses and stops training runs without ever blocking the GUI
// thread. Lives in the GUI thread; owns a QThread with a TrainingWorker (training_worker.h)
// that runs train::fit (the core trainer, parallel on oneTBB) one job at a time.
//
//   controller.start(job);                 // one run
//   controller.startQueue(jobs, "sweep");  // several, one after another (a sweep)
//   controller.setPaused(true / false);    // between batches
//   controller.stop();                     // cancels the run (kept as "stopped") and the queue
//
// Threading: stop / pause set the shared atomic flags of train::TrainControl
// directly (fit checks them between batches, so a stop takes effect within one batch); all
// results come back as queued signals carrying value snapshots; nothing here calls
// processEvents. The destructor cancels the run and joins the thread.
//
// Signals for one run, in order: runStarted, then batchProgress / epochFinished /
// filtersUpdated (live, after every epoch) / message, then exactly one of runFinished (a
// RunRecord; also for stopped and diverged runs with >= 1 epoch), runDiscarded (stopped
// before the first epoch ended) or runFailed (an error message for the window). After the
// last job: queueFinished. stateChanged accompanies every state change.
//
// A race (startRace): 2-4 jobs trained at the same time, each on a lane of its own with an
// equal share of the threads (core/train/race.h runs the lanes; one extra TrainingWorker per
// lane). Pause and stop act on all lanes (one shared TrainControl). A race emits raceStarted,
// then per lane raceBatchProgress / raceEpochFinished / raceFiltersUpdated (lane = index in
// the jobs), message, and exactly one of runFinished / runDiscarded / runFailed per lane (the
// kept runs are ordinary runs); when every lane has ended: queueFinished. The single-run
// signals runStarted / batchProgress / epochFinished / filtersUpdated are not used by a race.

#include "lab/run_record.h"
#include "training/training_types.h"

#include <QObject>
#include <QThread>

#include <deque>
#include <memory>
#include <optional>

namespace motifloom::train {
struct TrainControl;
}

namespace motifloom::ui {

class TrainingWorker;

class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Stopping };
    Q_ENUM(State)

    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    State state() const { return mState; }
    bool isActive() const { return mState != State::Idle; }

    // Starts one job / a queue of jobs. Returns false (and does nothing) while a run is
    // active or when `jobs` is empty. Every job needs data (asserted).
    bool start(TrainingJob job);
    bool startQueue(std::vector<TrainingJob> jobs, const QString& name = {});

    // Trains 2-4 jobs at the same time (see above). Returns false (and does nothing) while a
    // run is active or for fewer than 2 or more than 4 jobs. Every job needs data (asserted).
    bool startRace(std::vector<TrainingJob> jobs);
    bool isRacing() const { return !mRaceJobs.empty(); }
    // The jobs of the race in progress (lane order); empty when not racing.
    const std::vector<TrainingJob>& raceJobs() const { return mRaceJobs; }
    // Threads each lane of the race in progress gets (0 when not racing).
    int raceLaneThreads() const { return mRaceThreads; }

    // Pause / resume the current run between batches (no effect when idle).
    void setPaused(bool paused);
    // Cancels the current run (kept if >= 1 epoch finished) and drops the queued jobs.
    void stop();

    // The job being trained, or null when idle.
    const TrainingJob* currentJob() const { return mCurrent ? &*mCurrent : nullptr; }
    int queueIndex() const { return mQueueDone + 1; }  // 1-based position of the current job
    int queueTotal() const { return mQueueTotal; }
    QString queueName() const { return mQueueName; }

Q_SIGNALS:
    void stateChanged(motifloom::ui::TrainingController::State state);
    void runStarted(const motifloom::ui::TrainingJob& job, int index, int total);
    void batchProgress(const motifloom::ui::BatchProgress& progress);
    void epochFinished(const motifloom::train::EpochRecord& record);
    void filtersUpdated(std::shared_ptr<const motifloom::ui::FilterSnapshot> snapshot);
    void message(const QString& text);
    void runFinished(std::shared_ptr<const motifloom::lab::RunRecord> run);
    void runDiscarded(const QString& reason);
    void runFailed(const QString& message);
    void queueFinished();
    void raceStarted();
    void raceBatchProgress(int lane, const motifloom::ui::BatchProgress& progress);
    void raceEpochFinished(int lane, const motifloom::train::EpochRecord& record);
    void raceFiltersUpdated(int lane, std::shared_ptr<const motifloom::ui::FilterSnapshot> snapshot);

private:
    void setState(State state);
    void startNext();
    void jobEnded();
    void raceEnded();  // every lane has returned (posted by the race's driver)

    QThread mThread;
    TrainingWorker* mWorker = nullptr;  // lives in mThread; deleted after it stops
    State mState = State::Idle;
    std::shared_ptr<train::TrainControl> mControl;
    std::optional<TrainingJob> mCurrent;
    std::deque<TrainingJob> mQueue;
    int mQueueTotal = 0;
    int mQueueDone = 0;
    QString mQueueName;
    bool mStopRequested = false;
    // The race in progress: its jobs and one worker per lane (living in mThread, deleted once
    // the lanes have returned).
    std::vector<TrainingJob> mRaceJobs;
    std::vector<TrainingWorker*> mRaceWorkers;
    int mRaceThreads = 0;
};

}  // namespace motifloom::ui
