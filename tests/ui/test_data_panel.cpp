// Tests of the data panel (recipe round trip through the controls, background load, error and
// cancel paths, narrow docks); the recipe and its loader are tested in
// tests/core/lab/test_data_loader.cpp.

#include "widgets/adaptive_box.h"
#include "widgets/wrap_label.h"
#include "data/data_panel.h"
#include "lab/data_loader.h"
#include "core/lab/data_recipe_samples.h"
#include "data/motif_picker.h"
#include "data/sequence_preview.h"

#include "util/input_error.h"

#include <QFile>
#include <QListView>
#include <QScrollArea>
#include <QTableWidget>
#include <nlohmann/json.hpp>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace motifloom;
using testing::fasta;
using testing::smallSynthetic;
using testing::writeText;
using motifloom::lab::DataRecipe;
using motifloom::lab::LoadedData;



class TestDataPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void panelRecipeRoundTrip_data();
    void panelRecipeRoundTrip();
    void panelLoadsInBackground();
    void panelReportsErrors();
    void panelCancel();
    void pickerAndPreview();
    void panelFitsANarrowDock();
    void shortDockScrollsLoadedData();

private:
    QTemporaryDir mDir;
    QString path(const QString& name) const { return mDir.filePath(name); }
};

void TestDataPanel::initTestCase() {
    QVERIFY(mDir.isValid());
    testing::writeSampleFastaFiles(QDir(mDir.path()));
}

// ---- the panel ----------------------------------------------------------------------------------

// The recipes of tests/core/lab/test_data_loader.cpp's JSON round trip, through the controls.
void TestDataPanel::panelRecipeRoundTrip_data() {
    testing::addSampleRecipeRows();
}

void TestDataPanel::panelRecipeRoundTrip() {
    QFETCH(lab::DataRecipe, recipe);
    ui::DataPanel panel;
    QVERIFY(panel.recipe() == lab::DataRecipe::paperSynthetic());  // the first-run demo
    QVERIFY(!panel.data());
    if (recipe.seed > (std::uint64_t(1) << 53)) recipe.seed = 12345;  // the field takes any 64-bit seed...
    QSignalSpy changed(&panel, &ui::DataPanel::recipeChanged);
    panel.setRecipe(recipe);
    QCOMPARE(changed.count(), 1);
    const lab::DataRecipe back = panel.recipe();
    QVERIFY2(back == recipe, qPrintable(QString::fromStdString(back.toJson().dump(1) + "\nvs\n" + recipe.toJson().dump(1))));
}

void TestDataPanel::panelLoadsInBackground() {
    ui::DataPanel panel;
    QSignalSpy ready(&panel, &ui::DataPanel::dataChanged);
    QSignalSpy loading(&panel, &ui::DataPanel::loadingChanged);
    panel.setRecipe(smallSynthetic());
    panel.load();
    QVERIFY(panel.isLoading() || ready.count() == 1);
    QVERIFY(ready.count() == 1 || ready.wait(20000));
    QVERIFY(!panel.isLoading());
    const auto data = panel.data();
    QVERIFY(data);
    QCOMPARE(data->splits.train.size(), std::size_t(210));
    QVERIFY(data->recipe == smallSynthetic());
    QCOMPARE(loading.count(), 2);  // on, off
}

void TestDataPanel::panelReportsErrors() {
    ui::DataPanel panel;
    QSignalSpy errors(&panel, &ui::DataPanel::errorOccurred);
    lab::DataRecipe r;
    r.kind = lab::DataRecipe::Kind::Fasta;
    r.files = {path("does-not-exist.fa").toStdString()};
    panel.setRecipe(r);
    panel.load();
    QVERIFY(errors.wait(10000));
    QVERIFY(errors.first().first().toString().contains("does-not-exist.fa"));
    QVERIFY(!panel.data());

    // An impossible synthetic recipe is an error message too, not a crash.
    lab::DataRecipe s = smallSynthetic();
    s.kProbs = {0.5, 0.2};
    panel.setRecipe(s);
    panel.load();
    QVERIFY(errors.wait(10000));
    QVERIFY2(errors.last().first().toString().contains("K probabilities"), qPrintable(errors.last().first().toString()));
}

void TestDataPanel::panelCancel() {
    ui::DataPanel panel;
    QSignalSpy ready(&panel, &ui::DataPanel::dataChanged);
    QSignalSpy loading(&panel, &ui::DataPanel::loadingChanged);
    const lab::DataRecipe big = lab::DataRecipe::paperSynthetic();
    panel.setRecipe(big);
    panel.load();
    QVERIFY(panel.isLoading());
    panel.cancel();  // returns at once; the worker's result is dropped
    QCOMPARE(loading.count(), 2);
    QVERIFY(!panel.isLoading());
    QTest::qWait(600);  // long enough for the abandoned worker to finish
    QCOMPARE(ready.count(), 0);
    QVERIFY(!panel.data());

    // Starting a new load while one runs supersedes it; only the last one delivers.
    panel.setRecipe(big);
    panel.load();
    panel.setRecipe(smallSynthetic());
    panel.load();
    QVERIFY(ready.wait(20000));
    QCOMPARE(panel.data()->splits.train.size(), std::size_t(210));
    QTest::qWait(50);
    QCOMPARE(ready.count(), 1);
}

// The panel lives in a side dock: it must not force the window wider than a laptop allows.
void TestDataPanel::panelFitsANarrowDock() {
    ui::DataPanel panel;
    const int width = panel.minimumSizeHint().width();
    if (width > 480) {
        for (QWidget* w : panel.findChildren<QWidget*>())
            if (w->minimumSizeHint().width() > 400)
                qWarning("%s (%s): %d px", w->metaObject()->className(), qPrintable(w->objectName()),
                         w->minimumSizeHint().width());
    }
    QVERIFY2(width <= 480, qPrintable(QString("minimum width %1 px").arg(width)));

    // Wide: motifs, settings and preview side by side; narrow: stacked.
    panel.resize(1600, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const auto boxes = panel.findChildren<ui::AdaptiveBox*>();
    QVERIFY(!boxes.isEmpty());
    auto* page = boxes.front();
    QTRY_VERIFY(page->isSideBySide());
    panel.resize(width, 900);
    QTRY_VERIFY(!page->isSideBySide());
    QVERIFY(page->width() < page->sideBySideWidth());
}

// A laptop's dock (1280 x 800: about 320 x 600) is shorter than the loaded data's summary,
// class table and preview together: the part scrolls, and the summary keeps every line.
void TestDataPanel::shortDockScrollsLoadedData() {
    ui::DataPanel panel;
    QSignalSpy ready(&panel, &ui::DataPanel::dataChanged);
    panel.setRecipe(smallSynthetic());
    panel.load();
    QVERIFY(ready.count() == 1 || ready.wait(20000));
    panel.resize(320, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    ui::WrapLabel* summary = nullptr;
    for (auto* label : panel.findChildren<ui::WrapLabel*>())
        if (label->text().contains("sequences of")) summary = label;
    QVERIFY(summary);
    QTRY_VERIFY2(summary->height() >= summary->heightForWidth(summary->width()),
                 qPrintable(QString("summary %1 px high, its text needs %2 px")
                                .arg(summary->height()).arg(summary->heightForWidth(summary->width()))));
    auto* table = panel.findChild<QTableWidget*>();
    QVERIFY(table);
    QVERIFY(table->height() >= table->minimumSizeHint().height());
    // The class table and summary sit in a vertical scroll area that can reach all of them.
    QScrollArea* scroll = nullptr;
    for (QWidget* w = table->parentWidget(); w && !scroll; w = w->parentWidget()) scroll = qobject_cast<QScrollArea*>(w);
    QVERIFY(scroll);
    QVERIFY(scroll->widget()->isAncestorOf(summary));
}

void TestDataPanel::pickerAndPreview() {
    ui::MotifPicker picker;
    QSignalSpy picked(&picker, &ui::MotifPicker::selectionChanged);
    const std::vector<std::string> ids{"MA0079.3", "MA9999.9", "MA0151.1"};  // one unknown: kept, not dropped
    picker.setSelectedIds(ids);
    picker.setDatabase(lab::motifDatabase(MOTIFLOOM_JASPAR_FILE), "JASPAR");
    QCOMPARE(picker.selectedIds(), ids);
    QCOMPARE(picked.count(), 0);  // programmatic changes are not picks
    const int all = picker.visibleCount();
    QVERIFY(all > 100);
    picker.setFilterText("sp1");
    QVERIFY(picker.visibleCount() >= 1 && picker.visibleCount() < all);
    picker.setFilterText("MA0079");
    QVERIFY(picker.visibleCount() >= 1);
    picker.setFilterText("no such motif");
    QCOMPARE(picker.visibleCount(), 0);

    // A click on a row picks its motif (appended: the next class label), a second click unpicks.
    picker.setFilterText("MA0095.2");  // YY1
    picker.resize(500, 400);
    picker.show();
    QVERIFY(QTest::qWaitForWindowExposed(&picker));
    auto* list = picker.findChild<QListView*>();
    QVERIFY(list && picker.visibleCount() == 1);
    const QRect rowRect = list->visualRect(list->model()->index(0, 0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rowRect.center());
    QCOMPARE(picked.count(), 1);
    QCOMPARE(picker.selectedIds().back(), std::string("MA0095.2"));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rowRect.center());
    QCOMPARE(picked.count(), 2);
    QCOMPARE(picker.selectedIds(), ids);

    ui::SequencePreview preview;
    QCOMPARE(preview.basesPerLine(2000) % 10, 0);
    QVERIFY(preview.basesPerLine(2000) > preview.basesPerLine(600));
    QCOMPARE(preview.basesPerLine(10), 10);
    ui::PreviewSequence row;
    row.title = "s1";
    row.codes.assign(200, 1);
    row.motifs.push_back({10, 12, '-', "SP1", "MA0079.3", QColor(Qt::red)});
    const int empty = preview.heightForWidth(800);
    preview.setSequences({row, row});
    QVERIFY(preview.heightForWidth(800) > empty);
    QVERIFY(preview.heightForWidth(400) > preview.heightForWidth(1600));  // narrower: more lines
    preview.resize(800, preview.heightForWidth(800));
    QVERIFY(!preview.grab().isNull());
}

QTEST_MAIN(TestDataPanel)
#include "test_data_panel.moc"
