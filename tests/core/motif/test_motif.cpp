// Tests for core/motif: matrix arithmetic against hand-computed values, readers on "ugly"
// files (CRLF, blank lines, tabs, both JASPAR flavours, MEME minimal and full reports), write /
// read round trips, the real Debian JASPAR file, and one fail_* row per kind of bad input.
#include "motif/motif_io.h"
#include "motif/motif_lookup.h"
#include "motif/motif_math.h"
#include "util/input_error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace motifloom;
using namespace motifloom::motif;

namespace {

const QString kData = QStringLiteral(MOTIFLOOM_TEST_DATA_DIR "/motif/");

Motif makeMotif(std::initializer_list<std::array<double, 4>> columns, double nsites = 0) {
    Motif m;
    m.id = "T1";
    m.name = "test";
    m.nsites = nsites;
    m.probs.resize(4, Eigen::Index(columns.size()));
    int c = 0;
    for (const auto& col : columns) {
        for (int b = 0; b < 4; ++b) m.probs(b, c) = col[std::size_t(b)];
        ++c;
    }
    return m;
}

void writeBytes(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// Arnt (MA0004.1) as probabilities, from counts 4 19 0 0 0 0 / 16 0 20 0 0 0 / ...
Matrix4 arnt() {
    Matrix4 p(4, 6);
    p << 0.2, 0.95, 0, 0, 0, 0,
         0.8, 0, 1, 0, 0, 0,
         0, 0.05, 0, 1, 0, 1,
         0, 0, 0, 0, 1, 0;
    return p;
}
Matrix4 jun() {  // MA0489.1 in the fixtures: counts 1.5 0 10 / 0 2.5 0 / 0 0 0 / 8.5 7.5 0
    Matrix4 p(4, 3);
    p << 0.15, 0, 1,
         0, 0.25, 0,
         0, 0, 0,
         0.85, 0.75, 0;
    return p;
}

// Plain loops: Eigen's vectorised reductions trip a GCC 12 -Wmaybe-uninitialized false positive.
bool near(const Matrix4& a, const Matrix4& b, double tol = 1e-6) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
    for (Eigen::Index c = 0; c < a.cols(); ++c)
        for (Eigen::Index r = 0; r < a.rows(); ++r)
            if (std::abs(a(r, c) - b(r, c)) > tol) return false;
    return true;
}

void checkFixtureMotifs(const MotifList& list) {
    QCOMPARE(list.size(), std::size_t(2));
    QCOMPARE(list[0].id, std::string("MA0004.1"));
    QCOMPARE(list[0].name, std::string("Arnt"));
    QVERIFY(near(list[0].probs, arnt()));
    QCOMPARE(list[0].nsites, 20.0);
    QCOMPARE(list[1].id, std::string("MA0489.1"));
    QCOMPARE(list[1].name, std::string("JUN (var.2)"));
    QVERIFY(near(list[1].probs, jun()));
    QCOMPARE(list[1].nsites, 10.0);
}

}  // namespace

class TestMotif : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // ---- arithmetic ------------------------------------------------------------------------
    void informationContent_data() {
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("c");
        QTest::addColumn<double>("g");
        QTest::addColumn<double>("t");
        QTest::addColumn<double>("bits");
        QTest::newRow("certain") << 1.0 << 0.0 << 0.0 << 0.0 << 2.0;
        QTest::newRow("uniform") << 0.25 << 0.25 << 0.25 << 0.25 << 0.0;
        QTest::newRow("two letters") << 0.5 << 0.5 << 0.0 << 0.0 << 1.0;
        QTest::newRow("half quarter quarter") << 0.5 << 0.25 << 0.25 << 0.0 << 0.5;  // 2 - 1.5
        QTest::newRow("certain T") << 0.0 << 0.0 << 0.0 << 1.0 << 2.0;
    }
    void informationContent() {
        QFETCH(double, a);
        QFETCH(double, c);
        QFETCH(double, g);
        QFETCH(double, t);
        QFETCH(double, bits);
        const Motif m = makeMotif({{a, c, g, t}});
        QVERIFY(std::abs(columnInformation(m, 0) - bits) < 1e-12);
    }
    void informationWithBackground() {
        // sum p log2(p/bg) with bg A,T = 0.1: 0.5 log2(5) + 0.5 log2(5) = log2(5).
        const Motif m = makeMotif({{0.5, 0, 0, 0.5}, {0.25, 0.25, 0.25, 0.25}});
        const Background bg{0.1, 0.4, 0.4, 0.1};
        QVERIFY(std::abs(columnInformation(m, 0, bg) - std::log2(5.0)) < 1e-12);
        // uniform column against this background: 2 * 0.25 log2(2.5) + 2 * 0.25 log2(0.625)
        const double expected = 0.5 * std::log2(2.5) + 0.5 * std::log2(0.625);
        QVERIFY(std::abs(columnInformation(m, 1, bg) - expected) < 1e-12);
        QVERIFY(std::abs(totalInformation(m, bg) - std::log2(5.0) - expected) < 1e-12);
    }
    void consensusAndTies() {
        const Motif m = makeMotif({{0.7, 0.1, 0.1, 0.1}, {0.5, 0.5, 0, 0}, {0, 0.2, 0.2, 0.6},
                                   {0, 0.1, 0.9, 0}, {0.25, 0.25, 0.25, 0.25}, {0, 0.4, 0.4, 0.2}});
        QCOMPARE(consensus(m), std::string("AATGAC"));
        Motif a;
        a.probs = arnt();
        QCOMPARE(consensus(a), std::string("CACGTG"));
    }
    void reverseComplementByHand() {
        const Motif m = makeMotif({{0.7, 0.1, 0.1, 0.1}, {0.1, 0.2, 0.3, 0.4}, {0, 0, 1, 0}}, 12);
        const Motif rc = reverseComplement(m);
        // column 0 of rc = complement of column 2 (G -> C); column 2 = complement of column 0.
        const Motif expected = makeMotif({{0, 1, 0, 0}, {0.4, 0.3, 0.2, 0.1}, {0.1, 0.1, 0.1, 0.7}}, 12);
        QVERIFY(near(rc.probs, expected.probs, 0));
        QCOMPARE(rc.id, m.id);
        QCOMPARE(rc.nsites, 12.0);
        QVERIFY(near(reverseComplement(rc).probs, m.probs, 0));
        Motif a;
        a.probs = arnt();
        QCOMPARE(consensus(reverseComplement(a)), std::string("CACGTG"));  // palindrome
    }
    void countsToProbabilities() {
        Matrix4 counts(4, 3);
        counts << 4, 0, 1,
                  16, 0, 1,
                  0, 0, 1,
                  0, 0, 7;
        const Motif m = fromCounts("X", "x", counts);
        QCOMPARE(m.nsites, 20.0);  // largest column total
        QVERIFY(near(m.probs.col(0), Eigen::Vector4d(0.2, 0.8, 0, 0)));
        QVERIFY(near(m.probs.col(1), Eigen::Vector4d(0.25, 0.25, 0.25, 0.25)));  // empty column
        QVERIFY(near(m.probs.col(2), Eigen::Vector4d(0.1, 0.1, 0.1, 0.7)));
        counts(2, 1) = -1;
        QVERIFY_THROWS_EXCEPTION(InputError, fromCounts("X", "x", counts));
    }
    void pseudocounts() {
        const Motif m = makeMotif({{1, 0, 0, 0}}, 10);
        const Matrix4 p = withPseudocounts(m, 0.1);
        QVERIFY(std::abs(p(0, 0) - 10.025 / 10.1) < 1e-12);
        QVERIFY(std::abs(p(1, 0) - 0.025 / 10.1) < 1e-12);
        const Motif unknown = makeMotif({{1, 0, 0, 0}}, 0);  // n = 20 when nsites is unknown
        QVERIFY(std::abs(withPseudocounts(unknown, 1.0)(3, 0) - 0.25 / 21) < 1e-12);
    }
    void sliceAndClip() {
        std::initializer_list<std::array<double, 4>> cols = {
            {0.25, 0.25, 0.25, 0.25}, {0.25, 0.25, 0.25, 0.25}, {0.25, 0.25, 0.25, 0.25},
            {0.25, 0.25, 0.25, 0.25}, {0.4, 0.2, 0.2, 0.2},     {1, 0, 0, 0},
            {0.25, 0.25, 0.25, 0.25}, {0, 0, 0, 1},             {0.25, 0.25, 0.25, 0.25},
            {0.25, 0.25, 0.25, 0.25}, {0.25, 0.25, 0.25, 0.25}, {0.25, 0.25, 0.25, 0.25},
            {0.25, 0.25, 0.25, 0.25}};
        const Motif m = makeMotif(cols);
        const Motif clipped = clipByInformation(m, 0.5, 3);  // informative 5..7 -> [2, 11)
        QCOMPARE(clipped.width(), 9);
        QVERIFY(near(clipped.probs, m.probs.middleCols(2, 9), 0));
        QCOMPARE(clipByInformation(m, 0.5, 10).width(), 13);  // clamped to the motif
        QCOMPARE(clipByInformation(m, 2.5, 3).width(), 0);    // nothing qualifies
        QCOMPARE(sliceColumns(m, 5, 6).probs(0, 0), 1.0);
    }
    void lookup() {
        MotifList db;
        for (const char* id : {"MA0079.2", "MA0079.3", "MA0004.1"}) {
            Motif m = makeMotif({{1, 0, 0, 0}});
            m.id = id;
            m.name = std::string(id) == "MA0004.1" ? "Arnt" : "SP1";
            db.push_back(m);
        }
        QCOMPARE(findMotif(db, "MA0079.2")->id, std::string("MA0079.2"));
        QCOMPARE(findMotif(db, "MA0079")->id, std::string("MA0079.3"));
        QCOMPARE(findMotif(db, "sp1")->id, std::string("MA0079.3"));
        QCOMPARE(findMotif(db, "ARNT")->id, std::string("MA0004.1"));
        QVERIFY(findMotif(db, "MA0079.9") == nullptr);
        QVERIFY_THROWS_EXCEPTION(InputError, selectMotifs(db, {"Arnt", "YY1"}, "db.txt"));
    }

    // ---- readers ---------------------------------------------------------------------------
    void readUgly_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("crlf");
        for (const char* f : {"ugly_plain.txt", "ugly_bracketed.jaspar", "ugly_suite.meme"}) {
            QTest::addRow("%s as is", f) << QString(f) << false;
            QTest::addRow("%s converted to CRLF", f) << QString(f) << true;
        }
    }
    void readUgly() {
        QFETCH(QString, file);
        QFETCH(bool, crlf);
        QString path = kData + file;
        QTemporaryDir dir;
        if (crlf) {
            QFile in(path);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QByteArray bytes = in.readAll();
            bytes.replace("\r\n", "\n").replace("\n", "\r\n");
            path = dir.filePath(file);
            writeBytes(path, bytes);
        }
        checkFixtureMotifs(readMotifFile(path.toStdString()));
    }
    void memeBackgroundAndReport() {
        Background bg{};
        const MotifList list = readMeme((kData + "ugly_suite.meme").toStdString(), &bg);
        QCOMPARE(list.size(), std::size_t(2));
        QVERIFY(std::abs(bg[0] - 0.3) < 1e-12 && std::abs(bg[1] - 0.2) < 1e-12);
        // MEME's full text report: banner, log-odds matrix and sections are skipped.
        const MotifList report = readMotifFile((kData + "meme_report.txt").toStdString());
        QCOMPARE(report.size(), std::size_t(1));
        QCOMPARE(report[0].id, std::string("CACGTG"));
        QCOMPARE(report[0].name, std::string("MEME-1"));
        QCOMPARE(report[0].nsites, 20.0);
        QVERIFY(near(report[0].probs, arnt()));
    }
    void roundTrip_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        for (const char* src : {"ugly_plain.txt", "ugly_bracketed.jaspar", "ugly_suite.meme"})
            for (const char* dst : {"out.meme", "out.jaspar", "out.pfm"})
                QTest::addRow("%s to %s", src, dst) << QString(src) << QString(dst);
    }
    void roundTrip() {
        QFETCH(QString, source);
        QFETCH(QString, target);
        QTemporaryDir dir;
        const MotifList first = readMotifFile((kData + source).toStdString());
        const std::string out = dir.filePath(target).toStdString();
        writeMotifFile(out, first);
        const MotifList second = readMotifFile(out);
        checkFixtureMotifs(second);
        // And once more: a second write gives the same bytes.
        const std::string again = dir.filePath("again" + target.mid(3)).toStdString();
        writeMotifFile(again, second);
        std::ifstream a(out), b(again);
        QCOMPARE(std::string(std::istreambuf_iterator<char>(a), {}), std::string(std::istreambuf_iterator<char>(b), {}));
    }
    void unknownExtension() {
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(InputError, writeMotifFile(dir.filePath("x.xml").toStdString(), {}));
    }
    void realJasparFile() {
        const MotifList db = readJaspar(MOTIFLOOM_JASPAR_FILE);
        QCOMPARE(db.size(), std::size_t(205));
        const std::pair<const char*, int> paper[] = {
            {"MA0151.1", 6},  {"MA0466.1", 11}, {"MA0477.1", 11}, {"MA0062.2", 11},
            {"MA0496.1", 15}, {"MA0058.2", 10}, {"MA0052.2", 15}, {"MA0502.1", 15},
            {"MA0079.3", 11}, {"MA0083.2", 18}, {"MA0137.3", 11}, {"MA0095.2", 12}};
        for (const auto& [id, width] : paper) {
            const Motif* m = findMotif(db, id);
            QVERIFY2(m, id);
            QCOMPARE(m->width(), width);
            for (int c = 0; c < m->width(); ++c) QVERIFY(std::abs(m->probs.col(c).sum() - 1) < 1e-12);
        }
        const Motif* arid = findMotif(db, "ARID3A");
        QCOMPARE(arid->id, std::string("MA0151.1"));
        QCOMPARE(consensus(*arid), std::string("ATTAAA"));  // counts A 27 0 1 27 27 20, T 0 27 17 0 0 6
        QCOMPARE(arid->nsites, 27.0);
        QCOMPARE(findMotif(db, "MA0489.1")->name, std::string("JUN (var.2)"));
    }

    // ---- bad input: each case names its line ------------------------------------------------
    void fail_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reader");  // auto, jaspar, meme
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("words");    // part of the message

        const QByteArray memeHead = "MEME version 4\n\nALPHABET= ACGT\n\n";  // lines 1-4
        QTest::newRow("fail_empty_file") << QByteArray() << "auto" << 1 << "empty";
        QTest::newRow("fail_blank_lines_only") << QByteArray("\n  \r\n\t\n") << "jaspar" << 1 << "empty";
        QTest::newRow("fail_binary_junk") << QByteArray("\x7f" "ELF\x02\x01\x01\x00\x00junk", 12) << "auto" << 1 << "binary";
        QTest::newRow("fail_binary_after_text") << QByteArray(">M1 a\n1 2\n\x00\x00\x01\x02", 14) << "auto" << 3 << "binary";
        QTest::newRow("fail_jaspar_missing_row") << QByteArray(">M1 a\n1 2\n3 4\n5 6\n>M2 b\n1\n1\n1\n1\n") << "auto" << 1 << "3 rows";
        QTest::newRow("fail_jaspar_missing_row_at_end") << QByteArray(">M1 a\n1 2\n3 4\n5 6\n7 8\n\n>M2 b\n1\n1\n") << "jaspar" << 7 << "2 rows";
        QTest::newRow("fail_jaspar_fifth_row") << QByteArray(">M1 a\n1 2\n3 4\n5 6\n7 8\n9 9\n") << "auto" << 6 << "fifth row";
        QTest::newRow("fail_jaspar_negative_count") << QByteArray(">M1 a\n1 2\n3 -4\n5 6\n7 8\n") << "auto" << 3 << "negative count -4";
        QTest::newRow("fail_jaspar_unequal_rows") << QByteArray(">M1 a\n1 2 3\n3 4 5\n5 6\n7 8 9\n") << "auto" << 4 << "2 columns";
        QTest::newRow("fail_jaspar_not_a_number") << QByteArray(">M1 a\n1 2\n3 x4\n5 6\n7 8\n") << "auto" << 3 << "'x4'";
        QTest::newRow("fail_jaspar_comma_number") << QByteArray(">M1 a\nA [ 1,5 2 ]\nC [ 1 2 ]\nG [ 1 2 ]\nT [ 1 2 ]\n") << "auto" << 2 << "'1,5'";
        QTest::newRow("fail_jaspar_rows_before_header") << QByteArray("\n1 2\n3 4\n5 6\n7 8\n") << "auto" << 2 << "header";
        QTest::newRow("fail_jaspar_unclosed_bracket") << QByteArray(">M1 a\nA [ 1 2\nC [ 1 2 ]\nG [ 1 2 ]\nT [ 1 2 ]\n") << "auto" << 2 << "']'";
        QTest::newRow("fail_jaspar_duplicate_letter") << QByteArray(">M1 a\nA [ 1 2 ]\nC [ 1 2 ]\nC [ 1 2 ]\nT [ 1 2 ]\n") << "auto" << 4 << "two rows for C";
        QTest::newRow("fail_jaspar_header_without_id") << QByteArray(">M1 a\n1\n1\n1\n1\n>  \n") << "auto" << 6 << "without an ID";
        QTest::newRow("fail_jaspar_empty_row") << QByteArray(">M1 a\nA [ ]\nC [ ]\nG [ ]\nT [ ]\n") << "auto" << 2 << "no counts";
        QTest::newRow("fail_meme_alphabet_length") << memeHead + "MOTIF m1\nletter-probability matrix: alength= 20 w= 1\n0.25 0.25 0.25 0.25\n" << "auto" << 6 << "alength= 20";
        QTest::newRow("fail_meme_protein_alphabet") << QByteArray("MEME version 4\n\nALPHABET= ACDEFGHIKLMNPQRSTVWY\n") << "auto" << 3 << "not DNA";
        QTest::newRow("fail_meme_short_row") << memeHead + "MOTIF m1\nletter-probability matrix: alength= 4 w= 2\n0.25 0.25 0.5\n0.25 0.25 0.25 0.25\n" << "auto" << 7 << "3 numbers";
        QTest::newRow("fail_meme_missing_rows") << memeHead + "MOTIF m1\nletter-probability matrix: alength= 4 w= 3\n0.25 0.25 0.25 0.25\n0.25 0.25 0.25 0.25\n\nMOTIF m2\n" << "auto" << 10 << "only 2 rows";
        QTest::newRow("fail_meme_missing_rows_at_end") << memeHead + "MOTIF m1\nletter-probability matrix: alength= 4 w= 3\n0.25 0.25 0.25 0.25\n" << "meme" << 7 << "only 1 row";
        QTest::newRow("fail_meme_extra_rows") << memeHead + "MOTIF m1\nletter-probability matrix: alength= 4 w= 1\n0.25 0.25 0.25 0.25\n0.25 0.25 0.25 0.25\n" << "auto" << 8 << "more matrix rows";
        QTest::newRow("fail_meme_row_sum") << memeHead + "MOTIF m1\nletter-probability matrix: alength= 4 w= 1\n0.5 0.5 0.5 0.5\n" << "auto" << 7 << "sum to 2";
        QTest::newRow("fail_meme_negative") << memeHead + "MOTIF m1\nletter-probability matrix: alength= 4 w= 1\n0.5 0.5 -0.25 0.25\n" << "auto" << 7 << "negative";
        QTest::newRow("fail_meme_not_a_number") << memeHead + "MOTIF m1\nletter-probability matrix: alength= 4 w= 1\n0.5 0.5 zero 0\n" << "auto" << 7 << "'zero'";
        QTest::newRow("fail_meme_motif_without_matrix") << memeHead + "MOTIF m1\nURL x\nMOTIF m2\n" << "auto" << 5 << "no 'letter-probability matrix'";
        QTest::newRow("fail_meme_no_version") << QByteArray("ALPHABET= ACGT\nMOTIF m1\n") << "meme" << 2 << "MEME version";
        QTest::newRow("fail_meme_background") << memeHead + "Background letter frequencies\nA 0.3 C 0.2 G\n" << "auto" << 6 << "background";
        QTest::newRow("fail_meme_bad_width") << memeHead + "MOTIF m1\nletter-probability matrix: alength= 4 w= 0\n" << "auto" << 6 << "w= '0'";
    }
    void fail() {
        QFETCH(QByteArray, content);
        QFETCH(QString, reader);
        QFETCH(int, line);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const QString path = dir.filePath("bad_input.txt");
        writeBytes(path, content);
        try {
            if (reader == "jaspar") readJaspar(path.toStdString());
            else if (reader == "meme") readMeme(path.toStdString());
            else readMotifFile(path.toStdString());
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            const QString message = QString::fromStdString(e.what());
            qInfo().noquote() << message;
            QCOMPARE(e.file(), path.toStdString());
            QCOMPARE(e.line(), long(line));
            QVERIFY2(message.startsWith(path + " line " + QString::number(line) + ": "), qPrintable(message));
            QVERIFY2(message.contains(words), qPrintable(message));
            QVERIFY(!message.contains('\n'));
        }
    }
    void fail_missingFile() {
        QVERIFY_THROWS_EXCEPTION(InputError, readMotifFile("/nonexistent/motifs.meme"));
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(InputError, readJaspar(dir.path().toStdString()));
    }
};

QTEST_APPLESS_MAIN(TestMotif)
#include "test_motif.moc"
