#include "architecture/architecture_editor.h"

#include "app_window/settings.h"

#include "architecture/architecture_layer_form.h"
#include "architecture/architecture_model.h"
#include "widgets/adaptive_splitter.h"
#include "widgets/flow_layout.h"

#include "arch/architecture_json.h"
#include "arch/presets.h"
#include "util/input_error.h"
#include "util/warnings.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QFileDialog>
#include <QFrame>
#include <QGroupBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>

namespace motifloom::ui {

using arch::LayerSpec;
using arch::LayerType;

namespace {

QString shapeText(const arch::Shape& s) {
    return s.length > 0 ? QStringLiteral("%1 \u00d7 %2").arg(s.length).arg(s.channels) : QString();
}

QToolButton* toolButton(QAction* action) {
    auto* b = new QToolButton;
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setAutoRaise(false);
    return b;
}

// "Ctrl+Z" -> " (Ctrl+Z)" for tooltips, in the platform's notation.
QString shortcutSuffix(const QAction* a) {
    const QKeySequence k = a->shortcut();
    return k.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(k.toString(QKeySequence::NativeText));
}

}  // namespace

ArchitectureEditor::ArchitectureEditor(QWidget* parent) : QWidget(parent), mModel(new ArchitectureModel(this)) {
    createActions();
    buildUi();
    connect(mModel, &ArchitectureModel::architectureChanged, this, [this] {
        mStatus->setProperty("error", false);  // an old file error no longer applies
        refresh();
        Q_EMIT architectureChanged();
    });
    // Keep a sensible selection as rows come and go (also on undo/redo).
    connect(mModel, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first, int) {
        setCurrentLayer(first);
    });
    connect(mModel, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex&, int first, int) {
        setCurrentLayer(std::min(first, mModel->layerCount() - 1));
    });
    connect(mModel, &QAbstractItemModel::rowsMoved, this,
            [this](const QModelIndex&, int first, int, const QModelIndex&, int destination) {
                setCurrentLayer(destination > first ? destination - 1 : destination);
            });
    connect(mModel, &QAbstractItemModel::modelReset, this, [this] { setCurrentLayer(mModel->layerCount() > 0 ? 0 : -1); });

    // First run: the paper's localist model.
    setArchitecture(arch::preset("CNN-25"));
}

ArchitectureEditor::~ArchitectureEditor() = default;

arch::Architecture ArchitectureEditor::architecture() const { return mModel->architecture(); }

void ArchitectureEditor::setArchitecture(const arch::Architecture& arch) {
    mModel->setArchitecture(arch);
    setCurrentLayer(arch.layers.empty() ? -1 : 0);
}

QUndoStack* ArchitectureEditor::undoStack() const { return mModel->undoStack(); }

int ArchitectureEditor::currentLayer() const {
    const QModelIndex i = mTable->selectionModel()->currentIndex();
    return i.isValid() && mTable->selectionModel()->isRowSelected(i.row(), {}) ? i.row() : -1;
}

void ArchitectureEditor::setCurrentLayer(int row) {
    if (row < 0 || row >= mModel->layerCount()) {
        mTable->selectionModel()->clearSelection();
        mTable->selectionModel()->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
    } else {
        mTable->selectionModel()->setCurrentIndex(mModel->index(row, 0),
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        mTable->scrollTo(mModel->index(row, 0));
    }
    refresh();
}

// ---- construction -----------------------------------------------------------------------------

void ArchitectureEditor::createActions() {
    QUndoStack* stack = mModel->undoStack();
    mUndoAction = new QAction(tr("Undo"), this);
    mUndoAction->setShortcuts(QKeySequence::Undo);
    mUndoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    mUndoAction->setEnabled(false);
    connect(mUndoAction, &QAction::triggered, stack, &QUndoStack::undo);
    connect(stack, &QUndoStack::canUndoChanged, mUndoAction, &QAction::setEnabled);
    connect(stack, &QUndoStack::undoTextChanged, this, [this](const QString& text) {
        mUndoAction->setToolTip(tr("Undo %1").arg(text) + shortcutSuffix(mUndoAction));
    });
    mRedoAction = new QAction(tr("Redo"), this);
    mRedoAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    mRedoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    mRedoAction->setEnabled(false);
    connect(mRedoAction, &QAction::triggered, stack, &QUndoStack::redo);
    connect(stack, &QUndoStack::canRedoChanged, mRedoAction, &QAction::setEnabled);
    connect(stack, &QUndoStack::redoTextChanged, this, [this](const QString& text) {
        mRedoAction->setToolTip(tr("Redo %1").arg(text) + shortcutSuffix(mRedoAction));
    });
    addAction(mUndoAction);
    addAction(mRedoAction);

    mRemoveAction = new QAction(tr("Remove"), this);
    mRemoveAction->setShortcut(QKeySequence::Delete);
    mRemoveAction->setToolTip(tr("Remove the selected layer") + shortcutSuffix(mRemoveAction));
    connect(mRemoveAction, &QAction::triggered, this, &ArchitectureEditor::removeCurrent);
    mUpAction = new QAction(QStringLiteral("\u2191"), this);
    mUpAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up));
    mUpAction->setToolTip(tr("Move the selected layer up") + shortcutSuffix(mUpAction));
    connect(mUpAction, &QAction::triggered, this, [this] { moveCurrent(-1); });
    mDownAction = new QAction(QStringLiteral("\u2193"), this);
    mDownAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down));
    mDownAction->setToolTip(tr("Move the selected layer down") + shortcutSuffix(mDownAction));
    connect(mDownAction, &QAction::triggered, this, [this] { moveCurrent(+1); });
    mDuplicateAction = new QAction(tr("Duplicate"), this);
    mDuplicateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    mDuplicateAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    mDuplicateAction->setToolTip(tr("Insert a copy of the selected layer below it") + shortcutSuffix(mDuplicateAction));
    connect(mDuplicateAction, &QAction::triggered, this, &ArchitectureEditor::duplicateCurrent);
    mBlockAction = new QAction(tr("Add conv block"), this);
    mBlockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    mBlockAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    mBlockAction->setToolTip(tr("Insert the paper's block: convolution \u2192 batch norm \u2192 ReLU \u2192 max-pool "
                                "\u2192 dropout") + shortcutSuffix(mBlockAction));
    connect(mBlockAction, &QAction::triggered, this, &ArchitectureEditor::addConvBlock);
    addAction(mDuplicateAction);
    addAction(mBlockAction);
}

void ArchitectureEditor::buildUi() {
    auto* root = new QVBoxLayout(this);

    // Header: preset, name, input, classes, output, file menu.
    auto* headerRow = new QWidget;
    auto* header = new FlowLayout(headerRow, 10);  // one line in a wide dock, several in a narrow one
    mPreset = new QComboBox;
    mPreset->setObjectName(QStringLiteral("presetBox"));
    mPreset->addItem(tr("Custom"), QString());
    mPreset->setItemData(0, tr("The architecture differs from every preset."), Qt::ToolTipRole);
    for (const auto& name : arch::presetNames()) {
        const QString n = QString::fromStdString(name);
        mPreset->addItem(n, n);
        mPreset->setItemData(mPreset->count() - 1, QString::fromStdString(arch::presetDescription(name)), Qt::ToolTipRole);
    }
    mPreset->setToolTip(tr("Every model of Koo & Eddy (2019). Choosing one replaces the layers and the training "
                           "settings with the paper's (undoable)."));
    mPreset->setMaxVisibleItems(18);
    connect(mPreset, &QComboBox::activated, this, &ArchitectureEditor::presetActivated);
    header->addWidget(labelledField(tr("&Preset"), mPreset));

    mName = new QLineEdit;
    mName->setPlaceholderText(tr("name"));
    mName->setToolTip(tr("Name of this architecture, shown in run lists and comparisons."));
    mName->setMaximumWidth(180);
    connect(mName, &QLineEdit::editingFinished, this, [this] { mModel->setName(mName->text().trimmed()); });
    header->addWidget(labelledField(tr("&Name"), mName));

    mInputLength = new QSpinBox;
    mInputLength->setRange(1, 1000000);
    mInputLength->setSuffix(tr(" nt"));
    mInputLength->setKeyboardTracking(false);
    mInputLength->setToolTip(tr("Input length: bases per sequence (one-hot input of length \u00d7 4). Usually set by "
                                "the data panel."));
    connect(mInputLength, &QSpinBox::valueChanged, this, [this](int v) { mModel->setInputLength(v); });
    header->addWidget(labelledField(tr("&Input"), mInputLength));

    mClasses = new QSpinBox;
    mClasses->setRange(1, 100000);
    mClasses->setKeyboardTracking(false);
    mClasses->setToolTip(tr("Number of classes (labels); the output layer has one unit per class."));
    connect(mClasses, &QSpinBox::valueChanged, this, [this](int v) { mModel->setNumClasses(v); });
    header->addWidget(labelledField(tr("&Classes"), mClasses));

    mOutput = new QComboBox;
    mOutput->addItem(tr("sigmoid (multi-label)"), int(arch::OutputKind::Sigmoid));
    mOutput->addItem(tr("softmax (one class)"), int(arch::OutputKind::Softmax));
    mOutput->setToolTip(tr("Sigmoid: each class is an independent yes/no (the paper's 12 TFs can co-occur). "
                           "Softmax: exactly one class per sequence."));
    connect(mOutput, &QComboBox::activated, this,
            [this](int i) { mModel->setOutputKind(arch::OutputKind(mOutput->itemData(i).toInt())); });
    header->addWidget(mOutput);

    auto* fileButton = new QToolButton;
    fileButton->setText(tr("File"));
    fileButton->setPopupMode(QToolButton::InstantPopup);
    fileButton->setToolTip(tr("Open or save an architecture as JSON"));
    auto* fileMenu = new QMenu(fileButton);
    fileMenu->addAction(tr("Open architecture\u2026"), this, &ArchitectureEditor::openArchitectureFile);
    fileMenu->addAction(tr("Save architecture as\u2026"), this, &ArchitectureEditor::saveArchitectureFile);
    fileButton->setMenu(fileMenu);
    header->addWidget(fileButton);
    root->addWidget(headerRow);

    mDescription = new QLabel;
    mDescription->setWordWrap(true);
    mDescription->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    root->addWidget(mDescription);

    // Body: layer table (with its buttons) | selected-layer form.
    auto* splitter = new AdaptiveSplitter;  // side by side when wide, stacked in a narrow dock
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* buttonRow = new QWidget;
    auto* buttons = new FlowLayout(buttonRow, 3);
    mAddButton = new QToolButton;
    mAddButton->setText(tr("Add layer"));
    mAddButton->setPopupMode(QToolButton::InstantPopup);
    mAddButton->setToolTip(tr("Insert a layer below the selection (Insert)"));
    auto* addMenu = new QMenu(mAddButton);
    for (LayerType t : {LayerType::Conv1D, LayerType::BatchNorm, LayerType::Activation, LayerType::MaxPool,
                        LayerType::Dropout, LayerType::Flatten, LayerType::Dense}) {
        QAction* a = addMenu->addAction(layerTypeName(t), this, [this, t] { addLayer(int(t)); });
        a->setToolTip(layerTypeToolTip(t));
    }
    addMenu->setToolTipsVisible(true);
    addMenu->addSeparator();
    addMenu->addAction(mBlockAction);
    mAddButton->setMenu(addMenu);
    buttons->addWidget(mAddButton);
    buttons->addWidget(toolButton(mBlockAction));
    buttons->addWidget(toolButton(mRemoveAction));
    buttons->addWidget(toolButton(mUpAction));
    buttons->addWidget(toolButton(mDownAction));
    buttons->addWidget(toolButton(mDuplicateAction));
    buttons->addWidget(toolButton(mUndoAction));
    buttons->addWidget(toolButton(mRedoAction));
    leftLayout->addWidget(buttonRow);

    mTable = new QTableView;
    mTable->setModel(mModel);
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mTable->setAlternatingRowColors(true);
    mTable->setShowGrid(false);
    mTable->setWordWrap(false);
    mTable->setDragEnabled(true);
    mTable->setAcceptDrops(true);
    mTable->setDropIndicatorShown(true);
    mTable->setDragDropMode(QAbstractItemView::InternalMove);
    mTable->setDefaultDropAction(Qt::MoveAction);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    mTable->verticalHeader()->setDefaultSectionSize(mTable->fontMetrics().height() + 8);
    mTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    mTable->horizontalHeader()->setSectionResizeMode(ArchitectureModel::ParametersColumn, QHeaderView::Stretch);
    mTable->horizontalHeader()->setHighlightSections(false);
    mTable->setToolTip({});
    for (QAction* a : {mRemoveAction, mUpAction, mDownAction}) {
        a->setShortcutContext(Qt::WidgetShortcut);  // Delete in a spin box deletes a digit, not a layer
        mTable->addAction(a);
    }
    auto* insertAction = new QAction(this);
    insertAction->setShortcut(QKeySequence(Qt::Key_Insert));
    insertAction->setShortcutContext(Qt::WidgetShortcut);
    connect(insertAction, &QAction::triggered, mAddButton, &QToolButton::showMenu);
    mTable->addAction(insertAction);
    connect(mTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { refresh(); });
    connect(mTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { refresh(); });
    leftLayout->addWidget(mTable, 1);
    splitter->addWidget(left);

    auto* formBox = new QGroupBox(tr("Selected layer"));
    auto* formLayout = new QVBoxLayout(formBox);
    mForm = new ArchitectureLayerForm;
    connect(mForm, &ArchitectureLayerForm::layerEdited, this,
            [this](int row, const LayerSpec& layer) { mModel->setLayer(row, layer); });
    auto* scroll = new QScrollArea;
    scroll->setWidget(mForm);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Never narrower than the form's fields: below that the splitter stacks table and form.
    scroll->setMinimumWidth(std::max(240, mForm->minimumSizeHint().width()) + scroll->verticalScrollBar()->sizeHint().width());
    formLayout->addWidget(scroll);
    splitter->addWidget(formBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    root->addWidget(splitter, 1);

    // Feedback: summary, the paper's prediction, problems.
    mSummary = new QLabel;
    mSummary->setWordWrap(true);
    QFont bold = mSummary->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    mSummary->setFont(bold);
    mSummary->setToolTip(tr("<b>Receptive field</b>: input bases that one unit of the first conv block (after its "
                            "pooling) summarises for deeper layers.<br><b>Parameters</b>: trainable weights of the "
                            "whole network."));
    root->addWidget(mSummary);

    mHint = new QLabel;
    mHint->setWordWrap(true);
    mHint->setTextFormat(Qt::RichText);
    mHint->setFrameShape(QFrame::StyledPanel);
    mHint->setStyleSheet(QStringLiteral("QLabel { background: #eef4fb; color: #1d3b5c; border: 1px solid #c5d7ea; "
                                        "border-radius: 4px; padding: 6px; }"));
    mHint->setToolTip(tr("Koo & Eddy (2019): first-layer filters learn whole motifs when the architecture keeps "
                         "deeper layers from assembling them (large first-layer pooling), and partial motifs when "
                         "it lets them (small pooling). A reading of the paper, not a result."));
    root->addWidget(mHint);

    mProblems = new QListWidget;
    mProblems->setMaximumHeight(mProblems->fontMetrics().height() * 5 + 8);
    const int icon = mProblems->fontMetrics().height();
    mProblems->setIconSize(QSize(icon, icon));
    mProblems->setToolTip(tr("Problems that keep this architecture from being trained. Click one to select its layer."));
    mProblems->setStyleSheet(QStringLiteral("QListWidget { color: #b02020; }"));
    connect(mProblems, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const int row = item->data(Qt::UserRole).toInt();
        if (row >= 0) setCurrentLayer(row);
    });
    root->addWidget(mProblems);

    mStatus = new QLabel;
    mStatus->setWordWrap(true);
    root->addWidget(mStatus);
}

// ---- refresh ----------------------------------------------------------------------------------

void ArchitectureEditor::refreshHeader() {
    const arch::Architecture& a = mModel->architecture();
    const QSignalBlocker b1(mInputLength), b2(mClasses);
    mInputLength->setValue(a.inputLength);
    mClasses->setValue(a.numClasses);
    mOutput->setCurrentIndex(mOutput->findData(int(a.output)));
    if (!mName->hasFocus()) mName->setText(QString::fromStdString(a.name));
    const QString preset = mModel->matchingPreset();
    const int index = preset.isEmpty() ? 0 : mPreset->findData(preset);
    mPreset->setCurrentIndex(index < 0 ? 0 : index);
    if (!preset.isEmpty())
        mDescription->setText(QString::fromStdString(arch::presetDescription(preset.toStdString())));
    else if (arch::isPreset(a.name))
        mDescription->setText(tr("Custom architecture, modified from the preset %1.").arg(QString::fromStdString(a.name)));
    else
        mDescription->setText(QString::fromStdString(a.description));
    mDescription->setVisible(!mDescription->text().isEmpty());
}

void ArchitectureEditor::refresh() {
    if (!mTable) return;
    refreshHeader();
    const int row = currentLayer();
    const arch::Architecture& a = mModel->architecture();
    if (row >= 0) {
        const auto& shapes = mModel->shapes();
        const QString in = row == 0 ? shapeText({a.inputLength, 4}) : shapeText(shapes[std::size_t(row - 1)]);
        mForm->setLayer(row, a.layers[std::size_t(row)], in, shapeText(shapes[std::size_t(row)]), mModel->problemsOfRow(row));
    } else {
        mForm->setLayer(-1, {}, {}, {}, {});
    }
    mRemoveAction->setEnabled(row >= 0);
    mDuplicateAction->setEnabled(row >= 0);
    mUpAction->setEnabled(row > 0);
    mDownAction->setEnabled(row >= 0 && row + 1 < mModel->layerCount());

    mSummary->setText(mModel->summaryText());
    mHint->setText(QStringLiteral("<b>%1</b> %2").arg(tr("Prediction:"), mModel->hintText().toHtmlEscaped()));

    mProblems->clear();
    static const QRegularExpression layerPrefix(QStringLiteral("^layer (\\d+): "));
    const QIcon warn = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const auto& p : mModel->problems()) {
        const QString text = QString::fromStdString(p);
        auto* item = new QListWidgetItem(warn, text.left(1).toUpper() + text.mid(1));
        const auto m = layerPrefix.match(text);
        item->setData(Qt::UserRole, m.hasMatch() ? m.captured(1).toInt() - 1 : -1);
        mProblems->addItem(item);
    }
    mProblems->setVisible(mProblems->count() > 0);
    if (mStatus->property("error").toBool()) return;
    if (mProblems->count() == 0)
        mStatus->setText(QStringLiteral("<span style='color:#2e7d32'>\u2714 %1</span>").arg(tr("Valid: ready to train.")));
    else
        mStatus->setText(QStringLiteral("<span style='color:#b02020'>\u2716 %1</span>")
                             .arg(mProblems->count() == 1 ? tr("1 problem to fix before training.")
                                                          : tr("%1 problems to fix before training.").arg(mProblems->count())));
}

// ---- editing ----------------------------------------------------------------------------------

void ArchitectureEditor::addLayer(int type) {
    const int row = currentLayer() >= 0 ? currentLayer() + 1 : mModel->layerCount();
    mModel->insertLayer(row, defaultLayer(LayerType(type)));
}

void ArchitectureEditor::addConvBlock() {
    const int row = currentLayer() >= 0 ? currentLayer() + 1 : mModel->layerCount();
    mModel->insertLayers(row,
                         {LayerSpec::conv(32, 19), LayerSpec::batchNorm(1e-8), LayerSpec::act(arch::ActivationType::ReLU),
                          LayerSpec::maxPool(4), LayerSpec::dropout(0.1)},
                         tr("Add conv block (layers %1\u2013%2)").arg(row + 1).arg(row + 5));
}

void ArchitectureEditor::removeCurrent() { mModel->removeLayer(currentLayer()); }

void ArchitectureEditor::duplicateCurrent() {
    const int row = currentLayer();
    if (row < 0) return;
    const LayerSpec copy = mModel->architecture().layers[std::size_t(row)];
    mModel->insertLayers(row + 1, {copy}, tr("Duplicate layer %1").arg(row + 1));
}

void ArchitectureEditor::moveCurrent(int delta) {
    const int row = currentLayer();
    if (row < 0) return;
    mModel->moveLayer(row, row + delta);
}

void ArchitectureEditor::presetActivated(int index) {
    const QString name = mPreset->itemData(index).toString();
    if (name.isEmpty()) {
        refreshHeader();  // "Custom" is a state, not a choice
        return;
    }
    mModel->applyPreset(name);
}

void ArchitectureEditor::showError(const QString& message) {
    mStatus->setProperty("error", !message.isEmpty());
    mStatus->setText(QStringLiteral("<span style='color:#b02020'>%1</span>").arg(message.toHtmlEscaped()));
}

void ArchitectureEditor::openArchitectureFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open architecture"), AppSettings::lastDirectory(AppSettings::Folder::Models),
                                                      tr("Architecture (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    AppSettings::setLastDirectory(AppSettings::Folder::Models, path);
    try {
        Warnings warnings;
        arch::Architecture a = arch::loadArchitecture(path.toStdString(), &warnings);
        mStatus->setProperty("error", false);
        mModel->replaceArchitecture(a, tr("Open %1").arg(QFileInfo(path).fileName()));
        if (!warnings.empty())
            mStatus->setText(tr("Opened with warnings: %1").arg(QString::fromStdString(warnings.summary()).trimmed()));
    } catch (const std::exception& e) {
        showError(tr("Could not open the architecture: %1").arg(QString::fromUtf8(e.what())));
    }
}

void ArchitectureEditor::saveArchitectureFile() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save architecture"),
                                                AppSettings::lastDirectory(AppSettings::Folder::Models) + QLatin1Char('/') +
                                                    QString::fromStdString(mModel->architecture().name) + ".json",
                                                tr("Architecture (*.json)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(".json", Qt::CaseInsensitive)) path += ".json";
    AppSettings::setLastDirectory(AppSettings::Folder::Models, path);
    try {
        arch::saveArchitecture(mModel->architecture(), path.toStdString());
        mStatus->setProperty("error", false);
        mStatus->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    } catch (const std::exception& e) {
        showError(tr("Could not save the architecture: %1").arg(QString::fromUtf8(e.what())));
    }
}

}  // namespace motifloom::ui
