#pragma once
// ArchitectureModel: an arch::Architecture as a Qt table model, edited only through undoable
// commands on the model's own QUndoStack.
//
// Rows = layers, numbered from 1 in the view and in messages as in arch::validate (row r is
// layer r + 1). Columns:
//   Type            layer kind ("Conv1D"); a warning icon when validate() blames the layer
//   Parameters      its hyper-parameters in words ("30 filters x 19, same padding")
//   Output          shape per sequence after the layer, "length x channels" ("8 x 30")
//   ReceptiveField  input bases one output position sees (arch::receptiveField), capped
//                   at the input length for display; "whole input" after the flatten
//   Params          trainable parameters of the layer (arch::parameterCount)
// Shapes, receptive fields and parameter counts are recomputed after every change; cells
// that cannot be computed (after an impossible layer) show an em dash.
//
// Editing: every mutator below pushes one QUndoCommand (or does nothing when the value does
// not change), so undo/redo restore the architecture exactly (operator==). Consecutive
// parameter edits of the same layer (a spin box being scrolled) merge into one undo step.
// setArchitecture() is not undoable: it starts a new document and clears the stack.
// Signals: the usual model signals, then architectureChanged() once per change.
//
// Drag and drop: rows can be dragged to a new place (one undoable move).

#include "arch/architecture.h"

#include <QAbstractTableModel>
#include <QString>
#include <QStringList>

#include <vector>

class QUndoStack;

namespace motifloom::ui {

class ArchitectureModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TypeColumn, ParametersColumn, OutputColumn, ReceptiveFieldColumn, ParamsColumn, ColumnCount };

    explicit ArchitectureModel(QObject* parent = nullptr);
    ~ArchitectureModel() override;

    // The current architecture (a copy).
    const arch::Architecture& architecture() const { return mArch; }
    // Replaces everything and clears the undo stack (loading a session or file).
    void setArchitecture(const arch::Architecture& arch);
    // Owned by the model.
    QUndoStack* undoStack() const { return mUndo; }

    // ---- undoable edits (rows are 0-based; out-of-range rows are ignored) ------------------
    void insertLayer(int row, const arch::LayerSpec& layer);       // row == layerCount(): append
    void insertLayers(int row, const std::vector<arch::LayerSpec>& layers, const QString& text);
    void removeLayer(int row);
    void moveLayer(int from, int to);                                 // `to` = final row
    void setLayer(int row, const arch::LayerSpec& layer);             // edit parameters / type
    void applyPreset(const QString& name);                            // keeps input length, classes
    void replaceArchitecture(const arch::Architecture& arch, const QString& text);
    void setInputLength(int length);
    void setNumClasses(int classes);                                  // also the output layer's units
    void setOutputKind(arch::OutputKind kind);
    void setName(const QString& name);

    // ---- derived values (recomputed on change) ---------------------------------------------
    int layerCount() const { return int(mArch.layers.size()); }
    const std::vector<arch::Shape>& shapes() const { return mShapes; }
    const std::vector<std::string>& problems() const { return mProblems; }  // arch::validate
    QStringList problemsOfRow(int row) const;     // "layer N: ..." problems blaming the row
    QStringList generalProblems() const;          // problems not tied to one layer
    long totalParameters() const { return mTotalParams; }
    // Receptive field of layer `row`, uncapped (arch::receptiveField); -1 for a bad row.
    int receptiveField(int row) const;
    // "receptive field 43 nt · 160,048 parameters": the receptive field of the first conv
    // block's output (the last layer before the second convolution or the flatten), i.e. how
    // much sequence one first-layer unit passed to deeper layers summarises.
    QString summaryText() const;
    QString hintText() const;                     // arch::representationHint
    // Preset name whose layers this architecture has (at its input length and classes), or "".
    QString matchingPreset() const;

    // ---- QAbstractTableModel ---------------------------------------------------------------
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

Q_SIGNALS:
    void architectureChanged();

private:
    friend class ArchitectureCommand;
    // Raw mutations used by the commands (emit model signals, recompute, notify).
    void doInsert(int row, const std::vector<arch::LayerSpec>& layers);
    void doRemove(int row, int count);
    void doMove(int from, int to);
    void doSetLayer(int row, const arch::LayerSpec& layer);
    void doReplace(const arch::Architecture& arch);
    void recompute();
    void changed();

    arch::Architecture mArch;
    QUndoStack* mUndo;
    std::vector<arch::Shape> mShapes;
    std::vector<std::string> mProblems;
    std::vector<long> mLayerParams;
    long mTotalParams = 0;
};

// Names and words shared by the editor widgets.
QString layerTypeName(arch::LayerType type);          // "Conv1D", "Max-pool", ...
QString layerTypeToolTip(arch::LayerType type);       // teaching text for the concept
QString layerParametersText(const arch::LayerSpec& layer);
QString activationName(arch::ActivationType type);
// A layer of `type` with sensible defaults (conv 32 x 19, pool 4, dropout 0.1, dense 64...).
arch::LayerSpec defaultLayer(arch::LayerType type);
// Thousands separators: 160048 -> "160,048".
QString withThousands(long long value);

}  // namespace motifloom::ui
