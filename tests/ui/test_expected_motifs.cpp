// The data panel's "Expected motifs" column (ui/data/expected_motifs_column.h): proposals from
// class names, edits checked against the database, the mapping kept in the recipe and in the
// loaded data without a reload, planted motifs read-only, completion from the JASPAR list.
#include "data/data_panel.h"
#include "data/expected_motifs_column.h"
#include "lab/data_loader.h"

#include "core/lab/data_recipe_samples.h"

#include <QAbstractItemDelegate>
#include <QCompleter>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStyleOptionViewItem>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace motifloom;

class TestExpectedMotifs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(mDir.isValid());
        testing::writeSampleFastaFiles(QDir(mDir.path()));
    }

    void proposalAndEdits() {
        ui::DataPanel panel;
        lab::DataRecipe r;
        r.kind = lab::DataRecipe::Kind::Fasta;
        r.labelMode = seqio::LabelMode::FilePerClass;
        r.files = {mDir.filePath("CTCF.fa").toStdString(), mDir.filePath("pos.fa").toStdString()};
        panel.setRecipe(r);
        QSignalSpy ready(&panel, &ui::DataPanel::dataChanged);
        panel.load();
        QVERIFY(ready.count() == 1 || ready.wait(20000));
        QCOMPARE(panel.data()->classNames, (std::vector<std::string>{"CTCF", "pos"}));
        ui::ExpectedMotifsColumn* column = panel.expectedMotifs();
        QVERIFY(column);

        // The class named CTCF: MA0139.1 proposed (once the database has been read); "pos": none.
        QTRY_VERIFY(column->isProposal(0));
        QCOMPARE(column->cellText(0), QString("proposed: MA0139.1 CTCF"));
        QCOMPARE(column->cellText(1), QString("\u2014"));
        QVERIFY(!column->isProposal(1));
        auto* table = panel.findChild<QTableWidget*>();
        QVERIFY(table);
        QCOMPARE(table->horizontalHeaderItem(4)->text(), QString("Expected\nmotifs"));
        QVERIFY(table->item(0, 4)->font().italic());
        QVERIFY(table->item(0, 4)->toolTip().contains("Proposed"));
        QVERIFY(!(table->item(0, 1)->flags() & Qt::ItemIsEditable));  // counts are not editable
        interpret::RunTruth truth = column->truth();
        QCOMPARE(truth.keys(), (std::vector<std::string>{"MA0139.1"}));
        QCOMPARE(truth.proposedCount(), 1);

        // An unknown ID: refused with a message naming it; nothing changes.
        QSignalSpy problems(column, &ui::ExpectedMotifsColumn::problem);
        QSignalSpy recipeChanged(&panel, &ui::DataPanel::recipeChanged);
        QVERIFY(!column->editCell(1, "MA9999.1"));
        QCOMPARE(problems.count(), 1);
        QCOMPARE(problems.first().first().toString(),
                 QString("Expected motifs of class pos: no motif 'MA9999.1' in the motif database."));
        QVERIFY(column->mapping().empty());
        QCOMPARE(column->cellText(1), QString("\u2014"));
        QCOMPARE(recipeChanged.count(), 0);

        // A name and a bare ID: resolved to database IDs, kept in the recipe and the loaded data.
        const auto before = panel.data();
        QVERIFY(column->editCell(1, "Pax4, MA0142"));
        QCOMPARE(column->cellText(1), QString("MA0068.1 Pax4, MA0142.1 Pou5f1::Sox2"));
        QCOMPARE(recipeChanged.count(), 1);
        const interpret::TruthMapping expected{{"pos", {"MA0068.1", "MA0142.1"}}};
        QVERIFY(panel.recipe().truthMapping == expected);
        QVERIFY(panel.data()->recipe.truthMapping == expected);
        QCOMPARE(panel.data()->splits.train.size(), before->splits.train.size());  // no reload
        QVERIFY(panel.data()->recipe == panel.recipe());  // the data stay current for training

        // Clearing the proposal drops it ("none").
        QVERIFY(column->editCell(0, ""));
        QCOMPARE(column->cellText(0), QString("none"));
        QVERIFY(!column->isProposal(0));
        truth = column->truth();
        QCOMPARE(truth.keys(), (std::vector<std::string>{"MA0068.1", "MA0142.1"}));

        // The completer offers the database's motifs ("MA0139.1 CTCF").
        QAbstractItemDelegate* delegate = table->itemDelegateForColumn(4);
        QVERIFY(delegate);
        QWidget* editor = delegate->createEditor(table->viewport(), QStyleOptionViewItem(), table->model()->index(1, 4));
        auto* edit = qobject_cast<QLineEdit*>(editor);
        QVERIFY(edit && edit->completer());
        QVERIFY(edit->completer()->model()->rowCount() > 100);
        edit->completer()->setCompletionPrefix("CTCF");
        QVERIFY(edit->completer()->completionCount() >= 1);
        delete editor;
    }

    void plantedIsReadOnly() {
        ui::DataPanel panel;
        panel.setRecipe(testing::smallSynthetic());
        QSignalSpy ready(&panel, &ui::DataPanel::dataChanged);
        panel.load();
        QVERIFY(ready.count() == 1 || ready.wait(20000));
        ui::ExpectedMotifsColumn* column = panel.expectedMotifs();
        QTRY_COMPARE(column->cellText(1), QString("MA0079.3 SP1"));
        QVERIFY(!column->isProposal(1));
        QVERIFY(!column->editCell(1, "MA0139.1"));
        QTRY_COMPARE(column->truth().motifs.size(), std::size_t(3));
    }

private:
    QTemporaryDir mDir;
};

QTEST_MAIN(TestExpectedMotifs)
#include "test_expected_motifs.moc"
