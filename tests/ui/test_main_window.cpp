// Tests for the main window (ui/main_window.h): the first-run defaults, "Train" alone loading
// the data and training, runs kept and compared, session save -> reopen through the window, a
// broken session reported without touching the current one, errors as messages.
#include "architecture/architecture_editor.h"
#include "compare/compare_view.h"
#include "training/dashboard.h"
#include "filters/alignment_view.h"
#include "data/data_panel.h"
#include "filters/filter_gallery.h"
#include "app_window/main_window.h"
#include "filters/run_filter_grid.h"
#include "runs/run_list_model.h"
#include "training/training_controller.h"
#include "training/training_settings_widget.h"

#include "arch/presets.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "tiny_lab.h"

using namespace motifloom;
using namespace motifloom::ui;
using tiny_lab::smallRecipe;
using tiny_lab::tinyArch;

namespace {

// Small data and a tiny model, the way a user would set them in the panels.
void useTinySetup(MainWindow& w) {
    w.dataPanel()->setRecipe(smallRecipe());
    w.architectureEditor()->setArchitecture(tinyArch());
    w.trainingSettings()->setSettings(tinyArch().training);
}

bool trainOnce(MainWindow& w, int runsBefore) {
    w.trainAction()->trigger();
    return QTest::qWaitFor([&] { return w.runModel()->rowCount() > runsBefore && !w.controller()->isActive(); }, 120000);
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void firstRunDefaults();
    void trainLoadsDataThenTrains();
    void sessionRoundTripThroughWindow();
    void brokenSessionLeavesCurrentUntouched();
    void invalidArchitectureIsAMessage();
    void presetComboSetsArchitectureAndSettings();
    void shortcuts();
};

void TestMainWindow::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // QSettings of the test, not the user's
    QCoreApplication::setOrganizationName("MotifLoomTest");
    QCoreApplication::setApplicationName("test_main_window");
    QSettings().clear();
}

void TestMainWindow::firstRunDefaults() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.dataPanel()->recipe(), lab::DataRecipe::paperSynthetic());
    QCOMPARE(w.architectureEditor()->architecture().name, std::string("CNN-25"));
    QCOMPARE(w.currentArchitecture().training, arch::preset("CNN-25").training);
    QVERIFY(w.trainAction()->isEnabled());
    QVERIFY(!w.stopAction()->isEnabled());
    QVERIFY(!w.isModified());
    QCOMPARE(w.runModel()->rowCount(), 0);
    QVERIFY(w.windowTitle().contains("Untitled"));
}

void TestMainWindow::trainLoadsDataThenTrains() {
    MainWindow w;
    w.show();
    useTinySetup(w);
    QVERIFY(!w.dataPanel()->data());  // nothing loaded: one click must do it all
    QSignalSpy started(w.controller(), &TrainingController::runStarted);
    QSignalSpy epochs(w.controller(), &TrainingController::epochFinished);
    QVERIFY(trainOnce(w, 0));
    QCOMPARE(started.count(), 1);
    QCOMPARE(epochs.count(), 2);
    QVERIFY(w.dataPanel()->data());
    QCOMPARE(w.runModel()->rowCount(), 1);
    const auto run = w.runModel()->run(0);
    QCOMPARE(run->id, 1);
    QCOMPARE(run->architecture.name, std::string("tiny"));
    QCOMPARE(run->epochs(), 2);
    QVERIFY(w.isModified());
    // The run shows in the comparison table (all runs when fewer than two are selected).
    QCOMPARE(int(w.compareView()->rows().size()), 1);
    QVERIFY(QString::fromStdString(w.compareView()->tsv()).startsWith("model\tdata\truns"));
    // Selecting the run shows it in the dashboard.
    auto* table = w.findChild<QTableView*>("runTable");
    QVERIFY(table);
    table->selectRow(0);
    QCOMPARE(w.dashboard()->shownRun()->id, 1);
    // A second run with another seed: two rows when not pooled, one pooled row of 2 runs.
    auto s = w.trainingSettings()->settings();
    s.seed = 2;
    w.trainingSettings()->setSettings(s);
    QVERIFY(trainOnce(w, 1));
    QCOMPARE(w.runModel()->run(1)->id, 2);
    QCOMPARE(w.dashboard()->shownRun()->id, 2);  // the run that just ended, not the selected one
    QCOMPARE(int(w.compareView()->rows().size()), 1);
    QCOMPARE(int(w.compareView()->rows()[0].runIds.size()), 2);

    // The Filters tab shows the last run; clicking a filter opens its alignment view.
    QVERIFY(w.filterGallery()->hasFilters());
    QVERIFY(!w.alignmentDialog());
    RunFilterGrid* grid = w.filterGallery()->grid();
    w.findChild<QTabWidget*>()->setCurrentIndex(1);
    QTRY_VERIFY(grid->isVisible() && !grid->cellRect(0).isEmpty());
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->cellRect(0).center().toPoint());
    QVERIFY(w.alignmentDialog());
    QVERIFY(w.alignmentDialog()->isVisible());
    QVERIFY(w.alignmentDialog()->view()->title() == "filter 1");
    QVERIFY(w.alignmentDialog()->windowTitle().contains("#2"));
}

void TestMainWindow::sessionRoundTripThroughWindow() {
    QTemporaryDir dir;
    const QString path = dir.filePath("lab.motifloom");
    lab::Session saved;
    {
        MainWindow w;
        useTinySetup(w);
        QVERIFY(trainOnce(w, 0));
        QVERIFY(w.saveSessionAs(path));
        QVERIFY(!w.isModified());
        QVERIFY(w.windowTitle().contains("lab.motifloom"));
        saved = w.session();
    }
    MainWindow w;
    QCOMPARE(w.runModel()->rowCount(), 0);
    QVERIFY(w.openSession(path));
    QVERIFY(!w.isModified());
    const lab::Session reopened = w.session();
    QVERIFY(reopened.dataRecipe == smallRecipe());
    QCOMPARE(reopened.architecture, saved.architecture);
    QCOMPARE(reopened.runs.size(), std::size_t(1));
    QCOMPARE(reopened.nextRunId, saved.nextRunId);
    QVERIFY(lab::sessionToBytes(reopened) == lab::sessionToBytes(saved));  // exactly what was saved
    QVERIFY(QSettings().value("session/recentFiles").toStringList().contains(QFileInfo(path).absoluteFilePath()));
}

void TestMainWindow::brokenSessionLeavesCurrentUntouched() {
    QTemporaryDir dir;
    const QString good = dir.filePath("good.motifloom");
    MainWindow w;
    useTinySetup(w);
    QVERIFY(trainOnce(w, 0));
    QVERIFY(w.saveSessionAs(good));
    const std::string before = lab::sessionToBytes(w.session());

    const QString broken = dir.filePath("broken.motifloom");
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": \"motifloom-session\", \"version\": 1, \"data_recipe\": {}, \"architecture\": {\"layers\": 5}}");
    f.close();
    QVERIFY(!w.openSession(broken));
    QVERIFY2(w.messageText().contains("broken.motifloom"), qPrintable(w.messageText()));
    QVERIFY(w.messageText().contains("unchanged"));
    QVERIFY(lab::sessionToBytes(w.session()) == before);
    QCOMPARE(w.sessionPath(), QFileInfo(good).absoluteFilePath());
    QCOMPARE(w.runModel()->rowCount(), 1);
}

void TestMainWindow::invalidArchitectureIsAMessage() {
    MainWindow w;
    useTinySetup(w);
    arch::Architecture bad = tinyArch();
    bad.layers.erase(bad.layers.begin() + 4);  // Dense without Flatten
    w.architectureEditor()->setArchitecture(bad);
    w.trainAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w.messageText().contains("cannot be trained"), 60000);
    QVERIFY(!w.controller()->isActive());
    QCOMPARE(w.runModel()->rowCount(), 0);
    QVERIFY(w.trainAction()->isEnabled());
}

void TestMainWindow::presetComboSetsArchitectureAndSettings() {
    MainWindow w;
    // CNN-50 brings its own L1 penalty (the paper's), the seed stays the user's.
    auto s = w.trainingSettings()->settings();
    s.seed = 77;
    w.trainingSettings()->setSettings(s);
    auto* combo = w.findChild<QComboBox*>("presetCombo");
    QVERIFY(combo);
    const int index = combo->findData(QString("CNN-50"));
    QVERIFY(index > 0);
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index);
    QCOMPARE(w.architectureEditor()->architecture().name, std::string("CNN-50"));
    QCOMPARE(w.currentArchitecture().training.l1, arch::preset("CNN-50").training.l1);
    QCOMPARE(w.currentArchitecture().training.seed, std::uint64_t(77));
    QVERIFY(w.isModified());
}

void TestMainWindow::shortcuts() {
    MainWindow w;
    QCOMPARE(w.trainAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    QCOMPARE(w.stopAction()->shortcut(), QKeySequence(Qt::Key_Escape));
    QCOMPARE(w.pauseAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_P));
    QVERIFY(w.trainAction()->toolTip().contains("Ctrl+R"));
    // Every main action has a key, whatever the platform's key scheme provides.
    int checked = 0;
    for (const QAction* a : w.findChildren<QAction*>()) {
        const QString t = a->text();
        if (t.startsWith("&New") || t.startsWith("&Open\u2026") || t == "&Save" || t.startsWith("Save &As") ||
            t == "&Quit" || t.startsWith("S&weep")) {
            QVERIFY2(!a->shortcut().isEmpty(), qPrintable(t));
            ++checked;
        }
    }
    QCOMPARE(checked, 6);
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
