// The exported PyTorch project's data.py reads FASTA files as MotifLoom's loader does, in the
// label modes beyond header labels: one file per class and positive/negative files. Both sides
// load the same files (mixed lengths, so crop and pad; IUPAC codes; lower case), split them at
// random with seed 1 and 0.7/0.1/0.2, and must agree on the class names, the sequence ids of each
// part, the labels and every base code. data.py is taken from a project written by the built
// `motifloom-cli export`; Debian's /usr/bin/python3 runs it (skipped when it lacks torch).
#include "cli_runner.h"
#include "seqio/fasta_loader.h"
#include "seqio/split.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace motifloom;

namespace {

const char* kDump = R"(
import sys
sys.path.insert(0, sys.argv[1])
import data
parts = data.load_splits(sys.argv[2], sys.argv[3], 0, (0.7, 0.1, 0.2), 1)
print("classes\t" + ",".join(parts[0].class_names))
for name, part in zip(("train", "valid", "test"), parts):
    for i in range(len(part)):
        labels = ",".join(str(int(v)) for v in part.labels[i].reshape(-1))
        print(name + "\t" + part.ids[i] + "\t" + labels + "\t" + "".join("%x" % c for c in part.codes[i]))
)";

// The same text from MotifLoom's loader and splitter.
QString dumpMotifLoom(const std::vector<std::string>& files, seqio::LabelMode mode) {
    seqio::LoadOptions options;
    options.labels = mode;
    options.files = files;
    const seqio::SequenceSet set = seqio::loadLabelled(options).set;
    const seqio::DataSplits splits = seqio::splitRandom(set, 1);
    QStringList classes;
    for (const auto& c : set.classNames) classes << QString::fromStdString(c);
    QString out = "classes\t" + classes.join(',') + "\n";
    const std::pair<const char*, const seqio::SequenceSet*> parts[] = {{"train", &splits.train}, {"valid", &splits.valid}, {"test", &splits.test}};
    for (const auto& [name, part] : parts)
        for (std::size_t i = 0; i < part->size(); ++i) {
            QStringList labels;
            for (int c = 0; c < part->numClasses(); ++c) labels << QString::number(int(part->label(i)[c]));
            QString codes;
            for (int p = 0; p < part->length; ++p) codes += QString::number(part->sequence(i)[p], 16);
            out += QString(name) + "\t" + QString::fromStdString(part->ids[i]) + "\t" + labels.join(',') + "\t" + codes + "\n";
        }
    return out;
}

// `count` records of lengths around 30 with a few IUPAC codes and lower-case letters.
void writeFasta(const QString& path, const QString& prefix, int count, unsigned seed) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
    const char letters[] = "ACGTACGTACGTacgtNRYKM";
    unsigned state = seed;
    auto next = [&state] { return (state = state * 1103515245u + 12345u) >> 16; };
    for (int i = 0; i < count; ++i) {
        QString seq;
        const int length = 24 + int(next() % 13);  // 24..36 around the most common length
        for (int p = 0; p < length; ++p) seq += QChar(letters[next() % (sizeof letters - 1)]);
        f.write(QString(">%1%2 some description\n%3\n").arg(prefix).arg(i).arg(seq).toUtf8());
    }
}

}  // namespace

class TestCliPyTorchData : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject, mSkip;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(mDir.isValid());
        const auto probe = testing::runProgram("/usr/bin/python3", {"-c", "import torch, numpy"});
        if (probe.exitCode != 0) {
            mSkip = "/usr/bin/python3 cannot import torch (install python3-torch): " + probe.err.trimmed();
            return;
        }
        mProject = mDir.filePath("project");
        const auto r = testing::runCli({"export", "--arch", "CNN-2", "--length", "30", "--classes", "3", "--format", "pytorch", "--out", mProject});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void sameSequencesAndLabels_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QStringList>("files");
        QTest::newRow("one file per class") << "per-class" << QStringList{"CTCF.fa", "GATA1.fa", "SP1.fa"};
        QTest::newRow("positives and negatives") << "pos-neg" << QStringList{"bound.fa", "unbound.fa"};
    }

    void sameSequencesAndLabels() {
        if (!mSkip.isEmpty()) QSKIP(qPrintable(mSkip));
        QFETCH(QString, mode);
        QFETCH(QStringList, files);
        std::vector<std::string> paths;
        for (int i = 0; i < files.size(); ++i) {
            const QString path = mDir.filePath(files[i]);
            writeFasta(path, files[i].section('.', 0, 0) + "_", 20 + 7 * i, 11u + unsigned(i));
            paths.push_back(path.toStdString());
        }
        const QString expected = dumpMotifLoom(paths, mode == "per-class" ? seqio::LabelMode::FilePerClass
                                                                          : seqio::LabelMode::PositiveNegative);
        QStringList list;
        for (const auto& p : paths) list << QString::fromStdString(p);
        const auto py = testing::runProgram("/usr/bin/python3", {"-c", kDump, mProject, list.join(','), mode});
        QVERIFY2(py.exitCode == 0, qPrintable(py.err));
        QCOMPARE(py.out.count('\n'), expected.count('\n'));
        QCOMPARE(py.out, expected);
        qInfo("%s: %lld sequences agree (ids per part, labels, codes)", qPrintable(mode), qlonglong(expected.count('\n') - 1));
    }
};

QTEST_GUILESS_MAIN(TestCliPyTorchData)
#include "test_cli_pytorch_data.moc"
