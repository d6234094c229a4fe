// Bad input to core/seqio's FASTA reading and writing: one fail_* row per kind of bad file or
// data folder, asserting that the message names the file and the line and that nothing is
// written; a failed write keeps the old file.

#include "seqio/fasta_loader.h"
#include "seqio/fasta_writer.h"
#include "util/input_error.h"
#include "fasta_test_support.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace motifloom;
using namespace motifloom::seqio;
using namespace motifloom::seqio::fastatest;

class TestFastaErrors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Each bad input: the message names the file and the line (0 = no line).
    void fail_data() {
        QTest::addColumn<QByteArray>("content");  // null = the file does not exist
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("classNames");
        QTest::addColumn<int>("line");            // -1 = some line > 0
        QTest::addColumn<QString>("words");
        const QStringList none;
        QTest::newRow("fail_truncated_record") << QByteArray(">a labels=1\nACGT\n>b labels=0\n") << "trunc.fa" << none
                                               << 3 << "truncated record";
        QTest::newRow("fail_header_without_sequence") << QByteArray(">a labels=1\n\n>b labels=0\nACGT\n") << "nos.fa"
                                                      << none << 1 << "sequence a is followed by another header";
        QTest::newRow("fail_illegal_character") << QByteArray(">chr2_1 labels=1\nACGT\n>chr2_17 labels=1\nACGT\nACXT\n")
                                                << "reads.fa" << none << 5
                                                << "illegal character 'X' in sequence chr2_17";
        QTest::newRow("fail_illegal_character_crlf") << QByteArray(">a labels=1\r\nAC\r\n\r\n>b labels=0\r\nAC-T\r\n")
                                                     << "crlf.fa" << none << 5 << "alignment gaps";
        QTest::newRow("fail_rna") << QByteArray(">a labels=1\nACGU\n") << "rna.fa" << none << 2 << "write T for U";
        QTest::newRow("fail_header_not_at_line_start") << QByteArray(">a labels=1\nAC\n >b labels=1\nAC\n") << "indent.fa"
                                                       << none << 3 << "illegal character '>'";
        QTest::newRow("fail_label_counts_differ") << QByteArray(">a labels=0,1\nAC\n>b labels=0,1,1\nAC\n") << "lab.fa"
                                                  << none << 3 << "has 3 labels but the first record (";
        QTest::newRow("fail_label_count_vs_names") << QByteArray(">a labels=0,1\nAC\n") << "names.fa"
                                                   << QStringList{"x", "y", "z"} << 1 << "3 class names are given";
        QTest::newRow("fail_missing_label") << QByteArray(">a labels=1\nAC\n>b\nAC\n") << "nolabel.fa" << none << 3
                                            << "sequence b has no label";
        QTest::newRow("fail_bad_label_value") << QByteArray(">a labels=0,2\nAC\n") << "value.fa" << none << 1
                                              << "label value '2' of sequence a must be 0 or 1";
        QTest::newRow("fail_mixed_label_forms") << QByteArray(">a labels=1\nAC\n>b class=X\nAC\n") << "mixed.fa" << none
                                                << 3 << "uses class= but the first record";
        QTest::newRow("fail_unknown_class") << QByteArray(">a class=CTCF\nAC\n>b class=FOO\nAC\n") << "unk.fa"
                                            << QStringList{"CTCF", "YY1"} << 3 << "class 'FOO' of sequence b";
        QTest::newRow("fail_empty_file") << QByteArray("") << "empty.fa" << none << 1 << "the file is empty";
        QTest::newRow("fail_blank_lines_only") << QByteArray("\n \n\r\n") << "blank.fa" << none << 4 << "only blank lines";
        QTest::newRow("fail_binary_junk") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << "image.fa" << none << 1
                                          << "binary data (byte 0x89)";
        QTest::newRow("fail_binary_in_sequence") << QByteArray(">a labels=1\nAC\0GT\n", 19) << "nul.fa" << none << 2
                                                 << "illegal byte 0x00 in sequence a";
        QTest::newRow("fail_binary_in_header") << QByteArray(">a lab\x01" "els=1\nAC\n") << "hdr.fa" << none << 1
                                               << "binary data (byte 0x01) in a header";
        QTest::newRow("fail_text_before_header") << QByteArray("\nACGT\n>a labels=1\nAC\n") << "nohead.fa" << none << 2
                                                 << "found character 'A' where a FASTA header";
        QTest::newRow("fail_fastq") << QByteArray("@r1\nACGT\n+\nIIII\n") << "reads.fq" << none << 1 << "FASTQ";
        QTest::newRow("fail_header_without_id") << QByteArray(">a labels=1\nAC\n>\nACGT\n") << "noid.fa" << none << 3
                                                << "no sequence id";
        QTest::newRow("fail_missing_file") << QByteArray() << "missing.fa" << none << 0 << "file not found";

        // A gzip file cut in half: the reader must notice, not treat it as a short file.
        QTemporaryDir dir;
        const QString gz = dir.filePath("cut.fa.gz");
        writeFasta(str(gz), randomSet(5, 200, 300, 2));
        const QByteArray whole = readBytes(gz);
        QTest::newRow("fail_truncated_gzip") << whole.left(whole.size() / 2) << "cut.fa.gz" << none << -1
                                             << "gzip file is truncated";
        QByteArray damaged = whole;
        for (int i = 40; i < 60; ++i) damaged[i] = char(damaged[i] ^ 0x5A);
        QTest::newRow("fail_damaged_gzip") << damaged << "bad.fa.gz" << none << -1 << "gzip";
    }
    void fail() {
        QFETCH(QByteArray, content);
        QFETCH(QString, file);
        QFETCH(QStringList, classNames);
        QFETCH(int, line);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const QString path = dir.filePath(file);
        if (!content.isNull()) writeBytes(path, content);
        LoadOptions options;
        options.files = {str(path)};
        for (const auto& name : classNames) options.classNames.push_back(str(name));
        try {
            loadLabelled(options);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            expectNamesFileAndLine(e, path, line, words);
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), content.isNull() ? 0 : 1);  // nothing written
    }

    void failDataDirectory_data() {
        QTest::addColumn<QByteArray>("train");
        QTest::addColumn<QByteArray>("valid");
        QTest::addColumn<QByteArray>("test");
        QTest::addColumn<QByteArray>("classes");  // null = no classes.txt
        QTest::addColumn<QString>("file");        // named in the message ("" = the folder)
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("words");
        const QByteArray ok = ">a labels=1,0,1\nACGT\n>b labels=0,1,1\nACGT\n";
        QTest::newRow("fail_valid_label_count") << ok << QByteArray(">c labels=1,0,1\nACGT\n\n>d labels=1,0\nACGT\n") << ok
                                                << QByteArray() << "valid.fa" << 4
                                                << "sequence d has 2 labels but the first record (";
        QTest::newRow("fail_classes_count") << ok << ok << ok << QByteArray("A\nB\n") << "train.fa" << 1
                                            << "2 class names are given (";
        QTest::newRow("fail_classes_duplicate") << ok << ok << ok << QByteArray("A\nB\r\nA\n") << "classes.txt" << 3
                                                << "class name 'A' was already given on line 1";
        QTest::newRow("fail_test_empty") << ok << ok << QByteArray("") << QByteArray() << "test.fa" << 1 << "empty";
        QTest::newRow("fail_test_missing") << ok << ok << QByteArray() << QByteArray() << "" << 0 << "no test.fa";
    }
    void failDataDirectory() {
        QFETCH(QByteArray, train);
        QFETCH(QByteArray, valid);
        QFETCH(QByteArray, test);
        QFETCH(QByteArray, classes);
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(QString, words);
        QTemporaryDir dir;
        writeBytes(dir.filePath("train.fa"), train);
        writeBytes(dir.filePath("valid.fa"), valid);
        if (!test.isNull()) writeBytes(dir.filePath("test.fa"), test);
        if (!classes.isNull()) writeBytes(dir.filePath("classes.txt"), classes);
        try {
            loadDataDirectory(str(dir.path()));
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            expectNamesFileAndLine(e, file.isEmpty() ? dir.path() : dir.filePath(file), line, words);
        }
    }

    void writerKeepsOldFileOnError() {
        QTemporaryDir dir;
        const QString path = dir.filePath("keep.fa");
        writeBytes(path, "old content");
        SequenceSet set = randomSet(3, 2, 10, 1);
        set.ids[1] = "has space";
        QVERIFY_THROWS_EXCEPTION(InputError, writeFasta(str(path), set));
        set.ids[1] = "ok";
        set.task = TaskKind::SingleLabel;
        set.classNames = {"two words"};
        set.labels = {1, 1};
        QVERIFY_THROWS_EXCEPTION(InputError, writeFasta(str(path), set));
        QCOMPARE(readBytes(path), QByteArray("old content"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
        try {
            writeFasta(str(dir.filePath("no/such/folder/x.fa")), randomSet(3, 2, 10, 1));
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY(std::string(e.what()).find("no/such/folder/x.fa") != std::string::npos);
        }
    }
};

QTEST_APPLESS_MAIN(TestFastaErrors)
#include "test_fasta_errors.moc"
