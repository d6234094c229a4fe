#include "data/data_load_job.h"

#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace motifloom::ui {

DataLoadJob::DataLoadJob(Work work) : mWork(std::move(work)) {}

DataLoadJob::~DataLoadJob() {
    cancelRequested = true;
    if (mWatcher) mWatcher->disconnect();  // no `done` for a job that is gone
    mFuture.waitForFinished();
}

void DataLoadJob::start(QObject* context, std::function<void()> done) {
    mWatcher = std::make_unique<QFutureWatcher<void>>();
    // Queued: `done` may delete this job, which must not happen inside the watcher's signal.
    QObject::connect(mWatcher.get(), &QFutureWatcher<void>::finished, context, std::move(done),
                     Qt::QueuedConnection);
    mFuture = QtConcurrent::run([this] { run(); });
    mWatcher->setFuture(mFuture);
}

void DataLoadJob::run() {
    try {
        mWork(*this);
    } catch (const seqio::LoadCancelled&) {
        cancelled = true;
    } catch (const std::exception& e) {
        error = QString::fromUtf8(e.what());
    } catch (...) {
        error = QObject::tr("unexpected error while loading");
    }
}

lab::LoadProgress DataLoadJob::progress() {
    return [this](double f, const std::string& stage) {
        fraction = f;
        {
            const std::lock_guard lock(mMutex);
            mStage = stage;
        }
        return !cancelRequested.load();
    };
}

std::string DataLoadJob::stage() const {
    const std::lock_guard lock(mMutex);
    return mStage;
}

}  // namespace motifloom::ui
