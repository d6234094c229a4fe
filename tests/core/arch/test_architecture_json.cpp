// Tests for core/arch/architecture_json.h: save/load round trip of every preset and of an
// architecture using every option, readable output, lenient names, and one fail_* row per
// kind of bad file, asserting that the message names the file and the layer or line.
#include "arch/architecture_json.h"
#include "arch/presets.h"
#include "util/input_error.h"

#include <nlohmann/json.hpp>

#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace motifloom;
using namespace motifloom::arch;

namespace {

// Every field set away from its default.
Architecture unusual() {
    Architecture a;
    a.name = "odd \"quoted\" name";
    a.description = "unicode \xc3\xa9 and\nnewline";
    a.inputLength = 1000;
    a.numClasses = 3;
    a.output = OutputKind::Softmax;
    LayerSpec bn = LayerSpec::batchNorm(1e-3);
    bn.momentum = 0.9;
    a.layers = {LayerSpec::conv(16, 24, Padding::Valid, true), bn, LayerSpec::act(ActivationType::Exponential),
                LayerSpec::maxPool(7, 3), LayerSpec::dropout(0.123456789012345), LayerSpec::conv(8, 2),
                LayerSpec::act(ActivationType::Sigmoid), LayerSpec::act(ActivationType::Linear),
                LayerSpec::flatten(), LayerSpec::dense(7, true), LayerSpec::dense(3, false)};
    a.training.optimizer = OptimizerKind::Sgd;
    a.training.learningRate = 3e-4;
    a.training.beta1 = 0.9;
    a.training.beta2 = 0.99;
    a.training.adamEpsilon = 1e-7;
    a.training.momentum = 0.8;
    a.training.batchSize = 32;
    a.training.maxEpochs = 7;
    a.training.patience = 0;
    a.training.restoreBest = false;
    a.training.l1 = 1e-6;
    a.training.l2 = 0.1 + 0.2;  // not exactly 0.3: needs all 17 digits
    a.training.seed = 18446744073709551557ULL;
    return a;
}

// A minimal valid file with `layer3` as its third layer.
std::string fileWithLayer3(const std::string& layer3) {
    return "{\"layers\": [{\"type\": \"conv1d\", \"filters\": 4, \"width\": 5},\n"
           " {\"type\": \"flatten\"},\n " +
           layer3 + ",\n {\"type\": \"dense\", \"units\": 12}]}";
}

}  // namespace

class TestArchitectureJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripEveryPreset_data() {
        QTest::addColumn<QString>("name");
        for (const auto& n : presetNames()) QTest::newRow(n.c_str()) << QString::fromStdString(n);
    }
    void roundTripEveryPreset() {
        QFETCH(QString, name);
        const Architecture a = preset(name.toStdString());
        QVERIFY(fromJsonString(toJsonString(a)) == a);
        QVERIFY(fromJson(toJson(a)) == a);

        QTemporaryDir dir;
        const std::string path = dir.filePath("arch.json").toStdString();
        saveArchitecture(a, path);
        Warnings w;
        QVERIFY(loadArchitecture(path, &w) == a);
        QVERIFY(w.empty());
    }

    void roundTripEveryOption() {
        const Architecture a = unusual();
        const std::string text = toJsonString(a);
        const Architecture b = fromJsonString(text);
        QCOMPARE(b.training.l2, 0.1 + 0.2);
        QCOMPARE(b.training.seed, a.training.seed);
        QCOMPARE(b.layers[4].dropRate, 0.123456789012345);
        QVERIFY(b == a);
        QCOMPARE(toJsonString(b), text);  // stable output
    }

    void textIsReadable() {
        const std::string text = toJsonString(preset("CNN-25"));
        const QString t = QString::fromStdString(text);
        QVERIFY(t.startsWith("{\n  \"format\": \"motifloom-architecture\",\n  \"version\": 1,\n  \"name\": \"CNN-25\","));
        QVERIFY2(t.contains("\n    {\"type\":\"conv1d\",\"filters\":30,\"width\":19,\"padding\":\"same\",\"bias\":false},\n"),
                 text.c_str());
        QVERIFY(t.contains("{\"type\":\"max_pool\",\"size\":25},"));
        QVERIFY(t.contains("{\"type\":\"dense\",\"units\":12,\"bias\":true}\n  ]"));
        QVERIFY(t.contains("\"input_length\": 200"));
        QVERIFY(t.contains("\"classes\": 12"));
        QVERIFY(t.contains("\"output\": \"sigmoid\""));
        QVERIFY(t.contains("\n  \"training\": {\n    \"optimizer\": \"adam\",\n    \"learning_rate\": 0.001,"));
        QVERIFY(t.endsWith("\n  }\n}\n"));
        QVERIFY(nlohmann::json::parse(text).is_object());
        QCOMPARE(t.count(QChar(10)), 1 + 8 + 17 + 14 + 2);  // top, key separators, layers, training, end
    }

    void lenientNamesAndDefaults() {
        const std::string text =
            "{\"layers\": [{\"type\": \"Conv1D\", \"filters\": 8, \"width\": 3.0, \"padding\": \"VALID\"},\r\n"
            "  {\"type\": \"BatchNorm\"}, {\"type\": \"activation\", \"function\": \"ReLU\"},\r\n"
            "  {\"type\": \"max-pool\", \"size\": 2}, {\"type\": \"Dropout\", \"rate\": 0},\r\n"
            "  {\"type\": \"Flatten\"}, {\"type\": \"DENSE\", \"units\": 12, \"bias\": true}]}\r\n";
        const Architecture a = fromJsonString(text);
        QCOMPARE(a.inputLength, 200);
        QCOMPARE(a.numClasses, 12);
        QCOMPARE(a.output, OutputKind::Sigmoid);
        QCOMPARE(int(a.layers.size()), 7);
        QCOMPARE(a.layers[0], LayerSpec::conv(8, 3, Padding::Valid));
        QCOMPARE(a.layers[1], LayerSpec::batchNorm());
        QCOMPARE(a.layers[3], LayerSpec::maxPool(2));
        QCOMPARE(a.layers[6], LayerSpec::dense(12, true));
        QVERIFY(a.training == TrainingSettings{});
        QVERIFY(validate(a).empty());
    }

    void unknownKeysAreWarnings() {
        const std::string text =
            "{\"colour\": \"red\", \"layers\": [{\"type\": \"conv1d\", \"filters\": 4, \"width\": 5, \"bais\": true},\n"
            "{\"type\": \"dropout\", \"rate\": 0.1, \"units\": 3}], \"training\": {\"epochs\": 5}}";
        Warnings w;
        fromJsonString(text, "arch.json", &w);
        QCOMPARE(w.count("unknown key in an architecture ignored"), 4L);
        QVERIFY2(QString::fromStdString(w.summary()).contains("(first: arch.json: layer 1: 'bais')"), w.summary().c_str());
        fromJsonString(text, "arch.json");  // without a sink they are ignored
    }

    void fails_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");  // what() must start with this
        auto row = [](const char* name, const std::string& text, const char* message) {
            QTest::newRow(name) << QString::fromStdString(text) << QString(message);
        };
        row("fail_unknown_layer_type", fileWithLayer3("{\"type\": \"conv2\", \"filters\": 4}"),
            "arch.json: layer 3: unknown layer type 'conv2' (expected conv1d, batch_norm, activation, max_pool, "
            "dropout, flatten or dense)");
        row("fail_syntax_line_3", "{\"name\": \"x\",\n \"layers\": [\n {\"type\": \"flatten\"} {\"type\": \"dense\"}]}",
            "arch.json line 3: invalid JSON: syntax error while parsing array");
        row("fail_trailing_comma_line_4", "{\n\"layers\": [\n{\"type\": \"flatten\"},\n]}",
            "arch.json line 4: invalid JSON:");
        row("fail_empty_file", "", "arch.json line 1: invalid JSON:");
        row("fail_not_an_object", "[1, 2]", "arch.json: not a MotifLoom architecture (expected a JSON object, found array)");
        row("fail_wrong_format", "{\"format\": \"tiled-map\", \"layers\": []}",
            "arch.json: not a MotifLoom architecture file (format \"tiled-map\")");
        row("fail_newer_version", "{\"format\": \"motifloom-architecture\", \"version\": 2, \"layers\": []}",
            "arch.json: written by a newer MotifLoom (architecture format version 2; this version reads up to 1)");
        row("fail_missing_layers", "{\"name\": \"x\"}", "arch.json: an architecture needs 'layers'");
        row("fail_layers_not_list", "{\"layers\": {\"type\": \"flatten\"}}",
            "arch.json: 'layers' must be a list [...] of layers, not {\"type\":\"flatten\"}");
        row("fail_layer_not_object", fileWithLayer3("\"flatten\""),
            "arch.json: layer 3: a layer must be an object like {\"type\": \"conv1d\", ...}, not \"flatten\"");
        row("fail_layer_without_type", fileWithLayer3("{\"units\": 5}"), "arch.json: layer 3: a layer needs 'type'");
        row("fail_conv_without_filters", fileWithLayer3("{\"type\": \"conv1d\", \"width\": 5}"),
            "arch.json: layer 3: conv1d needs 'filters'");
        row("fail_conv_without_width", fileWithLayer3("{\"type\": \"conv1d\", \"filters\": 5}"),
            "arch.json: layer 3: conv1d needs 'width'");
        row("fail_filters_as_text", fileWithLayer3("{\"type\": \"conv1d\", \"filters\": \"30\", \"width\": 5}"),
            "arch.json: layer 3: 'filters' must be a whole number, not \"30\"");
        row("fail_fractional_width", fileWithLayer3("{\"type\": \"conv1d\", \"filters\": 30, \"width\": 2.5}"),
            "arch.json: layer 3: 'width' must be a whole number, not 2.5");
        row("fail_huge_units", fileWithLayer3("{\"type\": \"dense\", \"units\": 1e12}"),
            "arch.json: layer 3: 'units' is out of range (1000000000000.0)");
        row("fail_unknown_padding", fileWithLayer3("{\"type\": \"conv1d\", \"filters\": 3, \"width\": 5, \"padding\": \"full\"}"),
            "arch.json: layer 3: unknown padding 'full' (expected one of 'same', 'valid')");
        row("fail_bias_not_bool", fileWithLayer3("{\"type\": \"dense\", \"units\": 3, \"bias\": \"yes\"}"),
            "arch.json: layer 3: 'bias' must be true or false, not \"yes\"");
        row("fail_unknown_activation", fileWithLayer3("{\"type\": \"activation\", \"function\": \"tanh\"}"),
            "arch.json: layer 3: unknown function 'tanh' (expected one of 'relu', 'exponential', 'exp', 'sigmoid', 'linear')");
        row("fail_pool_without_size", fileWithLayer3("{\"type\": \"max_pool\", \"stride\": 2}"),
            "arch.json: layer 3: max_pool needs 'size'");
        row("fail_dropout_rate_text", fileWithLayer3("{\"type\": \"dropout\", \"rate\": \"half\"}"),
            "arch.json: layer 3: 'rate' must be a number, not \"half\"");
        row("fail_unknown_output", "{\"output\": \"tanh\", \"layers\": []}",
            "arch.json: unknown output 'tanh' (expected one of 'sigmoid', 'softmax')");
        row("fail_name_not_text", "{\"name\": 25, \"layers\": []}", "arch.json: 'name' must be a text in quotes, not 25");
        row("fail_training_not_object", "{\"layers\": [], \"training\": 5}",
            "arch.json: training: must be an object like {\"batch_size\": 100, ...}, not 5");
        row("fail_training_batch_size", "{\"layers\": [], \"training\": {\"batch_size\": \"big\"}}",
            "arch.json: training: 'batch_size' must be a whole number, not \"big\"");
        row("fail_training_optimizer", "{\"layers\": [], \"training\": {\"optimizer\": \"rmsprop\"}}",
            "arch.json: training: unknown optimizer 'rmsprop' (expected one of 'adam', 'sgd')");
        row("fail_negative_seed", "{\"layers\": [], \"training\": {\"seed\": -4}}",
            "arch.json: training: 'seed' must be a whole number of at least 0, not -4");
    }
    void fails() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const auto restore = qScopeGuard([old = QDir::currentPath()] { QDir::setCurrent(old); });
        QVERIFY(QDir::setCurrent(dir.path()));  // so the message names the plain "arch.json"
        {
            std::ofstream out("arch.json", std::ios::binary);
            out << text.toStdString();
        }
        try {
            loadArchitecture("arch.json");
            QFAIL("expected InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).startsWith(message), e.what());
            QCOMPARE(QString::fromStdString(e.file()), QString("arch.json"));
        }
    }

    void fail_missingFileNamesIt() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("absent.json").toStdString();
        try {
            loadArchitecture(path);
            QFAIL("expected InputError");
        } catch (const InputError& e) {
            QCOMPARE(QString(e.what()), QString::fromStdString(path + ": cannot open: No such file or directory"));
        }
    }

    void fail_saveIntoMissingFolderKeepsNothing() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("no/such/folder/arch.json").toStdString();
        try {
            saveArchitecture(preset("CNN-2"), path);
            QFAIL("expected InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(path)), e.what());
        }
    }

    void saveReplacesWholeFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("arch.json").toStdString();
        saveArchitecture(unusual(), path);
        saveArchitecture(preset("CNN-2"), path);
        QVERIFY(loadArchitecture(path) == preset("CNN-2"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // no temp file left behind
    }
};

QTEST_APPLESS_MAIN(TestArchitectureJson)
#include "test_architecture_json.moc"
