#include "training/training_worker.h"

#include "interpret/filter_layer.h"
#include "lab/data_truth.h"
#include "train/evaluation.h"
#include "util/input_error.h"

#include <QDateTime>

#include <chrono>
#include <cmath>

namespace motifloom::ui {
namespace {

using Clock = std::chrono::steady_clock;

// At most one BatchProgress per this interval (plus the last batch of every epoch).
constexpr auto kBatchInterval = std::chrono::milliseconds(25);

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

lab::RunStatus statusOf(train::StopReason reason) {
    switch (reason) {
    case train::StopReason::MaxEpochs: return lab::RunStatus::Finished;
    case train::StopReason::EarlyStopping: return lab::RunStatus::EarlyStopped;
    case train::StopReason::Cancelled: return lab::RunStatus::Stopped;
    case train::StopReason::Diverged: return lab::RunStatus::Diverged;
    }
    return lab::RunStatus::Finished;
}

// Posts value snapshots from fit() (training thread) as the worker's queued signals.
class Observer final : public train::TrainObserver {
public:
    using SnapshotFn = std::function<void(const train::EpochRecord&, std::shared_ptr<const nn::Network>)>;

    Observer(TrainingWorker& worker, const train::TrainControl& control, int maxEpochs, Clock::time_point start,
             SnapshotFn snapshot)
        : mWorker(worker), mControl(control), mMaxEpochs(maxEpochs), mStart(start), mSnapshot(std::move(snapshot)) {}

    long steps() const { return mStep; }
    // Every batch's loss at its fractional epoch, for the run's smoothed loss curve.
    const std::vector<double>& batchX() const { return mBatchX; }
    const std::vector<double>& batchLoss() const { return mBatchLoss; }
    int batchesPerEpoch() const { return mBatchesPerEpoch; }

    void onBatch(const train::BatchSnapshot& b) override {
        ++mStep;
        mPending.losses.push_back(b.loss);
        mBatchX.push_back((b.epoch - 1) + double(b.batch) / std::max(1, b.batchesPerEpoch));
        mBatchLoss.push_back(b.loss);
        mBatchesPerEpoch = b.batchesPerEpoch;
        const auto now = Clock::now();
        // Report at once when pausing or stopping, so the GUI shows exactly where it halted.
        const bool halting = mControl.pause.load() || mControl.cancel.load();
        if (now - mLastEmit < kBatchInterval && b.batch < b.batchesPerEpoch && !halting) return;
        mLastEmit = now;
        mPending.epoch = b.epoch;
        mPending.batch = b.batch;
        mPending.batchesPerEpoch = b.batchesPerEpoch;
        mPending.maxEpochs = mMaxEpochs;
        mPending.step = mStep;
        mPending.sequencesPerSecond = b.sequencesPerSecond;
        mPending.elapsedSeconds = std::chrono::duration<double>(now - mStart).count();
        Q_EMIT mWorker.batchProgress(mPending);
        mPending.losses.clear();
    }

    void onEpoch(const train::EpochRecord& record, std::shared_ptr<const nn::Network> net) override {
        Q_EMIT mWorker.epochFinished(record);
        if (mSnapshot) mSnapshot(record, std::move(net));
    }

    void onMessage(const std::string& text) override { Q_EMIT mWorker.message(QString::fromStdString(text)); }

private:
    TrainingWorker& mWorker;
    const train::TrainControl& mControl;
    int mMaxEpochs;
    Clock::time_point mStart;
    SnapshotFn mSnapshot;
    BatchProgress mPending;
    Clock::time_point mLastEmit{};
    long mStep = 0;
    std::vector<double> mBatchX, mBatchLoss;
    int mBatchesPerEpoch = 0;
};

}  // namespace

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {}
TrainingWorker::~TrainingWorker() = default;

std::shared_ptr<const interpret::FilterMatcher> TrainingWorker::matcherFor(const std::string& path,
                                                                          std::string* note) {
    if (auto it = mMatchers.find(path); it != mMatchers.end()) return it->second;
    if (auto it = mMatcherErrors.find(path); it != mMatcherErrors.end()) {
        *note = it->second;
        return nullptr;
    }
    try {
        auto db = lab::motifDatabase(path);
        auto matcher = std::make_shared<const interpret::FilterMatcher>(*db);
        mMatchers[path] = matcher;
        return matcher;
    } catch (const std::exception& e) {
        *note = std::string("no motif comparison: ") + e.what();
        mMatcherErrors[path] = *note;
        return nullptr;
    }
}

FilterSnapshot TrainingWorker::computeFilters(const std::shared_ptr<const nn::Network>& net,
                                              const seqio::SequenceSet& data, const lab::LoadedData& loaded,
                                              const interpret::FilterMatcher* matcher,
                                              const std::string& matchNote) {
    FilterSnapshot s;
    s.network = net;
    s.pwms = interpret::activationPwms(*net, data, 1);
    if (matcher) {
        // The one rule for true motifs (planted, mapped by the user, proposed from class names).
        const interpret::RunTruth truth = lab::runTruth(loaded, matcher->database());
        s.truth = truth.keys();
        s.truthNames = truth.names();
        s.matches = matcher->match(s.pwms, interpret::ClipOptions{}, s.truth);
        s.summary = interpret::summarise(s.matches, int(s.truth.size()));
        s.matched = true;
    } else {
        s.matchNote = matchNote;
    }
    return s;
}

void TrainingWorker::run(const TrainingJob& job, std::shared_ptr<train::TrainControl> control) {
    const auto start = Clock::now();
    try {
        Q_ASSERT(job.data);
        const lab::LoadedData& data = *job.data;
        const seqio::DataSplits& splits = data.splits;

        std::string matchNote;
        std::shared_ptr<const interpret::FilterMatcher> matcher;
        bool filtersReadable = interpret::convLayerCount(job.architecture) > 0;
        if (filtersReadable) matcher = matcherFor(data.recipe.motifDatabase, &matchNote);

        auto snapshotFn = [&](const train::EpochRecord& record, std::shared_ptr<const nn::Network> net) {
            if (!job.liveFilters || !filtersReadable || control->cancel.load() || mAbandoned.load()) return;
            try {
                auto snap = std::make_shared<FilterSnapshot>(
                    computeFilters(net, splits.valid, data, matcher.get(), matchNote));
                snap->epoch = record.epoch;
                snap->dataPart = "validation";
                Q_EMIT filtersUpdated(std::move(snap));
            } catch (const std::exception& e) {
                // e.g. a first layer that cannot be read out (pooling before it): train on, say so once
                filtersReadable = false;
                Q_EMIT message(QStringLiteral("Filters cannot be shown for this architecture: %1").arg(e.what()));
            }
        };
        Observer observer(*this, *control, job.architecture.training.maxEpochs, start, snapshotFn);

        train::TrainResult result = train::fit(job.architecture, splits, *control, &observer);
        if (mAbandoned.load()) return;

        if (result.history.epochs.empty()) {
            if (result.stopReason == train::StopReason::Diverged)
                Q_EMIT failed(QStringLiteral("Training diverged in the first epoch: %1")
                                  .arg(QString::fromStdString(result.message)));
            else
                Q_EMIT discarded(QStringLiteral("%1 was stopped before its first epoch finished; nothing to keep.")
                                     .arg(QString::fromStdString(job.label)));
            return;
        }

        auto run = std::make_shared<lab::RunRecord>();
        run->id = job.runId;
        run->label = job.label;
        run->architecture = job.architecture;
        run->dataRecipe = data.recipe;
        run->dataSummary = data.recipe.describe();
        run->classNames = data.classNames;
        run->sweep = job.sweep;
        run->trial = job.trial;
        run->history = std::move(result.history);
        run->status = statusOf(result.stopReason);
        run->message = result.message;
        run->steps = observer.steps();
        {
            lab::LossSmoother smoother(observer.batchesPerEpoch());
            std::vector<double> smooth;
            smooth.reserve(observer.batchLoss().size());
            for (double l : observer.batchLoss()) smooth.push_back(std::round(smoother.add(l) * 1e6) / 1e6);
            run->batchLoss = lab::downsample(observer.batchX(), smooth, 600);
        }
        auto net = std::make_shared<const nn::Network>(std::move(result.network));
        run->network = net;

        const bool hasTest = splits.test.size() > 0;
        if (hasTest) {
            Q_EMIT message(QStringLiteral("Scoring %1 on %2 test sequences...")
                               .arg(QString::fromStdString(job.label))
                               .arg(splits.test.size()));
            const train::Evaluation ev = train::evaluate(*net, splits.test);
            run->tested = true;
            run->testLoss = ev.loss.data;
            run->test = ev.metrics;
            lab::classCurves(ev.probabilities, splits.test.labels, splits.test.size(), splits.test.numClasses(),
                        run->roc, run->pr);
        }
        if (mAbandoned.load()) return;
        if (filtersReadable) {
            try {
                const seqio::SequenceSet& part = hasTest ? splits.test : splits.valid;
                auto snap = std::make_shared<FilterSnapshot>(computeFilters(net, part, data, matcher.get(), matchNote));
                snap->epoch = run->history.bestEpoch();
                snap->final = true;
                snap->dataPart = hasTest ? "test" : "validation";
                lab::RunFilters f;
                f.dataPart = snap->dataPart;
                f.pwms = snap->pwms;
                f.matched = snap->matched;
                f.matches = snap->matches;
                f.summary = snap->summary;
                f.truth = snap->truth;
                f.truthNames = snap->truthNames;
                f.matchNote = snap->matchNote;
                run->filters = std::move(f);
                Q_EMIT filtersUpdated(std::move(snap));
            } catch (const std::exception& e) {
                Q_EMIT message(QStringLiteral("Filters cannot be shown for this architecture: %1").arg(e.what()));
            }
        }
        if (mAbandoned.load()) return;
        run->seconds = secondsSince(start);
        run->created = QDateTime::currentDateTime().toString(Qt::ISODate).toStdString();
        Q_EMIT finished(std::move(run));
    } catch (const std::exception& e) {
        if (!mAbandoned.load()) Q_EMIT failed(QString::fromStdString(e.what()));
    }
}

}  // namespace motifloom::ui
