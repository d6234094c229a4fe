// Tests for the race of architectures in the window (MainWindow::startRace, race/race_view.h,
// TrainingController::startRace): two presets race on tiny data, loading it first; both runs
// are kept as ordinary runs and equal a solo run with the same seed; the Race tab shows two
// columns with curves and filters; Pause and Stop act on both; impossible races are messages.
#include "app_window/main_window.h"
#include "architecture/architecture_editor.h"
#include "data/data_panel.h"
#include "filters/run_filter_grid.h"
#include "race/race_dialog.h"
#include "race/race_view.h"
#include "runs/run_list_model.h"
#include "training/training_controller.h"
#include "training/training_settings_widget.h"

#include "arch/architecture_json.h"
#include "arch/presets.h"

#include <qcustomplot.h>

#include <QAction>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>

#include "tiny_lab.h"

#include <cmath>
#include <set>

using namespace motifloom;
using namespace motifloom::ui;
using tiny_lab::smallRecipe;

namespace {

arch::TrainingSettings tinySettings(int epochs) {
    arch::TrainingSettings t = arch::preset("CNN-25").training;
    t.batchSize = 25;
    t.maxEpochs = epochs;
    t.patience = 0;
    t.learningRate = 0.01;
    t.seed = 5;
    return t;
}

arch::Architecture tinyArch(const std::string& name, int pool) {
    arch::Architecture a;
    a.name = name;
    a.inputLength = 60;
    a.numClasses = 3;
    a.layers = {arch::LayerSpec::conv(6, 9), arch::LayerSpec::batchNorm(),
                arch::LayerSpec::act(arch::ActivationType::ReLU), arch::LayerSpec::maxPool(pool),
                arch::LayerSpec::flatten(), arch::LayerSpec::dense(3, true)};
    return a;
}

bool waitIdle(MainWindow& w, int runs) {
    return QTest::qWaitFor([&] { return w.runModel()->rowCount() >= runs && !w.controller()->isActive(); }, 180000);
}

}  // namespace

class TestRaceView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("MotifLoomTest");
        QCoreApplication::setApplicationName("test_race_view");
        QSettings().clear();
    }

    void twoPresetsRaceAndAreKept() {
        MainWindow w;
        w.show();
        w.dataPanel()->setRecipe(smallRecipe());
        w.trainingSettings()->setSettings(tinySettings(2));
        QSignalSpy epochs(w.controller(), &TrainingController::raceEpochFinished);
        QSignalSpy filters(w.controller(), &TrainingController::raceFiltersUpdated);
        QVERIFY(!w.dataPanel()->data());
        QVERIFY(w.startRace({"CNN-2", "CNN-25"}));  // loads the data first, like Train
        QVERIFY(waitIdle(w, 2));
        QVERIFY2(w.messageText().isEmpty() || !w.messageText().contains("No race"), qPrintable(w.messageText()));

        // Two ordinary runs, one per architecture, with the same seed and settings.
        QCOMPARE(w.runModel()->rowCount(), 2);
        std::set<std::string> names;
        for (int i = 0; i < 2; ++i) {
            const auto run = w.runModel()->run(i);
            names.insert(run->architecture.name);
            QCOMPARE(run->epochs(), 2);
            QCOMPARE(run->architecture.training.seed, std::uint64_t(5));
            QCOMPARE(run->architecture.inputLength, 60);
            // Kept runs are named by model, data and seed like any run; the lanes by model and seed.
            QVERIFY2(run->label.starts_with(run->architecture.name + " \u00b7 synthetic") && run->label.ends_with("seed 5"),
                     run->label.c_str());
            QVERIFY(run->filters);
            QCOMPARE(int(run->matchHistory.size()), 2);  // live match statistics kept, as for one run
        }
        QCOMPARE(names, (std::set<std::string>{"CNN-2", "CNN-25"}));
        QCOMPARE(epochs.count(), 4);
        QVERIFY(filters.count() >= 4);  // 2 live + 1 final per lane

        // The view: two columns, each with its curves and 30 filter logos, match-GT shown.
        RaceView* view = w.raceView();
        QCOMPARE(view->laneCount(), 2);
        QVERIFY(!view->isRacing());
        QCOMPARE(view->laneTitle(0), QString("CNN-2 \u00b7 seed 5"));
        QCOMPARE(view->laneTitle(1), QString("CNN-25 \u00b7 seed 5"));
        QVERIFY(view->laneColor(0) != view->laneColor(1));
        for (int lane = 0; lane < 2; ++lane) {
            QCOMPARE(view->laneEpochs(lane), 2);
            QCOMPARE(view->laneGrid(lane)->filterCount(), 30);
            QVERIFY(view->laneRun(lane));
            const double mgt = view->laneMatchGroundTruth(lane);
            QVERIFY(std::isfinite(mgt) && mgt >= 0 && mgt <= 1);
            QCOMPARE(mgt, view->laneRun(lane)->filters->summary.matchGroundTruth);
            QVERIFY2(view->laneStatus(lane).contains("test AUROC"), qPrintable(view->laneStatus(lane)));
        }
        // A lesson's "predict first": hiding the matches hides the lanes' captions and frames too.
        view->setMatchesHidden(true);
        QVERIFY(view->laneGrid(0)->statisticsHidden() && view->laneGrid(1)->statisticsHidden());
        view->setMatchesHidden(false);
        QVERIFY(!view->laneGrid(0)->statisticsHidden());
        QCOMPARE(view->lossPlot()->graph(0)->dataCount(), 2);
        QCOMPARE(view->aurocPlot()->graphCount(), 2);
        QCOMPARE(view->matchPlot()->graph(1)->dataCount(), 2);
        auto* tabs = w.findChild<QTabWidget*>();
        QVERIFY(tabs);
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(view));

        // Raced = alone: CNN-2 trained alone with the same seed has the same history.
        const auto raced = w.runModel()->run(0)->architecture.name == "CNN-2" ? w.runModel()->run(0) : w.runModel()->run(1);
        arch::Architecture solo = arch::preset("CNN-2", 60, 3);
        solo.training = tinySettings(2);
        w.architectureEditor()->setArchitecture(solo);
        w.trainingSettings()->setSettings(tinySettings(2));
        w.trainAction()->trigger();
        QVERIFY(waitIdle(w, 3));
        const auto alone = w.runModel()->run(2);
        QCOMPARE(alone->architecture.name, std::string("CNN-2"));
        QCOMPARE(int(alone->history.epochs.size()), 2);
        for (int e = 0; e < 2; ++e) {
            QCOMPARE(alone->history.epochs[e].validLoss, raced->history.epochs[e].validLoss);
            QCOMPARE(alone->history.epochs[e].trainLoss, raced->history.epochs[e].trainLoss);
        }
        QCOMPARE(alone->testAuroc(), raced->testAuroc());
    }

    void pauseAndStopActOnAll() {
        MainWindow w;
        w.show();
        w.dataPanel()->setRecipe(smallRecipe());
        w.architectureEditor()->setArchitecture(tinyArch("tiny-pool10", 10));
        w.trainingSettings()->setSettings(tinySettings(200));
        QSignalSpy epochs(w.controller(), &TrainingController::raceEpochFinished);
        const QString json = QString::fromStdString(arch::toJsonString(tinyArch("tiny-pool2", 2)));
        QVERIFY(w.startRace({"current", json}));
        auto lanesHaveEpochs = [&] {
            std::set<int> lanes;
            for (const auto& args : epochs) lanes.insert(args.at(0).toInt());
            return lanes.size() == 2;
        };
        QVERIFY(QTest::qWaitFor(lanesHaveEpochs, 120000));
        QVERIFY(w.controller()->isRacing());
        QCOMPARE(w.raceView()->laneCount(), 2);

        // Pause: neither lane finishes another epoch.
        QVERIFY(w.pauseAction()->isEnabled());
        w.pauseAction()->trigger();
        QCOMPARE(w.controller()->state(), TrainingController::State::Paused);
        QTest::qWait(400);  // the batch in flight ends, maybe its epoch
        const int frozen = int(epochs.count());
        QTest::qWait(600);
        QCOMPARE(int(epochs.count()), frozen);
        QVERIFY(w.raceView()->laneStatus(0).contains("paused"));
        QVERIFY(w.raceView()->laneStatus(1).contains("paused"));

        // Refused while racing.
        QVERIFY(!w.startRace({"CNN-2", "CNN-25"}));
        QVERIFY(w.messageText().contains("No race started"));
        QVERIFY(!w.raceAction()->isEnabled());

        // Stop ends both; both are kept as stopped runs.
        w.stopAction()->trigger();
        QVERIFY(waitIdle(w, 2));
        QCOMPARE(w.runModel()->rowCount(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(w.runModel()->run(i)->status, lab::RunStatus::Stopped);
            QVERIFY(w.runModel()->run(i)->epochs() < 200);
        }
        QVERIFY(w.raceView()->laneStatus(0).startsWith("stopped"));
        QVERIFY(w.raceView()->laneStatus(1).startsWith("stopped"));
        QVERIFY(w.raceAction()->isEnabled());
    }

    void impossibleRacesAreMessages() {
        MainWindow w;
        w.show();
        QVERIFY(!w.startRace({"CNN-25"}));
        QVERIFY(w.messageText().contains("2 to 4"));
        QVERIFY(!w.startRace({"CNN-2", "CNN-25", "CNN-4", "CNN-10", "CNN-50"}));
        QVERIFY(!w.startRace({"CNN-2", "CNN-7"}));
        QVERIFY2(w.messageText().contains("CNN-7"), qPrintable(w.messageText()));
        QVERIFY(!w.startRace({"CNN-2", "{ not json"}));
        QVERIFY(w.messageText().contains("architecture 2"));
        QVERIFY(!w.controller()->isActive());
        QCOMPARE(w.runModel()->rowCount(), 0);
    }

    void dialogPicksTwoToFour() {
        RaceDialog d(nullptr, "CNN-25", 2);
        QCOMPARE(d.architectures(), (QStringList{"CNN-2", "CNN-25"}));
        d.setArchitectures({"current", "CNN-4", "CNN-10"});
        QCOMPARE(d.architectures(), (QStringList{"current", "CNN-4", "CNN-10"}));
    }
};

QTEST_MAIN(TestRaceView)
#include "test_race_view.moc"
