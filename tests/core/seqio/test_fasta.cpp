// Tests for core/seqio reading and writing: the alphabet, the streaming FASTA reader on "ugly"
// files (CRLF, BOM, lower case, blank lines, long lines, gzip), the three label modes, crop/pad
// to one length, the data-folder layout, the writer, progress/cancel and speed. Bad input is
// test_fasta_errors.cpp's.
#include "seqio/alphabet.h"
#include "seqio/fasta_loader.h"
#include "seqio/fasta_reader.h"
#include "seqio/fasta_writer.h"
#include "util/input_error.h"
#include "fasta_test_support.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <filesystem>
#include <fstream>

using namespace motifloom;
using namespace motifloom::seqio;
using namespace motifloom::seqio::fastatest;

namespace {

void writeGzip(const QString& path, const QByteArray& bytes) {
    gzFile f = gzopen(path.toLocal8Bit().constData(), "wb");
    QVERIFY(f);
    QCOMPARE(gzwrite(f, bytes.constData(), unsigned(bytes.size())), int(bytes.size()));
    QCOMPARE(gzclose(f), Z_OK);
}

void compareSets(const SequenceSet& got, const SequenceSet& want) {
    QCOMPARE(got.size(), want.size());
    QCOMPARE(got.length, want.length);
    QVERIFY(got.task == want.task);
    QVERIFY(got.classNames == want.classNames);
    QVERIFY(got.ids == want.ids);
    for (std::size_t i = 0; i < want.size(); ++i)
        if (!std::equal(got.sequence(i), got.sequence(i) + got.length, want.sequence(i))) {
            QFAIL(qPrintable(QString("sequence %1 differs: %2 vs %3")
                                 .arg(qs(want.ids[i]), qs(decodeSequence(got.sequence(i), got.length)),
                                      qs(decodeSequence(want.sequence(i), want.length)))));
        }
    QVERIFY(got.labels == want.labels);
}

std::size_t countAmbiguousSequences(const SequenceSet& set) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < set.size(); ++i)
        n += std::any_of(set.sequence(i), set.sequence(i) + set.length, isAmbiguous) ? 1 : 0;
    return n;
}

// How a test renders a set as an "ugly" but valid FASTA file.
struct Style {
    bool crlf = false, bom = false, lower = false, blankLines = false, tabs = false;
    int wrap = 0;  // bases per line; 0 = one line
};

QByteArray render(const SequenceSet& set, const Style& style) {
    const QByteArray nl = style.crlf ? "\r\n" : "\n";
    QByteArray out;
    if (style.bom) out += "\xEF\xBB\xBF";
    if (style.blankLines) out += nl + nl;
    for (std::size_t i = 0; i < set.size(); ++i) {
        out += '>' + QByteArray::fromStdString(set.ids[i]) + (style.tabs ? "\t" : " ") + "labels=";
        for (int c = 0; c < set.numClasses(); ++c) out += (c ? "," : "") + QByteArray(set.label(i)[c] > 0.5f ? "1" : "0");
        if (style.tabs) out += "\tnote=soft \t masked ";
        out += nl;
        QByteArray seq = QByteArray::fromStdString(decodeSequence(set.sequence(i), set.length));
        if (style.lower)  // soft-mask a stretch in the middle, as genome browsers do
            for (int j = set.length / 4; j < set.length / 2; ++j) seq[j] = char(std::tolower(seq[j]));
        const int wrap = style.wrap > 0 ? style.wrap : set.length;
        for (int j = 0; j < set.length; j += wrap) {
            out += seq.mid(j, wrap);
            if (style.tabs) out += " \t";
            out += nl;
            if (style.blankLines && j == 0) out += nl;
        }
        if (style.blankLines) out += nl;
    }
    return out;
}

}  // namespace

class TestFasta : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void alphabet() {
        const std::string letters = "ACGTRYSWKMBDHVN";
        const std::vector<std::uint8_t> codes = {1, 2, 4, 8, 5, 10, 6, 9, 12, 3, 14, 13, 11, 7, 15};
        QVERIFY(encodeSequence(letters) == codes);
        QVERIFY(encodeSequence("acgtryswkmbdhvn") == codes);
        QCOMPARE(qs(decodeSequence(codes.data(), codes.size())), qs(letters));
        QCOMPARE(decodeBase(0), 'N');  // padding is written as N
        for (char c : std::string("UXZ-.*0 >")) QCOMPARE(encodeBase(c), kInvalidCode);
        QCOMPARE(complementCode(1), std::uint8_t(8));    // A -> T
        QCOMPARE(complementCode(5), std::uint8_t(10));   // R (AG) -> Y (CT)
        QCOMPARE(complementCode(15), std::uint8_t(15));  // N -> N
        QCOMPARE(complementCode(0), std::uint8_t(0));
        const auto fwd = encodeSequence("AACGR");
        std::vector<std::uint8_t> rc(fwd.size());
        reverseComplement(fwd.data(), fwd.size(), rc.data());
        QVERIFY(rc == encodeSequence("YCGTT"));
        QVERIFY(!isAmbiguous(8) && isAmbiguous(5) && isAmbiguous(15) && !isAmbiguous(0));
        try {
            encodeSequence("ACXT");
            QFAIL("expected InputError");
        } catch (const InputError& e) {
            QVERIFY(std::string(e.what()).find("'X' at position 2") != std::string::npos);
        }
    }

    void oneHotOnTheFly() {
        const std::vector<std::uint8_t> codes = {1, 15, 5, 0, 7};  // A, N, R, padding, V
        std::vector<float> hot(4 * codes.size(), -1.0f);
        oneHot(codes.data(), codes.size(), hot.data());
        // layout 4 x 5, rows A,C,G,T
        const float expected[4][5] = {{1, 0.25f, 0.5f, 0, 1 / 3.0f},
                                      {0, 0.25f, 0, 0, 1 / 3.0f},
                                      {0, 0.25f, 0.5f, 0, 1 / 3.0f},
                                      {0, 0.25f, 0, 0, 0}};
        for (int b = 0; b < 4; ++b)
            for (int j = 0; j < 5; ++j) QCOMPARE(hot[std::size_t(b * 5 + j)], expected[b][j]);
    }

    void readUglyFixture_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("crlf_bom_lower_blank_tabs") << "ugly_crlf.fa";
        QTest::newRow("same_gzipped") << "ugly_crlf.fa.gz";
    }
    void readUglyFixture() {
        QFETCH(QString, file);
        const std::string path = MOTIFLOOM_TEST_DATA_DIR "/seqio/" + str(file);
        FastaReader reader(path);
        FastaRecord rec;
        QVERIFY(reader.next(rec));
        QCOMPARE(qs(rec.id), QString("seq1"));
        QVERIFY((rec.tokens == std::vector<std::string>{"labels=1,0,1", "soft-masked,", "with", "Ns"}));
        QCOMPARE(qs(decodeSequence(rec.codes.data(), rec.codes.size())), QString("ACGTACGTNNACGT"));
        QCOMPARE(rec.line, 1L);
        QCOMPARE(rec.ambiguous, 2L);
        QVERIFY(reader.next(rec));
        QCOMPARE(qs(rec.id), QString("seq2"));
        QCOMPARE(qs(decodeSequence(rec.codes.data(), rec.codes.size())), QString("RYSWKMBDHV"));
        QCOMPARE(rec.line, 5L);
        QVERIFY(reader.next(rec));
        QCOMPARE(qs(rec.id), QString("seq3"));
        QCOMPARE(qs(decodeSequence(rec.codes.data(), rec.codes.size())), QString("ACGTACGTACGGGG"));
        QCOMPARE(rec.line, 8L);
        QVERIFY(!reader.next(rec));
        QVERIFY(!reader.next(rec));  // stays at the end
        QCOMPARE(reader.recordsRead(), 3L);
        QCOMPARE(reader.warnings().count(kWarnAmbiguous), 2L);
        QVERIFY(reader.warnings().summary().find(" line 2: 'N' in sequence seq1") != std::string::npos);
    }

    void uglyRoundTrip_data() {
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("crlf");
        QTest::addColumn<bool>("bom");
        QTest::addColumn<bool>("lower");
        QTest::addColumn<bool>("blankLines");
        QTest::addColumn<bool>("tabs");
        QTest::addColumn<int>("wrap");
        QTest::addColumn<bool>("gzip");
        QTest::newRow("plain_one_line") << 200 << false << false << false << false << false << 0 << false;
        QTest::newRow("crlf") << 200 << true << false << false << false << false << 60 << false;
        QTest::newRow("bom_lower_case") << 200 << false << true << true << false << false << 70 << false;
        QTest::newRow("blank_lines_tabs") << 200 << false << false << false << true << true << 50 << false;
        QTest::newRow("long_single_lines") << 30000 << false << false << true << false << false << 0 << false;
        QTest::newRow("long_wrapped_crlf") << 30000 << true << false << false << true << false << 61 << false;
        QTest::newRow("ragged_wrap_7") << 101 << true << true << true << true << true << 7 << false;
        QTest::newRow("gzip_everything") << 1000 << true << true << true << true << true << 80 << true;
    }
    void uglyRoundTrip() {
        QFETCH(int, length);
        QFETCH(bool, gzip);
        Style style;
        QFETCH(bool, crlf);
        QFETCH(bool, bom);
        QFETCH(bool, lower);
        QFETCH(bool, blankLines);
        QFETCH(bool, tabs);
        QFETCH(int, wrap);
        style = {crlf, bom, lower, blankLines, tabs, wrap};
        const std::uint64_t seed = 1000 + std::uint64_t(length) + (crlf ? 1 : 0) + std::uint64_t(wrap);
        qInfo("seed %llu", static_cast<unsigned long long>(seed));
        const SequenceSet original = randomSet(seed, 40, length, 5, 0.002);

        QTemporaryDir dir;
        const QString ugly = dir.filePath(gzip ? "ugly.fa.gz" : "ugly.fa");
        if (gzip)
            writeGzip(ugly, render(original, style));
        else
            writeBytes(ugly, render(original, style));

        LoadOptions options;
        options.files = {str(ugly)};
        const LoadResult first = loadLabelled(options);
        compareSets(first.set, original);
        if (QTest::currentTestFailed()) return;
        QCOMPARE(first.warnings.count(kWarnAmbiguous), long(countAmbiguousSequences(original)));
        QCOMPARE(first.warnings.count(kWarnCropped) + first.warnings.count(kWarnPadded), 0L);

        // Written canonically and read back: the same set, and writing again gives the same bytes.
        for (const QString name : {"clean.fa", "clean.fa.gz"}) {
            const QString clean = dir.filePath(name);
            writeFasta(str(clean), first.set);
            options.files = {str(clean)};
            const LoadResult second = loadLabelled(options);
            compareSets(second.set, original);
            if (QTest::currentTestFailed()) return;
            const QString again = dir.filePath("again_" + name);
            writeFasta(str(again), second.set);
            QCOMPARE(readBytes(again), readBytes(clean));
        }
        QVERIFY(readBytes(dir.filePath("clean.fa.gz")).startsWith("\x1f\x8b"));  // really gzip
    }

    void cropAndPad_data() {
        QTest::addColumn<QStringList>("sequences");
        QTest::addColumn<int>("target");
        QTest::addColumn<bool>("padWithN");
        QTest::addColumn<QStringList>("expected");  // '.' = padding (code 0)
        QTest::addColumn<int>("cropped");
        QTest::addColumn<int>("padded");
        QTest::newRow("crop_keeps_middle") << QStringList{"AAAACCCCGG"} << 6 << false << QStringList{"AACCCC"} << 1 << 0;
        QTest::newRow("crop_odd_surplus_loses_end") << QStringList{"ACGTACG"} << 6 << false << QStringList{"ACGTAC"} << 1 << 0;
        QTest::newRow("pad_centred_no_base") << QStringList{"ACG"} << 6 << false << QStringList{".ACG.."} << 0 << 1;
        QTest::newRow("pad_with_n") << QStringList{"ACG"} << 6 << true << QStringList{"NACGNN"} << 0 << 1;
        QTest::newRow("exact_untouched") << QStringList{"ACGTAC"} << 6 << false << QStringList{"ACGTAC"} << 0 << 0;
        QTest::newRow("mixed") << QStringList{"ACGTACGTAC", "AC", "ACGT"} << 4 << false
                               << QStringList{"TACG", ".AC.", "ACGT"} << 1 << 1;
        QTest::newRow("most_common_length") << QStringList{"AAAAA", "CCC", "GGGGG", "TTTTTTT"} << 0 << false
                                            << QStringList{"AAAAA", ".CCC.", "GGGGG", "TTTTT"} << 1 << 1;
        QTest::newRow("most_common_tie_goes_long") << QStringList{"AAAAA", "CCCCCCC", "GGGGG", "TTTTTTT", "AC"} << 0
                                                   << false
                                                   << QStringList{".AAAAA.", "CCCCCCC", ".GGGGG.", "TTTTTTT", "..AC..."}
                                                   << 0 << 3;
    }
    void cropAndPad() {
        QFETCH(QStringList, sequences);
        QFETCH(int, target);
        QFETCH(bool, padWithN);
        QFETCH(QStringList, expected);
        QFETCH(int, cropped);
        QFETCH(int, padded);
        QByteArray text;
        for (int i = 0; i < sequences.size(); ++i)
            text += QString(">s%1 class=X\n%2\n").arg(i).arg(sequences[i]).toLatin1();
        QTemporaryDir dir;
        const QString path = dir.filePath("lengths.fa");
        writeBytes(path, text);
        LoadOptions options;
        options.files = {str(path)};
        options.targetLength = target;
        options.padWithN = padWithN;
        const LoadResult r = loadLabelled(options);
        QCOMPARE(r.set.size(), std::size_t(sequences.size()));
        QCOMPARE(r.set.length, int(expected[0].size()));
        for (int i = 0; i < expected.size(); ++i) {
            QString got;
            for (int j = 0; j < r.set.length; ++j) {
                const auto code = r.set.sequence(std::size_t(i))[j];
                got += code == 0 ? '.' : decodeBase(code);
            }
            QCOMPARE(got, expected[i]);
        }
        QCOMPARE(r.warnings.count(kWarnCropped), long(cropped));
        QCOMPARE(r.warnings.count(kWarnPadded), long(padded));
        if (cropped + padded > 0)
            QVERIFY2(r.warnings.summary().find("lengths.fa line ") != std::string::npos, r.warnings.summary().c_str());
    }

    void headerLabelModes() {
        QTemporaryDir dir;
        const QString path = dir.filePath("classes.fa");
        writeBytes(path, ">a class=CTCF\nACGT\n>b class=YY1 other=token\nACGT\n>c class=CTCF\nACGT\n");
        LoadOptions options;
        options.files = {str(path)};
        LoadResult r = loadLabelled(options);
        QVERIFY(r.set.task == TaskKind::SingleLabel);
        QVERIFY((r.set.classNames == std::vector<std::string>{"CTCF", "YY1"}));  // order of first appearance
        QVERIFY((r.set.labels == std::vector<float>{1, 0, 0, 1, 1, 0}));

        options.classNames = {"MAX", "YY1", "CTCF"};  // given names fix order and width
        r = loadLabelled(options);
        QVERIFY((r.set.classNames == options.classNames));
        QVERIFY((r.set.labels == std::vector<float>{0, 0, 1, 0, 1, 0, 0, 0, 1}));

        const QString multi = dir.filePath("multi.fa");
        writeBytes(multi, ">a labels=1,0,1\nACGT\n>b labels=0,0,0\nACGT\n");
        options.files = {str(multi)};
        options.classNames = {};
        r = loadLabelled(options);
        QVERIFY(r.set.task == TaskKind::MultiLabel);
        QVERIFY((r.set.classNames == std::vector<std::string>{"class0", "class1", "class2"}));
        QVERIFY((r.set.labels == std::vector<float>{1, 0, 1, 0, 0, 0}));
        options.classNames = {"x", "y", "z"};
        QVERIFY((loadLabelled(options).set.classNames == options.classNames));

        // Several files in HeaderTokens mode are one set, in order.
        options.files = {str(multi), str(multi)};
        r = loadLabelled(options);
        QCOMPARE(r.set.size(), std::size_t(4));
        QCOMPARE(r.warnings.count(kWarnDuplicateId), 2L);
    }

    void fileLabelModes() {
        QTemporaryDir dir;
        const QString ctcf = dir.filePath("CTCF.fa"), yy1 = dir.filePath("YY1.fasta.gz");
        writeBytes(ctcf, ">a labels=0,1 ignored\nACGT\n>b\nTTTT\n");
        writeGzip(yy1, ">c\nGGGG\n");
        LoadOptions options;
        options.labels = LabelMode::FilePerClass;
        options.files = {str(ctcf), str(yy1)};
        LoadResult r = loadLabelled(options);
        QVERIFY(r.set.task == TaskKind::SingleLabel);
        QVERIFY((r.set.classNames == std::vector<std::string>{"CTCF", "YY1"}));
        QVERIFY((r.set.ids == std::vector<std::string>{"a", "b", "c"}));
        QVERIFY((r.set.labels == std::vector<float>{1, 0, 1, 0, 0, 1}));

        options.labels = LabelMode::PositiveNegative;
        r = loadLabelled(options);
        QVERIFY(r.set.task == TaskKind::MultiLabel);
        QVERIFY((r.set.classNames == std::vector<std::string>{"CTCF"}));
        QVERIFY((r.set.labels == std::vector<float>{1, 1, 0}));
        options.classNames = {"bound"};
        QVERIFY((loadLabelled(options).set.classNames == std::vector<std::string>{"bound"}));

        QCOMPARE(qs(fileStem("/x/y/reads.fa.gz")), QString("reads"));
        QCOMPARE(qs(fileStem("peaks.fna")), QString("peaks"));
        QCOMPARE(qs(fileStem("notes.txt")), QString("notes.txt"));

        options.files = {str(ctcf)};  // positive/negative needs two files
        QVERIFY_THROWS_EXCEPTION(InputError, loadLabelled(options));
        options.labels = LabelMode::FilePerClass;
        options.classNames = {};
        options.files = {str(ctcf), str(ctcf)};  // same class name twice
        QVERIFY_THROWS_EXCEPTION(InputError, loadLabelled(options));
    }

    void dataDirectory() {
        QTemporaryDir dir;
        const SequenceSet all = randomSet(77, 30, 50, 4);
        std::vector<std::size_t> a, b, c;
        for (std::size_t i = 0; i < 30; ++i) (i < 20 ? a : i < 25 ? b : c).push_back(i);
        writeFasta(str(dir.filePath("train.fa")), all.subset(a));
        writeFasta(str(dir.filePath("valid.fa.gz")), all.subset(b));
        writeFasta(str(dir.filePath("test.fasta")), all.subset(c));

        Warnings warnings;
        DataSplits s = loadDataDirectory(str(dir.path()), {}, &warnings);
        QVERIFY(warnings.empty());
        compareSets(s.train, all.subset(a));
        compareSets(s.valid, all.subset(b));
        compareSets(s.test, all.subset(c));

        writeBytes(dir.filePath("classes.txt"), "ARID3A\r\nCEBPB\n\nFOSL1\nGABPA");
        s = loadDataDirectory(str(dir.path()));
        const std::vector<std::string> names = {"ARID3A", "CEBPB", "FOSL1", "GABPA"};
        QVERIFY(s.train.classNames == names && s.valid.classNames == names && s.test.classNames == names);
        QCOMPARE(s.test.size(), std::size_t(5));
    }

    void progressAndCancel() {
        QTemporaryDir dir;
        const QString path = dir.filePath("big.fa");
        writeFasta(str(path), randomSet(9, 12000, 250, 3));  // ~3 MB: several 1 MB blocks
        const auto size = std::uint64_t(QFileInfo(path).size());

        std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
        LoadOptions options;
        options.files = {str(path), str(path)};  // progress runs over both files
        options.progress = [&](std::uint64_t done, std::uint64_t total) {
            calls.emplace_back(done, total);
            return true;
        };
        QCOMPARE(loadLabelled(options).set.size(), std::size_t(24000));
        QVERIFY(calls.size() >= 6);
        for (std::size_t i = 0; i < calls.size(); ++i) {
            QCOMPARE(calls[i].second, 2 * size);
            if (i > 0) QVERIFY(calls[i].first >= calls[i - 1].first);
        }
        QCOMPARE(calls.back().first, 2 * size);

        int seen = 0;
        options.progress = [&](std::uint64_t, std::uint64_t) { return ++seen < 3; };  // cancel on the 3rd call
        try {
            loadLabelled(options);
            QFAIL("expected LoadCancelled");
        } catch (const InputError&) {
            QFAIL("cancel must not look like bad input");
        } catch (const LoadCancelled&) {
        }
        QCOMPARE(seen, 3);
    }

    void writerFormat() {
        SequenceSet set;
        set.length = 5;
        set.classNames = {"p", "q"};
        set.ids = {"a", "b"};
        set.codes = {1, 2, 4, 8, 0, 15, 5, 10, 3, 12};
        set.labels = {1, 0, 0, 1};
        QTemporaryDir dir;
        const QString path = dir.filePath("out.fa");
        writeFasta(str(path), set);
        QCOMPARE(readBytes(path), QByteArray(">a labels=1,0\nACGTN\n>b labels=0,1\nNRYMK\n"));
        set.task = TaskKind::SingleLabel;
        writeFasta(str(path), set);
        QCOMPARE(readBytes(path), QByteArray(">a class=p\nACGTN\n>b class=q\nNRYMK\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // no temporary left
    }

    // The paper's data set size must write and read back in well under a second.
    void speed25000x200() {
        const SequenceSet set = randomSet(2019, 25000, 200, 12);
        QTemporaryDir dir;
        const std::string path = str(dir.filePath("paper.fa"));
        QElapsedTimer timer;
        timer.start();
        writeFasta(path, set);
        const qint64 writeMs = timer.restart();
        LoadOptions options;
        options.files = {path};
        const LoadResult r = loadLabelled(options);
        const qint64 readMs = timer.elapsed();
        qInfo("25,000 x 200 nt: write %lld ms, read %lld ms", writeMs, readMs);
        compareSets(r.set, set);
        QVERIFY2(writeMs + readMs < 1000, "FASTA I/O too slow");
    }
};

QTEST_APPLESS_MAIN(TestFasta)
#include "test_fasta.moc"
