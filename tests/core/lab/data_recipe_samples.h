#pragma once
// Sample data for the data recipe and loader tests (tests/core/lab/test_data_loader.cpp) and the
// data panel's (tests/ui/test_data_panel.cpp): small FASTA files, a small synthetic recipe, and
// one recipe of each kind for round trips (JSON, and through the panel's controls).

#include "lab/data_recipe.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTest>

#include <functional>

Q_DECLARE_METATYPE(motifloom::lab::DataRecipe)

namespace motifloom::testing {

inline void writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(text);
}

inline lab::DataRecipe smallSynthetic() {
    lab::DataRecipe r;
    r.motifIds = {"MA0151.1", "MA0079.3", "MA0095.2"};  // ARID3A, SP1, YY1
    r.count = 300;
    r.length = 120;
    r.kProbs = {0.6, 0.4};
    r.seed = 7;
    return r;
}

// A FASTA text of `n` records of `len` bases, each header followed by `suffix(i)`.
inline QByteArray fasta(int n, int len, const std::function<QByteArray(int)>& suffix, char base = 'A') {
    QByteArray out;
    const char bases[] = "ACGT";
    for (int i = 0; i < n; ++i) {
        out += ">s" + QByteArray::number(i) + " " + suffix(i) + "\n";
        QByteArray seq;
        for (int j = 0; j < len; ++j) seq += (j % 7 == 0) ? base : bases[(i * 3 + j) % 4];
        out += seq + "\n";
    }
    return out;
}

// multi.fa (header labels), single.fa (class=), CTCF.fa / REST.fa (one file per class), pos.fa /
// neg.fa (positive / negative, neg longer), and an unused NRSF.fa.gz.txt, in `dir`.
inline void writeSampleFastaFiles(const QDir& dir) {
    writeText(dir.filePath("multi.fa"), fasta(50, 80, [](int i) { return "labels=" + QByteArray(i % 2 ? "1,0" : "0,1"); }));
    writeText(dir.filePath("single.fa"), fasta(40, 90, [](int i) { return "class=" + QByteArray(i % 3 ? "CTCF" : "REST"); }));
    writeText(dir.filePath("CTCF.fa"), fasta(30, 100, [](int) { return QByteArray(); }, 'C'));
    writeText(dir.filePath("REST.fa"), fasta(20, 100, [](int) { return QByteArray(); }, 'G'));
    writeText(dir.filePath("NRSF.fa.gz.txt"), "");  // not used; makes sure stems do not collide
    writeText(dir.filePath("pos.fa"), fasta(25, 60, [](int) { return QByteArray(); }));
    writeText(dir.filePath("neg.fa"), fasta(35, 70, [](int) { return QByteArray(); }));  // longer: cropped to 60
}

// Data rows (column "recipe"): the paper's default, a synthetic recipe with a seed beyond 2^53,
// FASTA one file per class with an assignment file, FASTA with separate split files.
inline void addSampleRecipeRows() {
    QTest::addColumn<lab::DataRecipe>("recipe");
    QTest::newRow("paper_default") << lab::DataRecipe::paperSynthetic();
    lab::DataRecipe s = smallSynthetic();
    s.gc = 0.41;
    s.reverseComplements = false;
    s.seed = 18446744073709551615ull;  // beyond 2^53: written as a string
    s.splitFractions = {0.8, 0.1, 0.1};
    QTest::newRow("synthetic_big_seed") << s;
    lab::DataRecipe f;
    f.kind = lab::DataRecipe::Kind::Fasta;
    f.labelMode = seqio::LabelMode::FilePerClass;
    f.files = {"/data/CTCF.fa.gz", "/data/REST.fasta"};
    f.classNames = {"ctcf", "rest"};
    f.targetLength = 1000;
    f.padWithN = true;
    f.splitMode = lab::DataRecipe::SplitMode::AssignmentFile;
    f.splitFile = "/data/split.txt";
    f.splitSeed = 99;
    f.expectedMotifIds = {"MA0139.1"};
    f.motifDatabase = "/data/my.meme";
    f.truthMapping = {{"ctcf", {"MA0139.1", "MA1929.1"}}, {"rest", {}}};  // "rest" = none
    QTest::newRow("fasta_per_class") << f;
    lab::DataRecipe g;
    g.kind = lab::DataRecipe::Kind::Fasta;
    g.splitMode = lab::DataRecipe::SplitMode::SeparateFiles;
    g.trainFile = "t.fa";
    g.validFile = "v.fa";
    g.testFile = "x.fa";
    QTest::newRow("fasta_separate") << g;
}

}  // namespace motifloom::testing
