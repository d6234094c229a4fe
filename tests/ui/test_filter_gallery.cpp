// Tests for the filter gallery (ui/filters/filter_gallery.h) and the grid's display options
// (ui/filters/run_filter_grid.h), on the fixture of filter_gallery_fixture.h. The scoreboard and
// the run's match history are tested in test_match_scoreboard.cpp.
// Set MOTIFLOOM_GALLERY_PNG=/path.png to save a screenshot of the gallery for review.

#include "filter_gallery_fixture.h"

using namespace gallery_fixture;

class TestFilterGallery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fixtureHasEveryKindOfFilter();
    void togglesChangeWhatIsDrawn();
    void rawWeightsNeedANetwork();
    void clickEmitsFilterIndex();
    void headlineWrapsWhenNarrow();
    void keptRun();
    void exportLogos_data();
    void exportLogos();
    void exportLogosFails();
    void exportMeme_data();
    void exportMeme();
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

// A narrow grid (a short side panel beside the scoreboard) wraps its bold headline onto more
// lines and starts the cells below it, instead of cutting the headline off.
void TestFilterGallery::headlineWrapsWhenNarrow() {
    RunFilterGrid grid;
    grid.setSnapshot(*makeSnapshot());
    QFont bold = grid.font();
    bold.setBold(true);
    const QFontMetricsF metrics(bold);
    QVERIFY(metrics.horizontalAdvance(grid.headline()) > 500);  // too long for the narrow grid

    grid.resize(2000, grid.heightForWidth(2000));
    const double wideTop = grid.cellRect(0).top();
    QVERIFY(wideTop >= metrics.height());
    grid.resize(300, grid.heightForWidth(300));
    const double narrowTop = grid.cellRect(0).top();
    const QRectF wrapped = metrics.boundingRect(QRectF(0, 0, 300 - 8, 1e6), Qt::TextWordWrap, grid.headline());
    QVERIFY(wrapped.height() >= 2 * metrics.height());
    QVERIFY2(narrowTop >= wrapped.height(), qPrintable(QString("cells start at %1, the headline needs %2")
                                                           .arg(narrowTop).arg(wrapped.height())));
    QVERIFY(narrowTop >= wideTop + metrics.height());
    // The height the grid asks for holds the wrapped headline and every cell.
    const int last = grid.filterCount() - 1;
    QVERIFY(grid.cellRect(last).bottom() <= grid.heightForWidth(300) + 1);
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
