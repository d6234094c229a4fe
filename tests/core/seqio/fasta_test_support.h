#pragma once
// Helpers shared by the FASTA tests (test_fasta.cpp, test_fasta_errors.cpp): Qt/std string
// conversion, whole-file bytes, and random labelled sequence sets.

#include "seqio/sequence_set.h"
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
