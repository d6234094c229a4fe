// The true motifs of a data set (interpret/truth_mapping.h): --truth parsing, checks with
// exact messages, proposals from class names, and the one resolution rule.
#include "interpret/filter_matches.h"
#include "interpret/truth_mapping.h"
#include "motif/motif_io.h"
#include "motif/motif_lookup.h"
#include "util/input_error.h"

#include <QtTest>

using namespace motifloom;
using interpret::TruthSource;

namespace {

const motif::MotifList& jaspar() {
    static const motif::MotifList list = motif::readJaspar(MOTIFLOOM_JASPAR_FILE);
    return list;
}

QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestTruthMapping : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parse() {
        const auto t = interpret::parseClassTruth("CTCF=MA0139.1, MA1929.1");
        QCOMPARE(t.className, std::string("CTCF"));
        QCOMPARE(t.motifIds, (std::vector<std::string>{"MA0139.1", "MA1929.1"}));
        QVERIFY(interpret::parseClassTruth(" pos = none ").motifIds.empty());
        QCOMPARE(interpret::parseClassTruth(" pos = none ").className, std::string("pos"));
        QCOMPARE(errorOf([] { interpret::parseClassTruth("MA0139.1"); }),
                 QString("option --truth needs CLASS=IDS, got 'MA0139.1' (expected CLASS=MOTIF_ID[,MOTIF_ID...] or "
                         "CLASS=none, e.g. CTCF=MA0139.1)"));
        QVERIFY(errorOf([] { interpret::parseClassTruth("=MA0139.1"); }).startsWith("option --truth names no class"));
        QVERIFY(errorOf([] { interpret::parseClassTruth("CTCF=,"); }).startsWith("option --truth names no motif for class CTCF"));

        interpret::TruthMapping mapping;
        interpret::setClassTruth(mapping, {"CTCF", {"MA0139.1"}});
        interpret::setClassTruth(mapping, {"neg", {}});
        interpret::setClassTruth(mapping, {"CTCF", {"MA0068.1"}});  // a later value wins
        QCOMPARE(mapping.size(), std::size_t(2));
        QCOMPARE(interpret::findClassTruth(mapping, "CTCF")->motifIds, (std::vector<std::string>{"MA0068.1"}));
        QVERIFY(!interpret::findClassTruth(mapping, "ctcf"));
    }

    void check() {
        const std::vector<std::string> classes{"CTCF", "shuffled"};
        QVERIFY(errorOf([&] { interpret::checkTruthMapping({{"CTCF", {"MA0139.1", "Pax4"}}}, classes, jaspar(), "JASPAR"); })
                    .isEmpty());
        QCOMPARE(errorOf([&] { interpret::checkTruthMapping({{"ctcf", {"MA0139.1"}}}, classes, jaspar(), "JASPAR"); }),
                 QString("--truth: no class 'ctcf' in the data (classes: CTCF, shuffled)"));
        QCOMPARE(errorOf([&] {
                     interpret::checkTruthMapping({{"CTCF", {"MA9999.1"}}}, classes, jaspar(), "jaspar.txt",
                                                  "option --truth");
                 }),
                 QString("option --truth: no motif 'MA9999.1' in jaspar.txt (class CTCF)"));
    }

    void proposals() {
        const motif::Motif* ctcf = interpret::proposedMotif("ctcf", jaspar());
        QVERIFY(ctcf);
        QCOMPARE(ctcf->id, std::string("MA0139.1"));
        QVERIFY(!interpret::proposedMotif("pos", jaspar()));
        QVERIFY(!interpret::proposedMotif("sample", jaspar()));
        QVERIFY(!interpret::proposedMotif("MA0139.1", jaspar()));  // an ID is not a name
        QVERIFY(!interpret::proposedMotif("  ", jaspar()));
    }

    void resolve() {
        // FASTA classes "pos" and "sample": no truth at all, so match-gt and coverage are NaN.
        const interpret::RunTruth none = interpret::resolveTruth({"pos", "sample"}, {}, {}, {}, jaspar());
        QVERIFY(!none.known());
        const interpret::MatchSummary s = interpret::summarise({}, int(none.keys().size()));
        QVERIFY(std::isnan(s.matchGroundTruth));
        QVERIFY(std::isnan(s.coverage));

        // A proposal for "CTCF", nothing for "shuffled".
        const auto proposed = interpret::resolveTruth({"CTCF", "shuffled"}, {}, {}, {}, jaspar());
        QCOMPARE(proposed.motifs.size(), std::size_t(1));
        QCOMPARE(proposed.motifs[0].key, std::string("MA0139.1"));
        QCOMPARE(proposed.motifs[0].name, std::string("CTCF"));
        QCOMPARE(proposed.motifs[0].source, TruthSource::Proposed);
        QCOMPARE(proposed.proposedCount(), 1);
        QVERIFY(QString::fromStdString(proposed.describe()).contains("CTCF: MA0139.1 CTCF (proposed from the class name)"));

        // Mappings: IDs, bare IDs and names resolve to database IDs; "none" drops a proposal;
        // one motif expected in two classes counts once.
        const auto mapped = interpret::resolveTruth(
            {"Oct4", "MafK", "CTCF"}, {}, {{"Oct4", {"MA0142", "Sox2"}}, {"MafK", {"MA0496.1", "MA0142.1"}}, {"CTCF", {}}},
            {}, jaspar());
        QCOMPARE(mapped.keys(), (std::vector<std::string>{"MA0142.1", "MA0143.3", "MA0496.1"}));
        QCOMPARE(mapped.motifs[0].source, TruthSource::Mapped);
        QCOMPARE(mapped.motifs[0].className, std::string("Oct4"));
        QCOMPARE(mapped.proposedCount(), 0);

        // Planted motifs (synthetic data): by ID; a mapping still overrides a class.
        const motif::MotifList planted{*motif::findMotif(jaspar(), "MAX"), *motif::findMotif(jaspar(), "SP1")};
        const auto p = interpret::resolveTruth({"MAX", "SP1"}, planted, {{"SP1", {"MA0079.3"}}}, {}, jaspar());
        QCOMPARE(p.motifs.size(), std::size_t(2));
        QCOMPARE(p.motifs[0].source, TruthSource::Planted);
        QCOMPARE(p.motifs[0].key, planted[0].id);
        QCOMPARE(p.motifs[1].source, TruthSource::Mapped);
        // A planted motif from another file (not in the database) is matched by its name.
        motif::Motif custom = planted[0];
        custom.id = "my_max";
        const auto c = interpret::resolveTruth({"MAX"}, {custom}, {}, {}, jaspar());
        QCOMPARE(c.keys(), (std::vector<std::string>{"MAX"}));

        // Expected motifs of any class (the recipe's expectedMotifIds).
        const auto any = interpret::resolveTruth({"pos", "neg"}, {}, {}, {"YY1"}, jaspar());
        QCOMPARE(any.motifs.size(), std::size_t(1));
        QVERIFY(any.motifs[0].className.empty());

        // Keys the matcher understands: a hit on any version of the ID is a true motif.
        QCOMPARE(interpret::truthIndex("MA0139.1", "CTCF", proposed.keys()), 0);
        QCOMPARE(interpret::truthIndex("MA0068.1", "Pax4", proposed.keys()), -1);
        QCOMPARE(interpret::truthIndex("my_max", "", {"MY_MAX"}), 0);  // IDs of other databases
    }
};

QTEST_APPLESS_MAIN(TestTruthMapping)
#include "test_truth_mapping.moc"
