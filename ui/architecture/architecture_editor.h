#pragma once
// ArchitectureEditor: the layer-stack editor of the desktop lab.
//
// Shows an ArchitectureModel (architecture_model.h) as a table (one row per layer: type,
// parameters, output shape, receptive field, parameter count), a side form editing every
// parameter of the selected layer (ArchitectureLayerForm), the input length / classes /
// output, a preset combo with every model of the paper, a summary line ("receptive field
// 43 nt · 160,048 parameters"), the validation problems (clicking one selects its layer) and
// the paper's prediction for the architecture (arch::representationHint).
//
// Every edit is one undoable command on undoStack(). Keyboard (while the editor has focus):
//   Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo / redo     Insert  add a layer after the selection
//   Delete  remove the selected layer                  Ctrl+Up / Ctrl+Down  move it
//   Ctrl+D  duplicate it                               Ctrl+B  add a conv block
// The undo/redo actions are WidgetWithChildrenShortcut actions of this widget; a main window
// that wants window-wide Edit > Undo should use undoStack() (e.g. in a QUndoGroup) and may
// leave these in place (they only fire while focus is inside the editor). Training settings
// are part of the Architecture but edited elsewhere (the dashboard): architecture() returns
// them as last set, and applying a preset sets the paper's.
//
// A new editor shows the paper's CNN-25 (as a new document, empty undo stack).
// Ownership: the editor owns its model and undo stack.

#include "arch/architecture.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableView;
class QToolButton;
class QUndoStack;

namespace motifloom::ui {

class ArchitectureLayerForm;
class ArchitectureModel;

class ArchitectureEditor : public QWidget {
    Q_OBJECT
public:
    explicit ArchitectureEditor(QWidget* parent = nullptr);
    ~ArchitectureEditor() override;

    arch::Architecture architecture() const;
    // Loads `arch` as a new document: not undoable, clears the undo stack.
    void setArchitecture(const arch::Architecture& arch);
    QUndoStack* undoStack() const;

    ArchitectureModel* model() const { return mModel; }
    QAction* undoAction() const { return mUndoAction; }
    QAction* redoAction() const { return mRedoAction; }
    // Selected layer (0-based row), or -1.
    int currentLayer() const;
    void setCurrentLayer(int row);

Q_SIGNALS:
    // After every change of the architecture (edits, undo/redo, setArchitecture). For a
    // "modified" flag use undoStack()->isClean() / cleanChanged instead.
    void architectureChanged();

private:
    void buildUi();
    void createActions();
    void refresh();                 // everything derived from the model
    void refreshHeader();
    void addLayer(int type);        // arch::LayerType as int
    void addConvBlock();
    void removeCurrent();
    void duplicateCurrent();
    void moveCurrent(int delta);
    void presetActivated(int index);
    void openArchitectureFile();
    void saveArchitectureFile();
    void showError(const QString& message);

    ArchitectureModel* mModel = nullptr;
    QTableView* mTable = nullptr;
    ArchitectureLayerForm* mForm = nullptr;
    QComboBox* mPreset = nullptr;
    QLineEdit* mName = nullptr;
    QSpinBox* mInputLength = nullptr;
    QSpinBox* mClasses = nullptr;
    QComboBox* mOutput = nullptr;
    QLabel* mSummary = nullptr;
    QLabel* mHint = nullptr;
    QLabel* mDescription = nullptr;
    QLabel* mStatus = nullptr;
    QListWidget* mProblems = nullptr;
    QToolButton* mAddButton = nullptr;
    QAction* mUndoAction = nullptr;
    QAction* mRedoAction = nullptr;
    QAction* mRemoveAction = nullptr;
    QAction* mUpAction = nullptr;
    QAction* mDownAction = nullptr;
    QAction* mDuplicateAction = nullptr;
    QAction* mBlockAction = nullptr;
};

}  // namespace motifloom::ui
