#pragma once
// Helpers shared by the seqio tests (test_fasta.cpp, test_fasta_errors.cpp, test_split.cpp):
// Qt/std string conversion, whole-file bytes, random labelled sequence sets, and the check that
// an input error names its file and line.

#include "seqio/sequence_set.h"
#include "util/input_error.h"
#include "util/rng.h"

#include <QFile>
#include <QtTest>

#include <string>

namespace motifloom::seqio::fastatest {

inline QString qs(const std::string& s) { return QString::fromStdString(s); }

inline void writeBytes(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

inline QByteArray readBytes(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

inline std::string str(const QString& s) { return s.toStdString(); }

// `e` names `path` and `line`, and its message starts with them ("<path> line <n>: ", or
// "<path>: " for line 0) and contains `words`. line -1: any line from 1 on, as long as the
// message names the one the error holds.
inline void expectNamesFileAndLine(const InputError& e, const QString& path, int line, const QString& words) {
    const QString what = QString::fromUtf8(e.what());
    qInfo("%s", e.what());
    QCOMPARE(qs(e.file()), path);
    if (line < 0) {
        QVERIFY(e.line() > 0);
        line = int(e.line());
    } else {
        QCOMPARE(e.line(), long(line));
    }
    QVERIFY2(what.startsWith(line > 0 ? QString("%1 line %2: ").arg(path).arg(line) : path + ": "), qPrintable(what));
    QVERIFY2(what.contains(words), qPrintable(what));
}

// A random multi-label set; about `ambiguousRate` of the bases are IUPAC ambiguity codes.
inline SequenceSet randomSet(std::uint64_t seed, std::size_t n, int length, int classes, double ambiguousRate = 0.0) {
    Rng rng(seed);
    SequenceSet set;
    set.length = length;
    set.task = TaskKind::MultiLabel;
    for (int c = 0; c < classes; ++c) set.classNames.push_back("class" + std::to_string(c));
    for (std::size_t i = 0; i < n; ++i) {
        set.ids.push_back("seq" + std::to_string(i));
        for (int j = 0; j < length; ++j) {
            std::uint8_t code = std::uint8_t(1u << rng.below(4));
            if (rng.uniform() < ambiguousRate) code = std::uint8_t(3 + rng.below(13));  // 3..15
            set.codes.push_back(code);
        }
        const auto positive = rng.below(std::uint64_t(classes));
        for (int c = 0; c < classes; ++c)
            set.labels.push_back(std::uint64_t(c) == positive || rng.uniform() < 0.2 ? 1.0f : 0.0f);
    }
    return set;
}

}  // namespace motifloom::seqio::fastatest
