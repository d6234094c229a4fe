#include "runs/run_list_model.h"

#include "widgets/number_text.h"
#include "widgets/plot_style.h"

#include <QColor>

#include <algorithm>
#include <cmath>

namespace motifloom::ui {
namespace {

QString num(double v, int decimals = 3) { return decimalText(v, decimals, QStringLiteral("\u2014")); }

QString minutes(double s) {
    if (s < 60) return QObject::tr("%1 s").arg(std::lround(s));
    return QObject::tr("%1 min").arg(s / 60, 0, 'f', 1);
}

}  // namespace

RunListModel::RunListModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunListModel::setRuns(std::vector<std::shared_ptr<const lab::RunRecord>> runs) {
    beginResetModel();
    mRuns = std::move(runs);
    endResetModel();
}

void RunListModel::addRun(std::shared_ptr<const lab::RunRecord> run) {
    const int row = int(mRuns.size());
    beginInsertRows({}, row, row);
    mRuns.push_back(std::move(run));
    endInsertRows();
}

void RunListModel::removeRunsById(const std::vector<int>& ids) {
    for (int id : ids) {
        const int row = rowOfId(id);
        if (row < 0) continue;
        beginRemoveRows({}, row, row);
        mRuns.erase(mRuns.begin() + row);
        endRemoveRows();
    }
}

std::shared_ptr<const lab::RunRecord> RunListModel::run(int row) const {
    return row >= 0 && row < int(mRuns.size()) ? mRuns[std::size_t(row)] : nullptr;
}

int RunListModel::rowOfId(int id) const {
    for (std::size_t i = 0; i < mRuns.size(); ++i)
        if (mRuns[i]->id == id) return int(i);
    return -1;
}

int RunListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(mRuns.size()); }
int RunListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

bool RunListModel::renameRun(int row, const QString& name) {
    const QString trimmed = name.simplified();
    const auto old = run(row);
    if (!old || trimmed.isEmpty() || trimmed.toStdString() == old->label) return false;
    // Runs are shared and immutable: the renamed run is a copy (weights are shared pointers).
    auto renamed = std::make_shared<lab::RunRecord>(*old);
    renamed->label = trimmed.toStdString();
    mRuns[std::size_t(row)] = renamed;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT runRenamed(renamed->id);
    return true;
}

Qt::ItemFlags RunListModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Label) f |= Qt::ItemIsEditable;
    return f;
}

bool RunListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != Label || role != Qt::EditRole) return false;
    return renameRun(index.row(), value.toString());
}

QVariant RunListModel::data(const QModelIndex& index, int role) const {
    const auto r = run(index.row());
    if (!r) return {};
    if (role == RunRole) return QVariant::fromValue(r);
    if (role == Qt::EditRole && index.column() == Label) return QString::fromStdString(r->label);
    const int col = index.column();
    auto raw = [&]() -> QVariant {
        auto n = [](double v) { return std::isfinite(v) ? v : -1.0; };
        switch (col) {
        case Id: return r->id;
        case Label: return QString::fromStdString(r->label);
        case Architecture: return QString::fromStdString(r->architecture.name);
        case Data: return QString::fromStdString(r->dataSummary);
        case Seed: return qulonglong(r->seed());
        case Epochs: return r->epochs();
        case Status: return QString::fromUtf8(toString(r->status));
        case Auroc: return n(r->testAuroc());
        case Aupr: return n(r->testAupr());
        case MatchAny: return n(r->matchAny());
        case MatchTruth: return n(r->matchGroundTruth());
        case Coverage: return n(r->coverage());
        case Time: return r->seconds;
        }
        return {};
    };
    switch (role) {
    case Qt::UserRole: return raw();
    case Qt::DisplayRole:
        switch (col) {
        case Id: return QStringLiteral("#%1").arg(r->id);
        case Auroc: return num(r->testAuroc());
        case Aupr: return num(r->testAupr());
        case MatchAny: return num(r->matchAny(), 2);
        case MatchTruth: return num(r->matchGroundTruth(), 2);
        case Coverage: return num(r->coverage(), 2);
        case Time: return minutes(r->seconds);
        case Epochs: {
            const int best = r->history.bestEpoch();
            return best > 0 && best != r->epochs() ? QStringLiteral("%1 (best %2)").arg(r->epochs()).arg(best)
                                                   : QString::number(r->epochs());
        }
        default: return raw();
        }
    case Qt::TextAlignmentRole:
        return col >= Seed && col != Status ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                            : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (col == Status && (r->status == lab::RunStatus::Diverged)) return plot::seriesColor(3);
        if (col == Status && r->status == lab::RunStatus::Stopped) return plot::seriesColor(1);
        return {};
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("<b>#%1 %2</b><br>%3<br>%4 \u2013 %5")
                          .arg(r->id)
                          .arg(QString::fromStdString(r->label).toHtmlEscaped(),
                               QString::fromStdString(r->dataSummary).toHtmlEscaped(),
                               QString::fromUtf8(toString(r->status)),
                               QString::fromStdString(r->message).toHtmlEscaped());
        if (!r->sweep.empty()) tip += QObject::tr("<br>Sweep \"%1\", trial %2").arg(QString::fromStdString(r->sweep).toHtmlEscaped()).arg(r->trial);
        if (!r->created.empty()) tip += QStringLiteral("<br>%1").arg(QString::fromStdString(r->created));
        return tip;
    }
    default: return {};
    }
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Id: return tr("Run");
        case Label: return tr("Name");
        case Architecture: return tr("Architecture");
        case Data: return tr("Data");
        case Seed: return tr("Seed");
        case Epochs: return tr("Epochs");
        case Status: return tr("Status");
        case Auroc: return tr("AUROC");
        case Aupr: return tr("AUPR");
        case MatchAny: return tr("Match any");
        case MatchTruth: return tr("Match GT");
        case Coverage: return tr("Coverage");
        case Time: return tr("Time");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Auroc: return tr("Mean test-set AUROC over classes.");
        case Aupr: return tr("Mean test-set average precision (area under the precision-recall curve).");
        case MatchAny: return tr("Fraction of first-layer filters that match any database motif (Tomtom E < 0.1).");
        case MatchTruth:
            return tr("Fraction of first-layer filters that match one of the true motifs (ground truth).");
        case Coverage: return tr("Fraction of the true motifs matched by at least one filter.");
        case Epochs: return tr("Epochs trained (and the best epoch, whose weights were kept).");
        default: return {};
        }
    }
    return {};
}

}  // namespace motifloom::ui
