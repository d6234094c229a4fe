#include "data/expected_motifs_column.h"

#include "lab/data_truth.h"
#include "motif/motif_lookup.h"
#include "util/text.h"

#include <QCompleter>
#include <QLineEdit>
#include <QStringListModel>
#include <QStyledItemDelegate>
#include <QTableWidget>

namespace motifloom::ui {
namespace {

constexpr int kIdsRole = Qt::UserRole + 1;       // the IDs as the editor starts with them
constexpr int kProposalRole = Qt::UserRole + 2;  // bool

// Completes the last item of a comma-separated list ("MA0139.1, MA01" completes "MA01").
class ListCompleter : public QCompleter {
public:
    using QCompleter::QCompleter;
    QStringList splitPath(const QString& path) const override {
        return {path.section(QLatin1Char(','), -1).trimmed()};
    }
    QString pathFromIndex(const QModelIndex& index) const override {
        const QString chosen = index.data(Qt::EditRole).toString().section(QLatin1Char(' '), 0, 0);
        auto* edit = qobject_cast<QLineEdit*>(widget());
        const QString text = edit ? edit->text() : QString();
        const int comma = text.lastIndexOf(QLatin1Char(','));
        return comma < 0 ? chosen : text.left(comma + 1) + QLatin1Char(' ') + chosen;
    }
};

// A line editor with completion from the database ("MA0139.1 CTCF" entries, matched anywhere).
class ExpectedMotifsDelegate : public QStyledItemDelegate {
public:
    explicit ExpectedMotifsDelegate(QObject* parent) : QStyledItemDelegate(parent) {}
    QStringList entries;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const override {
        auto* edit = new QLineEdit(parent);
        edit->setPlaceholderText(tr("e.g. MA0139.1 (comma-separated)"));
        auto* completer = new ListCompleter(new QStringListModel(entries, edit), edit);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        edit->setCompleter(completer);
        return edit;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override {
        static_cast<QLineEdit*>(editor)->setText(index.data(kIdsRole).toString());
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override {
        model->setData(index, static_cast<QLineEdit*>(editor)->text(), Qt::EditRole);
    }
};

QString motifText(const motif::Motif& m) {
    return m.name.empty() || m.name == m.id ? QString::fromStdString(m.id)
                                            : QString::fromStdString(m.id + " " + m.name);
}

}  // namespace

ExpectedMotifsColumn::ExpectedMotifsColumn(QTableWidget* table, int column, QObject* parent)
    : QObject(parent), mTable(table), mColumn(column) {
    mTable->setItemDelegateForColumn(mColumn, new ExpectedMotifsDelegate(mTable));
    mTable->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    connect(mTable, &QTableWidget::itemChanged, this, &ExpectedMotifsColumn::itemChanged);
}

void ExpectedMotifsColumn::setDatabase(std::shared_ptr<const motif::MotifList> database) {
    mDatabase = std::move(database);
    auto* delegate = static_cast<ExpectedMotifsDelegate*>(mTable->itemDelegateForColumn(mColumn));
    delegate->entries.clear();
    if (mDatabase)
        for (const motif::Motif& m : *mDatabase) delegate->entries << motifText(m);
    refresh();
}

void ExpectedMotifsColumn::showData(std::shared_ptr<const lab::LoadedData> data, interpret::TruthMapping mapping) {
    mData = std::move(data);
    mMapping = std::move(mapping);
    refresh();
}

void ExpectedMotifsColumn::clear() {
    mData.reset();
    refresh();
}

interpret::RunTruth ExpectedMotifsColumn::truth() const {
    if (!mData || !mDatabase) return {};
    lab::DataRecipe r = mData->recipe;
    r.truthMapping = mMapping;
    return lab::runTruth(r, mData->classNames, mData->trueMotifs, *mDatabase);
}

QString ExpectedMotifsColumn::cellText(int row) const {
    const QTableWidgetItem* item = mTable->item(row, mColumn);
    return item ? item->text() : QString();
}

bool ExpectedMotifsColumn::isProposal(int row) const {
    const QTableWidgetItem* item = mTable->item(row, mColumn);
    return item && item->data(kProposalRole).toBool();
}

bool ExpectedMotifsColumn::editCell(int row, const QString& text) {
    QTableWidgetItem* item = mTable->item(row, mColumn);
    if (!item || !(item->flags() & Qt::ItemIsEditable)) return false;
    mLastEditOk = true;
    item->setText(text);  // itemChanged parses it
    return mLastEditOk;
}

void ExpectedMotifsColumn::refresh() {
    if (!mData) return;
    mFilling = true;
    const lab::LoadedData& d = *mData;
    const bool planted = d.recipe.kind != lab::DataRecipe::Kind::Fasta && !d.trueMotifs.empty();
    for (int row = 0; row < mTable->rowCount() && row < int(d.classNames.size()); ++row) {
        // The other columns are counts: never edited.
        for (int c = 0; c < mTable->columnCount(); ++c)
            if (QTableWidgetItem* other = mTable->item(row, c); other && c != mColumn)
                other->setFlags(other->flags() & ~Qt::ItemIsEditable);
        const std::string& name = d.classNames[std::size_t(row)];
        auto* item = new QTableWidgetItem;
        QString ids, text, tip;
        bool proposal = false;
        const interpret::ClassTruth* entry = interpret::findClassTruth(mMapping, name);
        if (entry) {
            QStringList shown, raw;
            for (const std::string& id : entry->motifIds) {
                raw << QString::fromStdString(id);
                const motif::Motif* m = mDatabase ? motif::findMotif(*mDatabase, id) : nullptr;
                shown << (m ? motifText(*m) : QString::fromStdString(id));
            }
            ids = raw.join(QStringLiteral(", "));
            text = shown.isEmpty() ? tr("none") : shown.join(QStringLiteral(", "));
            tip = shown.isEmpty() ? tr("You chose no expected motif for this class.")
                                  : tr("The motifs you expect in this class: filters matching them count as matching "
                                       "the ground truth.");
        } else if (planted && std::size_t(row) < d.trueMotifs.size()) {
            text = motifText(d.trueMotifs[std::size_t(row)]);
            tip = tr("Planted in the synthetic sequences: the ground truth.");
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        } else if (const motif::Motif* m = mDatabase && !planted ? interpret::proposedMotif(name, *mDatabase) : nullptr) {
            proposal = true;
            ids = QString::fromStdString(m->id);
            text = tr("proposed: %1").arg(motifText(*m));  // the mark first: narrow docks elide the end
            QFont f = item->font();
            f.setItalic(true);
            item->setFont(f);
            item->setForeground(QColor(0x2a, 0x6f, 0xb0));
            tip = tr("<b>Proposed</b>: the class is named like the database motif %1, so it is taken as the motif "
                     "these sequences should teach the filters. Double-click to confirm or change it; clear the "
                     "cell to drop it.")
                      .arg(motifText(*m).toHtmlEscaped());
        } else {
            text = QStringLiteral("\u2014");
            tip = tr("No expected motif: match ground truth and coverage need one. Double-click and type a motif ID "
                     "(e.g. MA0139.1 for CTCF) or name; several are separated by commas.");
        }
        item->setText(text);
        item->setData(kIdsRole, ids);
        item->setData(kProposalRole, proposal);
        item->setToolTip(tip);
        mTable->setItem(row, mColumn, item);
    }
    mFilling = false;
}

void ExpectedMotifsColumn::itemChanged(QTableWidgetItem* item) {
    if (mFilling || !mData || item->column() != mColumn) return;
    const int row = item->row();
    if (row < 0 || row >= int(mData->classNames.size())) return;
    const std::string className = mData->classNames[std::size_t(row)];
    const QString text = item->text().trimmed();
    const bool wasProposal = item->data(kProposalRole).toBool();
    interpret::ClassTruth entry{className, {}};
    if (!text.isEmpty() && text != QStringLiteral("\u2014") && text.compare(tr("none"), Qt::CaseInsensitive) != 0) {
        for (const std::string& token : splitList(text.toStdString())) {
            const auto words = splitWhitespace(token);
            const std::string key(words.empty() ? std::string_view{} : words.front());
            const motif::Motif* m = mDatabase ? motif::findMotif(*mDatabase, key) : nullptr;
            if (!m) {
                Q_EMIT problem(tr("Expected motifs of class %1: no motif '%2' in the motif database.")
                                   .arg(QString::fromStdString(className), QString::fromStdString(key)));
                mLastEditOk = false;
                refresh();  // back to the previous value
                return;
            }
            entry.motifIds.push_back(m->id);
        }
    }
    // Clearing a proposal drops it ("none"), as does typing "none"; clearing anything else
    // removes the class's entry (back to the default).
    const bool explicitNone = wasProposal || text.compare(tr("none"), Qt::CaseInsensitive) == 0;
    if (entry.motifIds.empty() && !explicitNone) {
        std::erase_if(mMapping, [&](const interpret::ClassTruth& t) { return t.className == className; });
    } else {
        interpret::setClassTruth(mMapping, std::move(entry));
    }
    refresh();
    Q_EMIT mappingChanged();
}

}  // namespace motifloom::ui
