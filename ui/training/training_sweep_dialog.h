#pragma once
// TrainingSweepDialog: plans a sweep, i.e. a list of presets x trials trained one after another
// in the background (each run uses all cores), filling the run list and the comparison table.
// Trial t of a preset uses seed firstSeed + t - 1, so every preset sees the same seeds.

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

struct SweepPlan {
    QString name = QStringLiteral("sweep");
    std::vector<std::string> presets;  // paper preset names, in order
    int trials = 1;
    int firstSeed = 1;
    bool paperSettings = false;        // each preset's own (paper) settings; else the current ones
    int maxEpochs = 0;                 // > 0 overrides the epochs of either choice
    bool liveFilters = false;          // PWMs + matches after every epoch (slower)

    int runCount() const { return int(presets.size()) * trials; }
};

class TrainingSweepDialog : public QDialog {
    Q_OBJECT
public:
    // `secondsPerRun`: a rough estimate for the time label (<= 0: unknown).
    explicit TrainingSweepDialog(QWidget* parent = nullptr, double secondsPerRun = 0);

    SweepPlan plan() const;
    void setPlan(const SweepPlan& plan);

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
