// The filter gallery's low-information marks and its "Without low-info" toggle
// (ui/filters/filter_gallery.h, run_filter_grid.h, match_scoreboard.h): real JASPAR matrices
// as filters (CTCF sharp; a near-flat one whose best match is Pax4 MA0068.1), matched as the
// trainer matches them.
#include "filters/filter_gallery.h"
#include "filters/match_scoreboard.h"
#include "filters/run_filter_grid.h"
#include "training/training_types.h"

#include "interpret/filter_matches.h"
#include "motif/motif_io.h"
#include "motif/motif_lookup.h"

#include <QAbstractButton>
#include <QtTest>

using namespace motifloom;
using namespace motifloom::ui;

namespace {

const motif::MotifList& jaspar() {
    static const motif::MotifList list = motif::readJaspar(MOTIFLOOM_JASPAR_FILE);
    return list;
}

interpret::FilterPwm pwmOf(const std::string& id, motif::Matrix4 probs) {
    interpret::FilterPwm p;
    p.motif.id = p.motif.name = id;
    p.motif.probs = std::move(probs);
    p.motif.nsites = 500;
    p.sites = 500;
    p.maxActivation = 3.0;
    return p;
}

// filter1: CTCF as learned (the true motif); filter2: near-flat (matches only Pax4).
std::shared_ptr<FilterSnapshot> snapshot() {
    auto s = std::make_shared<FilterSnapshot>();
    motif::Matrix4 flat = motif::Matrix4::Constant(4, 19, 0.25);
    for (int c = 0; c < 19; c += 2) flat.col(c) << 0.31, 0.22, 0.22, 0.25;
    s->pwms.filters = {pwmOf("filter1", motif::findMotif(jaspar(), "MA0139.1")->probs), pwmOf("filter2", flat)};
    s->pwms.sequences = 500;
    s->truth = {"MA0139.1"};
    s->truthNames = {"CTCF"};
    const interpret::FilterMatcher matcher(jaspar());
    interpret::ClipOptions whole;  // the flat filter has no column to clip to
    whole.enabled = false;
    s->matches = matcher.match(s->pwms, whole, s->truth);
    s->summary = interpret::summarise(s->matches, 1);
    s->matched = true;
    s->final = true;
    s->epoch = 3;
    s->dataPart = "test";
    return s;
}

}  // namespace

class TestLowInformationGallery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void markedAndLeftOut() {
        const auto snap = snapshot();
        QVERIFY(snap->matches[1].onlyLowInformation());
        QCOMPARE(snap->matches[1].best->tomtom.targetId, std::string("MA0068.1"));
        QCOMPARE(snap->summary.filtersOnlyLowInformation, 1);

        FilterGallery gallery;
        gallery.resize(1200, 700);
        gallery.setSnapshot(snap);
        RunFilterGrid* grid = gallery.grid();
        QCOMPARE(grid->filterCount(), 2);
        // The paper's definition: both filters match; filter2 is marked ≈, with a tooltip.
        QVERIFY2(!grid->cells()[0].caption.startsWith(QStringLiteral("\u2248")), qPrintable(grid->cells()[0].caption));
        QVERIFY2(grid->cells()[1].caption.startsWith(QStringLiteral("\u2248 Pax4")), qPrintable(grid->cells()[1].caption));
        QVERIFY(grid->cells()[0].highlight);
        QVERIFY2(grid->headline().contains(QStringLiteral("2 match a database motif")), qPrintable(grid->headline()));
        QVERIFY2(grid->headline().contains(QStringLiteral("\u2248 1 only low-information")), qPrintable(grid->headline()));
        QCOMPARE(grid->lowInformationCount(), 1);
        QString text = gallery.scoreboard()->valuesText();
        QVERIFY2(text.contains("Match any: 2/2 filters (100%)"), qPrintable(text));
        QVERIFY2(text.contains("1 of these match only low-information motifs"), qPrintable(text));

        // The toggle: Pax4 no longer counts.
        QAbstractButton* toggle = nullptr;
        for (QAbstractButton* b : gallery.findChildren<QAbstractButton*>())
            if (b->text() == "Without low-info") toggle = b;
        QVERIFY(toggle);
        QVERIFY(toggle->toolTip().contains("MA0068.1"));
        toggle->click();
        QVERIFY(gallery.leavesOutLowInformation());
        QVERIFY2(grid->cells()[1].caption.startsWith(QStringLiteral("\u2248 left out")), qPrintable(grid->cells()[1].caption));
        QVERIFY2(grid->headline().contains(QStringLiteral("1 match a database motif")), qPrintable(grid->headline()));
        text = gallery.scoreboard()->valuesText();
        QVERIFY2(text.contains("Match any: 1/2 filters (50%)"), qPrintable(text));
        QVERIFY2(text.contains("Match ground truth: 1/2 filters (50%)"), qPrintable(text));
        QVERIFY2(text.contains("left out"), qPrintable(text));
        // And back.
        gallery.setLeaveOutLowInformation(false);
        QVERIFY(!toggle->isChecked());
        QVERIFY(gallery.scoreboard()->valuesText().contains("Match any: 2/2 filters (100%)"));
    }

    void withoutTruthShowsDash() {
        auto snap = snapshot();
        snap->truth.clear();
        snap->truthNames.clear();
        interpret::relabelTruth(snap->matches, snap->truth);
        snap->summary = interpret::summarise(snap->matches, 0);
        FilterGallery gallery;
        gallery.setSnapshot(snap);
        QVERIFY(!gallery.grid()->cells()[0].highlight);
        QVERIFY2(gallery.grid()->headline().contains("no ground truth"), qPrintable(gallery.grid()->headline()));
        const QString text = gallery.scoreboard()->valuesText();
        QVERIFY2(text.contains(QStringLiteral("Match ground truth: no ground truth (\u2014)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Coverage: no ground truth (\u2014)")), qPrintable(text));
    }
};

QTEST_MAIN(TestLowInformationGallery)
#include "test_low_information_gallery.moc"
