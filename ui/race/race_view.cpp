#include "race/race_view.h"

#include "filters/run_filter_grid.h"
#include "training/training_controller.h"
#include "widgets/number_text.h"
#include "widgets/plot_style.h"

#include "arch/presets.h"

#include <qcustomplot.h>

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace motifloom::ui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QCustomPlot* makePlot(QWidget* parent, const QString& y) {
    auto* p = new QCustomPlot(parent);
    plot::setupPlot(p, QObject::tr("epoch"), y);
    plot::useIntegerTicks(p->xAxis);
    p->setMinimumSize(160, 120);
    return p;
}

}  // namespace

RaceView::RaceView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    mTitle = new QLabel(this);
    mTitle->setTextFormat(Qt::RichText);
    mTitle->setWordWrap(true);
    layout->addWidget(mTitle);

    mEmpty = new QLabel(tr("<h3>No race yet</h3><p>A race trains two to four architectures at the same time on the same "
                           "data, the threads split between them: their curves on shared axes, their filters side by "
                           "side, after every epoch.</p><p>Start one with <b>Run \u2192 Race\u2026</b> (e.g. CNN-2 "
                           "against CNN-25: does a network with little first-layer pooling learn whole motifs or "
                           "parts of them?). Pause and Stop act on every architecture; each one is kept as an ordinary "
                           "run.</p>"),
                        this);
    mEmpty->setWordWrap(true);
    mEmpty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    mEmpty->setTextFormat(Qt::RichText);
    layout->addWidget(mEmpty, 1);

    mBody = new QWidget(this);
    auto* bodyLayout = new QVBoxLayout(mBody);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Vertical, mBody);
    split->setChildrenCollapsible(false);
    auto* plots = new QWidget(split);
    auto* pl = new QHBoxLayout(plots);
    pl->setContentsMargins(0, 0, 0, 0);
    mLossPlot = makePlot(plots, tr("validation loss"));
    mAurocPlot = makePlot(plots, tr("validation AUROC"));
    mMatchPlot = makePlot(plots, tr("match-GT"));
    mLossPlot->setToolTip(tr("Validation loss after every epoch (thin dashed: training loss). Lower is better."));
    mAurocPlot->setToolTip(tr("Validation AUROC after every epoch: how well each network classifies."));
    mMatchPlot->setToolTip(tr("match-GT: the fraction of first-layer filters whose best database match is a planted "
                              "motif (validation set, after every epoch). High: filters learn whole motifs."));
    plot::setupLegend(mAurocPlot, Qt::AlignBottom | Qt::AlignRight);  // rising curves leave that corner free
    for (QCustomPlot* p : {mLossPlot, mAurocPlot, mMatchPlot}) pl->addWidget(p, 1);
    auto* columns = new QWidget(split);
    mColumns = new QHBoxLayout(columns);
    mColumns->setContentsMargins(0, 0, 0, 0);
    mColumns->setSpacing(8);
    split->addWidget(plots);
    split->addWidget(columns);
    // The filters matter most for a class: they get most of the height.
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    bodyLayout->addWidget(split);
    layout->addWidget(mBody, 1);
    mBody->setVisible(false);
}

RaceView::~RaceView() = default;

void RaceView::attach(TrainingController* c) {
    connect(c, &TrainingController::raceStarted, this, [this, c] { startRace(c->raceJobs(), c->raceLaneThreads()); });
    connect(c, &TrainingController::raceEpochFinished, this, &RaceView::addEpoch);
    connect(c, &TrainingController::raceFiltersUpdated, this, &RaceView::setFilters);
    connect(c, &TrainingController::raceBatchProgress, this, &RaceView::setProgress);
    connect(c, &TrainingController::runFinished, this, &RaceView::setRunFinished);
    connect(c, &TrainingController::queueFinished, this, [this] {
        if (mRacing) setRaceEnded();
    });
    connect(c, &TrainingController::stateChanged, this, [this](TrainingController::State s) {
        if (mRacing) setPaused(s == TrainingController::State::Paused);
    });
}

void RaceView::clearLanes() {
    for (Lane& l : mLanes) delete l.column;
    mLanes.clear();
    for (QCustomPlot* p : {mLossPlot, mAurocPlot, mMatchPlot}) p->clearGraphs();
}

void RaceView::startRace(const std::vector<TrainingJob>& jobs, int threadsEach) {
    clearLanes();
    mRacing = true;
    mPaused = false;
    mEmpty->setVisible(false);
    mBody->setVisible(true);
    QStringList names;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const TrainingJob& job = jobs[i];
        Lane lane;
        // The lanes share the data (said once in the heading): model and seed name a lane, while
        // the kept run's label also names the data.
        lane.label = QString::fromStdString(jobLabel(job.architecture));
        lane.runId = job.runId;
        lane.maxEpochs = job.architecture.training.maxEpochs;
        lane.color = plot::seriesColor(int(i));
        names << QStringLiteral("<b><span style='color:%1'>%2</span></b>").arg(lane.color.name(), QString::fromStdString(job.architecture.name.empty() ? std::string("custom") : job.architecture.name).toHtmlEscaped());

        // The column: a frame in the lane's colour, its header, its filters.
        lane.column = new QFrame;
        lane.column->setObjectName(QStringLiteral("raceLane%1").arg(i));
        lane.column->setStyleSheet(QStringLiteral("QFrame#raceLane%1 { border: 2px solid %2; border-radius: 4px; }")
                                       .arg(i)
                                       .arg(lane.color.name()));
        auto* cl = new QVBoxLayout(lane.column);
        cl->setContentsMargins(6, 4, 6, 4);
        cl->setSpacing(2);
        lane.title = new QLabel(lane.column);
        lane.title->setTextFormat(Qt::RichText);
        lane.title->setText(QStringLiteral("<span style='font-size:large; font-weight:bold; color:%1'>%2</span>")
                                .arg(lane.color.name(), lane.label.toHtmlEscaped()));
        lane.title->setToolTip(QString::fromStdString(arch::representationHint(job.architecture)));
        auto* top = new QHBoxLayout;
        top->addWidget(lane.title, 1);
        lane.figure = new QLabel(lane.column);
        lane.figure->setTextFormat(Qt::RichText);
        lane.figure->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        lane.figure->setToolTip(tr("match-GT: the fraction of this network's first-layer filters whose best database "
                                   "match is one of the planted motifs (the paper's statistic)."));
        top->addWidget(lane.figure);
        cl->addLayout(top);
        lane.status = new QLabel(lane.column);
        lane.status->setWordWrap(true);
        cl->addWidget(lane.status);
        lane.figureNote = new QLabel(lane.column);
        lane.figureNote->setWordWrap(true);
        QFont noteFont = lane.figureNote->font();
        noteFont.setBold(true);
        lane.figureNote->setFont(noteFont);
        cl->addWidget(lane.figureNote);
        lane.grid = new RunFilterGrid;
        lane.grid->setCellWidth(110);
        lane.grid->showMessage(tr("The filters appear after the first epoch."));
        lane.grid->setStatisticsHidden(mMatchesHidden);
        lane.scroll = new QScrollArea(lane.column);
        lane.scroll->setWidget(lane.grid);
        lane.scroll->setWidgetResizable(true);
        lane.scroll->setFrameShape(QFrame::NoFrame);
        lane.scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        lane.grid->fitToViewport(lane.scroll);
        cl->addWidget(lane.scroll, 1);
        connect(lane.grid, &RunFilterGrid::filterClicked, this, [this, i](int f) { Q_EMIT filterClicked(int(i), f); });
        mColumns->addWidget(lane.column, 1);

        lane.lossGraph = plot::addLine(mLossPlot, lane.label, lane.color, 2.2, true);
        lane.trainGraph = plot::addLine(mLossPlot, lane.label, lane.color, 1.0);
        lane.trainGraph->setPen(QPen(lane.color, 1.0, Qt::DashLine));
        lane.aurocGraph = plot::addLine(mAurocPlot, lane.label, lane.color, 2.2, true);
        lane.matchGraph = plot::addLine(mMatchPlot, lane.label, lane.color, 2.2, true);
        // One legend (AUROC plot) names the colours for all three plots.
        for (QCPGraph* g : {lane.lossGraph, lane.trainGraph, lane.matchGraph}) g->removeFromLegend();
        mLanes.push_back(std::move(lane));
    }
    QString data;
    if (!jobs.empty() && jobs.front().data)
        data = QString::fromStdString(jobs.front().data->recipe.describe()).toHtmlEscaped();
    mTitle->setText(tr("<b>Race:</b> %1 &nbsp;<small style='color:gray'>same data (%2), same settings and seed; "
                       "%n thread(s) each</small>",
                       nullptr, threadsEach)
                        .arg(names.join(QStringLiteral(" vs ")), data));
    for (int i = 0; i < laneCount(); ++i) updateLaneHeader(i);
    replot();
}

RaceView::Lane* RaceView::laneOf(int lane) {
    return lane >= 0 && lane < laneCount() ? &mLanes[std::size_t(lane)] : nullptr;
}

void RaceView::addEpoch(int lane, const train::EpochRecord& r) {
    Lane* l = laneOf(lane);
    if (!l) return;
    l->epochs.push_back(r);
    l->lossGraph->addData(r.epoch, r.validLoss);
    l->trainGraph->addData(r.epoch, r.trainLoss);
    l->aurocGraph->addData(r.epoch, r.validAuroc);
    updateLaneHeader(lane);
    replot();
}

void RaceView::setFilters(int lane, std::shared_ptr<const FilterSnapshot> s) {
    Lane* l = laneOf(lane);
    if (!l || !s) return;
    l->filters = s;
    l->grid->setSnapshot(*s);
    if (s->matched && !s->final) l->matchGraph->addData(s->epoch, s->summary.matchGroundTruth);
    updateLaneHeader(lane);
    replot();
}

void RaceView::setProgress(int lane, const BatchProgress& p) {
    Lane* l = laneOf(lane);
    if (!l || l->ended) return;
    l->epochInProgress = p.epoch;
    l->batch = p.batch;
    l->batchesPerEpoch = p.batchesPerEpoch;
    updateLaneHeader(lane);
}

void RaceView::setRunFinished(std::shared_ptr<const lab::RunRecord> run) {
    if (!run || !mRacing) return;
    for (int i = 0; i < laneCount(); ++i) {
        Lane& l = mLanes[std::size_t(i)];
        if (l.runId != run->id) continue;
        l.run = run;
        l.ended = true;
        if (run->filters) l.grid->setRunFilters(*run->filters);
        updateLaneHeader(i);
    }
}

void RaceView::setRaceEnded() {
    mRacing = false;
    mPaused = false;
    for (int i = 0; i < laneCount(); ++i) {
        Lane& l = mLanes[std::size_t(i)];
        if (!l.run) {
            l.ended = true;
            l.endNote = l.epochs.empty() ? tr("stopped before its first epoch ended: nothing kept")
                                         : tr("ended without a kept run");
        }
        updateLaneHeader(i);
    }
}

void RaceView::setPaused(bool paused) {
    mPaused = paused;
    for (int i = 0; i < laneCount(); ++i) updateLaneHeader(i);
}

void RaceView::setMatchesHidden(bool hidden) {
    mMatchesHidden = hidden;
    mMatchPlot->setVisible(!hidden);
    for (int i = 0; i < laneCount(); ++i) {
        // Captions (best match, E-value) and true-motif frames give the answer away too.
        mLanes[std::size_t(i)].grid->setStatisticsHidden(hidden);
        updateLaneHeader(i);
    }
}

double RaceView::laneMatchGroundTruth(int lane) const {
    if (lane < 0 || lane >= laneCount()) return kNaN;
    const Lane& l = mLanes[std::size_t(lane)];
    if (l.run && l.run->filters && l.run->filters->matched) return l.run->filters->summary.matchGroundTruth;
    if (l.filters && l.filters->matched) return l.filters->summary.matchGroundTruth;
    return kNaN;
}

void RaceView::updateLaneHeader(int lane) {
    Lane& l = mLanes[std::size_t(lane)];
    // State line: where the lane is, then its latest figures.
    QStringList parts;
    const int done = l.epochs.empty() ? 0 : l.epochs.back().epoch;
    if (l.run) {
        parts << tr("%1 after %2 epochs (best %3)")
                     .arg(QString::fromUtf8(lab::toString(l.run->status)))
                     .arg(l.run->history.epochs.size())
                     .arg(l.run->history.bestEpoch());
        if (l.run->tested) parts << tr("test AUROC %1").arg(decimalText(l.run->testAuroc(), 3));
        parts << tr("run #%1").arg(l.run->id);
    } else if (l.ended) {
        parts << l.endNote;
    } else {
        if (l.epochInProgress > done && l.batchesPerEpoch > 0 && l.batch >= l.batchesPerEpoch)
            parts << tr("epoch %1 of %2: validating, drawing the filters").arg(l.epochInProgress).arg(l.maxEpochs);
        else if (l.epochInProgress > done && l.batchesPerEpoch > 0)
            parts << tr("epoch %1 of %2 (%3 %)").arg(l.epochInProgress).arg(l.maxEpochs).arg(100 * l.batch / l.batchesPerEpoch);
        else parts << tr("epoch %1 of %2").arg(done).arg(l.maxEpochs);
        if (!l.epochs.empty()) parts << tr("valid AUROC %1").arg(decimalText(l.epochs.back().validAuroc, 3));
        parts << (mPaused ? tr("paused") : mRacing ? tr("training") : tr("waiting"));
    }
    l.status->setText(parts.join(QStringLiteral(" \u00b7 ")));

    // The big figure: match-GT of the latest filters.
    const double mgt = laneMatchGroundTruth(lane);
    const FilterSnapshot* s = l.filters.get();
    const bool finalFilters = l.run && l.run->filters;
    if (mMatchesHidden) {
        l.figure->setText(tr("<span style='font-size:x-large; color:gray'>match-GT ?</span>"));
        l.figureNote->setText(tr("Match statistics hidden: predict first."));
    } else if (std::isfinite(mgt)) {
        l.figure->setText(QStringLiteral("<span style='font-size:x-large; font-weight:bold; color:%1'>match-GT %2</span>")
                              .arg(l.color.name(), decimalText(mgt, 2)));
        const interpret::MatchSummary& sum = finalFilters ? l.run->filters->summary : s->summary;
        l.figureNote->setText(tr("%1 of %2 filters match a planted motif (framed); %3 of %4 motifs found \u00b7 %5")
                                  .arg(sum.filtersWithTruth)
                                  .arg(sum.filters)
                                  .arg(sum.truthCovered)
                                  .arg(sum.truthCount)
                                  .arg(finalFilters ? tr("kept weights, test set")
                                                    : tr("epoch %1, validation set").arg(s ? s->epoch : 0)));
    } else {
        l.figure->setText(QStringLiteral("<span style='font-size:x-large; color:gray'>match-GT \u2013</span>"));
        QString why = tr("after the first epoch");
        if (s && !s->matched) why = QString::fromStdString(s->matchNote);
        else if (s && s->truth.empty()) why = tr("no planted motifs in these data");
        l.figureNote->setText(why);
    }
}

void RaceView::replot() {
    plot::fitAll(mLossPlot, 0.0);
    plot::fitAll(mAurocPlot, 0.0, 1.0);
    plot::fitAll(mMatchPlot, 0.0, 1.0);
    for (QCustomPlot* p : {mLossPlot, mAurocPlot, mMatchPlot}) p->replot(QCustomPlot::rpQueuedReplot);
}

QString RaceView::laneTitle(int lane) const { return lane >= 0 && lane < laneCount() ? mLanes[std::size_t(lane)].label : QString(); }
QString RaceView::laneStatus(int lane) const {
    return lane >= 0 && lane < laneCount() ? mLanes[std::size_t(lane)].status->text() : QString();
}
int RaceView::laneEpochs(int lane) const { return lane >= 0 && lane < laneCount() ? int(mLanes[std::size_t(lane)].epochs.size()) : 0; }
RunFilterGrid* RaceView::laneGrid(int lane) const { return lane >= 0 && lane < laneCount() ? mLanes[std::size_t(lane)].grid : nullptr; }
std::shared_ptr<const lab::RunRecord> RaceView::laneRun(int lane) const {
    return lane >= 0 && lane < laneCount() ? mLanes[std::size_t(lane)].run : nullptr;
}
QColor RaceView::laneColor(int lane) const { return lane >= 0 && lane < laneCount() ? mLanes[std::size_t(lane)].color : QColor(); }

}  // namespace motifloom::ui
