// Tests for the alignment view (ui/alignment_view): a filter against the real JASPAR CORE
// vertebrates file. A database motif used as the query finds itself at offset 0 on '+', its
// reverse complement on '-', a slice of it at the slice's offset (also on '-'); presets and the
// distance combo set the Tomtom options; empty filters show a message; the figure exports to
// PNG/SVG/PDF. Set MOTIFLOOM_ALIGNMENT_SAMPLE_DIR to keep a screenshot and the figures.
#include "filters/alignment_view.h"
#include "lab/data_loader.h"

#include "motif/motif_math.h"
#include "util/input_error.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace motifloom;
using namespace motifloom::ui;

namespace {

std::shared_ptr<const motif::MotifList> jaspar() { return lab::motifDatabase(MOTIFLOOM_JASPAR_FILE); }

const motif::Motif& byId(const std::string& id) {
    const auto& db = *jaspar();
    const auto it = std::find_if(db.begin(), db.end(), [&](const motif::Motif& m) { return m.id == id; });
    if (it == db.end()) qFatal("motif %s is not in the JASPAR file", id.c_str());
    return *it;
}

// A filter-like PWM: the motif's columns blurred towards uniform (a partly learned filter),
// with `pad` nearly uninformative columns on each side and many sites.
motif::Motif filterLike(const motif::Motif& m, double blur, int pad) {
    motif::Motif f;
    f.id = f.name = "filter1";
    f.nsites = 800;
    f.probs = motif::Matrix4::Constant(4, m.width() + 2 * pad, 0.25);
    f.probs.middleCols(pad, m.width()) = (1 - blur) * m.probs + blur * motif::Matrix4::Constant(4, m.width(), 0.25);
    for (int c = 0; c < pad; ++c) {  // a faint bias so the flanks are not perfectly flat
        f.probs.col(c) << 0.28, 0.24, 0.24, 0.24;
        f.probs.col(f.width() - 1 - c) << 0.24, 0.24, 0.28, 0.24;
    }
    return f;
}

const interpret::MotifHit* findTarget(const AlignmentView& view, const std::string& id) {
    for (const auto& h : view.shownMatches())
        if (h.tomtom.targetId == id) return &h;
    return nullptr;
}

QString sampleDir() { return qEnvironmentVariable("MOTIFLOOM_ALIGNMENT_SAMPLE_DIR"); }

}  // namespace

class TestAlignmentView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void compactNumbers_data();
    void compactNumbers();
    void selfMatch_data();
    void selfMatch();
    void reverseComplementMatch();
    void subMotifOffset_data();
    void subMotifOffset();
    void captionsAndBadges();
    void presets();
    void distanceComboSelectsCustom();
    void emptyFilter_data();
    void emptyFilter();
    void noDatabase();
    void exportFigure_data();
    void exportFigure();
    void exportRejectsBadExtension();
    void dialogShowsFilters();
    void screenshot();
};

void TestAlignmentView::initTestCase() {
    QVERIFY2(QFile::exists(MOTIFLOOM_JASPAR_FILE), MOTIFLOOM_JASPAR_FILE);
    QVERIFY(jaspar()->size() > 100);
}

void TestAlignmentView::compactNumbers_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("tiny") << 1.2345e-9 << "1.2e-9";
    QTest::newRow("small") << 0.0342 << "0.034";
    QTest::newRow("one") << 1.0 << "1";
    QTest::newRow("ten") << 10.0 << "10";
    QTest::newRow("large") << 312.0 << "3.1e2";
    QTest::newRow("e-100") << 2.5e-100 << "2.5e-100";
}

void TestAlignmentView::compactNumbers() {
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(compactNumber(value), text);
}

void TestAlignmentView::selfMatch_data() {
    QTest::addColumn<QString>("id");
    QTest::newRow("MA0139.1 CTCF") << "MA0139.1";
    QTest::newRow("MA0079.3 SP1") << "MA0079.3";
}

void TestAlignmentView::selfMatch() {
    QFETCH(QString, id);
    const motif::Motif& m = byId(id.toStdString());
    AlignmentView view;
    view.setDatabase(jaspar(), {}, {}, QStringLiteral("JASPAR"));
    view.setFilter(m, QStringLiteral("query"));
    QVERIFY(view.message().isEmpty());
    const auto& shown = view.shownMatches();
    QCOMPARE(int(shown.size()), AlignmentView::kShownMatches);
    const compare::TomtomHit& top = shown.front().tomtom;
    QCOMPARE(QString::fromStdString(top.targetId), id);
    QCOMPARE(top.offset, 0);
    QCOMPARE(top.overlap, m.width());
    QCOMPARE(top.orientation, '+');
    QCOMPARE(top.queryConsensus, top.targetConsensus);
    QVERIFY2(top.eValue < 1e-3, qPrintable(QString::number(top.eValue)));
    QVERIFY(view.isHit(shown.front()));
    for (std::size_t i = 1; i < shown.size(); ++i) QVERIFY(shown[i - 1].tomtom.pValue <= shown[i].tomtom.pValue);
    // E = p x number of database motifs
    QVERIFY(std::abs(top.eValue - top.pValue * double(jaspar()->size())) <= 1e-9 * top.eValue + 1e-300);
    qInfo("%s: Tomtom %.2f ms (+ %.2f ms preparing the database)", qPrintable(id), view.lastSearchMilliseconds(),
          view.lastPrepareMilliseconds());
    QVERIFY(view.lastSearchMilliseconds() > 0);
    QVERIFY2(view.lastSearchMilliseconds() < 500, "one query against the database should take milliseconds");
}

void TestAlignmentView::reverseComplementMatch() {
    const motif::Motif& ctcf = byId("MA0139.1");
    AlignmentView view;
    view.setDatabase(jaspar(), {}, {});
    view.setFilter(motif::reverseComplement(ctcf), QStringLiteral("rc"));
    const compare::TomtomHit& top = view.shownMatches().front().tomtom;
    QCOMPARE(top.targetId, std::string("MA0139.1"));
    QCOMPARE(top.orientation, '-');
    QCOMPARE(top.offset, 0);
    QCOMPARE(top.overlap, ctcf.width());
    QCOMPARE(top.targetConsensus, motif::consensus(motif::reverseComplement(ctcf)));
    QVERIFY(view.captions().front().endsWith(QStringLiteral("\u2212 strand")));
}

void TestAlignmentView::subMotifOffset_data() {
    QTest::addColumn<int>("begin");
    QTest::addColumn<int>("end");
    QTest::addColumn<bool>("reverse");
    QTest::addColumn<int>("offset");
    // CTCF is 19 columns. Forward slice [b, e): query column 0 = target column b.
    QTest::newRow("forward 4..15") << 4 << 15 << false << 4;
    QTest::newRow("forward 0..12") << 0 << 12 << false << 0;
    QTest::newRow("forward 8..19") << 8 << 19 << false << 8;
    // Reverse-complemented slice: it matches the target's reverse complement, where forward
    // columns [b, e) sit at [19 - e, 19 - b).
    QTest::newRow("reverse 2..12") << 2 << 12 << true << 7;
    QTest::newRow("reverse 8..19") << 8 << 19 << true << 0;
}

void TestAlignmentView::subMotifOffset() {
    QFETCH(int, begin);
    QFETCH(int, end);
    QFETCH(bool, reverse);
    QFETCH(int, offset);
    const motif::Motif& ctcf = byId("MA0139.1");
    motif::Motif q = motif::sliceColumns(ctcf, begin, end);
    if (reverse) q = motif::reverseComplement(q);
    AlignmentView view;
    view.setDatabase(jaspar(), {}, {});
    view.setFilter(q, QStringLiteral("slice"));
    const interpret::MotifHit* hit = findTarget(view, "MA0139.1");
    QVERIFY2(hit, "CTCF is among the top matches of its own slice");
    QCOMPARE(hit->tomtom.orientation, reverse ? '-' : '+');
    QCOMPARE(hit->tomtom.offset, offset);
    QCOMPARE(hit->tomtom.overlap, end - begin);
}

void TestAlignmentView::captionsAndBadges() {
    AlignmentView view;
    view.setDatabase(jaspar(), {"MA0139.1", "MA0079"}, {"CTCF", "SP1"});
    // An SP1-like filter: SP1 first, a true motif ("MA0079" names SP1 whatever the version).
    view.setFilter(filterLike(byId("MA0079.3"), 0.3, 3), QStringLiteral("filter 1"));
    QCOMPARE(view.shownMatches().front().tomtom.targetId, std::string("MA0079.3"));
    QCOMPARE(view.shownMatches().front().truth, 1);

    // A CTCF-like filter: CTCF first; CTCF has few relatives, so the rest of the top 5 are not hits.
    view.setFilter(filterLike(byId("MA0139.1"), 0.3, 3), QStringLiteral("filter 2"));
    const auto& shown = view.shownMatches();
    QCOMPARE(int(shown.size()), 5);
    QCOMPARE(shown.front().tomtom.targetId, std::string("MA0139.1"));
    QCOMPARE(shown.front().truth, 0);
    static const QRegularExpression caption(QStringLiteral(
        "^MA\\d{4}\\.\\d \\S.* \u00b7 p [0-9.e+-]+ \u00b7 E [0-9.e+-]+ \u00b7 q [0-9.e+-]+ \u00b7 overlap \\d+ "
        "\u00b7 offset -?\\d+ \u00b7 [+\u2212] strand$"));
    const QStringList captions = view.captions();
    QCOMPARE(captions.size(), 5);
    for (const QString& c : captions) QVERIFY2(caption.match(c).hasMatch(), qPrintable(c));
    QVERIFY(captions.front().startsWith(QStringLiteral("MA0139.1 CTCF \u00b7 p ")));

    int truths = 0, nonHits = 0;
    for (const auto& h : shown) {
        truths += h.truth >= 0;
        nonHits += !view.isHit(h);
        QCOMPARE(view.isHit(h), h.tomtom.eValue < 0.1);
    }
    QVERIFY2(nonHits > 0, "a CTCF-like filter should show non-hits among its top 5 at E < 0.1");
    QCOMPARE(truths, 1);
    QCOMPARE(int(view.findChildren<QLabel*>(QStringLiteral("trueMotifBadge")).size()), truths);
    QCOMPARE(int(view.findChildren<QLabel*>(QStringLiteral("notHitBadge")).size()), nonHits);
    // Web / TF-MoDISco counts everything with E < 10 as a hit: fewer greyed alignments.
    view.setPreset(AlignmentPreset::WebTfModisco);
    int webNonHits = 0;
    for (const auto& h : view.shownMatches()) webNonHits += !view.isHit(h);
    QVERIFY(webNonHits < nonHits);
    QCOMPARE(view.shownMatches().front().tomtom.targetId, std::string("MA0139.1"));
}

void TestAlignmentView::presets() {
    AlignmentView view;
    view.setDatabase(jaspar(), {}, {});
    view.setFilter(byId("MA0139.1"), QStringLiteral("q"));
    auto* presetCombo = view.findChild<QComboBox*>(QStringLiteral("presetCombo"));
    auto* distanceCombo = view.findChild<QComboBox*>(QStringLiteral("distanceCombo"));
    auto* threshold = view.findChild<QLabel*>(QStringLiteral("thresholdLabel"));
    QVERIFY(presetCombo && distanceCombo && threshold);

    // Koo & Eddy 2019 by default
    QCOMPARE(view.preset(), AlignmentPreset::KooEddy2019);
    QCOMPARE(presetCombo->currentText(), QStringLiteral("Koo & Eddy 2019"));
    QCOMPARE(view.options().distance, compare::Distance::Ed);
    QVERIFY(view.options().completeScoring);
    QCOMPARE(view.options().minOverlap, 1);
    QCOMPARE(view.evalueThreshold(), 0.1);
    QVERIFY(view.options().thresholdIsEvalue);
    QCOMPARE(view.options().threshold, 0.1);
    QVERIFY(view.smallSampleCorrection());
    QCOMPARE(distanceCombo->currentText(), QStringLiteral("ed"));
    QCOMPARE(threshold->text(), QStringLiteral("hits: E < 0.1"));
    const double koeP = view.shownMatches().at(1).tomtom.pValue;

    // Web / TF-MoDISco through the combo, as a user picks it
    QSignalSpy spy(&view, &AlignmentView::optionsChanged);
    presetCombo->setCurrentIndex(1);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(view.preset(), AlignmentPreset::WebTfModisco);
    QCOMPARE(view.options().distance, compare::Distance::Pearson);
    QCOMPARE(view.options().minOverlap, 5);
    QCOMPARE(view.evalueThreshold(), 10.0);
    QCOMPARE(view.options().threshold, 10.0);
    QVERIFY(!view.smallSampleCorrection());
    QCOMPARE(distanceCombo->currentText(), QStringLiteral("pearson"));
    QCOMPARE(threshold->text(), QStringLiteral("hits: E < 10"));
    QCOMPARE(view.shownMatches().front().tomtom.targetId, std::string("MA0139.1"));
    QVERIFY2(view.shownMatches().at(1).tomtom.pValue != koeP, "the matches were recomputed with the new distance");

    // back to Koo & Eddy: everything restored
    view.setPreset(AlignmentPreset::KooEddy2019);
    QCOMPARE(view.options().distance, compare::Distance::Ed);
    QCOMPARE(view.options().minOverlap, 1);
    QCOMPARE(view.evalueThreshold(), 0.1);
    QCOMPARE(view.shownMatches().at(1).tomtom.pValue, koeP);
    QCOMPARE(alignmentPresetName(AlignmentPreset::WebTfModisco), QStringLiteral("Web / TF-MoDISco"));
}

void TestAlignmentView::distanceComboSelectsCustom() {
    AlignmentView view;
    view.setDatabase(jaspar(), {}, {});
    view.setFilter(byId("MA0079.3"), QStringLiteral("q"));
    view.setPreset(AlignmentPreset::WebTfModisco);
    auto* presetCombo = view.findChild<QComboBox*>(QStringLiteral("presetCombo"));
    auto* distanceCombo = view.findChild<QComboBox*>(QStringLiteral("distanceCombo"));
    QStringList names;
    for (int i = 0; i < distanceCombo->count(); ++i) names << distanceCombo->itemText(i);
    QCOMPARE(names, (QStringList{"ed", "pearson", "sandelin", "kullback", "allr"}));

    distanceCombo->setCurrentIndex(names.indexOf("sandelin"));
    QCOMPARE(view.preset(), AlignmentPreset::Custom);
    QCOMPARE(presetCombo->currentText(), QStringLiteral("Custom"));
    QCOMPARE(view.options().distance, compare::Distance::Sandelin);
    QCOMPARE(view.options().minOverlap, 5);    // Custom keeps the rest of the preset
    QCOMPARE(view.evalueThreshold(), 10.0);
    QCOMPARE(view.shownMatches().front().tomtom.targetId, std::string("MA0079.3"));

    view.setDistance(compare::Distance::Allr);
    QCOMPARE(distanceCombo->currentText(), QStringLiteral("allr"));
    QCOMPARE(view.shownMatches().front().tomtom.targetId, std::string("MA0079.3"));
    view.setDistance(compare::Distance::Kullback);
    QCOMPARE(view.shownMatches().front().tomtom.targetId, std::string("MA0079.3"));

    // picking a preset again overrides the custom distance
    presetCombo->setCurrentIndex(0);
    QCOMPARE(view.options().distance, compare::Distance::Ed);
    QCOMPARE(distanceCombo->currentText(), QStringLiteral("ed"));
}

void TestAlignmentView::emptyFilter_data() {
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("expected");
    QTest::newRow("generic") << QString() << "nothing to compare";
    QTest::newRow("never fires") << "filter 3 never fires" << "filter 3 never fires";
}

void TestAlignmentView::emptyFilter() {
    QFETCH(QString, reason);
    QFETCH(QString, expected);
    AlignmentView view;
    view.setDatabase(jaspar(), {}, {});
    view.setFilter(byId("MA0139.1"), QStringLiteral("filter 3"));
    QCOMPARE(int(view.shownMatches().size()), 5);
    motif::Motif empty;
    empty.id = "filter3";
    view.setFilter(empty, QStringLiteral("filter 3"), reason);
    QVERIFY(view.shownMatches().empty());
    QVERIFY2(view.message().contains(expected), qPrintable(view.message()));
    auto* label = view.findChild<QLabel*>(QStringLiteral("messageLabel"));
    QVERIFY(label && !label->isHidden());
    QCOMPARE(label->text(), view.message());
    QVERIFY(view.findChildren<QLabel*>(QStringLiteral("trueMotifBadge")).isEmpty());
    QTemporaryDir dir;
    QVERIFY_THROWS_EXCEPTION(InputError, view.exportFigure(dir.filePath("x.png")));
    QVERIFY(!QFile::exists(dir.filePath("x.png")));
}

void TestAlignmentView::noDatabase() {
    AlignmentView view;
    view.setFilter(byId("MA0139.1"), QStringLiteral("filter 1"));
    QVERIFY(view.shownMatches().empty());
    QVERIFY(view.message().contains("database"));
    view.setDatabase(jaspar(), {}, {});
    QVERIFY(view.message().isEmpty());
    QCOMPARE(view.shownMatches().front().tomtom.targetId, std::string("MA0139.1"));
}

void TestAlignmentView::exportFigure_data() {
    QTest::addColumn<QString>("extension");
    QTest::newRow("png") << "png";
    QTest::newRow("svg") << "svg";
    QTest::newRow("pdf") << "pdf";
}

void TestAlignmentView::exportFigure() {
    QFETCH(QString, extension);
    AlignmentView view;
    view.setDatabase(jaspar(), {"MA0139.1"}, {"CTCF"}, QStringLiteral("JASPAR CORE vertebrates"));
    view.setFilter(filterLike(byId("MA0139.1"), 0.25, 3), QStringLiteral("filter 7"));
    QTemporaryDir tmp;
    const QString dir = sampleDir().isEmpty() ? tmp.path() : sampleDir();
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/alignment.") + extension;
    QFile::remove(path);
    view.exportFigure(path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 1000);
    const QSizeF size = view.figureSize();
    // five pairs of logos, each well over 150 units tall; wide enough for 25+ columns
    QVERIFY2(size.height() > 5 * 150 && size.height() < 5 * 400, qPrintable(QString::number(size.height())));
    QVERIFY2(size.width() > 400 && size.width() < 1400, qPrintable(QString::number(size.width())));
    if (extension == "png") {
        const QImage image = QImage::fromData(bytes);
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), 2 * int(std::ceil(size.width())));
        QCOMPARE(image.height(), 2 * int(std::ceil(size.height())));
        long dark = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2) dark += qGray(image.pixel(x, y)) < 128;
        QVERIFY2(dark > 2000, "the figure has letters and text");
    } else if (extension == "svg") {
        QVERIFY(bytes.contains("<svg"));
        QVERIFY(bytes.contains("MA0139.1"));
    } else {
        QVERIFY(bytes.startsWith("%PDF"));
    }
}

void TestAlignmentView::exportRejectsBadExtension() {
    AlignmentView view;
    view.setDatabase(jaspar(), {}, {});
    view.setFilter(byId("MA0139.1"), QStringLiteral("filter 1"));
    QTemporaryDir dir;
    try {
        view.exportFigure(dir.filePath("figure.bmp"));
        QFAIL("no exception");
    } catch (const InputError& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains("figure.bmp"), e.what());
    }
}

void TestAlignmentView::dialogShowsFilters() {
    interpret::FilterPwmSet set;
    interpret::FilterPwm firing;
    firing.motif = filterLike(byId("MA0139.1"), 0.2, 5);  // clipping removes most of the flanks
    firing.sites = 800;
    firing.maxActivation = 3;
    interpret::FilterPwm silent;  // never fires: width 0
    silent.motif.id = "filter2";
    interpret::FilterPwm flat;    // fires but uninformative
    flat.motif.id = "filter3";
    flat.motif.probs = motif::Matrix4::Constant(4, 19, 0.25);
    flat.motif.nsites = flat.sites = 100;
    flat.maxActivation = 0.5;
    set.filters = {firing, silent, flat};

    AlignmentDialog dialog;
    dialog.view()->setPreset(AlignmentPreset::WebTfModisco);
    dialog.showFilter(jaspar(), QStringLiteral("JASPAR"), set, 0, {"MA0139.1"}, {"CTCF"}, QStringLiteral("CNN-25 · seed 1"));
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.isModal());
    QVERIFY(dialog.windowTitle().contains("filter 1"));
    QVERIFY(dialog.windowTitle().contains("CNN-25"));
    const auto& top = dialog.view()->shownMatches().front();
    QCOMPARE(top.tomtom.targetId, std::string("MA0139.1"));
    QCOMPARE(top.truth, 0);
    // The dialog compares the clipped PWM (comparisonMotifs), not the 29 columns of the filter:
    // clipped column j is filter column start + j, i.e. CTCF column start + j - 5.
    const motif::Motif clipped = interpret::comparisonMotifs(set)[0];
    QVERIFY(clipped.width() > 0 && clipped.width() < firing.motif.width());
    int start = -1;
    for (int s = 0; s + clipped.width() <= firing.motif.width() && start < 0; ++s)
        if (motif::sliceColumns(firing.motif, s, s + clipped.width()).probs == clipped.probs) start = s;
    QVERIFY(start >= 0);
    QCOMPARE(int(top.tomtom.queryConsensus.size()), clipped.width());
    QCOMPARE(top.tomtom.orientation, '+');
    QCOMPARE(top.tomtom.offset, start - 5);

    dialog.showFilter(jaspar(), QStringLiteral("JASPAR"), set, 1, {"MA0139.1"}, {"CTCF"});
    QVERIFY(dialog.view()->message().contains("never fires"));
    QCOMPARE(dialog.view()->preset(), AlignmentPreset::WebTfModisco);  // the dialog is reused
    dialog.showFilter(jaspar(), QStringLiteral("JASPAR"), set, 2, {"MA0139.1"}, {"CTCF"});
    QVERIFY(dialog.view()->message().contains("uninformative"));
    QVERIFY(dialog.view()->shownMatches().empty());
}

void TestAlignmentView::screenshot() {
    // The view as a user sees it; kept only with MOTIFLOOM_ALIGNMENT_SAMPLE_DIR.
    AlignmentDialog dialog;
    interpret::FilterPwmSet set;
    interpret::FilterPwm f;
    f.motif = filterLike(byId("MA0139.1"), 0.3, 4);
    f.sites = 800;
    f.maxActivation = 2;
    set.filters = {f};
    dialog.showFilter(jaspar(), QString::fromStdString(lab::motifDatabaseLabel({})), set, 0, {"MA0139.1"}, {"CTCF"},
                      QStringLiteral("CNN-25 · seed 1"));
    dialog.resize(900, 1000);
    QCoreApplication::processEvents();  // let the layouts settle at the new size, as on screen
    const QImage shot = dialog.grab().toImage();
    QVERIFY(!shot.isNull());
    QCOMPARE(shot.width(), int(900 * dialog.devicePixelRatioF()));
    if (!sampleDir().isEmpty()) {
        QDir().mkpath(sampleDir());
        QVERIFY(shot.save(sampleDir() + "/alignment_view.png"));
    }
    // The reverse strand with the Web / TF-MoDISco preset.
    set.filters[0].motif = motif::reverseComplement(f.motif);
    dialog.view()->setPreset(AlignmentPreset::WebTfModisco);
    dialog.showFilter(jaspar(), QString::fromStdString(lab::motifDatabaseLabel({})), set, 0, {"MA0139.1"}, {"CTCF"});
    QCOMPARE(dialog.view()->shownMatches().front().tomtom.orientation, '-');
    QCoreApplication::processEvents();
    const QImage web = dialog.grab().toImage();
    if (!sampleDir().isEmpty()) QVERIFY(web.save(sampleDir() + "/alignment_view_web.png"));
}

QTEST_MAIN(TestAlignmentView)
#include "test_alignment_view.moc"
