#pragma once
// TrainingSweepDialog: edits a sweep plan (lab/sweep_plan.h: presets x trials trained one after
// another in the background, each run on all cores), filling the run list and the comparison
// table. Trial t of a preset uses seed firstSeed + t - 1, so every preset sees the same seeds.

#include "lab/sweep_plan.h"

#include <QDialog>

#include <string>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QRadioButton;
class QSpinBox;

namespace motifloom::ui {

class TrainingSweepDialog : public QDialog {
    Q_OBJECT
public:
    // `secondsPerRun`: a rough estimate for the time label (<= 0: unknown).
    explicit TrainingSweepDialog(QWidget* parent = nullptr, double secondsPerRun = 0);

    lab::SweepPlan plan() const;
    void setPlan(const lab::SweepPlan& plan);

private:
    void updateSummary();

    QLineEdit* mName = nullptr;
    QListWidget* mPresets = nullptr;
    QSpinBox* mTrials = nullptr;
    QSpinBox* mSeed = nullptr;
    QRadioButton* mCurrent = nullptr;
    QRadioButton* mPaper = nullptr;
    QSpinBox* mEpochs = nullptr;
    QCheckBox* mLive = nullptr;
    QLabel* mSummary = nullptr;
    double mSecondsPerRun = 0;
};

}  // namespace motifloom::ui
