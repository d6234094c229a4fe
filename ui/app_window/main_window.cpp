#include "app_window/main_window.h"

#include "app_window/message_bar.h"
#include "app_window/dock_proportions.h"

#include "app_window/settings.h"
#include "architecture/architecture_editor.h"
#include "compare/compare_view.h"
#include "data/data_panel.h"
#include "filters/alignment_view.h"
#include "filters/filter_gallery.h"
#include "filters/run_filter_grid.h"
#include "presentation/presentation_mode.h"
#include "runs/run_list_model.h"
#include "training/dashboard.h"
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

namespace {

constexpr int kLayoutVersion = 1;

// Dock contents in a scroll area: the window never outgrows a small screen because of a
// panel's minimum size; the user can make a dock narrower and scroll.
QScrollArea* scrolled(QWidget* panel) {
    auto* area = new QScrollArea;
    area->setWidget(panel);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
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
    setupRace();
    setupLessons();
    setupInspector();
    setupPresentation();
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
        const QString note = fitEditorToData();
        runPending();
        if (!note.isEmpty()) showInfo(note);
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

    newSession();  // the paper's demo
    restoreLayout();
    new DockProportions(this, {mDataDock, mArchDock, mSettingsDock}, mRunsDock);  // sensible docks after resizes
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
                             "compare them; F2 (or a double-click on its name) renames it; Delete removes the "
                             "selected runs."));
    connect(mRunTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);
    // Names are edited in place (F2, or double-click on the name); elsewhere a double-click opens the run.
    mRunTable->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    connect(mRunTable, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.column() != RunListModel::Label) mTabs->setCurrentIndex(0);
    });
    connect(mRuns, &RunListModel::runRenamed, this, [this] {
        markModified();
        onSelectionChanged();  // titles, dashboard and comparison show the new name
    });
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
    createExchangeActions(file, exportMenu);
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
    mPresetCombo->addItem(tr("Custom"), QString());
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

// ---- messages ---------------------------------------------------------------------------

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
        database = run->dataRecipe.motifDatabase;  // where its matches came from
        context = tr("#%1 %2").arg(run->id).arg(QString::fromStdString(run->label));
    }
    if (!pwms || filterIndex < 0 || filterIndex >= int(pwms->filters.size())) return;
    try {
        const auto motifs = lab::motifDatabase(database);
        if (mPresentation->showFilter(motifs, QString::fromStdString(lab::motifDatabaseLabel(database)), *pwms,
                                      filterIndex, *truth, *truthNames, context))
            return;  // presenting: the large single-filter view instead of the dialog
        if (!mAlignment) mAlignment = new AlignmentDialog(this);
        mAlignment->showFilter(motifs, QString::fromStdString(lab::motifDatabaseLabel(database)), *pwms, filterIndex, *truth,
                               *truthNames, context);
    } catch (const std::exception& e) {
        showError(tr("No motif comparison: %1").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
    }
}

void MainWindow::showError(const QString& text) { mMessages->showMessage(text, true); }
void MainWindow::showInfo(const QString& text) { mMessages->showMessage(text, false); }

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
    mPresentation->setActive(false);  // the layout to remember is the one outside presentation mode
    AppSettings::saveWindow(this, kLayoutVersion);
    AppSettings::setValue("dashboardSplitter", mDashboard->splitter()->saveState());
    event->accept();
}

}  // namespace motifloom::ui
