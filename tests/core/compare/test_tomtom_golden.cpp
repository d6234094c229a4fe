// Golden data: MotifLoom's Tomtom against rows printed by MEME Suite's own tomtom on the same
// files (tests/data/compare/*/README.md says what produced each expected file). Every expected
// row must be reported with the same offset, overlap and orientation, with p- and E-values
// within 1 % of MEME's, and with the same consensus strings except at columns where the
// printed letters tie exactly (MEME's choice among tied letters is not a fixed rule we know:
// docs/tomtom.md, "E-values, q-values, output"). No row may be reported that MEME does not
// print. q-values are not compared (the expected files' q-values come from other queries).
#include "compare/tomtom.h"

#include "motif/motif_io.h"
#include "motif/motif_math.h"

#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

using namespace motifloom;

namespace {

constexpr double kTolerance = 0.01;  // relative, on p and E

struct ExpectedRow {
    std::string query, target;
    int offset = 0;
    double p = 0, e = 0;
    int overlap = 0;
    std::string queryConsensus, targetConsensus;
    char orientation = '+';
};

// The data lines of a tomtom TSV (header, blank and '#' lines skipped).
std::vector<ExpectedRow> readExpected(const std::string& path) {
    std::ifstream in(path);
    if (!in) qFatal("cannot read %s", path.c_str());
    std::vector<ExpectedRow> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line.rfind("Query_ID\t", 0) == 0) continue;
        std::vector<std::string> f;
        std::stringstream ss(line);
        for (std::string field; std::getline(ss, field, '\t');) f.push_back(field);
        if (f.size() != 10) qFatal("%s: not 10 fields: %s", path.c_str(), line.c_str());
        rows.push_back({f[0], f[1], std::stoi(f[2]), std::stod(f[3]), std::stod(f[4]), std::stoi(f[6]),
                        f[7], f[8], f[9].at(0)});
    }
    return rows;
}

struct Case {
    std::string dir;  // under tests/data/compare
    std::string expected;
    compare::TomtomOptions options;
};

// The options motifloom-cli's tomtom command sets from its arguments, and its default
// background (the query file's, made strand-symmetric).
compare::TomtomOptions pearsonMinOverlap5Evalue10() {
    compare::TomtomOptions o;
    o.distance = compare::Distance::Pearson;
    o.minOverlap = 5;
    o.thresholdIsEvalue = true;
    o.threshold = 10;
    return o;
}

const std::map<std::string, Case>& cases() {
    static const std::map<std::string, Case> all{
        {"pearson", {"tomtom_pearson", "expected-meme-5.5.8.tsv", pearsonMinOverlap5Evalue10()}},
    };
    return all;
}

struct Run {
    std::vector<ExpectedRow> expected;
    std::vector<compare::TomtomHit> hits;
    std::map<std::string, motif::Matrix4> queryProbs, targetProbs;  // by ID, after pseudocounts
};

// Empty if `ours` and `theirs` are the same consensus of `probs` (4 x width, the strand
// printed), allowing a different letter only where both letters have the column's largest
// probability exactly; otherwise what differs.
QString consensusDifference(const std::string& ours, const std::string& theirs, const motif::Matrix4& probs) {
    if (ours.size() != theirs.size() || ours.size() != std::size_t(probs.cols()))
        return QString("lengths differ: %1 vs MEME %2").arg(QString::fromStdString(ours), QString::fromStdString(theirs));
    for (int c = 0; c < probs.cols(); ++c) {
        if (ours[std::size_t(c)] == theirs[std::size_t(c)]) continue;
        const auto letter = [](char x) { return int(std::string("ACGT").find(x)); };
        const int a = letter(ours[std::size_t(c)]), b = letter(theirs[std::size_t(c)]);
        if (a < 0 || b < 0 || probs(a, c) != probs.col(c).maxCoeff() || probs(b, c) != probs(a, c))
            return QString("column %1: %2 vs MEME %3").arg(c).arg(QString::fromStdString(ours),
                                                                   QString::fromStdString(theirs));
    }
    return {};
}

// Runs each case once (the rows of a case share it).
const Run& run(const std::string& name) {
    static std::map<std::string, Run> done;
    auto it = done.find(name);
    if (it != done.end()) return it->second;
    const Case& c = cases().at(name);
    const std::string dir = std::string(MOTIFLOOM_TEST_DATA_DIR "/compare/") + c.dir + "/";
    motif::Background background = motif::kUniformBackground;
    const motif::MotifList queries = motif::readMotifFile(dir + "queries.meme", &background);
    const motif::MotifList targets = motif::readMotifFile(dir + "targets.meme");
    compare::TomtomOptions options = c.options;
    options.background = motif::strandSymmetric(background);
    Run r;
    r.expected = readExpected(dir + c.expected);
    r.hits = compare::tomtom(queries, targets, options);
    for (const auto& m : queries) r.queryProbs[m.id] = motif::withPseudocounts(m, options.pseudocount, options.background);
    for (const auto& m : targets) r.targetProbs.emplace(m.id, motif::withPseudocounts(m, options.pseudocount, options.background));
    return done.emplace(name, std::move(r)).first->second;
}

bool within(double ours, double theirs) { return std::abs(ours - theirs) <= kTolerance * theirs; }

}  // namespace

class TestTomtomGolden : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void expectedRow_data() {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<int>("row");
        for (const auto& [name, c] : cases()) {
            const auto rows = readExpected(std::string(MOTIFLOOM_TEST_DATA_DIR "/compare/") + c.dir + "/" + c.expected);
            QVERIFY(!rows.empty());
            for (std::size_t k = 0; k < rows.size(); ++k)
                QTest::addRow("%s %s %s", name.c_str(), rows[k].query.c_str(), rows[k].target.c_str())
                    << QString::fromStdString(name) << int(k);
        }
    }
    void expectedRow() {
        QFETCH(QString, caseName);
        QFETCH(int, row);
        const Run& r = run(caseName.toStdString());
        const ExpectedRow& want = r.expected[std::size_t(row)];
        const compare::TomtomHit* got = nullptr;
        for (const auto& h : r.hits)
            if (h.queryId == want.query && h.targetId == want.target) got = &h;
        QVERIFY2(got, "MEME reports this row, we do not");
        QCOMPARE(got->offset, want.offset);
        QCOMPARE(got->overlap, want.overlap);
        QCOMPARE(got->orientation, want.orientation);
        const QString queryDiff = consensusDifference(got->queryConsensus, want.queryConsensus,
                                                      r.queryProbs.at(want.query));
        QVERIFY2(queryDiff.isEmpty(), qPrintable("query consensus, " + queryDiff));
        motif::Motif target;
        target.probs = r.targetProbs.at(want.target);
        if (want.orientation == '-') target = motif::reverseComplement(target);
        const QString targetDiff = consensusDifference(got->targetConsensus, want.targetConsensus, target.probs);
        QVERIFY2(targetDiff.isEmpty(), qPrintable("target consensus, " + targetDiff));
        QVERIFY2(within(got->pValue, want.p),
                 qPrintable(QString("p %1, MEME %2").arg(got->pValue).arg(want.p)));
        QVERIFY2(within(got->eValue, want.e),
                 qPrintable(QString("E %1, MEME %2").arg(got->eValue).arg(want.e)));
    }

    void noExtraRows_data() {
        QTest::addColumn<QString>("caseName");
        for (const auto& [name, c] : cases()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }
    void noExtraRows() {
        QFETCH(QString, caseName);
        const Run& r = run(caseName.toStdString());
        for (const auto& h : r.hits) {
            bool expected = false;
            for (const auto& want : r.expected) expected |= want.query == h.queryId && want.target == h.targetId;
            QVERIFY2(expected, qPrintable(QString("we report %1 %2 (p %3), MEME does not")
                                              .arg(QString::fromStdString(h.queryId),
                                                   QString::fromStdString(h.targetId))
                                              .arg(h.pValue)));
        }
        QCOMPARE(r.hits.size(), r.expected.size());
    }
};

QTEST_APPLESS_MAIN(TestTomtomGolden)
#include "test_tomtom_golden.moc"
