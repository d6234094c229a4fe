// q-values (Benjamini-Hochberg, with pi0) and Storey's bootstrap pi0, against hand values and
// constructed p-value sets whose true null fraction is known.
#include "compare/qvalues.h"

#include <QtTest>

#include <cmath>

using namespace motifloom;

class TestQValues : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void benjaminiHochbergByHand() {
        // Sorted: 0.01 (rank 1), 0.03 (2), 0.04 (3), 0.5 (4); p*m/rank = 0.04, 0.06, 0.0533, 0.5;
        // running minimum from the bottom: 0.04, 0.0533, 0.0533, 0.5.
        const auto q = compare::qValues({0.01, 0.04, 0.03, 0.5});
        const std::vector<double> expected{0.04, 0.16 / 3, 0.16 / 3, 0.5};
        QCOMPARE(q.size(), expected.size());
        for (std::size_t i = 0; i < q.size(); ++i) QVERIFY(std::abs(q[i] - expected[i]) < 1e-15);
    }

    void pi0ScalesAndOneCaps() {
        const auto half = compare::qValues({0.01, 0.04, 0.03, 0.5}, 0.5);
        QVERIFY(std::abs(half[0] - 0.02) < 1e-15);
        QVERIFY(std::abs(half[3] - 0.25) < 1e-15);
        const auto capped = compare::qValues({0.6, 0.9}, 1.0);
        QCOMPARE(capped, (std::vector<double>{0.9, 0.9}));  // 0.6*2/1 = 1.2 -> min with rank 2's 0.9
        QVERIFY(compare::qValues({}).empty());
    }

    void tiedPValuesShareTheirQ() {
        const auto q = compare::qValues({0.02, 0.02, 0.02, 0.9});
        QCOMPARE(q[0], q[1]);
        QCOMPARE(q[1], q[2]);
        QVERIFY(std::abs(q[0] - 0.02 * 4 / 3) < 1e-15);
    }

    void pi0ByLambdaByHand() {
        // 10 p-values, 4 tiny. lambda = 0.005: 6 above -> 6 / (10 * 0.995);
        // lambda = 0.5: 4 above (0.6 .. 0.9) -> 4 / (10 * 0.5) = 0.8.
        const std::vector<double> p{0.001, 0.001, 0.001, 0.001, 0.3, 0.45, 0.6, 0.7, 0.8, 0.9};
        const auto pi0 = compare::pi0ByLambda(p);
        QCOMPARE(pi0.size(), std::size_t(100));
        QVERIFY(std::abs(pi0.front() - 6.0 / 9.95) < 1e-12);
        QVERIFY(std::abs(pi0.back() - 0.8) < 1e-12);
        // lambda = 0.3 (j = 60): p > 0.3 strictly -> 5 values.
        QVERIFY(std::abs(pi0[59] - 5.0 / 7.0) < 1e-12);
    }

    void storeyRecoversConstructedNullFraction_data() {
        QTest::addColumn<int>("nulls");
        QTest::addColumn<int>("alternatives");
        QTest::newRow("90% null") << 900 << 100;
        QTest::newRow("60% null") << 600 << 400;
        QTest::newRow("all null") << 1000 << 0;
    }
    void storeyRecoversConstructedNullFraction() {
        QFETCH(int, nulls);
        QFETCH(int, alternatives);
        // Nulls evenly spread over (0, 1), alternatives far below the smallest lambda.
        std::vector<double> p;
        for (int k = 0; k < nulls; ++k) p.push_back((k + 0.5) / nulls);
        for (int k = 0; k < alternatives; ++k) p.push_back(1e-6 * (k + 1));
        const double truth = double(nulls) / (nulls + alternatives);
        Rng rng(1);
        const double pi0 = compare::estimatePi0Storey(p, rng);
        qInfo("pi0 estimate %.4f (true %.4f)", pi0, truth);
        QVERIFY(pi0 <= 1.0 && pi0 > 0.0);
        QVERIFY(std::abs(pi0 - truth) < 0.03);
        // A fixed seed gives a fixed answer.
        Rng again(1);
        QCOMPARE(compare::estimatePi0Storey(p, again), pi0);
    }

    void storeyClampsAndHandlesEmpty() {
        Rng rng(3);
        QCOMPARE(compare::estimatePi0Storey({}, rng), 1.0);
        // All p near 1: pi0(lambda) = 1 / (1 - lambda) > 1 everywhere -> clamped.
        QCOMPARE(compare::estimatePi0Storey({0.99, 0.995, 0.999, 1.0}, rng), 1.0);
    }
};

QTEST_APPLESS_MAIN(TestQValues)
#include "test_qvalues.moc"
