#pragma once
// ArchitectureLayerForm: the side form of the architecture editor, editing every parameter of
// one layer (arch::LayerSpec). Only the fields that apply to the layer's type are visible;
// changing the type keeps what carries over (units of a conv becoming dense) and takes
// defaults (defaultLayer in architecture_model.h) for the rest.
//
// The form does not touch the model: it emits layerEdited(row, spec) with the complete new
// spec, and the editor turns that into an undoable command. setLayer() shows a layer without
// emitting anything. Values outside what arch::validate accepts (0 filters, a pool window
// longer than its input) may be entered on purpose: the editor then shows the problem.

#include "arch/architecture.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace motifloom::ui {

class ArchitectureLayerForm : public QWidget {
    Q_OBJECT
public:
    explicit ArchitectureLayerForm(QWidget* parent = nullptr);

    // Shows layer `row` (0-based) with its input and output shapes ("200 x 4"; empty = unknown)
    // and its problems. row < 0 shows "no layer selected".
    void setLayer(int row, const arch::LayerSpec& layer, const QString& inputShape, const QString& outputShape,
                  const QStringList& problems);
    int row() const { return mRow; }
    arch::LayerSpec layer() const { return mLayer; }

Q_SIGNALS:
    void layerEdited(int row, const arch::LayerSpec& layer);

private:
    void emitEdit();
    void typeChosen(int index);
    void updateVisibility();
    void setRowVisible(QWidget* field, bool visible);

    int mRow = -1;
    arch::LayerSpec mLayer;
    bool mUpdating = false;

    QLabel* mTitle = nullptr;
    QLabel* mAbout = nullptr;
    QLabel* mShapes = nullptr;
    QLabel* mProblems = nullptr;
    QFormLayout* mFormLayout = nullptr;
    QWidget* mFields = nullptr;
    QComboBox* mType = nullptr;
    QSpinBox* mUnits = nullptr;
    QSpinBox* mWidth = nullptr;
    QComboBox* mPadding = nullptr;
    QCheckBox* mBias = nullptr;
    QSpinBox* mPool = nullptr;
    QSpinBox* mStride = nullptr;
    QDoubleSpinBox* mRate = nullptr;
    QComboBox* mActivation = nullptr;
    QLineEdit* mEpsilon = nullptr;
    QDoubleSpinBox* mMomentum = nullptr;
};

}  // namespace motifloom::ui
