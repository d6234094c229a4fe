// Tests for the filter gallery (ui/filter_gallery.h), its match scoreboard
// (ui/match_scoreboard.h), the grid's display options (ui/run_filter_grid.h) and the run's
// match history (core/lab/run_record.h, ui/training/training_controller.cpp).
//
// Fixture: a small network whose first-layer filters are set by hand to the log-odds of JASPAR
// motifs (SP1, MAX, YY1: the "true" motifs; Gata1 planted but not true), one that never fires,
// half a motif, and a few left at their random initial weights; sequences with sampled sites
// of those motifs. Its activation PWMs are matched against the bundled JASPAR file, so the
// snapshot is what the trainer would deliver, with every kind of filter in it.
// Set MOTIFLOOM_GALLERY_PNG=/path.png to save a screenshot of the gallery for review.
#include "filters/filter_gallery.h"
#include "filters/match_scoreboard.h"
#include "filters/run_filter_grid.h"
#include "lab/run_record.h"
#include "training/training_controller.h"
#include "training/training_types.h"

#include "interpret/filter_matches.h"
#include "interpret/filter_pwm.h"
#include "motif/motif_io.h"
#include "motif/motif_lookup.h"
#include "util/input_error.h"
#include "util/rng.h"

#include <qcustomplot.h>

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

using namespace motifloom;
using namespace motifloom::ui;

namespace {

constexpr std::uint64_t kSeed = 424242;
constexpr int kLength = 100;
constexpr int kWidth = 15;  // filter width
constexpr int kFilters = 12;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const motif::MotifList& jaspar() {
    static const motif::MotifList list = motif::readJaspar(MOTIFLOOM_JASPAR_FILE);
    return list;
}

const motif::Motif& jasparMotif(const std::string& id) {
    const motif::Motif* m = motif::findMotif(jaspar(), id);
    if (!m) qFatal("%s is not in the JASPAR file", id.c_str());
    return *m;
}

arch::Architecture galleryArch() {
    arch::Architecture a;
    a.name = "gallery";
    a.inputLength = kLength;
    a.numClasses = 1;
    a.layers = {arch::LayerSpec::conv(kFilters, kWidth), arch::LayerSpec::batchNorm(1e-8),
                arch::LayerSpec::act(arch::ActivationType::ReLU), arch::LayerSpec::maxPool(kLength),
                arch::LayerSpec::flatten(), arch::LayerSpec::dense(1, true)};
    return a;
}

// First-layer weights, Keras layout [tap][channel][filter].
std::span<float> convWeights(nn::Network& net) {
    for (const nn::ParamView& p : net.parameters())
        if (p.name.rfind("layer 1 (", 0) == 0 && p.name.ends_with("weight")) return p.value;
    qFatal("no first-layer weight");
}

// Filter f = log-odds (natural log, vs uniform) of `m`'s columns [from, to), centred on the
// filter; the other taps 0. With `dead`, every weight -1: the filter never fires.
void setFilter(nn::Network& net, int f, const motif::Motif* m, int from = 0, int to = -1, bool dead = false) {
    std::span<float> w = convWeights(net);
    for (int k = 0; k < kWidth; ++k)
        for (int b = 0; b < 4; ++b) w[(std::size_t(k) * 4 + std::size_t(b)) * kFilters + std::size_t(f)] = dead ? -1.0f : 0.0f;
    if (!m) return;
    if (to < 0) to = m->width();
    const int start = (kWidth - (to - from)) / 2;
    for (int c = from; c < to; ++c)
        for (int b = 0; b < 4; ++b)
            w[(std::size_t(start + c - from) * 4 + std::size_t(b)) * kFilters + std::size_t(f)] =
                float(std::log((m->probs(b, c) + 0.02) / 0.27));
}

// Random sequences; most hold one site sampled from one of `motifs` (forward strand).
seqio::SequenceSet plantedData(const std::vector<const motif::Motif*>& motifs, int n, Rng& rng) {
    static const std::uint8_t codes[4] = {1, 2, 4, 8};  // A C G T
    seqio::SequenceSet set;
    set.length = kLength;
    set.classNames = {"planted"};
    for (int i = 0; i < n; ++i) {
        std::vector<std::uint8_t> s(kLength);
        for (auto& c : s) c = codes[rng.below(4)];
        const int which = i % int(motifs.size() + 1);
        if (which < int(motifs.size())) {
            const motif::Motif& m = *motifs[std::size_t(which)];
            const int at = int(rng.below(std::uint64_t(kLength - m.width() + 1)));
            for (int c = 0; c < m.width(); ++c) {
                double u = rng.uniform(), acc = 0;
                int b = 0;
                for (; b < 3; ++b) {
                    acc += m.probs(b, c);
                    if (u < acc) break;
                }
                s[std::size_t(at + c)] = codes[b];
            }
        }
        set.ids.push_back("seq" + std::to_string(i + 1));
        set.codes.insert(set.codes.end(), s.begin(), s.end());
        set.labels.push_back(which < int(motifs.size()) ? 1.0f : 0.0f);
    }
    return set;
}

// The snapshot the trainer would deliver after epoch 3 for the hand-made network.
std::shared_ptr<FilterSnapshot> makeSnapshot(bool withNetwork = true) {
    static std::shared_ptr<FilterSnapshot> cached;
    if (!cached) {
        const motif::Motif& sp1 = jasparMotif("MA0079.3");
        const motif::Motif& max = jasparMotif("MA0058.2");
        const motif::Motif& yy1 = jasparMotif("MA0095.2");
        const motif::Motif& gata = jasparMotif("MA0035.3");
        auto net = std::make_shared<nn::Network>(galleryArch(), kSeed);
        setFilter(*net, 0, &sp1);
        setFilter(*net, 1, &max);
        setFilter(*net, 2, &yy1);
        setFilter(*net, 3, nullptr, 0, -1, true);  // never fires
        setFilter(*net, 4, &gata);
        setFilter(*net, 5, &max, 0, 5);            // half of MAX
        setFilter(*net, 6, &sp1);
        // filters 7.. keep their random initial weights
        Rng rng(kSeed);
        const seqio::SequenceSet data = plantedData({&sp1, &max, &yy1, &gata}, 500, rng);
        auto s = std::make_shared<FilterSnapshot>();
        s->epoch = 3;
        s->dataPart = "validation";
        s->network = net;
        s->pwms = interpret::activationPwms(*net, data, 1);
        s->truth = {"MA0079.3", "MA0058.2", "MA0095.2"};
        s->truthNames = {"SP1", "MAX", "YY1"};
        const interpret::FilterMatcher matcher(jaspar());
        s->matches = matcher.match(s->pwms, interpret::ClipOptions{}, s->truth);
        s->summary = interpret::summarise(s->matches, int(s->truth.size()));
        s->matched = true;
        cached = s;
    }
    if (withNetwork) return cached;
    auto copy = std::make_shared<FilterSnapshot>(*cached);
    copy->network.reset();
    return copy;
}

std::vector<int> widths(const RunFilterGrid& grid) {
    std::vector<int> out;
    for (const LogoCell& c : grid.cells()) out.push_back(c.neverFires ? 0 : c.motif.width());
    return out;
}

QStringList captions(const RunFilterGrid& grid) {
    QStringList out;
    for (const LogoCell& c : grid.cells()) out << c.caption + (c.highlight ? QStringLiteral(" [true]") : QString());
    return out;
}

QToolButton* button(const FilterGallery& g, const QString& text) {
    for (QToolButton* b : g.findChildren<QToolButton*>())
        if (b->text() == text) return b;
    qFatal("no button %s", qPrintable(text));
}

interpret::MatchSummary summary(int filters, int withHit, int withTruth, int truthCount, int covered) {
    interpret::MatchSummary s;
    s.filters = filters;
    s.filtersWithHit = withHit;
    s.filtersWithTruth = withTruth;
    s.truthCount = truthCount;
    s.truthCovered = covered;
    s.matchAny = double(withHit) / filters;
    s.matchGroundTruth = truthCount > 0 ? double(withTruth) / filters : kNaN;
    s.coverage = truthCount > 0 ? double(covered) / truthCount : kNaN;
    return s;
}

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestFilterGallery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fixtureHasEveryKindOfFilter();
    void togglesChangeWhatIsDrawn();
    void rawWeightsNeedANetwork();
    void clickEmitsFilterIndex();
    void scoreboardValues();
    void scoreboardCoalescesReplots();
    void scoreboardWithoutTruth();
    void galleryFeedsScoreboard();
    void keptRun();
    void exportLogos_data();
    void exportLogos();
    void exportLogosFails();
    void exportMeme_data();
    void exportMeme();
    void matchHistoryJsonRoundTrip();
    void controllerKeepsMatchHistory();
    void renderForReview();
};

void TestFilterGallery::initTestCase() {
    qInfo("seed %llu", static_cast<unsigned long long>(kSeed));
    QVERIFY(makeSnapshot());
}

void TestFilterGallery::fixtureHasEveryKindOfFilter() {
    const auto s = makeSnapshot();
    QCOMPARE(int(s->pwms.filters.size()), kFilters);
    QVERIFY(!s->pwms.filters[3].fires());
    // SP1, MAX, YY1 filters find their own motif (true), Gata1 a non-true hit.
    for (int f : {0, 1, 2, 6}) QVERIFY2(s->matches[std::size_t(f)].matchesTruth(), qPrintable(QString::number(f)));
    QVERIFY(s->matches[4].anyHit());
    QVERIFY(!s->matches[4].matchesTruth());
    QCOMPARE(s->summary.truthCovered, 3);
    QCOMPARE(s->matches[3].status, interpret::FilterStatus::NeverFires);
}

void TestFilterGallery::togglesChangeWhatIsDrawn() {
    FilterGallery gallery;
    gallery.resize(1200, 800);
    gallery.show();
    QVERIFY(QTest::qWaitForWindowExposed(&gallery));
    const auto s = makeSnapshot();
    gallery.setSnapshot(s);
    RunFilterGrid& grid = *gallery.grid();
    QCOMPARE(grid.filterCount(), kFilters);
    const QStringList captionsFull = captions(grid);
    QVERIFY(captionsFull[0].endsWith("[true]"));
    QVERIFY(captionsFull[0].contains("E="));

    // Full activation PWMs: the receptive field (= filter width) for firing filters.
    QVERIFY(!gallery.clipped() && !gallery.rawWeights());
    std::vector<int> full = widths(grid);
    for (int f = 0; f < kFilters; ++f) QCOMPARE(full[std::size_t(f)], f == 3 ? 0 : kWidth);
    QVERIFY(!grid.showsDisplayMotifs());

    // Clipped: exactly what Tomtom compared; narrower for the motif filters; captions kept.
    button(gallery, "Clipped")->click();
    QVERIFY(gallery.clipped());
    const motif::MotifList clipped = interpret::comparisonMotifs(s->pwms);
    std::vector<int> expected;
    for (const auto& m : clipped) expected.push_back(m.width());
    QCOMPARE(widths(grid), expected);
    QVERIFY(widths(grid) != full);
    QVERIFY(widths(grid)[5] < kWidth);  // half of MAX: flanks clipped
    QCOMPARE(captions(grid).mid(0, 3), captionsFull.mid(0, 3));
    QCOMPARE(captions(grid)[3], QString("never fires"));  // the placeholder says "not compared"
    QCOMPARE(grid.logoStyle().emptyLabel, QString("not compared"));
    QVERIFY(grid.toolTipOf(0).contains("clipped PWM that Tomtom compared"));

    // Raw weights: filter width everywhere, the dead filter drawn too; clipping disabled.
    button(gallery, "Raw weights")->click();
    QVERIFY(gallery.rawWeightsShown());
    QCOMPARE(widths(grid), std::vector<int>(kFilters, kWidth));
    QVERIFY(!button(gallery, "Clipped")->isEnabled());
    QCOMPARE(captions(grid).mid(0, 3), captionsFull.mid(0, 3));
    const motif::MotifList raw = interpret::rawWeightPwms(*s->network);
    QVERIFY(grid.cells()[1].motif.probs.isApprox(raw[1].probs));
    QVERIFY(grid.toolTipOf(1).contains("raw first-layer weights"));

    // Back to activation: clipped again (the toggle was remembered).
    button(gallery, "Activation")->click();
    QCOMPARE(widths(grid), expected);
    button(gallery, "Full")->click();
    QCOMPARE(widths(grid), full);

    // Bits vs probability: the kind reaches the grid and the picture changes.
    QCOMPARE(grid.logoKind(), LogoKind::Bits);
    const QImage bits = grid.grab().toImage();
    button(gallery, "Probability")->click();
    QCOMPARE(gallery.logoKind(), LogoKind::Probability);
    QCOMPARE(grid.logoKind(), LogoKind::Probability);
    QCOMPARE(grid.logoStyle().kind, LogoKind::Probability);
    const QImage probability = grid.grab().toImage();
    QCOMPARE(bits.size(), probability.size());
    QVERIFY(bits != probability);
    QVERIFY(gallery.modeDescription().startsWith("probability"));

    // A new snapshot keeps the modes.
    gallery.setClipped(true);
    gallery.setSnapshot(s);
    QCOMPARE(widths(grid), expected);
    QCOMPARE(grid.logoKind(), LogoKind::Probability);
}

void TestFilterGallery::rawWeightsNeedANetwork() {
    FilterGallery gallery;
    gallery.setSnapshot(makeSnapshot(false));
    QVERIFY(!gallery.rawWeightsAvailable());
    gallery.setRawWeights(true);
    QVERIFY(gallery.rawWeights());
    QVERIFY(!gallery.rawWeightsShown());
    QVERIFY(!button(gallery, "Raw weights")->isEnabled());
    QVERIFY(button(gallery, "Raw weights")->toolTip().contains("No weights were kept"));
    QCOMPARE(widths(*gallery.grid())[0], kWidth);
    // With a network again, the remembered request takes effect.
    gallery.setSnapshot(makeSnapshot(true));
    QVERIFY(gallery.rawWeightsShown());
    QCOMPARE(widths(*gallery.grid())[3], kWidth);
}

void TestFilterGallery::clickEmitsFilterIndex() {
    FilterGallery gallery;
    gallery.resize(1000, 700);
    gallery.show();
    QVERIFY(QTest::qWaitForWindowExposed(&gallery));
    gallery.setSnapshot(makeSnapshot());
    QSignalSpy clicked(&gallery, &FilterGallery::filterClicked);
    RunFilterGrid* grid = gallery.grid();
    QVERIFY(grid->columnCount() >= 2);
    for (int index : {4, 1}) {
        const QRectF cell = grid->cellRect(index);
        QVERIFY(!cell.isEmpty());
        QTest::mouseClick(grid, Qt::LeftButton, {}, cell.center().toPoint());
    }
    QCOMPARE(clicked.count(), 2);
    QCOMPARE(clicked.at(0).at(0).toInt(), 4);
    QCOMPARE(clicked.at(1).at(0).toInt(), 1);
    // The headline is no cell.
    QTest::mouseClick(grid, Qt::LeftButton, {}, QPoint(5, 3));
    QCOMPARE(clicked.count(), 2);
}

void TestFilterGallery::scoreboardValues() {
    MatchScoreboard board;
    board.addPoint(1, summary(30, 20, 12, 12, 7));
    board.addPoint(2, summary(30, 24, 18, 12, 10));
    const QString text = board.valuesText();
    QVERIFY2(text.contains("After epoch 2"), qPrintable(text));
    QVERIFY2(text.contains("Match ground truth: 18/30 filters (60%)"), qPrintable(text));
    QVERIFY2(text.contains("Match any: 24/30 filters (80%)"), qPrintable(text));
    QVERIFY2(text.contains("Coverage: 10/12 true motifs (83%)"), qPrintable(text));
    QCOMPARE(int(board.history().size()), 2);
    QTRY_COMPARE(board.plot()->graph(1)->data()->size(), 2);  // match any
    QCOMPARE(board.plot()->graph(0)->data()->at(1)->value, 0.6);
    QCOMPARE(board.plot()->graph(2)->data()->at(1)->value, 10.0 / 12);

    // An epoch that is not after the last one starts over (a new run).
    board.addPoint(1, summary(30, 3, 1, 12, 1));
    QCOMPARE(int(board.history().size()), 1);
    QTRY_COMPARE(board.plot()->graph(1)->data()->size(), 1);

    board.showSummary(summary(30, 27, 21, 12, 11), "Final filters (test set)");
    QVERIFY(board.valuesText().startsWith("Final filters (test set)"));
    QVERIFY(board.valuesText().contains("21/30 filters (70%)"));
    QCOMPARE(int(board.history().size()), 1);  // the curves stay

    board.clear();
    QVERIFY(board.history().empty());
    QVERIFY(!board.valuesText().contains("filters ("));
}

void TestFilterGallery::scoreboardCoalescesReplots() {
    MatchScoreboard board;
    QTest::qWait(2 * MatchScoreboard::kReplotMs);
    const int before = board.replotCount();
    for (int e = 1; e <= 20; ++e) board.addPoint(e, summary(30, e, e / 2, 12, std::min(12, e)));
    QCOMPARE(board.replotCount(), before);  // nothing drawn synchronously
    QTRY_COMPARE(board.plot()->graph(1)->data()->size(), 20);
    QCOMPARE(board.replotCount(), before + 1);  // one replot for the 20 points
    QCOMPARE(board.plot()->xAxis->range().upper, 20.5);
}

void TestFilterGallery::scoreboardWithoutTruth() {
    MatchScoreboard board;
    board.addPoint(1, summary(10, 4, 0, 0, 0));
    const QString text = board.valuesText();
    QVERIFY2(text.contains("Match ground truth: no ground truth (\u2014)"), qPrintable(text));
    QVERIFY2(text.contains("Match any: 4/10 filters (40%)"), qPrintable(text));
    QTRY_COMPARE(board.plot()->graph(1)->data()->size(), 1);
    QCOMPARE(board.plot()->graph(0)->data()->size(), 0);  // NaN: not drawn
    QCOMPARE(board.plot()->graph(2)->data()->size(), 0);
}

void TestFilterGallery::galleryFeedsScoreboard() {
    FilterGallery gallery;
    auto s1 = std::make_shared<FilterSnapshot>(*makeSnapshot());
    s1->epoch = 1;
    auto s2 = std::make_shared<FilterSnapshot>(*makeSnapshot());
    s2->epoch = 2;
    gallery.setSnapshot(s1);
    gallery.setSnapshot(s2);
    QCOMPARE(int(gallery.scoreboard()->history().size()), 2);
    QVERIFY(gallery.scoreboard()->history()[1].sameAs(lab::matchPointOf(2, s2->summary)));
    // The final snapshot sets the values, not a point.
    auto fin = std::make_shared<FilterSnapshot>(*makeSnapshot());
    fin->final = true;
    fin->dataPart = "test";
    gallery.setSnapshot(fin);
    QCOMPARE(int(gallery.scoreboard()->history().size()), 2);
    QVERIFY(gallery.scoreboard()->valuesText().startsWith("Final filters (test set)"));
    // Unmatched: the note.
    auto plain = std::make_shared<FilterSnapshot>(*makeSnapshot());
    plain->matched = false;
    plain->matches.clear();
    plain->matchNote = "no motif comparison: the database could not be read";
    gallery.setSnapshot(plain);
    QCOMPARE(gallery.scoreboard()->valuesText(), QString::fromStdString(plain->matchNote));
    gallery.showMessage("The filters appear after the first epoch.");
    QVERIFY(!gallery.hasFilters());
    QCOMPARE(gallery.grid()->message(), QString("The filters appear after the first epoch."));
    QVERIFY(gallery.scoreboard()->history().empty());
}

void TestFilterGallery::keptRun() {
    const auto s = makeSnapshot();
    auto run = std::make_shared<lab::RunRecord>();
    run->id = 4;
    lab::RunFilters f;
    f.dataPart = "test";
    f.pwms = s->pwms;
    f.matched = true;
    f.matches = s->matches;
    f.summary = s->summary;
    f.truth = s->truth;
    f.truthNames = s->truthNames;
    run->filters = f;
    run->network = s->network;
    run->matchHistory = {lab::matchPointOf(1, summary(12, 2, 1, 3, 1)), lab::matchPointOf(2, s->summary)};
    FilterGallery gallery;
    gallery.setRun(run);
    QCOMPARE(gallery.grid()->filterCount(), kFilters);
    QCOMPARE(int(gallery.scoreboard()->history().size()), 2);
    QVERIFY(gallery.scoreboard()->valuesText().startsWith("Final filters (test set)"));
    QVERIFY(gallery.rawWeightsAvailable());
    gallery.setRawWeights(true);
    QCOMPARE(widths(*gallery.grid())[3], kWidth);

    auto noFilters = std::make_shared<lab::RunRecord>();
    gallery.setRun(noFilters);
    QVERIFY(!gallery.hasFilters());
    QCOMPARE(gallery.grid()->message(), QString("No filters were kept for this run."));
    QVERIFY(!gallery.rawWeightsShown());
}

void TestFilterGallery::exportLogos_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("ratio");
    QTest::addColumn<QByteArray>("magic");
    QTest::newRow("svg") << "filters.svg" << 1.0 << QByteArray("<?xml");
    QTest::newRow("png_1x") << "filters.png" << 1.0 << QByteArray("\x89PNG");
    QTest::newRow("png_2x") << "filters.PNG" << 2.0 << QByteArray("\x89PNG");
    QTest::newRow("pdf") << "filters.pdf" << 1.0 << QByteArray("%PDF");
}

void TestFilterGallery::exportLogos() {
    QFETCH(QString, name);
    QFETCH(double, ratio);
    QFETCH(QByteArray, magic);
    FilterGallery gallery;
    gallery.resize(1300, 800);
    gallery.show();
    QVERIFY(QTest::qWaitForWindowExposed(&gallery));
    gallery.setSnapshot(makeSnapshot());
    gallery.setClipped(true);
    const int columns = gallery.grid()->columnCount();
    QVERIFY(columns >= 2 && columns < kFilters);
    const QSize size = gallery.exportSize();
    QVERIFY(size.width() > 300 && size.height() > 100);
    // As many rows as on screen: the aspect follows the columns.
    const int rows = (kFilters + columns - 1) / columns;
    QVERIFY2(double(size.width()) / size.height() > 0.5 * columns / rows, qPrintable(QString("%1x%2").arg(size.width()).arg(size.height())));

    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    ImageExportOptions options;
    options.pixelRatio = ratio;
    gallery.exportLogos(path, options);
    const QByteArray bytes = fileBytes(path);
    QVERIFY(bytes.size() > 1000);
    QVERIFY(bytes.startsWith(magic));
    if (name.endsWith("svg", Qt::CaseInsensitive)) {
        QVERIFY(bytes.contains(QStringLiteral("viewBox=\"0 0 %1 %2\"").arg(size.width()).arg(size.height()).toUtf8()));
        QVERIFY(bytes.contains("<path") || bytes.contains("<polygon") || bytes.contains("<polyline"));
    }
    if (name.endsWith("png", Qt::CaseInsensitive)) {
        const QImage image(path);
        QCOMPARE(image.size(), QSize(int(std::lround(size.width() * ratio)), int(std::lround(size.height() * ratio))));
        // Not blank: the highlight frame and letters are there (many distinct colours).
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // no temp file left
}

void TestFilterGallery::exportLogosFails() {
    FilterGallery gallery;
    QTemporaryDir dir;
    try {  // nothing to export
        gallery.exportLogos(dir.filePath("empty.svg"));
        QFAIL("no exception");
    } catch (const InputError& e) {
        QVERIFY(QString::fromStdString(e.file()).endsWith("empty.svg"));
    }
    gallery.setSnapshot(makeSnapshot());
    try {  // unknown format
        gallery.exportLogos(dir.filePath("filters.gif"));
        QFAIL("no exception");
    } catch (const InputError& e) {
        QVERIFY2(QString(e.what()).contains("filters.gif"), e.what());
    }
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
}

void TestFilterGallery::exportMeme_data() {
    QTest::addColumn<bool>("clipped");
    QTest::addColumn<bool>("raw");
    QTest::newRow("full") << false << false;
    QTest::newRow("clipped") << true << false;
    QTest::newRow("raw_weights") << false << true;
}

void TestFilterGallery::exportMeme() {
    QFETCH(bool, clipped);
    QFETCH(bool, raw);
    const auto s = makeSnapshot();
    FilterGallery gallery;
    gallery.setSnapshot(s);
    gallery.setClipped(clipped);
    gallery.setRawWeights(raw);
    motif::MotifList expected;
    const motif::MotifList source = raw       ? interpret::rawWeightPwms(*s->network)
                                    : clipped ? interpret::comparisonMotifs(s->pwms)
                                              : [&] {
                                                    motif::MotifList l;
                                                    for (const auto& p : s->pwms.filters) l.push_back(p.motif);
                                                    return l;
                                                }();
    for (int f = 0; f < kFilters; ++f)
        if (s->pwms.filters[std::size_t(f)].fires() && source[std::size_t(f)].width() > 0)
            expected.push_back(source[std::size_t(f)]);
    QVERIFY(int(expected.size()) < kFilters);  // the dead filter is left out

    QTemporaryDir dir;
    const QString path = dir.filePath("filters.meme");
    QCOMPARE(gallery.exportMeme(path), int(expected.size()));
    const motif::MotifList back = motif::readMeme(path.toStdString());
    QCOMPARE(back.size(), expected.size());
    for (std::size_t i = 0; i < back.size(); ++i) {
        QCOMPARE(back[i].id, expected[i].id);
        QCOMPARE(back[i].width(), expected[i].width());
        QVERIFY2((back[i].probs - expected[i].probs).cwiseAbs().maxCoeff() < 2e-6, back[i].id.c_str());
        QCOMPARE(back[i].nsites, expected[i].nsites);
    }
    QCOMPARE(back.front().id, std::string("filter1"));
    QVERIFY(std::none_of(back.begin(), back.end(), [](const motif::Motif& m) { return m.id == "filter4"; }));
}

void TestFilterGallery::matchHistoryJsonRoundTrip() {
    lab::RunRecord r;
    r.id = 9;
    r.label = "gallery \u00b7 seed 1";
    r.architecture = galleryArch();
    r.classNames = {"planted"};
    r.matchHistory = {lab::matchPointOf(1, summary(12, 3, 0, 0, 0)),  // NaN ground truth / coverage
                      lab::matchPointOf(2, summary(12, 7, 5, 3, 2)), lab::matchPointOf(3, summary(12, 9, 6, 3, 3))};
    QVERIFY(std::isnan(r.matchHistory[0].matchGroundTruth));
    const nlohmann::json j = lab::runToJson(r);
    const std::string text = j.dump();
    QVERIFY(j.contains("match_history"));
    QVERIFY(nlohmann::json::parse(text)["match_history"][0]["coverage"].is_null());  // NaN written as null
    const lab::RunRecord back = lab::runFromJson(nlohmann::json::parse(text), "s.motifloom");
    QCOMPARE(back.matchHistory.size(), r.matchHistory.size());
    for (std::size_t i = 0; i < r.matchHistory.size(); ++i) QVERIFY(back.matchHistory[i].sameAs(r.matchHistory[i]));
    QVERIFY(std::isnan(back.matchHistory[0].coverage));
    QCOMPARE(back.matchHistory[2].truthCovered, 3);
    QCOMPARE(lab::runToJson(back).dump(), text);  // save -> load -> save: same bytes
    QVERIFY(!back.matchHistory[1].sameAs(back.matchHistory[2]));

    // Older sessions have no key: they load with an empty history, and keep their bytes.
    nlohmann::json old = j;
    old.erase("match_history");
    const lab::RunRecord oldRun = lab::runFromJson(old, "old.motifloom");
    QVERIFY(oldRun.matchHistory.empty());
    QVERIFY(!lab::runToJson(oldRun).contains("match_history"));

    // A broken history names the run.
    nlohmann::json bad = j;
    bad["match_history"][1].erase("truth_count");
    try {
        lab::runFromJson(bad, "bad.motifloom");
        QFAIL("no exception");
    } catch (const InputError& e) {
        QCOMPARE(QString::fromStdString(e.file()), QString("bad.motifloom"));
        QVERIFY2(QString(e.what()).contains("run 9") && QString(e.what()).contains("truth_count"), e.what());
    }
}

void TestFilterGallery::controllerKeepsMatchHistory() {
    // A real (tiny) training run: the controller records one point per live snapshot.
    lab::DataRecipe recipe;
    recipe.motifIds = {"MA0079.3", "MA0058.2"};
    recipe.count = 240;
    recipe.length = 50;
    recipe.kProbs = {0.7, 0.3};
    recipe.seed = 3;
    auto data = std::make_shared<const lab::LoadedData>(lab::loadData(recipe));
    arch::Architecture a;
    a.name = "tiny";
    a.inputLength = 50;
    a.numClasses = int(data->classNames.size());
    a.layers = {arch::LayerSpec::conv(4, 9), arch::LayerSpec::batchNorm(), arch::LayerSpec::act(arch::ActivationType::ReLU),
                arch::LayerSpec::maxPool(10), arch::LayerSpec::flatten(), arch::LayerSpec::dense(a.numClasses, true)};
    a.training.batchSize = 40;
    a.training.maxEpochs = 2;
    a.training.patience = 0;
    a.training.seed = 5;
    TrainingJob job;
    job.runId = 1;
    job.architecture = a;
    job.data = data;
    job.label = jobLabel(a);

    TrainingController controller;
    QSignalSpy filters(&controller, &TrainingController::filtersUpdated);
    QSignalSpy finished(&controller, &TrainingController::runFinished);
    QSignalSpy idle(&controller, &TrainingController::queueFinished);
    QVERIFY(controller.start(job));
    QVERIFY(finished.wait(30000));
    const auto run = finished.at(0).at(0).value<std::shared_ptr<const lab::RunRecord>>();
    QCOMPARE(filters.count(), 3);  // 2 live + the final one
    QCOMPARE(int(run->matchHistory.size()), 2);
    for (int e = 0; e < 2; ++e) {
        const auto snap = filters.at(e).at(0).value<std::shared_ptr<const FilterSnapshot>>();
        QVERIFY(snap->matched && !snap->final);
        QVERIFY(run->matchHistory[std::size_t(e)].sameAs(lab::matchPointOf(e + 1, snap->summary)));
    }
    QVERIFY(run->network && run->filters);  // the rest of the record is kept

    // The next run starts a fresh history.
    QVERIFY(idle.count() == 1 || idle.wait(5000));
    job.runId = 2;
    job.liveFilters = false;
    QVERIFY(controller.start(job));
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.at(1).at(0).value<std::shared_ptr<const lab::RunRecord>>()->matchHistory.empty());
}

void TestFilterGallery::renderForReview() {
    FilterGallery gallery;
    gallery.resize(1280, 760);
    gallery.show();
    QVERIFY(QTest::qWaitForWindowExposed(&gallery));
    for (int e = 1; e <= 3; ++e) {
        auto s = std::make_shared<FilterSnapshot>(*makeSnapshot());
        s->epoch = e;
        s->summary = summary(kFilters, std::min(kFilters, 2 + 2 * e), 1 + e, 3, e);
        if (e == 3) s->summary = makeSnapshot()->summary;
        gallery.setSnapshot(s);
    }
    QTRY_COMPARE(gallery.scoreboard()->plot()->graph(1)->data()->size(), 3);
    QTest::qWait(2 * MatchScoreboard::kReplotMs);
    const QImage image = gallery.grab().toImage();
    QCOMPARE(image.size(), QSize(1280, 760) * image.devicePixelRatio());
    const QByteArray out = qgetenv("MOTIFLOOM_GALLERY_PNG");
    if (!out.isEmpty()) {
        QVERIFY(image.save(QString::fromLocal8Bit(out)));
        gallery.setClipped(true);
        gallery.setLogoKind(LogoKind::Probability);
        QVERIFY(gallery.grab().toImage().save(QString::fromLocal8Bit(out).replace(".png", "-clipped.png")));
        gallery.setRawWeights(true);
        gallery.setLogoKind(LogoKind::Bits);
        QVERIFY(gallery.grab().toImage().save(QString::fromLocal8Bit(out).replace(".png", "-raw.png")));
        gallery.setRawWeights(false);
        gallery.exportLogos(QString::fromLocal8Bit(out).replace(".png", "-export.png"));
        gallery.exportLogos(QString::fromLocal8Bit(out).replace(".png", "-export.svg"));
    }
}

QTEST_MAIN(TestFilterGallery)
#include "test_filter_gallery.moc"
