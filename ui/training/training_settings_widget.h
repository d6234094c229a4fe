#pragma once
// TrainingSettingsWidget: a form for every field of arch::TrainingSettings (optimiser and its
// parameters, batch size, epochs, early stopping and its patience, restoring the best weights,
// L1 / L2 penalties, seed), with a tooltip explaining each and a "Paper defaults" button.
// Small numbers (learning rate, epsilon, penalties) are typed in scientific notation
// ("3e-4"). Edited before a run; the dashboard disables it while training.

#include "arch/training_settings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace motifloom::ui {

class TrainingSettingsWidget : public QWidget {
    Q_OBJECT
public:
    explicit TrainingSettingsWidget(QWidget* parent = nullptr);

    arch::TrainingSettings settings() const;
    // Shows `settings` (emits settingsChanged once).
    void setSettings(const arch::TrainingSettings& settings);
    // What "Paper defaults" restores (e.g. the current preset's settings; seed is kept).
    void setDefaults(const arch::TrainingSettings& defaults) { mDefaults = defaults; }

    QSpinBox* epochsBox() const { return mEpochs; }

Q_SIGNALS:
    void settingsChanged();

private:
    void updateEnabled();
    void changed();

    QComboBox* mOptimizer = nullptr;
    QDoubleSpinBox* mLearningRate = nullptr;
    QDoubleSpinBox* mBeta1 = nullptr;
    QDoubleSpinBox* mBeta2 = nullptr;
    QDoubleSpinBox* mEpsilon = nullptr;
    QDoubleSpinBox* mMomentum = nullptr;
    QSpinBox* mBatch = nullptr;
    QSpinBox* mEpochs = nullptr;
    QCheckBox* mEarlyStop = nullptr;
    QSpinBox* mPatience = nullptr;
    QCheckBox* mRestoreBest = nullptr;
    QDoubleSpinBox* mL1 = nullptr;
    QDoubleSpinBox* mL2 = nullptr;
    QSpinBox* mSeed = nullptr;
    arch::TrainingSettings mDefaults;
    bool mUpdating = false;
};

}  // namespace motifloom::ui
