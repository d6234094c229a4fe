// MainWindow: the race of architectures (see main_window.h and race/race_view.h): Run → Race…,
// the Race tab, and startRace (also the lessons' entry point).
#include "app_window/main_window.h"

#include "app_window/message_bar.h"
#include "architecture/architecture_editor.h"
#include "data/data_panel.h"
#include "filters/filter_gallery.h"
#include "race/race_dialog.h"
#include "race/race_view.h"
#include "training/training_controller.h"
#include "training/training_settings_widget.h"

#include "arch/architecture_json.h"
#include "arch/presets.h"
#include "train/race.h"
#include "util/parallel.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QStatusBar>
#include <QTabWidget>

#include <algorithm>

namespace motifloom::ui {

void MainWindow::setupRace() {
    mRaceView = new RaceView(this);
    mRaceView->attach(mController);
    const int tab = mTabs->addTab(mRaceView, tr("Race"));
    mTabs->setTabToolTip(tab, tr("Two to four architectures trained at the same time, side by side (Run \u2192 Race\u2026)."));

    mRace = new QAction(tr("R&ace\u2026"), this);
    const QString tip = tr("Train two to four architectures at the same time on the same data and watch them side by side");
    mRace->setToolTip(tip);
    mRace->setStatusTip(tip);
    mRace->setWhatsThis(tip);
    connect(mRace, &QAction::triggered, this, &MainWindow::showRaceDialog);
    // Run menu: after Sweep…; View menu: the tab, after the other tabs.
    for (QAction* menuAction : menuBar()->actions()) {
        QMenu* menu = menuAction->menu();
        if (!menu) continue;
        const auto actions = menu->actions();
        if (const auto it = std::find(actions.begin(), actions.end(), mSweep); it != actions.end())
            menu->insertAction(it + 1 != actions.end() ? *(it + 1) : nullptr, mRace);
    }
    if (mViewMenu) {
        auto* show = new QAction(tr("Race"), this);
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
        connect(show, &QAction::triggered, this, [this] { mTabs->setCurrentWidget(mRaceView); });
        const auto actions = mViewMenu->actions();
        mViewMenu->insertAction(actions.size() > 3 ? actions.at(3) : nullptr, show);
    }

    connect(mController, &TrainingController::raceStarted, this, [this] {
        QStringList names;
        for (const TrainingJob& job : mController->raceJobs()) names << QString::fromStdString(job.architecture.name);
        mTrainStatus->setText(tr("Race: %1").arg(names.join(QStringLiteral(" vs "))));
        mStatusProgress->setValue(0);
        mStatusProgress->setVisible(true);
        mLiveDatabase = mController->raceJobs().front().data->recipe.motifDatabase;
        mTabs->setCurrentWidget(mRaceView);
    });
    // The status bar's progress follows the slowest lane that still trains.
    auto fractions = std::make_shared<std::vector<double>>();
    connect(mController, &TrainingController::raceStarted, this,
            [this, fractions] { fractions->assign(mController->raceJobs().size(), 0.0); });
    connect(mController, &TrainingController::raceBatchProgress, this, [this, fractions](int lane, const BatchProgress& p) {
        if (lane < 0 || lane >= int(fractions->size())) return;
        (*fractions)[std::size_t(lane)] = p.fractionalEpoch() / std::max(1, p.maxEpochs);
        mStatusProgress->setValue(int(1000.0 * *std::min_element(fractions->begin(), fractions->end())));
    });
    // A click on a lane's logo opens the alignment view on that filter (through the Filters tab,
    // which then shows that lane's filters).
    connect(mRaceView, &RaceView::filterClicked, this, [this](int lane, int filter) {
        const auto run = mRaceView->laneRun(lane);
        if (!run || !run->filters) {
            statusBar()->showMessage(tr("The alignment opens once this architecture's run has ended."), 5000);
            return;
        }
        mFilterTitle->setText(tr("<b>#%1 %2</b>: final filters").arg(run->id).arg(QString::fromStdString(run->label).toHtmlEscaped()));
        mGallery->setRun(run);
        showAlignment(filter);
    });
}

void MainWindow::showRaceDialog() {
    if (mController->isActive()) return;
    RaceDialog dialog(this, QString::fromStdString(mArch->architecture().name.empty() ? "unnamed" : mArch->architecture().name),
                      parallel::threadCount());
    if (dialog.exec() != QDialog::Accepted) return;
    startRace(dialog.architectures());
}

bool MainWindow::startRace(const QStringList& architectures) {
    if (mController->isActive() || mPending != Pending::None) {
        showError(tr("<b>No race started</b>: wait until the current training (or data loading) has ended, or stop it."));
        return false;
    }
    const int n = int(architectures.size());
    if (n < 2 || n > train::kMaxRaceLanes) {
        showError(tr("<b>No race started</b>: a race needs 2 to %1 architectures, not %2.").arg(train::kMaxRaceLanes).arg(n));
        return false;
    }
    // Every racer gets the same training settings and seed: a fair race.
    const arch::TrainingSettings settings = mSettings->settings();
    std::vector<arch::Architecture> racers;
    for (int i = 0; i < n; ++i) {
        const QString text = architectures.at(i).trimmed();
        try {
            arch::Architecture a;
            if (text.compare(QStringLiteral("current"), Qt::CaseInsensitive) == 0) a = currentArchitecture();
            else if (text.startsWith(QLatin1Char('{')))
                a = arch::fromJsonString(text.toStdString(), tr("architecture %1 of the race").arg(i + 1).toStdString());
            else a = arch::preset(text.toStdString());
            a.training = settings;
            racers.push_back(std::move(a));
        } catch (const std::exception& e) {
            showError(tr("<b>No race started</b>: architecture %1 (\u201c%2\u201d): %3")
                          .arg(i + 1)
                          .arg(text.left(40).toHtmlEscaped(), QString::fromStdString(e.what()).toHtmlEscaped()));
            return false;
        }
    }
    mPendingRace = std::move(racers);
    if (!dataIsCurrent()) {
        mPending = Pending::Race;
        requestData();
        updateActions();
        return true;
    }
    startRaceWith(mData->data());
    return mController->isRacing();
}

void MainWindow::startRaceWith(std::shared_ptr<const lab::LoadedData> data) {
    std::vector<arch::Architecture> racers = std::move(mPendingRace);
    mPendingRace.clear();
    const int length = data->splits.train.length;
    const int classes = int(data->classNames.size());
    std::vector<TrainingJob> jobs;
    for (const arch::Architecture& r : racers) {
        // Presets are rebuilt for these data (as for a single run), the rest get the data's sizes.
        arch::Architecture a = fitArchitectureToData(r, length, classes);
        if (const auto problems = arch::validate(a); !problems.empty()) {
            showError(tr("<b>No race started</b>: %1 cannot be trained on these data (%2 nt, %3 classes): %4")
                          .arg(QString::fromStdString(a.name).toHtmlEscaped())
                          .arg(length)
                          .arg(classes)
                          .arg(QString::fromStdString(problems.front()).toHtmlEscaped()));
            updateActions();
            return;
        }
        TrainingJob job;
        job.runId = mNextRunId++;
        job.label = jobLabel(a, data->recipe);
        job.architecture = std::move(a);
        job.data = data;
        job.liveFilters = true;  // the point of a race: the filters after every epoch
        jobs.push_back(std::move(job));
    }
    if (!mController->startRace(std::move(jobs))) {
        showError(tr("<b>No race started</b>: training is already running."));
        return;
    }
    mMessages->hideMessage();
    updateActions();
}

}  // namespace motifloom::ui
