// Tests for the sweep plan (core/lab/sweep_plan.h) that the desktop lab and motifloom-cli sweep
// share: models x trials in model-major order, seeds firstSeed + t - 1, the preset fitted to the
// data, output from the task, the settings choice and its overrides, unknown models named.
#include "lab/sweep_plan.h"

#include "arch/presets.h"
#include "util/input_error.h"

#include <QtTest>

using namespace motifloom;

class TestSweepPlan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jobsAndSeeds();
    void paperSettings();
    void currentSettings();
    void singleLabelGetsSoftmax();
    void fail_unknownModel();
};

void TestSweepPlan::jobsAndSeeds() {
    lab::SweepPlan plan;
    plan.models = {"cnn-25", "CNN-2"};
    plan.trials = 3;
    plan.firstSeed = 7;
    QCOMPARE(plan.runCount(), 6);
    const auto jobs = lab::sweepJobs(plan, 120, 5, seqio::TaskKind::MultiLabel);
    QCOMPARE(jobs.size(), std::size_t(6));
    const char* models[] = {"CNN-25", "CNN-25", "CNN-25", "CNN-2", "CNN-2", "CNN-2"};
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        QCOMPARE(jobs[i].model, std::string(models[i]));  // canonical name, model-major
        QCOMPARE(jobs[i].trial, int(i % 3) + 1);
        QCOMPARE(jobs[i].seed, std::uint64_t(7 + i % 3));  // every model sees the same seeds
        QCOMPARE(jobs[i].architecture.training.seed, jobs[i].seed);
        QCOMPARE(jobs[i].architecture.inputLength, 120);
        QCOMPARE(jobs[i].architecture.numClasses, 5);
        QCOMPARE(jobs[i].architecture.output, arch::OutputKind::Sigmoid);
    }
    // Apart from the seed, the trials of a model are the same architecture.
    arch::Architecture a = jobs[0].architecture, b = jobs[2].architecture;
    b.training.seed = a.training.seed;
    QCOMPARE(a, b);
}

void TestSweepPlan::paperSettings() {
    lab::SweepPlan plan;
    plan.models = {"CNN-50"};
    arch::TrainingSettings current;
    current.learningRate = 0.5;
    const auto paper = lab::sweepJobs(plan, 200, 12, seqio::TaskKind::MultiLabel, current);
    arch::TrainingSettings expected = arch::preset("CNN-50").training;
    expected.seed = 1;
    QCOMPARE(paper[0].architecture.training, expected);  // `current` ignored

    plan.maxEpochs = 3;
    plan.patience = 0;
    const auto limited = lab::sweepJobs(plan, 200, 12, seqio::TaskKind::MultiLabel, current);
    QCOMPARE(limited[0].architecture.training.maxEpochs, 3);
    QCOMPARE(limited[0].architecture.training.patience, 0);
    QCOMPARE(limited[0].architecture.training.learningRate, expected.learningRate);
}

void TestSweepPlan::currentSettings() {
    lab::SweepPlan plan;
    plan.models = {"CNN-50", "CNN-2"};
    plan.paperSettings = false;
    plan.maxEpochs = 4;
    arch::TrainingSettings current;
    current.learningRate = 0.5;
    current.l1 = 0;
    current.maxEpochs = 50;
    const auto jobs = lab::sweepJobs(plan, 200, 12, seqio::TaskKind::MultiLabel, current);
    QCOMPARE(jobs[0].architecture.training.learningRate, 0.5);
    QCOMPARE(jobs[0].architecture.training.maxEpochs, 4);  // the override wins
    // CNN-50's own L1 penalty stays when the current settings have none; CNN-2 has none.
    QVERIFY(arch::preset("CNN-50").training.l1 > 0);
    QCOMPARE(jobs[0].architecture.training.l1, arch::preset("CNN-50").training.l1);
    QCOMPARE(jobs[1].architecture.training.l1, 0.0);
}

void TestSweepPlan::singleLabelGetsSoftmax() {
    lab::SweepPlan plan;
    plan.models = {"CNN-2"};
    const auto jobs = lab::sweepJobs(plan, 100, 3, seqio::TaskKind::SingleLabel);
    QCOMPARE(jobs[0].architecture.output, arch::OutputKind::Softmax);
}

void TestSweepPlan::fail_unknownModel() {
    lab::SweepPlan plan;
    plan.models = {"CNN-2", "CNN-7"};
    try {
        (void)lab::sweepJobs(plan, 200, 12, seqio::TaskKind::MultiLabel);
        QFAIL("no exception");
    } catch (const InputError& e) {
        QVERIFY2(QString(e.what()).contains("CNN-7"), e.what());
    }
}

QTEST_MAIN(TestSweepPlan)
#include "test_sweep_plan.moc"
