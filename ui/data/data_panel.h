#pragma once
// DataPanel: chooses and loads the data set of a session.
//
//   Synthetic tab  the paper's simulation: motifs picked from the bundled JASPAR set
//                  (MotifPicker: searchable, with small logos), number and length of
//                  sequences, P(K motifs per sequence), GC content, reverse complements,
//                  seed, split fractions; a live preview of the first sequences with the
//                  embedded motifs highlighted (SequencePreview), updated as settings change.
//   FASTA tab      files opened or dropped (a dropped folder written by `motifloom-cli
//                  simulate` fills in train/valid/test files and classes.txt), label mode
//                  (header labels, one file per class, positive/negative), length policy,
//                  split (random, assignment file, separate files).
// "Generate" / "Load" (Ctrl+Return) builds the data in a pool thread (lab::loadData in
// core/lab/data_loader.h) with a progress bar and a Cancel button (the main window maps Esc to it); the GUI never waits for it.
// Afterwards the panel shows a summary (counts per class and split, length, warnings) and
// the loaded sequences with their ground truth. Errors appear as a message in the panel and
// through errorOccurred(); nothing throws out of the panel.
//
// Default recipe: the paper's synthetic set (12 motifs, 25,000 x 200 nt, seed 33). The panel
// does not load anything by itself: call load() (e.g. for the first-run demo).
// Destroying the panel cancels a running load and waits for the worker to stop.
//
// Loads run as DataLoadJobs (data_load_job.h: QtConcurrent + QFutureWatcher). Implementation by
// concept: data_panel.cpp (recipe <-> controls, loading), data_panel_synthetic.cpp,
// data_panel_fasta.cpp, data_panel_results.cpp (the loaded-data view), data_panel_parts.h.

#include "lab/data_loader.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTimer;

namespace motifloom::ui {

class DataLoadJob;
class ExpectedMotifsColumn;
class MotifPicker;
class SequencePreview;
class WrapLabel;

class DataPanel : public QWidget {
    Q_OBJECT
public:
    explicit DataPanel(QWidget* parent = nullptr);
    ~DataPanel() override;

    // The recipe the controls describe (what load() would build).
    lab::DataRecipe recipe() const;
    // Shows `recipe` in the controls (emits recipeChanged). Does not load.
    void setRecipe(const lab::DataRecipe& recipe);

    // The last data loaded successfully (shared, immutable), or null before the first load.
    // A failed or cancelled load keeps the previous data.
    std::shared_ptr<const lab::LoadedData> data() const { return mData; }

    // The class table's "Expected motifs" column (truth mapping of FASTA data; its edits
    // change the recipe's truthMapping and the loaded data's copy of it, no reload needed).
    ExpectedMotifsColumn* expectedMotifs() const { return mTruthColumn; }

    // From load() until its result has been handled (dataChanged / errorOccurred) or cancel().
    bool isLoading() const;

public Q_SLOTS:
    // Starts building recipe() in the background (cancelling a load under way first).
    void load();
    // Stops a running load (the previous data stay).
    void cancel();

Q_SIGNALS:
    void dataChanged();               // data() holds a newly loaded data set
    void recipeChanged();             // a control changed the recipe
    void errorOccurred(QString message);
    void loadingChanged(bool loading);
    // A double-click on a loaded sequence of the preview (0-based index into that split).
    void sequenceActivated(motifloom::synth::Part part, std::size_t index);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QWidget* buildSyntheticPage();
    QWidget* buildFastaPage();
    QWidget* buildResultArea();
    void startDatabaseLoad();
    void controlChanged();          // any control: recipeChanged + preview refresh
    void ensureKSpins(int n);
    void updateKSum();
    void updateFastaControls();
    void updateSketch();
    void updateExpectedLabel();
    void setFileList(const std::vector<std::string>& files);
    std::vector<std::string> fileListPaths() const;
    void addFiles(const QStringList& paths);
    void addFolder(const QString& dir);
    // A fresh file list (after Clear, or until the user picks the label mode by hand): the
    // label mode from the files (one file: labels in headers; two named pos / neg: positive /
    // negative, positives first; several: one file per class), class names from the files.
    void guessLabelMode(std::vector<std::string>& files);
    void updateIdleSummary();  // "press <the load button's text>" until data are loaded
    void chooseFiles();
    void chooseFolder();
    void chooseSplitFile();
    void moveFile(int delta);
    void jobFinished(DataLoadJob* job);
    void pollProgress();
    void showResult();
    void truthMappingEdited();
    void showLoadedSequences();
    void setMessage(const QString& text, bool error);
    void setLoading(bool loading);

    lab::DataRecipe mBase;  // the last recipe set: fields without a control are kept from it
    bool mUpdating = false;  // setRecipe in progress: no recipeChanged per control

    QTabWidget* mTabs = nullptr;
    QSplitter* mSplitter = nullptr;  // the data set's controls above, the loaded data below

    // Synthetic controls
    MotifPicker* mPicker = nullptr;
    QSpinBox* mCount = nullptr;
    QSpinBox* mLength = nullptr;
    QWidget* mKBox = nullptr;
    std::vector<QDoubleSpinBox*> mK;
    QLabel* mKSum = nullptr;
    QDoubleSpinBox* mGc = nullptr;
    QCheckBox* mReverse = nullptr;
    QLineEdit* mSeed = nullptr;
    QDoubleSpinBox* mSplit[3] = {nullptr, nullptr, nullptr};
    QLabel* mSyntheticCheck = nullptr;
    SequencePreview* mSketch = nullptr;
    QTimer* mSketchTimer = nullptr;
    std::shared_ptr<const motif::MotifList> mDatabase;
    QString mDatabaseError;

    // FASTA controls
    QListWidget* mFiles = nullptr;
    QComboBox* mLabelMode = nullptr;
    QLineEdit* mClassNames = nullptr;
    QSpinBox* mTargetLength = nullptr;
    QComboBox* mPad = nullptr;
    QComboBox* mSplitMode = nullptr;
    QDoubleSpinBox* mFastaSplit[3] = {nullptr, nullptr, nullptr};
    QLineEdit* mSplitSeed = nullptr;
    QLineEdit* mSplitFile = nullptr;
    QWidget* mRandomSplitBox = nullptr;
    QWidget* mSplitFileBox = nullptr;
    QLabel* mFilesHint = nullptr;
    QCheckBox* mUseExpected = nullptr;
    QLabel* mExpectedLabel = nullptr;
    std::vector<std::string> mExpectedMotifs;
    bool mLabelModeChosen = false;  // picked by hand since the list was last cleared

    // Load / result
    QPushButton* mLoadButton = nullptr;
    QPushButton* mCancelButton = nullptr;
    QProgressBar* mProgress = nullptr;
    QLabel* mStage = nullptr;
    QLabel* mMessage = nullptr;
    WrapLabel* mSummary = nullptr;
    QTableWidget* mClassTable = nullptr;
    ExpectedMotifsColumn* mTruthColumn = nullptr;
    WrapLabel* mWarnings = nullptr;
    SequencePreview* mPreview = nullptr;
    QComboBox* mPreviewPart = nullptr;
    QSpinBox* mPreviewStart = nullptr;
    QTimer* mPollTimer = nullptr;

    std::unique_ptr<DataLoadJob> mJob;                   // the load under way, if any
    std::vector<std::unique_ptr<DataLoadJob>> mRetired;  // cancelled loads still stopping
    std::unique_ptr<DataLoadJob> mDatabaseJob;
    std::shared_ptr<const lab::LoadedData> mData;
};

}  // namespace motifloom::ui
