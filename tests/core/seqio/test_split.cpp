// Tests for core/seqio splits: seeded random splits (exact sizes, reproducible, disjoint,
// labels travel with their sequences), user-given split files (one fail_* row per bad input,
// asserting the message names the file and line), and user-given train/valid/test FASTA files.
#include "seqio/fasta_loader.h"
#include "seqio/split.h"
#include "util/input_error.h"
#include "fasta_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace motifloom;
using namespace motifloom::seqio;
using namespace motifloom::seqio::fastatest;

namespace {

// n sequences of length 3 whose codes and 2 label columns are a function of their index, so a
// split can be checked sequence by sequence.
SequenceSet indexedSet(std::size_t n) {
    SequenceSet set;
    set.length = 3;
    set.classNames = {"odd", "third"};
    for (std::size_t i = 0; i < n; ++i) {
        set.ids.push_back("s" + std::to_string(i));
        for (int j = 0; j < 3; ++j) set.codes.push_back(std::uint8_t(1u << ((i + std::size_t(j)) % 4)));
        set.labels.push_back(i % 2 ? 1.0f : 0.0f);
        set.labels.push_back(i % 3 == 0 ? 1.0f : 0.0f);
    }
    return set;
}

// Every sequence of `part` is the original one with the same id, and ids ascend (order kept).
void checkPart(const SequenceSet& part, const SequenceSet& all, std::set<std::string>& seen) {
    QCOMPARE(part.length, all.length);
    QVERIFY(part.classNames == all.classNames);
    long previous = -1;
    for (std::size_t k = 0; k < part.size(); ++k) {
        const std::size_t i = std::stoul(part.ids[k].substr(1));
        QVERIFY(long(i) > previous);
        previous = long(i);
        QVERIFY2(seen.insert(part.ids[k]).second, "sequence in two parts");
        QVERIFY(std::equal(part.sequence(k), part.sequence(k) + 3, all.sequence(i)));
        QCOMPARE(part.label(k)[0], all.label(i)[0]);
        QCOMPARE(part.label(k)[1], all.label(i)[1]);
    }
}

std::vector<std::string> ids(const DataSplits& s) {
    std::vector<std::string> out = s.train.ids;
    out.insert(out.end(), s.valid.ids.begin(), s.valid.ids.end());
    out.insert(out.end(), s.test.ids.begin(), s.test.ids.end());
    return out;
}

}  // namespace

class TestSplit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sizes_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("train");
        QTest::addColumn<double>("valid");
        QTest::addColumn<double>("test");
        QTest::addColumn<int>("nTrain");
        QTest::addColumn<int>("nValid");
        QTest::addColumn<int>("nTest");
        QTest::newRow("paper_25000") << 25000 << 0.7 << 0.1 << 0.2 << 17500 << 2500 << 5000;
        QTest::newRow("ten") << 10 << 0.7 << 0.1 << 0.2 << 7 << 1 << 2;
        QTest::newRow("seven_remainder_to_train") << 7 << 0.7 << 0.1 << 0.2 << 6 << 0 << 1;
        QTest::newRow("float_rounding_0.29") << 100 << 0.61 << 0.1 << 0.29 << 61 << 10 << 29;
        QTest::newRow("one") << 1 << 0.7 << 0.1 << 0.2 << 1 << 0 << 0;
        QTest::newRow("empty") << 0 << 0.7 << 0.1 << 0.2 << 0 << 0 << 0;
        QTest::newRow("all_test") << 5 << 0.0 << 0.0 << 1.0 << 0 << 0 << 5;
        QTest::newRow("no_test") << 9 << 0.5 << 0.5 << 0.0 << 5 << 4 << 0;
    }
    void sizes() {
        QFETCH(int, n);
        QFETCH(double, train);
        QFETCH(double, valid);
        QFETCH(double, test);
        QFETCH(int, nTrain);
        QFETCH(int, nValid);
        QFETCH(int, nTest);
        const SequenceSet all = indexedSet(std::size_t(n));
        const DataSplits s = splitRandom(all, 42, {train, valid, test});
        QCOMPARE(int(s.train.size()), nTrain);
        QCOMPARE(int(s.valid.size()), nValid);
        QCOMPARE(int(s.test.size()), nTest);
        std::set<std::string> seen;
        checkPart(s.train, all, seen);
        checkPart(s.valid, all, seen);
        checkPart(s.test, all, seen);
        QCOMPARE(int(seen.size()), n);  // disjoint and complete
    }

    void reproducible() {
        const SequenceSet all = indexedSet(500);
        const auto a = ids(splitRandom(all, 7));
        QVERIFY(a == ids(splitRandom(all, 7)));
        QVERIFY(a != ids(splitRandom(all, 8)));
        // The split is random, not "first 70% to train".
        const DataSplits s = splitRandom(all, 7);
        QVERIFY(s.test.ids.front() != "s400");
        QVERIFY(std::stoul(s.train.ids.back().substr(1)) > 350);
    }

    void badFractions_data() {
        QTest::addColumn<double>("train");
        QTest::addColumn<double>("valid");
        QTest::addColumn<double>("test");
        QTest::addColumn<QString>("words");
        QTest::newRow("fail_sum_above_one") << 0.7 << 0.1 << 0.3 << "add up to 1, but 0.7 + 0.1 + 0.3 = 1.1";
        QTest::newRow("fail_sum_below_one") << 0.5 << 0.1 << 0.2 << "add up to 1";
        QTest::newRow("fail_negative") << 1.2 << -0.2 << 0.0 << "must not be negative";
        QTest::newRow("fail_nan") << qQNaN() << 0.5 << 0.5 << "must not be negative";
    }
    void badFractions() {
        QFETCH(double, train);
        QFETCH(double, valid);
        QFETCH(double, test);
        QFETCH(QString, words);
        try {
            splitRandom(indexedSet(10), 1, {train, valid, test});
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains(words), e.what());
        }
    }

    void splitFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("split.tsv");
        writeBytes(path, "# id\tsplit\r\ns0\ttrain\r\ns3 test  # a comment\r\n\r\n  s1 validation\ns2 valid\ns5\ttrain\n");
        const SequenceSet all = indexedSet(6);  // s4 is not listed
        Warnings warnings;
        const DataSplits s = splitFromFile(all, str(path), &warnings);
        QVERIFY((s.train.ids == std::vector<std::string>{"s0", "s5"}));
        QVERIFY((s.valid.ids == std::vector<std::string>{"s1", "s2"}));
        QVERIFY((s.test.ids == std::vector<std::string>{"s3"}));
        std::set<std::string> seen;
        checkPart(s.train, all, seen);
        checkPart(s.valid, all, seen);
        checkPart(s.test, all, seen);
        QCOMPARE(warnings.count(kWarnNotInSplit), 1L);
        QVERIFY(warnings.summary().find("sequence s4") != std::string::npos);
    }

    void fail_data() {
        QTest::addColumn<QByteArray>("content");  // null = no file
        QTest::addColumn<bool>("duplicateId");    // the set holds "s1" twice
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("words");
        QTest::newRow("fail_unknown_split") << QByteArray("s0 train\ns1 dev\n") << false << 2 << "unknown split 'dev'";
        QTest::newRow("fail_unknown_id") << QByteArray("s0 train\r\n\r\ns9 test\r\n") << false << 3
                                         << "sequence s9 is not in the data";
        QTest::newRow("fail_listed_twice") << QByteArray("s0 train\ns1 test\n# again\ns0 test\n") << false << 4
                                           << "already assigned on line 1";
        QTest::newRow("fail_one_word") << QByteArray("s0 train\ns1\n") << false << 2 << "expected 'ID SPLIT'";
        QTest::newRow("fail_three_words") << QByteArray("s0 train extra\n") << false << 1 << "found 3 words";
        QTest::newRow("fail_ambiguous_id") << QByteArray("s0 train\ns1 test\n") << true << 2 << "more than once";
        QTest::newRow("fail_binary_junk") << QByteArray("s0 train\n\x00\x01\x02", 12) << false << 2 << "binary data";
        QTest::newRow("fail_empty_file") << QByteArray("") << false << 1 << "assigns no sequences";
        QTest::newRow("fail_only_comments") << QByteArray("# nothing\n\n") << false << 1 << "assigns no sequences";
        QTest::newRow("fail_missing_file") << QByteArray() << false << 0 << "file not found";
    }
    void fail() {
        QFETCH(QByteArray, content);
        QFETCH(bool, duplicateId);
        QFETCH(int, line);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const QString path = dir.filePath("split.txt");
        if (!content.isNull()) writeBytes(path, content);
        SequenceSet all = indexedSet(4);
        if (duplicateId) all.ids[2] = "s1";
        try {
            splitFromFile(all, str(path));
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            expectNamesFileAndLine(e, path, line, words);
        }
    }

    // User-given train/valid/test FASTA files are one data set: class names (in order of first
    // appearance over all three) and the common length are shared.
    void userSplitFiles() {
        QTemporaryDir dir;
        writeBytes(dir.filePath("tr.fa"), ">a class=CTCF\nACGTAC\n>b class=YY1\nACGTAC\n");
        writeBytes(dir.filePath("va.fa"), ">c class=MAX\nACGTACGT\n>d class=YY1\nACGTAC\n");
        writeBytes(dir.filePath("te.fa"), ">e class=CTCF\nACGT\n");
        Warnings warnings;
        const DataSplits s = loadSplitFiles({str(dir.filePath("tr.fa")), str(dir.filePath("va.fa")),
                                             str(dir.filePath("te.fa"))},
                                            {}, &warnings);
        const std::vector<std::string> names = {"CTCF", "YY1", "MAX"};
        QVERIFY(s.train.classNames == names && s.valid.classNames == names && s.test.classNames == names);
        QVERIFY(s.train.task == TaskKind::SingleLabel);
        QVERIFY((s.valid.labels == std::vector<float>{0, 0, 1, 0, 1, 0}));
        QVERIFY((s.test.labels == std::vector<float>{1, 0, 0}));
        QCOMPARE(s.train.length, 6);
        QCOMPARE(s.valid.length, 6);
        QCOMPARE(s.test.length, 6);
        QCOMPARE(warnings.count(kWarnCropped), 1L);
        QCOMPARE(warnings.count(kWarnPadded), 1L);
        QVERIFY(warnings.summary().find("va.fa line 1: sequence c has 8 nt") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestSplit)
#include "test_split.moc"
