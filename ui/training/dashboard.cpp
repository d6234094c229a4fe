#include "training/dashboard.h"

#include "widgets/number_text.h"
#include "widgets/plot_style.h"
#include "filters/run_filter_grid.h"

#include <QAction>
#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace motifloom::ui {
namespace {

constexpr int kTickMs = 40;  // plots redraw at most this often

QString duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("\u2013");
    const long s = std::lround(seconds);
    if (s < 60) return QObject::tr("%1 s").arg(s);
    if (s < 3600) return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QCPItemStraightLine* bestLine(QCustomPlot* plot) {
    auto* line = new QCPItemStraightLine(plot);
    QColor c = plot::seriesColor(2);
    c.setAlpha(160);
    line->setPen(QPen(c, 1.2, Qt::DashLine));
    line->setVisible(false);
    return line;
}

void placeVertical(QCPItemStraightLine* line, double x) {
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
    line->setVisible(true);
}

}  // namespace

Dashboard::Dashboard(QWidget* parent) : QWidget(parent) {
    buildUi();
    mTick = new QTimer(this);
    mTick->setInterval(kTickMs);
    connect(mTick, &QTimer::timeout, this, &Dashboard::flush);
    showIdle(tr("No training yet"));
}

Dashboard::~Dashboard() = default;

void Dashboard::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && mLossPlot) fitPlotsToFont();
}

void Dashboard::fitPlotsToFont() {
    // Small enough for a 1024 x 640 screen (plots grow with the window), yet never so low that
    // the tick labels of the value axis run into each other: with presentation mode's larger
    // fonts a fixed minimum left the curves a sliver under the filters.
    const int height = std::max(100, 7 * fontMetrics().height());
    for (auto* p : {mLossPlot, mAucPlot}) p->setMinimumSize(160, height);
}

void Dashboard::buildUi() {
    // ---- header -----------------------------------------------------------------------------
    auto* main = this;
    auto* mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(6, 6, 6, 0);
    auto* titleRow = new QHBoxLayout;
    mTitle = new QLabel(main);
    mTitle->setTextFormat(Qt::RichText);
    mTitle->setWordWrap(true);
    QFont big = mTitle->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    mTitle->setFont(big);
    mStatus = new QLabel(main);
    mStatus->setAlignment(Qt::AlignCenter);
    mStatus->setMinimumWidth(90);
    mStatus->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    mTrainButton = new QToolButton(main);
    mPauseButton = new QToolButton(main);
    mStopButton = new QToolButton(main);
    for (auto* b : {mTrainButton, mPauseButton, mStopButton}) {
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setVisible(false);
    }
    titleRow->addWidget(mTitle, 1);
    titleRow->addWidget(mStatus, 0, Qt::AlignTop);
    titleRow->addSpacing(8);
    titleRow->addWidget(mTrainButton, 0, Qt::AlignTop);
    titleRow->addWidget(mPauseButton, 0, Qt::AlignTop);
    titleRow->addWidget(mStopButton, 0, Qt::AlignTop);
    mainLayout->addLayout(titleRow);

    mProgress = new QProgressBar(main);
    mProgress->setRange(0, 1000);
    mProgress->setTextVisible(true);
    mProgress->setToolTip(tr("Progress towards the maximum number of epochs; early stopping may end the run "
                             "sooner."));
    mainLayout->addWidget(mProgress);

    // One wrapping line of figures, so that a narrow window still fits.
    mStats = new QLabel(main);
    mStats->setTextFormat(Qt::RichText);
    mStats->setWordWrap(true);
    mStats->setToolTip(tr("Epoch: passes over the training set so far (one batch = one gradient step).\n"
                          "seq/s: training throughput over the current epoch.\n"
                          "ETA: time left if the run goes to the maximum number of epochs (early stopping may "
                          "end it sooner).\n"
                          "Best: the epoch with the lowest validation loss; its weights are kept when \"Keep the "
                          "best epoch's weights\" is on."));
    mainLayout->addWidget(mStats);
    mNote = new QLabel(main);
    mNote->setWordWrap(true);
    mNote->setVisible(false);
    mainLayout->addWidget(mNote);

    // ---- plots ------------------------------------------------------------------------------
    auto* plots = new QSplitter(Qt::Horizontal, main);
    mLossPlot = new QCustomPlot(plots);
    plot::setupPlot(mLossPlot, tr("epoch"), tr("loss"));  // short: a low plot cuts long titles (the tip says which loss)
    // Short names on one line at the top, which falling curves leave free (the tip says the rest).
    mBatchGraph = plot::addLine(mLossPlot, tr("batches (smoothed)"), plot::seriesColor(0).lighter(140), 1.0);
    mTrainGraph = plot::addLine(mLossPlot, tr("training"), plot::seriesColor(0), 2.0, true);
    mValidGraph = plot::addLine(mLossPlot, tr("validation"), plot::seriesColor(1), 2.0, true);
    plot::setupLegend(mLossPlot, Qt::AlignTop | Qt::AlignRight, 3);
    plot::useIntegerTicks(mLossPlot->xAxis);
    mBestLoss = bestLine(mLossPlot);
    mLossPlot->setToolTip(tr("Binary cross-entropy: lower is better. Training and validation: each epoch's mean; "
                             "the thin line: every training batch, smoothed. When the validation curve turns up "
                             "while the training curve keeps falling, the network has started to overfit.\n") +
                          mLossPlot->toolTip());
    mAucPlot = new QCustomPlot(plots);
    plot::setupPlot(mAucPlot, tr("epoch"), tr("validation"));  // the legend names the scores
    mAurocGraph = plot::addLine(mAucPlot, tr("AUROC"), plot::seriesColor(2), 2.0, true);
    mAuprGraph = plot::addLine(mAucPlot, tr("AUPR"), plot::seriesColor(4), 2.0, true);
    plot::setupLegend(mAucPlot, Qt::AlignBottom | Qt::AlignRight, 2);  // rising curves leave that corner free
    plot::useIntegerTicks(mAucPlot->xAxis);
    mBestAuc = bestLine(mAucPlot);
    mAucPlot->setToolTip(tr("Mean over classes on the validation set. AUROC: chance that a random positive "
                            "scores above a random negative (0.5 = guessing, 1 = perfect). AUPR: area under "
                            "the precision-recall curve.\n") +
                         mAucPlot->toolTip());
    fitPlotsToFont();

    // ---- bottom: filters + results ----------------------------------------------------------
    mBottom = new QTabWidget(main);
    mBottom->setDocumentMode(true);
    mFilters = new RunFilterGrid;
    mFilters->setCellWidth(165);
    mFilters->setToolTip(tr("Each first-layer filter as a sequence logo: the bases around the positions where it "
                            "fires most. A highlighted logo matches one of the true motifs."));
    auto* filterScroll = new QScrollArea(mBottom);
    filterScroll->setWidget(mFilters);
    filterScroll->setWidgetResizable(true);
    filterScroll->setFrameShape(QFrame::NoFrame);
    mBottom->addTab(filterScroll, tr("Filters"));
    mFilters->fitToViewport(filterScroll);
    mResultsTab = mBottom->addTab(buildResults(), tr("Test results"));
    mLiveFilters = new QCheckBox(tr("Update after every epoch"), mBottom);
    mLiveFilters->setChecked(true);
    mLiveFilters->setToolTip(tr("After each epoch, turn the first-layer filters into PWMs on the validation "
                                "set and compare them with the motif database (Tomtom). Costs a moment per "
                                "epoch; the final filters are always computed. Applies to the next run."));
    connect(mLiveFilters, &QCheckBox::toggled, this, &Dashboard::liveFiltersChanged);
    mBottom->setCornerWidget(mLiveFilters, Qt::TopRightCorner);

    mMainSplitter = new QSplitter(Qt::Vertical, main);
    mMainSplitter->addWidget(plots);
    mMainSplitter->addWidget(mBottom);
    mMainSplitter->setStretchFactor(0, 3);
    mMainSplitter->setStretchFactor(1, 4);
    mMainSplitter->setChildrenCollapsible(false);
    mainLayout->addWidget(mMainSplitter, 1);

}

QWidget* Dashboard::buildResults() {
    auto* w = new QSplitter(Qt::Horizontal);
    w->setChildrenCollapsible(false);
    auto* leftBox = new QWidget(w);
    auto* left = new QVBoxLayout(leftBox);
    left->setContentsMargins(0, 4, 0, 0);
    mResultsNote = new QLabel(leftBox);
    mResultsNote->setWordWrap(true);
    mResultsNote->setTextFormat(Qt::RichText);
    left->addWidget(mResultsNote);
    mClassTable = new QTableWidget(0, 4, leftBox);
    mClassTable->setHorizontalHeaderLabels({tr("Class"), tr("Positives"), tr("AUROC"), tr("AUPR")});
    mClassTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    mClassTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    mClassTable->horizontalHeaderItem(1)->setToolTip(tr("Test sequences carrying the class."));
    mClassTable->horizontalHeaderItem(2)->setToolTip(tr("Area under the ROC curve (0.5 = guessing, 1 = perfect)."));
    mClassTable->horizontalHeaderItem(3)->setToolTip(tr("Average precision: area under the precision-recall curve."));
    mClassTable->verticalHeader()->setVisible(false);
    mClassTable->verticalHeader()->setDefaultSectionSize(mClassTable->fontMetrics().height() + 6);
    mClassTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mClassTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mClassTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mClassTable->setSortingEnabled(false);
    mClassTable->setToolTip(tr("Test-set scores per class; select a class to highlight its curves, double-click it to inspect its test "
                               "sequences (Inspector tab)."));
    connect(mClassTable, &QTableWidget::currentCellChanged, this, [this](int row, int, int, int) { highlightClass(row); });
    connect(mClassTable, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { emit inspectClassRequested(row); });
    left->addWidget(mClassTable, 1);

    // ROC and precision-recall share the space: one at a time.
    auto* curves = new QTabWidget(w);
    curves->setDocumentMode(true);
    curves->setTabPosition(QTabWidget::South);
    mRocPlot = new QCustomPlot(curves);
    plot::setupPlot(mRocPlot, tr("false positive rate"), tr("true positive rate"));
    mRocPlot->setToolTip(tr("ROC curve per class on the test set: the diagonal is guessing."));
    mPrPlot = new QCustomPlot(curves);
    plot::setupPlot(mPrPlot, tr("recall"), tr("precision"));
    mPrPlot->setToolTip(tr("Precision-recall curve per class on the test set."));
    for (auto* p : {mRocPlot, mPrPlot}) {
        p->setMinimumSize(160, 100);
        p->xAxis->setRange(0, 1);
        p->yAxis->setRange(0, 1.02);
    }
    curves->addTab(mRocPlot, tr("ROC"));
    curves->addTab(mPrPlot, tr("Precision-recall"));
    w->addWidget(leftBox);
    w->addWidget(curves);
    w->setStretchFactor(0, 1);
    w->setStretchFactor(1, 1);
    return w;
}

void Dashboard::attach(TrainingController* c) {
    connect(c, &TrainingController::runStarted, this, &Dashboard::onRunStarted);
    connect(c, &TrainingController::batchProgress, this, &Dashboard::onBatch);
    connect(c, &TrainingController::epochFinished, this, &Dashboard::onEpoch);
    connect(c, &TrainingController::filtersUpdated, this, &Dashboard::onFilters);
    connect(c, &TrainingController::runFinished, this, &Dashboard::onRunFinished);
    connect(c, &TrainingController::runDiscarded, this, [this](const QString& t) { onRunEnded(t, false); });
    connect(c, &TrainingController::runFailed, this, [this](const QString& t) { onRunEnded(t, true); });
    connect(c, &TrainingController::stateChanged, this, &Dashboard::onStateChanged);
    connect(c, &TrainingController::message, this, [this](const QString& t) {
        mNote->setText(t);
        mNote->setVisible(true);
    });
}

void Dashboard::setActions(QAction* train, QAction* pause, QAction* stop) {
    mTrainButton->setDefaultAction(train);
    mPauseButton->setDefaultAction(pause);
    mStopButton->setDefaultAction(stop);
    for (auto* b : {mTrainButton, mPauseButton, mStopButton}) b->setVisible(true);
    QFont f = mTrainButton->font();
    f.setBold(true);
    mTrainButton->setFont(f);
}

bool Dashboard::liveFilters() const { return mLiveFilters->isChecked(); }
void Dashboard::setLiveFilters(bool on) { mLiveFilters->setChecked(on); }

void Dashboard::setStatus(const QString& text, const QString& tone) {
    QColor bg = tone == "running" ? plot::seriesColor(0)
                : tone == "paused" ? plot::seriesColor(1)
                : tone == "done"   ? plot::seriesColor(2)
                : tone == "error"  ? plot::seriesColor(3)
                                   : palette().color(QPalette::Mid);
    mStatus->setText(text);
    mStatus->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 9px; "
                                          "padding: 2px 10px; font-weight: 600; }")
                               .arg(bg.name()));
}

void Dashboard::clearPlots() {
    for (QCPGraph* g : {mBatchGraph, mTrainGraph, mValidGraph, mAurocGraph, mAuprGraph}) g->data()->clear();
    mBestLoss->setVisible(false);
    mBestAuc->setVisible(false);
    mPendingBatchX.clear();
    mPendingBatchY.clear();
    mPendingEpochs.clear();
    mEpochs.clear();
    mSmoother.reset();
    mSmootherEpochSize = 0;
    mLossPlot->xAxis->setRange(0, 1);
    mLossPlot->yAxis->setRange(0, 1);
    mAucPlot->xAxis->setRange(0, 1);
    mAucPlot->yAxis->setRange(0.5, 1);
    mLossPlot->replot(QCustomPlot::rpQueuedReplot);
    mAucPlot->replot(QCustomPlot::rpQueuedReplot);
    mClassTable->setRowCount(0);
    mRocPlot->clearPlottables();
    mPrPlot->clearPlottables();
    mRocPlot->replot(QCustomPlot::rpQueuedReplot);
    mPrPlot->replot(QCustomPlot::rpQueuedReplot);
    mResultsNote->setText(tr("Test results appear when a run ends."));
}

void Dashboard::showIdle(const QString& html) {
    if (mLive) return;
    mShownRun.reset();
    clearPlots();
    mTitle->setText(html);
    setStatus(tr("ready"), "idle");
    mProgress->setValue(0);
    mProgress->setFormat(tr("not started"));
    mStaticStats.clear();
    mStats->clear();
    mNote->setVisible(false);
    mFilters->showMessage(tr("The first-layer filters appear here after the first epoch: watch them turn from "
                             "noise into motifs."));
}

void Dashboard::onRunStarted(const TrainingJob& job, int index, int total) {
    mLive = true;
    mShownRun.reset();
    clearPlots();
    mLast = {};
    mStaticStats.clear();
    mMaxEpochs = job.architecture.training.maxEpochs;
    mPatience = job.architecture.training.patience;
    mRunLabel = QString::fromStdString(job.label);
    QString title = QStringLiteral("<b>%1</b>").arg(mRunLabel.toHtmlEscaped());
    if (job.data) title += QStringLiteral("<br><small style='color:gray'>%1</small>")
                               .arg(QString::fromStdString(job.data->recipe.describe()).toHtmlEscaped());
    if (total > 1) title += tr("<br><small>%1: run %2 of %3</small>")
                                .arg(job.sweep.empty() ? tr("Queue") : QString::fromStdString(job.sweep).toHtmlEscaped())
                                .arg(index)
                                .arg(total);
    mTitle->setText(title);
    setStatus(tr("training"), "running");
    mProgress->setValue(0);
    mProgress->setFormat(tr("starting\u2026"));
    mNote->setVisible(false);
    mFilters->showMessage(job.liveFilters ? tr("The filters appear after the first epoch.")
                                          : tr("Live filters are off: the final filters appear when the run ends."));
    mBottom->setCurrentIndex(0);
    updateStats();
    mTick->start();
}

void Dashboard::onBatch(const BatchProgress& p) {
    if (!mLive) return;
    if (p.batchesPerEpoch != mSmootherEpochSize) {
        mSmoother = lab::LossSmoother(p.batchesPerEpoch);
        mSmootherEpochSize = p.batchesPerEpoch;
    }
    // Losses of consecutive steps ending at (epoch, batch).
    const int n = int(p.losses.size());
    for (int i = 0; i < n; ++i) {
        const long back = n - 1 - i;  // batches before the last one
        long batchIndex = long(p.epoch - 1) * p.batchesPerEpoch + p.batch - back;  // 1-based global batch
        mPendingBatchX.push_back(double(batchIndex) / std::max(1, p.batchesPerEpoch));
        mPendingBatchY.push_back(mSmoother.add(p.losses[std::size_t(i)]));
    }
    mLast = p;
    mDirty = true;
}

void Dashboard::onEpoch(const train::EpochRecord& r) {
    if (!mLive) return;
    mPendingEpochs.push_back(r);
    mEpochs.push_back(r);
    mDirty = true;
}

void Dashboard::onFilters(std::shared_ptr<const FilterSnapshot> s) {
    if (!s) return;
    mFilters->setSnapshot(*s);
}

void Dashboard::addEpochPoint(const train::EpochRecord& r) {
    mTrainGraph->addData(r.epoch, r.trainLoss);
    mValidGraph->addData(r.epoch, r.validLoss);
    if (std::isfinite(r.validAuroc)) mAurocGraph->addData(r.epoch, r.validAuroc);
    if (std::isfinite(r.validAupr)) mAuprGraph->addData(r.epoch, r.validAupr);
}

void Dashboard::flush() {
    if (!mDirty) return;
    mDirty = false;
    if (!mPendingBatchX.empty()) {
        mBatchGraph->addData(QVector<double>(mPendingBatchX.begin(), mPendingBatchX.end()),
                             QVector<double>(mPendingBatchY.begin(), mPendingBatchY.end()), true);
        mPendingBatchX.clear();
        mPendingBatchY.clear();
    }
    for (const auto& r : mPendingEpochs) addEpochPoint(r);
    mPendingEpochs.clear();
    const train::EpochRecord* best = nullptr;
    for (const auto& r : mEpochs)
        if (!best || r.validLoss < best->validLoss) best = &r;
    if (best) {
        placeVertical(mBestLoss, best->epoch);
        placeVertical(mBestAuc, best->epoch);
    }
    plot::fitAll(mLossPlot, 0.0);
    plot::fitAll(mAucPlot, 0.0, 1.0);
    const double right = std::max(1.0, mLossPlot->xAxis->range().upper);
    mLossPlot->xAxis->setRange(0, right);
    mAucPlot->xAxis->setRange(0, std::max(1.0, right));
    mLossPlot->replot(QCustomPlot::rpQueuedReplot);
    mAucPlot->replot(QCustomPlot::rpQueuedReplot);
    ++mReplots;
    updateStats();
}

void Dashboard::updateStats() {
    const QLocale loc;
    QStringList parts;
    if (mLast.batchesPerEpoch > 0) {
        const double frac = mLast.fractionalEpoch();
        mProgress->setValue(int(std::lround(1000.0 * frac / std::max(1, mMaxEpochs))));
        mProgress->setFormat(tr("epoch %1 of %2 \u00b7 batch %3 of %4")
                                 .arg(mLast.epoch)
                                 .arg(mMaxEpochs)
                                 .arg(mLast.batch)
                                 .arg(mLast.batchesPerEpoch));
        const double eta = frac > 0 ? mLast.elapsedSeconds / frac * (mMaxEpochs - frac) : NAN;
        parts << tr("<b>Epoch</b> %1 / %2").arg(mLast.epoch).arg(mMaxEpochs)
              << tr("<b>%1</b> seq/s").arg(loc.toString(std::lround(mLast.sequencesPerSecond)))
              << tr("<b>Elapsed</b> %1").arg(duration(mLast.elapsedSeconds))
              << tr("<b>ETA</b> %1%2").arg(mPatience > 0 ? QStringLiteral("\u2264 ") : QString(), duration(eta));
    } else if (!mStaticStats.isEmpty()) {
        parts << mStaticStats;
    }
    const train::EpochRecord* best = nullptr;
    for (const auto& r : mEpochs)
        if (!best || r.validLoss < best->validLoss) best = &r;
    if (best)
        parts << tr("<b>Best</b> epoch %1: validation loss %2, AUROC %3")
                     .arg(best->epoch)
                     .arg(decimalText(best->validLoss, 4), decimalText(best->validAuroc, 3));
    mStats->setText(parts.join(QStringLiteral(" &nbsp;\u00b7&nbsp; ")));
}

void Dashboard::onRunFinished(std::shared_ptr<const lab::RunRecord> run) {
    flush();
    mLive = false;
    mTick->stop();
    // From here on the run is shown as any kept run (its figures, not the live ETA).
    showRun(run);
}

void Dashboard::onRunEnded(const QString& text, bool error) {
    flush();
    mLive = false;
    mTick->stop();
    setStatus(error ? tr("failed") : tr("stopped"), error ? "error" : "idle");
    mProgress->setFormat(error ? tr("failed") : tr("stopped"));
    mNote->setText(text);
    mNote->setVisible(true);
}

void Dashboard::onStateChanged(TrainingController::State state) {
    if (!mLive) return;
    if (state == TrainingController::State::Paused) setStatus(tr("paused"), "paused");
    else if (state == TrainingController::State::Running) setStatus(tr("training"), "running");
    else if (state == TrainingController::State::Stopping) setStatus(tr("stopping\u2026"), "paused");
}

void Dashboard::showRun(std::shared_ptr<const lab::RunRecord> run) {
    if (mLive || !run) return;
    clearPlots();
    mShownRun = run;
    mMaxEpochs = run->architecture.training.maxEpochs;
    mPatience = run->architecture.training.patience;
    mTitle->setText(QStringLiteral("<b>#%1 %2</b><br><small style='color:gray'>%3</small>")
                        .arg(run->id)
                        .arg(QString::fromStdString(run->label).toHtmlEscaped(),
                             QString::fromStdString(run->dataSummary).toHtmlEscaped()));
    setStatus(QString::fromUtf8(toString(run->status)), run->status == lab::RunStatus::Diverged ? "error" : "done");
    mBatchGraph->setData(QVector<double>(run->batchLoss.x.begin(), run->batchLoss.x.end()),
                         QVector<double>(run->batchLoss.y.begin(), run->batchLoss.y.end()), true);
    mEpochs = run->history.epochs;
    for (const auto& r : mEpochs) addEpochPoint(r);
    mLast = {};
    mProgress->setValue(int(std::lround(1000.0 * run->epochs() / std::max(1, mMaxEpochs))));
    mProgress->setFormat(tr("%1 after %2 epochs \u00b7 %3").arg(QString::fromUtf8(toString(run->status))).arg(run->epochs()).arg(duration(run->seconds)));
    mStaticStats.clear();
    mStaticStats << tr("<b>Epochs</b> %1").arg(run->epochs()) << tr("<b>Time</b> %1").arg(duration(run->seconds));
    if (!run->history.epochs.empty()) {
        const double rate = std::accumulate(run->history.epochs.begin(), run->history.epochs.end(), 0.0,
                                            [](double a, const train::EpochRecord& r) { return a + r.sequencesPerSecond; });
        mStaticStats << tr("<b>%1</b> seq/s").arg(QLocale().toString(std::lround(rate / run->epochs())));
    }
    updateStats();
    mNote->setText(QString::fromStdString(run->message));
    mNote->setVisible(!run->message.empty());
    mDirty = false;
    const train::EpochRecord* best = run->history.best();
    if (best) {
        placeVertical(mBestLoss, best->epoch);
        placeVertical(mBestAuc, best->epoch);
    }
    plot::fitAll(mLossPlot, 0.0);
    plot::fitAll(mAucPlot, 0.0, 1.0);
    mLossPlot->xAxis->setRange(0, std::max(1.0, mLossPlot->xAxis->range().upper));
    mAucPlot->xAxis->setRange(0, std::max(1.0, mLossPlot->xAxis->range().upper));
    mLossPlot->replot(QCustomPlot::rpQueuedReplot);
    mAucPlot->replot(QCustomPlot::rpQueuedReplot);
    ++mReplots;
    showResults(*run);
    if (run->filters) mFilters->setRunFilters(*run->filters);
    else mFilters->showMessage(tr("No filters were kept for this run."));
}

void Dashboard::showResults(const lab::RunRecord& run) {
    mClassTable->setRowCount(0);
    mRocPlot->clearPlottables();
    mPrPlot->clearPlottables();
    if (!run.tested) {
        mResultsNote->setText(tr("No test set: nothing was scored."));
        return;
    }
    const auto& m = run.test;
    mResultsNote->setText(tr("<b>Test set</b> (%1 sequences): mean AUROC <b>%2</b>, mean AUPR <b>%3</b>, loss %4")
                              .arg(QLocale().toString(qulonglong(m.numExamples)))
                              .arg(decimalText(m.meanAuroc, 3), decimalText(m.meanAveragePrecision, 3), decimalText(run.testLoss, 4)));
    mClassTable->setRowCount(m.numClasses);
    for (int c = 0; c < m.numClasses; ++c) {
        const QString name = c < int(run.classNames.size()) ? QString::fromStdString(run.classNames[std::size_t(c)])
                                                             : tr("class %1").arg(c + 1);
        auto* nameItem = new QTableWidgetItem(name);
        QPixmap swatch(10, 10);
        swatch.fill(plot::seriesColor(c));
        nameItem->setIcon(QIcon(swatch));
        mClassTable->setItem(c, 0, nameItem);
        auto number = [](double v, int decimals) {
            auto* item = new QTableWidgetItem(decimalText(v, decimals));
            item->setData(Qt::UserRole, v);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            return item;
        };
        auto* pos = number(double(m.positives[std::size_t(c)]), 0);
        mClassTable->setItem(c, 1, pos);
        mClassTable->setItem(c, 2, number(m.auroc[std::size_t(c)], 3));
        mClassTable->setItem(c, 3, number(m.averagePrecision[std::size_t(c)], 3));
    }
    // ROC / PR curves, one per class; the diagonal as reference.
    auto* diag = new QCPCurve(mRocPlot->xAxis, mRocPlot->yAxis);
    diag->setData(QVector<double>{0, 1}, QVector<double>{0, 1});
    QColor grey = palette().color(QPalette::WindowText);
    grey.setAlpha(90);
    diag->setPen(QPen(grey, 1, Qt::DashLine));
    for (int c = 0; c < m.numClasses; ++c) {
        for (auto [plot, curves] : {std::pair{mRocPlot, &run.roc}, std::pair{mPrPlot, &run.pr}}) {
            if (std::size_t(c) >= curves->size()) continue;
            const lab::Curve& cv = (*curves)[std::size_t(c)];
            auto* curve = new QCPCurve(plot->xAxis, plot->yAxis);
            curve->setData(QVector<double>(cv.x.begin(), cv.x.end()), QVector<double>(cv.y.begin(), cv.y.end()));
            QColor col = plot::seriesColor(c);
            col.setAlpha(170);
            curve->setPen(QPen(col, 1.3));
            curve->setProperty("classIndex", c);
        }
    }
    for (auto* p : {mRocPlot, mPrPlot}) {
        p->xAxis->setRange(0, 1);
        p->yAxis->setRange(0, 1.02);
        p->replot(QCustomPlot::rpQueuedReplot);
    }
}

void Dashboard::highlightClass(int row) {
    for (auto* p : {mRocPlot, mPrPlot}) {
        for (int i = 0; i < p->plottableCount(); ++i) {
            QCPAbstractPlottable* pl = p->plottable(i);
            const QVariant cls = pl->property("classIndex");
            if (!cls.isValid()) continue;
            const int c = cls.toInt();
            QColor col = plot::seriesColor(c);
            if (row >= 0 && c != row) col.setAlpha(45);
            pl->setPen(QPen(col, row == c ? 2.6 : 1.3));
            if (row == c) pl->setLayer(QStringLiteral("main"));
        }
        p->replot(QCustomPlot::rpQueuedReplot);
    }
}

}  // namespace motifloom::ui
