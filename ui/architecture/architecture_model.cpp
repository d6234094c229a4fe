#include "architecture/architecture_model.h"
#include "architecture/architecture_commands.h"

#include "widgets/style_colours.h"

#include "arch/presets.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QFont>
#include <QIcon>
#include <QLocale>
#include <QMimeData>
#include <QPalette>
#include <QRegularExpression>
#include <QStyle>
#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <climits>

namespace motifloom::ui {

using arch::Architecture;
using arch::LayerSpec;
using arch::LayerType;

namespace {
constexpr const char* kRowMime = "application/x-motifloom-layer-row";
const QString kDash = QStringLiteral("\u2014");
}  // namespace

// ---- model ------------------------------------------------------------------------------------

ArchitectureModel::ArchitectureModel(QObject* parent) : QAbstractTableModel(parent), mUndo(new QUndoStack(this)) {
    recompute();
}

ArchitectureModel::~ArchitectureModel() = default;

void ArchitectureModel::setArchitecture(const Architecture& arch) {
    beginResetModel();
    mArch = arch;
    recompute();
    endResetModel();
    mUndo->clear();
    Q_EMIT architectureChanged();
}

void ArchitectureModel::insertLayer(int row, const LayerSpec& layer) {
    insertLayers(row, {layer}, tr("Add %1 (layer %2)").arg(layerTypeName(layer.type)).arg(row + 1));
}

void ArchitectureModel::insertLayers(int row, const std::vector<LayerSpec>& layers, const QString& text) {
    if (row < 0 || row > layerCount() || layers.empty()) return;
    mUndo->push(new InsertLayersCommand(this, row, layers, text));
}

void ArchitectureModel::removeLayer(int row) {
    if (row < 0 || row >= layerCount()) return;
    mUndo->push(new RemoveLayerCommand(this, row, mArch.layers[std::size_t(row)]));
}

void ArchitectureModel::moveLayer(int from, int to) {
    if (from < 0 || from >= layerCount() || to < 0 || to >= layerCount() || from == to) return;
    const QString text = tr("Move %1 from layer %2 to %3")
                             .arg(layerTypeName(mArch.layers[std::size_t(from)].type))
                             .arg(from + 1)
                             .arg(to + 1);
    mUndo->push(new MoveLayerCommand(this, from, to, text));
}

void ArchitectureModel::setLayer(int row, const LayerSpec& layer) {
    if (row < 0 || row >= layerCount()) return;
    const LayerSpec& before = mArch.layers[std::size_t(row)];
    if (before == layer) return;
    mUndo->push(new EditLayerCommand(this, row, before, layer));
}

void ArchitectureModel::applyPreset(const QString& name) {
    // preset() throws only for an unknown name or sizes < 1; the editor offers known names and
    // keeps sizes >= 1, but a caller may not: clamp the sizes and ignore unknown names.
    if (!arch::isPreset(name.toStdString())) return;
    Architecture next = arch::preset(name.toStdString(), std::max(mArch.inputLength, 1), std::max(mArch.numClasses, 1));
    next.output = mArch.output == arch::OutputKind::Softmax && next.numClasses >= 2 ? arch::OutputKind::Softmax
                                                                                     : arch::OutputKind::Sigmoid;
    replaceArchitecture(next, tr("Apply preset %1").arg(QString::fromStdString(next.name)));
}

void ArchitectureModel::replaceArchitecture(const Architecture& arch, const QString& text) {
    if (arch == mArch) return;
    mUndo->push(new ReplaceCommand(this, mArch, arch, text));
}

void ArchitectureModel::setInputLength(int length) {
    if (length == mArch.inputLength) return;
    Architecture next = mArch;
    next.inputLength = length;
    mUndo->push(new ReplaceCommand(this, mArch, next, tr("Set input length to %1").arg(length), kInputLengthId));
}

void ArchitectureModel::setNumClasses(int classes) {
    if (classes == mArch.numClasses) return;
    Architecture next = mArch;
    arch::setNumClasses(next, classes);
    mUndo->push(new ReplaceCommand(this, mArch, next, tr("Set classes to %1").arg(classes), kClassesId));
}

void ArchitectureModel::setOutputKind(arch::OutputKind kind) {
    if (kind == mArch.output) return;
    Architecture next = mArch;
    next.output = kind;
    mUndo->push(new ReplaceCommand(this, mArch, next,
                                   kind == arch::OutputKind::Sigmoid ? tr("Use sigmoid output") : tr("Use softmax output")));
}

void ArchitectureModel::setName(const QString& name) {
    const std::string n = name.toStdString();
    if (n == mArch.name) return;
    Architecture next = mArch;
    next.name = n;
    mUndo->push(new ReplaceCommand(this, mArch, next, tr("Rename to %1").arg(name), kNameId));
}

// ---- raw mutations ----------------------------------------------------------------------------

void ArchitectureModel::doInsert(int row, const std::vector<LayerSpec>& layers) {
    beginInsertRows({}, row, row + int(layers.size()) - 1);
    mArch.layers.insert(mArch.layers.begin() + row, layers.begin(), layers.end());
    recompute();
    endInsertRows();
    changed();
}

void ArchitectureModel::doRemove(int row, int count) {
    beginRemoveRows({}, row, row + count - 1);
    mArch.layers.erase(mArch.layers.begin() + row, mArch.layers.begin() + row + count);
    recompute();
    endRemoveRows();
    changed();
}

void ArchitectureModel::doMove(int from, int to) {
    // beginMoveRows wants the destination as the row *before which* the moved row lands.
    const int destination = to > from ? to + 1 : to;
    beginMoveRows({}, from, from, {}, destination);
    const LayerSpec layer = mArch.layers[std::size_t(from)];
    mArch.layers.erase(mArch.layers.begin() + from);
    mArch.layers.insert(mArch.layers.begin() + to, layer);
    recompute();
    endMoveRows();
    changed();
}

void ArchitectureModel::doSetLayer(int row, const LayerSpec& layer) {
    mArch.layers[std::size_t(row)] = layer;
    recompute();
    changed();
}

void ArchitectureModel::doReplace(const Architecture& arch) {
    if (arch.layers.size() == mArch.layers.size()) {
        mArch = arch;  // same rows: keep the selection
        recompute();
    } else {
        beginResetModel();
        mArch = arch;
        recompute();
        endResetModel();
    }
    changed();
}

void ArchitectureModel::changed() {
    // Shapes, fields and problems of every row may change with any edit.
    if (layerCount() > 0) Q_EMIT dataChanged(index(0, 0), index(layerCount() - 1, ColumnCount - 1));
    Q_EMIT architectureChanged();
}

void ArchitectureModel::recompute() {
    mShapes = arch::outputShapes(mArch);
    mProblems = arch::validate(mArch);
    mLayerParams.assign(mArch.layers.size(), 0);
    for (int i = 0; i < layerCount(); ++i) mLayerParams[std::size_t(i)] = arch::parameterCount(mArch, i);
    mTotalParams = arch::parameterCount(mArch);
}

// ---- derived values ---------------------------------------------------------------------------

QStringList ArchitectureModel::problemsOfRow(int row) const {
    const QString prefix = QStringLiteral("layer %1: ").arg(row + 1);
    QStringList out;
    for (const auto& p : mProblems) {
        const QString s = QString::fromStdString(p);
        if (s.startsWith(prefix)) out << s.mid(prefix.size());
    }
    return out;
}

QStringList ArchitectureModel::generalProblems() const {
    static const QRegularExpression layerPrefix(QStringLiteral("^layer \\d+: "));
    QStringList out;
    for (const auto& p : mProblems) {
        const QString s = QString::fromStdString(p);
        if (!layerPrefix.match(s).hasMatch()) out << s;
    }
    return out;
}

int ArchitectureModel::receptiveField(int row) const {
    if (row < 0 || row >= layerCount()) return -1;
    return arch::receptiveField(mArch, row);
}

QString ArchitectureModel::summaryText() const {
    const auto& layers = mArch.layers;
    int first = 0;
    while (first < layerCount() && layers[std::size_t(first)].type != LayerType::Conv1D) ++first;
    QString rf;
    if (first == layerCount()) {
        rf = tr("no convolution");
    } else {
        int last = first;
        for (int i = first + 1; i < layerCount(); ++i) {
            const LayerType t = layers[std::size_t(i)].type;
            if (t == LayerType::Conv1D || t == LayerType::Flatten || t == LayerType::Dense) break;
            last = i;
        }
        rf = tr("receptive field %1 nt").arg(arch::receptiveField(mArch, last));
    }
    bool complete = !mShapes.empty();
    for (const arch::Shape& shape : mShapes) complete = complete && shape.length > 0;
    return rf + QStringLiteral(" \u00b7 ") +
           (complete ? tr("%1 parameters").arg(withThousands(mTotalParams))
                     : tr("parameter count unknown until the problems are fixed"));
}

QString ArchitectureModel::hintText() const { return QString::fromStdString(arch::representationHint(mArch)); }

QString ArchitectureModel::matchingPreset() const {
    if (!arch::isPreset(mArch.name) || mArch.inputLength < 1 || mArch.numClasses < 1) return {};
    const Architecture p = arch::preset(mArch.name, mArch.inputLength, mArch.numClasses);
    return p.layers == mArch.layers ? QString::fromStdString(p.name) : QString();
}

// ---- table model ------------------------------------------------------------------------------

int ArchitectureModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : layerCount(); }

int ArchitectureModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ArchitectureModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= layerCount()) return {};
    const int row = index.row();
    const LayerSpec& layer = mArch.layers[std::size_t(row)];
    const arch::Shape shape = mShapes[std::size_t(row)];
    const bool known = shape.length > 0;
    const QStringList problems = problemsOfRow(row);

    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (index.column()) {
        case TypeColumn: return layerTypeName(layer.type);
        case ParametersColumn: return layerParametersText(layer);
        case OutputColumn:
            return known ? QStringLiteral("%1 \u00d7 %2").arg(shape.length).arg(withThousands(shape.channels)) : kDash;
        case ReceptiveFieldColumn: {
            if (mArch.inputLength < 1) return kDash;
            const int rf = arch::receptiveField(mArch, row);
            bool afterFlatten = false;
            for (int i = 0; i <= row; ++i)
                if (mArch.layers[std::size_t(i)].type == LayerType::Flatten) afterFlatten = true;
            if (afterFlatten) return tr("whole input");
            return tr("%1 nt").arg(std::min(rf, mArch.inputLength));
        }
        case ParamsColumn: return known ? withThousands(mLayerParams[std::size_t(row)]) : kDash;
        }
    } else if (role == Qt::TextAlignmentRole) {
        if (index.column() >= OutputColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    } else if (role == Qt::DecorationRole && index.column() == TypeColumn && !problems.isEmpty()) {
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    } else if (role == Qt::ForegroundRole) {
        if (!problems.isEmpty()) return QBrush(style::colour(style::Role::Failure));
        if (index.column() >= OutputColumn && !known) return QBrush(style::colour(style::Role::UnknownValue));
        if (index.column() == ParamsColumn && mLayerParams[std::size_t(row)] == 0)
            return QBrush(style::colour(style::Role::RecededValue));  // layers without weights recede
    } else if (role == Qt::FontRole && index.column() == TypeColumn &&
               (layer.type == LayerType::Conv1D || layer.type == LayerType::Dense)) {
        QFont f;
        f.setBold(true);  // the layers with filters/units stand out in the stack
        return f;
    } else if (role == Qt::ToolTipRole) {
        QString tip;
        switch (index.column()) {
        case TypeColumn: tip = layerTypeToolTip(layer.type); break;
        case ParametersColumn: tip = tr("Select the layer to edit its parameters in the form on the right."); break;
        case OutputColumn:
            tip = tr("<b>Output shape</b>: positions \u00d7 channels of one sequence after this layer. "
                     "Convolutions set the channels (one per filter); max-pooling divides the positions "
                     "by its stride; flatten makes one long vector.");
            break;
        case ReceptiveFieldColumn: {
            const int rf = arch::receptiveField(mArch, row);
            tip = tr("<b>Receptive field</b>: how many input bases one output position of this layer "
                     "depends on. Convolutions add their width, pooling windows add theirs, and strides "
                     "multiply the step of everything after.");
            if (rf > mArch.inputLength && mArch.inputLength > 0)
                tip += tr("<br>Here %1 nt: with 'same' padding the windows reach past the sequence ends, "
                          "so only %2 nt are real bases.").arg(rf).arg(mArch.inputLength);
            break;
        }
        case ParamsColumn:
            tip = tr("<b>Trainable parameters</b> of this layer: filter/unit weights (and biases); "
                     "batch norm learns a scale and a shift per channel.");
            break;
        }
        if (!problems.isEmpty())
            tip += QStringLiteral("<hr><span style='color:#b02020'>") + problems.join("<br>").toHtmlEscaped() +
                   QStringLiteral("</span>");
        return tip;
    }
    return {};
}

QVariant ArchitectureModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole) return section + 1;
        if (role == Qt::TextAlignmentRole) return int(Qt::AlignCenter);
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TypeColumn: return tr("Layer");
        case ParametersColumn: return tr("Parameters");
        case OutputColumn: return tr("Output");
        case ReceptiveFieldColumn: return tr("Receptive field");
        case ParamsColumn: return tr("Params");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case TypeColumn: return tr("The kind of layer; data flows from layer 1 (top) to the output (bottom).");
        case ParametersColumn: return tr("The layer's hyper-parameters.");
        case OutputColumn: return tr("Shape of one sequence's tensor after the layer: positions \u00d7 channels.");
        case ReceptiveFieldColumn: return tr("Input bases that one output position of the layer can see.");
        case ParamsColumn: return tr("Trainable parameters of the layer.");
        }
    }
    return {};
}

Qt::ItemFlags ArchitectureModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

Qt::DropActions ArchitectureModel::supportedDropActions() const { return Qt::MoveAction; }

QStringList ArchitectureModel::mimeTypes() const { return {QString::fromLatin1(kRowMime)}; }

QMimeData* ArchitectureModel::mimeData(const QModelIndexList& indexes) const {
    if (indexes.isEmpty()) return nullptr;
    auto* data = new QMimeData;
    data->setData(QString::fromLatin1(kRowMime), QByteArray::number(indexes.first().row()));
    return data;
}

bool ArchitectureModel::canDropMimeData(const QMimeData* data, Qt::DropAction, int, int, const QModelIndex&) const {
    return data && data->hasFormat(QString::fromLatin1(kRowMime));
}

bool ArchitectureModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int,
                                     const QModelIndex& parent) {
    if (!canDropMimeData(data, action, row, 0, parent)) return false;
    bool ok = false;
    const int from = data->data(QString::fromLatin1(kRowMime)).toInt(&ok);
    if (!ok || from < 0 || from >= layerCount()) return false;
    int before = row >= 0 ? row : (parent.isValid() ? parent.row() : layerCount());  // drop *before* this row
    const int to = before > from ? before - 1 : before;
    moveLayer(from, std::clamp(to, 0, layerCount() - 1));
    // false: the move is done; the view must not also remove the source row.
    return false;
}

// ---- words ------------------------------------------------------------------------------------

QString layerTypeName(LayerType type) {
    switch (type) {
    case LayerType::Conv1D: return QObject::tr("Conv1D");
    case LayerType::BatchNorm: return QObject::tr("Batch norm");
    case LayerType::Activation: return QObject::tr("Activation");
    case LayerType::MaxPool: return QObject::tr("Max-pool");
    case LayerType::Dropout: return QObject::tr("Dropout");
    case LayerType::Flatten: return QObject::tr("Flatten");
    case LayerType::Dense: return QObject::tr("Dense");
    }
    return {};
}

QString layerTypeToolTip(LayerType type) {
    switch (type) {
    case LayerType::Conv1D:
        return QObject::tr("<b>Convolution</b>: each <i>filter</i> is a small weight matrix (4 bases \u00d7 width) "
                           "slid along the sequence; it responds where the sequence resembles its pattern, "
                           "like a position weight matrix scanning for a motif. First-layer filters are what "
                           "MotifLoom turns into sequence logos.");
    case LayerType::BatchNorm:
        return QObject::tr("<b>Batch normalisation</b>: rescales each channel to zero mean and unit variance over "
                           "the batch, then applies a learned scale and shift. Speeds up and stabilises training.");
    case LayerType::Activation:
        return QObject::tr("<b>Activation</b>: a non-linearity applied position by position. ReLU keeps positive "
                           "responses and zeroes the rest, so a filter 'fires' only where it matches.");
    case LayerType::MaxPool:
        return QObject::tr("<b>Max-pooling</b>: keeps the strongest response in each window. Large windows throw "
                           "away <i>where</i> a filter fired, so deeper layers cannot assemble partial motifs "
                           "and first-layer filters must learn whole motifs (Koo & Eddy 2019).");
    case LayerType::Dropout:
        return QObject::tr("<b>Dropout</b>: during training, zeroes a random fraction of values so the network "
                           "cannot rely on any single one. Inactive at prediction time.");
    case LayerType::Flatten:
        return QObject::tr("<b>Flatten</b>: turns positions \u00d7 channels into one long vector for the dense layers.");
    case LayerType::Dense:
        return QObject::tr("<b>Dense</b> (fully connected): every unit sees every value of the previous layer. "
                           "The last dense layer has one unit per class.");
    }
    return {};
}

QString activationName(arch::ActivationType type) {
    switch (type) {
    case arch::ActivationType::ReLU: return QStringLiteral("ReLU");
    case arch::ActivationType::Exponential: return QObject::tr("exponential");
    case arch::ActivationType::Sigmoid: return QObject::tr("sigmoid");
    case arch::ActivationType::Linear: return QObject::tr("linear");
    }
    return {};
}

QString layerParametersText(const LayerSpec& s) {
    const QString bias = s.bias ? QObject::tr(", bias") : QString();
    switch (s.type) {
    case LayerType::Conv1D:
        return QObject::tr("%1 filters \u00d7 %2, %3 padding%4")
            .arg(s.units)
            .arg(s.width)
            .arg(s.padding == arch::Padding::Same ? QObject::tr("same") : QObject::tr("valid"))
            .arg(bias);
    case LayerType::BatchNorm:
        return QObject::tr("\u03b5 %1, momentum %2").arg(s.epsilon, 0, 'g', 3).arg(s.momentum, 0, 'g', 4);
    case LayerType::Activation: return activationName(s.activation);
    case LayerType::MaxPool:
        if (s.poolStride > 0 && s.poolStride != s.poolSize)
            return QObject::tr("window %1, stride %2").arg(s.poolSize).arg(s.poolStride);
        return QObject::tr("window %1").arg(s.poolSize);
    case LayerType::Dropout: return QObject::tr("rate %1").arg(s.dropRate, 0, 'g', 3);
    case LayerType::Flatten: return QString();
    case LayerType::Dense: return QObject::tr("%1 units%2").arg(s.units).arg(bias);
    }
    return {};
}

LayerSpec defaultLayer(LayerType type) {
    switch (type) {
    case LayerType::Conv1D: return LayerSpec::conv(32, 19);
    case LayerType::BatchNorm: return LayerSpec::batchNorm(1e-8);
    case LayerType::Activation: return LayerSpec::act(arch::ActivationType::ReLU);
    case LayerType::MaxPool: return LayerSpec::maxPool(4);
    case LayerType::Dropout: return LayerSpec::dropout(0.1);
    case LayerType::Flatten: return LayerSpec::flatten();
    case LayerType::Dense: return LayerSpec::dense(64);
    }
    return {};
}

QString withThousands(long long value) {
    const bool negative = value < 0;
    QString digits = QString::number(negative ? -value : value);
    for (int i = digits.size() - 3; i > 0; i -= 3) digits.insert(i, ',');
    return negative ? "-" + digits : digits;
}

}  // namespace motifloom::ui
