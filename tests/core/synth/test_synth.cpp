// Tests for core/synth: the generator of docs/paper.md on 25,000 sequences against its
// specification, determinism (same seed, any thread count), configuration errors, truth file.
#include "motif/motif_io.h"
#include "motif/motif_math.h"
#include "seqio/fasta_loader.h"
#include "synth/synthetic_data.h"
#include "util/input_error.h"
#include "util/parallel.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <fstream>

using namespace motifloom;
using namespace motifloom::synth;

namespace {

const motif::MotifList& database() {
    static const motif::MotifList db = motif::readJaspar(MOTIFLOOM_JASPAR_FILE);
    return db;
}

SynthConfig paperConfig(int count, std::uint64_t seed) {
    SynthConfig c;
    c.motifs = paperMotifs(database(), MOTIFLOOM_JASPAR_FILE);
    c.count = count;
    c.seed = seed;
    return c;
}

int baseIndex(std::uint8_t code) { return std::countr_zero(unsigned(code)); }

}  // namespace

class TestSynth : public QObject {
    Q_OBJECT
private:
    SyntheticData mPaper;  // 25,000 sequences, seed 33, generated once
    SynthConfig mPaperConfig;

private Q_SLOTS:
    void initTestCase() {
        mPaperConfig = paperConfig(25000, 33);
        QElapsedTimer timer;
        timer.start();
        mPaper = generate(mPaperConfig);
        qInfo("generated 25,000 x 200 nt in %lld ms (seed 33, %d threads)", timer.elapsed(),
              parallel::threadCount());
    }

    void paperMotifsInLabelOrder() {
        const auto names = mPaper.all.classNames;
        const std::vector<std::string> expected = {"ARID3A", "CEBPB", "FOSL1", "GABPA", "MAFK", "MAX",
                                                   "MEF2A", "NFYB", "SP1", "SRF", "STAT1", "YY1"};
        QCOMPARE(names, expected);
        QCOMPARE(mPaperConfig.motifs[9].width(), 18);  // SRF MA0083.2
    }

    void shapeAndIds() {
        const auto& all = mPaper.all;
        QCOMPARE(all.size(), std::size_t(25000));
        QCOMPARE(all.length, 200);
        QCOMPARE(all.ids.front(), std::string("syn00001"));
        QCOMPARE(all.ids.back(), std::string("syn25000"));
        QCOMPARE(all.codes.size(), std::size_t(25000 * 200));
        for (std::uint8_t code : all.codes) QVERIFY(code == 1 || code == 2 || code == 4 || code == 8);
    }

    void kDistribution() {
        std::vector<int> perSequence(mPaper.all.size(), 0);
        for (const auto& p : mPaper.truth) ++perSequence[p.sequence];
        const double expected[] = {0.50, 0.25, 0.17, 0.05, 0.03};
        std::vector<int> counts(6, 0);
        for (int k : perSequence) {
            QVERIFY(k >= 1 && k <= 5);
            ++counts[std::size_t(k)];
        }
        for (int k = 1; k <= 5; ++k) {
            const double f = counts[std::size_t(k)] / 25000.0;
            QVERIFY2(std::abs(f - expected[k - 1]) < 0.02, qPrintable(QString("P(K=%1) = %2").arg(k).arg(f)));
        }
        QVERIFY(std::abs(counts[1] / 25000.0 - 0.50) < 0.02);
    }

    void classFrequencies() {
        // P(class positive) = 1 - E[(11/12)^K] = 0.1459 for the paper's K distribution.
        const auto& all = mPaper.all;
        for (int c = 0; c < 12; ++c) {
            int positives = 0;
            for (std::size_t i = 0; i < all.size(); ++i) positives += all.label(i)[c] > 0.5f;
            const double f = positives / 25000.0;
            QVERIFY2(std::abs(f - 0.146) < 0.01, qPrintable(QString("class %1: %2").arg(c).arg(f)));
        }
    }

    void labelsMatchTruth() {
        const auto& all = mPaper.all;
        std::vector<std::vector<float>> expected(all.size(), std::vector<float>(12, 0.0f));
        int minus = 0;
        for (const auto& p : mPaper.truth) {
            expected[p.sequence][std::size_t(p.motif)] = 1.0f;
            minus += p.strand == '-';
        }
        for (std::size_t i = 0; i < all.size(); ++i)
            QVERIFY(std::equal(expected[i].begin(), expected[i].end(), all.label(i)));
        const double fMinus = double(minus) / double(mPaper.truth.size());
        QVERIFY2(std::abs(fMinus - 0.5) < 0.02, qPrintable(QString::number(fMinus)));
    }

    // Every recorded placement lies inside its sequence, placements do not overlap, and each
    // base at the recorded start has nonzero probability in its column on the recorded strand.
    void truthIsConsistent() {
        const auto& all = mPaper.all;
        std::vector<motif::Motif> forward = mPaperConfig.motifs, reverse;
        for (const auto& m : forward) reverse.push_back(motif::reverseComplement(m));
        std::size_t previousSequence = 0;
        int previousEnd = 0;
        for (const auto& p : mPaper.truth) {
            if (p.sequence != previousSequence) previousEnd = 0;
            QVERIFY(p.sequence >= previousSequence);
            QVERIFY(p.start >= previousEnd);  // sorted, non-overlapping
            QVERIFY(p.start + p.width <= 200);
            const motif::Motif& m = (p.strand == '+' ? forward : reverse)[std::size_t(p.motif)];
            QCOMPARE(p.width, m.width());
            const std::uint8_t* seq = all.sequence(p.sequence);
            for (int c = 0; c < m.width(); ++c)
                QVERIFY2(m.probs(baseIndex(seq[p.start + c]), c) > 0,
                         qPrintable(QString("%1 %2 %3").arg(QString::fromStdString(all.ids[p.sequence])).arg(p.start).arg(c)));
            previousSequence = p.sequence;
            previousEnd = p.start + p.width;
        }
    }

    // Bases sampled at SRF '+' sites follow SRF's columns (a check on the sampler itself).
    void motifBasesFollowColumns() {
        const motif::Motif& srf = mPaperConfig.motifs[9];
        Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(4, srf.width());
        int sites = 0;
        for (const auto& p : mPaper.truth) {
            if (p.motif != 9 || p.strand != '+') continue;
            ++sites;
            for (int c = 0; c < srf.width(); ++c) counts(baseIndex(mPaper.all.sequence(p.sequence)[p.start + c]), c) += 1;
        }
        QVERIFY(sites > 1500);
        for (int c = 0; c < srf.width(); ++c)
            for (int b = 0; b < 4; ++b)
                QVERIFY(std::abs(counts(b, c) / sites - srf.probs(b, c)) < 0.04);
    }

    void backgroundIsUniform() {
        std::vector<char> inMotif(mPaper.all.codes.size(), 0);
        for (const auto& p : mPaper.truth)
            std::fill_n(inMotif.begin() + long(p.sequence * 200 + std::size_t(p.start)), p.width, 1);
        double counts[4] = {0, 0, 0, 0}, total = 0;
        for (std::size_t i = 0; i < inMotif.size(); ++i)
            if (!inMotif[i]) counts[baseIndex(mPaper.all.codes[i])] += 1, total += 1;
        for (double c : counts) QVERIFY(std::abs(c / total - 0.25) < 0.005);
    }

    void gapsAreExchangeable() {
        // Sequences with K = 2: the three gaps are exchangeable, so each has the same mean.
        std::vector<std::vector<const Placement*>> bySeq(mPaper.all.size());
        for (const auto& p : mPaper.truth) bySeq[p.sequence].push_back(&p);
        double sums[3] = {0, 0, 0};
        int n = 0;
        for (const auto& ps : bySeq) {
            if (ps.size() != 2) continue;
            const int free = 200 - ps[0]->width - ps[1]->width;
            sums[0] += double(ps[0]->start) / free;
            sums[1] += double(ps[1]->start - ps[0]->start - ps[0]->width) / free;
            sums[2] += double(200 - ps[1]->start - ps[1]->width) / free;
            ++n;
        }
        for (double s : sums) QVERIFY2(std::abs(s / n - 1.0 / 3) < 0.01, qPrintable(QString::number(s / n)));
    }

    void split() {
        QCOMPARE(mPaper.trainIndex.size(), std::size_t(17500));
        QCOMPARE(mPaper.validIndex.size(), std::size_t(2500));
        QCOMPARE(mPaper.testIndex.size(), std::size_t(5000));
        std::vector<int> seen(25000, 0);
        for (const auto* part : {&mPaper.trainIndex, &mPaper.validIndex, &mPaper.testIndex})
            for (std::size_t i : *part) ++seen[i];
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int s) { return s == 1; }));
        QVERIFY(mPaper.trainIndex[0] != 0 || mPaper.trainIndex[1] != 1);  // shuffled
        for (std::size_t i : mPaper.testIndex) QVERIFY(mPaper.part[i] == Part::Test);
        const seqio::DataSplits s = mPaper.splits();
        QCOMPARE(s.valid.size(), std::size_t(2500));
        QCOMPARE(s.test.ids[0], mPaper.all.ids[mPaper.testIndex[0]]);
        QVERIFY(std::equal(s.test.label(0), s.test.label(0) + 12, mPaper.all.label(mPaper.testIndex[0])));
    }

    void sameSeedSameData() {
        auto run = [](int threads, std::uint64_t seed) {
            parallel::setThreadCount(threads);
            return generate(paperConfig(3000, seed));
        };
        const SyntheticData a = run(1, 7), b = run(2, 7), c = run(0, 8);
        parallel::setThreadCount(0);
        QVERIFY(a.all.codes == b.all.codes);
        QVERIFY(a.all.labels == b.all.labels);
        QVERIFY(a.trainIndex == b.trainIndex && a.testIndex == b.testIndex);
        QCOMPARE(a.truth.size(), b.truth.size());
        for (std::size_t i = 0; i < a.truth.size(); ++i)
            QVERIFY(a.truth[i].start == b.truth[i].start && a.truth[i].motif == b.truth[i].motif &&
                    a.truth[i].strand == b.truth[i].strand && a.truth[i].sequence == b.truth[i].sequence);
        QVERIFY(a.all.codes != c.all.codes);
        QVERIFY(a.trainIndex != c.trainIndex);
        // The first 3000 sequences of the 25,000 run with seed 33 equal a 3000 run with seed 33:
        // each sequence depends on the seed and its index only.
        const SyntheticData d = generate(paperConfig(3000, 33));
        QVERIFY(std::equal(d.all.codes.begin(), d.all.codes.end(), mPaper.all.codes.begin()));
    }

    // Progress reaches the total exactly once, monotonically; the data do not change with it.
    void progressIsReported() {
        std::vector<std::size_t> seen;
        bool totalsRight = true;
        const SyntheticData d = generate(paperConfig(3000, 33), [&](std::size_t done, std::size_t total) {
            totalsRight = totalsRight && total == 3000;
            seen.push_back(done);
            return true;
        });
        QVERIFY(totalsRight);
        QVERIFY(seen.size() >= 2);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(seen.back(), std::size_t(3000));
        QVERIFY(std::equal(d.all.codes.begin(), d.all.codes.end(), mPaper.all.codes.begin()));
    }

    // Returning false stops the generation early with LoadCancelled.
    void cancelStopsEarly() {
        int calls = 0;
        bool threw = false;
        try {
            generate(paperConfig(25000, 33), [&](std::size_t, std::size_t) { return ++calls < 3; });
        } catch (const seqio::LoadCancelled&) {
            threw = true;
        }
        QVERIFY(threw);
        QVERIFY(calls >= 3);
        QVERIFY2(calls < 25000 / 256, "chunks kept running after the cancel");
    }

    void customConfiguration() {
        SynthConfig c;
        c.motifs = {database()[0], database()[1], database()[2]};
        c.count = 4000;
        c.length = 60;
        c.kProbs = {0, 0, 1};  // always K = 3
        c.gc = 0.8;
        c.reverseComplements = false;
        c.split = {0.5, 0.25, 0.25};
        c.seed = 5;
        const SyntheticData d = generate(c);
        QCOMPARE(d.all.numClasses(), 3);
        QCOMPARE(d.all.length, 60);
        QCOMPARE(d.truth.size(), std::size_t(3 * 4000));
        QCOMPARE(d.trainIndex.size(), std::size_t(2000));
        QCOMPARE(d.validIndex.size(), std::size_t(1000));
        for (const auto& p : d.truth) QCOMPARE(p.strand, '+');
        std::vector<char> inMotif(d.all.codes.size(), 0);
        for (const auto& p : d.truth)
            std::fill_n(inMotif.begin() + long(p.sequence * 60 + std::size_t(p.start)), p.width, 1);
        double gc = 0, total = 0;
        for (std::size_t i = 0; i < inMotif.size(); ++i)
            if (!inMotif[i]) gc += (d.all.codes[i] == 2 || d.all.codes[i] == 4), total += 1;
        QVERIFY2(std::abs(gc / total - 0.8) < 0.01, qPrintable(QString::number(gc / total)));
    }

    void classNamesUnique() {
        motif::MotifList list = {database()[0], database()[1], database()[0]};
        list[1].name.clear();
        list[2].id = "X1";  // a second matrix with the same name
        const auto names = classNames(list);
        QCOMPARE(names[0], database()[0].name + "_" + database()[0].id);
        QCOMPARE(names[1], database()[1].id);
        QCOMPARE(names[2], database()[0].name + "_X1");
    }

    void truthFile() {
        QTemporaryDir dir;
        SynthConfig c = paperConfig(50, 1);
        const SyntheticData d = generate(c);
        const std::string path = dir.filePath("truth.tsv").toStdString();
        writeTruth(path, d, c.motifs);
        std::ifstream in(path);
        std::string line;
        std::getline(in, line);
        QCOMPARE(line, std::string("sequence_id\tmotif_id\tmotif_name\tstrand\tstart\tend\tlabel\tsplit"));
        std::size_t rows = 0;
        while (std::getline(in, line)) {
            const QStringList f = QString::fromStdString(line).split('\t');
            QCOMPARE(f.size(), 8);
            const Placement& p = d.truth[rows];
            QCOMPARE(f[0].toStdString(), d.all.ids[p.sequence]);
            QCOMPARE(f[1].toStdString(), c.motifs[std::size_t(p.motif)].id);
            QCOMPARE(f[3], QString(QChar(p.strand)));
            QCOMPARE(f[4].toInt(), p.start);
            QCOMPARE(f[5].toInt(), p.start + p.width);
            QCOMPARE(f[6].toInt(), p.motif);
            ++rows;
        }
        QCOMPARE(rows, d.truth.size());
    }

    // readTruth gives back what writeTruth wrote.
    void truthFileReadsBack() {
        QTemporaryDir dir;
        SynthConfig c = paperConfig(50, 1);
        const SyntheticData d = generate(c);
        const std::string path = dir.filePath("truth.tsv").toStdString();
        writeTruth(path, d, c.motifs);
        const std::vector<TruthRecord> back = readTruth(path);
        QCOMPARE(back.size(), d.truth.size());
        static const char* kParts[] = {"train", "valid", "test"};
        for (std::size_t i = 0; i < back.size(); ++i) {
            const Placement& p = d.truth[i];
            const TruthRecord& r = back[i];
            QCOMPARE(r.sequenceId, d.all.ids[p.sequence]);
            QCOMPARE(r.motifId, c.motifs[std::size_t(p.motif)].id);
            QCOMPARE(r.motifName, c.motifs[std::size_t(p.motif)].name);
            QCOMPARE(r.strand, p.strand);
            QCOMPARE(r.start, p.start);
            QCOMPARE(r.end, p.start + p.width);
            QCOMPARE(r.label, p.motif);
            QCOMPARE(r.split, std::string(kParts[int(d.part[p.sequence])]));
        }
    }

    void fail_readTruth_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("words");
        const QString header = "sequence_id\tmotif_id\tmotif_name\tstrand\tstart\tend\tlabel\tsplit\n";
        const QString ok = "s1\tMA1\tA\t+\t3\t9\t0\ttest\n";
        QTest::newRow("fail_header") << "id\tstart\n" + ok << "line 1: expected the header";
        QTest::newRow("fail_columns") << header + ok + "s2\tMA1\tA\t+\t3\t9\n" << "line 3: expected 8";
        QTest::newRow("fail_strand") << header + "s1\tMA1\tA\tx\t3\t9\t0\ttest\n" << "line 2: strand";
        QTest::newRow("fail_start") << header + ok + ok + "s1\tMA1\tA\t+\t3a\t9\t0\ttest\n"
                                    << "line 4: start must be an integer";
        QTest::newRow("fail_order") << header + "s1\tMA1\tA\t-\t9\t9\t0\ttest\n" << "line 2: needs 0 <= start < end";
        QTest::newRow("fail_label") << header + "s1\tMA1\tA\t-\t1\t9\t-1\ttest\n" << "line 2: label";
        QTest::newRow("fail_empty") << QString() << "empty";
    }
    void fail_readTruth() {
        QFETCH(QString, text);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const std::string path = dir.filePath("truth.tsv").toStdString();
        std::ofstream(path) << text.toStdString();
        try {
            readTruth(path);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains(words), e.what());
            QVERIFY2(QString(e.what()).contains("truth.tsv"), e.what());
        }
    }

    // The folder written for `simulate` reads back through seqio into the same splits.
    void dataDirectoryRoundTrip() {
        QTemporaryDir dir;
        const SynthConfig c = paperConfig(300, 2);
        const SyntheticData d = generate(c);
        const std::string folder = dir.filePath("sub/data").toStdString();
        writeDataDirectory(folder, d, c.motifs);
        const seqio::DataSplits back = seqio::loadDataDirectory(folder);
        const seqio::DataSplits expected = d.splits();
        QCOMPARE(back.train.classNames, d.all.classNames);
        for (const auto& [a, b] : {std::pair{&back.train, &expected.train}, std::pair{&back.valid, &expected.valid},
                                   std::pair{&back.test, &expected.test}}) {
            QCOMPARE(a->ids, b->ids);
            QVERIFY(a->codes == b->codes);
            QVERIFY(a->labels == b->labels);
        }
        const motif::MotifList written = motif::readMeme(folder + "/motifs.meme");
        QCOMPARE(written.size(), std::size_t(12));
        for (std::size_t i = 0; i < 12; ++i) {
            QCOMPARE(written[i].id, c.motifs[i].id);
            QVERIFY(((written[i].probs - c.motifs[i].probs).array().abs() < 1e-6).all());
        }
    }

    void fail_config_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("words");
        QTest::newRow("fail_no_motifs") << 0 << "no motifs";
        QTest::newRow("fail_k_probs_sum") << 1 << "sum to";
        QTest::newRow("fail_k_probs_negative") << 2 << "non-negative";
        QTest::newRow("fail_too_short") << 3 << "cannot hold K = 5";
        QTest::newRow("fail_gc") << 4 << "GC content";
        QTest::newRow("fail_split_sum") << 5 << "split fractions";
        QTest::newRow("fail_zero_count") << 6 << "count";
        QTest::newRow("fail_duplicate_motif") << 7 << "twice";
    }
    void fail_config() {
        QFETCH(int, which);
        QFETCH(QString, words);
        SynthConfig c = paperConfig(10, 1);
        switch (which) {
            case 0: c.motifs.clear(); break;
            case 1: c.kProbs = {0.5, 0.25}; break;
            case 2: c.kProbs = {1.5, -0.5}; break;
            case 3: c.length = 80; break;  // 5 x 18 (SRF) > 80
            case 4: c.gc = 1.5; break;
            case 5: c.split = {0.7, 0.1, 0.1}; break;
            case 6: c.count = 0; break;
            case 7: c.motifs.push_back(c.motifs[3]); break;
        }
        try {
            generate(c);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains(words), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestSynth)
#include "test_synth.moc"
