// Ground truth for a user's own FASTA data on the command line (cli/truth_option.h): without a
// truth, match-gt and coverage print NA and class names are never true motifs; class names
// that are motif names are proposed; --truth CLASS=ID maps classes (exit 2 with one exact line
// for an unknown class, an unknown motif or a bad value); --min-target-ic leaves
// low-information hits out; attribute's faithfulness says it needs planted positions.
#include "cli_runner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace motifloom;
using Result = testing::CliResult;

namespace {

Result runCli(const QStringList& args) { return testing::runCli(args); }

// `n` random 100-nt sequences (a small LCG: the same file every time); with `site`, the site
// is written at position 40 of every sequence.
void writeFasta(const QString& path, int n, unsigned seed, const QByteArray& site = {}) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    unsigned x = seed;
    for (int i = 0; i < n; ++i) {
        QByteArray s(100, 'A');
        for (char& c : s) {
            x = x * 1103515245u + 12345u;
            c = "ACGT"[(x >> 16) & 3];
        }
        if (!site.isEmpty()) s.replace(40, site.size(), site);
        f.write(">s" + QByteArray::number(seed) + "_" + QByteArray::number(i) + "\n" + s + "\n");
    }
}

// "match-any X ...   match-gt Y ...   coverage Z ..." -> {X, Y, Z}.
QStringList statistics(const QString& out) {
    const auto m = QRegularExpression("match-any (\\S+) .*match-gt (\\S+) .*coverage (\\S+)").match(out);
    return m.hasMatch() ? QStringList{m.captured(1), m.captured(2), m.captured(3)} : QStringList();
}

}  // namespace

class TestCliTruth : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mCtcf, mShuffled, mRun, mPosNegRun;

    QStringList filters(const QStringList& extra, const QString& run = {}) const {
        return QStringList{"filters", "--run", run.isEmpty() ? mRun : run, "--data", mCtcf + "," + mShuffled,
                           "--labels", "per-class", "--out", mDir.filePath("f.meme")} + extra;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(mDir.isValid());
        mCtcf = mDir.filePath("CTCF.fa");
        mShuffled = mDir.filePath("shuffled.fa");
        writeFasta(mCtcf, 300, 1, "TGGCCACCAGGGGGCGCTA");
        writeFasta(mShuffled, 300, 2);
        mRun = mDir.filePath("run");
        const Result r = runCli({"train", "--arch", "CNN-25", "--data", mCtcf + "," + mShuffled, "--labels",
                                 "per-class", "--epochs", "1", "--seed", "3", "--out", mRun});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    }

    void proposalFromClassName() {
        const Result r = runCli(filters({}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("true motifs (1):\n  CTCF -> MA0139.1 CTCF (proposed): the class name is this motif's "
                                "name; --truth CTCF=none drops it\n"),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains("shuffled ->"));
        const QStringList s = statistics(r.out);
        QCOMPARE(s.size(), 3);
        QVERIFY2(s[1] != "NA" && s[2] != "NA", qPrintable(r.out));
    }

    void noTruthPrintsNA() {
        // Both classes dropped: nothing is a true motif, so match-gt and coverage are NA (never 0).
        const Result r = runCli(filters({"--truth", "CTCF=none", "--matches", mDir.filePath("m.tsv")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("no ground truth: the data plant no motifs and no class has expected motifs"),
                 qPrintable(r.out));
        const QStringList s = statistics(r.out);
        QCOMPARE(s.value(1), QString("NA"));
        QCOMPARE(s.value(2), QString("NA"));
        QVERIFY(!r.out.contains("true motifs no filter matches"));
        QVERIFY(!r.out.contains("shuffled"));  // a class name is never shown as a true motif
    }

    void mapping() {
        const Result r = runCli(filters({"--truth", "shuffled=MA0068.1", "--truth", "CTCF=MA0139.1,MA0138"}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("true motifs (3):\n  CTCF -> MA0139.1 CTCF (mapped)\n  CTCF -> MA0138.2 REST (mapped)\n"
                                "  shuffled -> MA0068.1 Pax4 (mapped)\n"),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression("coverage \\d\\.\\d{3} \\(\\d of 3 true motifs\\)")), qPrintable(r.out));
    }

    void lowInformationOption() {
        const Result paper = runCli(filters({}));
        const Result strict = runCli(filters({"--min-target-ic", "0.5"}));
        QVERIFY2(paper.exitCode == 0 && strict.exitCode == 0, qPrintable(paper.err + strict.err));
        QVERIFY(strict.out.contains("low-information hits left out (--min-target-ic)"));
        QVERIFY(!paper.out.contains("left out"));
        // Leaving hits out never adds a match.
        QVERIFY(statistics(strict.out).value(0).toDouble() <= statistics(paper.out).value(0).toDouble());
        // Whatever is flagged in the paper's table is counted on one line.
        const int flagged = int(paper.out.count(QRegularExpression(" low-info\\n")));
        if (flagged > 0) QVERIFY2(paper.out.contains("low-information matches: "), qPrintable(paper.out));
    }

    void fail_truth_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("fail_no class") << QStringList{"--truth", "MA0139.1"}
                                       << "option --truth needs CLASS=IDS, got 'MA0139.1' (expected "
                                          "CLASS=MOTIF_ID[,MOTIF_ID...] or CLASS=none, e.g. CTCF=MA0139.1)";
        QTest::newRow("fail_unknown class") << QStringList{"--truth", "ctcf=MA0139.1"}
                                            << "option --truth: no class 'ctcf' in the data (classes: CTCF, shuffled)";
        QTest::newRow("fail_unknown motif") << QStringList{"--truth", "CTCF=MA9999.1"}
                                            << "option --truth: no motif 'MA9999.1' in DB (class CTCF)";
        QTest::newRow("fail_empty list") << QStringList{"--truth", "CTCF="}
                                         << "option --truth names no motif for class CTCF";
        QTest::newRow("fail_min ic") << QStringList{"--min-target-ic", "3"} << "--min-target-ic";
    }
    void fail_truth() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString db = QStringLiteral(MOTIFLOOM_JASPAR_FILE);
        message.replace("DB", db);
        const Result r = runCli(filters(args + QStringList{"--database", db}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        // sweep checks the same way, before training anything.
        const Result s = runCli(QStringList{"sweep", "--models", "CNN-2", "--trials", "1", "--data",
                                            mCtcf + "," + mShuffled, "--labels", "per-class", "--out",
                                            mDir.filePath("sweep"), "--epochs", "1", "--database", db} + args);
        QCOMPARE(s.exitCode, 2);
        QVERIFY2(s.err.contains(message), qPrintable(s.err));
        QVERIFY(!QFileInfo::exists(mDir.filePath("sweep/runs.tsv")));
    }

    void faithfulnessNeedsPlantedPositions() {
        const Result r = runCli({"attribute", "--run", mRun, "--data", mCtcf + "," + mShuffled, "--labels", "per-class",
                                 "--first", "2", "--out", mDir.filePath("attr"), "--faithfulness"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("faithfulness does not apply"), qPrintable(r.err));
    }
};

QTEST_APPLESS_MAIN(TestCliTruth)
#include "test_cli_truth.moc"
