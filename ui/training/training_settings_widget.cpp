#include "training/training_settings_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <climits>
#include <cmath>

namespace motifloom::ui {
namespace {

// A double spin box that shows and accepts scientific notation ("1e-3", "3e-4", "0"), and
// steps by a factor of ~2 on a log scale (1e-3 -> 2e-3 -> 5e-3 -> 1e-2).
class ScientificSpinBox final : public QDoubleSpinBox {
public:
    ScientificSpinBox(double min, double max, QWidget* parent) : QDoubleSpinBox(parent) {
        setDecimals(20);  // the value is not rounded; textFromValue decides what is shown
        setRange(min, max);
    }

    QString textFromValue(double v) const override {
        if (v == 0) return QStringLiteral("0");
        const double a = std::abs(v);
        if (a >= 1e-2 && a < 1e4) return QString::number(v, 'g', 6);
        int e = int(std::floor(std::log10(a)));
        double m = v / std::pow(10.0, e);
        if (std::abs(std::round(m * 100) / 100) >= 10) m /= 10, ++e;  // 9.999e-4 -> 1e-3
        return QString::number(m, 'g', 3) + QLatin1Char('e') + QString::number(e);
    }
    double valueFromText(const QString& text) const override { return text.trimmed().toDouble(); }
    QValidator::State validate(QString& text, int&) const override {
        const QString t = text.trimmed();
        if (t.isEmpty() || t == "-" || t.endsWith('e') || t.endsWith("e-") || t.endsWith('.'))
            return QValidator::Intermediate;
        bool ok = false;
        const double v = t.toDouble(&ok);
        if (!ok) return QValidator::Invalid;
        return v >= minimum() && v <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
    }
    void stepBy(int steps) override {
        double v = value();
        static const double mant[] = {1, 2, 5};
        for (int s = 0; s < std::abs(steps); ++s) {
            if (v <= 0) {
                v = steps > 0 ? std::max(minimum(), 1e-8) : 0;
                continue;
            }
            const double e = std::floor(std::log10(v) + 1e-9);
            const double m = v / std::pow(10.0, e);
            int idx = m < 1.5 ? 0 : m < 3.5 ? 1 : 2;
            idx += steps > 0 ? 1 : -1;
            double ne = e;
            if (idx > 2) idx = 0, ne += 1;
            if (idx < 0) idx = 2, ne -= 1;
            v = mant[idx] * std::pow(10.0, ne);
        }
        setValue(std::clamp(v, minimum(), maximum()));
    }
};

}  // namespace

TrainingSettingsWidget::TrainingSettingsWidget(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);  // labels above their fields in a narrow dock

    mOptimizer = new QComboBox(this);
    mOptimizer->addItem(tr("Adam"), int(arch::OptimizerKind::Adam));
    mOptimizer->addItem(tr("SGD + momentum"), int(arch::OptimizerKind::Sgd));
    mOptimizer->setToolTip(tr("How the weights move down the gradient. The paper used Adam "
                              "(Kingma & Ba 2015) with beta1 = 0.95."));
    form->addRow(tr("Optimizer"), mOptimizer);

    mLearningRate = new ScientificSpinBox(1e-7, 10, this);
    mLearningRate->setToolTip(tr("Step size of the optimiser. The paper's code ran with 1e-3 (its model files "
                                 "say 3e-4). Too large and training diverges; too small and it crawls."));
    form->addRow(tr("Learning rate"), mLearningRate);

    mBeta1 = new QDoubleSpinBox(this);
    mBeta1->setRange(0, 0.9999);
    mBeta1->setDecimals(4);
    mBeta1->setSingleStep(0.01);
    mBeta1->setToolTip(tr("Adam: decay of the running mean of gradients (paper: 0.95)."));
    form->addRow(tr("Adam \u03b2\u2081"), mBeta1);
    mBeta2 = new QDoubleSpinBox(this);
    mBeta2->setRange(0, 0.999999);
    mBeta2->setDecimals(6);
    mBeta2->setSingleStep(0.001);
    mBeta2->setToolTip(tr("Adam: decay of the running mean of squared gradients (0.999)."));
    form->addRow(tr("Adam \u03b2\u2082"), mBeta2);
    mEpsilon = new ScientificSpinBox(0, 1, this);
    mEpsilon->setToolTip(tr("Adam: small constant that keeps the step finite (1e-8)."));
    form->addRow(tr("Adam \u03b5"), mEpsilon);
    mMomentum = new QDoubleSpinBox(this);
    mMomentum->setRange(0, 0.9999);
    mMomentum->setDecimals(4);
    mMomentum->setSingleStep(0.05);
    mMomentum->setToolTip(tr("SGD: fraction of the previous step carried into the next (heavy-ball momentum)."));
    form->addRow(tr("Momentum"), mMomentum);

    mBatch = new QSpinBox(this);
    mBatch->setRange(1, 100000);
    mBatch->setToolTip(tr("Sequences per gradient step (paper: 100 for the synthetic data, 32 in vivo)."));
    form->addRow(tr("Batch size"), mBatch);
    mEpochs = new QSpinBox(this);
    mEpochs->setRange(1, 100000);
    mEpochs->setToolTip(tr("Passes over the training set at most (paper: 100, with early stopping)."));
    form->addRow(tr("Max epochs"), mEpochs);

    auto* esRow = new QWidget(this);
    auto* esLayout = new QHBoxLayout(esRow);
    esLayout->setContentsMargins(0, 0, 0, 0);
    mEarlyStop = new QCheckBox(tr("after"), esRow);
    mEarlyStop->setToolTip(tr("Stop when the validation loss has not improved for this many epochs in a row "
                              "(paper: patience 20)."));
    mPatience = new QSpinBox(esRow);
    mPatience->setRange(1, 100000);
    mPatience->setSuffix(tr(" epochs"));
    mPatience->setToolTip(mEarlyStop->toolTip());
    esLayout->addWidget(mEarlyStop);
    esLayout->addWidget(mPatience, 1);
    form->addRow(tr("Early stopping"), esRow);
    mRestoreBest = new QCheckBox(tr("Keep the best epoch's weights"), this);
    mRestoreBest->setToolTip(tr("At the end, go back to the weights of the epoch with the lowest validation "
                                "loss (as the paper did)."));
    form->addRow(QString(), mRestoreBest);

    mL1 = new ScientificSpinBox(0, 10, this);
    mL1->setToolTip(tr("L1 penalty on convolution and dense weights: pushes weights to exactly zero "
                       "(paper: 1e-6 for CNN-50 only)."));
    form->addRow(tr("L1 penalty"), mL1);
    mL2 = new ScientificSpinBox(0, 10, this);
    mL2->setToolTip(tr("L2 penalty (weight decay) on convolution and dense weights (paper: 1e-6)."));
    form->addRow(tr("L2 penalty"), mL2);
    mSeed = new QSpinBox(this);
    mSeed->setRange(0, INT_MAX);
    mSeed->setToolTip(tr("Initial weights, batch order and dropout masks all follow from this number: the same "
                         "seed gives the same run, on any number of threads."));
    form->addRow(tr("Seed"), mSeed);

    auto* reset = new QPushButton(tr("Paper defaults"), this);
    reset->setToolTip(tr("Restore the paper's settings for the chosen model (keeps the seed)."));
    connect(reset, &QPushButton::clicked, this, [this] {
        arch::TrainingSettings s = mDefaults;
        s.seed = settings().seed;
        setSettings(s);
    });

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(form);
    outer->addWidget(reset, 0, Qt::AlignRight);
    outer->addStretch(1);

    for (auto* box : {mLearningRate, mBeta1, mBeta2, mEpsilon, mMomentum, mL1, mL2})
        connect(box, &QDoubleSpinBox::valueChanged, this, &TrainingSettingsWidget::changed);
    for (auto* box : {mBatch, mEpochs, mPatience, mSeed})
        connect(box, &QSpinBox::valueChanged, this, &TrainingSettingsWidget::changed);
    for (auto* box : {mEarlyStop, mRestoreBest}) connect(box, &QCheckBox::toggled, this, &TrainingSettingsWidget::changed);
    connect(mOptimizer, &QComboBox::currentIndexChanged, this, &TrainingSettingsWidget::changed);
    setSettings(mDefaults);
}

void TrainingSettingsWidget::changed() {
    updateEnabled();
    if (!mUpdating) Q_EMIT settingsChanged();
}

void TrainingSettingsWidget::updateEnabled() {
    const bool adam = mOptimizer->currentData().toInt() == int(arch::OptimizerKind::Adam);
    mBeta1->setEnabled(adam);
    mBeta2->setEnabled(adam);
    mEpsilon->setEnabled(adam);
    mMomentum->setEnabled(!adam);
    mPatience->setEnabled(mEarlyStop->isChecked());
}

arch::TrainingSettings TrainingSettingsWidget::settings() const {
    arch::TrainingSettings s;
    s.optimizer = arch::OptimizerKind(mOptimizer->currentData().toInt());
    s.learningRate = mLearningRate->value();
    s.beta1 = mBeta1->value();
    s.beta2 = mBeta2->value();
    s.adamEpsilon = mEpsilon->value();
    s.momentum = mMomentum->value();
    s.batchSize = mBatch->value();
    s.maxEpochs = mEpochs->value();
    s.patience = mEarlyStop->isChecked() ? mPatience->value() : 0;
    s.restoreBest = mRestoreBest->isChecked();
    s.l1 = mL1->value();
    s.l2 = mL2->value();
    s.seed = std::uint64_t(mSeed->value());
    return s;
}

void TrainingSettingsWidget::setSettings(const arch::TrainingSettings& s) {
    mUpdating = true;
    mOptimizer->setCurrentIndex(mOptimizer->findData(int(s.optimizer)));
    mLearningRate->setValue(s.learningRate);
    mBeta1->setValue(s.beta1);
    mBeta2->setValue(s.beta2);
    mEpsilon->setValue(s.adamEpsilon);
    mMomentum->setValue(s.momentum);
    mBatch->setValue(s.batchSize);
    mEpochs->setValue(s.maxEpochs);
    mEarlyStop->setChecked(s.patience > 0);
    mPatience->setValue(s.patience > 0 ? s.patience : std::max(1, mDefaults.patience));
    mRestoreBest->setChecked(s.restoreBest);
    mL1->setValue(s.l1);
    mL2->setValue(s.l2);
    mSeed->setValue(int(std::min<std::uint64_t>(s.seed, std::uint64_t(INT_MAX))));
    mUpdating = false;
    updateEnabled();
    Q_EMIT settingsChanged();
}

}  // namespace motifloom::ui
