// Tests for core/train/race.h: lanes run at the same time within their thread share, raced
// runs equal the same runs trained alone, pause and cancel act on every lane, a failing
// entrant does not stop the others.
#include "train/race.h"
#include "util/input_error.h"
#include "util/parallel.h"
#include "util/rng.h"

#include <QtTest>

#include "planted_set.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

using namespace motifloom;

using train_test::plantedSet;

namespace {

seqio::DataSplits plantedData() { return {plantedSet(400, 60, 1), plantedSet(200, 60, 2), plantedSet(100, 60, 3)}; }

// Two small models that differ like CNN-25 and CNN-2: large against small first-layer pooling.
arch::Architecture smallArch(int filters, int pool, int maxEpochs, std::uint64_t seed) {
    using arch::LayerSpec;
    arch::Architecture a;
    a.name = "pool" + std::to_string(pool);
    a.inputLength = 60;
    a.numClasses = 1;
    a.layers = {LayerSpec::conv(filters, 7), LayerSpec::batchNorm(), LayerSpec::act(arch::ActivationType::ReLU),
                LayerSpec::maxPool(pool),    LayerSpec::dropout(0.1), LayerSpec::flatten(),
                LayerSpec::dense(1, true)};
    a.training.batchSize = 50;
    a.training.maxEpochs = maxEpochs;
    a.training.patience = 0;
    a.training.learningRate = 0.02;
    a.training.seed = seed;
    return a;
}

std::string weightsOf(const nn::Network& net) {
    nn::Network copy(net);
    std::string bytes;
    for (const auto& p : copy.parameters())
        bytes.append(reinterpret_cast<const char*>(p.value.data()), p.value.size_bytes());
    return bytes;
}

// Counts batches and epochs, remembers its threads, and can cancel the shared control.
struct LaneObserver : train::TrainObserver {
    train::TrainControl* control = nullptr;
    int cancelAtBatch = -1;
    std::atomic<int> batches{0}, epochs{0};
    std::mutex mutex;
    std::set<std::thread::id> threads;
    void onBatch(const train::BatchSnapshot&) override {
        {
            std::lock_guard lock(mutex);
            threads.insert(std::this_thread::get_id());
        }
        if (++batches == cancelAtBatch && control) control->cancel = true;
    }
    void onEpoch(const train::EpochRecord&, std::shared_ptr<const nn::Network>) override { ++epochs; }
};

}  // namespace

class TestRace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void threadShares() {
        QCOMPARE(train::laneThreads(2, 2), 1);
        QCOMPARE(train::laneThreads(4, 2), 1);
        QCOMPARE(train::laneThreads(3, 2), 1);
        QCOMPARE(train::laneThreads(2, 8), 4);
        QCOMPARE(train::laneThreads(3, 8), 2);
        QCOMPARE(train::laneThreads(1, 3), 3);
        QVERIFY(train::laneThreads(2) >= 1);
    }

    // Every lane waits until all lanes have started: only concurrent lanes get through.
    void lanesRunAtTheSameTime() {
        std::atomic<int> started{0};
        std::atomic<int> passed{0};
        std::mutex mutex;
        std::set<std::thread::id> ids;
        train::runLanes(3, [&](int) {
            {
                std::lock_guard lock(mutex);
                ids.insert(std::this_thread::get_id());
            }
            ++started;
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (started.load() < 3 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            if (started.load() == 3) ++passed;
        }, 2);
        QCOMPARE(passed.load(), 3);
        QCOMPARE(int(ids.size()), 3);
        QVERIFY(ids.count(std::this_thread::get_id()) == 0);
    }

    void laneErrorsAreRethrown() {
        std::atomic<int> ran{0};
        bool thrown = false;
        try {
            train::runLanes(2, [&](int i) {
                ++ran;
                if (i == 1) throw std::runtime_error("lane 1 broke");
            });
        } catch (const std::runtime_error& e) {
            thrown = QString(e.what()) == "lane 1 broke";
        }
        QVERIFY(thrown);
        QCOMPARE(ran.load(), 2);
    }

    // The determinism the teacher relies on: the race changes nothing but the wall time.
    void racedRunsEqualSoloRuns() {
        const auto data = plantedData();
        const auto a = smallArch(8, 20, 3, 7);
        const auto b = smallArch(6, 2, 3, 11);
        train::TrainControl control;
        parallel::setThreadCount(2);
        const auto soloA = train::fit(a, data, control);
        const auto soloB = train::fit(b, data, control);
        LaneObserver oa, ob;
        const auto outcomes = train::race({{a, &oa}, {b, &ob}}, data, control, 2);
        parallel::setThreadCount(0);
        QCOMPARE(int(outcomes.size()), 2);
        QVERIFY2(outcomes[0].result && outcomes[1].result, outcomes[0].error.c_str());
        QVERIFY(weightsOf(outcomes[0].result->network) == weightsOf(soloA.network));
        QVERIFY(weightsOf(outcomes[1].result->network) == weightsOf(soloB.network));
        QVERIFY(weightsOf(outcomes[0].result->network) != weightsOf(outcomes[1].result->network));
        QCOMPARE(outcomes[0].result->history.epochs.back().validLoss, soloA.history.epochs.back().validLoss);
        QCOMPARE(outcomes[1].result->history.epochs.back().validLoss, soloB.history.epochs.back().validLoss);
        QCOMPARE(oa.epochs.load(), 3);
        QCOMPARE(ob.epochs.load(), 3);
        // each lane trained on one thread of its own (1 of 2 threads each)
        QCOMPARE(int(oa.threads.size()), 1);
        QCOMPARE(int(ob.threads.size()), 1);
        QVERIFY(*oa.threads.begin() != *ob.threads.begin());
    }

    void pauseAndCancelActOnAll() {
        const auto data = plantedData();
        train::TrainControl control;
        control.pause = true;
        LaneObserver oa, ob;
        oa.control = &control;
        oa.cancelAtBatch = 3;  // lane 0 stops the race after its third batch
        std::vector<train::RaceOutcome> outcomes;
        std::thread racer([&] {
            outcomes = train::race({{smallArch(8, 20, 50, 7), &oa}, {smallArch(6, 2, 50, 11), &ob}}, data, control, 2);
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        QCOMPARE(oa.batches.load(), 0);
        QCOMPARE(ob.batches.load(), 0);
        control.pause = false;
        racer.join();
        QCOMPARE(int(outcomes.size()), 2);
        for (const auto& o : outcomes) {
            QVERIFY(o.result);
            QCOMPARE(o.result->stopReason, train::StopReason::Cancelled);
        }
        QCOMPARE(oa.batches.load(), 3);
        QVERIFY(ob.batches.load() < 50 * 8);  // far from its 50 epochs of 8 batches
        QCOMPARE(oa.epochs.load(), 0);
    }

    // An architecture that does not fit the data fails alone; the other one trains.
    void failingEntrantDoesNotStopTheOthers() {
        const auto data = plantedData();
        train::TrainControl control;
        auto bad = smallArch(8, 20, 1, 7);
        bad.inputLength = 61;
        const auto outcomes = train::race({{bad, nullptr}, {smallArch(6, 2, 1, 11), nullptr}}, data, control);
        QVERIFY(!outcomes[0].result);
        QVERIFY(outcomes[0].error.find("pool20") == 0);
        QVERIFY(outcomes[1].result);
        QCOMPARE(int(outcomes[1].result->history.epochs.size()), 1);
    }

    void raceSizeIsChecked() {
        train::TrainControl control;
        const auto data = plantedData();
        QVERIFY_THROWS_EXCEPTION(InputError, train::race({}, data, control));
        std::vector<train::RaceEntrant> five(5, train::RaceEntrant{smallArch(4, 20, 1, 1), nullptr});
        QVERIFY_THROWS_EXCEPTION(InputError, train::race(five, data, control));
    }
};

QTEST_GUILESS_MAIN(TestRace)
#include "test_race.moc"
