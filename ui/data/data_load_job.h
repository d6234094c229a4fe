#pragma once
// DataLoadJob: one background load of the data panel (a data set, or the motif database),
// run by QtConcurrent on Qt's global thread pool and watched by a QFutureWatcher, so that its
// end reaches the GUI thread as a queued call and the GUI never waits for it.
//
// Progress is polled by the GUI thread (fraction(), stage()): no signal per progress step.
// Results (data, database, error, cancelled) are written by the work and read by the GUI
// thread only after `done` has been called (the future's end orders the two).
// Destroying a job requests cancellation and waits for the work to stop (loadData checks the
// flag at every progress step, so this is short).

#include "lab/data_loader.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace motifloom::ui {

class DataLoadJob {
public:
    using Work = std::function<void(DataLoadJob&)>;
    explicit DataLoadJob(Work work);
    ~DataLoadJob();
    DataLoadJob(const DataLoadJob&) = delete;
    DataLoadJob& operator=(const DataLoadJob&) = delete;

    // Runs the work in the pool; `done` is queued to `context` (GUI thread) when it has ended,
    // however it ended.
    void start(QObject* context, std::function<void()> done);

    // The callback loadData gets: records progress, answers "keep going?".
    lab::LoadProgress progress();
    std::string stage() const;

    std::atomic<bool> cancelRequested{false};
    std::atomic<double> fraction{0.0};
    // Results, read by the GUI thread after `done`.
    std::shared_ptr<const lab::LoadedData> data;
    std::shared_ptr<const motif::MotifList> database;
    QString error;
    bool cancelled = false;

private:
    void run();

    Work mWork;
    QFuture<void> mFuture;
    std::unique_ptr<QFutureWatcher<void>> mWatcher;
    mutable std::mutex mMutex;
    std::string mStage;
};

}  // namespace motifloom::ui
