// Drives the built motifloom-cli through the interpretation commands on a tiny simulated data
// set: `train` then `filters` (MEME, logos, match table, printed statistics), and a one-trial
// `sweep` whose run must equal the separate train + filters run with the same seed (whatever
// --jobs), plus bad input giving a one-line error. Kept to a few seconds: 1 epoch, 600
// sequences.
#include "cli_runner.h"
#include "lab/trial_statistics.h"
#include "motif/motif_io.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace motifloom;

namespace {

using Result = testing::CliResult;

Result runCli(const QStringList& args, int timeoutMs = 300000) { return testing::runCli(args, timeoutMs); }

QString readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// "match-any 0.633 (19 of 30 filters)   match-gt ..." -> the three fractions as printed.
QStringList printedStatistics(const QString& out) {
    const QRegularExpression re("match-any (\\S+) .*match-gt (\\S+) .*coverage (\\S+)");
    const auto m = re.match(out);
    return m.hasMatch() ? QStringList{m.captured(1), m.captured(2), m.captured(3)} : QStringList();
}

// Width and height of a PNG file from its IHDR chunk ({0, 0} when it is not a PNG). App tests
// link Qt Core only, so no QImage.
QSize pngSize(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray head = f.read(24);
    if (head.size() < 24 || !head.startsWith("\x89PNG\r\n\x1a\n") || head.mid(12, 4) != "IHDR") return {};
    auto be32 = [&](int at) {
        int v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(head[at + i]);
        return v;
    };
    return {be32(16), be32(20)};
}

}  // namespace

class TestCliInterpret : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mData, mRun;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(mDir.isValid());
        mData = mDir.filePath("data");
        mRun = mDir.filePath("run");
        Result r = runCli({"simulate", "--out", mData, "--count", "600", "--seed", "5"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"train", "--arch", "CNN-25", "--data", mData, "--epochs", "1", "--seed", "3", "--out", mRun});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY(QFileInfo::exists(mRun + "/model.mlm"));
    }

    void help_data() {
        QTest::addColumn<QString>("command");
        QTest::newRow("filters") << "filters";
        QTest::newRow("sweep") << "sweep";
    }
    void help() {
        QFETCH(QString, command);
        const Result r = runCli({command, "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("usage: motifloom-cli " + command));
    }

    void filters() {
        const QString meme = mDir.filePath("filters.meme"), logos = mDir.filePath("filters.png"),
                      tsv = mDir.filePath("matches.tsv"), raw = mDir.filePath("raw.svg");
        const Result r = runCli({"filters", "--run", mRun, "--data", mData, "--out", meme, "--logos", logos,
                                 "--matches", tsv, "--raw-logos", raw});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));

        // One printed line per filter (30 for CNN-25), then the run's statistics.
        int filterLines = 0;
        for (const QString& line : r.out.split('\n'))
            if (QRegularExpression("^filter\\d+ ").match(line).hasMatch()) ++filterLines;
        QCOMPARE(filterLines, 30);
        const QStringList stats = printedStatistics(r.out);
        QCOMPARE(stats.size(), 3);
        for (const QString& s : stats) {
            bool ok = false;
            const double v = s.toDouble(&ok);
            QVERIFY2(ok && v >= 0 && v <= 1, qPrintable(s));
        }

        // The MEME file: filters that fire, clipped, nsites = their number of sites.
        const motif::MotifList motifs = motif::readMeme(meme.toStdString());
        QVERIFY(!motifs.empty() && motifs.size() <= 30);
        for (const motif::Motif& m : motifs) {
            QVERIFY(QString::fromStdString(m.id).startsWith("filter"));
            QVERIFY(m.nsites >= 1);
            QVERIFY(m.width() >= 1 && m.width() <= 19);
        }

        const QSize image = pngSize(logos);
        QVERIFY2(image.width() > 300 && image.height() > 200, qPrintable(QString("%1 x %2").arg(image.width()).arg(image.height())));
        QVERIFY(readText(raw).contains("<svg"));

        const QStringList rows = readText(tsv).split('\n', Qt::SkipEmptyParts);
        QVERIFY(rows.size() >= 31);  // header + at least one row per filter
        QVERIFY(rows[0].startsWith("filter\tstatus\thit"));

        // --no-clip writes whole 19-column PWMs; --truth none makes match-gt not applicable.
        const Result whole = runCli({"filters", "--run", mRun, "--data", mData, "--out", meme, "--no-clip",
                                     "--truth", "none", "--threshold", "0.7"});
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        for (const motif::Motif& m : motif::readMeme(meme.toStdString())) QCOMPARE(m.width(), 19);
        QCOMPARE(printedStatistics(whole.out).value(1), QString("NA"));
        QVERIFY(whole.out.contains("no ground truth"));
    }

    void fail_filters_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("fail_no run") << QStringList{"--data", "DATA", "--out", "x.meme"} << "--run";
        QTest::newRow("fail_missing model") << QStringList{"--run", "NOWHERE", "--data", "DATA", "--out", "x.meme"}
                                            << "nowhere: cannot open";
        QTest::newRow("fail_pooled layer 2") << QStringList{"--run", "RUN", "--data", "DATA", "--out", "x.meme",
                                                            "--layer", "2"}
                                             << "stride";
        QTest::newRow("fail_threshold") << QStringList{"--run", "RUN", "--data", "DATA", "--out", "x.meme",
                                                       "--threshold", "1.5"}
                                        << "--threshold";
    }
    void fail_filters() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        for (QString& a : args) {
            if (a == "DATA") a = mData;
            if (a == "RUN") a = mRun;
            if (a == "NOWHERE") a = mDir.filePath("nowhere");
            if (a == "x.meme") a = mDir.filePath("x.meme");
        }
        const Result r = runCli(QStringList{"filters"} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }

    // A one-trial sweep of two models run two at a time: the tables, and CNN-25's run equal to
    // the separate `train --seed 3` + `filters` above.
    void sweep() {
        const QString out = mDir.filePath("sweep");
        const Result r = runCli({"sweep", "--models", "CNN-25,CNN-2", "--trials", "1", "--data", mData, "--out", out,
                                 "--epochs", "1", "--seed", "3", "--jobs", "2", "--threads", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("2 threads, 2 jobs (1 thread each)"), qPrintable(r.out));  // the budget split
        QVERIFY(r.out.contains(QRegularExpression("CNN-25 trial 1/1 \\(seed 3\\): 1 epoch \\(best 1")));

        const QStringList table = readText(out + "/table.tsv").split('\n', Qt::SkipEmptyParts);
        QCOMPARE(table.size(), 3);
        QCOMPARE(table[0], QString("model\tparams\tauroc_mean\tauroc_sample_sd\taupr_mean\taupr_sample_sd\t"
                                   "match_any_mean\tmatch_any_sample_sd\tmatch_gt_mean\tmatch_gt_sample_sd\t"
                                   "coverage_mean\tcoverage_sample_sd"));
        const QStringList cnn25 = table[1].split('\t');
        QCOMPARE(cnn25.size(), 12);
        QCOMPARE(cnn25[0], QString("CNN-25"));
        QCOMPARE(cnn25[1], QString("160048"));
        QCOMPARE(cnn25[3], QString("NA"));  // one trial: no sample SD
        QCOMPARE(table[2].split('\t')[0], QString("CNN-2"));

        const QStringList md = readText(out + "/table.md").split('\n', Qt::SkipEmptyParts);
        QCOMPARE(md.size(), 5);
        QCOMPARE(md[0], QString::fromUtf8(lab::kTrialStatisticsNote));  // says which SD
        QVERIFY(md[0].contains("sample sd, n \u2212 1"));
        QVERIFY(md[1].startsWith("| model | params | auroc_mean | auroc_sample_sd |"));
        QVERIFY(md[3].startsWith("| CNN-25 | 160048 |"));

        const QStringList runs = readText(out + "/runs.tsv").split('\n', Qt::SkipEmptyParts);
        QCOMPARE(runs.size(), 3);
        QVERIFY(runs[0].startsWith("model\ttrial\tseed"));
        QVERIFY(!pngSize(out + "/CNN-25_filters.png").isEmpty());
        QVERIFY(!pngSize(out + "/CNN-2_filters.png").isEmpty());
        for (const char* dir : {"/runs/CNN-25_trial1", "/runs/CNN-2_trial1"}) {
            QVERIFY(QFileInfo::exists(out + dir + "/model.mlm"));
            QVERIFY(QFileInfo::exists(out + dir + "/metrics.json"));
            QVERIFY(QFileInfo::exists(out + dir + "/filters.meme"));
        }

        // Same seed, same data: the sweep's CNN-25 run reproduces the separate run exactly.
        const Result f = runCli({"filters", "--run", out + "/runs/CNN-25_trial1", "--data", mData, "--out",
                                 mDir.filePath("again.meme")});
        const Result g = runCli({"filters", "--run", mRun, "--data", mData, "--out", mDir.filePath("first.meme")});
        QVERIFY2(f.exitCode == 0 && g.exitCode == 0, qPrintable(f.err + g.err));
        QCOMPARE(printedStatistics(f.out), printedStatistics(g.out));
        QCOMPARE(readText(mDir.filePath("again.meme")), readText(mDir.filePath("first.meme")));
        const QStringList stats = printedStatistics(g.out);
        QVERIFY(std::abs(cnn25[6].toDouble() - stats[0].toDouble()) < 6e-4);  // printed with 3 decimals
        QVERIFY(std::abs(cnn25[8].toDouble() - stats[1].toDouble()) < 6e-4);
        QVERIFY(std::abs(cnn25[10].toDouble() - stats[2].toDouble()) < 6e-4);
    }

    // Three trials: the table's mean and SD are lab::trialStatistics (sample SD, n - 1) of the
    // runs' own test metrics, the numbers the Compare tab shows for the same runs.
    void sweepStatistics() {
        const QString out = mDir.filePath("sweep3");
        const Result r = runCli({"sweep", "--models", "CNN-2", "--trials", "3", "--data", mData, "--out", out,
                                 "--epochs", "1", "--seed", "5", "--jobs", "2", "--threads", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("1 thread, 1 job (1 thread each)"), qPrintable(r.out));  // no more runs than threads
        const QStringList table = readText(out + "/table.tsv").split('\n', Qt::SkipEmptyParts);
        QCOMPARE(table.size(), 2);
        const QStringList row = table[1].split('\t');
        for (const auto& [key, column] : {std::pair{"test_auroc", 2}, std::pair{"test_aupr", 4}}) {
            std::vector<double> values;
            for (int t = 1; t <= 3; ++t) {
                const QString metrics = readText(out + "/runs/CNN-2_trial" + QString::number(t) + "/metrics.json");
                values.push_back(QJsonDocument::fromJson(metrics.toUtf8()).object().value(key).toDouble(std::nan("")));
            }
            const lab::TrialStatistics s = lab::trialStatistics(values);
            QCOMPARE(s.n, 3);
            QCOMPARE(row[column], QString::number(s.mean, 'f', 4));
            QCOMPARE(row[column + 1], QString::number(s.sd, 'f', 4));
            // ... which is not the population SD (the trials differ, so this test can tell them apart).
            QVERIFY(QString::number(s.sd * std::sqrt(2.0 / 3.0), 'f', 4) != row[column + 1]);
        }
    }

    void fail_sweep() {
        const Result r = runCli({"sweep", "--models", "CNN-7", "--data", mData, "--out", mDir.filePath("bad")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("CNN-7"), qPrintable(r.err));
    }
};

QTEST_APPLESS_MAIN(TestCliInterpret)
#include "test_cli_interpret.moc"
