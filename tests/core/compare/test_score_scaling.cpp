// Median shift and integer scaling of column scores, against hand-computed values.
#include "compare/score_scaling.h"

#include <QtTest>

using namespace motifloom;

class TestScoreScaling : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void median_data() {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("expected");
        // Sorted s; n even: s[n/2 - 1]; n odd: (s[(n-1)/2 - 1] + s[(n-1)/2]) / 2; n = 1: s[0].
        QTest::newRow("one value") << QList<double>{3.0} << 3.0;
        QTest::newRow("two values: lower one") << QList<double>{5.0, 1.0} << 1.0;
        QTest::newRow("four values: lower middle") << QList<double>{4.0, 1.0, 3.0, 2.0} << 2.0;
        QTest::newRow("three values: mean of s0 and s1") << QList<double>{9.0, 1.0, 2.0} << 1.5;
        QTest::newRow("five values: mean of s1 and s2") << QList<double>{50, 10, 40, 20, 30} << 25.0;
        QTest::newRow("ties") << QList<double>{2, 2, 2, 7} << 2.0;
    }
    void median() {
        QFETCH(QList<double>, values);
        QFETCH(double, expected);
        std::vector<double> v(values.begin(), values.end());
        QCOMPARE(compare::tomtomMedian(v), expected);
    }

    void subtractRowMediansCentresEachRow() {
        compare::ScoreMatrix s;
        s.rows = 2;
        s.cols = 4;
        s.values = {1, 2, 3, 4, /**/ -1, -1, 5, 6};
        compare::subtractRowMedians(s);
        const std::vector<float> expected{-1, 0, 1, 2, /**/ 0, 0, 6, 7};
        QCOMPARE(s.values, expected);
    }

    void scaleHandExample() {
        // min -1.2, max 0.3: o = floor(-1.2) = -2, k = floor(100 / 2.3) = 43.
        // (-1.2+2)*43 = 34.4 -> 34; (0.3+2)*43 = 98.9 -> 99; (0+2)*43 = 86;
        // (-0.5+2)*43 = 64.5 -> 65 (halves round away from zero).
        compare::ScoreMatrix s;
        s.rows = 2;
        s.cols = 2;
        s.values = {-1.2, 0.3, 0.0, -0.5};
        const auto scaled = compare::scaleScores(s);
        QCOMPARE(scaled.offset, -2);
        QCOMPARE(scaled.factor, 43);
        QCOMPARE(scaled.values, (std::vector<int>{34, 99, 86, 65}));
        QCOMPARE(scaled.zeroScore(), 86);
        QCOMPARE(scaled.maxValue, 99);
        QCOMPARE(scaled(1, 1), 65);
    }

    void scaleFactorFromSinglePrecisionScores() {
        // Pearson, a one-hot query column: its best score after the median shift is
        // 1 - (-1/3) = 4/3, and with o = -2 exact arithmetic gives k = 100 / (10/3) = 30 on the
        // dot. Scores are stored as float, whose 4/3 is a little larger: k = 29, MEME's factor
        // (tests/data/compare/tomtom_pearson; with k = 30 filter5's top p was 3x MEME's).
        compare::ScoreMatrix s;
        s.rows = 1;
        s.cols = 3;
        s.values = {float(1.0 + 1.0 / 3.0), 0.0f, -1.1f};
        QVERIFY(double(s.values[0]) > 4.0 / 3.0);
        const auto scaled = compare::scaleScores(s);
        QCOMPARE(scaled.offset, -2);
        QCOMPARE(scaled.factor, 29);
        QCOMPARE(scaled.values, (std::vector<int>{97, 58, 26}));  // 96.67, 58, 26.1
    }

    void scaleConstantMatrix() {
        // small == large: small = large - 1 = -0.5, o = -1, k = floor(100 / 1.5) = 66,
        // (0.5 + 1) * 66 = 99.
        compare::ScoreMatrix s;
        s.rows = 1;
        s.cols = 3;
        s.values = {0.5, 0.5, 0.5};
        const auto scaled = compare::scaleScores(s);
        QCOMPARE(scaled.offset, -1);
        QCOMPARE(scaled.factor, 66);
        QCOMPARE(scaled.values, (std::vector<int>{99, 99, 99}));
    }

    void scaledValuesStayWithin0To100() {
        compare::ScoreMatrix s;
        s.rows = 3;
        s.cols = 5;
        for (int k = 0; k < 15; ++k) s.values.push_back(-1.41 + 0.1 * k * k / 10.0);
        const auto scaled = compare::scaleScores(s);
        for (int v : scaled.values) QVERIFY(v >= 0 && v <= 100);
    }
};

QTEST_APPLESS_MAIN(TestScoreScaling)
#include "test_score_scaling.moc"
