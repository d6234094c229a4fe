// Tests for the match scoreboard (ui/filters/match_scoreboard.h), the gallery feeding it, and the
// run's match history (core/lab/run_record.h, ui/training/training_controller.cpp), on the fixture
// of filter_gallery_fixture.h.

#include "filter_gallery_fixture.h"

#include <QApplication>

using namespace gallery_fixture;

class TestMatchScoreboard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scoreboardValues();
    void scoreboardCoalescesReplots();
    void scoreboardWithoutTruth();
    void rowsStayOnOneLineInALargerFont();
    void galleryFeedsScoreboard();
    void matchHistoryJsonRoundTrip();
    void controllerKeepsMatchHistory();
};

void TestMatchScoreboard::scoreboardValues() {
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

void TestMatchScoreboard::scoreboardCoalescesReplots() {
    MatchScoreboard board;
    QTest::qWait(2 * MatchScoreboard::kReplotMs);
    const int before = board.replotCount();
    for (int e = 1; e <= 20; ++e) board.addPoint(e, summary(30, e, e / 2, 12, std::min(12, e)));
    QCOMPARE(board.replotCount(), before);  // nothing drawn synchronously
    QTRY_COMPARE(board.plot()->graph(1)->data()->size(), 20);
    QCOMPARE(board.replotCount(), before + 1);  // one replot for the 20 points
    QCOMPARE(board.plot()->xAxis->range().upper, 20.5);
}

void TestMatchScoreboard::scoreboardWithoutTruth() {
    MatchScoreboard board;
    board.addPoint(1, summary(10, 4, 0, 0, 0));
    const QString text = board.valuesText();
    QVERIFY2(text.contains("Match ground truth: no ground truth (\u2014)"), qPrintable(text));
    QVERIFY2(text.contains("Match any: 4/10 filters (40%)"), qPrintable(text));
    QTRY_COMPARE(board.plot()->graph(1)->data()->size(), 1);
    QCOMPARE(board.plot()->graph(0)->data()->size(), 0);  // NaN: not drawn
    QCOMPARE(board.plot()->graph(2)->data()->size(), 0);
}

// Presentation mode enlarges the application font: beside the filter grid, the panel grows
// with its rows instead of cutting "25/30 filters" off at its edge.
void TestMatchScoreboard::rowsStayOnOneLineInALargerFont() {
    const QFont saved = QApplication::font();
    FilterGallery gallery;
    gallery.resize(1200, 700);
    gallery.show();
    QVERIFY(QTest::qWaitForWindowExposed(&gallery));
    auto fin = std::make_shared<FilterSnapshot>(*makeSnapshot());
    fin->final = true;
    fin->dataPart = "test";
    gallery.setSnapshot(fin);
    MatchScoreboard* board = gallery.scoreboard();
    const QString row = "Match ground truth  100%  30/30 filters";
    QTRY_VERIFY(board->width() >= QFontMetrics(board->font()).horizontalAdvance(row));

    QFont big = saved;
    big.setPointSizeF(saved.pointSizeF() * 1.8);
    QApplication::setFont(big);
    const int needed = QFontMetrics(big).horizontalAdvance(row);
    QTRY_VERIFY2(board->width() >= needed, qPrintable(QString("board %1 px, its rows need %2 px")
                                                          .arg(board->width()).arg(needed)));
    QApplication::setFont(saved);

    // A note (no table) does not hold the panel wide.
    board->showNote("No match statistics were recorded during training.");
    QVERIFY(board->minimumSizeHint().width() < needed);
}

void TestMatchScoreboard::galleryFeedsScoreboard() {
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

void TestMatchScoreboard::matchHistoryJsonRoundTrip() {
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

void TestMatchScoreboard::controllerKeepsMatchHistory() {
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

QTEST_MAIN(TestMatchScoreboard)
#include "test_match_scoreboard.moc"
