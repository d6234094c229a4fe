#pragma once
// ExpectedMotifsColumn: the "Expected motifs" column of the data panel's class table, where the
// user names the database motif(s) each class should teach the filters — the GUI side of
// `--truth CLASS=ID[,ID...]` (interpret/truth_mapping.h, lab/data_truth.h). Match ground truth
// and coverage of FASTA data then work as for synthetic data.
//
// Per class row:
//   planted    synthetic data: the planted motif's ID, read-only.
//   mapped     the IDs the user typed (comma-separated; IDs, IDs without version or names,
//              completed from the motif database), shown as "MA0139.1 CTCF".
//   proposed   no entry, and the class name is a database motif's name (case-insensitive):
//              that motif, in italics after "proposed:", with a tooltip. It counts like a
//              mapping; editing confirms it (or anything else), clearing it drops it ("none").
//   none       nothing expected: "—".
// Editing a cell checks the IDs against the database: an unknown one is reported through
// problem() and the cell keeps its previous value; a good edit emits mappingChanged.

#include "interpret/truth_mapping.h"
#include "lab/data_loader.h"
#include "motif/motif.h"

#include <QObject>
#include <QString>

#include <memory>
#include <string>
#include <vector>

class QTableWidget;
class QTableWidgetItem;

namespace motifloom::ui {

class ExpectedMotifsColumn : public QObject {
    Q_OBJECT
public:
    // Manages column `column` of `table` (the table keeps its other columns).
    ExpectedMotifsColumn(QTableWidget* table, int column, QObject* parent = nullptr);

    // The database for completion, lookups and proposals (null: none yet; proposals appear
    // when it arrives).
    void setDatabase(std::shared_ptr<const motif::MotifList> database);
    // Fills the column for `data`'s classes (rows in class order) with `mapping`.
    void showData(std::shared_ptr<const lab::LoadedData> data, interpret::TruthMapping mapping);
    void clear();

    const interpret::TruthMapping& mapping() const { return mMapping; }
    // The true motifs the column currently stands for (lab::runTruth; empty without data or
    // database).
    interpret::RunTruth truth() const;
    // Text of class `row`'s cell as shown, and whether it is a proposal (for tests).
    QString cellText(int row) const;
    bool isProposal(int row) const;
    // Sets class `row`'s expected motifs as if the user typed `text`; false when the cell is
    // read-only or names an unknown motif (problem() says which).
    bool editCell(int row, const QString& text);

Q_SIGNALS:
    void mappingChanged();  // mapping() holds the new mapping
    void problem(const QString& message);

private:
    void refresh();
    void itemChanged(QTableWidgetItem* item);

    QTableWidget* mTable;
    int mColumn;
    std::shared_ptr<const motif::MotifList> mDatabase;
    std::shared_ptr<const lab::LoadedData> mData;
    interpret::TruthMapping mMapping;
    bool mFilling = false;
    bool mLastEditOk = true;
};

}  // namespace motifloom::ui
