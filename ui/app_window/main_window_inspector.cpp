// MainWindow: the Inspector tab (inspector/sequence_inspector.h) and the ways into it: View ->
// Sequence inspector (Ctrl+5), the filter gallery's context menu ("Inspect the sequences where
// this filter fires"), a double-click on a loaded sequence of the data panel, a double-click on
// a class of the test results, and openInspector(test sequence index) for scripted lessons.
//
// The inspector shows the model the Filters tab shows: the live run's latest snapshot (after
// every epoch, with the run's own data) or the kept run shown there, with the data panel's
// data when it fits that run.
#include "app_window/main_window.h"

#include "data/data_panel.h"
#include "filters/filter_gallery.h"
#include "filters/run_filter_grid.h"
#include "inspector/sequence_inspector.h"
#include "inspector/sequence_picker.h"
#include "training/dashboard.h"
#include "training/training_controller.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

namespace motifloom::ui {

namespace {

void nameFilters(InspectorModel& m, const std::vector<interpret::FilterMatches>& matches) {
    for (const interpret::FilterMatches& f : matches) {
        const interpret::MotifHit* hit = f.bestTruthHit();
        if (!hit && !f.hits.empty()) hit = &f.hits.front();
        m.filterNames.push_back(hit ? QString::fromStdString(hit->targetName.empty() ? hit->tomtom.targetId : hit->targetName)
                                    : QString());
        m.filterMatchesTruth.push_back(f.matchesTruth());
    }
}

InspectorModel liveModel(const std::shared_ptr<const FilterSnapshot>& s, const QString& label) {
    InspectorModel m;
    m.network = s->network;
    m.live = !s->final;
    m.label = s->final ? label : QObject::tr("%1, epoch %2").arg(label).arg(s->epoch);
    m.pwms = std::shared_ptr<const interpret::FilterPwmSet>(s, &s->pwms);
    if (s->matched) nameFilters(m, s->matches);
    return m;
}

InspectorModel modelOfRun(const std::shared_ptr<const lab::RunRecord>& run) {
    InspectorModel m;
    m.network = run->network;
    m.label = QStringLiteral("#%1 %2").arg(run->id).arg(QString::fromStdString(run->label));
    if (run->filters) {
        m.pwms = std::shared_ptr<const interpret::FilterPwmSet>(run, &run->filters->pwms);
        if (run->filters->matched) nameFilters(m, run->filters->matches);
    }
    return m;
}

}  // namespace

void MainWindow::setupInspector() {
    mInspector = new SequenceInspector(this);
    const int tab = mTabs->addTab(mInspector, tr("Inspector"));
    mTabs->setTabToolTip(tab, tr("One sequence under the model: where filters fire, which bases matter, what a mutation does (Ctrl+5)."));
    auto* show = new QAction(tr("Sequence &inspector"), this);
    show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    connect(show, &QAction::triggered, this, [this] {
        syncInspector();
        mTabs->setCurrentWidget(mInspector);
    });
    const QList<QAction*> viewActions = mViewMenu->actions();
    // After the tab actions (Training, Filters, Compare, Race: Ctrl+1 to Ctrl+4).
    mViewMenu->insertAction(viewActions.size() > 4 ? viewActions.at(4) : nullptr, show);

    // The live run: new weights after every epoch, with the run's own data.
    connect(mController, &TrainingController::filtersUpdated, this, [this](std::shared_ptr<const FilterSnapshot> s) {
        if (!s || !s->network) return;
        if (const TrainingJob* job = mController->currentJob()) mInspector->setData(job->data);
        mInspector->setModel(liveModel(s, mLiveLabel));
    });
    // A kept run shown in the Filters tab (after training, or selected in the Runs list): the
    // window's own slots update the gallery first, so look after them.
    connect(mController, &TrainingController::runFinished, this, [this] { QTimer::singleShot(0, this, &MainWindow::syncInspector); });
    connect(mRunTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { QTimer::singleShot(0, this, &MainWindow::syncInspector); });
    connect(mData, &DataPanel::dataChanged, this, [this] {
        if (!mController->isActive()) mInspector->setData(mData->data());
    });
    connect(mInspector, &SequenceInspector::errorOccurred, this, [this](const QString& text) { showError(text.toHtmlEscaped()); });

    // Ways in.
    connect(mData, &DataPanel::sequenceActivated, this, [this](synth::Part part, std::size_t index) {
        syncInspector();
        mInspector->setData(mData->data());
        mTabs->setCurrentWidget(mInspector);
        mInspector->picker()->choose(part, index);
        if (!mInspector->model().valid()) showInfo(tr("No model yet: train one (Ctrl+R) or select a run to see its predictions and attribution."));
    });
    connect(mDashboard, &Dashboard::inspectClassRequested, this, [this](int classIndex) {
        syncInspector();
        mTabs->setCurrentWidget(mInspector);
        SequenceQuery q;
        q.classIndex = classIndex;
        q.filter = SequenceFilter::Carrying;
        q.order = SequenceOrder::LowestPrediction;  // the misses first
        mInspector->setAttributedClass(classIndex);
        mInspector->picker()->setQuery(synth::Part::Test, q, true);
    });
    RunFilterGrid* grid = mGallery->grid();
    grid->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(grid, &QWidget::customContextMenuRequested, this, [this, grid](const QPoint& pos) {
        int filter = -1;
        for (int i = 0; i < grid->filterCount(); ++i)
            if (grid->cellRect(i).contains(pos)) filter = i;
        QMenu menu(this);
        if (filter >= 0)
            menu.addAction(tr("Inspect the sequences where filter %1 fires most").arg(filter + 1), this, [this, filter] {
                syncInspector();
                mTabs->setCurrentWidget(mInspector);
                SequenceQuery q;
                q.order = SequenceOrder::FilterActivation;
                mInspector->picker()->setOrderFilter(filter);
                mInspector->markFilter(filter);
                mInspector->picker()->setQuery(synth::Part::Test, q, true);
            });
        menu.addAction(tr("Open the sequence inspector"), this, [this] {
            syncInspector();
            mTabs->setCurrentWidget(mInspector);
        });
        menu.exec(grid->mapToGlobal(pos));
    });
}

void MainWindow::syncInspector() {
    if (const auto& s = mGallery->snapshot(); s && s->network) {
        if (const TrainingJob* job = mController->currentJob()) mInspector->setData(job->data);
        else mInspector->setData(mData->data());
        mInspector->setModel(liveModel(s, mLiveLabel));
        return;
    }
    std::shared_ptr<const lab::RunRecord> run = mGallery->run();
    if (!run || !run->network) run = mDashboard->shownRun();
    mInspector->setData(mData->data());
    if (run && run->network && run.get() != nullptr &&
        !(mInspector->model().valid() && mInspector->model().network == run->network))
        mInspector->setModel(modelOfRun(run));
}

void MainWindow::openInspector(int testSequenceIndex) {
    syncInspector();
    mTabs->setCurrentWidget(mInspector);
    const auto data = mData->data();
    if (!data || testSequenceIndex < 0 || std::size_t(testSequenceIndex) >= data->splits.test.size()) {
        showError(tr("No test sequence #%1 in the loaded data.").arg(testSequenceIndex));
        return;
    }
    mInspector->setData(data);
    mInspector->picker()->choose(synth::Part::Test, std::size_t(testSequenceIndex));
}

}  // namespace motifloom::ui
