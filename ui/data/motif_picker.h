#pragma once
// MotifPicker: chooses motifs from a motif database (the bundled JASPAR CORE vertebrates set)
// for the synthetic data set. A search field filters by ID or name ("sp1", "MA0079"); each row
// shows a small sequence logo (information content, bits), the name, ID, width and total
// information content; a checkbox (click, or Space) picks the motif.
//
// Order matters: the selected IDs are class labels 0, 1, ... in the order they were picked
// (each row shows its label number), matching synth::SynthConfig::motifs. IDs that are not in
// the database (e.g. from a session written with another database) stay selected and are
// listed as missing, so nothing the user chose is silently dropped; loadData then reports them.
//
// The picker shares the database (shared_ptr to const) and never modifies it.

#include "motif/motif.h"

#include <QWidget>

#include <memory>
#include <string>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace motifloom::ui {

class MotifListModel;

class MotifPicker : public QWidget {
    Q_OBJECT
public:
    explicit MotifPicker(QWidget* parent = nullptr);
    ~MotifPicker() override;

    // Shows `database` (null: the list is empty and `label` explains why, e.g. "Loading...").
    void setDatabase(std::shared_ptr<const motif::MotifList> database, const QString& label);
    std::shared_ptr<const motif::MotifList> database() const;

    // Picked IDs in label order. setSelectedIds does not emit selectionChanged.
    std::vector<std::string> selectedIds() const;
    void setSelectedIds(const std::vector<std::string>& ids);

    // Text filter as typed in the search field.
    void setFilterText(const QString& text);
    // Rows currently listed (after filtering).
    int visibleCount() const;

Q_SIGNALS:
    void selectionChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateStatus();

    bool mProgrammatic = false;  // model changes made by code, not by a user pick

    MotifListModel* mModel = nullptr;
    QSortFilterProxyModel* mProxy = nullptr;
    QLineEdit* mSearch = nullptr;
    QListView* mList = nullptr;
    QCheckBox* mOnlySelected = nullptr;
    QLabel* mSource = nullptr;
    QLabel* mStatus = nullptr;
};

// Colour of class `index` in previews and legends (12 well-separated hues, then repeating).
QColor classColour(int index);

}  // namespace motifloom::ui
