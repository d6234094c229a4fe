#include "training/training_controller.h"

#include "training/training_worker.h"

#include "train/race.h"
#include "train/trainer.h"

namespace motifloom::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<BatchProgress>();
    qRegisterMetaType<train::EpochRecord>();
    qRegisterMetaType<std::shared_ptr<const FilterSnapshot>>();
    qRegisterMetaType<std::shared_ptr<const lab::RunRecord>>();

    mThread.setObjectName(QStringLiteral("MotifLoom training"));
    mWorker = new TrainingWorker;  // no parent: it moves to mThread
    mWorker->moveToThread(&mThread);
    // Worker -> controller: queued (different threads), delivered in the GUI thread in order.
    connect(mWorker, &TrainingWorker::batchProgress, this, &TrainingController::batchProgress);
    connect(mWorker, &TrainingWorker::epochFinished, this, &TrainingController::epochFinished);
    // The match statistics of the current run's live snapshots (validation set, one per epoch),
    // kept here and put into its RunRecord when it finishes. All signals of one run arrive in
    // order from the worker's thread, before runFinished; runStarted (emitted here, directly
    // connected below before anyone else) starts a fresh history.
    auto matchHistory = std::make_shared<std::vector<lab::MatchPoint>>();
    connect(this, &TrainingController::runStarted, this, [matchHistory] { matchHistory->clear(); });
    connect(mWorker, &TrainingWorker::filtersUpdated, this,
            [this, matchHistory](std::shared_ptr<const FilterSnapshot> snapshot) {
                if (snapshot && snapshot->matched && !snapshot->final)
                    matchHistory->push_back(lab::matchPointOf(snapshot->epoch, snapshot->summary));
                Q_EMIT filtersUpdated(std::move(snapshot));
            });
    connect(mWorker, &TrainingWorker::message, this, &TrainingController::message);
    connect(mWorker, &TrainingWorker::finished, this, [this, matchHistory](std::shared_ptr<const lab::RunRecord> run) {
        if (run && !matchHistory->empty()) {
            // The record is immutable once shared: a copy (the weights stay shared) with the history.
            auto withHistory = std::make_shared<lab::RunRecord>(*run);
            withHistory->matchHistory = std::move(*matchHistory);
            run = std::move(withHistory);
        }
        matchHistory->clear();
        Q_EMIT runFinished(std::move(run));
        jobEnded();
    });
    connect(mWorker, &TrainingWorker::discarded, this, [this](const QString& reason) {
        Q_EMIT runDiscarded(reason);
        jobEnded();
    });
    connect(mWorker, &TrainingWorker::failed, this, [this](const QString& text) {
        Q_EMIT runFailed(text);
        jobEnded();
    });
    mThread.start();
}

TrainingController::~TrainingController() {
    // Cancel and join: fit returns within one batch, the worker skips the final evaluation.
    mWorker->abandon();
    for (TrainingWorker* w : mRaceWorkers) w->abandon();
    if (mControl) {
        mControl->cancel.store(true);
        mControl->pause.store(false);
    }
    mThread.quit();
    mThread.wait();
    delete mWorker;  // its thread has finished: safe from here
    for (TrainingWorker* w : mRaceWorkers) delete w;
}

void TrainingController::setState(State state) {
    if (state == mState) return;
    mState = state;
    Q_EMIT stateChanged(state);
}

bool TrainingController::start(TrainingJob job) {
    std::vector<TrainingJob> jobs;
    jobs.push_back(std::move(job));
    return startQueue(std::move(jobs));
}

bool TrainingController::startQueue(std::vector<TrainingJob> jobs, const QString& name) {
    if (isActive() || jobs.empty()) return false;
    mQueue.assign(std::make_move_iterator(jobs.begin()), std::make_move_iterator(jobs.end()));
    mQueueTotal = int(mQueue.size());
    mQueueDone = 0;
    mQueueName = name;
    mStopRequested = false;
    startNext();
    return true;
}

void TrainingController::startNext() {
    Q_ASSERT(!mQueue.empty());
    mCurrent = std::move(mQueue.front());
    mQueue.pop_front();
    Q_ASSERT(mCurrent->data);
    mControl = std::make_shared<train::TrainControl>();
    setState(State::Running);
    Q_EMIT runStarted(*mCurrent, mQueueDone + 1, mQueueTotal);
    // Runs in the worker's thread (the functor's context object lives there).
    QMetaObject::invokeMethod(
        mWorker, [worker = mWorker, job = *mCurrent, control = mControl] { worker->run(job, control); },
        Qt::QueuedConnection);
}

void TrainingController::jobEnded() {
    mCurrent.reset();
    mControl.reset();
    ++mQueueDone;
    if (!mStopRequested && !mQueue.empty()) {
        startNext();
        return;
    }
    mQueue.clear();
    setState(State::Idle);
    Q_EMIT queueFinished();
}

bool TrainingController::startRace(std::vector<TrainingJob> jobs) {
    const int lanes = int(jobs.size());
    if (isActive() || lanes < 2 || lanes > train::kMaxRaceLanes) return false;
    mRaceJobs = std::move(jobs);
    mRaceThreads = train::laneThreads(lanes);
    mControl = std::make_shared<train::TrainControl>();
    mQueue.clear();
    mQueueTotal = 1;
    mQueueDone = 0;
    mQueueName = QStringLiteral("race");
    mStopRequested = false;
    for (int lane = 0; lane < lanes; ++lane) {
        auto* worker = new TrainingWorker;
        worker->moveToThread(&mThread);
        mRaceWorkers.push_back(worker);
        // Emitted from the lane's thread: queued to this (GUI) thread, in order per lane.
        connect(worker, &TrainingWorker::batchProgress, this,
                [this, lane](const BatchProgress& p) { Q_EMIT raceBatchProgress(lane, p); });
        connect(worker, &TrainingWorker::epochFinished, this,
                [this, lane](const train::EpochRecord& r) { Q_EMIT raceEpochFinished(lane, r); });
        // The lane's live match statistics go into its RunRecord, as for a single run.
        auto matchHistory = std::make_shared<std::vector<lab::MatchPoint>>();
        connect(worker, &TrainingWorker::filtersUpdated, this,
                [this, lane, matchHistory](std::shared_ptr<const FilterSnapshot> snapshot) {
                    if (snapshot && snapshot->matched && !snapshot->final)
                        matchHistory->push_back(lab::matchPointOf(snapshot->epoch, snapshot->summary));
                    Q_EMIT raceFiltersUpdated(lane, std::move(snapshot));
                });
        connect(worker, &TrainingWorker::message, this, &TrainingController::message);
        connect(worker, &TrainingWorker::finished, this, [this, matchHistory](std::shared_ptr<const lab::RunRecord> run) {
            if (run && !matchHistory->empty()) {
                auto withHistory = std::make_shared<lab::RunRecord>(*run);
                withHistory->matchHistory = std::move(*matchHistory);
                run = std::move(withHistory);
            }
            Q_EMIT runFinished(std::move(run));
        });
        connect(worker, &TrainingWorker::discarded, this, &TrainingController::runDiscarded);
        connect(worker, &TrainingWorker::failed, this, &TrainingController::runFailed);
    }
    setState(State::Running);
    Q_EMIT raceStarted();
    // The driver runs in the controller's thread and blocks it until every lane has returned;
    // its "ended" call is posted after the lanes' last signals, so it arrives after them.
    QMetaObject::invokeMethod(
        mWorker,
        [this, workers = mRaceWorkers, jobs = mRaceJobs, control = mControl] {
            train::runLanes(int(workers.size()), [&](int lane) { workers[std::size_t(lane)]->run(jobs[std::size_t(lane)], control); });
            QMetaObject::invokeMethod(this, [this] { raceEnded(); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return true;
}

void TrainingController::raceEnded() {
    for (TrainingWorker* w : mRaceWorkers) w->deleteLater();  // idle now; deleted in their thread
    mRaceWorkers.clear();
    mRaceJobs.clear();
    mRaceThreads = 0;
    mControl.reset();
    mQueueDone = 1;
    setState(State::Idle);
    Q_EMIT queueFinished();
}

void TrainingController::setPaused(bool paused) {
    if (!mControl || mState == State::Stopping) return;
    mControl->pause.store(paused);
    setState(paused ? State::Paused : State::Running);
}

void TrainingController::stop() {
    if (!isActive()) return;
    mStopRequested = true;
    mQueue.clear();
    if (mControl) {
        mControl->cancel.store(true);  // directly: the worker thread is busy in fit()
        mControl->pause.store(false);
    }
    setState(State::Stopping);
}

}  // namespace motifloom::ui
