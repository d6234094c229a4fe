#include "compare/compare_view.h"

#include "widgets/plot_style.h"
#include "filters/run_filter_grid.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace motifloom::ui {
namespace {

constexpr int kMaxGalleries = 4;

QString statText(const lab::TrialStatistics& s) {
    if (!std::isfinite(s.mean)) return QStringLiteral("\u2014");
    QString t = QString::number(s.mean, 'f', 3);
    if (std::isfinite(s.sd)) t += QStringLiteral(" \u00b1 ") + QString::number(s.sd, 'f', 3);
    return t;
}

struct MetricInfo {
    const char* name;
    const char* tip;
    lab::TrialStatistics CompareRow::*field;
};

const MetricInfo kMetrics[] = {
    {QT_TRANSLATE_NOOP("CompareView", "AUROC"), QT_TRANSLATE_NOOP("CompareView", "Mean test AUROC over classes."),
     &CompareRow::auroc},
    {QT_TRANSLATE_NOOP("CompareView", "AUPR"),
     QT_TRANSLATE_NOOP("CompareView", "Mean test average precision over classes."), &CompareRow::aupr},
    {QT_TRANSLATE_NOOP("CompareView", "Match any"),
     QT_TRANSLATE_NOOP("CompareView", "Fraction of first-layer filters matching any JASPAR motif (E < 0.1)."),
     &CompareRow::matchAny},
    {QT_TRANSLATE_NOOP("CompareView", "Match GT"),
     QT_TRANSLATE_NOOP("CompareView", "Fraction of first-layer filters matching a true (ground-truth) motif."),
     &CompareRow::matchGroundTruth},
    {QT_TRANSLATE_NOOP("CompareView", "Coverage"),
     QT_TRANSLATE_NOOP("CompareView", "Fraction of the true motifs matched by at least one filter."),
     &CompareRow::coverage},
};

}  // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    mNote = new QLabel(this);
    mNote->setTextFormat(Qt::RichText);
    mNote->setWordWrap(true);
    mNote->setMinimumWidth(120);
    // The same statistics as motifloom-cli sweep's table (lab/trial_statistics.h), and said so.
    mPool = new QCheckBox(tr("Pool trials: mean \u00b1 sd (sample, n \u2212 1)"), this);
    mPool->setChecked(true);
    mPool->setToolTip(tr("Runs of the same architecture and settings on the same data (different seeds) form one "
                         "row, as in the paper's tables."));
    mExport = new QPushButton(tr("Export TSV\u2026"), this);
    mExport->setToolTip(tr("Save this table as tab-separated text (File \u25b8 Export \u25b8 Comparison table)."));
    top->addWidget(mNote, 1);
    top->addWidget(mPool);
    top->addWidget(mExport);
    layout->addLayout(top);

    auto* split = new QSplitter(Qt::Vertical, this);
    auto* upper = new QSplitter(Qt::Horizontal, split);
    mTable = new QTableWidget(0, 7, upper);
    QStringList headers{tr("Model"), tr("Runs")};
    for (const auto& m : kMetrics) headers << tr(m.name);
    mTable->setHorizontalHeaderLabels(headers);
    for (int i = 0; i < 5; ++i)
        mTable->horizontalHeaderItem(2 + i)->setToolTip(
            tr(kMetrics[i].tip) + QStringLiteral("\n") +
            tr("Pooled rows: %1; a single run has no sd.").arg(QString::fromUtf8(lab::kTrialStatisticsNote)));
    mTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    mTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    mTable->verticalHeader()->setVisible(false);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setAlternatingRowColors(true);
    mBars = new QCustomPlot(upper);
    plot::setupPlot(mBars, QString(), tr("score / fraction"));
    mBars->setInteractions({});
    mBars->setMinimumSize(220, 160);
    // Legend in its own row above the bars, never on top of them.
    mBars->plotLayout()->insertRow(0);
    mBars->plotLayout()->addElement(0, 0, mBars->legend);
    mBars->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    mBars->legend->setWrap(3);  // two rows of names, so they fit a narrow chart
    plot::styleLegend(mBars);
    mBars->legend->setBorderPen(Qt::NoPen);
    mBars->plotLayout()->setRowStretchFactor(0, 0.001);
    mTable->setMinimumWidth(200);
    upper->addWidget(mTable);
    upper->addWidget(mBars);
    mHiddenNote = new QLabel(tr("<b>Scores and match statistics hidden.</b> Predict first: which model's filters "
                                "match the planted motifs? The teacher reveals the table."), upper);
    mHiddenNote->setObjectName(QStringLiteral("statisticsHiddenNote"));
    mHiddenNote->setWordWrap(true);
    mHiddenNote->setAlignment(Qt::AlignCenter);
    mHiddenNote->hide();
    upper->addWidget(mHiddenNote);
    upper->setStretchFactor(0, 3);
    upper->setStretchFactor(1, 2);

    auto* galleryScroll = new QScrollArea(split);
    mGalleryBox = new QWidget;
    mGalleryLayout = new QHBoxLayout(mGalleryBox);
    mGalleryLayout->setAlignment(Qt::AlignTop);
    galleryScroll->setWidget(mGalleryBox);
    galleryScroll->setWidgetResizable(true);
    split->addWidget(upper);
    split->addWidget(galleryScroll);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setSizes({260, 650});  // the galleries are what one looks at longest
    layout->addWidget(split, 1);

    connect(mPool, &QCheckBox::toggled, this, &CompareView::rebuild);
    connect(mExport, &QPushButton::clicked, this, &CompareView::exportRequested);
    rebuild();
}

CompareGrouping CompareView::grouping() const {
    return mPool->isChecked() ? CompareGrouping::ByArchitecture : CompareGrouping::PerRun;
}

void CompareView::setGrouping(CompareGrouping g) { mPool->setChecked(g == CompareGrouping::ByArchitecture); }

void CompareView::setRuns(std::vector<std::shared_ptr<const lab::RunRecord>> runs, const QString& note) {
    mRuns = std::move(runs);
    mNote->setText(note);
    rebuild();
}

void CompareView::rebuild() {
    mRows = compareRows(mRuns, grouping());
    mExport->setEnabled(!mRows.empty());
    if (mRuns.empty() && mNote->text().isEmpty())
        mNote->setText(tr("Finished runs appear here. Select several in the Runs list (Ctrl+click) to compare "
                          "them, or run a sweep (Run \u25b8 Sweep)."));
    fillTable();
    fillBars();
    fillGalleries();
}

void CompareView::fillTable() {
    mTable->setRowCount(int(mRows.size()));
    for (int r = 0; r < int(mRows.size()); ++r) {
        const CompareRow& row = mRows[std::size_t(r)];
        auto* model = new QTableWidgetItem(QString::fromStdString(row.model));
        model->setToolTip(QString::fromStdString(row.data));
        mTable->setItem(r, 0, model);
        auto* n = new QTableWidgetItem(QString::number(row.runIds.size()));
        n->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QStringList ids;
        for (int id : row.runIds) ids << QStringLiteral("#%1").arg(id);
        n->setToolTip(ids.join(QStringLiteral(", ")));
        mTable->setItem(r, 1, n);
        for (int m = 0; m < 5; ++m) {
            auto* item = new QTableWidgetItem(statText(row.*(kMetrics[m].field)));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            mTable->setItem(r, 2 + m, item);
        }
    }
}

void CompareView::fillBars() {
    mBars->clearPlottables();
    mBars->legend->clearItems();
    auto* group = new QCPBarsGroup(mBars);
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(1);
    const int n = int(mRows.size());
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int r = 0; r < n; ++r) ticker->addTick(r + 1, QString::fromStdString(mRows[std::size_t(r)].model));
    mBars->xAxis->setTicker(ticker);
    mBars->xAxis->setTickLabelRotation(n > 5 ? 35 : 0);
    const double width = 0.8 / 5;
    for (int m = 0; m < 5; ++m) {
        auto* bars = new QCPBars(mBars->xAxis, mBars->yAxis);
        bars->setName(tr(kMetrics[m].name));
        bars->setWidth(width);
        bars->setBarsGroup(group);
        QColor c = plot::seriesColor(m);
        bars->setPen(QPen(c.darker(120), 1));
        c.setAlpha(200);
        bars->setBrush(c);
        auto* errors = new QCPErrorBars(mBars->xAxis, mBars->yAxis);
        errors->removeFromLegend();
        errors->setDataPlottable(bars);
        errors->setPen(QPen(palette().color(QPalette::WindowText), 1));
        errors->setWhiskerWidth(4);
        QVector<double> keys, values, err;
        for (int r = 0; r < n; ++r) {
            const lab::TrialStatistics& s = mRows[std::size_t(r)].*(kMetrics[m].field);
            keys << r + 1;
            values << (std::isfinite(s.mean) ? s.mean : 0.0);
            err << (std::isfinite(s.sd) ? s.sd : 0.0);
        }
        bars->setData(keys, values, true);
        errors->setData(err);
    }
    mBars->legend->setVisible(n > 0);
    mBars->xAxis->setRange(0.4, std::max(1, n) + 0.6);
    mBars->yAxis->setRange(0, 1.12);
    mBars->replot(QCustomPlot::rpQueuedReplot);
}

void CompareView::fillGalleries() {
    while (QLayoutItem* item = mGalleryLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    mGalleryCount = 0;
    std::vector<const lab::RunRecord*> shown;
    for (const auto& r : mRuns)
        if (r && r->filters && int(shown.size()) < kMaxGalleries) shown.push_back(r.get());
    if (shown.empty()) {
        auto* hint = new QLabel(tr("The filter galleries of the compared runs appear here, side by side."), mGalleryBox);
        hint->setAlignment(Qt::AlignCenter);
        hint->setEnabled(false);
        mGalleryLayout->addWidget(hint);
        return;
    }
    // Columns follow the width (Filters tab style), so wide windows show whole rows of logos.
    for (const lab::RunRecord* r : shown) {
        auto* box = new QWidget(mGalleryBox);
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(4, 0, 4, 0);
        auto* title = new QLabel(QStringLiteral("<b>#%1 %2</b><br><small>match any %3 \u00b7 match GT %4 \u00b7 "
                                                "coverage %5</small>")
                                     .arg(r->id)
                                     .arg(QString::fromStdString(r->label).toHtmlEscaped())
                                     .arg(statText(lab::trialStatistics({r->matchAny()})))
                                     .arg(statText(lab::trialStatistics({r->matchGroundTruth()})))
                                     .arg(statText(lab::trialStatistics({r->coverage()}))),
                                 box);
        if (mStatsHidden) title->setText(QStringLiteral("<b>#%1 %2</b>").arg(r->id).arg(QString::fromStdString(r->label).toHtmlEscaped()));
        v->addWidget(title);
        auto* grid = new RunFilterGrid(box);
        grid->setCellWidth(150);
        grid->setRunFilters(*r->filters);
        grid->setStatisticsHidden(mStatsHidden);
        v->addWidget(grid);
        v->addStretch(1);
        mGalleryLayout->addWidget(box, 1);
        ++mGalleryCount;
    }
    if (int(std::count_if(mRuns.begin(), mRuns.end(), [](const auto& r) { return r && r->filters; })) > kMaxGalleries) {
        auto* more = new QLabel(tr("(first %1 runs shown)").arg(kMaxGalleries), mGalleryBox);
        more->setEnabled(false);
        mGalleryLayout->addWidget(more, 0, Qt::AlignTop);
    }
}

void CompareView::setStatisticsHidden(bool hidden) {
    if (hidden == mStatsHidden) return;
    mStatsHidden = hidden;
    mTable->setVisible(!hidden);
    mBars->setVisible(!hidden);
    mHiddenNote->setVisible(hidden);
    fillGalleries();
}

}  // namespace motifloom::ui
