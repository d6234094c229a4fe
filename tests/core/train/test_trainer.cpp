// Tests for core/train: a planted-motif run whose loss falls, determinism across thread counts,
// cancel within one batch, pause, checkpoint -> resume equals an uninterrupted run, divergence.
#include "train/checkpoint.h"
#include "train/evaluation.h"
#include "train/trainer.h"
#include "train/training_history.h"
#include "util/input_error.h"
#include "util/parallel.h"
#include "util/rng.h"

#include <QTemporaryDir>
#include <QtTest>

#include "planted_set.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

using namespace motifloom;

using train_test::plantedSet;

namespace {

seqio::DataSplits plantedData() {
    return {plantedSet(600, 60, 1), plantedSet(200, 60, 2), plantedSet(200, 60, 3)};
}

arch::Architecture smallArch(int maxEpochs) {
    using arch::LayerSpec;
    arch::Architecture a;
    a.name = "planted";
    a.inputLength = 60;
    a.numClasses = 1;
    a.layers = {LayerSpec::conv(8, 7),         LayerSpec::batchNorm(),
                LayerSpec::act(arch::ActivationType::ReLU), LayerSpec::maxPool(20),
                LayerSpec::dropout(0.1),       LayerSpec::flatten(),
                LayerSpec::dense(1, true)};
    a.training.batchSize = 50;
    a.training.maxEpochs = maxEpochs;
    a.training.patience = 0;
    a.training.learningRate = 0.02;
    a.training.seed = 7;
    return a;
}

// Every trainable value and batch-norm running statistic, as raw bytes (compared bit for bit).
std::string weightsOf(const nn::Network& net) {
    nn::Network copy(net);
    std::string bytes;
    for (const auto& p : copy.parameters())
        bytes.append(reinterpret_cast<const char*>(p.value.data()), p.value.size_bytes());
    const int last = net.layerCount() - 1;
    std::vector<std::uint8_t> probe(std::size_t(net.inputLength()) * 3, 1);
    for (int i = 0; i < 3 * net.inputLength(); ++i) probe[std::size_t(i)] = std::uint8_t(1 << (i % 4));
    const auto out = net.activations(last, probe.data(), 3);  // depends on running statistics
    bytes.append(reinterpret_cast<const char*>(out.data()), out.size() * sizeof(float));
    return bytes;
}

struct CountingObserver : train::TrainObserver {
    train::TrainControl* control = nullptr;
    int cancelAtBatch = -1;
    int batches = 0, epochs = 0;
    void onBatch(const train::BatchSnapshot&) override {
        ++batches;
        if (control && batches == cancelAtBatch) control->cancel = true;
    }
    void onEpoch(const train::EpochRecord&, std::shared_ptr<const nn::Network>) override { ++epochs; }
};

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plantedMotifLossFalls() {
        train::TrainControl control;
        const auto data = plantedData();
        const auto result = train::fit(smallArch(12), data, control);
        const auto& epochs = result.history.epochs;
        QCOMPARE(int(epochs.size()), 12);
        QVERIFY2(epochs.back().validLoss < 0.6 * epochs.front().validLoss,
                 qPrintable(QString("valid loss %1 -> %2").arg(epochs.front().validLoss).arg(epochs.back().validLoss)));
        QVERIFY(epochs.back().validAuroc > 0.9);
        QCOMPARE(result.stopReason, train::StopReason::MaxEpochs);
    }

    void sameWeightsWithOneOrTwoThreads() {
        const auto data = plantedData();
        train::TrainControl control;
        parallel::setThreadCount(1);
        const auto one = train::fit(smallArch(2), data, control);
        parallel::setThreadCount(2);
        const auto two = train::fit(smallArch(2), data, control);
        parallel::setThreadCount(0);
        QVERIFY(weightsOf(one.network) == weightsOf(two.network));
        QCOMPARE(one.history.epochs.back().validLoss, two.history.epochs.back().validLoss);
    }

    void cancelWithinOneBatch() {
        train::TrainControl control;
        CountingObserver observer;
        observer.control = &control;
        observer.cancelAtBatch = 3;
        const auto result = train::fit(smallArch(5), plantedData(), control, &observer);
        QCOMPARE(result.stopReason, train::StopReason::Cancelled);
        QCOMPARE(observer.batches, 3);
        QCOMPARE(observer.epochs, 0);
    }

    // A cancel during an epoch's last batch stops before that epoch's validation pass ends: no
    // epoch record (and no validation of the full set once the user asked to stop).
    void cancelDuringValidation() {
        train::TrainControl control;
        CountingObserver observer;
        observer.control = &control;
        const auto data = plantedData();
        const int batchSize = smallArch(5).training.batchSize;
        const int batchesPerEpoch = int((data.train.size() + std::size_t(batchSize) - 1) / std::size_t(batchSize));
        observer.cancelAtBatch = batchesPerEpoch;  // the last batch of epoch 1
        const auto result = train::fit(smallArch(5), data, control, &observer);
        QCOMPARE(result.stopReason, train::StopReason::Cancelled);
        QCOMPARE(observer.batches, batchesPerEpoch);
        QCOMPARE(observer.epochs, 0);
        QVERIFY(result.history.epochs.empty());
    }

    // Evaluation goes through the data in slices: the probabilities equal one whole-set
    // prediction (5,000 sequences: three slices), and a set cancel flag stops it.
    void slicedEvaluationIsIdentical() {
        const auto data = plantedSet(5000, 60, 4);
        const nn::Network net(smallArch(1), 3);
        std::atomic<bool> cancel{false};
        const auto evaluation = train::evaluate(net, data, &cancel);
        QVERIFY(!evaluation.cancelled);
        QVERIFY(evaluation.probabilities == net.predict(data.codes.data(), data.size()));
        cancel = true;
        QVERIFY(train::evaluate(net, data, &cancel).cancelled);
    }

    // NaN (an AUROC undefined for a class-less validation set) survives JSON as null.
    void historyJsonKeepsNaN() {
        train::TrainingHistory h;
        train::EpochRecord e;
        e.epoch = 1;
        e.trainLoss = 0.5;
        e.validLoss = 0.4;
        e.validAuroc = std::numeric_limits<double>::quiet_NaN();
        e.validAupr = 0.7;
        h.epochs.push_back(e);
        const auto text = train::toJson(h).dump();
        QVERIFY(text.find("null") != std::string::npos);
        const auto back = train::historyFromJson(nlohmann::json::parse(text));
        QCOMPARE(int(back.epochs.size()), 1);
        QVERIFY(std::isnan(back.epochs[0].validAuroc));
        QCOMPARE(back.epochs[0].validAupr, 0.7);
        QCOMPARE(back.epochs[0].validLoss, 0.4);
    }

    void pauseHoldsTraining() {
        train::TrainControl control;
        control.pause = true;
        CountingObserver observer;
        std::thread worker([&] { train::fit(smallArch(1), plantedData(), control, &observer); });
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        QCOMPARE(observer.batches, 0);
        control.pause = false;
        worker.join();
        QCOMPARE(observer.epochs, 1);
    }

    void checkpointResumeMatchesUninterrupted() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.ckpt").toStdString();
        const auto data = plantedData();
        train::TrainControl control;
        auto arch = smallArch(4);
        arch.training.restoreBest = false;
        const auto full = train::fit(arch, data, control);

        auto half = arch;
        half.training.maxEpochs = 2;
        const auto halfResult = train::fit(half, data, control, nullptr, nullptr, path);
        auto state = train::loadCheckpoint(path);
        QCOMPARE(state.epochsDone, 2);
        QVERIFY(weightsOf(state.network) == weightsOf(halfResult.network));
        {
            std::ostringstream a, b;
            state.optimizer->save(a);
            auto copy = train::TrainState(state);
            copy.optimizer->save(b);
            QVERIFY(a.str() == b.str());
        }
        state.arch.training.maxEpochs = 4;
        const auto resumed = train::fit(arch, data, control, nullptr, &state);
        QCOMPARE(int(resumed.history.epochs.size()), 4);
        QVERIFY(weightsOf(resumed.network) == weightsOf(full.network));
    }

    void brokenCheckpointIsAnInputError() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.ckpt").toStdString();
        train::TrainControl control;
        auto arch = smallArch(1);
        train::fit(arch, plantedData(), control, nullptr, nullptr, path);
        std::string bytes;
        {
            std::ifstream in(path, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), {});
        }
        {
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            out.write(bytes.data(), std::streamsize(bytes.size() / 2));
        }
        try {
            train::loadCheckpoint(path);
            QFAIL("expected InputError");
        } catch (const InputError& e) {
            QVERIFY(QString(e.what()).contains("bad.ckpt"));
        }
    }

    void nanLossStopsWithMessage() {
        auto data = plantedData();
        data.train.labels[5] = std::numeric_limits<float>::quiet_NaN();
        train::TrainControl control;
        const auto result = train::fit(smallArch(3), data, control);
        QCOMPARE(result.stopReason, train::StopReason::Diverged);
        QVERIFY2(QString::fromStdString(result.message).contains("NaN"), result.message.c_str());
    }

    void earlyStoppingRestoresBest() {
        auto arch = smallArch(40);
        arch.training.patience = 2;
        arch.training.learningRate = 0.05;
        train::TrainControl control;
        const auto result = train::fit(arch, plantedData(), control);
        const int best = result.history.bestEpoch();
        QVERIFY(best > 0);
        if (result.stopReason == train::StopReason::EarlyStopping)
            QCOMPARE(int(result.history.epochs.size()), best + 2);
        // The returned network is the best epoch's: its validation loss matches the record.
        const auto data = plantedData();
        const auto loss = result.network.evaluateLoss(data.valid.codes.data(), data.valid.labels.data(),
                                                      data.valid.size());
        QVERIFY(std::abs(loss.data - result.history.best()->validLoss) < 1e-9);
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
