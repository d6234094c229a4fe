// Tests for lab::trialStatistics (core/lab/trial_statistics.h): mean and SAMPLE standard
// deviation (n - 1) over the finite values, checked against values worked out by hand.
#include "lab/trial_statistics.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace motifloom;

Q_DECLARE_METATYPE(std::vector<double>)

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

class TestTrialStatistics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void values_data();
    void values();
};

void TestTrialStatistics::values_data() {
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("sd");  // NaN: undefined
    // 1, 2, 4: mean 7/3; squared deviations 16/9 + 1/9 + 25/9 = 42/9; / (3 - 1) = 7/3.
    QTest::newRow("three") << std::vector<double>{1, 2, 4} << 3 << 7.0 / 3 << std::sqrt(7.0 / 3);
    // 0.2, 0.4: sample sd 0.1414 (the population sd would be 0.1).
    QTest::newRow("two") << std::vector<double>{0.2, 0.4} << 2 << 0.3 << std::sqrt(0.02);
    // NaN and infinities are undefined values: left out.
    QTest::newRow("undefined-left-out") << std::vector<double>{1, kNaN, 2, kInf, 4, -kInf} << 3 << 7.0 / 3
                                        << std::sqrt(7.0 / 3);
    QTest::newRow("equal") << std::vector<double>{0.9, 0.9, 0.9, 0.9} << 4 << 0.9 << 0.0;
    QTest::newRow("one-value-no-sd") << std::vector<double>{0.5} << 1 << 0.5 << kNaN;
    QTest::newRow("none") << std::vector<double>{} << 0 << kNaN << kNaN;
    QTest::newRow("all-undefined") << std::vector<double>{kNaN, kNaN} << 0 << kNaN << kNaN;
}

void TestTrialStatistics::values() {
    QFETCH(std::vector<double>, values);
    QFETCH(int, n);
    QFETCH(double, mean);
    QFETCH(double, sd);
    const lab::TrialStatistics s = lab::trialStatistics(values);
    QCOMPARE(s.n, n);
    if (std::isnan(mean)) QVERIFY(std::isnan(s.mean));
    else QVERIFY2(std::abs(s.mean - mean) < 1e-15, qPrintable(QString::number(s.mean, 'g', 17)));
    if (std::isnan(sd)) QVERIFY(std::isnan(s.sd));
    else QVERIFY2(std::abs(s.sd - sd) < 1e-15, qPrintable(QString::number(s.sd, 'g', 17)));
}

QTEST_MAIN(TestTrialStatistics)
#include "test_trial_statistics.moc"
