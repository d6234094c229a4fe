// Drives `motifloom-cli tomtom` on small hand-made MEME files: Tomtom's TSV header, database
// motifs with a repeated ID counted once (E = p x distinct IDs), the query file's background
// used for the pseudocounts by default, MEME's consensus on exact ties, and bad options.
// MEME's own output on a Pearson case (golden data, tests/data/compare/tomtom_pearson). The
// cross-checks against MEME are described in docs/tomtom-crosscheck.md.
#include "cli_runner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace motifloom;

namespace {

// A MEME file with the given background line and motifs (rows "A C G T" per column).
QString memeFile(const QString& background, const QList<QPair<QString, QStringList>>& motifs, int nsites = 4) {
    QString text = "MEME version 4\n\nALPHABET= ACGT\n\nstrands: + -\n\nBackground letter frequencies\n" +
                   background + "\n\n";
    for (const auto& [id, rows] : motifs) {
        text += QString("MOTIF %1\nletter-probability matrix: alength= 4 w= %2 nsites= %3 E= 0\n")
                    .arg(id).arg(rows.size()).arg(nsites);
        for (const auto& r : rows) text += r + "\n";
        text += "\n";
    }
    return text;
}

void write(const QString& path, const QString& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
}

const QStringList kQuery = {"1 0 0 0", "0 1 0 0", "0 0 1 0", "0 0 0 1", "1 0 0 0", "0 0 1 0"};
const QStringList kOther = {"0 0 0 1", "0 0 0 1", "1 0 0 0", "0 1 0 0", "0.5 0 0 0.5", "0 1 0 0"};

// Rows of a tomtom TSV (no header, no comments), split into fields.
QList<QStringList> rows(const QString& tsv) {
    QList<QStringList> out;
    const auto lines = tsv.split('\n');
    for (int i = 1; i < lines.size(); ++i)
        if (!lines[i].isEmpty() && !lines[i].startsWith('#')) out << lines[i].split('\t');
    return out;
}

}  // namespace

class TestCliTomtom : public QObject {
    Q_OBJECT
private:
    QTemporaryDir mDir;
    QString mQuery, mQueryUniform, mTargets;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(mDir.isValid());
        mQuery = mDir.filePath("query.meme");
        mQueryUniform = mDir.filePath("query_uniform.meme");
        mTargets = mDir.filePath("targets.meme");
        // nsites 1: the pseudocount (0.1 x background) weighs 9 % of each column.
        write(mQuery, memeFile("A 0.4 C 0.1 G 0.1 T 0.4", {{"Q", kQuery}}, 1));
        write(mQueryUniform, memeFile("A 0.25 C 0.25 G 0.25 T 0.25", {{"Q", kQuery}}, 1));
        // T1 twice (the second copy differs: Tomtom keeps the first motif of an ID).
        write(mTargets, memeFile("A 0.25 C 0.25 G 0.25 T 0.25",
                                 {{"T1", kQuery}, {"T2", kOther}, {"T1", kOther}, {"T3", kOther.mid(0, 5)}}));
    }

    void headerAndDuplicateIds() {
        const auto r = testing::runCli({"tomtom", "--thresh", "1", mQuery, mTargets});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("Query_ID\tTarget_ID\tOptimal_offset\tp-value\tE-value\tq-value\tOverlap\t"
                                 "Query_consensus\tTarget_consensus\tOrientation\n"));
        QVERIFY2(r.err.contains("skipped 1 motif(s)") && r.err.contains("T1"), qPrintable(r.err));
        const auto hits = rows(r.out);
        QCOMPARE(hits.size(), 3);  // T1, T2, T3 once each
        for (const auto& h : hits) {
            QVERIFY(h.size() == 10);
            const double ratio = h[4].toDouble() / h[3].toDouble();  // 6 significant digits printed
            QVERIFY2(std::abs(ratio - 3.0) < 1e-4, qPrintable(QString::number(ratio)));  // 3 distinct IDs, not 4
        }
        QCOMPARE(hits[0][1], QString("T1"));  // the first T1 (identical to the query)
        QCOMPARE(hits[0][2], QString("0"));
        QCOMPARE(hits[0][6], QString("6"));
        QCOMPARE(hits[0][8], QString("ACGTAG"));
    }

    // The query file's background (made strand-symmetric) sets the pseudocounts: a query file
    // with another background gives other p-values; --background uniform equals a uniform file.
    void queryBackground() {
        const auto skewed = testing::runCli({"tomtom", "--thresh", "1", mQuery, mTargets});
        const auto explicitQuery = testing::runCli({"tomtom", "--thresh", "1", "--background", "query", mQuery, mTargets});
        const auto uniform = testing::runCli({"tomtom", "--thresh", "1", "--background", "uniform", mQuery, mTargets});
        const auto uniformFile = testing::runCli({"tomtom", "--thresh", "1", mQueryUniform, mTargets});
        QCOMPARE(skewed.exitCode, 0);
        QCOMPARE(rows(skewed.out), rows(explicitQuery.out));
        QCOMPARE(rows(uniform.out), rows(uniformFile.out));
        QVERIFY(rows(skewed.out) != rows(uniform.out));
    }

    // Target consensus on an exact tie (column 5 of T2 is A = T = 0.5): the later letter, T,
    // as MEME's Tomtom prints it.
    void consensusTies() {
        const auto r = testing::runCli({"tomtom", "--thresh", "1", "--no-rc", mQuery, mTargets});
        QCOMPARE(r.exitCode, 0);
        bool seen = false;
        for (const auto& h : rows(r.out))
            if (h[1] == "T2") {
                QCOMPARE(h[8], QString("TTACTC"));
                seen = true;
            }
        QVERIFY(seen);
    }

    // The command of tests/data/compare/tomtom_pearson/README.md against MEME Suite 5.5.8's
    // output for it: the same rows in the same order, p and E within 1 % (q is not comparable:
    // see that README). test_tomtom_golden checks the same case in core, row by row and with
    // the target consensus (which may differ from MEME's on exactly tied letters).
    void memeGoldenPearsonCase() {
        const QString dir = QStringLiteral(MOTIFLOOM_TEST_DATA_DIR "/compare/tomtom_pearson/");
        const auto r = testing::runCli({"tomtom", "--dist", "pearson", "--min-overlap", "5", "--evalue",
                                        "--thresh", "10", dir + "queries.meme", dir + "targets.meme"});
        QCOMPARE(r.exitCode, 0);
        QFile f(dir + "expected-meme-5.5.8.tsv");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto expected = rows(QString::fromUtf8(f.readAll()));
        const auto got = rows(r.out);
        QCOMPARE(got.size(), expected.size());
        for (int k = 0; k < got.size(); ++k) {
            const QString where = expected[k][0] + ' ' + expected[k][1] + ": " + got[k].join(' ');
            for (int field : {0, 1, 2, 6, 7, 9}) QVERIFY2(got[k][field] == expected[k][field], qPrintable(where));
            for (int field : {3, 4})
                QVERIFY2(std::abs(got[k][field].toDouble() / expected[k][field].toDouble() - 1) <= 0.01,
                         qPrintable(where));
        }
    }

    void fail_badOptions_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("fail_background") << QStringList{"--background", "gc"} << "--background";
        QTest::newRow("fail_dist") << QStringList{"--dist", "cosine"} << "--dist";
        QTest::newRow("fail_missing_file") << QStringList{} << "nosuch.meme";
    }
    void fail_badOptions() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString target = message == "nosuch.meme" ? mDir.filePath("nosuch.meme") : mTargets;
        const auto r = testing::runCli(QStringList{"tomtom"} + args + QStringList{mQuery, target});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
    }
};

QTEST_APPLESS_MAIN(TestCliTomtom)
#include "test_cli_tomtom.moc"
