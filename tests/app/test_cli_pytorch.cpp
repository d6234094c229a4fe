// The PyTorch round trip through the built motifloom-cli and Debian's PyTorch (/usr/bin/python3):
//  - parity: a run exported with `export --format pytorch` predicts the test set with the same
//    probabilities in PyTorch (predict.py) as `evaluate --predictions` (max abs diff <= 1e-4),
//    for CNN-2, CNN-25, CNN-1-3 and a model with an exponential first-layer activation;
//  - distributed: two train.py processes (gloo, CPU, started with the env:// variables torchrun
//    would set) train an exported CNN-25 for two epochs; `import` makes a run of the result
//    whose AUROC under `evaluate` equals the one train.py printed (<= 1e-4).
// Skipped (with the reason) only when /usr/bin/python3 has no torch. Small data (2,000
// sequences), one or two epochs: about a minute in all on two cores.
#include "cli_runner.h"
#include "exponential_arch.h"
#include "metrics/classification.h"
#include "seqio/fasta_loader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace motifloom;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

using Run = testing::CliResult;

Run runPython(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
              int timeoutMs = 300000) {
    return testing::runProgram(kPython, args, env, timeoutMs);
}

// TSV "id<TAB>p1<TAB>p2..." after a header line -> ids and the probabilities, row-major.
bool readPredictions(const QString& path, QStringList& ids, std::vector<double>& values, int& columns) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) return false;
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    if (lines.isEmpty()) return false;
    columns = int(lines.front().split('\t').size()) - 1;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split('\t');
        if (cells.size() != columns + 1) return false;
        ids << cells[0];
        for (int c = 1; c <= columns; ++c) values.push_back(cells[c].toDouble());
    }
    return true;
}

// The paper's CNN-25 with an exponential first-layer activation (Koo & Ploenzke's variant).
}  // namespace

class TestCliPyTorch : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mData;
    QString mNoTorch;  // why the tests are skipped; empty when torch is there

    QString path(const QString& name) const { return mDir.filePath(name); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(mDir.isValid());
        const Run probe = runPython({"-c", "import torch, numpy"}, QProcessEnvironment::systemEnvironment(), 120000);
        if (probe.exitCode != 0) {
            mNoTorch = "/usr/bin/python3 cannot import torch (install python3-torch): " + probe.err.trimmed();
            return;
        }
        mData = path("data");
        const auto r = testing::runCli({"simulate", "--out", mData, "--count", "2000", "--seed", "5"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void parity_data() {
        QTest::addColumn<QString>("arch");
        QTest::newRow("CNN-2") << "CNN-2";
        QTest::newRow("CNN-25") << "CNN-25";
        QTest::newRow("CNN-1-3") << "CNN-1-3";
        QTest::newRow("exponential") << "exp";
    }

    void parity() {
        if (!mNoTorch.isEmpty()) QSKIP(qPrintable(mNoTorch));
        QFETCH(QString, arch);
        const QString tag = QTest::currentDataTag();
        if (arch == "exp") {
            arch = path("exp.json");
            QFile f(arch);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(testing::kExponentialArch);
        }
        const QString run = path("run-" + tag), project = path("project-" + tag);
        auto r = testing::runCli({"train", "--arch", arch, "--data", mData, "--epochs", "1", "--seed", "3",
                                  "--out", run});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = testing::runCli({"export", "--run", run, "--format", "pytorch", "--out", project});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = testing::runCli({"evaluate", "--run", run, "--data", mData, "--predictions", path(tag + "-motifloom.tsv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // The project's default data is the run's (no --data needed), so this also checks that.
        const Run py = runPython({project + "/predict.py", "--weights", project + "/weights", "--data", mData,
                                  "--out", path(tag + "-pytorch.tsv")});
        QVERIFY2(py.exitCode == 0, qPrintable(py.err));

        QStringList idsA, idsB;
        std::vector<double> a, b;
        int colsA = 0, colsB = 0;
        QVERIFY(readPredictions(path(tag + "-motifloom.tsv"), idsA, a, colsA));
        QVERIFY(readPredictions(path(tag + "-pytorch.tsv"), idsB, b, colsB));
        QCOMPARE(colsA, 12);
        QCOMPARE(colsB, colsA);
        QCOMPARE(idsB, idsA);
        QCOMPARE(idsA.size(), 400);  // 20% of 2,000
        QCOMPARE(b.size(), a.size());
        double maxDiff = 0;
        for (std::size_t i = 0; i < a.size(); ++i) maxDiff = std::max(maxDiff, std::abs(a[i] - b[i]));
        qInfo("%s: max |p_motifloom - p_pytorch| = %.3g over %zu probabilities", qPrintable(tag), maxDiff, a.size());
        QVERIFY2(maxDiff <= 1e-4, qPrintable(QString::number(maxDiff)));
    }

    void distributed() {
        if (!mNoTorch.isEmpty()) QSKIP(qPrintable(mNoTorch));
        const QString project = path("project-ddp"), result = project + "/result", run = path("run-ddp");
        auto r = testing::runCli({"export", "--arch", "CNN-25", "--format", "pytorch", "--out", project});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // Two processes as torchrun would start them (its launcher fails on Debian 12).
        const int port = 20000 + int(QCoreApplication::applicationPid() % 20000);
        QList<QProcess*> procs;
        for (int rank = 0; rank < 2; ++rank) {
            auto* p = new QProcess(this);
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("MASTER_ADDR", "127.0.0.1");
            env.insert("MASTER_PORT", QString::number(port));
            env.insert("WORLD_SIZE", "2");
            env.insert("RANK", QString::number(rank));
            env.insert("LOCAL_RANK", QString::number(rank));
            p->setProcessEnvironment(env);
            p->start(kPython, {project + "/train.py", "--data", mData, "--epochs", "2", "--threads", "1",
                               "--seed", "4", "--out", result});
            procs << p;
        }
        QString out0;
        for (int rank = 0; rank < 2; ++rank) {
            QProcess* p = procs[rank];
            const bool finished = p->waitForFinished(300000);
            if (!finished) p->kill();
            const QString err = QString::fromUtf8(p->readAllStandardError());
            if (rank == 0) out0 = QString::fromUtf8(p->readAllStandardOutput());
            QVERIFY2(finished && p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
                     qPrintable("rank " + QString::number(rank) + ": " + err));
        }
        QVERIFY2(out0.contains("2 process(es)"), qPrintable(out0));
        const auto m = QRegularExpression("test AUROC (\\d\\.\\d+)").match(out0);
        QVERIFY2(m.hasMatch(), qPrintable(out0));
        const double printed = m.captured(1).toDouble();

        r = testing::runCli({"import", "--from", result, "--out", run});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("2 epochs"), qPrintable(r.out));
        r = testing::runCli({"evaluate", "--run", run, "--data", mData, "--predictions", path("ddp.tsv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // evaluate prints 4 decimals; its predictions give the AUROC in full.
        const auto mean = QRegularExpression("\nmean\t\\d+\t(\\S+)\t").match(r.out);
        QVERIFY2(mean.hasMatch(), qPrintable(r.out));
        QVERIFY2(std::abs(mean.captured(1).toDouble() - printed) <= 0.5e-4 + 1e-4, qPrintable(r.out + out0));
        QStringList ids;
        std::vector<double> probs;
        int cols = 0;
        QVERIFY(readPredictions(path("ddp.tsv"), ids, probs, cols));
        const auto test = seqio::loadDataDirectory(mData.toStdString()).test;
        const std::vector<float> scores(probs.begin(), probs.end());
        const auto metrics = metrics::evaluate(scores, test.labels, test.size(), test.numClasses());
        qInfo("AUROC printed by train.py %.6f, from MotifLoom's evaluate %.6f", printed, metrics.meanAuroc);
        QVERIFY2(std::abs(metrics.meanAuroc - printed) <= 1e-4, qPrintable(QString::number(metrics.meanAuroc)));
    }

    void importFailsOnOneLine() {
        const QString empty = path("empty");
        QVERIFY(QDir().mkpath(empty));
        const auto r = testing::runCli({"import", "--from", empty, "--out", path("nothing")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("not a model MotifLoom can import"), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(path("nothing")));
    }
};

QTEST_GUILESS_MAIN(TestCliPyTorch)
#include "test_cli_pytorch.moc"
