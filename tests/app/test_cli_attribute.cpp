// Drives `motifloom-cli attribute` on a tiny simulated data set (600 sequences, CNN-25 trained
// for one epoch): per-sequence TSV tables and figures, the class and method choices, the
// faithfulness figures, and the one-line errors (exit 2) on unknown ids, classes and options.
#include "cli_runner.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace motifloom;

namespace {

using Result = testing::CliResult;

QString readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Ids of a FASTA file in file order (">ID labels=..." headers).
QStringList fastaIds(const QString& path) {
    QStringList ids;
    for (const QString& line : readText(path).split('\n'))
        if (line.startsWith('>')) ids << line.mid(1).section(' ', 0, 0);
    return ids;
}

}  // namespace

class TestCliAttribute : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mData, mRun;
    QStringList mTestIds, mClasses;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(mDir.isValid());
        mData = mDir.filePath("data");
        mRun = mDir.filePath("run");
        Result r = testing::runCli({"simulate", "--out", mData, "--count", "600", "--seed", "5"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = testing::runCli({"train", "--arch", "CNN-25", "--data", mData, "--epochs", "1", "--seed", "3", "--out", mRun});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        mTestIds = fastaIds(mData + "/test.fa");
        mClasses = readText(mData + "/classes.txt").split('\n', Qt::SkipEmptyParts);
        QCOMPARE(mClasses.size(), 12);
        QVERIFY(mTestIds.size() > 50);
    }

    void help() {
        const Result r = testing::runCli({"attribute", "--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* word : {"--run", "--data", "--split", "--ids", "--first", "--class", "--method", "--out", "--figures",
                                 "--faithfulness"})
            QVERIFY2(r.out.contains(word), word);
    }

    // Every class, both methods: a table per sequence (position, base, saliency and ISM per
    // class) and a PNG figure.
    void firstSequences() {
        const QString out = mDir.filePath("first");
        const Result r = testing::runCli({"attribute", "--run", mRun, "--data", mData, "--first", "2", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        for (int i = 0; i < 2; ++i) {
            const QString id = mTestIds[i];
            QVERIFY2(r.out.contains(id), qPrintable(r.out));
            const QStringList lines = readText(out + "/" + id + ".tsv").split('\n', Qt::SkipEmptyParts);
            QCOMPARE(lines.size(), 201);
            const QStringList header = lines[0].split('\t');
            QCOMPARE(header.size(), 2 + 2 * 12);
            QCOMPARE(header[2], mClasses[0] + "_saliency");
            QCOMPARE(header[3], mClasses[0] + "_ism");
            const QStringList row = lines[100].split('\t');
            QCOMPARE(row.size(), 26);
            QCOMPARE(row[0], QString("99"));
            QVERIFY(QString("ACGT").contains(row[1]));
            bool ok = false;
            for (int c = 2; c < row.size(); ++c) {
                row[c].toDouble(&ok);
                QVERIFY2(ok, qPrintable(row[c]));
            }
            QVERIFY(QFileInfo(out + "/" + id + ".png").size() > 1000);
        }
        QVERIFY(!QFileInfo::exists(out + "/" + mTestIds[2] + ".tsv"));
    }

    // One class by name, one method, SVG; the ISM column equals the one of a both-methods run.
    void chosenClassAndMethod() {
        const QString id = mTestIds[3], cls = mClasses[4];
        const QString a = mDir.filePath("ism"), b = mDir.filePath("both");
        Result r = testing::runCli({"attribute", "--run", mRun, "--data", mData, "--ids", id, "--class", cls, "--method", "ism",
                                    "--figures", "svg", "--out", a});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        r = testing::runCli({"attribute", "--run", mRun, "--data", mData, "--ids", id, "--class", cls, "--figures", "none",
                             "--out", b});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const QStringList ism = readText(a + "/" + id + ".tsv").split('\n', Qt::SkipEmptyParts);
        const QStringList both = readText(b + "/" + id + ".tsv").split('\n', Qt::SkipEmptyParts);
        QCOMPARE(ism[0], "position\tbase\t" + cls + "_ism");
        QCOMPARE(both[0], "position\tbase\t" + cls + "_saliency\t" + cls + "_ism");
        for (int i = 1; i < ism.size(); ++i) QCOMPARE(ism[i].section('\t', 2, 2), both[i].section('\t', 3, 3));
        QVERIFY(readText(a + "/" + id + ".svg").contains("<svg"));
        QVERIFY(!QFileInfo::exists(b + "/" + id + ".png"));
    }

    void faithfulness() {
        const QString out = mDir.filePath("faith");
        const Result r = testing::runCli({"attribute", "--run", mRun, "--data", mData, "--first", "40", "--faithfulness", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("ISM") && r.out.contains("saliency") && r.out.contains("AUROC"), qPrintable(r.out));
        const QStringList lines = readText(out + "/faithfulness.tsv").split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QString("method\tcases\ttop_inside\ttop_share\tauroc"));
        const QStringList ism = lines[1].split('\t');
        QCOMPARE(ism[0], QString("ism"));
        QVERIFY(ism[1].toInt() >= 40);  // every test sequence has at least one planted motif
        const double auroc = ism[4].toDouble();
        QVERIFY(auroc > 0.0 && auroc <= 1.0);
    }

    void fail_attribute_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("words");
        QTest::newRow("fail_unknown_id") << QStringList{"--ids", "nope", "--out", "x"} << "unknown sequence id 'nope'";
        QTest::newRow("fail_unknown_class") << QStringList{"--first", "1", "--class", "XYZ", "--out", "x"} << "unknown class 'XYZ'";
        QTest::newRow("fail_no_sequences") << QStringList{"--out", "x"} << "--ids ID,ID or --first N";
        QTest::newRow("fail_ids_and_first") << QStringList{"--ids", "a", "--first", "2", "--out", "x"} << "--first";
        QTest::newRow("fail_method") << QStringList{"--first", "1", "--method", "deeplift", "--out", "x"} << "--method";
        QTest::newRow("fail_split") << QStringList{"--first", "1", "--split", "holdout", "--out", "x"} << "--split";
        QTest::newRow("fail_no_out") << QStringList{"--first", "1"} << "--out";
    }
    void fail_attribute() {
        QFETCH(QStringList, args);
        QFETCH(QString, words);
        const Result r = testing::runCli(QStringList{"attribute", "--run", mRun, "--data", mData} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(words), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
    }
};

QTEST_APPLESS_MAIN(TestCliAttribute)
#include "test_cli_attribute.moc"
