// Tests for the training controller (ui/training_controller.h) and the live dashboard: short
// real training runs on tiny synthetic data driven through the controller's signals; stop and
// pause mid-run; errors as messages; and the event loop's responsiveness while training.
#include "training/dashboard.h"
#include "training/training_controller.h"

#include "arch/presets.h"
#include "util/parallel.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

#include <cmath>
#include <ctime>
#include <fstream>

using namespace motifloom;
using namespace motifloom::ui;

namespace {

// CPU time of the calling thread: what it actually ran, not counting time it waited for a core.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Time the calling thread has spent runnable but waiting for a CPU (Linux schedstat, field 2),
// in ms; 0 where the kernel does not report it.
double threadRunQueueMs() {
    std::ifstream in("/proc/thread-self/schedstat");
    unsigned long long onCpu = 0, waiting = 0;
    if (!(in >> onCpu >> waiting)) return 0;
    return double(waiting) / 1e6;
}

// A small version of the paper's synthetic data: 3 of its motifs, from the bundled JASPAR file.
std::shared_ptr<const lab::LoadedData> tinyData(int count, int length, std::uint64_t seed = 5) {
    lab::DataRecipe recipe;
    recipe.motifIds = {"MA0079.3", "MA0058.2", "MA0095.2"};  // SP1, MAX, YY1
    recipe.count = count;
    recipe.length = length;
    recipe.kProbs = {0.7, 0.3};
    recipe.seed = seed;
    return std::make_shared<const lab::LoadedData>(lab::loadData(recipe));
}

// conv -> BN -> ReLU -> pool -> flatten -> dense: seconds to train on a few hundred sequences.
arch::Architecture tinyArch(int length, int classes, int filters = 6, int epochs = 2, int batch = 25) {
    arch::Architecture a;
    a.name = "tiny";
    a.inputLength = length;
    a.numClasses = classes;
    a.layers = {arch::LayerSpec::conv(filters, 9), arch::LayerSpec::batchNorm(),
                arch::LayerSpec::act(arch::ActivationType::ReLU), arch::LayerSpec::maxPool(10),
                arch::LayerSpec::flatten(), arch::LayerSpec::dense(classes, true)};
    a.training.batchSize = batch;
    a.training.maxEpochs = epochs;
    a.training.patience = 0;
    a.training.learningRate = 0.01;
    a.training.seed = 11;
    return a;
}

TrainingJob job(const arch::Architecture& a, std::shared_ptr<const lab::LoadedData> data, int id = 1) {
    TrainingJob j;
    j.runId = id;
    j.architecture = a;
    j.data = std::move(data);
    j.label = jobLabel(a);
    return j;
}

std::shared_ptr<const lab::RunRecord> runOf(const QSignalSpy& spy, int i = 0) {
    return spy.at(i).at(0).value<std::shared_ptr<const lab::RunRecord>>();
}

}  // namespace

class TestTrainingController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void twoEpochs();
    void stopMidRun();
    void pauseThenStop();
    void invalidArchitectureIsAMessage();
    void queueRunsEveryJob();
    void destructorJoinsMidRun();
    void eventLoopStaysResponsive();
    void fitArchitectureToData_data();
    void fitArchitectureToData();

private:
    std::shared_ptr<const lab::LoadedData> mTiny;
};

void TestTrainingController::initTestCase() {
    mTiny = tinyData(400, 60);
    QCOMPARE(mTiny->classNames.size(), std::size_t(3));
    QVERIFY(mTiny->splits.test.size() > 0);
}

void TestTrainingController::twoEpochs() {
    TrainingController controller;
    QSignalSpy started(&controller, &TrainingController::runStarted);
    QSignalSpy batches(&controller, &TrainingController::batchProgress);
    QSignalSpy epochs(&controller, &TrainingController::epochFinished);
    QSignalSpy filters(&controller, &TrainingController::filtersUpdated);
    QSignalSpy finished(&controller, &TrainingController::runFinished);
    QSignalSpy failed(&controller, &TrainingController::runFailed);
    QSignalSpy idle(&controller, &TrainingController::queueFinished);

    const arch::Architecture a = tinyArch(60, 3);
    QVERIFY(controller.start(job(a, mTiny, 7)));
    QCOMPARE(controller.state(), TrainingController::State::Running);
    QVERIFY(!controller.start(job(a, mTiny)));  // busy: refused
    QVERIFY(finished.wait(60000));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).toString()));
    QVERIFY(idle.count() == 1 || idle.wait(5000));
    QCOMPARE(controller.state(), TrainingController::State::Idle);
    QCOMPARE(started.count(), 1);

    // One epochFinished per epoch, in order.
    QCOMPARE(epochs.count(), 2);
    for (int e = 0; e < 2; ++e) {
        const auto rec = epochs.at(e).at(0).value<train::EpochRecord>();
        QCOMPARE(rec.epoch, e + 1);
        QVERIFY(std::isfinite(rec.trainLoss) && std::isfinite(rec.validLoss));
    }

    // Coalesced batch progress still accounts for every batch, and ends each epoch.
    const long batchesPerEpoch = long((mTiny->splits.train.size() + 24) / 25);
    long losses = 0;
    for (const auto& args : batches) losses += long(args.at(0).value<BatchProgress>().losses.size());
    QCOMPARE(losses, 2 * batchesPerEpoch);
    const auto last = batches.last().at(0).value<BatchProgress>();
    QCOMPARE(last.epoch, 2);
    QCOMPARE(last.batch, int(batchesPerEpoch));
    QCOMPARE(last.step, 2 * batchesPerEpoch);

    // Live filters after each epoch (validation set), then the final ones (test set).
    QCOMPARE(filters.count(), 3);
    const auto live = filters.at(0).at(0).value<std::shared_ptr<const FilterSnapshot>>();
    QCOMPARE(live->epoch, 1);
    QVERIFY(!live->final);
    QCOMPARE(live->dataPart, std::string("validation"));
    QCOMPARE(int(live->pwms.filters.size()), 6);
    QVERIFY(live->network);
    QVERIFY(live->matched);  // the bundled JASPAR file is there in the build tree
    QCOMPARE(live->truth, (std::vector<std::string>{"MA0079.3", "MA0058.2", "MA0095.2"}));
    const auto fin = filters.at(2).at(0).value<std::shared_ptr<const FilterSnapshot>>();
    QVERIFY(fin->final);
    QCOMPARE(fin->dataPart, std::string("test"));

    // The run keeps everything.
    const auto run = runOf(finished);
    QCOMPARE(run->id, 7);
    QCOMPARE(run->status, lab::RunStatus::Finished);
    QCOMPARE(run->epochs(), 2);
    QCOMPARE(run->steps, 2 * batchesPerEpoch);
    QVERIFY(run->network);
    QVERIFY(run->tested);
    QCOMPARE(run->test.numClasses, 3);
    QVERIFY(run->testAuroc() > 0.0 && run->testAuroc() <= 1.0);
    QCOMPARE(int(run->roc.size()), 3);
    QVERIFY(run->roc[0].x.size() >= 2);
    QCOMPARE(run->roc[0].x.front(), 0.0);
    QCOMPARE(run->roc[0].x.back(), 1.0);
    QVERIFY(run->filters && run->filters->matched);
    QCOMPARE(run->filters->summary.filters, 6);
    QVERIFY(run->matchAny() >= 0.0 && run->matchAny() <= 1.0);
    QCOMPARE(run->architecture, a);
    QVERIFY(run->dataRecipe == mTiny->recipe);
}

void TestTrainingController::stopMidRun() {
    // Batches of tens of ms (longer than the 25 ms reporting interval, so every batch is
    // reported on its own), several per epoch; stop right after the second epoch has begun.
    auto data = tinyData(8000, 200, 9);
    arch::Architecture a = tinyArch(200, 3, 128, 50, 1000);
    a.layers[0] = arch::LayerSpec::conv(128, 19);
    TrainingController controller;
    QSignalSpy finished(&controller, &TrainingController::runFinished);
    QSignalSpy epochs(&controller, &TrainingController::epochFinished);
    long stepAtStop = -1;
    double batchMs = 0;
    qint64 fitReturnedMs = -1;
    QElapsedTimer sinceStop;
    connect(&controller, &TrainingController::batchProgress, this, [&](const BatchProgress& p) {
        if (stepAtStop < 0 && p.epoch == 2) {
            stepAtStop = p.step;
            batchMs = 1000.0 * 1000 / std::max(1.0, p.sequencesPerSecond);
            sinceStop.start();
            controller.stop();
            QCOMPARE(controller.state(), TrainingController::State::Stopping);
        }
    });
    // The worker says "Scoring ... on the test set" as soon as fit() has returned.
    connect(&controller, &TrainingController::message, this, [&](const QString& text) {
        if (stepAtStop >= 0 && fitReturnedMs < 0 && text.startsWith("Scoring")) fitReturnedMs = sinceStop.elapsed();
    });
    QVERIFY(controller.start(job(a, data)));
    QVERIFY(finished.wait(120000));
    const qint64 keptMs = sinceStop.elapsed();
    const auto run = runOf(finished);
    qInfo("stop -> training returned %lld ms, run kept (test set scored, filters matched) %lld ms; a batch takes "
          "%.0f ms; batches after the last report: %ld",
          fitReturnedMs, keptMs, batchMs, run->steps - stepAtStop);
    QCOMPARE(run->status, lab::RunStatus::Stopped);
    QCOMPARE(run->epochs(), 1);             // the epoch under way is abandoned, not completed
    QCOMPARE(epochs.count(), 1);
    QVERIFY(run->steps - stepAtStop <= 1);  // at most the batch that was running
    QVERIFY(fitReturnedMs >= 0);
    QVERIFY(run->network);                  // the best (only) epoch's weights
    QVERIFY(run->tested);
    QCOMPARE(controller.state(), TrainingController::State::Idle);
}

void TestTrainingController::pauseThenStop() {
    auto data = tinyData(1500, 100, 13);
    arch::Architecture a = tinyArch(100, 3, 16, 50, 20);
    TrainingController controller;
    QSignalSpy finished(&controller, &TrainingController::runFinished);
    QSignalSpy discarded(&controller, &TrainingController::runDiscarded);
    BatchProgress last;
    bool paused = false;
    connect(&controller, &TrainingController::batchProgress, this, [&](const BatchProgress& p) {
        last = p;
        if (!paused) {
            paused = true;
            controller.setPaused(true);
        }
    });
    QVERIFY(controller.start(job(a, data)));
    QTRY_VERIFY_WITH_TIMEOUT(paused, 60000);
    QCOMPARE(controller.state(), TrainingController::State::Paused);
    // While paused nothing advances (the worker reports the batch it paused after at once).
    QTest::qWait(300);
    const BatchProgress pausedAt = last;
    QTest::qWait(300);
    QCOMPARE(last.step, pausedAt.step);
    controller.stop();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() + discarded.count() == 1, 30000);
    // Paused after the last batch of an epoch, that epoch was completed (and validated).
    const int completed = pausedAt.epoch - (pausedAt.batch == pausedAt.batchesPerEpoch ? 0 : 1);
    if (completed == 0) {  // nothing finished: nothing to keep
        QCOMPARE(discarded.count(), 1);
        QVERIFY(discarded.at(0).at(0).toString().contains("before its first epoch"));
    } else {               // the finished epochs are kept; no batch ran after the pause
        const auto run = runOf(finished);
        QCOMPARE(run->status, lab::RunStatus::Stopped);
        QCOMPARE(run->epochs(), completed);
        QCOMPARE(run->steps, pausedAt.step);
    }
    QCOMPARE(controller.state(), TrainingController::State::Idle);
}

void TestTrainingController::invalidArchitectureIsAMessage() {
    TrainingController controller;
    QSignalSpy failed(&controller, &TrainingController::runFailed);
    QSignalSpy finished(&controller, &TrainingController::runFinished);
    arch::Architecture a = tinyArch(60, 3);
    a.layers.erase(a.layers.begin() + 4);  // no Flatten before Dense
    QVERIFY(controller.start(job(a, mTiny)));
    QVERIFY(failed.wait(30000));
    QVERIFY(failed.at(0).at(0).toString().contains("cannot be trained"));
    QCOMPARE(finished.count(), 0);
    QCOMPARE(controller.state(), TrainingController::State::Idle);

    // A diverging run (absurd learning rate) is reported, never a crash.
    arch::Architecture wild = tinyArch(60, 3, 6, 3);
    wild.training.learningRate = 1e30;
    wild.training.optimizer = arch::OptimizerKind::Sgd;
    QSignalSpy ended(&controller, &TrainingController::queueFinished);
    QVERIFY(controller.start(job(wild, mTiny)));
    QVERIFY(ended.wait(30000));
    QCOMPARE(controller.state(), TrainingController::State::Idle);
    if (!finished.isEmpty()) QCOMPARE(runOf(finished)->status, lab::RunStatus::Diverged);
    else QVERIFY(failed.count() == 2 && failed.at(1).at(0).toString().contains("diverged"));
}

void TestTrainingController::queueRunsEveryJob() {
    TrainingController controller;
    QSignalSpy started(&controller, &TrainingController::runStarted);
    QSignalSpy finished(&controller, &TrainingController::runFinished);
    QSignalSpy ended(&controller, &TrainingController::queueFinished);
    std::vector<TrainingJob> jobs;
    for (int t = 1; t <= 3; ++t) {
        arch::Architecture a = tinyArch(60, 3, 4, 1);
        a.training.seed = std::uint64_t(100 + t);
        TrainingJob j = job(a, mTiny, t);
        j.trial = t;
        j.sweep = "test sweep";
        j.liveFilters = false;
        jobs.push_back(j);
    }
    QVERIFY(controller.startQueue(jobs, "test sweep"));
    QVERIFY(ended.wait(60000));
    QCOMPARE(started.count(), 3);
    QCOMPARE(finished.count(), 3);
    for (int t = 0; t < 3; ++t) {
        QCOMPARE(started.at(t).at(1).toInt(), t + 1);
        QCOMPARE(started.at(t).at(2).toInt(), 3);
        QCOMPARE(runOf(finished, t)->trial, t + 1);
        QCOMPARE(runOf(finished, t)->seed(), std::uint64_t(101 + t));
        QCOMPARE(runOf(finished, t)->sweep, std::string("test sweep"));
    }
    // Different seeds, different weights.
    QVERIFY(runOf(finished, 0)->history.epochs[0].trainLoss != runOf(finished, 1)->history.epochs[0].trainLoss);
}

void TestTrainingController::destructorJoinsMidRun() {
    auto data = tinyData(1500, 100, 17);
    QElapsedTimer timer;
    {
        TrainingController controller;
        bool running = false;
        connect(&controller, &TrainingController::batchProgress, this, [&] { running = true; });
        QVERIFY(controller.start(job(tinyArch(100, 3, 16, 50, 50), data)));
        QTRY_VERIFY_WITH_TIMEOUT(running, 60000);
        timer.start();
    }  // ~TrainingController: cancel + join
    qInfo("destructor returned after %lld ms", timer.elapsed());
    QVERIFY(timer.elapsed() < 5000);
}

void TestTrainingController::eventLoopStaysResponsive() {
    // The real thing: CNN-25 (the first-run demo model) with the dashboard attached and
    // visible, on 200-nt data; a 10 ms timer measures the longest gap between its ticks.
    auto data = tinyData(6000, 200, 21);
    arch::Architecture a = arch::preset("CNN-25", 200, 3);
    a.training.maxEpochs = 6;
    Dashboard dashboard;
    TrainingController controller;
    dashboard.attach(&controller);
    dashboard.resize(1200, 800);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));

    // Per tick: the wall-clock gap since the previous tick and the CPU time the GUI thread
    // spent in it. A gap where the thread was mostly idle was the scheduler's doing (other
    // processes competing for the cores, e.g. tests running in parallel), not blocking code.
    // Time spent waiting for a CPU while runnable is the scheduler's too: what is left of a
    // gap after it is time the thread slept or blocked (maxBlockedGap).
    QElapsedTimer clock;
    qint64 lastTick = -1, maxGap = 0, maxBusyGap = 0;
    double lastCpu = 0, maxCpu = 0, lastQueue = 0, maxBlockedGap = 0;
    int ticks = 0;
    QTimer probe;
    probe.setInterval(10);
    connect(&probe, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        const double cpu = threadCpuMs();
        const double queue = threadRunQueueMs();
        if (lastTick >= 0) {
            const qint64 gap = now - lastTick;
            const double busy = cpu - lastCpu;
            maxGap = std::max(maxGap, gap);
            maxBlockedGap = std::max(maxBlockedGap, double(gap) - (queue - lastQueue));
            maxCpu = std::max(maxCpu, busy);
            if (busy >= 0.5 * double(gap)) maxBusyGap = std::max(maxBusyGap, gap);  // the thread was working
        }
        lastTick = now;
        lastCpu = cpu;
        lastQueue = queue;
        ++ticks;
    });
    QSignalSpy ended(&controller, &TrainingController::queueFinished);
    QSignalSpy epochs(&controller, &TrainingController::epochFinished);
    QSignalSpy filters(&controller, &TrainingController::filtersUpdated);
    clock.start();
    probe.start();
    QVERIFY(controller.start(job(a, data)));
    QVERIFY(ended.wait(180000));
    probe.stop();
    qInfo("training %.1f s on %d threads: %d ticks; longest event-loop gap %lld ms (%.0f ms without waiting "
          "for a CPU); longest gap with the GUI thread busy %lld ms; most GUI-thread work between two ticks "
          "%.1f ms; %d replots",
          double(clock.elapsed()) / 1000, parallel::threadCount(), ticks, maxGap, maxBlockedGap, maxBusyGap,
          maxCpu, dashboard.replotCount());
    QCOMPARE(epochs.count(), 6);
    QVERIFY(filters.count() >= 6);
    // Redrawn as training goes, but never more than once per 40 ms tick (+1 for the final view).
    QVERIFY(dashboard.replotCount() >= 3);
    QVERIFY2(dashboard.replotCount() <= clock.elapsed() / 40 + 2,
             qPrintable(QString("%1 replots in %2 ms").arg(dashboard.replotCount()).arg(clock.elapsed())));
    // The event loop never blocks for 50 ms: no gap of 50 ms while the GUI thread was working,
    // never 50 ms of GUI work between ticks, and no gap at all over 250 ms (a blocking wait on
    // the worker would be seconds long, busy or not; time runnable but without a CPU is not
    // the program's: on a loaded machine the wall-clock gap alone measures the other processes).
    QVERIFY2(maxBusyGap < 50, qPrintable(QString("busy gap %1 ms").arg(maxBusyGap)));
    QVERIFY2(maxCpu < 50, qPrintable(QString("%1 ms of GUI work between ticks").arg(maxCpu)));
    QVERIFY2(maxBlockedGap < 250, qPrintable(QString("longest gap %1 ms, %2 ms of it not waiting for a CPU")
                                                 .arg(maxGap).arg(maxBlockedGap)));
}

void TestTrainingController::fitArchitectureToData_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("classes");
    QTest::addColumn<bool>("edited");
    QTest::newRow("preset-same-size") << "CNN-25" << 200 << 12 << false;
    QTest::newRow("preset-1000nt-3-classes") << "CNN-25" << 1000 << 3 << false;
    QTest::newRow("preset-short-sequences") << "CNN-100" << 50 << 12 << false;
    QTest::newRow("edited-preset-keeps-layers") << "CNN-25" << 300 << 2 << true;
}

void TestTrainingController::fitArchitectureToData() {
    QFETCH(QString, name);
    QFETCH(int, length);
    QFETCH(int, classes);
    QFETCH(bool, edited);
    arch::Architecture a = arch::preset(name.toStdString());
    a.training.maxEpochs = 7;
    if (edited) a.layers[0].units = 12;
    std::string note;
    const arch::Architecture out = ui::fitArchitectureToData(a, length, classes, &note);
    QCOMPARE(out.inputLength, length);
    QCOMPARE(out.numClasses, classes);
    QCOMPARE(out.layers.back().units, classes);
    QCOMPARE(out.training.maxEpochs, 7);
    QCOMPARE(out.layers[0].units, edited ? 12 : 30);
    QVERIFY(arch::validate(out).empty());
    QCOMPARE(note.empty(), length == 200 && classes == 12);
    if (!edited) {
        arch::Architecture expected = arch::preset(name.toStdString(), length, classes);
        expected.training = a.training;
        QCOMPARE(out, expected);
    }
}

QTEST_MAIN(TestTrainingController)
#include "test_training_controller.moc"
