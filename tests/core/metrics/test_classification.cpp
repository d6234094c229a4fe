// Tests for core/metrics/classification.h: hand-computed AUROC / AP / trapezoid AUPR (with the
// arithmetic in comments), tie handling, undefined classes, curves, accuracy, a brute-force
// cross-check on random tied data, determinism across threads, and speed on 5,000 x 12.
#include "metrics/classification.h"
#include "util/parallel.h"
#include "util/rng.h"

#include <QElapsedTimer>
#include <QtTest>

#include <cmath>
#include <set>

using namespace motifloom;
using namespace motifloom::metrics;

namespace {

using Vec = std::vector<float>;

// O(P*N) Mann-Whitney: wins + ties/2 over all (positive, negative) pairs.
double bruteAuroc(const Vec& s, const Vec& l) {
    double wins = 0;
    long p = 0, n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (l[i] < 0.5f) continue;
        ++p;
        for (std::size_t j = 0; j < s.size(); ++j) {
            if (l[j] >= 0.5f) continue;
            wins += s[i] > s[j] ? 1.0 : s[i] == s[j] ? 0.5 : 0.0;
        }
    }
    for (float x : l) n += x < 0.5f;
    return wins / double(p) / double(n);
}

// Precision and recall recounted from scratch at every distinct threshold.
std::pair<double, double> bruteAp(const Vec& s, const Vec& l) {
    std::set<float, std::greater<>> thresholds(s.begin(), s.end());
    long positives = 0;
    for (float x : l) positives += x >= 0.5f;
    double ap = 0, trapezoid = 0, prevR = 0, prevP = 1;
    for (float t : thresholds) {
        long tp = 0, fp = 0;
        for (std::size_t i = 0; i < s.size(); ++i)
            if (s[i] >= t) (l[i] >= 0.5f ? tp : fp)++;
        const double r = double(tp) / positives, p = double(tp) / double(tp + fp);
        ap += (r - prevR) * p;
        trapezoid += (r - prevR) * (p + prevP) / 2;
        prevR = r;
        prevP = p;
    }
    return {ap, trapezoid};
}

bool near(double a, double b) { return std::abs(a - b) < 1e-12; }

}  // namespace

class TestClassification : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void handComputed_data() {
        QTest::addColumn<Vec>("scores");
        QTest::addColumn<Vec>("labels");
        QTest::addColumn<double>("auc");
        QTest::addColumn<double>("ap");
        QTest::addColumn<double>("trapezoid");
        QTest::addColumn<int>("curvePoints");  // distinct scores + 1

        // Perfect ranking: every positive above every negative.
        // PR points (0,1) (.5,1) (1,1) (1,2/3) (1,.5): AP = .5*1 + .5*1 = 1, area 1.
        QTest::newRow("perfect") << Vec{0.9f, 0.8f, 0.7f, 0.6f} << Vec{1, 1, 0, 0} << 1.0 << 1.0 << 1.0 << 5;
        // Inverted: descending 0.9(-) 0.8(-) 0.2(+) 0.1(+). U = 0.
        // Thresholds: .9 tp0 fp1; .8 tp0 fp2; .2 tp1 fp2 (P 1/3, R .5); .1 tp2 fp2 (P .5, R 1).
        // AP = .5 * 1/3 + .5 * .5 = 5/12.
        // Trapezoid over (0,1) (0,0) (0,0) (.5,1/3) (1,.5) = .5*(1/3)/2 + .5*(1/3+1/2)/2 = 1/12 + 5/24 = 7/24.
        QTest::newRow("inverted") << Vec{0.1f, 0.2f, 0.8f, 0.9f} << Vec{1, 1, 0, 0} << 0.0 << 5.0 / 12
                                  << 7.0 / 24 << 5;
        // All tied: every pair is a tie, U = 1/2. One threshold: R 1, P 2/5 -> AP 0.4;
        // trapezoid (0,1) -> (1,.4) = 0.7.
        QTest::newRow("all_tied") << Vec{0.5f, 0.5f, 0.5f, 0.5f, 0.5f} << Vec{1, 0, 1, 0, 0} << 0.5 << 0.4 << 0.7 << 2;
        // Ties across classes: 0.9(+) | 0.6(+) 0.6(-) 0.6(-) | 0.2(-), P 2, N 3.
        // U: the 0.9 positive beats 3 negatives (3); the 0.6 positive ties 2 (1) and beats 1 (1): 5/6.
        // Thresholds: .9 tp1 fp0 (R .5, P 1); .6 tp2 fp2 (R 1, P .5); .2 tp2 fp3 (R 1, P .4).
        // AP = .5*1 + .5*.5 = .75 (ordering the tied positive first would give 1.0 here).
        // Trapezoid (0,1) (.5,1) (1,.5) (1,.4) = .5 + .5*1.5/2 = .875.
        QTest::newRow("tied_group") << Vec{0.9f, 0.6f, 0.6f, 0.6f, 0.2f} << Vec{1, 1, 0, 0, 0} << 5.0 / 6 << 0.75
                                    << 0.875 << 4;
        // Interleaved: 0.9(+) 0.8(-) 0.7(+) 0.6(-) 0.5(+), P 3, N 2.
        // U: 0.9 beats 2, 0.7 beats 1, 0.5 beats 0 -> 3/6 = .5.
        // AP = 1/3*1 + 1/3*2/3 + 1/3*3/5 = 34/45.
        // Trapezoid over (0,1) (1/3,1) (1/3,1/2) (2/3,2/3) (2/3,1/2) (1,3/5)
        //   = 1/3 + 1/3*(1/2+2/3)/2 + 1/3*(1/2+3/5)/2 = 1/3 + 7/36 + 11/60 = 32/45.
        QTest::newRow("interleaved") << Vec{0.9f, 0.8f, 0.7f, 0.6f, 0.5f} << Vec{1, 0, 1, 0, 1} << 0.5 << 34.0 / 45
                                     << 32.0 / 45 << 6;
        // One tie between a positive and a negative: U = 1/2; AP = 1 * 1/2; area (0,1)->(1,.5) = .75.
        QTest::newRow("pair_tie") << Vec{0.5f, 0.5f} << Vec{1, 0} << 0.5 << 0.5 << 0.75 << 2;
        // -0 and +0 are the same score: one tie, U = 1/2.
        QTest::newRow("signed_zero_tie") << Vec{-0.0f, 0.0f} << Vec{1, 0} << 0.5 << 0.5 << 0.75 << 2;
        // Logits work too (only the order matters): -3(-) -1(+) 2(+); U = 2/2 = 1.
        QTest::newRow("logits") << Vec{-1.f, 2.f, -3.f} << Vec{1, 1, 0} << 1.0 << 1.0 << 1.0 << 4;
    }
    void handComputed() {
        QFETCH(Vec, scores);
        QFETCH(Vec, labels);
        QFETCH(double, auc);
        QFETCH(double, ap);
        QFETCH(double, trapezoid);
        QFETCH(int, curvePoints);
        QVERIFY2(near(auroc(scores, labels), auc), qPrintable(QString::number(auroc(scores, labels), 'g', 17)));
        QVERIFY2(near(averagePrecision(scores, labels), ap),
                 qPrintable(QString::number(averagePrecision(scores, labels), 'g', 17)));
        QVERIFY2(near(auprTrapezoid(scores, labels), trapezoid),
                 qPrintable(QString::number(auprTrapezoid(scores, labels), 'g', 17)));
        QCOMPARE(int(rocCurve(scores, labels).size()), curvePoints);
        QCOMPARE(int(prCurve(scores, labels).size()), curvePoints);
        // The brute-force references agree with the hand values too.
        QVERIFY(near(bruteAuroc(scores, labels), auc));
        QVERIFY(near(bruteAp(scores, labels).first, ap));
        QVERIFY(near(bruteAp(scores, labels).second, trapezoid));
    }

    void curvesGroupTies() {
        const Vec s{0.9f, 0.6f, 0.6f, 0.6f, 0.2f}, l{1, 1, 0, 0, 0};
        const auto roc = rocCurve(s, l);
        QCOMPARE(int(roc.size()), 4);
        QVERIFY(std::isinf(roc[0].threshold));
        QCOMPARE(roc[0].fpr, 0.0);
        QCOMPARE(roc[0].tpr, 0.0);
        QCOMPARE(roc[1].fpr, 0.0);
        QCOMPARE(roc[1].tpr, 0.5);
        QCOMPARE(roc[1].threshold, double(0.9f));
        QCOMPARE(roc[2].fpr, 2.0 / 3);
        QCOMPARE(roc[2].tpr, 1.0);
        QCOMPARE(roc[2].threshold, double(0.6f));
        QCOMPARE(roc[3].fpr, 1.0);
        QCOMPARE(roc[3].tpr, 1.0);
        const auto pr = prCurve(s, l);
        QCOMPARE(int(pr.size()), 4);
        QCOMPARE(pr[0].recall, 0.0);
        QCOMPARE(pr[0].precision, 1.0);
        QCOMPARE(pr[1].recall, 0.5);
        QCOMPARE(pr[1].precision, 1.0);
        QCOMPARE(pr[2].recall, 1.0);
        QCOMPARE(pr[2].precision, 0.5);
        QCOMPARE(pr[3].recall, 1.0);
        QCOMPARE(pr[3].precision, 0.4);
        QCOMPARE(pr[3].threshold, double(0.2f));
        // AUROC is the trapezoid area under the ROC points.
        double area = 0;
        for (std::size_t i = 1; i < roc.size(); ++i)
            area += (roc[i].fpr - roc[i - 1].fpr) * (roc[i].tpr + roc[i - 1].tpr) / 2;
        QVERIFY(near(area, auroc(s, l)));
    }

    void undefinedClasses() {
        const Vec s{0.3f, 0.7f, 0.5f};
        // No positives: nothing to rank.
        QVERIFY(std::isnan(auroc(s, Vec{0, 0, 0})));
        QVERIFY(std::isnan(averagePrecision(s, Vec{0, 0, 0})));
        QVERIFY(std::isnan(auprTrapezoid(s, Vec{0, 0, 0})));
        QVERIFY(rocCurve(s, Vec{0, 0, 0}).empty());
        QVERIFY(prCurve(s, Vec{0, 0, 0}).empty());
        // No negatives: AUROC undefined, precision 1 everywhere.
        QVERIFY(std::isnan(auroc(s, Vec{1, 1, 1})));
        QCOMPARE(averagePrecision(s, Vec{1, 1, 1}), 1.0);
        QCOMPARE(auprTrapezoid(s, Vec{1, 1, 1}), 1.0);
        QVERIFY(rocCurve(s, Vec{1, 1, 1}).empty());
        QCOMPARE(int(prCurve(s, Vec{1, 1, 1}).size()), 4);
        // A NaN score (a diverged network) makes the ranking meaningless.
        const Vec bad{0.3f, std::nanf(""), 0.5f};
        QVERIFY(std::isnan(auroc(bad, Vec{1, 0, 1})));
        QVERIFY(std::isnan(averagePrecision(bad, Vec{1, 0, 1})));
        QVERIFY(rocCurve(bad, Vec{1, 0, 1}).empty());
        // No examples at all.
        QVERIFY(std::isnan(auroc(Vec{}, Vec{})));
        QVERIFY(std::isnan(binaryAccuracy(Vec{}, Vec{})));
    }

    void binaryAccuracyAtThreshold() {
        // Predictions (score > 0.5): 1 0 0 1 vs labels 1 0 0 0 -> 3 of 4 right; 0.5 itself is negative.
        QCOMPARE(binaryAccuracy(Vec{0.7f, 0.5f, 0.2f, 0.9f}, Vec{1, 0, 0, 0}), 0.75);
        // Logits with threshold 0: -1 -> 0 (right), 2 -> 1 (right), 0 -> 0 (right).
        QCOMPARE(binaryAccuracy(Vec{-1.f, 2.f, 0.f}, Vec{0, 1, 0}, 0.0), 1.0);
    }

    void evaluateMultiLabel() {
        // 4 examples x 3 classes, row-major.
        //   class 0: perfect   scores .9 .8 .2 .1  labels 1 1 0 0 -> AUROC 1, AP 1, acc 1
        //   class 1: all positive .6 .4 .7 .3  labels 1 1 1 1 -> AUROC NaN, AP 1, acc 2/4
        //   class 2: inverted  scores .1 .2 .8 .9  labels 1 1 0 0 -> AUROC 0, AP 5/12, acc 0
        const Vec scores{0.9f, 0.6f, 0.1f, 0.8f, 0.4f, 0.2f, 0.2f, 0.7f, 0.8f, 0.1f, 0.3f, 0.9f};
        const Vec labels{1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 0};
        const ClassificationMetrics m = evaluate(scores, labels, 4, 3);
        QCOMPARE(m.numClasses, 3);
        QCOMPARE(m.numExamples, std::size_t(4));
        QVERIFY(m.positives == (std::vector<long>{2, 4, 2}));
        QCOMPARE(m.auroc[0], 1.0);
        QVERIFY(std::isnan(m.auroc[1]));
        QCOMPARE(m.auroc[2], 0.0);
        QCOMPARE(m.meanAuroc, 0.5);  // the undefined class is left out
        QCOMPARE(m.undefinedAurocClasses, 1);
        QVERIFY(near(m.averagePrecision[2], 5.0 / 12));
        QVERIFY(near(m.meanAveragePrecision, (1 + 1 + 5.0 / 12) / 3));
        QVERIFY(near(m.auprTrapezoid[2], 7.0 / 24));
        QCOMPARE(m.accuracy[0], 1.0);
        QCOMPARE(m.accuracy[1], 0.5);
        QCOMPARE(m.accuracy[2], 0.0);
        QCOMPARE(m.meanAccuracy, 0.5);
        QCOMPARE(m.accuracyOverall, 0.5);
    }

    void evaluateSingleLabelArgmax() {
        // row 0: top score column 1, label 1 -> right
        // row 1: tie .5/.5 in columns 0 and 1 -> first (0), label 1 -> wrong
        // row 2: top column 2, label 2 -> right
        // row 3: top column 0, label 2 -> wrong
        // row 4: no label -> skipped
        const Vec scores{0.1f, 0.7f, 0.2f, 0.5f, 0.5f, 0.1f, 0.2f, 0.3f, 0.9f, 0.3f, 0.1f, 0.2f, 0.9f, 0.0f, 0.0f};
        const Vec labels{0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0};
        const ClassificationMetrics m = evaluate(scores, labels, 5, 3, AccuracyMode::Argmax);
        QCOMPARE(m.accuracyOverall, 0.5);
        QVERIFY(std::isnan(m.accuracy[0]));  // no example of class 0
        QCOMPARE(m.accuracy[1], 0.5);
        QCOMPARE(m.accuracy[2], 0.5);
        QCOMPARE(m.meanAccuracy, 0.5);
    }

    void evaluateEmpty() {
        const ClassificationMetrics m = evaluate(Vec{}, Vec{}, 0, 4);
        QVERIFY(std::isnan(m.meanAuroc));
        QVERIFY(std::isnan(m.accuracyOverall));
        QCOMPARE(m.undefinedAurocClasses, 4);
    }

    void meanSkipsNaN() {
        const std::vector<double> v{0.5, std::nan(""), 1.0};
        QCOMPARE(meanIgnoringNaN(v), 0.75);
        QVERIFY(std::isnan(meanIgnoringNaN(std::vector<double>{std::nan("")})));
    }

    // Random scores quantised to a few levels (so ties are everywhere) against the O(n^2) and
    // recount-per-threshold references above.
    void matchesBruteForceWithTies() {
        const std::uint64_t seed = 20190101;
        qInfo("seed %llu", static_cast<unsigned long long>(seed));
        Rng rng(seed);
        for (int trial = 0; trial < 40; ++trial) {
            const std::size_t n = 1 + rng.below(300);
            const int levels = 1 + int(rng.below(trial % 2 ? 5 : 1000));
            const double rate = rng.uniform(0.05, 0.95);
            Vec s(n), l(n);
            for (std::size_t i = 0; i < n; ++i) {
                s[i] = float(rng.below(std::uint64_t(levels))) / float(levels);
                l[i] = rng.uniform() < rate ? 1.f : 0.f;
            }
            long p = 0;
            for (float x : l) p += x > 0;
            if (p == 0 || p == long(n)) continue;
            const auto [ap, trap] = bruteAp(s, l);
            QVERIFY2(near(auroc(s, l), bruteAuroc(s, l)), qPrintable(QString("trial %1").arg(trial)));
            QVERIFY2(near(averagePrecision(s, l), ap), qPrintable(QString("trial %1").arg(trial)));
            QVERIFY2(near(auprTrapezoid(s, l), trap), qPrintable(QString("trial %1").arg(trial)));
            std::set<float> distinct(s.begin(), s.end());
            QCOMPARE(rocCurve(s, l).size(), distinct.size() + 1);
        }
    }

    // 5,000 x 12 (the paper's test set) in milliseconds; a 20,000 x 12 run takes the parallel
    // path and must give the same numbers with 1 and 2 threads and as the per-class functions.
    void fastAndDeterministic() {
        auto random = [](std::size_t n, int C, std::uint64_t seed, Vec& s, Vec& l) {
            Rng rng(seed);
            s.resize(n * std::size_t(C));
            l.resize(n * std::size_t(C));
            for (std::size_t i = 0; i < s.size(); ++i) {
                l[i] = rng.uniform() < 0.2 ? 1.f : 0.f;
                s[i] = float(0.3 * l[i] + rng.uniform());  // informative but noisy
            }
        };
        Vec s, l;
        random(5000, 12, 7, s, l);
        QElapsedTimer timer;
        timer.start();
        const ClassificationMetrics m = evaluate(s, l, 5000, 12);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        qInfo("evaluate 5000 x 12: %.2f ms, mean AUROC %.4f", ms, m.meanAuroc);
        QVERIFY2(ms < 250, qPrintable(QString::number(ms)));  // loose: CI shares 2 cores
        QVERIFY(m.meanAuroc > 0.6 && m.meanAuroc < 0.9);

        random(20000, 12, 8, s, l);
        parallel::setThreadCount(1);
        const ClassificationMetrics one = evaluate(s, l, 20000, 12);
        parallel::setThreadCount(2);
        const ClassificationMetrics two = evaluate(s, l, 20000, 12);
        parallel::setThreadCount(0);
        QVERIFY(one.auroc == two.auroc);
        QVERIFY(one.averagePrecision == two.averagePrecision);
        QVERIFY(one.auprTrapezoid == two.auprTrapezoid);
        QCOMPARE(one.meanAuroc, two.meanAuroc);
        Vec cs(20000), cl(20000);
        for (std::size_t i = 0; i < 20000; ++i) {
            cs[i] = s[i * 12 + 5];
            cl[i] = l[i * 12 + 5];
        }
        QCOMPARE(one.auroc[5], auroc(cs, cl));
        QCOMPARE(one.averagePrecision[5], averagePrecision(cs, cl));
        QCOMPARE(one.auprTrapezoid[5], auprTrapezoid(cs, cl));
        QCOMPARE(one.accuracy[5], binaryAccuracy(cs, cl));
    }
};

QTEST_APPLESS_MAIN(TestClassification)
#include "test_classification.moc"
