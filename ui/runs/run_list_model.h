#pragma once
// RunListModel: the session's kept runs as a table (one row per run, oldest first) for the
// "Runs" list: id, label, architecture, data, seed, epochs, status, test AUROC / AUPR,
// match-any, match-ground-truth, coverage, time. Qt::DisplayRole is formatted text;
// Qt::UserRole holds the raw value for sorting (numbers; NaN sorts as -1). RunRole gives the
// run itself. The model shares the (immutable) runs; it owns nothing else.
// The Name column is editable (F2 / double-click in the Runs list): renaming replaces the run
// by a renamed copy and emits runRenamed.

#include "lab/run_record.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace motifloom::ui {

class RunListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Label, Architecture, Data, Seed, Epochs, Status, Auroc, Aupr, MatchAny, MatchTruth, Coverage, Time, ColumnCount };
    static constexpr int RunRole = Qt::UserRole + 1;

    explicit RunListModel(QObject* parent = nullptr);

    void setRuns(std::vector<std::shared_ptr<const lab::RunRecord>> runs);
    void addRun(std::shared_ptr<const lab::RunRecord> run);
    void removeRunsById(const std::vector<int>& ids);
    const std::vector<std::shared_ptr<const lab::RunRecord>>& runs() const { return mRuns; }
    std::shared_ptr<const lab::RunRecord> run(int row) const;
    int rowOfId(int id) const;  // -1 when absent
    // New name (trimmed, not empty, different); false when nothing changed.
    bool renameRun(int row, const QString& name);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

Q_SIGNALS:
    void runRenamed(int id);

private:
    std::vector<std::shared_ptr<const lab::RunRecord>> mRuns;
};

}  // namespace motifloom::ui
