// Low-information matches (interpret/low_information.h) with real JASPAR matrices: a near-flat
// filter's best match is Pax4 MA0068.1 and is flagged; a sharp CTCF-like filter's is not; the
// exclude option leaves flagged hits out of the statistics.
#include "interpret/filter_matches.h"
#include "interpret/low_information.h"
#include "motif/motif_io.h"
#include "motif/motif_lookup.h"
#include "motif/motif_math.h"

#include <QtTest>

using namespace motifloom;

namespace {

const motif::MotifList& jaspar() {
    static const motif::MotifList list = motif::readJaspar(MOTIFLOOM_JASPAR_FILE);
    return list;
}

// A nearly flat 14-column "filter": uniform with a faint, alternating A/T tilt.
motif::Motif nearFlat() {
    motif::Motif m;
    m.id = m.name = "flat";
    m.probs = motif::Matrix4::Constant(4, 14, 0.25);
    for (int c = 0; c < 14; c += 2) m.probs.col(c) << 0.31, 0.22, 0.22, 0.25;
    m.nsites = 500;
    return m;
}

// CTCF MA0139.1 sharpened towards its consensus and padded by 2 flat columns on each side: what
// a CNN-25 filter that learned CTCF looks like after clipping.
motif::Motif sharpCtcf() {
    const motif::Motif& ctcf = *motif::findMotif(jaspar(), "MA0139.1");
    motif::Motif m;
    m.id = m.name = "ctcf_filter";
    m.probs = motif::Matrix4::Constant(4, ctcf.width() + 4, 0.25);
    for (int c = 0; c < ctcf.width(); ++c) {
        Eigen::Vector4d col = ctcf.probs.col(c).array().pow(1.5);
        m.probs.col(c + 2) = col / col.sum();
    }
    m.nsites = 800;
    return m;
}

}  // namespace

class TestLowInformation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void alignedPartOfTheTarget() {
        const motif::Motif& pax4 = *motif::findMotif(jaspar(), "MA0068.1");
        QCOMPARE(pax4.width(), 30);
        compare::TomtomHit hit;
        hit.offset = 0;
        // The whole of Pax4 under a 30-column query: its mean information, 0.37 bits.
        const double whole = interpret::alignedTargetInformation(hit, 30, pax4);
        QVERIFY2(whole > 0.33 && whole < 0.40, qPrintable(QString::number(whole)));
        QCOMPARE(whole, motif::totalInformation(pax4) / 30);
        // A query hanging off both ends only counts the overlap; the strand mirrors the columns.
        hit.offset = -5;  // query column 5 faces target column 0
        QCOMPARE(interpret::alignedTargetInformation(hit, 10, pax4),
                 motif::totalInformation(motif::sliceColumns(pax4, 0, 5)) / 5);
        hit.orientation = '-';
        QCOMPARE(interpret::alignedTargetInformation(hit, 10, pax4),
                 motif::totalInformation(motif::sliceColumns(pax4, 25, 30)) / 5);
        hit.offset = 40;  // no overlap
        QCOMPARE(interpret::alignedTargetInformation(hit, 10, pax4), 0.0);

        const motif::Motif& ctcf = *motif::findMotif(jaspar(), "MA0139.1");
        hit.offset = 0;
        hit.orientation = '+';
        QVERIFY(!interpret::isLowInformation(hit, ctcf.width(), ctcf));
        QVERIFY(interpret::isLowInformation(hit, 30, pax4));
        interpret::LowInformationOptions strict;
        strict.minTargetBitsPerColumn = 0.3;
        QVERIFY(!interpret::isLowInformation(hit, 30, pax4, strict));
    }

    void nearFlatFilterMatchesPax4AndIsFlagged() {
        const interpret::FilterMatcher matcher(jaspar());
        const std::vector<interpret::FilterMatches> m = matcher.match({nearFlat(), sharpCtcf()}, {"MA0139.1"});
        // The near-flat filter: its best match is Pax4, a hit by the paper's definition, flagged.
        QVERIFY(m[0].best);
        QCOMPARE(m[0].best->tomtom.targetId, std::string("MA0068.1"));
        QVERIFY2(m[0].best->tomtom.eValue < 0.1, qPrintable(QString::number(m[0].best->tomtom.eValue)));
        QVERIFY(m[0].best->lowInformation);
        QVERIFY(m[0].anyHit());
        QVERIFY(m[0].onlyLowInformation());
        // The CTCF filter: CTCF, strongly, not flagged; a true motif.
        QCOMPARE(m[1].best->tomtom.targetId, std::string("MA0139.1"));
        QVERIFY(m[1].best->tomtom.eValue < 1e-6);
        QVERIFY(!m[1].best->lowInformation);
        QVERIFY(!m[1].onlyLowInformation());
        QVERIFY(m[1].matchesTruth());

        const interpret::MatchSummary paper = interpret::summarise(m, 1);
        QCOMPARE(paper.filtersWithHit, 2);
        QCOMPARE(paper.filtersOnlyLowInformation, 1);
        QCOMPARE(paper.matchAny, 1.0);
        QVERIFY(!paper.lowInformationExcluded);

        // Left out: by the matcher's option or afterwards; the same statistics either way.
        interpret::MatchOptions options;
        options.lowInformation.exclude = true;
        const interpret::FilterMatcher excluding(jaspar(), options);
        const auto ex = excluding.match({nearFlat(), sharpCtcf()}, {"MA0139.1"});
        QVERIFY(!ex[0].anyHit());
        QVERIFY(ex[0].excludedLowInformation >= 1);
        QVERIFY(ex[0].onlyLowInformation());
        QVERIFY(ex[0].best && ex[0].best->lowInformation);  // the best row stays, flagged
        QVERIFY(ex[1].anyHit());
        const interpret::MatchSummary s = interpret::summarise(ex, 1, true);
        QCOMPARE(s.filtersWithHit, 1);
        QCOMPARE(s.matchAny, 0.5);
        QCOMPARE(s.filtersOnlyLowInformation, 1);
        QVERIFY(s.lowInformationExcluded);
        QCOMPARE(s.matchGroundTruth, 0.5);
        QCOMPARE(s.coverage, 1.0);
        const auto after = interpret::leaveOutLowInformation(m);
        QCOMPARE(after[0].hits.size(), ex[0].hits.size());
        QCOMPARE(after[0].excludedLowInformation, ex[0].excludedLowInformation);
        QCOMPARE(after[1].hits.size(), ex[1].hits.size());

        // The TSV says which rows are of that kind.
        const QString tsv = QString::fromStdString(interpret::formatMatchesTsv(m, {"MA0139.1"}));
        QVERIFY(tsv.split('\n')[0].endsWith("low_information"));
        QVERIFY(tsv.contains("MA0068.1\tPax4\t-\t"));
        for (const QString& line : tsv.split('\n', Qt::SkipEmptyParts).mid(1)) {
            if (line.contains("\tPax4\t")) QVERIFY(line.endsWith("\tyes"));
            if (line.contains("\tCTCF\t")) QVERIFY(line.endsWith("\tno"));
        }
    }
};

QTEST_APPLESS_MAIN(TestLowInformation)
#include "test_low_information.moc"
