#include "architecture/architecture_layer_form.h"

#include "architecture/architecture_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace motifloom::ui {

using arch::LayerSpec;
using arch::LayerType;

namespace {

constexpr LayerType kTypes[] = {LayerType::Conv1D, LayerType::BatchNorm, LayerType::Activation, LayerType::MaxPool,
                                LayerType::Dropout, LayerType::Flatten, LayerType::Dense};
constexpr arch::ActivationType kActivations[] = {arch::ActivationType::ReLU, arch::ActivationType::Exponential,
                                                 arch::ActivationType::Sigmoid, arch::ActivationType::Linear};

QSpinBox* intSpin(int min, int max, const QString& suffix, const QString& tip) {
    auto* s = new QSpinBox;
    s->setRange(min, max);
    s->setSuffix(suffix);
    s->setKeyboardTracking(false);  // one edit per typed number, not per digit
    s->setAccelerated(true);
    s->setToolTip(tip);
    return s;
}

}  // namespace

ArchitectureLayerForm::ArchitectureLayerForm(QWidget* parent) : QWidget(parent) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    mTitle = new QLabel;
    QFont titleFont = mTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    mTitle->setFont(titleFont);
    mTitle->setWordWrap(true);
    outer->addWidget(mTitle);

    mShapes = new QLabel;
    mShapes->setTextFormat(Qt::RichText);
    mShapes->setWordWrap(true);
    outer->addWidget(mShapes);

    mFields = new QWidget;
    mFormLayout = new QFormLayout(mFields);
    mFormLayout->setContentsMargins(0, 4, 0, 4);
    mFormLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    mFormLayout->setRowWrapPolicy(QFormLayout::WrapLongRows);  // labels above their fields when narrow

    mType = new QComboBox;
    for (LayerType t : kTypes) mType->addItem(layerTypeName(t), int(t));
    mType->setToolTip(tr("Change the kind of this layer (undoable)."));
    mFormLayout->addRow(tr("&Type"), mType);

    mUnits = intSpin(0, 100000, {}, {});
    mFormLayout->addRow(tr("&Filters"), mUnits);
    mWidth = intSpin(0, 10000, tr(" nt"),
                     tr("<b>Filter width</b>: bases one filter looks at. Motifs are 6\u201320 nt long; the paper's "
                        "19-nt filters learn whole motifs more easily than 9- or 3-nt ones."));
    mFormLayout->addRow(tr("&Width"), mWidth);
    mPadding = new QComboBox;
    mPadding->addItem(tr("same (keep length)"), int(arch::Padding::Same));
    mPadding->addItem(tr("valid (shrink by width \u2212 1)"), int(arch::Padding::Valid));
    mPadding->setToolTip(tr("<b>Padding</b>: 'same' pads the sequence ends so the output has the input's length; "
                            "'valid' only scans positions where the whole filter fits."));
    mFormLayout->addRow(tr("&Padding"), mPadding);
    mBias = new QCheckBox(tr("learn a bias per filter / unit"));
    mBias->setToolTip(tr("A constant added to each filter's or unit's output. The paper's convolutions have none "
                         "(batch norm supplies the shift); its output layer has one."));
    mFormLayout->addRow(tr("Bias"), mBias);
    mPool = intSpin(0, 100000, tr(" positions"),
                    tr("<b>Pooling window</b>: the maximum over this many positions is kept. Large first-layer "
                       "windows (25, 50, 100) lead to whole-motif filters; small ones (1\u20134) to partial motifs."));
    mFormLayout->addRow(tr("Pool &window"), mPool);
    mStride = intSpin(0, 100000, {}, tr("<b>Stride</b>: step between pooling windows; \u201c= window\u201d "
                                         "gives non-overlapping windows (the usual case)."));
    mStride->setSpecialValueText(tr("= window"));
    mFormLayout->addRow(tr("&Stride"), mStride);
    mRate = new QDoubleSpinBox;
    mRate->setRange(0.0, 0.99);
    mRate->setDecimals(2);
    mRate->setSingleStep(0.05);
    mRate->setKeyboardTracking(false);
    mRate->setToolTip(tr("Fraction of values zeroed at random during training (the paper: 0.1 after conv "
                         "blocks, 0.5 after the hidden dense layer)."));
    mFormLayout->addRow(tr("Drop &rate"), mRate);
    mActivation = new QComboBox;
    for (auto a : kActivations) mActivation->addItem(activationName(a), int(a));
    mActivation->setToolTip(tr("ReLU: max(0, x), the paper's choice. Exponential first-layer activations are "
                               "known to sharpen motif representations (Koo & Ploenzke 2021)."));
    mFormLayout->addRow(tr("&Function"), mActivation);
    mEpsilon = new QLineEdit;
    mEpsilon->setValidator(new QDoubleValidator(0.0, 1.0, 12, mEpsilon));
    mEpsilon->setToolTip(tr("Added to the variance before dividing (numerical safety). The paper: 1e-8."));
    mFormLayout->addRow(tr("&Epsilon"), mEpsilon);
    mMomentum = new QDoubleSpinBox;
    mMomentum->setRange(0.0, 0.9999);
    mMomentum->setDecimals(4);
    mMomentum->setSingleStep(0.01);
    mMomentum->setKeyboardTracking(false);
    mMomentum->setToolTip(tr("Running averages for prediction: running = momentum \u00d7 running + (1 \u2212 momentum) "
                             "\u00d7 batch statistic."));
    mFormLayout->addRow(tr("&Momentum"), mMomentum);
    outer->addWidget(mFields);

    mProblems = new QLabel;
    mProblems->setWordWrap(true);
    mProblems->setStyleSheet(QStringLiteral("color: #b02020;"));
    outer->addWidget(mProblems);

    mAbout = new QLabel;
    mAbout->setWordWrap(true);
    mAbout->setTextFormat(Qt::RichText);
    mAbout->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    outer->addWidget(mAbout);
    outer->addStretch(1);

    connect(mType, &QComboBox::activated, this, &ArchitectureLayerForm::typeChosen);
    auto edit = [this] { emitEdit(); };
    connect(mUnits, &QSpinBox::valueChanged, this, edit);
    connect(mWidth, &QSpinBox::valueChanged, this, edit);
    connect(mPadding, &QComboBox::activated, this, edit);
    connect(mBias, &QCheckBox::toggled, this, edit);
    connect(mPool, &QSpinBox::valueChanged, this, edit);
    connect(mStride, &QSpinBox::valueChanged, this, edit);
    connect(mRate, &QDoubleSpinBox::valueChanged, this, edit);
    connect(mActivation, &QComboBox::activated, this, edit);
    connect(mEpsilon, &QLineEdit::editingFinished, this, edit);
    connect(mMomentum, &QDoubleSpinBox::valueChanged, this, edit);

    setLayer(-1, {}, {}, {}, {});
}

void ArchitectureLayerForm::setLayer(int row, const LayerSpec& layer, const QString& inputShape,
                                     const QString& outputShape, const QStringList& problems) {
    mUpdating = true;
    mRow = row;
    mLayer = layer;
    mFields->setVisible(row >= 0);
    if (row < 0) {
        mTitle->setText(tr("No layer selected"));
        mShapes->setText(tr("Select a layer in the table to edit it, or add one with <b>Add layer</b>."));
        mProblems->clear();
        mAbout->clear();
        mUpdating = false;
        return;
    }
    mTitle->setText(tr("Layer %1: %2").arg(row + 1).arg(layerTypeName(layer.type)));
    const QString unknown = QStringLiteral("?");
    mShapes->setText(tr("in <b>%1</b> \u2192 out <b>%2</b>")
                         .arg(inputShape.isEmpty() ? unknown : inputShape, outputShape.isEmpty() ? unknown : outputShape));
    mType->setCurrentIndex(mType->findData(int(layer.type)));
    mUnits->setValue(layer.units);
    mWidth->setValue(layer.width);
    mPadding->setCurrentIndex(mPadding->findData(int(layer.padding)));
    mBias->setChecked(layer.bias);
    mPool->setValue(layer.poolSize);
    mStride->setValue(layer.poolStride);
    mRate->setValue(layer.dropRate);
    mActivation->setCurrentIndex(mActivation->findData(int(layer.activation)));
    mEpsilon->setText(QString::number(layer.epsilon, 'g', 6));
    mMomentum->setValue(layer.momentum);
    mProblems->setText(problems.isEmpty() ? QString() : QStringLiteral("\u26a0 ") + problems.join("\n\u26a0 "));
    mProblems->setVisible(!problems.isEmpty());
    mAbout->setText(layerTypeToolTip(layer.type));
    updateVisibility();
    mUpdating = false;
}

void ArchitectureLayerForm::setRowVisible(QWidget* field, bool visible) { mFormLayout->setRowVisible(field, visible); }

void ArchitectureLayerForm::updateVisibility() {
    const LayerType t = mLayer.type;
    const bool conv = t == LayerType::Conv1D, dense = t == LayerType::Dense;
    setRowVisible(mUnits, conv || dense);
    if (auto* label = qobject_cast<QLabel*>(mFormLayout->labelForField(mUnits)))
        label->setText(conv ? tr("&Filters") : tr("&Units"));
    mUnits->setToolTip(conv ? tr("<b>Filters</b>: how many patterns this layer learns; each gives one output "
                                 "channel. The paper uses 30 first-layer filters for 12 motifs.")
                            : tr("<b>Units</b>: outputs of the layer. The last dense layer needs one per class."));
    setRowVisible(mWidth, conv);
    setRowVisible(mPadding, conv);
    setRowVisible(mBias, conv || dense);
    setRowVisible(mPool, t == LayerType::MaxPool);
    setRowVisible(mStride, t == LayerType::MaxPool);
    setRowVisible(mRate, t == LayerType::Dropout);
    setRowVisible(mActivation, t == LayerType::Activation);
    setRowVisible(mEpsilon, t == LayerType::BatchNorm);
    setRowVisible(mMomentum, t == LayerType::BatchNorm);
}

void ArchitectureLayerForm::typeChosen(int index) {
    if (mUpdating || mRow < 0) return;
    const auto type = LayerType(mType->itemData(index).toInt());
    if (type == mLayer.type) return;
    LayerSpec next = defaultLayer(type);
    const bool hadUnits = mLayer.type == LayerType::Conv1D || mLayer.type == LayerType::Dense;
    if (hadUnits && (type == LayerType::Conv1D || type == LayerType::Dense)) next.units = mLayer.units;
    Q_EMIT layerEdited(mRow, next);
}

void ArchitectureLayerForm::emitEdit() {
    if (mUpdating || mRow < 0) return;
    LayerSpec next = mLayer;
    switch (mLayer.type) {
    case LayerType::Conv1D:
        next.units = mUnits->value();
        next.width = mWidth->value();
        next.padding = arch::Padding(mPadding->currentData().toInt());
        next.bias = mBias->isChecked();
        break;
    case LayerType::Dense:
        next.units = mUnits->value();
        next.bias = mBias->isChecked();
        break;
    case LayerType::MaxPool:
        next.poolSize = mPool->value();
        next.poolStride = mStride->value();
        break;
    case LayerType::Dropout: next.dropRate = mRate->value(); break;
    case LayerType::Activation: next.activation = arch::ActivationType(mActivation->currentData().toInt()); break;
    case LayerType::BatchNorm: {
        bool ok = false;
        const double eps = QLocale().toDouble(mEpsilon->text(), &ok);
        const double epsC = ok ? eps : mEpsilon->text().toDouble(&ok);
        if (ok && std::isfinite(epsC)) next.epsilon = epsC;
        next.momentum = mMomentum->value();
        break;
    }
    case LayerType::Flatten: break;
    }
    if (next == mLayer) return;
    mLayer = next;
    Q_EMIT layerEdited(mRow, next);
}

}  // namespace motifloom::ui
