#pragma once
// The undo commands of ArchitectureModel: every edit of the layer stack is one QUndoCommand
// that calls the model's raw mutations (doInsert, doRemove, ...). Edits of the same field of the
// same layer merge into one undo step, so scrolling a spin box is undone at once. Included by
// architecture_model.cpp only.

#include "architecture/architecture_model.h"

#include <QUndoCommand>

namespace motifloom::ui {

using arch::Architecture;
using arch::LayerSpec;
using arch::LayerType;

namespace {

// Merge ids of commands that merge with their own kind (QUndoCommand::id).
enum MergeId { kEditLayerId = 1, kInputLengthId, kClassesId, kNameId };

// Which field an edit of one layer changed, so that scrolling one spin box merges into one
// undo step but editing another field starts a new one.
QString changedField(const LayerSpec& a, const LayerSpec& b) {
    if (a.type != b.type) return QStringLiteral("type");
    QStringList fields;
    if (a.units != b.units) fields << "units";
    if (a.width != b.width) fields << "width";
    if (a.padding != b.padding) fields << "padding";
    if (a.bias != b.bias) fields << "bias";
    if (a.poolSize != b.poolSize) fields << "pool";
    if (a.poolStride != b.poolStride) fields << "stride";
    if (a.dropRate != b.dropRate) fields << "rate";
    if (a.activation != b.activation) fields << "activation";
    if (a.epsilon != b.epsilon) fields << "epsilon";
    if (a.momentum != b.momentum) fields << "momentum";
    return fields.join(',');
}

}  // namespace

// ---- commands ---------------------------------------------------------------------------------

// Base with access to the model's raw mutations (friend of ArchitectureModel).
class ArchitectureCommand : public QUndoCommand {
public:
    ArchitectureCommand(ArchitectureModel* model, const QString& text) : QUndoCommand(text), mModel(model) {}

protected:
    void insert(int row, const std::vector<LayerSpec>& layers) { mModel->doInsert(row, layers); }
    void remove(int row, int count) { mModel->doRemove(row, count); }
    void move(int from, int to) { mModel->doMove(from, to); }
    void setLayer(int row, const LayerSpec& layer) { mModel->doSetLayer(row, layer); }
    void replace(const Architecture& arch) { mModel->doReplace(arch); }
    ArchitectureModel* mModel;
};

namespace {

class InsertLayersCommand : public ArchitectureCommand {
public:
    InsertLayersCommand(ArchitectureModel* m, int row, std::vector<LayerSpec> layers, const QString& text)
        : ArchitectureCommand(m, text), mRow(row), mLayers(std::move(layers)) {}
    void redo() override { insert(mRow, mLayers); }
    void undo() override { remove(mRow, int(mLayers.size())); }

private:
    int mRow;
    std::vector<LayerSpec> mLayers;
};

class RemoveLayerCommand : public ArchitectureCommand {
public:
    RemoveLayerCommand(ArchitectureModel* m, int row, LayerSpec layer)
        : ArchitectureCommand(m, QObject::tr("Remove %1 (layer %2)").arg(layerTypeName(layer.type)).arg(row + 1)),
          mRow(row), mLayer(layer) {}
    void redo() override { remove(mRow, 1); }
    void undo() override { insert(mRow, {mLayer}); }

private:
    int mRow;
    LayerSpec mLayer;
};

class MoveLayerCommand : public ArchitectureCommand {
public:
    MoveLayerCommand(ArchitectureModel* m, int from, int to, const QString& text)
        : ArchitectureCommand(m, text), mFrom(from), mTo(to) {}
    void redo() override { move(mFrom, mTo); }
    void undo() override { move(mTo, mFrom); }

private:
    int mFrom, mTo;
};

class EditLayerCommand : public ArchitectureCommand {
public:
    EditLayerCommand(ArchitectureModel* m, int row, LayerSpec before, LayerSpec after)
        : ArchitectureCommand(m, {}), mRow(row), mBefore(before), mAfter(after),
          mField(changedField(before, after)) {
        setText(mField == "type"
                    ? QObject::tr("Change layer %1 to %2").arg(row + 1).arg(layerTypeName(after.type))
                    : QObject::tr("Edit layer %1 (%2)").arg(row + 1).arg(mField));
    }
    void redo() override { setLayer(mRow, mAfter); }
    void undo() override { setLayer(mRow, mBefore); }
    int id() const override { return kEditLayerId; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const EditLayerCommand*>(other);
        if (o->mRow != mRow || o->mField != mField || mField == "type") return false;
        mAfter = o->mAfter;
        if (mAfter == mBefore) setObsolete(true);  // scrolled back to where it started
        return true;
    }

private:
    int mRow;
    LayerSpec mBefore, mAfter;
    QString mField;
};

// Whole-architecture snapshot: presets, input length, classes, output, name, file loads.
class ReplaceCommand : public ArchitectureCommand {
public:
    ReplaceCommand(ArchitectureModel* m, Architecture before, Architecture after, const QString& text, int mergeId = -1)
        : ArchitectureCommand(m, text), mBefore(std::move(before)), mAfter(std::move(after)), mId(mergeId) {}
    void redo() override { replace(mAfter); }
    void undo() override { replace(mBefore); }
    int id() const override { return mId; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const ReplaceCommand*>(other);
        mAfter = o->mAfter;
        setText(o->text());
        if (mAfter == mBefore) setObsolete(true);
        return true;
    }

private:
    Architecture mBefore, mAfter;
    int mId;
};

}  // namespace

}  // namespace motifloom::ui
