// Portability of the built motifloom-cli (the build is baseline x86-64, core/nn/isa.h):
//   - under `qemu-x86_64 -cpu Nehalem` (Debian's qemu-user), which traps every instruction that
//     CPU lacks (no AVX, AVX2, FMA or AVX-512), `info` reports the generic kernels and `train`
//     runs one epoch of CNN-25 on 500 synthetic sequences and writes its run;
//   - asking for an instruction set the CPU lacks (MOTIFLOOM_ISA) or an unknown one is an error
//     that names the variable, natively and under qemu.
// Skipped, saying so, when qemu-x86_64 is not installed (packaging/setup.sh installs it).
#include "cli_runner.h"

#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace motifloom;

namespace {

// Runs `program args` with MOTIFLOOM_ISA=isa (unset when empty).
testing::CliResult run(const QString& program, const QStringList& args, const QString& isa, int timeoutMs) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("MOTIFLOOM_ISA");
    if (!isa.isEmpty()) env.insert("MOTIFLOOM_ISA", isa);
    return testing::runProgram(program, args, env, timeoutMs);
}

const QString kCli = QStringLiteral(MOTIFLOOM_CLI);

QString describe(const testing::CliResult& r) {
    return QString("exit %1\nstdout: %2\nstderr: %3").arg(r.exitCode).arg(r.out.right(2000), r.err.right(2000));
}

}  // namespace

class TestCliPortable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { mQemu = QStandardPaths::findExecutable("qemu-x86_64"); }

    void infoNamesTheInstructionSet_data() {
        QTest::addColumn<QString>("isa");
        QTest::newRow("generic") << "generic";
        QTest::newRow("best") << "";
    }
    void infoNamesTheInstructionSet() {
        QFETCH(QString, isa);
        const auto r = run(kCli, {"info"}, isa, 60000);
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(QRegularExpression("instruction set: (generic|avx2|avx512) \\(")), qPrintable(r.out));
        if (!isa.isEmpty()) QVERIFY2(r.out.contains("instruction set: " + isa + " ("), qPrintable(r.out));
        QVERIFY2(r.out.contains("GEMM kernel: "), qPrintable(r.out));
    }

    void fail_badIsaRequest_data() {
        QTest::addColumn<QString>("isa");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown") << "sse2" << "MOTIFLOOM_ISA=sse2: unknown instruction set 'sse2'";
        QTest::newRow("upper case") << "AVX2" << "MOTIFLOOM_ISA=AVX2: unknown instruction set 'AVX2'";
    }
    void fail_badIsaRequest() {
        QFETCH(QString, isa);
        QFETCH(QString, message);
        const auto r = run(kCli, {"info"}, isa, 60000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("motifloom-cli info: " + message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    // A CPU without AVX: the generic kernels, and nothing traps.
    void runsOnNehalem() {
        if (mQemu.isEmpty()) QSKIP("qemu-x86_64 not found (Debian package qemu-user): portability not checked");
        const auto info = run(mQemu, {"-cpu", "Nehalem", kCli, "info"}, "", 120000);
        QVERIFY2(info.exitCode == 0, qPrintable(describe(info)));
        QVERIFY2(info.out.contains("instruction set: generic (baseline x86-64 kernels (SSE2); this CPU supports generic)"),
                 qPrintable(info.out));
        QVERIFY2(!info.out.contains("data folder: (not found)"), qPrintable(info.out));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath("run");
        const auto train = run(mQemu,
                               {"-cpu", "Nehalem", kCli, "train", "--arch", "CNN-25", "--data", "synthetic", "--count",
                                "500", "--epochs", "1", "--threads", "2", "--seed", "3", "--out", out},
                               "", 600000);
        QVERIFY2(train.exitCode == 0, qPrintable(describe(train)));
        QVERIFY2(QFileInfo(out + "/model.mlm").size() > 0, qPrintable(describe(train)));
        QVERIFY2(QFileInfo(out + "/metrics.json").size() > 0, qPrintable(describe(train)));
    }

    void fail_missingIsaOnNehalem_data() {
        QTest::addColumn<QString>("isa");
        QTest::newRow("avx2") << "avx2";
        QTest::newRow("avx512") << "avx512";
    }
    void fail_missingIsaOnNehalem() {
        QFETCH(QString, isa);
        if (mQemu.isEmpty()) QSKIP("qemu-x86_64 not found (Debian package qemu-user): portability not checked");
        const auto r = run(mQemu, {"-cpu", "Nehalem", kCli, "info"}, isa, 120000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("motifloom-cli info: MOTIFLOOM_ISA=" + isa + ": this CPU cannot run the " + isa +
                                  " kernels (it supports: generic)"),
                 qPrintable(r.err));
    }

private:
    QString mQemu;
};

QTEST_APPLESS_MAIN(TestCliPortable)
#include "test_cli_portable.moc"
