// Tests for core/arch/architecture.h: shapes, receptive fields and parameter counts checked by
// hand, and validate() with one fail_* row per mistake a user can make in the layer editor.
#include "arch/architecture.h"
#include "arch/flop_count.h"
#include "arch/presets.h"

#include <QtTest>

using namespace motifloom::arch;

Q_DECLARE_METATYPE(motifloom::arch::Architecture)

namespace {

// A small valid network; layers 1..7: conv, bn, relu, pool, dropout, flatten, dense.
Architecture base() {
    Architecture a;
    a.name = "small";
    a.inputLength = 20;
    a.numClasses = 3;
    a.layers = {LayerSpec::conv(4, 5), LayerSpec::batchNorm(), LayerSpec::act(ActivationType::ReLU),
                LayerSpec::maxPool(2), LayerSpec::dropout(0.1), LayerSpec::flatten(), LayerSpec::dense(3, true)};
    return a;
}

QString joined(const std::vector<std::string>& v) {
    QStringList l;
    for (const auto& s : v) l << QString::fromStdString(s);
    return l.join(" | ");
}

}  // namespace

class TestArchitecture : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void constructorsSetOnlyTheirFields() {
        const LayerSpec c = LayerSpec::conv(30, 19, Padding::Valid, true);
        QCOMPARE(c.type, LayerType::Conv1D);
        QCOMPARE(c.units, 30);
        QCOMPARE(c.width, 19);
        QCOMPARE(c.padding, Padding::Valid);
        QVERIFY(c.bias);
        const LayerSpec p = LayerSpec::maxPool(50, 2);
        QCOMPARE(p.type, LayerType::MaxPool);
        QCOMPARE(p.poolSize, 50);
        QCOMPARE(p.stride(), 2);
        QCOMPARE(LayerSpec::maxPool(25).stride(), 25);  // stride 0 = window
        QCOMPARE(LayerSpec::dropout(0.5).dropRate, 0.5);
        QCOMPARE(LayerSpec::batchNorm(1e-3).epsilon, 1e-3);
        QCOMPARE(LayerSpec::act(ActivationType::Exponential).activation, ActivationType::Exponential);
        QCOMPARE(LayerSpec::flatten().type, LayerType::Flatten);
        const LayerSpec d = LayerSpec::dense(12, true);
        QCOMPARE(d.type, LayerType::Dense);
        QCOMPARE(d.units, 12);
        QVERIFY(d.bias);
    }

    void validArchitecturesHaveNoProblems() {
        QCOMPARE(joined(validate(base())), QString());
        for (const auto& name : presetNames())
            QVERIFY2(validate(preset(name)).empty(), (name + ": " + joined(validate(preset(name))).toStdString()).c_str());
    }

    void paperParameterCount_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"CNN-1", "CNN-2", "CNN-4", "CNN-10", "CNN-25", "CNN-50", "CNN-100"})
            QTest::newRow(n) << QString(n);
    }
    void paperParameterCount() {
        QFETCH(QString, name);
        // docs/paper.md: CNN-1 ... CNN-100 at L = 200 all have 160,048 trainable parameters.
        QCOMPARE(parameterCount(preset(name.toStdString(), 200, 12)), 160048L);
    }

    // CNN-2, by hand (layers from 1):
    //  1 conv 30x19 same: (200,30), params 4*19*30 = 2280, rf 19
    //  2 bn: 60      4 pool 2: (100,30), rf 19+1 = 20, jump 2
    //  6 conv 128x5: (100,128), params 30*5*128 = 19200, rf 20+4*2 = 28
    //  7 bn: 256     9 pool 50: (2,128), rf 28+49*2 = 126, jump 100
    // 11 flatten (1,256)  12 dense 512: 131072  13 bn 1024  16 dense 12+bias: 6156
    void handCheckedCnn2() {
        const Architecture a = preset("CNN-2");
        QCOMPARE(int(a.layers.size()), 16);
        const auto s = outputShapes(a);
        const std::vector<Shape> expected = {{200, 30}, {200, 30}, {200, 30}, {100, 30}, {100, 30},
                                             {100, 128}, {100, 128}, {100, 128}, {2, 128}, {2, 128},
                                             {1, 256}, {1, 512}, {1, 512}, {1, 512}, {1, 512}, {1, 12}};
        QVERIFY(s == expected);
        QCOMPARE(receptiveField(a, 0), 19);
        QCOMPARE(receptiveField(a, 2), 19);
        QCOMPARE(receptiveField(a, 3), 20);
        QCOMPARE(receptiveField(a, 5), 28);
        QCOMPARE(receptiveField(a, 8), 126);
        QCOMPARE(receptiveField(a, 10), 200);  // after flatten: the whole input
        QCOMPARE(receptiveField(a, 15), 200);
        QCOMPARE(parameterCount(a, 0), 2280L);
        QCOMPARE(parameterCount(a, 1), 60L);
        QCOMPARE(parameterCount(a, 2), 0L);
        QCOMPARE(parameterCount(a, 5), 19200L);
        QCOMPARE(parameterCount(a, 6), 256L);
        QCOMPARE(parameterCount(a, 11), 131072L);
        QCOMPARE(parameterCount(a, 12), 1024L);
        QCOMPARE(parameterCount(a, 15), 6156L);
    }

    // CNN-25: pool 25 -> (8,30), rf 19+24 = 43, jump 25; conv -> rf 43+4*25 = 143;
    // pool 4 -> (2,128), rf 143+3*25 = 218 (more than 200: 'same' padding, see header), jump 100.
    void handCheckedCnn25() {
        const Architecture a = preset("CNN-25");
        const auto s = outputShapes(a);
        QCOMPARE(s[3], (Shape{8, 30}));
        QCOMPARE(s[8], (Shape{2, 128}));
        QCOMPARE(s[10], (Shape{1, 256}));
        QCOMPARE(receptiveField(a, 3), 43);
        QCOMPARE(receptiveField(a, 5), 143);
        QCOMPARE(receptiveField(a, 8), 218);
    }

    // base(): conv 4x5 'same' on 20 nt: 2*20*5*4*4 = 3200 forward; pool 2 -> 10x4; dense 3:
    // 2*40*3 = 240. Training: first layer 2x (no input gradient), others 3x: 6400 + 720.
    // Executed: the first layer is a lookup, 20*5*4 adds forward and again backward = 800.
    void flopCounts() {
        const Architecture a = base();
        QCOMPARE(forwardFlopsPerSequence(a), 3440.0);
        QCOMPARE(trainingFlopsPerSequence(a), 7120.0);
        QCOMPARE(executedTrainingFlopsPerSequence(a), 1520.0);
    }

    // CNN-50-2: pool window 50 stride 2 -> ceil(200/2) = 100, rf 19+49 = 68, jump 2;
    // conv 64x5: rf 68+4*2 = 76, params 30*5*64 = 9600; bn 128; pool 50 -> 2, rf 76+49*2 = 174;
    // flatten 128; dense 96: 12288; bn 192; dense 12: 96*12+12 = 1164.
    // Total 2280+60+9600+128+12288+192+1164 = 25712.
    void handCheckedCnn50x2() {
        const Architecture a = preset("CNN-50-2");
        const auto s = outputShapes(a);
        QCOMPARE(s[3], (Shape{100, 30}));
        QCOMPARE(s[5], (Shape{100, 64}));
        QCOMPARE(s[8], (Shape{2, 64}));
        QCOMPARE(s[10], (Shape{1, 128}));
        QCOMPARE(s[11], (Shape{1, 96}));
        QCOMPARE(receptiveField(a, 3), 68);
        QCOMPARE(receptiveField(a, 5), 76);
        QCOMPARE(receptiveField(a, 8), 174);
        QCOMPARE(parameterCount(a), 25712L);
    }

    // CNN-1-3: conv 19 (rf 19) -> pool 1 -> conv 5 (rf 23) -> conv 5 (rf 27) -> pool 100 (rf 126).
    // Params: 160048 of CNN-1 + third conv 128*5*128 = 81920 + its bn 256 = 242224.
    void handCheckedCnn1x3() {
        const Architecture a = preset("CNN-1-3");
        QCOMPARE(int(a.layers.size()), 20);  // 5 + 4 + 5 conv-block layers + 6 head layers
        const auto s = outputShapes(a);
        QCOMPARE(s[3], (Shape{200, 30}));
        QCOMPARE(s[5], (Shape{200, 128}));
        QCOMPARE(s[9], (Shape{200, 128}));
        QCOMPARE(s[12], (Shape{2, 128}));
        QCOMPARE(a.layers[5].type, LayerType::Conv1D);
        QCOMPARE(a.layers[8].type, LayerType::Dropout);  // the middle block has no pool
        QCOMPARE(receptiveField(a, 5), 23);
        QCOMPARE(receptiveField(a, 9), 27);
        QCOMPARE(receptiveField(a, 12), 126);
        QCOMPARE(parameterCount(a), 242224L);
    }

    void validPaddingAndStride() {
        Architecture a = base();
        a.layers[0].padding = Padding::Valid;  // 20 - 5 + 1 = 16
        a.layers[3] = LayerSpec::maxPool(3, 2);  // ceil(16 / 2) = 8, window separate from stride
        const auto s = outputShapes(a);
        QCOMPARE(s[0], (Shape{16, 4}));
        QCOMPARE(s[3], (Shape{8, 4}));
        QCOMPARE(s[5], (Shape{1, 32}));
        QCOMPARE(receptiveField(a, 3), 5 + 2);
        // conv 5*4*4 = 80, bn 8, dense 32*3 + 3 = 99
        QCOMPARE(parameterCount(a), 80L + 8 + 99);
    }

    void biasesAreCounted() {
        Architecture a = base();
        a.layers[0].bias = true;
        QCOMPARE(parameterCount(a, 0), 5L * 4 * 4 + 4);
        a.layers[6].bias = false;
        QCOMPARE(parameterCount(a, 6), 40L * 3);
    }

    void shapesStopAtFirstImpossibleLayer() {
        Architecture a = base();
        a.inputLength = 4;
        a.layers[3] = LayerSpec::maxPool(50);
        const auto s = outputShapes(a);
        QCOMPARE(int(s.size()), 7);
        QCOMPARE(s[2], (Shape{4, 4}));
        for (int i = 3; i < 7; ++i) QCOMPARE(s[std::size_t(i)], Shape{});
        QCOMPARE(parameterCount(a, 6), 0L);
        QCOMPARE(parameterCount(a), 5L * 4 * 4 + 8);  // only the layers before the problem
    }

    void setNumClassesResizesOutput() {
        Architecture a = preset("CNN-25");
        setNumClasses(a, 3);
        QCOMPARE(a.numClasses, 3);
        QCOMPARE(a.layers.back().units, 3);
        QVERIFY(validate(a).empty());
        QCOMPARE(parameterCount(a), 160048L - 6156 + 512 * 3 + 3);
    }

    void validateReportsEveryProblem() {
        Architecture a = base();
        a.layers[0].units = 0;
        a.layers[4].dropRate = 2;
        a.training.batchSize = 0;
        const auto p = validate(a);
        QCOMPARE(int(p.size()), 3);
        QCOMPARE(QString::fromStdString(p[0]), QString("layer 1: a convolution needs at least 1 filter (has 0)"));
        QCOMPARE(QString::fromStdString(p[1]), QString("layer 5: dropout rate 2 is outside [0, 1)"));
        QCOMPARE(QString::fromStdString(p[2]), QString("training: the batch size must be at least 1 (is 0)"));
    }

    void validateFails_data() {
        QTest::addColumn<Architecture>("arch");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("count");  // number of problems expected in total

        auto row = [](const char* name, Architecture a, const char* message, int count = 1) {
            QTest::newRow(name) << a << QString(message) << count;
        };
        Architecture a;
        a = base(); a.layers[0].units = 0;
        row("fail_conv_no_filters", a, "layer 1: a convolution needs at least 1 filter (has 0)");
        a = base(); a.layers[0].width = -3;
        row("fail_conv_width", a, "layer 1: the convolution width must be at least 1 (is -3)");
        a = base(); a.inputLength = 4; a.layers[0].padding = Padding::Valid;
        row("fail_valid_conv_wider_than_input", a,
            "layer 1: 'valid' convolution of width 5 on a length-4 input; use 'same' padding or a width of at most 4");
        a = base(); a.inputLength = 4; a.layers[3] = LayerSpec::maxPool(50);
        row("fail_pool_larger_than_input", a, "layer 4: max-pool 50 on a length-4 input; the window can be at most 4");
        a = base(); a.layers[3].poolSize = 0;
        row("fail_pool_zero_window", a, "layer 4: the max-pool window must be at least 1 (is 0)");
        a = base(); a.layers[3].poolStride = -1;
        row("fail_pool_negative_stride", a,
            "layer 4: the max-pool stride must be at least 1, or 0 for 'same as the window' (is -1)");
        a = base(); a.layers.insert(a.layers.begin() + 6, LayerSpec::maxPool(2));
        row("fail_pool_after_flatten", a, "layer 7: max-pool after the flatten in layer 6; pooling must come before the flatten");
        a = base(); a.layers.erase(a.layers.begin() + 5);
        row("fail_dense_before_flatten", a, "layer 6: dense layer before any flatten; add a flatten layer before the first dense layer");
        a = base(); a.layers.insert(a.layers.begin() + 6, LayerSpec::conv(8, 3));
        row("fail_conv_after_flatten", a, "layer 7: convolution after the flatten in layer 6; convolutions must come before the flatten");
        a = base(); a.layers.insert(a.layers.begin() + 6, LayerSpec::flatten());
        row("fail_two_flattens", a, "layer 7: a second flatten (the first is layer 6)");
        a = base(); a.layers.push_back(LayerSpec::dropout(0.5));
        row("fail_no_final_dense", a,
            "the last layer must be a dense layer with one unit per class (3); layer 8 is a dropout layer");
        a = base(); a.numClasses = 12;
        row("fail_output_units_differ_from_classes", a, "layer 7: the output layer has 3 units but there are 12 classes");
        a = base(); a.layers[6].units = 0;
        row("fail_dense_no_units", a, "layer 7: a dense layer needs at least 1 unit (has 0)");
        a = base(); a.layers[4].dropRate = 1.0;
        row("fail_dropout_one", a, "layer 5: dropout rate 1 is outside [0, 1)");
        a = base(); a.layers[4].dropRate = -0.1;
        row("fail_dropout_negative", a, "layer 5: dropout rate -0.1 is outside [0, 1)");
        a = base(); a.layers[4].dropRate = std::nan("");
        row("fail_dropout_nan", a, "layer 5: dropout rate nan is outside [0, 1)");
        a = base(); a.layers[1].epsilon = 0;
        row("fail_batchnorm_epsilon", a, "layer 2: the batch-norm epsilon must be positive (is 0)");
        a = base(); a.layers[1].momentum = 1;
        row("fail_batchnorm_momentum", a, "layer 2: the batch-norm momentum must be in [0, 1) (is 1)");
        a = base(); a.inputLength = 0;
        row("fail_input_length_zero", a, "the input length must be at least 1 base (is 0)");
        a = base(); setNumClasses(a, 0);
        row("fail_no_classes", a, "the number of classes must be at least 1 (is 0)", 2);
        a = base(); a.output = OutputKind::Softmax; setNumClasses(a, 1);
        row("fail_softmax_one_class", a, "a softmax output needs at least 2 classes; use a sigmoid output for a single class");
        a = base(); a.layers.clear();
        row("fail_no_layers", a, "the architecture has no layers; it needs at least a flatten layer and a dense output layer");
        a = base(); a.inputLength = 1000000; a.layers[0].units = 5000;
        row("fail_output_too_large", a,
            "layer 1: the output has 5,000,000,000 values per sequence, more than the supported 2,147,483,647");
        a = base(); a.layers[6].units = 2000000000; a.numClasses = 2000000000;  // 40 * 2e9 + 2e9 bias
        row("fail_too_many_parameters", a,
            "layer 7: 82,000,000,000 parameters, more than the supported 2,147,483,647 per layer");
        a = base(); a.training.learningRate = 0;
        row("fail_learning_rate", a, "training: the learning rate must be positive (is 0)");
        a = base(); a.training.beta1 = 1;
        row("fail_adam_beta1", a, "training: Adam beta1 must be in [0, 1) (is 1)");
        a = base(); a.training.optimizer = OptimizerKind::Sgd; a.training.momentum = -0.5;
        row("fail_sgd_momentum", a, "training: SGD momentum must be in [0, 1) (is -0.5)");
        a = base(); a.training.batchSize = 0;
        row("fail_batch_size", a, "training: the batch size must be at least 1 (is 0)");
        a = base(); a.training.maxEpochs = 0;
        row("fail_epochs", a, "training: the number of epochs must be at least 1 (is 0)");
        a = base(); a.training.patience = -1;
        row("fail_patience", a, "training: early-stopping patience must be 0 (off) or more (is -1)");
        a = base(); a.training.l2 = -1e-6;
        row("fail_l2", a, "training: the L2 penalty must be 0 or more (is -1e-06)");
    }
    void validateFails() {
        QFETCH(Architecture, arch);
        QFETCH(QString, message);
        QFETCH(int, count);
        const auto problems = validate(arch);
        QVERIFY2(!problems.empty(), "expected a problem");
        QCOMPARE(QString::fromStdString(problems.front()), message);
        QCOMPARE(int(problems.size()), count);
    }

    void problemsDoNotCascade() {
        // A bad first layer hides shape-dependent checks later, instead of reporting nonsense.
        Architecture a = base();
        a.layers[0].units = 0;
        a.layers[3] = LayerSpec::maxPool(500);
        QCOMPARE(int(validate(a).size()), 1);
    }
};

QTEST_APPLESS_MAIN(TestArchitecture)
#include "test_architecture.moc"
