// The command line itself (app/cli/command_line.h): every command's --help is the stored text
// (tests/data/cli_help/), bad options and values fail with exit status 2 and one line naming the
// option and the value before any work is done, numbers are read as decimal, the last of a
// repeated option wins, and --help wins over a bad value.
#include "cli_runner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace motifloom;
using testing::runCli;

namespace {

const QString kHelp = QStringLiteral(MOTIFLOOM_TEST_DATA_DIR "/cli_help/");
const QString kMotifs = QStringLiteral(MOTIFLOOM_TEST_DATA_DIR "/motif/ugly_suite.meme");

QString readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

}  // namespace

class TestCliOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void help_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("file");
        QTest::newRow("commands") << QStringList{"--help"} << "commands.txt";
        for (const char* c : {"train", "evaluate", "demo", "info", "simulate", "motifs", "tomtom", "filters", "sweep"})
            QTest::newRow(c) << QStringList{c, "--help"} << QString(c) + ".txt";
        for (const char* c : {"list", "show", "convert"})
            QTest::newRow(qPrintable(QString("motifs ") + c)) << QStringList{"motifs", c, "--help"}
                                                              << QString("motifs_") + c + ".txt";
        QTest::newRow("-h") << QStringList{"tomtom", "-h"} << "tomtom.txt";
        QTest::newRow("help wins over a bad value") << QStringList{"simulate", "--count", "abc", "--help"}
                                                    << "simulate.txt";
    }
    void help() {
        QFETCH(QStringList, args);
        QFETCH(QString, file);
        const QString expected = readText(kHelp + file);
        QVERIFY2(!expected.isEmpty(), qPrintable(kHelp + file));
        const auto r = runCli(args);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        QCOMPARE(r.out, expected);
    }

    // Each row: the arguments (X = a fresh empty folder's path) and the whole message after
    // "motifloom-cli COMMAND: ".
    void fail_options_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("fail_not_a_whole_number") << QStringList{"simulate", "--out", "X", "--count", "abc"}
                                                 << "option --count needs a whole number, got 'abc'";
        QTest::newRow("fail_inline_value") << QStringList{"simulate", "--out=X", "--count=1.5"}
                                           << "option --count needs a whole number, got '1.5'";
        QTest::newRow("fail_out_of_range") << QStringList{"simulate", "--out", "X", "--count", "0"}
                                           << "option --count must be between 1 and 100000000, got 0";
        QTest::newRow("fail_hex_is_not_decimal") << QStringList{"simulate", "--out", "X", "--length", "0x20"}
                                                 << "option --length needs a whole number, got '0x20'";
        QTest::newRow("fail_negative_seed") << QStringList{"simulate", "--out", "X", "--seed", "-1"}
                                            << "option --seed needs a non-negative whole number, got '-1'";
        QTest::newRow("fail_real_out_of_range") << QStringList{"simulate", "--out", "X", "--gc", "1.5"}
                                                << "option --gc must be between 0 and 1, got 1.5";
        QTest::newRow("fail_real_lower_bound") << QStringList{"train", "--out", "X", "--data", "synthetic", "--lr", "0"}
                                               << "option --lr must be between 1e-12 and 10, got 0";
        QTest::newRow("fail_number_list") << QStringList{"train", "--out", "X", "--data", "a.fa", "--split", "0.7,abc,0.1"}
                                          << "option --split needs comma-separated numbers, got '0.7,abc,0.1'";
        QTest::newRow("fail_empty_list_item") << QStringList{"simulate", "--out", "X", "--k-probs", "0.5,,0.5"}
                                              << "option --k-probs needs comma-separated numbers, got '0.5,,0.5'";
        QTest::newRow("fail_list_length") << QStringList{"simulate", "--out", "X", "--split", "0.7,0.3"}
                                          << "option --split needs three comma-separated numbers, got '0.7,0.3'";
        QTest::newRow("fail_choice_of_two") << QStringList{"tomtom", "--background", "gc", kMotifs, kMotifs}
                                            << "option --background must be query or uniform, got 'gc'";
        QTest::newRow("fail_choice_of_three") << QStringList{"evaluate", "--run", "X", "--data", "X", "--part", "all"}
                                              << "option --part must be test, valid or train, got 'all'";
        QTest::newRow("fail_choice_of_five") << QStringList{"tomtom", "--dist", "cosine", kMotifs, kMotifs}
                                             << "option --dist must be one of ed, pearson, sandelin, kullback, allr, "
                                                "got 'cosine'";
        QTest::newRow("fail_missing_value") << QStringList{"simulate", "--out", "X", "--count"}
                                            << "option --count needs a value";
        QTest::newRow("fail_flag_with_value") << QStringList{"simulate", "--out", "X", "--forward-only=yes"}
                                              << "option --forward-only takes no value";
        QTest::newRow("fail_unknown_option") << QStringList{"simulate", "--out", "X", "--bogus", "3"}
                                             << "unknown option --bogus (see 'simulate --help')";
        QTest::newRow("fail_unknown_inline") << QStringList{"tomtom", "--bogus=3", kMotifs}
                                             << "unknown option --bogus (see 'tomtom --help')";
        QTest::newRow("fail_unexpected_argument") << QStringList{"simulate", "--out", "X", "extra"}
                                                  << "unexpected argument 'extra' (see 'simulate --help')";
        QTest::newRow("fail_required_option") << QStringList{"simulate", "--count", "10"}
                                              << "option --out DIR is required (see 'simulate --help')";
        QTest::newRow("fail_required_data") << QStringList{"filters", "--run", "X", "--out", "X/f.meme"}
                                            << "option --data SOURCE is required (see 'filters --help')";
        QTest::newRow("fail_missing_argument") << QStringList{"tomtom", kMotifs}
                                               << "missing argument TARGET (see 'tomtom --help')";
        QTest::newRow("fail_subcommand_argument") << QStringList{"motifs", "convert", kMotifs}
                                                  << "missing argument OUT (see 'motifs convert --help')";
        // Checked while parsing: the demo stops before simulating anything into X.
        QTest::newRow("fail_demo_before_work") << QStringList{"demo", "--out", "X", "--threads", "x"}
                                               << "option --threads needs a whole number, got 'x'";
        QTest::newRow("fail_sweep_before_work") << QStringList{"sweep", "--models", "CNN-2", "--out", "X",
                                                               "--data", "synthetic", "--patience", "-1"}
                                                << "option --patience must be between 0 and 100000, got -1";
    }
    void fail_options() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        for (QString& a : args) a.replace(QRegularExpression("^X"), dir.path());
        for (QString& a : args) a.replace(QRegularExpression("^--out=X"), "--out=" + dir.path());
        const auto r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err, "motifloom-cli " + args[0] + ": " + message + "\n");
        QVERIFY(QDir(dir.path()).isEmpty());
    }

    // "0100" is one hundred (CLI11 on its own would read octal 64); the last --count wins.
    void numbersAreDecimal_data() {
        QTest::addColumn<QStringList>("count");
        QTest::addColumn<QString>("expected");
        QTest::newRow("leading zero") << QStringList{"--count", "0100"} << "simulated 100 sequences";
        QTest::newRow("plus sign") << QStringList{"--count=+90"} << "simulated 90 sequences";
        QTest::newRow("last wins") << QStringList{"--count", "50", "--count", "080"} << "simulated 80 sequences";
    }
    void numbersAreDecimal() {
        QFETCH(QStringList, count);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const auto r = runCli(QStringList{"simulate", "--out", dir.filePath("d"), "--length", "100"} + count);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(expected), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "test_cli_options.moc"
