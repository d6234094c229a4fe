// MainWindow: training, sweep launching, the kept runs and the preset models (see main_window.h).
#include "app_window/main_window.h"

#include "app_window/message_bar.h"

#include "app_window/settings.h"
#include "architecture/architecture_editor.h"
#include "compare/compare_view.h"
#include "data/data_panel.h"
#include "filters/alignment_view.h"
#include "filters/filter_gallery.h"
#include "filters/run_filter_grid.h"
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
        else if (p == Pending::Race) startRaceWith(mData->data());
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

QString MainWindow::fitEditorToData() {
    const auto d = mData->data();
    if (!d || mController->isActive()) return {};
    std::string note;
    const arch::Architecture fitted =
        fitArchitectureToData(mArch->architecture(), d->splits.train.length, int(d->classNames.size()), &note);
    if (note.empty()) return {};
    mArch->setArchitecture(fitted);  // the Architecture panel shows what will be trained
    return QString::fromStdString(note).toHtmlEscaped() + tr(" (see the Architecture panel).");
}

void MainWindow::startTrainingWith(std::shared_ptr<const lab::LoadedData> data) {
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
    job.label = jobLabel(a, data->recipe);
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

void MainWindow::startSweep(const lab::SweepPlan& plan) {
    if (mController->isActive() || plan.runCount() == 0) return;
    if (!dataIsCurrent()) {
        mPending = Pending::Sweep;
        mPendingSweep = std::make_unique<lab::SweepPlan>(plan);
        requestData();
        updateActions();
        return;
    }
    startSweepWith(plan, mData->data());
}

void MainWindow::startSweepWith(const lab::SweepPlan& plan, std::shared_ptr<const lab::LoadedData> data) {
    // The same plan as motifloom-cli sweep (lab/sweep_plan.h): presets x trials, seeds, settings.
    const seqio::SequenceSet& train = data->splits.train;
    std::vector<lab::SweepJob> planned;
    try {
        planned = lab::sweepJobs(plan, train.length, int(data->classNames.size()), train.task, mSettings->settings());
    } catch (const InputError& e) {
        showError(tr("Sweep not started: %1").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
        return;
    }
    std::vector<TrainingJob> jobs;
    for (lab::SweepJob& p : planned) {
        TrainingJob job;
        job.runId = mNextRunId++;
        job.label = jobLabel(p.architecture, data->recipe, plan.trials > 1 ? p.trial : 0);
        job.architecture = std::move(p.architecture);
        job.data = data;
        job.sweep = plan.name;
        job.trial = p.trial;
        job.liveFilters = plan.liveFilters;
        jobs.push_back(std::move(job));
    }
    const QString name = QString::fromStdString(plan.name);
    if (mController->startQueue(std::move(jobs), name)) {
        showInfo(tr("Sweep \"%1\": %n run(s) queued. Runs appear in the run list as they finish.", nullptr, plan.runCount())
                     .arg(name.toHtmlEscaped()));
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

void MainWindow::onRunFinished(std::shared_ptr<const lab::RunRecord> run) {
    mRuns->addRun(run);
    mNextRunId = std::max(mNextRunId, run->id + 1);
    mLastRunSeconds = run->seconds;
    markModified();
    if (run->status == lab::RunStatus::Diverged)
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
    if (mRace) mRace->setEnabled(!active && !waiting);
    mPause->setEnabled(active && mController->state() != TrainingController::State::Stopping);
    {
        const QSignalBlocker b(mPause);
        const bool paused = mController->state() == TrainingController::State::Paused;
        mPause->setChecked(paused);
        // The action says what it will do: Pause while running, Resume while paused.
        mPause->setText(paused ? tr("&Resume") : tr("&Pause"));
        mPause->setIconText(paused ? tr("Resume") : tr("Pause"));
        mPause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
        const QString tip = paused ? tr("Resume training") : tr("Pause training between batches");
        mPause->setToolTip(tr("%1 (%2)").arg(tip, mPause->shortcut().toString(QKeySequence::NativeText)));
        mPause->setStatusTip(tip);
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
    if (mImportModel) {  // main_window_exchange.cpp
        for (QAction* a : {mExportPyTorch, mExportOnnx}) a->setEnabled(oneRun);
        mImportModel->setEnabled(!active);
    }
    mExportTsv->setEnabled(mRuns->rowCount() > 0);
    mDeleteRuns->setEnabled(!selectedRuns().empty());
}

// ---- runs ---------------------------------------------------------------------------------------

std::vector<std::shared_ptr<const lab::RunRecord>> MainWindow::selectedRuns() const {
    std::vector<std::shared_ptr<const lab::RunRecord>> out;
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
    mPresetCombo->setItemText(0, index == 0 ? tr("Custom: %1").arg(QString::fromStdString(a.name.empty() ? "unnamed" : a.name))
                                            : tr("Custom"));
    mPresetCombo->setCurrentIndex(std::max(0, index));
}

}  // namespace motifloom::ui
