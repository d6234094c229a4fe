// Match statistics of filters (interpret/filter_matches.h): the truth rule, the paper's
// match-any / match-ground-truth / coverage on hand-made hit lists, and the matcher against
// the bundled JASPAR file with database motifs standing in for learned filters.
#include "interpret/filter_matches.h"
#include "motif/motif_io.h"
#include "motif/motif_lookup.h"
#include "motif/motif_math.h"
#include "util/parallel.h"

#include <QtTest>

#include <cmath>

using namespace motifloom;
using interpret::FilterMatches;
using interpret::FilterStatus;
using interpret::MotifHit;

namespace {

MotifHit hit(const std::string& id, const std::string& name, int truth, double e = 1e-3) {
    MotifHit h;
    h.tomtom.targetId = id;
    h.tomtom.eValue = e;
    h.targetName = name;
    h.truth = truth;
    return h;
}

FilterMatches filter(const std::string& id, std::vector<MotifHit> hits,
                     FilterStatus status = FilterStatus::Compared) {
    FilterMatches f;
    f.filterId = id;
    f.status = status;
    if (!hits.empty()) f.best = hits.front();
    f.hits = std::move(hits);
    return f;
}

const motif::MotifList& jaspar() {
    static const motif::MotifList list = motif::readJaspar(MOTIFLOOM_JASPAR_FILE);
    return list;
}

motif::Motif named(const std::string& key, const std::string& asId) {
    motif::Motif m = *motif::findMotif(jaspar(), key);
    m.id = m.name = asId;
    return m;
}

}  // namespace

class TestFilterMatches : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void truthRule_data() {
        QTest::addColumn<QString>("targetId");
        QTest::addColumn<QString>("targetName");
        QTest::addColumn<QStringList>("truth");
        QTest::addColumn<int>("expected");
        const QStringList paper{"ARID3A", "CEBPB", "FOSL1", "GABPA", "MAFK", "MAX",
                                "MEF2A",  "NFYB",  "SP1",   "SRF",   "STAT1", "YY1"};
        QTest::newRow("same name") << "MA0058.2" << "MAX" << paper << 5;
        QTest::newRow("other version, same name") << "MA0079.2" << "SP1" << paper << 8;
        QTest::newRow("case-insensitive") << "MA9999.1" << "Max" << paper << 5;
        QTest::newRow("dimer is not the monomer") << "MA0059.1" << "MYC::MAX" << paper << -1;
        QTest::newRow("prefix is not the name") << "MA0080.1" << "SPI1" << paper << -1;
        QTest::newRow("other TF") << "MA0004.1" << "Arnt" << paper << -1;
        QTest::newRow("truth by versioned ID") << "MA0058.1" << "Max-like" << QStringList{"SP1", "MA0058.2"} << 1;
        QTest::newRow("truth by bare ID") << "MA0058.3" << "X" << QStringList{"MA0058"} << 0;
        QTest::newRow("ID base must be equal") << "MA0058.1" << "X" << QStringList{"MA00581"} << -1;
        QTest::newRow("no truth") << "MA0058.2" << "MAX" << QStringList{} << -1;
        QTest::newRow("blank keys skipped") << "MA0058.2" << "MAX" << QStringList{"", " max "} << 1;
    }
    void truthRule() {
        QFETCH(QString, targetId);
        QFETCH(QString, targetName);
        QFETCH(QStringList, truth);
        QFETCH(int, expected);
        std::vector<std::string> keys;
        for (const QString& t : truth) keys.push_back(t.toStdString());
        QCOMPARE(interpret::truthIndex(targetId.toStdString(), targetName.toStdString(), keys), expected);
    }

    // match-any, match-ground-truth and coverage from hand-made hit lists (truth: MAX, SP1, YY1).
    void summaryStatistics() {
        const std::vector<FilterMatches> filters = {
            filter("filter1", {hit("MA0058.2", "MAX", 0), hit("MA0059.1", "MYC::MAX", -1)}),
            filter("filter2", {hit("MA0004.1", "Arnt", -1), hit("MA0058.1", "MAX", 0)}),  // truth not first
            filter("filter3", {hit("MA0004.1", "Arnt", -1)}),
            filter("filter4", {}, FilterStatus::NeverFires),
            filter("filter5", {}, FilterStatus::Uninformative),
            filter("filter6", {}),
            filter("filter7", {hit("MA0079.3", "SP1", 1), hit("MA0058.2", "MAX", 0)}),
            filter("filter8", {hit("MA0058.2", "MAX", 0), hit("MA0058.1", "MAX", 0)}),  // MAX twice: one filter
        };
        const interpret::MatchSummary s = interpret::summarise(filters, 3);
        QCOMPARE(s.filters, 8);
        QCOMPARE(s.filtersWithHit, 5);
        QCOMPARE(s.filtersWithTruth, 4);
        QCOMPARE(s.neverFire, 1);
        QCOMPARE(s.uninformative, 1);
        QCOMPARE(s.truthCovered, 2);
        QCOMPARE(s.filtersPerTruth, (std::vector<int>{4, 1, 0}));
        QCOMPARE(s.matchAny, 5.0 / 8);
        QCOMPARE(s.matchGroundTruth, 4.0 / 8);
        QCOMPARE(s.coverage, 2.0 / 3);
        QCOMPARE(filters[1].bestTruthHit()->tomtom.targetId, std::string("MA0058.1"));
        QVERIFY(!filters[2].matchesTruth());

        const interpret::MatchSummary none = interpret::summarise(filters, 0);
        QCOMPARE(none.matchAny, 5.0 / 8);
        QVERIFY(std::isnan(none.matchGroundTruth));
        QVERIFY(std::isnan(none.coverage));
        const interpret::MatchSummary empty = interpret::summarise({}, 2);
        QCOMPARE(empty.matchAny, 0.0);
        QCOMPARE(empty.matchGroundTruth, 0.0);
        QCOMPARE(empty.coverage, 0.0);
    }

    // Database motifs posing as filters: each finds itself (either strand), the true ones are
    // recognised, a flat motif and an empty one find nothing.
    void matcherAgainstJaspar() {
        motif::Motif flat;
        flat.id = flat.name = "filter4";
        flat.probs = motif::Matrix4::Constant(4, 10, 0.25);
        flat.nsites = 1000;
        motif::Motif empty;
        empty.id = "filter5";
        empty.probs.resize(4, 0);
        const motif::MotifList queries = {named("MA0058.2", "filter1"),
                                          motif::reverseComplement(named("MA0079.3", "filter2")),
                                          named("MA0004.1", "filter3"), flat, empty};
        const std::vector<std::string> truth = {"MAX", "SP1", "YY1"};

        const interpret::FilterMatcher matcher(jaspar());
        QCOMPARE(matcher.options().evalueThreshold, 0.1);
        parallel::setThreadCount(1);
        const std::vector<FilterMatches> one = matcher.match(queries, truth);
        parallel::setThreadCount(0);
        const std::vector<FilterMatches> m = matcher.match(queries, truth);
        QCOMPARE(m.size(), queries.size());

        QCOMPARE(m[0].filterId, std::string("filter1"));
        QCOMPARE(m[0].status, FilterStatus::Compared);
        QVERIFY(m[0].best);
        QCOMPARE(m[0].best->tomtom.targetId, std::string("MA0058.2"));
        QCOMPARE(m[0].best->targetName, std::string("MAX"));
        QCOMPARE(m[0].best->truth, 0);
        QVERIFY(m[0].best->tomtom.eValue < 1e-3);
        QCOMPARE(m[0].best->tomtom.offset, 0);
        QVERIFY(m[0].matchesTruth());
        for (std::size_t i = 0; i < m[0].hits.size(); ++i) {
            QVERIFY(m[0].hits[i].tomtom.eValue < 0.1);
            if (i) QVERIFY(m[0].hits[i].tomtom.pValue >= m[0].hits[i - 1].tomtom.pValue);
        }

        QCOMPARE(m[1].best->tomtom.targetId, std::string("MA0079.3"));
        QCOMPARE(m[1].best->tomtom.orientation, '-');  // the reverse complement matched
        QCOMPARE(m[1].bestTruthHit()->truth, 1);

        QCOMPARE(m[2].best->tomtom.targetId, std::string("MA0004.1"));
        QVERIFY(m[2].anyHit());
        QCOMPARE(m[2].best->truth, -1);  // Arnt itself is not a true motif (it may still hit MAX)

        // A flat motif is compared like any other; Tomtom's median shift lets it resemble the
        // low-information stretches of long database motifs (E ~ 1e-3 for MA0068.1 Pax4), one
        // reason the paper clips filters before comparison.
        QVERIFY(m[3].best);
        QCOMPARE(m[3].best->truth, -1);
        QCOMPARE(m[3].anyHit(), m[3].best->tomtom.eValue < 0.1);
        QCOMPARE(m[4].status, FilterStatus::Uninformative);
        QVERIFY(!m[4].best);

        for (std::size_t i = 0; i < m.size(); ++i) {  // independent of the thread count
            QCOMPARE(one[i].hits.size(), m[i].hits.size());
            for (std::size_t h = 0; h < m[i].hits.size(); ++h)
                QCOMPARE(one[i].hits[h].tomtom.pValue, m[i].hits[h].tomtom.pValue);
        }

        const interpret::MatchSummary s = interpret::summarise(m, int(truth.size()));
        int withTruth = 0;
        for (const auto& f : m) withTruth += f.matchesTruth();
        QVERIFY(withTruth >= 2);
        QCOMPARE(s.filtersWithTruth, withTruth);
        QCOMPARE(s.truthCovered, 2);  // MAX and SP1; nothing resembles YY1
        QCOMPARE(s.filtersPerTruth[2], 0);
        QCOMPARE(s.uninformative, 1);

        // A stricter threshold keeps fewer hits, never more.
        interpret::MatchOptions strict;
        strict.evalueThreshold = 1e-6;
        const interpret::FilterMatcher strictMatcher(jaspar(), strict);
        const auto ms = strictMatcher.match(queries, truth);
        for (std::size_t i = 0; i < m.size(); ++i) QVERIFY(ms[i].hits.size() <= m[i].hits.size());
        QVERIFY(!ms[3].anyHit());
        QVERIFY(ms[3].best);  // the best row is kept even without a hit
        QVERIFY(ms[0].anyHit());
    }

    void matchesTsv() {
        const std::vector<std::string> truth = {"MAX"};
        const std::vector<FilterMatches> filters = {
            filter("filter1", {hit("MA0058.2", "MAX", 0, 2e-5), hit("MA0004.1", "Arnt", -1, 0.03)}),
            filter("filter2", {}, FilterStatus::NeverFires),
        };
        const QStringList lines = QString::fromStdString(interpret::formatMatchesTsv(filters, truth))
                                      .split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0].split('\t').size(), 16);
        QVERIFY(lines[0].startsWith("filter\tstatus\thit\trank\ttarget_id"));
        QCOMPARE(lines[1].split('\t').mid(0, 7), (QStringList{"filter1", "compared", "yes", "1", "MA0058.2", "MAX", "MAX"}));
        QCOMPARE(lines[1].split('\t')[11], QString("2e-05"));
        QCOMPARE(lines[2].split('\t')[6], QString("-"));
        QCOMPARE(lines[3].split('\t').mid(0, 5), (QStringList{"filter2", "never fires", "no", "-", "-"}));
        for (const QString& l : lines) QCOMPARE(l.split('\t').size(), 16);
    }
};

QTEST_APPLESS_MAIN(TestFilterMatches)
#include "test_filter_matches.moc"
