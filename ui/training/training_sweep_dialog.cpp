#include "training/training_sweep_dialog.h"

#include "arch/presets.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>

namespace motifloom::ui {

TrainingSweepDialog::TrainingSweepDialog(QWidget* parent, double secondsPerRun)
    : QDialog(parent), mSecondsPerRun(secondsPerRun) {
    setWindowTitle(tr("Sweep"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Train several models one after another in the background, each on all %1 cores, "
                                "on the current data. Every run lands in the run list and the comparison table.")
                                 .arg(QThread::idealThreadCount()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    mName = new QLineEdit(QStringLiteral("sweep"), this);
    form->addRow(tr("Name"), mName);
    mPresets = new QListWidget(this);
    for (const std::string& name : arch::presetNames()) {
        auto* item = new QListWidgetItem(QString::fromStdString(name), mPresets);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(name == "CNN-2" || name == "CNN-25" ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(QString::fromStdString(arch::presetDescription(name)));
    }
    mPresets->setMinimumHeight(220);
    auto* presetBox = new QWidget(this);
    auto* pv = new QVBoxLayout(presetBox);
    pv->setContentsMargins(0, 0, 0, 0);
    pv->addWidget(mPresets);
    auto* quick = new QHBoxLayout;
    auto addQuick = [&](const QString& text, std::vector<std::string> names) {
        auto* b = new QPushButton(text, presetBox);
        connect(b, &QPushButton::clicked, this, [this, names] {
            for (int i = 0; i < mPresets->count(); ++i) {
                const std::string n = mPresets->item(i)->text().toStdString();
                const bool on = names.empty() ? false : std::find(names.begin(), names.end(), n) != names.end();
                mPresets->item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
            }
        });
        quick->addWidget(b);
    };
    addQuick(tr("Pooling series"), {"CNN-1", "CNN-2", "CNN-4", "CNN-10", "CNN-25", "CNN-50", "CNN-100"});
    addQuick(tr("Filter sizes"), {"CNN-4", "CNN-25", "CNN9-4", "CNN9-25", "CNN3-2", "CNN3-50"});
    addQuick(tr("All"), arch::presetNames());
    addQuick(tr("None"), {});
    pv->addLayout(quick);
    form->addRow(tr("Presets"), presetBox);

    mTrials = new QSpinBox(this);
    mTrials->setRange(1, 100);
    mTrials->setValue(1);
    mTrials->setToolTip(tr("Runs per preset with different seeds (the paper: 5)."));
    form->addRow(tr("Trials"), mTrials);
    mSeed = new QSpinBox(this);
    mSeed->setRange(0, INT_MAX);
    mSeed->setValue(1);
    mSeed->setToolTip(tr("Trial t uses seed first + t - 1 for every preset."));
    form->addRow(tr("First seed"), mSeed);
    mCurrent = new QRadioButton(tr("the current training settings"), this);
    mPaper = new QRadioButton(tr("each preset's paper settings"), this);
    mCurrent->setChecked(true);
    auto* settingsBox = new QWidget(this);
    auto* sv = new QVBoxLayout(settingsBox);
    sv->setContentsMargins(0, 0, 0, 0);
    sv->addWidget(mCurrent);
    sv->addWidget(mPaper);
    form->addRow(tr("Settings"), settingsBox);
    mEpochs = new QSpinBox(this);
    mEpochs->setRange(0, 100000);
    mEpochs->setSpecialValueText(tr("as in the settings"));
    mEpochs->setToolTip(tr("Limit every run to this many epochs (0: keep the settings' value)."));
    form->addRow(tr("Max epochs"), mEpochs);
    mLive = new QCheckBox(tr("Update filters after every epoch (slower)"), this);
    form->addRow(QString(), mLive);
    layout->addLayout(form);

    mSummary = new QLabel(this);
    mSummary->setWordWrap(true);
    layout->addWidget(mSummary);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start sweep"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(mPresets, &QListWidget::itemChanged, this, &TrainingSweepDialog::updateSummary);
    connect(mTrials, &QSpinBox::valueChanged, this, &TrainingSweepDialog::updateSummary);
    connect(mEpochs, &QSpinBox::valueChanged, this, &TrainingSweepDialog::updateSummary);
    connect(mPresets, &QListWidget::itemChanged, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(plan().runCount() > 0);
    });
    updateSummary();
}

lab::SweepPlan TrainingSweepDialog::plan() const {
    lab::SweepPlan p;
    if (!mName->text().trimmed().isEmpty()) p.name = mName->text().trimmed().toStdString();
    for (int i = 0; i < mPresets->count(); ++i)
        if (mPresets->item(i)->checkState() == Qt::Checked) p.models.push_back(mPresets->item(i)->text().toStdString());
    p.trials = mTrials->value();
    p.firstSeed = std::uint64_t(mSeed->value());
    p.paperSettings = mPaper->isChecked();
    p.maxEpochs = mEpochs->value();
    p.liveFilters = mLive->isChecked();
    return p;
}

void TrainingSweepDialog::setPlan(const lab::SweepPlan& p) {
    mName->setText(QString::fromStdString(p.name));
    for (int i = 0; i < mPresets->count(); ++i) {
        const std::string n = mPresets->item(i)->text().toStdString();
        mPresets->item(i)->setCheckState(std::find(p.models.begin(), p.models.end(), n) != p.models.end()
                                             ? Qt::Checked
                                             : Qt::Unchecked);
    }
    mTrials->setValue(p.trials);
    mSeed->setValue(int(std::min<std::uint64_t>(p.firstSeed, INT_MAX)));
    (p.paperSettings ? mPaper : mCurrent)->setChecked(true);
    mEpochs->setValue(p.maxEpochs);
    mLive->setChecked(p.liveFilters);
    updateSummary();
}

void TrainingSweepDialog::updateSummary() {
    const lab::SweepPlan p = plan();
    QString text = tr("%n run(s)", nullptr, p.runCount());
    if (mSecondsPerRun > 0 && p.runCount() > 0) {
        const double hours = mSecondsPerRun * p.runCount() / 3600.0;
        text += hours < 1 ? tr(", roughly %1 min").arg(std::max(1L, std::lround(hours * 60)))
                          : tr(", roughly %1 h").arg(hours, 0, 'f', 1);
        text += tr(" (from the last run's time)");
    }
    text += tr(". Stop (Esc) ends the sweep; finished runs are kept.");
    mSummary->setText(text);
}

}  // namespace motifloom::ui
