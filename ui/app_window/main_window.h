#pragma once
// MainWindow: the desktop lab's top-level window.
//
// Layout: left docks "Data" (DataPanel), "Architecture" (ArchitectureEditor) and "Training
// settings" (TrainingSettingsWidget), tabbed; a bottom dock
// "Runs" (every kept run; select several to compare); centre tabs "Training" (Dashboard: live
// curves, filters, test results), "Filters" (FilterGallery: the filters of the live run or of
// the selected run; a click opens the AlignmentDialog) and "Compare" (CompareView). Toolbar:
// Train / Pause / Stop, model preset, epochs, Sweep. Status bar: data and training progress.
// Menus: File (new, open, save, save as, recent, import model, export, quit), Edit (undo / redo of the
// architecture), Run (train, pause, stop, sweep, delete runs), View (docks, tabs, layout
// reset), Help (concepts, What's This?, about).
//
// Session: the data recipe, the architecture with every training setting and the seed, and
// the kept runs (core/lab/session.h). The window owns it; unsaved changes are asked about before they
// could be lost (new, open, quit). Errors (bad files, impossible architectures, diverged
// training) appear in the message bar above the tabs, never as a crash; a session that fails
// to load leaves the current one untouched.
//
// First run: the paper's synthetic data recipe and CNN-25 are preselected, so Train alone
// generates the data and starts training (Ctrl+R, one click).
// Window geometry and dock layout, recent files and preferences are kept in QSettings
// (settings.h).
//
// Implementation by concept:
//   main_window.cpp            widgets, actions, menus, layout, presets, closing
//   main_window_session.cpp    the session document: new, open, save, recent files, asking
//                              before changes are lost
//   main_window_training.cpp   training, sweeps, kept runs
//   main_window_race.cpp       the race of architectures: Run → Race…, the Race tab, startRace
//   main_window_lessons.cpp    the Lesson dock and the lesson host (docs/lessons.md)
//   main_window_inspector.cpp  the Inspector tab (openInspector)
//   main_window_presentation.cpp  View → Presentation (F11), dock_proportions.h the dock sizes
//   main_window_export.cpp     figure and table exports
//   main_window_exchange.cpp   PyTorch / ONNX export, model import
//   main_window_help.cpp       help pages and About
//   message_bar.h              the message bar above the tabs

#include "arch/architecture.h"
#include "lab/data_loader.h"
#include "lab/run_record.h"
#include "lab/session.h"
#include "lab/sweep_plan.h"

#include <QMainWindow>
#include <QStringList>

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QSortFilterProxyModel;
class QSpinBox;
class QTabWidget;
class QTableView;
class QToolButton;

namespace motifloom::ui {

class AlignmentDialog;
class ArchitectureEditor;
class CompareView;
class FilterGallery;
class Dashboard;
class LessonDock;
class MainWindowLessonHost;
class DataPanel;
class MessageBar;
class RaceView;
class PresentationMode;
class RunListModel;
class SequenceInspector;
class TrainingController;
class TrainingSettingsWidget;
struct FilterSnapshot;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // ---- session ----
    // The session as the window shows it now.
    lab::Session session() const;
    // Loads `path`. On failure the message bar names the file and the problem, the current
    // session stays, and false is returned. Refused (false) while training. Does not ask
    // about unsaved changes (the Open action does).
    bool openSession(const QString& path);
    // Saves to `path` (atomically); false with a message on failure.
    bool saveSessionAs(const QString& path);
    // The paper's demo: synthetic recipe, CNN-25, no runs. Refused while training.
    bool newSession();
    QString sessionPath() const { return mSessionPath; }
    bool isModified() const { return isWindowModified(); }

    // ---- parts (for tests and scripting) ----
    TrainingController* controller() const { return mController; }
    RunListModel* runModel() const { return mRuns; }
    Dashboard* dashboard() const { return mDashboard; }
    CompareView* compareView() const { return mCompare; }
    DataPanel* dataPanel() const { return mData; }
    FilterGallery* filterGallery() const { return mGallery; }
    AlignmentDialog* alignmentDialog() const { return mAlignment; }  // null until first opened
    ArchitectureEditor* architectureEditor() const { return mArch; }
    TrainingSettingsWidget* trainingSettings() const { return mSettings; }
    SequenceInspector* sequenceInspector() const { return mInspector; }
    QAction* trainAction() const { return mTrain; }
    QAction* pauseAction() const { return mPause; }
    QAction* stopAction() const { return mStop; }
    RaceView* raceView() const { return mRaceView; }
    QAction* raceAction() const { return mRace; }
    PresentationMode* presentation() const { return mPresentation; }  // View > Presentation
    // The architecture the next run would train: the editor's layers with the dashboard's
    // training settings.
    arch::Architecture currentArchitecture() const;
    // Text of the message bar ("" when hidden).
    QString messageText() const;

    // ---- exchange (main_window_exchange.cpp; the File menu's dialogs end here) ----
    // The selected run (or the one the dashboard shows) as an ONNX file / a PyTorch project.
    bool exportRunAsOnnx(const QString& path);
    bool exportRunAsPyTorch(const QString& dir);
    // An ONNX file or exchange folder (or its model.json) as a new run, with test metrics and
    // filters on the loaded data (loaded first if none). False with a message when unreadable.
    bool importModelFrom(const QString& path);
    // ---- lessons (main_window_lessons.cpp, docs/lessons.md) ----
    // Opens a lesson file (or a ":/lessons/..." built-in) in the Lesson dock and enters its
    // first step; a broken file is a message naming the file and the step, nothing changes.
    bool openLesson(const QString& path);
    // Appends the current state as a new step to the lesson file `path` (the open lesson, an
    // existing lesson file, or a new one), atomically; false with a message on failure.
    bool saveAsLesson(const QString& path, const QString& stepTitle);
    LessonDock* lessonDock() const { return mLessonDock; }
    static QStringList builtInLessons();  // ":/lessons/....json", by file name

public Q_SLOTS:
    void train();                    // Ctrl+R: loads the data first if needed, then trains
    void startSweep(const lab::SweepPlan& plan);
    void stopTraining();
    void setPaused(bool paused);
    // Races 2-4 architectures on the current data (loading it first if needed, like train()):
    // preset names as in the toolbar combo ("CNN-2", "CNN-25"), architecture JSON texts, or
    // "current" (the editor's architecture); all with the Training settings panel's settings and
    // seed. Returns false and shows a message when impossible (e.g. while training, an unknown
    // name, fewer than 2 or more than 4 architectures). See main_window_race.cpp.
    Q_INVOKABLE bool startRace(const QStringList& architectures);
    // Opens the Inspector tab on sequence `testSequenceIndex` (0-based) of the current data's
    // test split, with the model the Filters tab shows (main_window_inspector.cpp).
    void openInspector(int testSequenceIndex);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    friend class MainWindowLessonHost;  // a lesson's actions drive the window (main_window_lessons.cpp)
    void setupLessons();
    void createWidgets();
    void createActions();
    void createMenus();
    void createToolBar();
    void createStatusBar();
    void restoreLayout();
    void resetLayout();
    void setupPresentation();  // main_window_presentation.cpp

    void startTrainingWith(std::shared_ptr<const lab::LoadedData> data);
    void startSweepWith(const lab::SweepPlan& plan, std::shared_ptr<const lab::LoadedData> data);
    bool dataIsCurrent() const;
    void requestData();  // loads the panel's recipe; the pending action runs when it lands
    // Loaded data of another length or class count: the editor's architecture adapted to them
    // (training_types.h fitArchitectureToData); returns the note to show, "" when it fitted.
    QString fitEditorToData();
    void runPending();
    void onRunFinished(std::shared_ptr<const lab::RunRecord> run);
    void onStateChanged();
    void onSelectionChanged();
    void updateComparison();
    void showSweepDialog();
    void setupRace();  // the Race tab, Run → Race…, and their wiring
    void showRaceDialog();
    void startRaceWith(std::shared_ptr<const lab::LoadedData> data);
    void deleteSelectedRuns();
    std::vector<std::shared_ptr<const lab::RunRecord>> selectedRuns() const;

    void applySession(const lab::Session& s, const QString& path);
    void setModified(bool modified);
    void markModified();
    void updateTitle();
    void updateActions();
    bool maybeSave();
    void openDialog();
    bool save();
    bool saveAs();
    void exportComparison();
    void exportModel();
    void createExchangeActions(QMenu* file, QMenu* exportMenu);
    std::shared_ptr<const lab::RunRecord> runToExport() const;
    void updateRecentMenu();
    void presetChosen(int index);
    void syncPresetCombo();
    void showConcepts();
    void showAbout();
    void showAlignment(int filterIndex);  // of the snapshot or run the Filters tab shows
    void showError(const QString& text);
    void showInfo(const QString& text);
    void setupInspector();         // main_window_inspector.cpp
    void syncInspector();          // model and data of the Filters tab -> inspector

    // Parts
    DataPanel* mData = nullptr;
    ArchitectureEditor* mArch = nullptr;
    Dashboard* mDashboard = nullptr;
    CompareView* mCompare = nullptr;
    FilterGallery* mGallery = nullptr;
    QLabel* mFilterTitle = nullptr;
    AlignmentDialog* mAlignment = nullptr;
    QTabWidget* mTabs = nullptr;
    MessageBar* mMessages = nullptr;
    RunListModel* mRuns = nullptr;
    QSortFilterProxyModel* mRunProxy = nullptr;
    QTableView* mRunTable = nullptr;
    TrainingController* mController = nullptr;
    QDockWidget* mDataDock = nullptr;
    QDockWidget* mArchDock = nullptr;
    QDockWidget* mRunsDock = nullptr;
    QDockWidget* mSettingsDock = nullptr;
    TrainingSettingsWidget* mSettings = nullptr;
    RaceView* mRaceView = nullptr;
    LessonDock* mLessonDock = nullptr;
    MainWindowLessonHost* mLessonHost = nullptr;
    SequenceInspector* mInspector = nullptr;
    PresentationMode* mPresentation = nullptr;

    // Actions and toolbar controls
    QAction* mNew = nullptr;
    QAction* mOpen = nullptr;
    QAction* mSave = nullptr;
    QAction* mSaveAs = nullptr;
    QAction* mExportTsv = nullptr;
    QAction* mExportModel = nullptr;
    QAction* mExportPyTorch = nullptr;
    QAction* mExportOnnx = nullptr;
    QAction* mImportModel = nullptr;
    QAction* mQuit = nullptr;
    QAction* mTrain = nullptr;
    QAction* mPause = nullptr;
    QAction* mStop = nullptr;
    QAction* mSweep = nullptr;
    QAction* mRace = nullptr;
    QAction* mDeleteRuns = nullptr;
    QAction* mPanels = nullptr;
    QMenu* mRecentMenu = nullptr;
    QMenu* mViewMenu = nullptr;
    QComboBox* mPresetCombo = nullptr;
    QSpinBox* mEpochs = nullptr;
    QLabel* mDataStatus = nullptr;
    QLabel* mTrainStatus = nullptr;
    QProgressBar* mStatusProgress = nullptr;

    // State
    QString mSessionPath;
    int mNextRunId = 1;
    bool mApplying = false;        // applySession in progress: no "modified"
    enum class Pending { None, Train, Sweep, Race };
    Pending mPending = Pending::None;
    std::unique_ptr<lab::SweepPlan> mPendingSweep;
    std::vector<arch::Architecture> mPendingRace;  // checked, not yet fitted to the data
    bool mCloseAfterStop = false;
    double mLastRunSeconds = 0;
    arch::TrainingSettings mLastEditorTraining;  // to notice presets applied in the editor
    QByteArray mDefaultState;      // dock layout before restoring the saved one
    std::string mLiveDatabase;     // motif file of the run being trained (for the alignment view)
    QString mLiveLabel;            // its label, "CNN-25 · seed 1"
};

}  // namespace motifloom::ui
