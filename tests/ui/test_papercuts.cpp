// Tests for the papercuts a new user found (issue 11): HTML entities in the message bar and an
// Architecture panel out of step with the loaded data; class names and label mode that stick
// after Clear; runs named by model, data and seed, renamable, and Compare rows that do not call
// the same model on other data "(2)"; "press Generate" next to a "Load data" button; Pause that
// never said Resume; one folder per kind of file dialog; "custom" against "Custom".
#include "app_window/main_window.h"
#include "app_window/settings.h"
#include "architecture/architecture_editor.h"
#include "compare/compare_table.h"
#include "data/data_panel.h"
#include "runs/run_list_model.h"
#include "training/training_controller.h"
#include "training/training_settings_widget.h"
#include "training/training_types.h"

#include "../core/lab/data_recipe_samples.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QUrl>
#include <QtTest>

using namespace motifloom;
using namespace motifloom::ui;

namespace {

void dropFiles(QWidget* target, const QStringList& paths) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& p : paths) urls << QUrl::fromLocalFile(p);
    mime.setUrls(urls);
    // As a real drag: the drop goes only to a widget that accepted the drag's entry.
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
}

QStringList itemTexts(const QListWidget* list) {
    QStringList out;
    for (int i = 0; i < list->count(); ++i) out << list->item(i)->text();
    return out;
}

QPushButton* buttonNamed(QWidget* root, const QString& text) {
    for (QPushButton* b : root->findChildren<QPushButton*>())
        if (b->text().remove('&') == text) return b;
    return nullptr;
}

std::shared_ptr<lab::RunRecord> runOn(int id, const std::string& arch, const lab::DataRecipe& data, std::uint64_t seed) {
    auto r = std::make_shared<lab::RunRecord>();
    r->id = id;
    r->architecture.name = arch;
    r->architecture.training.seed = seed;
    r->dataRecipe = data;
    r->dataSummary = data.describe();
    r->label = jobLabel(r->architecture, data);
    return r;
}

}  // namespace

class TestPapercuts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void messageBarShowsArrowsAndArchitectureFollowsData();
    void clearForgetsClassNamesAndLabelModeIsGuessed();
    void runNamesCarryDataAndSeed();
    void compareDoesNotNumberTheSameModelOnOtherData();
    void runsCanBeRenamedAndKeepTheirName();
    void idleSummaryNamesTheButton();
    void pauseTurnsIntoResume();
    void lastFolderPerKind();
    void oneSpellingOfCustom();
};

void TestPapercuts::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("MotifLoomTest");
    QCoreApplication::setApplicationName("test_papercuts");
    QSettings().clear();
}

void TestPapercuts::messageBarShowsArrowsAndArchitectureFollowsData() {
    MainWindow w;
    w.show();
    QCOMPARE(w.architectureEditor()->architecture().numClasses, 12);  // CNN-25 for the paper's 12 motifs
    w.dataPanel()->setRecipe(testing::smallSynthetic());              // 3 motifs: 3 classes, 120 nt
    QSignalSpy loaded(w.dataPanel(), &DataPanel::dataChanged);
    w.dataPanel()->load();
    QVERIFY(loaded.wait(60000));
    // The Architecture panel shows what will be trained.
    QCOMPARE(w.architectureEditor()->architecture().numClasses, 3);
    QCOMPARE(w.architectureEditor()->architecture().inputLength, 120);
    QCOMPARE(w.architectureEditor()->architecture().name, std::string("CNN-25"));
    // The note is rich text: the user reads "12 → 3 classes", never "-&gt;".
    const QString html = w.messageText();
    QVERIFY2(html.contains("12 \u2192 3 classes"), qPrintable(html));
    QTextDocument doc;
    doc.setHtml(html);
    QVERIFY2(!doc.toPlainText().contains("&gt;") && !doc.toPlainText().contains("&amp;"), qPrintable(doc.toPlainText()));
    bool richLabel = false;
    for (QLabel* l : w.findChildren<QLabel*>())
        if (l->text() == html) richLabel = l->textFormat() == Qt::RichText;
    QVERIFY(richLabel);
}

void TestPapercuts::clearForgetsClassNamesAndLabelModeIsGuessed() {
    QTemporaryDir dir;
    testing::writeSampleFastaFiles(QDir(dir.path()));
    DataPanel panel;
    auto* list = panel.findChild<QListWidget*>("fastaFiles");
    QVERIFY(list);
    // Two class files: one file per class, names from the files.
    dropFiles(&panel, {dir.filePath("CTCF.fa"), dir.filePath("REST.fa")});
    QCOMPARE(list->count(), 2);
    QCOMPARE(panel.recipe().labelMode, seqio::LabelMode::FilePerClass);
    // The user names the classes, then starts again with other files.
    QLineEdit* names = nullptr;
    for (QLineEdit* e : panel.findChildren<QLineEdit*>())
        if (e->placeholderText().contains("comma-separated")) names = e;
    QVERIFY(names);
    names->setText("Oct4, Sox2");
    QVERIFY(itemTexts(list).join('|').contains("class Oct4"));
    QPushButton* clear = buttonNamed(list->parentWidget(), "Clear");  // the file list's, not the motif picker's
    QVERIFY(clear);
    clear->click();
    QCOMPARE(list->count(), 0);
    QVERIFY(panel.recipe().classNames.empty());
    // neg before pos: positive / negative, the positives put first.
    dropFiles(&panel, {dir.filePath("neg.fa"), dir.filePath("pos.fa")});
    QCOMPARE(panel.recipe().labelMode, seqio::LabelMode::PositiveNegative);
    QCOMPARE(itemTexts(list), QStringList({"positive  \u2014  pos.fa", "negative  \u2014  neg.fa"}));
    QVERIFY(!itemTexts(list).join('|').contains("Oct4"));
    // One file: labels in its headers.
    clear->click();
    dropFiles(&panel, {dir.filePath("multi.fa")});
    QCOMPARE(panel.recipe().labelMode, seqio::LabelMode::HeaderTokens);
    // A mode chosen by hand is kept when files are added.
    auto* mode = panel.findChildren<QComboBox*>().at(0);
    for (QComboBox* c : panel.findChildren<QComboBox*>())
        if (c->findData(int(seqio::LabelMode::PositiveNegative)) >= 0 && c->count() == 3 &&
            c->itemText(0).contains("headers"))
            mode = c;
    const int perClass = mode->findData(int(seqio::LabelMode::FilePerClass));
    mode->setCurrentIndex(perClass);
    Q_EMIT mode->activated(perClass);  // as a click does
    dropFiles(&panel, {dir.filePath("single.fa")});
    QCOMPARE(panel.recipe().labelMode, seqio::LabelMode::FilePerClass);
}

void TestPapercuts::runNamesCarryDataAndSeed() {
    arch::Architecture a;
    a.name = "CNN-25";
    a.training.seed = 1;
    QCOMPARE(jobLabel(a, lab::DataRecipe::paperSynthetic()), std::string("CNN-25 \u00b7 synthetic 12 motifs \u00b7 seed 1"));
    lab::DataRecipe fasta;
    fasta.kind = lab::DataRecipe::Kind::Fasta;
    fasta.labelMode = seqio::LabelMode::PositiveNegative;
    fasta.files = {"/data/ctcf/pos.fa", "/data/ctcf/neg.fa"};
    QCOMPARE(jobLabel(a, fasta), std::string("CNN-25 \u00b7 pos.fa+neg.fa \u00b7 seed 1"));
    QCOMPARE(jobLabel(a, fasta, 2), std::string("CNN-25 \u00b7 pos.fa+neg.fa \u00b7 seed 1 \u00b7 trial 2"));
    fasta.files = {"a.fa", "b.fa", "c.fa", "d.fa"};
    QCOMPARE(dataShortName(fasta), std::string("a.fa+b.fa+2 more"));
}

void TestPapercuts::compareDoesNotNumberTheSameModelOnOtherData() {
    lab::DataRecipe fasta;
    fasta.kind = lab::DataRecipe::Kind::Fasta;
    fasta.files = {"pos.fa", "neg.fa"};
    const std::vector<std::shared_ptr<const lab::RunRecord>> runs{
        runOn(1, "CNN-25", lab::DataRecipe::paperSynthetic(), 1), runOn(2, "CNN-25", fasta, 1)};
    const auto rows = compareRows(runs, CompareGrouping::ByArchitecture);
    QCOMPARE(int(rows.size()), 2);
    QCOMPARE(rows[0].model, std::string("CNN-25 \u00b7 synthetic 12 motifs"));
    QCOMPARE(rows[1].model, std::string("CNN-25 \u00b7 pos.fa+neg.fa"));
    // One data set: the plain name.
    const auto one = compareRows({runs[0]}, CompareGrouping::ByArchitecture);
    QCOMPARE(one[0].model, std::string("CNN-25"));
}

void TestPapercuts::runsCanBeRenamedAndKeepTheirName() {
    QTemporaryDir dir;
    const QString path = dir.filePath("renamed.motifloom");
    {
        MainWindow w;
        w.show();
        w.runModel()->addRun(runOn(1, "CNN-25", lab::DataRecipe::paperSynthetic(), 1));
        auto* table = w.findChild<QTableView*>("runTable");
        QVERIFY(table);
        QVERIFY(table->editTriggers() & QAbstractItemView::EditKeyPressed);  // F2
        QSignalSpy renamed(w.runModel(), &RunListModel::runRenamed);
        const QModelIndex name = w.runModel()->index(0, RunListModel::Label);
        QVERIFY(w.runModel()->flags(name) & Qt::ItemIsEditable);
        QVERIFY(!(w.runModel()->flags(w.runModel()->index(0, RunListModel::Auroc)) & Qt::ItemIsEditable));
        QVERIFY(!w.runModel()->setData(name, "   "));  // an empty name is refused
        QVERIFY(w.runModel()->setData(name, "  CNN-25 on SP1 only "));
        QCOMPARE(renamed.count(), 1);
        QCOMPARE(w.runModel()->run(0)->label, std::string("CNN-25 on SP1 only"));
        QVERIFY(w.isModified());
        QVERIFY(w.saveSessionAs(path));
    }
    MainWindow w2;
    QVERIFY(w2.openSession(path));
    QCOMPARE(w2.runModel()->run(0)->label, std::string("CNN-25 on SP1 only"));
}

void TestPapercuts::idleSummaryNamesTheButton() {
    DataPanel panel;
    auto summaryText = [&] {
        for (QLabel* l : panel.findChildren<QLabel*>())
            if (l->text().startsWith("Nothing loaded yet")) return l->text();
        return QString();
    };
    QVERIFY2(summaryText().contains("<b>Generate data</b>"), qPrintable(summaryText()));
    lab::DataRecipe fasta;
    fasta.kind = lab::DataRecipe::Kind::Fasta;
    fasta.files = {"x.fa"};
    panel.setRecipe(fasta);
    QVERIFY(buttonNamed(&panel, "Load data"));
    QVERIFY2(summaryText().contains("<b>Load data</b>"), qPrintable(summaryText()));
    QVERIFY(!summaryText().contains("Generate"));
}

void TestPapercuts::pauseTurnsIntoResume() {
    MainWindow w;
    w.show();
    lab::DataRecipe r = testing::smallSynthetic();
    w.dataPanel()->setRecipe(r);
    arch::Architecture a = arch::Architecture{};
    a.name = "tiny";
    a.inputLength = r.length;
    a.numClasses = 3;
    a.layers = {arch::LayerSpec::conv(4, 9), arch::LayerSpec::act(arch::ActivationType::ReLU),
                arch::LayerSpec::maxPool(20), arch::LayerSpec::flatten(), arch::LayerSpec::dense(3, true)};
    a.training.batchSize = 10;
    a.training.maxEpochs = 500;
    a.training.patience = 0;
    w.architectureEditor()->setArchitecture(a);
    w.trainingSettings()->setSettings(a.training);
    QAction* pause = w.pauseAction();
    QCOMPARE(pause->text().remove('&'), QString("Pause"));
    w.trainAction()->trigger();
    QVERIFY(QTest::qWaitFor([&] { return w.controller()->isActive() && pause->isEnabled(); }, 60000));
    pause->trigger();
    QVERIFY(QTest::qWaitFor([&] { return w.controller()->state() == TrainingController::State::Paused; }, 20000));
    QCOMPARE(pause->text().remove('&'), QString("Resume"));
    QVERIFY(pause->toolTip().startsWith("Resume"));
    pause->trigger();
    QVERIFY(QTest::qWaitFor([&] { return w.controller()->state() != TrainingController::State::Paused; }, 20000));
    QCOMPARE(pause->text().remove('&'), QString("Pause"));
    w.stopAction()->trigger();
    QVERIFY(QTest::qWaitFor([&] { return !w.controller()->isActive(); }, 60000));
}

void TestPapercuts::lastFolderPerKind() {
    QTemporaryDir a, b;
    AppSettings::setLastDirectory(AppSettings::Folder::Sessions, a.filePath("lab.motifloom"));
    AppSettings::setLastDirectory(AppSettings::Folder::Fasta, b.path());
    QCOMPARE(AppSettings::lastDirectory(AppSettings::Folder::Sessions), QFileInfo(a.path()).absoluteFilePath());
    QCOMPARE(AppSettings::lastDirectory(AppSettings::Folder::Fasta), QFileInfo(b.path()).absoluteFilePath());
    // A kind never used starts in the folder used last.
    QCOMPARE(AppSettings::lastDirectory(AppSettings::Folder::Models), QFileInfo(b.path()).absoluteFilePath());
}

void TestPapercuts::oneSpellingOfCustom() {
    MainWindow w;
    auto* combo = w.findChild<QComboBox*>("presetCombo");
    QVERIFY(combo);
    QVERIFY2(combo->itemText(0).startsWith("Custom"), qPrintable(combo->itemText(0)));
    arch::Architecture a = w.architectureEditor()->architecture();
    a.name = "mine";
    w.architectureEditor()->setArchitecture(a);
    QCOMPARE(combo->currentText(), QString("Custom: mine"));
}

QTEST_MAIN(TestPapercuts)
#include "test_papercuts.moc"
