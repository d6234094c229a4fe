// Tests of the data panel's recipe and loader (DataRecipe JSON, loadData on small synthetic and
// FASTA inputs, errors naming the line, cancellation) and of the panel itself (recipe round
// trip, background load, error and cancel paths).

#include "widgets/adaptive_box.h"
#include "data/data_panel.h"
#include "data_recipe.h"
#include "data/motif_picker.h"
#include "data/sequence_preview.h"

#include "util/input_error.h"

#include <QFile>
#include <QListView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace motifloom;
using motifloom::ui::DataRecipe;
using motifloom::ui::LoadedData;

Q_DECLARE_METATYPE(motifloom::ui::DataRecipe)

namespace {

void writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(text);
}

DataRecipe smallSynthetic() {
    DataRecipe r;
    r.motifIds = {"MA0151.1", "MA0079.3", "MA0095.2"};  // ARID3A, SP1, YY1
    r.count = 300;
    r.length = 120;
    r.kProbs = {0.6, 0.4};
    r.seed = 7;
    return r;
}

// A FASTA text of `n` records of `len` bases, each header followed by `suffix(i)`.
QByteArray fasta(int n, int len, const std::function<QByteArray(int)>& suffix, char base = 'A') {
    QByteArray out;
    const char bases[] = "ACGT";
    for (int i = 0; i < n; ++i) {
        out += ">s" + QByteArray::number(i) + " " + suffix(i) + "\n";
        QByteArray seq;
        for (int j = 0; j < len; ++j) seq += (j % 7 == 0) ? base : bases[(i * 3 + j) % 4];
        out += seq + "\n";
    }
    return out;
}

}  // namespace

class TestDataPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void recipeJsonRoundTrip_data();
    void recipeJsonRoundTrip();
    void recipeJsonErrors_data();
    void recipeJsonErrors();
    void loadSmallSynthetic();
    void loadFasta_data();
    void loadFasta();
    void loadFastaSplitOptions();
    void brokenFastaNamesTheLine_data();
    void brokenFastaNamesTheLine();
    void cancellation();
    void panelRecipeRoundTrip_data();
    void panelRecipeRoundTrip();
    void panelLoadsInBackground();
    void panelReportsErrors();
    void panelCancel();
    void pickerAndPreview();
    void panelFitsANarrowDock();

private:
    QTemporaryDir mDir;
    QString path(const QString& name) const { return mDir.filePath(name); }
};

void TestDataPanel::initTestCase() {
    QVERIFY(mDir.isValid());
    writeText(path("multi.fa"), fasta(50, 80, [](int i) { return "labels=" + QByteArray(i % 2 ? "1,0" : "0,1"); }));
    writeText(path("single.fa"), fasta(40, 90, [](int i) { return "class=" + QByteArray(i % 3 ? "CTCF" : "REST"); }));
    writeText(path("CTCF.fa"), fasta(30, 100, [](int) { return QByteArray(); }, 'C'));
    writeText(path("REST.fa"), fasta(20, 100, [](int) { return QByteArray(); }, 'G'));
    writeText(path("NRSF.fa.gz.txt"), "");  // not used; makes sure stems do not collide
    writeText(path("pos.fa"), fasta(25, 60, [](int) { return QByteArray(); }));
    writeText(path("neg.fa"), fasta(35, 70, [](int) { return QByteArray(); }));  // longer: cropped to 60
}

// ---- DataRecipe JSON ----------------------------------------------------------------------------

void TestDataPanel::recipeJsonRoundTrip_data() {
    QTest::addColumn<DataRecipe>("recipe");
    QTest::newRow("paper_default") << DataRecipe::paperSynthetic();
    DataRecipe s = smallSynthetic();
    s.gc = 0.41;
    s.reverseComplements = false;
    s.seed = 18446744073709551615ull;  // beyond 2^53: written as a string
    s.splitFractions = {0.8, 0.1, 0.1};
    QTest::newRow("synthetic_big_seed") << s;
    DataRecipe f;
    f.kind = DataRecipe::Kind::Fasta;
    f.labelMode = seqio::LabelMode::FilePerClass;
    f.files = {"/data/CTCF.fa.gz", "/data/REST.fasta"};
    f.classNames = {"ctcf", "rest"};
    f.targetLength = 1000;
    f.padWithN = true;
    f.splitMode = DataRecipe::SplitMode::AssignmentFile;
    f.splitFile = "/data/split.txt";
    f.splitSeed = 99;
    f.expectedMotifIds = {"MA0139.1"};
    f.motifDatabase = "/data/my.meme";
    QTest::newRow("fasta_per_class") << f;
    DataRecipe g;
    g.kind = DataRecipe::Kind::Fasta;
    g.splitMode = DataRecipe::SplitMode::SeparateFiles;
    g.trainFile = "t.fa";
    g.validFile = "v.fa";
    g.testFile = "x.fa";
    QTest::newRow("fasta_separate") << g;
}

void TestDataPanel::recipeJsonRoundTrip() {
    QFETCH(DataRecipe, recipe);
    const QJsonObject json = recipe.toJson();
    QVERIFY(DataRecipe::fromJson(json) == recipe);
    QVERIFY(DataRecipe::fromJson(QJsonObject{}) == DataRecipe{});  // every key optional
    QVERIFY(!recipe.describe().empty());
}

void TestDataPanel::recipeJsonErrors_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("fail_kind") << "kind" << QJsonValue("protein") << "unknown data kind 'protein'";
    QTest::newRow("fail_count_type") << "count" << QJsonValue("many") << "'count' must be a whole number";
    QTest::newRow("fail_count_fraction") << "count" << QJsonValue(2.5) << "'count' must be a whole number";
    QTest::newRow("fail_label_mode") << "label_mode" << QJsonValue("guess") << "unknown label mode 'guess'";
    QTest::newRow("fail_split_fractions") << "split_fractions" << QJsonValue(QJsonArray{0.5, 0.5}) << "3 numbers";
    QTest::newRow("fail_seed") << "seed" << QJsonValue(-3) << "'seed' must be a non-negative";
    QTest::newRow("fail_files") << "files" << QJsonValue(QJsonArray{1, 2}) << "list of strings";
}

void TestDataPanel::recipeJsonErrors() {
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, fragment);
    QJsonObject json = DataRecipe{}.toJson();
    json[key] = value;
    try {
        (void)DataRecipe::fromJson(json);
        QFAIL("no error");
    } catch (const InputError& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(fragment), e.what());
        QVERIFY(QString::fromStdString(e.what()).startsWith("data recipe: "));
    }
}

// ---- loadData -----------------------------------------------------------------------------------

void TestDataPanel::loadSmallSynthetic() {
    const DataRecipe r = smallSynthetic();
    std::vector<double> fractions;
    const LoadedData d = ui::loadData(r, [&](double f, const std::string&) {
        fractions.push_back(f);
        return true;
    });
    QVERIFY(!fractions.empty());
    QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
    QCOMPARE(fractions.back(), 1.0);
    QCOMPARE(d.splits.train.size(), std::size_t(210));
    QCOMPARE(d.splits.valid.size(), std::size_t(30));
    QCOMPARE(d.splits.test.size(), std::size_t(60));
    QCOMPARE(d.splits.train.length, 120);
    QCOMPARE(d.classNames, (std::vector<std::string>{"ARID3A", "SP1", "YY1"}));
    QCOMPARE(d.trueMotifs.size(), std::size_t(3));
    QVERIFY(d.hasTruth());
    QCOMPARE(d.truthStart.back(), d.truth.size());

    // Every sequence of every split: its placements are its own, inside it, and they explain
    // its labels exactly (a class is positive iff one of its motifs was embedded).
    std::size_t placements = 0;
    for (auto part : {synth::Part::Train, synth::Part::Valid, synth::Part::Test}) {
        const seqio::SequenceSet& set = d.part(part);
        for (std::size_t i = 0; i < set.size(); ++i) {
            const auto ps = d.placementsOf(part, i);
            QVERIFY(!ps.empty() && ps.size() <= 2);
            std::vector<float> expected(3, 0.0f);
            for (const auto& p : ps) {
                QCOMPARE(p.sequence, d.sourceIndex[std::size_t(part)][i]);
                QVERIFY(p.start >= 0 && p.start + p.width <= set.length);
                QCOMPARE(p.width, d.trueMotifs[std::size_t(p.motif)].width());
                expected[std::size_t(p.motif)] = 1.0f;
            }
            QVERIFY(std::equal(expected.begin(), expected.end(), set.label(i)));
            placements += ps.size();
        }
    }
    QCOMPARE(placements, d.truth.size());
    long counted = 0;
    for (const auto& c : d.classCounts) counted += c[0] + c[1] + c[2];
    QVERIFY(counted >= 300);
    QVERIFY(QString::fromStdString(d.summary).contains("300 sequences of 120 nt"));

    // Same recipe, same data.
    const LoadedData again = ui::loadData(r);
    QVERIFY(again.splits.test.codes == d.splits.test.codes);
}

void TestDataPanel::loadFasta_data() {
    QTest::addColumn<int>("mode");
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<int>("total");
    QTest::addColumn<QStringList>("classes");
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("single");
    QTest::newRow("header_labels") << int(seqio::LabelMode::HeaderTokens) << QStringList{"multi.fa"} << 50
                                   << QStringList{"class0", "class1"} << 80 << false;
    QTest::newRow("header_class") << int(seqio::LabelMode::HeaderTokens) << QStringList{"single.fa"} << 40
                                  << QStringList{"REST", "CTCF"} << 90 << true;
    QTest::newRow("file_per_class") << int(seqio::LabelMode::FilePerClass) << QStringList{"CTCF.fa", "REST.fa"} << 50
                                    << QStringList{"CTCF", "REST"} << 100 << true;
    QTest::newRow("positive_negative") << int(seqio::LabelMode::PositiveNegative) << QStringList{"pos.fa", "neg.fa"}
                                       << 60 << QStringList{"pos"} << 70 << false;
}

void TestDataPanel::loadFasta() {
    QFETCH(int, mode);
    QFETCH(QStringList, files);
    QFETCH(int, total);
    QFETCH(QStringList, classes);
    QFETCH(int, length);
    QFETCH(bool, single);
    DataRecipe r;
    r.kind = DataRecipe::Kind::Fasta;
    r.labelMode = seqio::LabelMode(mode);
    for (const QString& f : files) r.files.push_back(path(f).toStdString());
    r.splitSeed = 3;
    int calls = 0;
    const LoadedData d = ui::loadData(r, [&](double, const std::string&) { return ++calls > 0; });
    QVERIFY(calls > 0);
    const auto& s = d.splits;
    QCOMPARE(int(s.train.size() + s.valid.size() + s.test.size()), total);
    QCOMPARE(int(s.valid.size()), int(total * 0.1));
    QCOMPARE(int(s.test.size()), int(total * 0.2));
    QStringList names;
    for (const auto& n : d.classNames) names << QString::fromStdString(n);
    QCOMPARE(names, classes);
    QCOMPARE(s.train.length, length);  // the most common length
    QCOMPARE(s.train.task == seqio::TaskKind::SingleLabel, single);
    QVERIFY(!d.hasTruth());
    QVERIFY(d.placementsOf(synth::Part::Train, 0).empty());
    long counted = 0;
    for (const auto& c : d.classCounts) counted += c[0] + c[1] + c[2];
    if (single) QCOMPARE(counted, long(total));
    if (mode == int(seqio::LabelMode::PositiveNegative)) {
        QCOMPARE(counted, 25L);  // only the positives carry the class
        QCOMPARE(d.warnings.count(seqio::kWarnPadded), 25L);
        QVERIFY(QString::fromStdString(d.summary).contains("padded"));
    }
}

void TestDataPanel::loadFastaSplitOptions() {
    // Separate train / valid / test files with header labels.
    writeText(path("train.fa"), fasta(12, 50, [](int i) { return "labels=" + QByteArray(i % 2 ? "1" : "0"); }));
    writeText(path("valid.fa"), fasta(4, 50, [](int) { return QByteArray("labels=1"); }));
    writeText(path("test.fa"), fasta(6, 50, [](int) { return QByteArray("labels=0"); }));
    DataRecipe r;
    r.kind = DataRecipe::Kind::Fasta;
    r.splitMode = DataRecipe::SplitMode::SeparateFiles;
    r.trainFile = path("train.fa").toStdString();
    r.validFile = path("valid.fa").toStdString();
    r.testFile = path("test.fa").toStdString();
    r.classNames = {"bound"};
    r.expectedMotifIds = {"MA0079.3"};
    const LoadedData d = ui::loadData(r);
    QCOMPARE(d.splits.train.size(), std::size_t(12));
    QCOMPARE(d.splits.valid.size(), std::size_t(4));
    QCOMPARE(d.splits.test.size(), std::size_t(6));
    QCOMPARE(d.classNames, std::vector<std::string>{"bound"});
    QCOMPARE(d.classCounts[0][1], 4L);
    QCOMPARE(d.trueMotifs.size(), std::size_t(1));
    QCOMPARE(d.trueMotifs[0].name, std::string("SP1"));

    // An assignment file: every record named once.
    QByteArray split;
    for (int i = 0; i < 50; ++i) split += "s" + QByteArray::number(i) + (i < 30 ? " train\n" : i < 40 ? "\tvalid\n" : " test\n");
    writeText(path("split.txt"), split);
    DataRecipe a;
    a.kind = DataRecipe::Kind::Fasta;
    a.files = {path("multi.fa").toStdString()};
    a.splitMode = DataRecipe::SplitMode::AssignmentFile;
    a.splitFile = path("split.txt").toStdString();
    const LoadedData e = ui::loadData(a);
    QCOMPARE(e.splits.train.size(), std::size_t(30));
    QCOMPARE(e.splits.valid.size(), std::size_t(10));
    QCOMPARE(e.splits.test.ids.front(), std::string("s40"));
}

void TestDataPanel::brokenFastaNamesTheLine_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("fail_illegal_character") << QByteArray(">a labels=1\nACGT\n>b labels=0\nACGT\nACXT\n") << "line 5";
    QTest::newRow("fail_missing_label") << QByteArray(">a labels=1\nACGT\n>b\nACGT\n") << "line 3";
    QTest::newRow("fail_truncated_record") << QByteArray(">a labels=1\nACGT\n>b labels=0\n") << "line 3";
}

void TestDataPanel::brokenFastaNamesTheLine() {
    QFETCH(QByteArray, text);
    QFETCH(QString, fragment);
    writeText(path("broken.fa"), text);
    DataRecipe r;
    r.kind = DataRecipe::Kind::Fasta;
    r.files = {path("broken.fa").toStdString()};
    try {
        (void)ui::loadData(r);
        QFAIL("no error");
    } catch (const InputError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.contains("broken.fa") && message.contains(fragment), e.what());
    }
}

void TestDataPanel::cancellation() {
    // Stop at the first progress report, at the third, and right before the end.
    for (int stopAt : {1, 3}) {
        int calls = 0;
        QVERIFY_THROWS_EXCEPTION(seqio::LoadCancelled,
                                 ui::loadData(smallSynthetic(), [&](double, const std::string&) { return ++calls < stopAt; }));
        QCOMPARE(calls, stopAt);
    }
    DataRecipe f;
    f.kind = DataRecipe::Kind::Fasta;
    f.files = {path("multi.fa").toStdString()};
    QVERIFY_THROWS_EXCEPTION(seqio::LoadCancelled,
                             ui::loadData(f, [](double fraction, const std::string&) { return fraction < 0.5; }));
    // A user stop is not an input error.
    try {
        (void)ui::loadData(f, [](double, const std::string&) { return false; });
    } catch (const InputError&) {
        QFAIL("cancellation reported as an input error");
    } catch (const seqio::LoadCancelled&) {
    }
}

// ---- the panel ----------------------------------------------------------------------------------

void TestDataPanel::panelRecipeRoundTrip_data() { recipeJsonRoundTrip_data(); }

void TestDataPanel::panelRecipeRoundTrip() {
    QFETCH(DataRecipe, recipe);
    ui::DataPanel panel;
    QVERIFY(panel.recipe() == DataRecipe::paperSynthetic());  // the first-run demo
    QVERIFY(!panel.data());
    if (recipe.seed > (std::uint64_t(1) << 53)) recipe.seed = 12345;  // the field takes any 64-bit seed...
    QSignalSpy changed(&panel, &ui::DataPanel::recipeChanged);
    panel.setRecipe(recipe);
    QCOMPARE(changed.count(), 1);
    const DataRecipe back = panel.recipe();
    QVERIFY2(back == recipe, qPrintable(QJsonDocument(back.toJson()).toJson() + "\nvs\n" +
                                        QJsonDocument(recipe.toJson()).toJson()));
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
    DataRecipe r;
    r.kind = DataRecipe::Kind::Fasta;
    r.files = {path("does-not-exist.fa").toStdString()};
    panel.setRecipe(r);
    panel.load();
    QVERIFY(errors.wait(10000));
    QVERIFY(errors.first().first().toString().contains("does-not-exist.fa"));
    QVERIFY(!panel.data());

    // An impossible synthetic recipe is an error message too, not a crash.
    DataRecipe s = smallSynthetic();
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
    const DataRecipe big = DataRecipe::paperSynthetic();
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

void TestDataPanel::pickerAndPreview() {
    ui::MotifPicker picker;
    QSignalSpy picked(&picker, &ui::MotifPicker::selectionChanged);
    const std::vector<std::string> ids{"MA0079.3", "MA9999.9", "MA0151.1"};  // one unknown: kept, not dropped
    picker.setSelectedIds(ids);
    picker.setDatabase(ui::motifDatabase(MOTIFLOOM_JASPAR_FILE), "JASPAR");
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
