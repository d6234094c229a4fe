// Tests for core/arch/presets.h: the paper's models by name, their training settings, other
// input lengths and class counts, and the representation hint.
#include "arch/presets.h"
#include "util/input_error.h"

#include <QtTest>

using namespace motifloom;
using namespace motifloom::arch;

namespace {

// First-layer (filters, width, pool window, pool stride) of a preset.
struct FirstBlock {
    int filters, width, window, stride;
};

FirstBlock firstBlock(const Architecture& a) {
    QTEST_ASSERT(a.layers[0].type == LayerType::Conv1D && a.layers[3].type == LayerType::MaxPool);
    return {a.layers[0].units, a.layers[0].width, a.layers[3].poolSize, a.layers[3].stride()};
}

int countType(const Architecture& a, LayerType t) {
    int n = 0;
    for (const auto& s : a.layers) n += s.type == t;
    return n;
}

}  // namespace

class TestPresets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void namesInPaperOrder() {
        const std::vector<std::string> expected = {"CNN-1", "CNN-2", "CNN-4", "CNN-10", "CNN-25", "CNN-50",
                                                   "CNN-100", "CNN-50-2", "CNN9-4", "CNN9-25", "CNN3-2", "CNN3-50",
                                                   "CNN-2-1", "CNN-25-60", "CNN-25-90", "CNN-25-120", "CNN-1-3"};
        QVERIFY(presetNames() == expected);
    }

    void table_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("filters");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("pool1");
        QTest::addColumn<int>("stride1");
        QTest::addColumn<int>("filters2");
        QTest::addColumn<int>("width2");
        QTest::addColumn<int>("pool2");
        QTest::addColumn<int>("hidden");
        // docs/paper.md's model table.
        QTest::newRow("CNN-1") << "CNN-1" << 30 << 19 << 1 << 1 << 128 << 5 << 100 << 512;
        QTest::newRow("CNN-2") << "CNN-2" << 30 << 19 << 2 << 2 << 128 << 5 << 50 << 512;
        QTest::newRow("CNN-4") << "CNN-4" << 30 << 19 << 4 << 4 << 128 << 5 << 25 << 512;
        QTest::newRow("CNN-10") << "CNN-10" << 30 << 19 << 10 << 10 << 128 << 5 << 10 << 512;
        QTest::newRow("CNN-25") << "CNN-25" << 30 << 19 << 25 << 25 << 128 << 5 << 4 << 512;
        QTest::newRow("CNN-50") << "CNN-50" << 30 << 19 << 50 << 50 << 128 << 5 << 2 << 512;
        QTest::newRow("CNN-100") << "CNN-100" << 30 << 19 << 100 << 100 << 128 << 5 << 1 << 512;
        QTest::newRow("CNN-50-2") << "CNN-50-2" << 30 << 19 << 50 << 2 << 64 << 5 << 50 << 96;
        QTest::newRow("CNN9-4") << "CNN9-4" << 30 << 9 << 4 << 4 << 128 << 5 << 25 << 512;
        QTest::newRow("CNN9-25") << "CNN9-25" << 30 << 9 << 25 << 25 << 128 << 5 << 4 << 512;
        QTest::newRow("CNN3-2") << "CNN3-2" << 30 << 3 << 2 << 2 << 128 << 5 << 50 << 512;
        QTest::newRow("CNN3-50") << "CNN3-50" << 30 << 3 << 50 << 50 << 128 << 5 << 2 << 512;
        QTest::newRow("CNN-2-1") << "CNN-2-1" << 30 << 19 << 2 << 2 << 128 << 1 << 50 << 512;
        QTest::newRow("CNN-25-60") << "CNN-25-60" << 60 << 19 << 25 << 25 << 128 << 5 << 4 << 512;
        QTest::newRow("CNN-25-90") << "CNN-25-90" << 90 << 19 << 25 << 25 << 128 << 5 << 4 << 512;
        QTest::newRow("CNN-25-120") << "CNN-25-120" << 120 << 19 << 25 << 25 << 128 << 5 << 4 << 512;
    }
    void table() {
        QFETCH(QString, name);
        QFETCH(int, filters);
        QFETCH(int, width);
        QFETCH(int, pool1);
        QFETCH(int, stride1);
        QFETCH(int, filters2);
        QFETCH(int, width2);
        QFETCH(int, pool2);
        QFETCH(int, hidden);
        const Architecture a = preset(name.toStdString());
        QCOMPARE(QString::fromStdString(a.name), name);
        QCOMPARE(int(a.layers.size()), 16);
        const FirstBlock b = firstBlock(a);
        QCOMPARE(b.filters, filters);
        QCOMPARE(b.width, width);
        QCOMPARE(b.window, pool1);
        QCOMPARE(b.stride, stride1);
        // Block layout: conv, bn, relu, pool, dropout 0.1 (twice), then the head.
        const std::vector<LayerType> types = {
            LayerType::Conv1D, LayerType::BatchNorm, LayerType::Activation, LayerType::MaxPool, LayerType::Dropout,
            LayerType::Conv1D, LayerType::BatchNorm, LayerType::Activation, LayerType::MaxPool, LayerType::Dropout,
            LayerType::Flatten, LayerType::Dense, LayerType::BatchNorm, LayerType::Activation, LayerType::Dropout,
            LayerType::Dense};
        for (std::size_t i = 0; i < types.size(); ++i) QCOMPARE(a.layers[i].type, types[i]);
        QCOMPARE(a.layers[5].units, filters2);
        QCOMPARE(a.layers[5].width, width2);
        QCOMPARE(a.layers[8].poolSize, pool2);
        QCOMPARE(a.layers[11].units, hidden);
        for (std::size_t i : {0u, 5u}) {
            QCOMPARE(a.layers[i].padding, Padding::Same);
            QVERIFY(!a.layers[i].bias);
        }
        for (std::size_t i : {1u, 6u, 12u}) QCOMPARE(a.layers[i].epsilon, 1e-8);
        QCOMPARE(a.layers[4].dropRate, 0.1);
        QCOMPARE(a.layers[9].dropRate, 0.1);
        QCOMPARE(a.layers[14].dropRate, 0.5);
        QVERIFY(!a.layers[11].bias);
        QVERIFY(a.layers[15].bias);
        QCOMPARE(a.layers[15].units, 12);
        QCOMPARE(a.output, OutputKind::Sigmoid);
        QVERIFY(!a.description.empty());
        QCOMPARE(a.description, presetDescription(name.toStdString()));
    }

    void cnn1x3HasThreeConvs() {
        const Architecture a = preset("CNN-1-3");
        QCOMPARE(countType(a, LayerType::Conv1D), 3);
        QCOMPARE(countType(a, LayerType::MaxPool), 2);
        QCOMPARE(a.layers[12].poolSize, 100);
    }

    void trainingSettingsAreThePapers() {
        const Architecture a = preset("CNN-25");
        QCOMPARE(a.training.optimizer, OptimizerKind::Adam);
        QCOMPARE(a.training.learningRate, 1e-3);
        QCOMPARE(a.training.beta1, 0.95);
        QCOMPARE(a.training.beta2, 0.999);
        QCOMPARE(a.training.adamEpsilon, 1e-8);
        QCOMPARE(a.training.batchSize, 100);
        QCOMPARE(a.training.maxEpochs, 100);
        QCOMPARE(a.training.patience, 20);
        QVERIFY(a.training.restoreBest);
        QCOMPARE(a.training.l2, 1e-6);
        QCOMPARE(a.training.l1, 0.0);
        QCOMPARE(preset("CNN-50").training.l1, 1e-6);  // only CNN-50 adds L1
    }

    void namesAreCaseInsensitive() {
        QVERIFY(isPreset("cnn-25"));
        QVERIFY(!isPreset("CNN-26"));
        QCOMPARE(preset("cnn9-4").name, std::string("CNN9-4"));
    }

    void fail_unknownNameListsValidOnes() {
        try {
            preset("CNN-7");
            QFAIL("expected InputError");
        } catch (const InputError& e) {
            const QString m = e.what();
            QVERIFY2(m.startsWith("unknown model 'CNN-7'; the presets are CNN-1, CNN-2, "), e.what());
            QVERIFY(m.endsWith("CNN-25-120, CNN-1-3"));
        }
        QVERIFY_THROWS_EXCEPTION(InputError, presetDescription("nope"));
    }

    void fail_badLengthOrClasses() {
        QVERIFY_THROWS_EXCEPTION(InputError, preset("CNN-25", 0));
        QVERIFY_THROWS_EXCEPTION(InputError, preset("CNN-25", 200, 0));
    }

    // Every preset validates for any input length and class count (short inputs shrink pools).
    void otherLengthsValidate_data() {
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("classes");
        QTest::newRow("chipseq-1000") << 1000 << 12;
        QTest::newRow("three-classes") << 200 << 3;
        QTest::newRow("one-class") << 200 << 1;
        QTest::newRow("length-101") << 101 << 12;
        QTest::newRow("length-30") << 30 << 12;
        QTest::newRow("length-1") << 1 << 2;
    }
    void otherLengthsValidate() {
        QFETCH(int, length);
        QFETCH(int, classes);
        for (const auto& name : presetNames()) {
            const Architecture a = preset(name, length, classes);
            QCOMPARE(a.inputLength, length);
            QCOMPARE(a.numClasses, classes);
            QCOMPARE(a.layers.back().units, classes);
            const auto problems = validate(a);
            QVERIFY2(problems.empty(), (name + ": " + (problems.empty() ? "" : problems.front())).c_str());
        }
    }

    void longInputKeepsPaperLayers() {
        // 1000 nt: the pools stay 25 and 4, so the flatten has 1000/25/4 = 10 positions.
        const Architecture a = preset("CNN-25", 1000);
        QCOMPARE(a.layers[3].poolSize, 25);
        QCOMPARE(a.layers[8].poolSize, 4);
        QCOMPARE(outputShapes(a)[10], (Shape{1, 1280}));
        // 2280 + 60 + 19200 + 256 + 1280*512 + 1024 + 6156
        QCOMPARE(parameterCount(a), 684336L);
    }

    void shortInputShrinksPools() {
        const Architecture a = preset("CNN-100", 50);  // pool 100 on 50 -> global pool 50
        QCOMPARE(a.layers[3].poolSize, 50);
        QCOMPARE(outputShapes(a)[3], (Shape{1, 30}));
        QCOMPARE(a.layers[8].poolSize, 1);
        const Architecture b = preset("CNN-50-2", 30);  // window 30 stride 2 -> 15; pool 50 -> 15
        QCOMPARE(b.layers[3].poolSize, 30);
        QCOMPARE(b.layers[3].stride(), 2);
        QCOMPARE(b.layers[8].poolSize, 15);
    }

    void hints_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");  // a phrase the hint must contain
        QTest::addColumn<bool>("smallFilters");
        QTest::newRow("CNN-1") << "CNN-1" << "(distributed)" << false;
        QTest::newRow("CNN-2") << "CNN-2" << "(distributed)" << false;
        QTest::newRow("CNN-4") << "CNN-4" << "(distributed)" << false;
        QTest::newRow("CNN-10") << "CNN-10" << "(localist)" << false;
        QTest::newRow("CNN-25") << "CNN-25" << "(localist)" << false;
        QTest::newRow("CNN-100") << "CNN-100" << "(localist)" << false;
        QTest::newRow("CNN-50-2") << "CNN-50-2" << "window 50 with stride 2" << false;
        QTest::newRow("CNN9-25") << "CNN9-25" << "(localist)" << true;
        QTest::newRow("CNN3-2") << "CNN3-2" << "(distributed)" << true;
        QTest::newRow("CNN-1-3") << "CNN-1-3" << "(distributed)" << false;
    }
    void hints() {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QFETCH(bool, smallFilters);
        const QString hint = QString::fromStdString(representationHint(preset(name.toStdString())));
        QVERIFY2(hint.contains(expected), qPrintable(hint));
        QCOMPARE(hint.contains("shorter than most motifs"), smallFilters);
    }

    void hintForOddArchitectures() {
        Architecture a;
        a.layers = {LayerSpec::flatten(), LayerSpec::dense(12, true)};
        QVERIFY(QString::fromStdString(representationHint(a)).contains("No convolutional layer"));
        a.layers = {LayerSpec::conv(30, 19), LayerSpec::maxPool(2), LayerSpec::flatten(), LayerSpec::dense(12, true)};
        QVERIFY(QString::fromStdString(representationHint(a)).contains("No deeper convolution"));
    }
};

QTEST_APPLESS_MAIN(TestPresets)
#include "test_presets.moc"
