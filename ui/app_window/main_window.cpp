#include "app_window/main_window.h"

#include "filters/alignment_view.h"
#include "architecture/architecture_editor.h"
#include "compare/compare_view.h"
#include "training/dashboard.h"
#include "data/data_panel.h"
#include "filters/filter_gallery.h"
#include "filters/run_filter_grid.h"
#include "runs/run_list_model.h"
#include "app_window/settings.h"
#include "training/training_controller.h"
#include "training/training_settings_widget.h"
#include "training/training_sweep_dialog.h"

#include "arch/presets.h"
#include "util/input_error.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSaveFile>
#include <QScreen>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QWhatsThis>

#include <sstream>

namespace motifloom::ui {

// The strip above the tabs that shows errors and notes (never a modal dialog for errors the
// user can fix; the text stays until closed or replaced).
class MessageBar : public QFrame {
public:
    explicit MessageBar(QWidget* parent) : QFrame(parent) {
        auto* layout = new QHBoxLayout(this);
        layout->setContentsMargins(10, 6, 6, 6);
        mIcon = new QLabel(this);
        mText = new QLabel(this);
        mText->setWordWrap(true);
        mText->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* close = new QToolButton(this);
        close->setAutoRaise(true);
        close->setText(QStringLiteral("\u2715"));
        close->setToolTip(tr("Dismiss"));
        connect(close, &QToolButton::clicked, this, [this] { hideMessage(); });
        layout->addWidget(mIcon, 0, Qt::AlignTop);
        layout->addWidget(mText, 1);
        layout->addWidget(close, 0, Qt::AlignTop);
        setVisible(false);
    }
    void showMessage(const QString& text, bool error) {
        mText->setText(text);
        const int px = style()->pixelMetric(QStyle::PM_SmallIconSize);
        mIcon->setPixmap(style()
                             ->standardIcon(error ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation)
                             .pixmap(px, px));
        setStyleSheet(error ? QStringLiteral("MessageBar, QFrame { background: #fdecea; border: 1px solid #f1b0aa; "
                                             "border-radius: 4px; } QLabel { color: #7a1010; border: none; }")
                            : QStringLiteral("MessageBar, QFrame { background: #e8f1fb; border: 1px solid #b5d0ee; "
                                             "border-radius: 4px; } QLabel { color: #123a63; border: none; }"));
        setVisible(true);
    }
    void hideMessage() {
        mText->clear();
        setVisible(false);
    }
    QString text() const { return isHidden() ? QString() : mText->text(); }

private:
    QLabel* mIcon = nullptr;
    QLabel* mText = nullptr;
};

namespace {

// The motif file a run's matches came from (empty = the bundled JASPAR file).
std::string runMotifDatabase(const RunRecord& run) {
    try {
        return DataRecipe::fromJson(run.dataRecipe).motifDatabase;
    } catch (const std::exception&) {
        return {};  // an unreadable recipe was reported when the session loaded
    }
}


constexpr int kLayoutVersion = 1;
const char* kDemoPreset = "CNN-25";
QString sessionFilter() { return QObject::tr("MotifLoom sessions (*.motifloom);;All files (*)"); }

// Dock contents in a scroll area: the window never outgrows a small screen because of a
// panel's minimum size; the user can make a dock narrower and scroll.
QScrollArea* scrolled(QWidget* panel) {
    auto* area = new QScrollArea;
    area->setWidget(panel);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

QString concepts() {
    return QObject::tr(R"(<h2>What MotifLoom shows</h2>
<p>Convolutional neural networks (CNNs) classify DNA sequences by the short patterns they contain. Koo &amp; Eddy
(<i>PLoS Comput Biol</i> 2019) asked <b>what their first-layer filters learn</b>: whole transcription-factor
motifs, or fragments that deeper layers assemble. Their answer depends on the architecture, and MotifLoom lets
you watch it happen.</p>
<h3>Data</h3>
<p><b>Motif</b>: the DNA pattern a transcription factor binds, written as a <b>position probability matrix
(PWM)</b>: for each position, the probability of A, C, G and T. A <b>sequence logo</b> draws it: the height of
each column is its information content in bits (2 = one certain base), the letters share it by probability.</p>
<p><b>The demo data</b> (the paper's synthetic set): 25,000 random sequences of 200 nt, each with 1&ndash;5
copies of 12 JASPAR motifs (either strand) planted at random places. The label of a sequence says which of the 12
it contains, so the <b>ground truth</b> is known.</p>
<h3>Architecture</h3>
<p><b>Filter</b>: a first-layer convolution kernel, 19 positions wide, scanned along the sequence; it
<i>fires</i> where the sequence looks like its pattern. <b>Max-pooling</b> then keeps only the strongest response
in each window. <b>Large first-layer pooling</b> (CNN-25, CNN-50) throws away where partial patterns were, so the
filters must learn <b>whole motifs</b> (a <i>localist</i> representation). <b>Small pooling</b> (CNN-1, CNN-2)
keeps positions, so deeper layers can combine <b>partial motifs</b> (a <i>distributed</i> representation).
The <b>receptive field</b> of a layer is how many input bases one of its outputs sees.</p>
<h3>Training</h3>
<p>One <b>epoch</b> is one pass over the training sequences, in <b>batches</b> of 100 (one gradient step each).
The <b>validation set</b> decides <b>early stopping</b> (stop when its loss has not improved for a while) and which
epoch's weights are kept; the <b>test set</b> is only used for the final scores. The <b>seed</b> fixes the initial
weights, batch order and dropout: the same seed gives the same run.</p>
<h3>Scores</h3>
<p><b>AUROC</b>: the chance that a random sequence with the motif scores above one without (0.5 = guessing).
<b>AUPR</b>: area under the precision-recall curve (average precision), stricter when positives are rare.</p>
<h3>What the filters learned</h3>
<p>A filter's <b>PWM</b> is built from the test sequences where it fires above half its maximum (activation-
weighted). <b>Tomtom</b> compares it with the JASPAR database; a <b>match</b> has E-value &lt; 0.1.
<b>Match any</b>: fraction of filters matching some JASPAR motif. <b>Match ground truth</b>: fraction matching one
of the 12 planted motifs. <b>Coverage</b>: fraction of the 12 motifs found by at least one filter. Match any far
above match ground truth means the filters resemble <i>something</i> in the database without having learned the
relevant motifs.</p>
<h3>Try it</h3>
<ol><li>Press <b>Train</b> (Ctrl+R) with CNN-25 and watch the filters turn into motifs.</li>
<li>Choose CNN-2 and train again: its filters stay fragmentary, although its AUROC is as good.</li>
<li>Select both runs in the Runs list and open <b>Compare</b>; or run a <b>Sweep</b> of the pooling series.</li></ol>)");
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(QStringLiteral("MotifLoom"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);
    mController = new TrainingController(this);
    createWidgets();
    createActions();
    createMenus();
    createToolBar();
    createStatusBar();
    mDashboard->setActions(mTrain, mPause, mStop);
    mDashboard->setLiveFilters(AppSettings::liveFilters());

    // Training
    connect(mController, &TrainingController::stateChanged, this, &MainWindow::onStateChanged);
    connect(mController, &TrainingController::runFinished, this, &MainWindow::onRunFinished);
    connect(mController, &TrainingController::runFailed, this, [this](const QString& text) {
        showError(tr("Training failed: %1").arg(text.toHtmlEscaped()));
    });
    connect(mController, &TrainingController::runDiscarded, this, [this](const QString& text) { showInfo(text.toHtmlEscaped()); });
    connect(mController, &TrainingController::runStarted, this, [this](const TrainingJob& job, int index, int total) {
        mTrainStatus->setText(total > 1 ? tr("Training %1 (%2 of %3)").arg(QString::fromStdString(job.label)).arg(index).arg(total)
                                        : tr("Training %1").arg(QString::fromStdString(job.label)));
        mFilterTitle->setText(tr("<b>%1</b>: filters after every epoch (validation set)").arg(QString::fromStdString(job.label).toHtmlEscaped()));
        mGallery->showMessage(tr("The filters appear after the first epoch."));
        mLiveDatabase = job.data->recipe.motifDatabase;
        mLiveLabel = QString::fromStdString(job.label);
    });
    connect(mController, &TrainingController::batchProgress, this, [this](const BatchProgress& p) {
        mStatusProgress->setVisible(true);
        mStatusProgress->setValue(int(1000.0 * p.fractionalEpoch() / std::max(1, p.maxEpochs)));
    });
    connect(mController, &TrainingController::filtersUpdated, this, [this](std::shared_ptr<const FilterSnapshot> s) {
        mGallery->setSnapshot(s);
    });
    connect(mController, &TrainingController::queueFinished, this, [this] {
        mStatusProgress->setVisible(false);
        mTrainStatus->setText(tr("Ready"));
        if (mController->queueTotal() > 1)
            showInfo(tr("Sweep \"%1\" ended: %2 of %3 runs done. Compare them in the Compare tab.")
                         .arg(mController->queueName().toHtmlEscaped())
                         .arg(mController->queueIndex() - 1)
                         .arg(mController->queueTotal()));
        if (mCloseAfterStop) {
            mCloseAfterStop = false;
            QTimer::singleShot(0, this, &QWidget::close);
        }
    });
    connect(mDashboard, &Dashboard::liveFiltersChanged, this, [](bool on) { AppSettings::setLiveFilters(on); });

    // Data
    connect(mData, &DataPanel::dataChanged, this, [this] {
        if (auto d = mData->data())
            mDataStatus->setText(tr("Data: %1").arg(QString::fromStdString(d->recipe.describe())));
        runPending();
    });
    connect(mData, &DataPanel::errorOccurred, this, [this](const QString& text) {
        mPending = Pending::None;
        showError(tr("The data could not be loaded: %1").arg(text.toHtmlEscaped()));
        updateActions();
    });
    connect(mData, &DataPanel::loadingChanged, this, [this](bool loading) {
        updateActions();  // Stop (Esc) also cancels loading
        if (loading) {
            mDataStatus->setText(tr("Data: loading\u2026"));
            return;
        }
        // A cancelled load leaves a pending training without data: drop it.
        QTimer::singleShot(0, this, [this] {
            if (mPending != Pending::None && !mData->isLoading() && !dataIsCurrent()) {
                mPending = Pending::None;
                showInfo(tr("Loading the data was cancelled; training did not start."));
                updateActions();
            }
            if (auto d = mData->data()) mDataStatus->setText(tr("Data: %1").arg(QString::fromStdString(d->recipe.describe())));
            else mDataStatus->setText(tr("Data: not loaded yet"));
        });
    });
    connect(mData, &DataPanel::recipeChanged, this, &MainWindow::markModified);

    // Architecture and settings
    connect(mArch, &ArchitectureEditor::architectureChanged, this, [this] {
        const arch::TrainingSettings t = mArch->architecture().training;
        if (!(t == mLastEditorTraining)) {  // a preset (or file) applied in the editor brings its settings
            mLastEditorTraining = t;
            mSettings->setDefaults(t);
            if (!mApplying) {
                arch::TrainingSettings s = t;
                s.seed = mSettings->settings().seed;
                mSettings->setSettings(s);
            }
        }
        syncPresetCombo();
        markModified();
    });
    connect(mSettings, &TrainingSettingsWidget::settingsChanged, this, [this] {
        const QSignalBlocker block(mEpochs);
        mEpochs->setValue(mSettings->settings().maxEpochs);
        markModified();
    });

    Session demo;
    demo.dataRecipe = DataRecipe::paperSynthetic().toJson();
    demo.architecture = arch::preset(kDemoPreset);
    applySession(demo, {});
    restoreLayout();
    updateActions();
}

MainWindow::~MainWindow() = default;

// ---- construction ------------------------------------------------------------------------------

void MainWindow::createWidgets() {
    mDashboard = new Dashboard(this);
    mCompare = new CompareView(this);
    connect(mCompare, &CompareView::exportRequested, this, &MainWindow::exportComparison);
    mDashboard->attach(mController);

    // Filters tab: the live run's filters, or the selected run's (the slot of the filter gallery).
    auto* filters = new QWidget(this);
    auto* fl = new QVBoxLayout(filters);
    mFilterTitle = new QLabel(tr("Filters of the live or selected run"), filters);
    mFilterTitle->setTextFormat(Qt::RichText);
    fl->addWidget(mFilterTitle);
    mGallery = new FilterGallery(filters);
    mGallery->showMessage(tr("Train a model, or select a run in the Runs list, to see its first-layer filters."));
    fl->addWidget(mGallery, 1);
    connect(mGallery, &FilterGallery::filterClicked, this, &MainWindow::showAlignment);
    connect(mDashboard->filterGrid(), &RunFilterGrid::filterClicked, this, &MainWindow::showAlignment);

    mTabs = new QTabWidget(this);
    mTabs->setDocumentMode(true);
    mTabs->addTab(mDashboard, tr("Training"));
    mTabs->addTab(filters, tr("Filters"));
    mTabs->addTab(mCompare, tr("Compare"));
    mTabs->setTabToolTip(0, tr("Train a model and watch it learn (Ctrl+1)."));
    mTabs->setTabToolTip(1, tr("The first-layer filters as sequence logos (Ctrl+2)."));
    mTabs->setTabToolTip(2, tr("Runs side by side: scores, motif statistics, filters (Ctrl+3)."));

    auto* central = new QWidget(this);
    auto* cl = new QVBoxLayout(central);
    cl->setContentsMargins(4, 4, 4, 0);
    mMessages = new MessageBar(central);
    cl->addWidget(mMessages);
    cl->addWidget(mTabs, 1);
    setCentralWidget(central);

    // Docks
    mData = new DataPanel(this);
    mDataDock = new QDockWidget(tr("Data"), this);
    mDataDock->setObjectName(QStringLiteral("dataDock"));
    mDataDock->setWidget(scrolled(mData));
    mDataDock->setToolTip(tr("The sequences to learn from: the paper's synthetic set or your own FASTA files."));
    addDockWidget(Qt::LeftDockWidgetArea, mDataDock);

    mArch = new ArchitectureEditor(this);
    mArchDock = new QDockWidget(tr("Architecture"), this);
    mArchDock->setObjectName(QStringLiteral("architectureDock"));
    mArchDock->setWidget(scrolled(mArch));
    mArchDock->setToolTip(tr("The network's layers: choose one of the paper's models or edit your own."));
    addDockWidget(Qt::LeftDockWidgetArea, mArchDock);
    tabifyDockWidget(mDataDock, mArchDock);

    mSettings = new TrainingSettingsWidget;
    auto* settingsPage = new QWidget;
    auto* sl = new QVBoxLayout(settingsPage);
    auto* settingsIntro = new QLabel(tr("Every setting of the next run. Each preset brings the paper's values; "
                                        "they are fixed while a run is under way."),
                                     settingsPage);
    settingsIntro->setWordWrap(true);
    settingsIntro->setEnabled(false);
    sl->addWidget(settingsIntro);
    sl->addWidget(mSettings);
    sl->addStretch(1);
    auto* settingsScroll = new QScrollArea;
    settingsScroll->setWidget(settingsPage);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    mSettingsDock = new QDockWidget(tr("Training settings"), this);
    mSettingsDock->setObjectName(QStringLiteral("trainingSettingsDock"));
    mSettingsDock->setWidget(settingsScroll);
    mSettingsDock->setToolTip(tr("Optimiser, learning rate, batch size, epochs, early stopping, penalties, seed."));
    addDockWidget(Qt::LeftDockWidgetArea, mSettingsDock);
    tabifyDockWidget(mArchDock, mSettingsDock);
    mDataDock->raise();

    mRuns = new RunListModel(this);
    mRunProxy = new QSortFilterProxyModel(this);
    mRunProxy->setSourceModel(mRuns);
    mRunProxy->setSortRole(Qt::UserRole);
    mRunTable = new QTableView(this);
    mRunTable->setObjectName(QStringLiteral("runTable"));
    mRunTable->setModel(mRunProxy);
    mRunTable->setSortingEnabled(true);
    mRunTable->sortByColumn(RunListModel::Id, Qt::AscendingOrder);
    mRunTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mRunTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    mRunTable->setAlternatingRowColors(true);
    mRunTable->verticalHeader()->setVisible(false);
    mRunTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    mRunTable->horizontalHeader()->setStretchLastSection(true);
    mRunTable->setColumnWidth(RunListModel::Id, 50);
    mRunTable->setColumnWidth(RunListModel::Label, 180);
    mRunTable->setColumnWidth(RunListModel::Data, 220);
    mRunTable->setWordWrap(false);
    mRunTable->setToolTip(tr("Every finished run of this session. Click one to review it; Ctrl+click several to "
                             "compare them; Delete removes the selected runs."));
    connect(mRunTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(mRunTable, &QTableView::doubleClicked, this, [this] { mTabs->setCurrentIndex(0); });
    mRunsDock = new QDockWidget(tr("Runs"), this);
    mRunsDock->setObjectName(QStringLiteral("runsDock"));
    mRunsDock->setWidget(mRunTable);
    addDockWidget(Qt::BottomDockWidgetArea, mRunsDock);
    // The left docks reach down to the status bar; the run list sits under the tabs only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
}

void MainWindow::createActions() {
    auto make = [this](const QString& text, QKeySequence key, const QString& tip, QStyle::StandardPixmap icon = QStyle::SP_CustomBase) {
        auto* a = new QAction(text, this);
        if (!key.isEmpty()) a->setShortcut(key);
        if (icon != QStyle::SP_CustomBase) a->setIcon(style()->standardIcon(icon));
        const QString keyText = key.toString(QKeySequence::NativeText);
        a->setToolTip(keyText.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, keyText));
        a->setStatusTip(tip);
        a->setWhatsThis(tip);
        return a;
    };
    // Standard keys, with the usual sequence where the platform's key scheme has none (the
    // generic X11 scheme has no Save As or Quit key).
    auto standard = [](QKeySequence::StandardKey key, const QKeySequence& fallback) {
        const QKeySequence k(key);
        return k.isEmpty() ? fallback : k;
    };
    mNew = make(tr("&New session"), standard(QKeySequence::New, QKeySequence(Qt::CTRL | Qt::Key_N)), tr("Start again from the Koo & Eddy demo"), QStyle::SP_FileIcon);
    connect(mNew, &QAction::triggered, this, [this] {
        if (maybeSave()) newSession();
    });
    mOpen = make(tr("&Open\u2026"), standard(QKeySequence::Open, QKeySequence(Qt::CTRL | Qt::Key_O)), tr("Open a session file"), QStyle::SP_DialogOpenButton);
    connect(mOpen, &QAction::triggered, this, &MainWindow::openDialog);
    mSave = make(tr("&Save"), standard(QKeySequence::Save, QKeySequence(Qt::CTRL | Qt::Key_S)), tr("Save the session: data recipe, architecture, settings and runs"),
                 QStyle::SP_DialogSaveButton);
    connect(mSave, &QAction::triggered, this, &MainWindow::save);
    mSaveAs = make(tr("Save &As\u2026"), standard(QKeySequence::SaveAs, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)), tr("Save the session under a new name"));
    connect(mSaveAs, &QAction::triggered, this, &MainWindow::saveAs);
    mExportTsv = make(tr("&Comparison table (TSV)\u2026"), QKeySequence(Qt::CTRL | Qt::Key_E),
                      tr("Save the comparison table as tab-separated text"));
    connect(mExportTsv, &QAction::triggered, this, &MainWindow::exportComparison);
    mExportModel = make(tr("Trained &model\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                        tr("Save the selected run's trained network (.mlm, readable by motifloom-cli)"));
    connect(mExportModel, &QAction::triggered, this, &MainWindow::exportModel);
    mQuit = make(tr("&Quit"), standard(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)), tr("Quit MotifLoom"));
    connect(mQuit, &QAction::triggered, this, &QWidget::close);

    mTrain = make(tr("&Train"), QKeySequence(Qt::CTRL | Qt::Key_R),
                  tr("Train the architecture on the data (generated first if needed)"), QStyle::SP_MediaPlay);
    mTrain->setIconText(tr("Train"));
    connect(mTrain, &QAction::triggered, this, &MainWindow::train);
    mPause = make(tr("&Pause"), QKeySequence(Qt::CTRL | Qt::Key_P), tr("Pause or resume training between batches"),
                  QStyle::SP_MediaPause);
    mPause->setCheckable(true);
    connect(mPause, &QAction::toggled, this, &MainWindow::setPaused);
    mStop = make(tr("&Stop"), QKeySequence(Qt::Key_Escape),
                 tr("Stop training; the epochs done so far are kept as a run"), QStyle::SP_MediaStop);
    connect(mStop, &QAction::triggered, this, &MainWindow::stopTraining);
    mSweep = make(tr("S&weep\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                  tr("Train a list of presets \u00d7 trials in the background"), QStyle::SP_BrowserReload);
    connect(mSweep, &QAction::triggered, this, &MainWindow::showSweepDialog);
    mPanels = make(tr("Side &panels"), QKeySequence(Qt::Key_F9),
                   tr("Show or hide the Data, Architecture and Training settings panels (more room for the plots)"));
    mPanels->setCheckable(true);
    mPanels->setChecked(true);
    connect(mPanels, &QAction::triggered, this, [this](bool on) {
        for (QDockWidget* d : {mDataDock, mArchDock, mSettingsDock}) d->setVisible(on);
        if (on) mDataDock->raise();
    });
    mDeleteRuns = make(tr("&Delete selected runs"), QKeySequence::Delete, tr("Remove the selected runs from the session"));
    mDeleteRuns->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    mRunTable->addAction(mDeleteRuns);
    connect(mDeleteRuns, &QAction::triggered, this, &MainWindow::deleteSelectedRuns);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(mNew);
    file->addAction(mOpen);
    mRecentMenu = file->addMenu(tr("Open &Recent"));
    connect(mRecentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    file->addAction(mSave);
    file->addAction(mSaveAs);
    file->addSeparator();
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(mExportTsv);
    exportMenu->addAction(mExportModel);
    file->addSeparator();
    file->addAction(mQuit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = mArch->undoStack()->createUndoAction(this, tr("&Undo architecture edit"));
    QAction* redo = mArch->undoStack()->createRedoAction(this, tr("&Redo architecture edit"));
    undo->setToolTip(tr("Undo the last change of the architecture (Ctrl+Z in the editor)"));
    redo->setToolTip(tr("Redo (Ctrl+Shift+Z in the editor)"));
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(mTrain);
    run->addAction(mPause);
    run->addAction(mStop);
    run->addSeparator();
    run->addAction(mSweep);
    run->addSeparator();
    run->addAction(mDeleteRuns);

    mViewMenu = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < 3; ++i) {
        QAction* a = mViewMenu->addAction(mTabs->tabText(i));
        a->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + i)));
        connect(a, &QAction::triggered, this, [this, i] { mTabs->setCurrentIndex(i); });
    }
    mViewMenu->addSeparator();
    mViewMenu->addAction(mPanels);
    int dockKey = Qt::Key_1;
    for (QDockWidget* dock : {mDataDock, mArchDock, mSettingsDock, mRunsDock}) {
        QAction* a = dock->toggleViewAction();
        a->setShortcut(QKeySequence(Qt::ALT | dockKey++));
        mViewMenu->addAction(a);
    }
    mViewMenu->addSeparator();
    mViewMenu->addAction(tr("Reset &layout"), this, &MainWindow::resetLayout);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* conceptsAction = help->addAction(tr("&Concepts\u2026"), this, &MainWindow::showConcepts);
    conceptsAction->setShortcut(QKeySequence(Qt::Key_F1));
    QAction* whatsThis = QWhatsThis::createAction(this);
    help->addAction(whatsThis);
    help->addSeparator();
    help->addAction(tr("&About MotifLoom"), this, &MainWindow::showAbout);
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Training"));
    bar->setObjectName(QStringLiteral("trainingToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setMovable(false);
    bar->addAction(mTrain);
    bar->addAction(mPause);
    bar->addAction(mStop);
    if (QWidget* trainButton = bar->widgetForAction(mTrain)) {  // the one button a newcomer needs
        QFont f = trainButton->font();
        f.setBold(true);
        trainButton->setFont(f);
    }
    bar->addSeparator();
    auto* modelLabel = new QLabel(tr(" Model "), bar);
    bar->addWidget(modelLabel);
    mPresetCombo = new QComboBox(bar);
    mPresetCombo->setObjectName(QStringLiteral("presetCombo"));
    mPresetCombo->addItem(tr("custom"), QString());
    for (const std::string& name : arch::presetNames()) {
        mPresetCombo->addItem(QString::fromStdString(name), QString::fromStdString(name));
        mPresetCombo->setItemData(mPresetCombo->count() - 1, QString::fromStdString(arch::presetDescription(name)),
                                  Qt::ToolTipRole);
    }
    mPresetCombo->setToolTip(tr("One of the paper's models (with its training settings). CNN-25 pools strongly "
                                "after the first layer and learns whole motifs; CNN-2 learns parts."));
    mPresetCombo->setMinimumContentsLength(10);
    connect(mPresetCombo, &QComboBox::activated, this, &MainWindow::presetChosen);
    bar->addWidget(mPresetCombo);
    bar->addWidget(new QLabel(tr("  Epochs "), bar));
    mEpochs = new QSpinBox(bar);
    mEpochs->setRange(1, 100000);
    mEpochs->setToolTip(tr("Maximum number of epochs (the paper: 100, with early stopping after 20 without "
                           "improvement). A few epochs already show motifs."));
    connect(mEpochs, &QSpinBox::valueChanged, this, [this](int v) {
        arch::TrainingSettings s = mSettings->settings();
        if (s.maxEpochs == v) return;
        s.maxEpochs = v;
        mSettings->setSettings(s);
    });
    bar->addWidget(mEpochs);
    bar->addSeparator();
    bar->addAction(mSweep);
    bar->addSeparator();
    bar->addAction(mPanels);
}

void MainWindow::createStatusBar() {
    mDataStatus = new QLabel(tr("Data: not loaded yet"), this);
    mTrainStatus = new QLabel(tr("Ready"), this);
    mStatusProgress = new QProgressBar(this);
    mStatusProgress->setRange(0, 1000);
    mStatusProgress->setMaximumWidth(200);
    mStatusProgress->setTextVisible(false);
    mStatusProgress->setVisible(false);
    statusBar()->addWidget(mDataStatus, 1);
    statusBar()->addPermanentWidget(mTrainStatus);
    statusBar()->addPermanentWidget(mStatusProgress);
}

void MainWindow::restoreLayout() {
    // Default layout (also what View > Reset layout returns to): as large as the screen allows
    // (up to 1680 x 1050), the data panel at its natural width when there is room beside it.
    const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
    const int w = std::min(1680, screen.width() - 40), h = std::min(1050, screen.height() - 40);
    resize(w, h);
    const int dataWidth = std::min(mData->minimumSizeHint().width() + 24, w * 62 / 100);
    resizeDocks({mDataDock}, {dataWidth}, Qt::Horizontal);
    resizeDocks({mRunsDock}, {std::max(150, h / 6)}, Qt::Vertical);
    mDataDock->raise();
    mDefaultState = saveState(kLayoutVersion);
    AppSettings::restoreWindow(this, kLayoutVersion);
    mPanels->setChecked(!mDataDock->isHidden() || !mArchDock->isHidden() || !mSettingsDock->isHidden());
    if (const QByteArray s = AppSettings::value("dashboardSplitter"); !s.isEmpty()) mDashboard->splitter()->restoreState(s);
}

void MainWindow::resetLayout() {
    restoreState(mDefaultState, kLayoutVersion);
    for (QDockWidget* d : {mDataDock, mArchDock, mSettingsDock, mRunsDock}) d->show();
    mDataDock->raise();
    mPanels->setChecked(true);
}

// ---- training ------------------------------------------------------------------------------------

arch::Architecture MainWindow::currentArchitecture() const {
    arch::Architecture a = mArch->architecture();
    a.training = mSettings->settings();
    return a;
}

bool MainWindow::dataIsCurrent() const {
    const auto d = mData->data();
    return d && d->recipe == mData->recipe();
}

void MainWindow::requestData() {
    if (!mData->isLoading()) mData->load();
    showInfo(tr("Preparing the data (%1); training starts as soon as they are ready.")
                 .arg(QString::fromStdString(mData->recipe().describe()).toHtmlEscaped()));
}

void MainWindow::runPending() {
    const Pending p = mPending;
    mPending = Pending::None;
    if (p != Pending::None && dataIsCurrent()) {
        mMessages->hideMessage();
        if (p == Pending::Train) startTrainingWith(mData->data());
        else if (p == Pending::Sweep && mPendingSweep) startSweepWith(*mPendingSweep, mData->data());
    }
    updateActions();
}

void MainWindow::train() {
    if (mController->isActive()) return;
    if (!dataIsCurrent()) {
        mPending = Pending::Train;
        requestData();
        updateActions();
        return;
    }
    startTrainingWith(mData->data());
}

void MainWindow::startTrainingWith(std::shared_ptr<const LoadedData> data) {
    std::string note;
    const int length = data->splits.train.length;
    arch::Architecture a = fitArchitectureToData(currentArchitecture(), length, int(data->classNames.size()), &note);
    if (const auto problems = arch::validate(a); !problems.empty()) {
        QString list;
        for (const auto& p : problems) list += QStringLiteral("<li>%1</li>").arg(QString::fromStdString(p).toHtmlEscaped());
        showError(tr("<b>The architecture cannot be trained on these data</b> (%1 nt, %2 classes):<ul>%3</ul>Fix it "
                     "in the Architecture panel.")
                      .arg(length)
                      .arg(data->classNames.size())
                      .arg(list));
        mArchDock->raise();
        return;
    }
    TrainingJob job;
    job.runId = mNextRunId++;
    job.label = jobLabel(a);
    job.architecture = a;
    job.data = std::move(data);
    job.liveFilters = mDashboard->liveFilters();
    if (!mController->start(std::move(job))) return;
    if (!note.empty()) showInfo(QString::fromStdString(note).toHtmlEscaped() + tr(" (the architecture panel is unchanged)."));
    else mMessages->hideMessage();
    mTabs->setCurrentIndex(0);
}

void MainWindow::showSweepDialog() {
    if (mController->isActive()) return;
    TrainingSweepDialog dialog(this, mLastRunSeconds);
    if (dialog.exec() != QDialog::Accepted) return;
    startSweep(dialog.plan());
}

void MainWindow::startSweep(const SweepPlan& plan) {
    if (mController->isActive() || plan.runCount() == 0) return;
    if (!dataIsCurrent()) {
        mPending = Pending::Sweep;
        mPendingSweep = std::make_unique<SweepPlan>(plan);
        requestData();
        updateActions();
        return;
    }
    startSweepWith(plan, mData->data());
}

void MainWindow::startSweepWith(const SweepPlan& plan, std::shared_ptr<const LoadedData> data) {
    const int length = data->splits.train.length, classes = int(data->classNames.size());
    const arch::TrainingSettings current = mSettings->settings();
    std::vector<TrainingJob> jobs;
    for (const std::string& name : plan.presets) {
        for (int t = 1; t <= plan.trials; ++t) {
            arch::Architecture a;
            try {
                a = arch::preset(name, length, classes);
            } catch (const InputError& e) {
                showError(tr("Sweep not started: %1").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
                return;
            }
            if (!plan.paperSettings) {
                const double l1 = a.training.l1;  // the preset's own penalty (CNN-50) stays
                a.training = current;
                if (l1 > 0 && current.l1 == 0) a.training.l1 = l1;
            }
            a.training.seed = std::uint64_t(plan.firstSeed + t - 1);
            if (plan.maxEpochs > 0) a.training.maxEpochs = plan.maxEpochs;
            TrainingJob job;
            job.runId = mNextRunId++;
            job.label = jobLabel(a, plan.trials > 1 ? t : 0);
            job.architecture = a;
            job.data = data;
            job.sweep = plan.name.toStdString();
            job.trial = t;
            job.liveFilters = plan.liveFilters;
            jobs.push_back(std::move(job));
        }
    }
    if (mController->startQueue(std::move(jobs), plan.name)) {
        showInfo(tr("Sweep \"%1\": %n run(s) queued. Runs appear in the run list as they finish.", nullptr, plan.runCount())
                     .arg(plan.name.toHtmlEscaped()));
        mTabs->setCurrentIndex(0);
    }
}

void MainWindow::stopTraining() {
    // Esc is the one "stop" key: it also cancels a data load (the data panel has no shortcut of
    // its own, which would make Esc ambiguous while the panel has focus).
    if (mPending != Pending::None || mData->isLoading()) {
        mPending = Pending::None;
        mData->cancel();
    }
    mController->stop();
    updateActions();
}

void MainWindow::setPaused(bool paused) {
    if (!mController->isActive()) {
        const QSignalBlocker b(mPause);
        mPause->setChecked(false);
        return;
    }
    mController->setPaused(paused);
}

void MainWindow::onRunFinished(std::shared_ptr<const RunRecord> run) {
    mRuns->addRun(run);
    mNextRunId = std::max(mNextRunId, run->id + 1);
    mLastRunSeconds = run->seconds;
    markModified();
    if (run->status == RunStatus::Diverged)
        showError(tr("<b>%1 diverged</b>: %2 The epochs before that are kept as run #%3.")
                      .arg(QString::fromStdString(run->label).toHtmlEscaped(),
                           QString::fromStdString(run->message).toHtmlEscaped())
                      .arg(run->id));
    if (run->filters) {
        mFilterTitle->setText(tr("<b>#%1 %2</b>: final filters").arg(run->id).arg(QString::fromStdString(run->label).toHtmlEscaped()));
        mGallery->setRun(run);
    }
    statusBar()->showMessage(tr("Run #%1 %2: %3, test AUROC %4")
                                 .arg(run->id)
                                 .arg(QString::fromStdString(run->label), QString::fromUtf8(toString(run->status)))
                                 .arg(run->testAuroc(), 0, 'f', 3),
                             8000);
    // The comparison shows all runs when fewer than two are selected; the dashboard and the
    // Filters tab keep showing the run that just ended, whatever is selected.
    updateComparison();
    updateActions();
}

void MainWindow::onStateChanged() {
    updateActions();
}

void MainWindow::updateActions() {
    const bool active = mController->isActive();
    const bool waiting = mPending != Pending::None;
    mTrain->setEnabled(!active && !waiting);
    mSweep->setEnabled(!active && !waiting);
    mPause->setEnabled(active && mController->state() != TrainingController::State::Stopping);
    {
        const QSignalBlocker b(mPause);
        mPause->setChecked(mController->state() == TrainingController::State::Paused);
    }
    mStop->setEnabled(active || waiting || mData->isLoading());
    mNew->setEnabled(!active);
    mOpen->setEnabled(!active);
    mRecentMenu->setEnabled(!active);
    mPresetCombo->setEnabled(!active);
    mEpochs->setEnabled(!active);
    mArch->setEnabled(!active);
    mSettings->setEnabled(!active);
    const bool oneRun = selectedRuns().size() == 1 || (mDashboard->shownRun() && mDashboard->shownRun()->network);
    mExportModel->setEnabled(oneRun);
    mExportTsv->setEnabled(mRuns->rowCount() > 0);
    mDeleteRuns->setEnabled(!selectedRuns().empty());
}

// ---- runs ---------------------------------------------------------------------------------------

std::vector<std::shared_ptr<const RunRecord>> MainWindow::selectedRuns() const {
    std::vector<std::shared_ptr<const RunRecord>> out;
    if (!mRunTable->selectionModel()) return out;
    QModelIndexList rows = mRunTable->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& index : rows)
        if (auto run = mRuns->run(mRunProxy->mapToSource(index).row())) out.push_back(run);
    return out;
}

void MainWindow::updateComparison() {
    const auto selected = selectedRuns();
    if (selected.size() >= 2) {
        mCompare->setRuns(selected, tr("<b>%1 selected runs</b>").arg(selected.size()));
    } else {
        mCompare->setRuns(mRuns->runs(), mRuns->rowCount() > 0
                                             ? tr("<b>All %1 runs</b> \u2013 select several in the Runs list to "
                                                  "compare only those.").arg(mRuns->rowCount())
                                             : QString());
    }
}

void MainWindow::onSelectionChanged() {
    updateComparison();
    const auto selected = selectedRuns();
    if (selected.size() == 1 && !mController->isActive()) {
        const auto& run = selected.front();
        mDashboard->showRun(run);
        mFilterTitle->setText(tr("<b>#%1 %2</b>: final filters").arg(run->id).arg(QString::fromStdString(run->label).toHtmlEscaped()));
        if (run->filters) mGallery->setRun(run);
        else mGallery->showMessage(tr("No filters were kept for this run."));
    }
    updateActions();
}

void MainWindow::deleteSelectedRuns() {
    const auto selected = selectedRuns();
    if (selected.empty()) return;
    const auto answer = QMessageBox::question(
        this, tr("Delete runs"),
        tr("Remove %n run(s) from the session? This cannot be undone (the session file keeps them until you save).",
           nullptr, int(selected.size())));
    if (answer != QMessageBox::Yes) return;
    std::vector<int> ids;
    for (const auto& r : selected) ids.push_back(r->id);
    mRuns->removeRunsById(ids);
    markModified();
    onSelectionChanged();
}

// ---- session ------------------------------------------------------------------------------------

Session MainWindow::session() const {
    Session s;
    s.dataRecipe = mData->recipe().toJson();
    s.architecture = currentArchitecture();
    s.runs = mRuns->runs();
    s.nextRunId = mNextRunId;
    return s;
}

void MainWindow::applySession(const Session& s, const QString& path) {
    mApplying = true;
    mData->setRecipe(DataRecipe::fromJson(s.dataRecipe));
    mArch->setArchitecture(s.architecture);
    mLastEditorTraining = mArch->architecture().training;
    mSettings->setDefaults(arch::isPreset(s.architecture.name)
                                                  ? arch::preset(s.architecture.name).training
                                                  : s.architecture.training);
    mSettings->setSettings(s.architecture.training);
    mRuns->setRuns(s.runs);
    mNextRunId = s.nextRunId;
    for (const auto& r : s.runs) mNextRunId = std::max(mNextRunId, r->id + 1);
    mSessionPath = path;
    syncPresetCombo();
    mApplying = false;
    setModified(false);
    mGallery->showMessage(tr("Train a model, or select a run in the Runs list, to see its first-layer filters."));
    mFilterTitle->setText(tr("Filters of the live or selected run"));
    const DataRecipe recipe = DataRecipe::fromJson(s.dataRecipe);
    const QString dataText = recipe == DataRecipe::paperSynthetic()
                                 ? tr("the Koo &amp; Eddy synthetic data (12 JASPAR motifs planted in 25,000 sequences)")
                                 : QString::fromStdString(recipe.describe()).toHtmlEscaped();
    const QString model = QString::fromStdString(s.architecture.name.empty() ? "the model" : s.architecture.name).toHtmlEscaped();
    mDashboard->showIdle(s.runs.empty()
                             ? tr("<b>Ready:</b> %1 on %2.<br>Press <b>Train</b> (Ctrl+R): the data are generated, "
                                  "training starts, and the filters below turn into motifs epoch by epoch.")
                                   .arg(model, dataText)
                             : tr("<b>%n run(s)</b> in this session. Select one in the Runs list to review it, or "
                                  "press <b>Train</b> (Ctrl+R).", nullptr, int(s.runs.size())));
    onSelectionChanged();
    updateTitle();
}

bool MainWindow::newSession() {
    if (mController->isActive()) {
        showError(tr("Stop training before starting a new session."));
        return false;
    }
    Session demo;
    demo.dataRecipe = DataRecipe::paperSynthetic().toJson();
    demo.architecture = arch::preset(kDemoPreset);
    applySession(demo, {});
    mMessages->hideMessage();
    return true;
}

bool MainWindow::openSession(const QString& path) {
    if (mController->isActive()) {
        showError(tr("Stop training before opening another session."));
        return false;
    }
    Session s;
    try {
        s = loadSession(path);
        (void)DataRecipe::fromJson(s.dataRecipe);  // checked before anything changes
    } catch (const std::exception& e) {
        showError(tr("<b>Could not open the session</b> %1<br>%2<br>The current session is unchanged.")
                      .arg(QFileInfo(path).fileName().toHtmlEscaped(), QString::fromUtf8(e.what()).toHtmlEscaped()));
        return false;
    }
    applySession(s, QFileInfo(path).absoluteFilePath());
    AppSettings::addRecentFile(path);
    AppSettings::setLastDirectory(path);
    showInfo(tr("Opened %1: %n run(s).", nullptr, int(s.runs.size())).arg(QFileInfo(path).fileName().toHtmlEscaped()));
    return true;
}

bool MainWindow::saveSessionAs(const QString& path) {
    try {
        saveSession(path, session());
    } catch (const std::exception& e) {
        showError(tr("<b>Could not save the session</b>: %1<br>Nothing was lost: the session is still open.")
                      .arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
        return false;
    }
    mSessionPath = QFileInfo(path).absoluteFilePath();
    AppSettings::addRecentFile(path);
    AppSettings::setLastDirectory(path);
    setModified(false);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::openDialog() {
    if (!maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), AppSettings::lastDirectory(), sessionFilter());
    if (!path.isEmpty()) openSession(path);
}

bool MainWindow::save() {
    if (mSessionPath.isEmpty()) return saveAs();
    return saveSessionAs(mSessionPath);
}

bool MainWindow::saveAs() {
    QString start = mSessionPath.isEmpty() ? AppSettings::lastDirectory() + QStringLiteral("/session.motifloom") : mSessionPath;
    QString path = QFileDialog::getSaveFileName(this, tr("Save session"), start, sessionFilter());
    if (path.isEmpty()) return false;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".motifloom");
    return saveSessionAs(path);
}

bool MainWindow::maybeSave() {
    if (!isWindowModified()) return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("The session has unsaved changes (%n run(s)). Save them first?", nullptr, mRuns->rowCount()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::markModified() {
    if (!mApplying) setModified(true);
}

void MainWindow::setModified(bool modified) {
    setWindowModified(modified);
    updateTitle();
}

void MainWindow::updateTitle() {
    const QString name = mSessionPath.isEmpty() ? tr("Untitled session") : QFileInfo(mSessionPath).fileName();
    setWindowTitle(QStringLiteral("%1[*] \u2013 MotifLoom").arg(name));
    setWindowFilePath(mSessionPath);
}

void MainWindow::updateRecentMenu() {
    mRecentMenu->clear();
    const QStringList files = AppSettings::recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString& f = files[i];
        QAction* a = mRecentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(f).fileName()));
        a->setToolTip(QDir::toNativeSeparators(f));
        a->setStatusTip(QDir::toNativeSeparators(f));
        connect(a, &QAction::triggered, this, [this, f] {
            if (maybeSave()) openSession(f);
        });
    }
    if (files.isEmpty()) mRecentMenu->addAction(tr("(none)"))->setEnabled(false);
    mRecentMenu->addSeparator();
    mRecentMenu->addAction(tr("Clear list"), this, [] { AppSettings::clearRecentFiles(); });
}

// ---- export -------------------------------------------------------------------------------------

void MainWindow::exportComparison() {
    if (mCompare->rows().empty()) {
        showInfo(tr("There are no runs to export yet."));
        return;
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Export comparison table"),
                                                AppSettings::lastDirectory() + QStringLiteral("/comparison.tsv"),
                                                tr("Tab-separated values (*.tsv);;All files (*)"));
    if (path.isEmpty()) return;
    const QByteArray bytes = QByteArray::fromStdString(mCompare->tsv());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        showError(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path).toHtmlEscaped(), file.errorString().toHtmlEscaped()));
        return;
    }
    AppSettings::setLastDirectory(path);
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::exportModel() {
    auto selected = selectedRuns();
    std::shared_ptr<const RunRecord> run = selected.size() == 1 ? selected.front() : mDashboard->shownRun();
    if (!run || !run->network) {
        showInfo(tr("Select one run in the Runs list to export its model."));
        return;
    }
    QString name = QString::fromStdString(run->architecture.name.empty() ? "model" : run->architecture.name);
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export trained model"),
        AppSettings::lastDirectory() + QStringLiteral("/%1-run%2.mlm").arg(name).arg(run->id),
        tr("MotifLoom models (*.mlm);;All files (*)"));
    if (path.isEmpty()) return;
    std::ostringstream out(std::ios::binary);
    run->network->save(out);
    const std::string bytes = out.str();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) ||
        !file.commit()) {
        showError(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path).toHtmlEscaped(), file.errorString().toHtmlEscaped()));
        return;
    }
    AppSettings::setLastDirectory(path);
    statusBar()->showMessage(tr("Exported run #%1 to %2").arg(run->id).arg(QDir::toNativeSeparators(path)), 5000);
}

// ---- presets --------------------------------------------------------------------------------------

void MainWindow::presetChosen(int index) {
    const QString name = mPresetCombo->itemData(index).toString();
    if (name.isEmpty()) return;
    const arch::Architecture current = mArch->architecture();
    arch::Architecture a = arch::preset(name.toStdString(), current.inputLength, current.numClasses);
    a.training.seed = mSettings->settings().seed;
    mArch->setArchitecture(a);
    // The paper's settings for this model (e.g. CNN-50's L1), the user's seed.
    mSettings->setDefaults(a.training);
    mSettings->setSettings(a.training);
}

void MainWindow::syncPresetCombo() {
    const arch::Architecture a = mArch->architecture();
    int index = 0;
    if (arch::isPreset(a.name)) {
        try {
            arch::Architecture p = arch::preset(a.name, a.inputLength, a.numClasses);
            p.training = a.training;
            p.description = a.description;
            if (p == a) index = mPresetCombo->findData(QString::fromStdString(p.name));
        } catch (const std::exception&) {
        }
    }
    mPresetCombo->setItemText(0, index == 0 ? tr("custom: %1").arg(QString::fromStdString(a.name.empty() ? "unnamed" : a.name))
                                            : tr("custom"));
    mPresetCombo->setCurrentIndex(std::max(0, index));
}

// ---- messages and help ---------------------------------------------------------------------------

QString MainWindow::messageText() const { return mMessages->text(); }

void MainWindow::showAlignment(int filterIndex) {
    const interpret::FilterPwmSet* pwms = nullptr;
    const std::vector<std::string>* truth = nullptr;
    const std::vector<std::string>* truthNames = nullptr;
    std::string database;  // the motif file the shown matches came from
    QString context;
    if (const auto& s = mGallery->snapshot()) {
        pwms = &s->pwms;
        truth = &s->truth;
        truthNames = &s->truthNames;
        database = mLiveDatabase;
        context = tr("%1, epoch %2").arg(mLiveLabel).arg(s->epoch);
    } else if (const auto& run = mGallery->run(); run && run->filters) {
        pwms = &run->filters->pwms;
        truth = &run->filters->truth;
        truthNames = &run->filters->truthNames;
        database = runMotifDatabase(*run);
        context = tr("#%1 %2").arg(run->id).arg(QString::fromStdString(run->label));
    }
    if (!pwms || filterIndex < 0 || filterIndex >= int(pwms->filters.size())) return;
    try {
        const auto motifs = motifDatabase(database);
        if (!mAlignment) mAlignment = new AlignmentDialog(this);
        mAlignment->showFilter(motifs, QString::fromStdString(motifDatabaseLabel(database)), *pwms, filterIndex, *truth,
                               *truthNames, context);
    } catch (const std::exception& e) {
        showError(tr("No motif comparison: %1").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
    }
}

void MainWindow::showError(const QString& text) { mMessages->showMessage(text, true); }
void MainWindow::showInfo(const QString& text) { mMessages->showMessage(text, false); }

void MainWindow::showConcepts() {
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("MotifLoom concepts"));
    auto* layout = new QVBoxLayout(dialog);
    auto* text = new QTextBrowser(dialog);
    text->setHtml(concepts());
    text->setOpenExternalLinks(true);
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->resize(680, 720);
    dialog->show();
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About MotifLoom"),
        tr("<h3>MotifLoom %1</h3>"
           "<p>A desktop lab for seeing how convolutional neural networks learn DNA sequence "
           "motifs, after Koo &amp; Eddy, <i>PLoS Comput Biol</i> 15(12): e1007560 (2019).</p>"
           "<p>Motif data: JASPAR CORE vertebrates (via Debian's r-bioc-pwmenrich).<br>"
           "Plots: QCustomPlot. Engine: Eigen and oneTBB.</p>"
           "<p>MotifLoom is free software: GPL-3.0-or-later.</p>")
            .arg(MOTIFLOOM_VERSION));
}

// ---- closing ------------------------------------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent* event) {
    if (mController->isActive()) {
        const auto answer = QMessageBox::question(
            this, tr("Training in progress"),
            tr("A run is in progress. Stop it and quit? The epochs done so far are kept as a run, and you can "
               "still save the session."),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        event->ignore();
        if (answer == QMessageBox::Yes) {
            mCloseAfterStop = true;
            stopTraining();
        }
        return;
    }
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    AppSettings::saveWindow(this, kLayoutVersion);
    AppSettings::setValue("dashboardSplitter", mDashboard->splitter()->saveState());
    event->accept();
}

}  // namespace motifloom::ui
