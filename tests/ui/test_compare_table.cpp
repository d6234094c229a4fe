// Tests for the Compare tab's table (ui/compare/compare_table.h): grouping of runs into models (trials
// pooled, distinct models never merged), the statistics (lab::trialStatistics: mean and sample
// sd, the numbers motifloom-cli sweep's table.tsv prints for the same runs) and the TSV export.
#include "compare/compare_table.h"

#include "arch/presets.h"

#include <QtTest>

#include <cmath>

using namespace motifloom;
using namespace motifloom::ui;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool sameDouble(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

std::shared_ptr<lab::RunRecord> metricRun(int id, const std::string& archName, std::uint64_t seed, double auroc,
                                          double matchGt) {
    auto r = std::make_shared<lab::RunRecord>();
    r->id = id;
    r->label = archName + " seed " + std::to_string(seed);
    r->architecture = arch::preset(archName);
    r->architecture.training.seed = seed;
    r->dataRecipe = lab::DataRecipe::paperSynthetic();
    r->dataSummary = "synthetic";
    r->tested = !std::isnan(auroc);
    r->test.meanAuroc = auroc;
    r->test.meanAveragePrecision = auroc - 0.1;
    lab::RunFilters f;
    f.matched = true;
    f.summary.matchAny = 0.9;
    f.summary.matchGroundTruth = matchGt;
    f.summary.coverage = 1.0;
    r->filters = f;
    return r;
}

}  // namespace

class TestCompareTable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void compareTable_data();
    void compareTable();
    void otherDataIsAnotherModel();
    void compareTsvFormat();
};

void TestCompareTable::compareTable_data() {
    QTest::addColumn<bool>("pool");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("firstModel");
    QTest::addColumn<int>("firstRuns");
    QTest::addColumn<double>("firstAuroc");
    QTest::addColumn<double>("firstAurocSd");
    // AUROC 0.94, 0.95, 0.96: sample sd sqrt((0.01^2 + 0 + 0.01^2) / 2) = 0.01 (population: 0.00816).
    QTest::newRow("pooled-trials") << true << 3 << "CNN-2" << 3 << 0.95 << 0.01;
    QTest::newRow("one-row-per-run") << false << 6 << "#1 CNN-2 seed 1" << 1 << 0.94 << kNaN;
}

void TestCompareTable::compareTable() {
    QFETCH(bool, pool);
    QFETCH(int, rows);
    QFETCH(QString, firstModel);
    QFETCH(int, firstRuns);
    QFETCH(double, firstAuroc);
    QFETCH(double, firstAurocSd);
    std::vector<std::shared_ptr<const lab::RunRecord>> runs = {
        metricRun(1, "CNN-2", 1, 0.94, 0.2), metricRun(2, "CNN-25", 1, 0.96, 0.8), metricRun(3, "CNN-2", 2, 0.95, 0.3),
        metricRun(4, "CNN-2", 3, 0.96, kNaN), metricRun(5, "CNN-25", 2, kNaN, 0.9)};
    auto edited = metricRun(6, "CNN-25", 1, 0.5, 0.1);  // same name, different layers
    edited->architecture.layers[0].units = 10;
    runs.push_back(edited);
    const auto table = compareRows(runs, pool ? CompareGrouping::ByArchitecture : CompareGrouping::PerRun);
    QCOMPARE(int(table.size()), rows);
    QCOMPARE(QString::fromStdString(table[0].model), firstModel);
    QCOMPARE(int(table[0].runIds.size()), firstRuns);
    QVERIFY(std::abs(table[0].auroc.mean - firstAuroc) < 1e-12);
    QVERIFY(sameDouble(firstAurocSd, table[0].auroc.sd) || std::abs(table[0].auroc.sd - firstAurocSd) < 1e-12);
    if (pool) {
        QCOMPARE(table[0].runIds, (std::vector<int>{1, 3, 4}));
        QCOMPARE(table[0].matchGroundTruth.n, 2);  // NaN left out
        QVERIFY(std::abs(table[0].matchGroundTruth.mean - 0.25) < 1e-12);
        QCOMPARE(table[1].auroc.n, 1);             // run 5 untested
        QVERIFY(std::isnan(table[1].auroc.sd));
        QCOMPARE(table[2].model, std::string("CNN-25 (2)"));  // never merged with CNN-25
        // Exactly the shared helper's numbers (what motifloom-cli sweep prints for these runs).
        const lab::TrialStatistics s = lab::trialStatistics({0.94, 0.95, 0.96});
        QCOMPARE(table[0].auroc.mean, s.mean);
        QCOMPARE(table[0].auroc.sd, s.sd);
    }
}

void TestCompareTable::otherDataIsAnotherModel() {
    auto a = metricRun(1, "CNN-2", 1, 0.9, 0.1);
    auto b = metricRun(2, "CNN-2", 2, 0.8, 0.1);
    b->dataRecipe.seed = 34;
    const auto table = compareRows({a, b}, CompareGrouping::ByArchitecture);
    QCOMPARE(table.size(), std::size_t(2));
}

void TestCompareTable::compareTsvFormat() {
    const auto table = compareRows({metricRun(1, "CNN-2", 1, 0.94, 0.2), metricRun(2, "CNN-2", 2, kNaN, 0.4)},
                                   CompareGrouping::ByArchitecture);
    const QString tsv = QString::fromStdString(compareTsv(table));
    const QStringList lines = tsv.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].split('\t').size(), 14);
    QCOMPARE(lines[0].section('\t', 3, 4), QString("auroc\tauroc_sample_sd"));  // the header says which sd
    // match-ground-truth 0.2 and 0.4: sample sd 0.1414 (population 0.1).
    QCOMPARE(lines[1], QString("CNN-2\tsynthetic\t2\t0.9400\tNA\t0.8400\tNA\t0.9000\t0.0000\t0.3000\t0.1414\t1.0000\t0.0000\t1,2"));
}

QTEST_MAIN(TestCompareTable)
#include "test_compare_table.moc"
