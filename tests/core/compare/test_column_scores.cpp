// Column scores for each Tomtom distance against values computed by hand (see the comments),
// and the layout of the score matrix.
#include "compare/column_scores.h"

#include <QtTest>

#include <cmath>

using namespace motifloom;
using compare::Distance;

Q_DECLARE_METATYPE(compare::Distance)

namespace {
// q = (0.7, 0.1, 0.1, 0.1), t = (0.4, 0.3, 0.2, 0.1); q - t = (0.3, -0.2, -0.1, 0), sum of
// squares 0.14. Centred at 1/4: sum dq*dt = 0.09, sum dq^2 = 0.27, sum dt^2 = 0.05.
const double kQ[4] = {0.7, 0.1, 0.1, 0.1};
const double kT[4] = {0.4, 0.3, 0.2, 0.1};
}  // namespace

class TestColumnScores : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void handComputed_data() {
        QTest::addColumn<Distance>("distance");
        QTest::addColumn<double>("expected");
        QTest::addColumn<bool>("skewedBackground");
        QTest::newRow("ed: -sqrt(0.14)") << Distance::Ed << -0.37416573867739406 << false;
        QTest::newRow("sandelin: 2 - 0.14") << Distance::Sandelin << 1.86 << false;
        QTest::newRow("pearson: 0.09 / sqrt(0.27 * 0.05)") << Distance::Pearson << 0.7745966692414833 << false;
        // -1/2 [0.7 lg1.75 + 0.4 lg(4/7) + 0.1 lg(1/3) + 0.3 lg3 + 0.1 lg0.5 + 0.2 lg2 + 0]
        QTest::newRow("kullback: -0.19843 / 2") << Distance::Kullback << -0.09921933255810944 << false;
        // nq = 10, nt = 30; denominator sum(nq q + nt t) = 40.
        QTest::newRow("allr, uniform background") << Distance::Allr << -0.04512218723087885 << false;
        QTest::newRow("allr, background .3 .2 .2 .3") << Distance::Allr << -0.05512107307886353 << true;
    }
    void handComputed() {
        QFETCH(Distance, distance);
        QFETCH(double, expected);
        QFETCH(bool, skewedBackground);
        const motif::Background bg = skewedBackground ? motif::Background{0.3, 0.2, 0.2, 0.3}
                                                      : motif::kUniformBackground;
        const double got = compare::columnScore(distance, kQ, kT, 10.0, 30.0, bg);
        QVERIFY2(std::abs(got - expected) < 1e-12, qPrintable(QString::number(got, 'g', 17)));
    }

    void identicalColumnsScoreBest_data() {
        QTest::addColumn<Distance>("distance");
        QTest::newRow("ed") << Distance::Ed;
        QTest::newRow("pearson") << Distance::Pearson;
        QTest::newRow("sandelin") << Distance::Sandelin;
        QTest::newRow("kullback") << Distance::Kullback;
    }
    void identicalColumnsScoreBest() {
        QFETCH(Distance, distance);
        const auto bg = motif::kUniformBackground;
        const double self = compare::columnScore(distance, kQ, kQ, 20, 20, bg);
        const double other = compare::columnScore(distance, kQ, kT, 20, 20, bg);
        QVERIFY(self > other);
    }

    void pearsonOfFlatColumnIsZero() {
        const double flat[4] = {0.25, 0.25, 0.25, 0.25};
        QCOMPARE(compare::columnScore(Distance::Pearson, flat, kT, 20, 20, motif::kUniformBackground), 0.0);
        QCOMPARE(compare::columnScore(Distance::Pearson, kQ, flat, 20, 20, motif::kUniformBackground), 0.0);
    }

    void distanceNamesRoundTrip() {
        for (Distance d : {Distance::Ed, Distance::Pearson, Distance::Sandelin, Distance::Kullback,
                           Distance::Allr})
            QCOMPARE(compare::parseDistance(compare::distanceName(d)), std::optional<Distance>(d));
        QCOMPARE(compare::distanceName(Distance::Ed), std::string("ed"));
        QVERIFY(!compare::parseDistance("blic1").has_value());
        QVERIFY(!compare::parseDistance("ED").has_value());
    }

    void matrixLayoutIsQueryRowsByTargetColumns() {
        motif::Matrix4 query(4, 2), targets(4, 3);
        query << 0.7, 0.1, 0.1, 0.2, 0.1, 0.3, 0.1, 0.4;
        targets << 0.4, 0.25, 0.1, 0.3, 0.25, 0.1, 0.2, 0.25, 0.1, 0.1, 0.25, 0.7;
        const std::vector<double> sites{5, 5, 30};
        const auto s = compare::columnScores(Distance::Allr, query, 12, targets, sites,
                                             motif::kUniformBackground);
        QCOMPARE(s.rows, 2);
        QCOMPARE(s.cols, 3);
        for (int i = 0; i < 2; ++i)
            for (int t = 0; t < 3; ++t)
                QCOMPARE(s(i, t), float(compare::columnScore(Distance::Allr, query.col(i).data(),
                                                             targets.col(t).data(), 12, sites[t],
                                                             motif::kUniformBackground)));
    }
};

QTEST_APPLESS_MAIN(TestColumnScores)
#include "test_column_scores.moc"
