// ONNX both ways through the built motifloom-cli and Debian's torch + onnx (/usr/bin/python3; the
// helper tests/app/onnx_tools.py does the Python side; ONNX Runtime is not in Debian, so torch
// runs the graphs):
//  - export: `export --format onnx` of a trained CNN-2, CNN-25 and an exponential-activation
//    model passes onnx.checker; the graph run with torch operators gives `evaluate`'s test-set
//    probabilities (max abs diff <= 1e-5); `import` of the file gives a run whose `evaluate`
//    predictions equal the original's (<= 1e-6) and whose weights are the same;
//  - import of models made elsewhere: torch.onnx.export of a Conv1d network (filters = the
//    torch weights, probabilities = torch's), a Conv2d(1 x k) network in Keras' NHWC layout, and
//    graphs with an unsupported operator after or before the first convolution (its first
//    convolution block only, with a note naming the operator; `filters` works on the run);
//  - hostile files (truncated, wrong opset, absurd shape, weights not matching their shape or
//    the tensor they act on, a missing initializer, a cycle): exit status 2, a message naming
//    the file and the problem, no run directory.
// Skipped (with the reason) only when /usr/bin/python3 lacks torch or onnx. About a minute.
#include "cli_runner.h"
#include "exponential_arch.h"
#include "train/run_directory.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace motifloom;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");
const QString kTools = QStringLiteral(MOTIFLOOM_ONNX_TOOLS);
using Run = testing::CliResult;

Run runTools(const QStringList& args) { return testing::runProgram(kPython, QStringList{kTools} + args); }

// TSV "id<TAB>p1<TAB>p2..." after a header line -> ids and the probabilities, row-major.
bool readPredictions(const QString& path, QStringList& ids, std::vector<double>& values) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) return false;
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    if (lines.isEmpty()) return false;
    const int columns = int(lines.front().split('\t').size()) - 1;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split('\t');
        if (cells.size() != columns + 1) return false;
        ids << cells[0];
        for (int c = 1; c <= columns; ++c) values.push_back(cells[c].toDouble());
    }
    return true;
}

// Max |a - b| over two prediction files with the same ids; -1 when they do not pair up.
double maxDifference(const QString& a, const QString& b) {
    QStringList idsA, idsB;
    std::vector<double> va, vb;
    if (!readPredictions(a, idsA, va) || !readPredictions(b, idsB, vb) || idsA != idsB || va.size() != vb.size() || va.empty())
        return -1;
    double d = 0;
    for (std::size_t i = 0; i < va.size(); ++i) d = std::max(d, std::abs(va[i] - vb[i]));
    return d;
}

}  // namespace

class TestCliOnnx : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mData, mProject;
    QString mSkip;  // why the tests are skipped; empty when torch and onnx are there

    QString path(const QString& name) const { return mDir.filePath(name); }

    // The first layer's filters of a run against the weights torch wrote (filters x 4 x width).
    void compareFilters(const QString& run, const QString& weightsFile) {
        const nn::Network net = train::loadRunModel(run.toStdString());
        const std::vector<float> filters = net.convFilters(0);
        QFile f(weightsFile);
        QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(std::size_t(lines.size()), filters.size());
        double d = 0;
        for (std::size_t i = 0; i < filters.size(); ++i) d = std::max(d, std::abs(double(filters[i]) - lines[int(i)].toDouble()));
        qInfo("max |filter - torch weight| = %.3g over %zu values", d, filters.size());
        QVERIFY2(d <= 1e-7, qPrintable(QString::number(d)));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(mDir.isValid());
        const Run probe = testing::runProgram(kPython, {"-c", "import torch, onnx, numpy"});
        if (probe.exitCode != 0) {
            mSkip = "/usr/bin/python3 cannot import torch and onnx (install python3-torch python3-onnx): " + probe.err.trimmed();
            return;
        }
        mData = path("data");
        auto r = testing::runCli({"simulate", "--out", mData, "--count", "1500", "--seed", "6"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // data.py of an exported project reads the test set for the Python side.
        mProject = path("project");
        r = testing::runCli({"export", "--arch", "CNN-2", "--format", "pytorch", "--out", mProject});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void roundTrip_data() {
        QTest::addColumn<QString>("arch");
        QTest::newRow("CNN-2") << "CNN-2";
        QTest::newRow("CNN-25") << "CNN-25";
        QTest::newRow("exponential") << "exp";
    }

    void roundTrip() {
        if (!mSkip.isEmpty()) QSKIP(qPrintable(mSkip));
        QFETCH(QString, arch);
        const QString tag = QTest::currentDataTag();
        if (arch == "exp") {
            arch = path("exp.json");
            QFile f(arch);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(testing::kExponentialArch);
        }
        const QString run = path("run-" + tag), model = path(tag + ".onnx"), back = path("back-" + tag);
        auto r = testing::runCli({"train", "--arch", arch, "--data", mData, "--epochs", "1", "--seed", "3", "--out", run});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = testing::runCli({"export", "--run", run, "--format", "onnx", "--out", model});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Run check = runTools({"check", model});
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));
        QVERIFY2(check.out.startsWith("opset 13 "), qPrintable(check.out));
        qInfo("%s: onnx.checker passed: %s", qPrintable(tag), qPrintable(check.out.trimmed()));

        r = testing::runCli({"evaluate", "--run", run, "--data", mData, "--predictions", path(tag + "-motifloom.tsv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const Run graph = runTools({"run", model, mProject, mData, path(tag + "-onnx-torch.tsv")});
        QVERIFY2(graph.exitCode == 0, qPrintable(graph.err));
        const double viaTorch = maxDifference(path(tag + "-motifloom.tsv"), path(tag + "-onnx-torch.tsv"));
        qInfo("%s: max |p_motifloom - p_onnx graph in torch| = %.3g", qPrintable(tag), viaTorch);
        QVERIFY2(viaTorch >= 0 && viaTorch <= 1e-5, qPrintable(QString::number(viaTorch)));

        r = testing::runCli({"import", "--from", model, "--out", back});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(!r.out.contains("note:"), qPrintable(r.out));
        r = testing::runCli({"evaluate", "--run", back, "--data", mData, "--predictions", path(tag + "-back.tsv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const double roundTrip = maxDifference(path(tag + "-motifloom.tsv"), path(tag + "-back.tsv"));
        qInfo("%s: max |p_motifloom - p_imported| = %.3g", qPrintable(tag), roundTrip);
        QVERIFY2(roundTrip >= 0 && roundTrip <= 1e-6, qPrintable(QString::number(roundTrip)));
        const nn::Network a = train::loadRunModel(run.toStdString()), b = train::loadRunModel(back.toStdString());
        QVERIFY(b.architecture().layers == a.architecture().layers);
        QVERIFY(b.convFilters(0) == a.convFilters(0));
    }

    void torchConv1d() {
        if (!mSkip.isEmpty()) QSKIP(qPrintable(mSkip));
        const QString dir = path("torch-conv1d"), run = path("run-torch-conv1d");
        const Run made = runTools({"torch", "conv1d", dir, mProject, mData});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        auto r = testing::runCli({"import", "--from", dir + "/model.onnx", "--out", run});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(!r.out.contains("only the first convolution block"), qPrintable(r.out));
        compareFilters(run, dir + "/filters.txt");
        r = testing::runCli({"evaluate", "--run", run, "--data", mData, "--predictions", path("torch-conv1d.tsv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const double d = maxDifference(dir + "/torch.tsv", path("torch-conv1d.tsv"));
        qInfo("torch Conv1d network: max |p_torch - p_imported| = %.3g", d);
        QVERIFY2(d >= 0 && d <= 1e-5, qPrintable(QString::number(d)));
    }

    void kerasLayout() {
        if (!mSkip.isEmpty()) QSKIP(qPrintable(mSkip));
        const QString dir = path("torch-keras"), run = path("run-keras");
        const Run made = runTools({"torch", "keras", dir, mProject, mData});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        auto r = testing::runCli({"import", "--from", dir + "/model.onnx", "--out", run});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("channels last"), qPrintable(r.out));
        QVERIFY2(!r.out.contains("only the first convolution block"), qPrintable(r.out));
        compareFilters(run, dir + "/filters.txt");
        QVERIFY(train::loadRunModel(run.toStdString()).architecture().output == arch::OutputKind::Softmax);
        r = testing::runCli({"evaluate", "--run", run, "--data", mData, "--predictions", path("keras.tsv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const double d = maxDifference(dir + "/torch.tsv", path("keras.tsv"));
        qInfo("Keras-layout Conv2d(1 x 9) network: max |p_torch - p_imported| = %.3g", d);
        QVERIFY2(d >= 0 && d <= 1e-5, qPrintable(QString::number(d)));
    }

    void firstBlockOfOtherGraphs_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("named");
        QTest::newRow("AveragePool after the block") << "other" << "AveragePool node";
        QTest::newRow("Sub before the first Conv") << "centred" << "Sub node";
    }

    void firstBlockOfOtherGraphs() {
        if (!mSkip.isEmpty()) QSKIP(qPrintable(mSkip));
        QFETCH(QString, kind);
        QFETCH(QString, named);
        const QString dir = path("torch-" + kind), run = path("run-" + kind);
        const Run made = runTools({"torch", kind, dir, mProject, mData});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        const auto r = testing::runCli({"import", "--from", dir + "/model.onnx", "--out", run});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("note: only the first convolution block"), qPrintable(r.out));
        QVERIFY2(r.out.contains(named), qPrintable(r.out));
        compareFilters(run, dir + "/filters.txt");
        const auto a = train::loadRunModel(run.toStdString()).architecture();
        QCOMPARE(a.inputLength, 200);
        QCOMPARE(a.layers.size(), std::size_t(5));  // conv, relu + max-pool, flatten, dense standing in
        QVERIFY(a.layers[1].activation == arch::ActivationType::ReLU);
        // The filters command works on it like on any run.
        const auto f = testing::runCli({"filters", "--run", run, "--data", mData, "--out", path(kind + ".meme")});
        QVERIFY2(f.exitCode == 0, qPrintable(f.err));
        QVERIFY(QFileInfo(path(kind + ".meme")).size() > 0);
    }

    void hostile_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << "truncated" << "not an ONNX model";
        QTest::newRow("wrong opset") << "wrong-opset" << "opset 5 is not supported";
        QTest::newRow("absurd shape") << "absurd-shape" << "absurd length";
        QTest::newRow("weights not matching shape") << "weights-mismatch" << "holds";
        QTest::newRow("weights not fitting the tensor") << "conv-channels" << "Conv node 'layer1_conv': its weight [";
        QTest::newRow("missing initializer") << "missing-initializer" << "which no node, initializer or graph input provides";
        QTest::newRow("cycle") << "cycle" << "cycle through";
    }

    void hostile() {
        if (!mSkip.isEmpty()) QSKIP(qPrintable(mSkip));
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const QString dir = path("hostile");
        if (!QFileInfo::exists(dir + "/cycle.onnx")) {
            const QString model = path("hostile-base.onnx");
            auto r = testing::runCli({"export", "--arch", "CNN-2", "--length", "100", "--classes", "3", "--format", "onnx", "--out", model});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const Run made = runTools({"hostile", model, dir});
            QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        }
        const QString source = dir + "/" + file + ".onnx", run = path("run-hostile-" + file);
        const auto r = testing::runCli({"import", "--from", source, "--out", run});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(source) && r.err.contains(expected), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(run));
        qInfo("%s", qPrintable(r.err.trimmed()));
    }
};

QTEST_GUILESS_MAIN(TestCliOnnx)
#include "test_cli_onnx.moc"
