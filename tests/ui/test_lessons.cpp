// Tests for guided lessons in the desktop lab (ui/lessons/, ui/app_window/main_window_lessons.cpp):
// every built-in lesson runs every step's actions headless on small data (quick mode: at most
// 300 sequences and 1 epoch, see docs/lessons.md), a broken lesson file is a message naming the
// file and the step while the open lesson stays, Page Down / Page Up step through a lesson,
// a question hides the statistics until Reveal, and Save as lesson captures trained runs that
// a fresh window opens (timed) without training.
#include "app_window/main_window.h"
#include "architecture/architecture_editor.h"
#include "compare/compare_view.h"
#include "data/data_panel.h"
#include "filters/filter_gallery.h"
#include "filters/match_scoreboard.h"
#include "filters/run_filter_grid.h"
#include "lessons/lesson_dock.h"
#include "lessons/lesson_runner.h"
#include "presentation/presentation_mode.h"
#include "runs/run_list_model.h"
#include "training/training_controller.h"
#include "training/training_settings_widget.h"

#include "arch/architecture_json.h"
#include "arch/presets.h"
#include "lesson/lesson.h"

#include <QApplication>
#include <QAction>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace motifloom;
using namespace motifloom::ui;

namespace {

constexpr int kQuickSequences = 300;
constexpr int kQuickEpochs = 1;

bool waitIdle(MainWindow& w, int ms = 300000) {
    return QTest::qWaitFor([&] { return !w.lessonDock()->runner()->isRunning() && !w.controller()->isActive() &&
                                        !w.dataPanel()->isLoading(); }, ms);
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

const char* kThreeSteps = R"({"format": 1, "title": "Three", "steps": [
  {"title": "One", "text": "first"},
  {"title": "Two", "text": "second", "question": {"text": "?", "answer": "yes", "hide": ["scoreboard", "compare_table"]}},
  {"title": "Three", "text": "third"}]})";

// Trains the current setup once through the Train action.
bool trainOnce(MainWindow& w) {
    const int before = w.runModel()->rowCount();
    w.trainAction()->trigger();
    return QTest::qWaitFor([&] { return w.runModel()->rowCount() > before && !w.controller()->isActive(); }, 300000);
}

}  // namespace

class TestLessons : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void builtInLessonsLoad();
    void builtInLessonRunsHeadless_data();
    void builtInLessonRunsHeadless();
    void brokenLessonLeavesCurrentUntouched();
    void keyboardSteps();
    void questionHidesUntilReveal();
    void textScalesInPresentationMode();
    void failingActionIsReported();
    void trainRightAfterLoad();
    void saveAsLessonOpensPretrained();
};

void TestLessons::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("MotifLoomTest");
    QCoreApplication::setApplicationName("test_lessons");
    QSettings().clear();
}

void TestLessons::builtInLessonsLoad() {
    const QStringList lessons = MainWindow::builtInLessons();
    QCOMPARE(lessons.size(), 5);
    for (const QString& path : lessons) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const lesson::Lesson l = lesson::lessonFromBytes(f.readAll().toStdString(), path.toStdString());
        QVERIFY2(l.steps.size() >= 4, qPrintable(path));
        QVERIFY(!l.summary.empty());
    }
    // The Lessons menu lists them by title.
    MainWindow w;
    QStringList titles;
    for (QAction* a : w.findChildren<QAction*>()) titles << a->text();
    QVERIFY(titles.contains("Localist or distributed? CNN-2 against CNN-25"));
    QVERIFY(titles.contains("Exponential activations"));
}

void TestLessons::builtInLessonRunsHeadless_data() {
    QTest::addColumn<QString>("path");
    for (const QString& path : MainWindow::builtInLessons()) QTest::newRow(qPrintable(path.section('/', -1))) << path;
}

// Every step entered as the teacher's Next does, its actions run on small data (races and the
// sequence inspector included); any step's error fails the test.
void TestLessons::builtInLessonRunsHeadless() {
    QFETCH(QString, path);
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    w.lessonDock()->runner()->setQuickMode({kQuickSequences, kQuickEpochs});
    QVERIFY2(w.openLesson(path), qPrintable(w.messageText()));
    LessonDock* dock = w.lessonDock();
    for (int i = 0; i < dock->stepCount(); ++i) {
        if (i > 0) dock->next();
        QCOMPARE(dock->currentStep(), i);
        QVERIFY2(waitIdle(w), "step did not finish");
        const QString error = dock->lastError();
        if (error.isEmpty()) continue;
        const lesson::Step& step = dock->lesson().steps[std::size_t(i)];
        QFAIL(qPrintable(QStringLiteral("step %1 \"%2\": %3").arg(i + 1).arg(QString::fromStdString(step.title), error)));
    }
    QVERIFY(dock->stepCount() >= 4);
    QCOMPARE(dock->progressText(), QStringLiteral("Step %1 of %1").arg(dock->stepCount()));

    // In the state the lesson leaves (runs, the inspector's bars for every class), presentation
    // mode at its largest scale still fits a 1280 x 720 projector: with a taller minimum the
    // window manager refuses full screen and the window hangs off the screen.
    PresentationMode* p = w.presentation();
    const int percent = p->scalePercent();
    p->setScalePercent(200);
    p->setActive(true);
    QApplication::processEvents();
    const QSize min = w.minimumSizeHint().expandedTo(w.minimumSize());
    p->setActive(false);
    p->setScalePercent(percent);
    QVERIFY2(min.width() <= 1280 && min.height() <= 720,
             qPrintable(QString("presenting at 200 %: minimum %1 x %2").arg(min.width()).arg(min.height())));
}

void TestLessons::brokenLessonLeavesCurrentUntouched() {
    QTemporaryDir dir;
    const QString good = dir.filePath("good.json"), bad = dir.filePath("broken.json");
    writeFile(good, kThreeSteps);
    writeFile(bad, R"({"format": 1, "title": "B", "steps": [{"title": "Fine"},
        {"title": "Race time", "actions": [{"do": "race", "architectures": ["CNN-2"]}]}]})");
    MainWindow w;
    QVERIFY(w.openLesson(good));
    w.lessonDock()->next();
    const lab::Session before = w.session();
    QVERIFY(!w.openLesson(bad));
    const QString message = w.messageText();
    QVERIFY2(message.contains("broken.json") && message.contains("step 2") && message.contains("Race time") &&
                 message.contains("architectures"),
             qPrintable(message));
    QCOMPARE(w.lessonDock()->lesson().title, std::string("Three"));
    QCOMPARE(w.lessonDock()->currentStep(), 1);
    QCOMPARE(w.session().dataRecipe, before.dataRecipe);
    QCOMPARE(w.session().architecture, before.architecture);
    // Not a lesson at all, and a missing file.
    writeFile(bad, "{\"format\": 1,\n \"title\": }");
    QVERIFY(!w.openLesson(bad));
    QVERIFY(w.messageText().contains("broken.json line 2"));
    QVERIFY(!w.openLesson(dir.filePath("missing.json")));
    QCOMPARE(w.lessonDock()->lesson().title, std::string("Three"));
}

void TestLessons::keyboardSteps() {
    QTemporaryDir dir;
    writeFile(dir.filePath("three.json"), kThreeSteps);
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(w.openLesson(dir.filePath("three.json")));
    QCOMPARE(w.lessonDock()->progressText(), QString("Step 1 of 3"));
    QTest::keyClick(&w, Qt::Key_PageDown);
    QCOMPARE(w.lessonDock()->currentStep(), 1);
    QCOMPARE(w.lessonDock()->progressText(), QString("Step 2 of 3"));
    QTest::keyClick(&w, Qt::Key_PageDown);
    QTest::keyClick(&w, Qt::Key_PageDown);  // stays on the last step
    QCOMPARE(w.lessonDock()->currentStep(), 2);
    QTest::keyClick(&w, Qt::Key_PageUp);
    QCOMPARE(w.lessonDock()->currentStep(), 1);
    // Also with the focus in the run table (a widget that scrolls on Page Down itself).
    if (auto* table = w.findChild<QWidget*>("runTable")) {
        table->setFocus();
        QTest::keyClick(table, Qt::Key_PageDown);
        QCOMPARE(w.lessonDock()->currentStep(), 2);
    }
    QVERIFY(w.findChild<QDockWidget*>("lessonDock")->isVisible());
}

void TestLessons::questionHidesUntilReveal() {
    QTemporaryDir dir;
    writeFile(dir.filePath("three.json"), kThreeSteps);
    MainWindow w;
    QVERIFY(w.openLesson(dir.filePath("three.json")));
    QVERIFY(!w.filterGallery()->scoreboard()->statisticsHidden());
    w.lessonDock()->next();  // the question hides the scoreboard and the Compare table, not the captions
    QVERIFY(w.lessonDock()->canReveal());
    QVERIFY(w.filterGallery()->scoreboard()->statisticsHidden());
    QVERIFY(w.compareView()->statisticsHidden());
    QVERIFY(!w.filterGallery()->grid()->statisticsHidden());
    auto* runTable = w.findChild<QTableView*>("runTable");
    QVERIFY(runTable->isColumnHidden(RunListModel::Auroc) && runTable->isColumnHidden(RunListModel::MatchTruth));
    QVERIFY(!runTable->isColumnHidden(RunListModel::Label));
    QVERIFY(!w.lessonDock()->stepHtml().contains("yes"));
    // The teacher's key: Alt+A (not Alt+R, which the Run menu owns) reveals from anywhere.
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    runTable->setFocus();
    QTest::keyClick(runTable, Qt::Key_A, Qt::AltModifier);
    QTRY_VERIFY(!w.filterGallery()->scoreboard()->statisticsHidden());  // a mnemonic clicks with a short animation
    QVERIFY(!w.compareView()->statisticsHidden());
    QVERIFY(!runTable->isColumnHidden(RunListModel::Auroc) && !runTable->isColumnHidden(RunListModel::MatchTruth));
    QVERIFY(w.lessonDock()->stepHtml().contains("yes"));
    QVERIFY(!w.lessonDock()->canReveal());
    w.lessonDock()->back();  // a step without a question shows everything
    w.lessonDock()->next();
    QVERIFY(w.compareView()->statisticsHidden());  // entering again asks again
    w.lessonDock()->next();
    QVERIFY(!w.compareView()->statisticsHidden());
}

void TestLessons::textScalesInPresentationMode() {
    QTemporaryDir dir;
    writeFile(dir.filePath("three.json"), kThreeSteps);
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openLesson(dir.filePath("three.json")));
    auto* text = w.lessonDock()->findChild<QTextBrowser*>();
    QVERIFY(text);
    const double before = text->font().pointSizeF();
    PresentationMode* p = w.presentation();
    p->setScalePercent(150);
    p->setActive(true);
    QTRY_COMPARE(text->font().pointSizeF(), before * 1.5);  // what the class reads grows too
    p->setActive(false);
    QTRY_COMPARE(text->font().pointSizeF(), before);
    p->setScalePercent(100);
}

void TestLessons::failingActionIsReported() {
    QTemporaryDir dir;
    writeFile(dir.filePath("align.json"), R"({"format": 1, "title": "A", "steps": [
        {"title": "Look closer", "actions": [{"do": "show_tab", "tab": "Filters"}, {"do": "open_alignment", "filter": 3}]}]})");
    MainWindow w;
    QVERIFY(w.openLesson(dir.filePath("align.json")));
    QVERIFY(waitIdle(w));
    QVERIFY2(w.lessonDock()->lastError().contains("action 2 (open_alignment): no filters to align yet"),
             qPrintable(w.lessonDock()->lastError()));
    QVERIFY2(w.messageText().contains("step 1") && w.messageText().contains("Look closer"), qPrintable(w.messageText()));
}

// A step that loads data and trains at once (the teacher pressing Next before the data are
// ready): training waits for the data instead of failing.
void TestLessons::trainRightAfterLoad() {
    QTemporaryDir dir;
    writeFile(dir.filePath("train.json"), R"({"format": 1, "title": "T", "steps": [
        {"title": "Go", "actions": [{"do": "load_data", "recipe": {"kind": "synthetic", "count": 2000, "length": 100}},
                                    {"do": "architecture", "preset": "CNN-25"},
                                    {"do": "set_training", "settings": {"max_epochs": 1}},
                                    {"do": "train"}, {"do": "show_tab", "tab": "Filters"}]}]})");
    MainWindow w;
    QVERIFY(w.openLesson(dir.filePath("train.json")));
    QVERIFY(waitIdle(w));
    QVERIFY2(w.lessonDock()->lastError().isEmpty(), qPrintable(w.lessonDock()->lastError()));
    QCOMPARE(w.runModel()->rowCount(), 1);
    QCOMPARE(w.runModel()->runs().front()->dataRecipe.count, 2000);
    QVERIFY(w.filterGallery()->hasFilters());
    // Run again: the step's actions once more (a second run); Back does not run them.
    w.lessonDock()->runAgain();
    QVERIFY(waitIdle(w));
    QCOMPARE(w.runModel()->rowCount(), 2);
}

// Save as lesson with two trained CNN runs (weights of the real size), then a fresh window opens
// the lesson: the runs are there at once with the gallery drawn, in under 2 s.
void TestLessons::saveAsLessonOpensPretrained() {
    QTemporaryDir dir;
    const QString path = dir.filePath("pretrained.json");
    {
        MainWindow w;
        lab::DataRecipe recipe;
        recipe.count = kQuickSequences;
        w.dataPanel()->setRecipe(recipe);
        for (const char* model : {"CNN-2", "CNN-25"}) {
            arch::Architecture a = arch::preset(model);
            a.training.maxEpochs = kQuickEpochs;
            w.architectureEditor()->setArchitecture(a);
            w.trainingSettings()->setSettings(a.training);
            QVERIFY(trainOnce(w));
        }
        QVERIFY2(w.saveAsLesson(path, "Trained before class"), qPrintable(w.messageText()));
        QCOMPARE(w.lessonDock()->stepCount(), 1);
        // A second capture is appended to the open lesson.
        QVERIFY(w.saveAsLesson(path, "Again"));
        QCOMPARE(w.lessonDock()->stepCount(), 2);
        QCOMPARE(w.runModel()->rowCount(), 2);
    }
    const lesson::Lesson saved = lesson::loadLesson(path.toStdString());
    QCOMPARE(int(saved.steps.size()), 2);
    QCOMPARE(int(saved.steps[0].runs.size()), 2);

    MainWindow fresh;
    fresh.resize(1400, 900);
    fresh.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fresh));
    QElapsedTimer clock;
    clock.start();
    QVERIFY(fresh.openLesson(path));
    QVERIFY(waitIdle(fresh, 10000));
    QCOMPARE(fresh.runModel()->rowCount(), 2);
    QVERIFY(fresh.filterGallery()->hasFilters());
    QCoreApplication::processEvents();  // the gallery paints
    const qint64 ms = clock.elapsed();
    qInfo("pre-trained lesson (2 runs, %lld bytes) opened with its gallery in %lld ms", qint64(QFileInfo(path).size()), ms);
    QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
    QVERIFY(!fresh.controller()->isActive());
    QCOMPARE(fresh.architectureEditor()->architecture().name, std::string("CNN-25"));
    // Entering the step again adds no copies; the next step shows the same runs.
    fresh.lessonDock()->goToStep(0);
    QVERIFY(waitIdle(fresh, 10000));
    QCOMPARE(fresh.runModel()->rowCount(), 2);
    fresh.lessonDock()->next();
    QVERIFY(waitIdle(fresh, 10000));
    QCOMPARE(fresh.runModel()->rowCount(), 2);
}

QTEST_MAIN(TestLessons)
#include "test_lessons.moc"
