#include "filters/match_scoreboard.h"

#include "widgets/plot_style.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace motifloom::ui {
namespace {

// Series colours, also the swatches in front of the values.
QColor truthColor() { return plot::seriesColor(2); }     // green
QColor anyColor() { return plot::seriesColor(0); }       // blue
QColor coverageColor() { return plot::seriesColor(1); }  // orange

QString percent(double fraction) {
    return std::isfinite(fraction) ? QStringLiteral("%1%").arg(std::lround(100.0 * fraction)) : QStringLiteral("\u2014");
}

struct Row {
    QColor color;
    QString name;
    QString counts;
    QString value;
};

}  // namespace

MatchScoreboard::MatchScoreboard(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    mValues = new QLabel(this);
    mValues->setTextFormat(Qt::RichText);
    mValues->setWordWrap(true);
    mValues->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    mValues->setToolTip(
        tr("<p>The paper's statistics of the first-layer filters (Koo &amp; Eddy 2019). Each filter's logo is "
           "compared with every motif of the database by Tomtom; a <i>hit</i> is a database motif with "
           "E-value &lt; 0.1.</p>"
           "<p><b>Match ground truth</b>: share of filters with a hit that is one of the motifs planted in the "
           "data (the truth).<br><b>Match any</b>: share of filters with any hit.<br><b>Coverage</b>: share "
           "of the true motifs found by at least one filter.</p>"
           "<p>A model that learns whole motifs in its first layer scores high on all three; a high match any "
           "with a low match ground truth means the filters look like <i>something</i> in the database "
           "without being the motifs that matter.</p>"));
    layout->addWidget(mValues);
    mHiddenNote = new QLabel(tr("<b>Match statistics hidden.</b> Predict first: how many filters will match a "
                                "planted motif? The teacher reveals them."), this);
    mHiddenNote->setWordWrap(true);
    mHiddenNote->setTextFormat(Qt::RichText);
    mHiddenNote->setObjectName(QStringLiteral("statisticsHiddenNote"));
    mHiddenNote->hide();
    layout->addWidget(mHiddenNote);

    mPlot = new QCustomPlot(this);
    plot::setupPlot(mPlot, tr("epoch"), tr("fraction"));
    mTruthGraph = plot::addLine(mPlot, tr("match ground truth"), truthColor(), 2.0, true);
    mAnyGraph = plot::addLine(mPlot, tr("match any"), anyColor(), 2.0, true);
    mCoverageGraph = plot::addLine(mPlot, tr("coverage"), coverageColor(), 2.0, true);
    plot::useIntegerTicks(mPlot->xAxis);
    mPlot->yAxis->setRange(0, 1.04);
    mPlot->xAxis->setRange(0.5, 1.5);
    mPlot->setMinimumSize(160, 120);
    mPlot->setToolTip(tr("Match ground truth (green), match any (blue) and coverage (orange) of the filters "
                         "after each epoch, on the validation set.\n") +
                      mPlot->toolTip());
    layout->addWidget(mPlot, 1);

    auto* help = new QLabel(this);
    help->setWordWrap(true);
    help->setTextFormat(Qt::RichText);
    QPalette dim = help->palette();
    QColor text = dim.color(QPalette::WindowText);
    text.setAlpha(170);
    dim.setColor(QPalette::WindowText, text);
    help->setPalette(dim);
    help->setText(tr("<small>A filter <i>matches</i> a database motif when Tomtom gives E &lt; 0.1. "
                     "<b>Match ground truth</b>: filters matching a motif planted in the data (framed in "
                     "yellow). <b>Match any</b>: filters matching any database motif. <b>Coverage</b>: planted "
                     "motifs found by at least one filter. Click a filter to see it aligned with its best matches.</small>"));
    layout->addWidget(help);

    mReplotTimer = new QTimer(this);
    mReplotTimer->setSingleShot(true);
    mReplotTimer->setInterval(kReplotMs);
    connect(mReplotTimer, &QTimer::timeout, this, &MatchScoreboard::replotNow);
    clear();
}

void MatchScoreboard::addPoint(int epoch, const interpret::MatchSummary& summary) {
    addPoint(lab::matchPointOf(epoch, summary));
    noteLowInformation(summary);
}

void MatchScoreboard::addPoint(const lab::MatchPoint& point) {
    // A point not after the last one starts over from its epoch (a new run).
    while (!mHistory.empty() && mHistory.back().epoch >= point.epoch) mHistory.pop_back();
    mHistory.push_back(point);
    showCurrent(point, tr("After epoch %1").arg(point.epoch));
    scheduleReplot();
}

void MatchScoreboard::setHistory(std::vector<lab::MatchPoint> history) {
    std::stable_sort(history.begin(), history.end(),
                     [](const lab::MatchPoint& a, const lab::MatchPoint& b) { return a.epoch < b.epoch; });
    mHistory = std::move(history);
    if (mHistory.empty()) showNote(tr("No match statistics were recorded during training."));
    else showCurrent(mHistory.back(), tr("After epoch %1").arg(mHistory.back().epoch));
    scheduleReplot();
}

void MatchScoreboard::showSummary(const interpret::MatchSummary& summary, const QString& what) {
    showCurrent(lab::matchPointOf(0, summary), what);
    noteLowInformation(summary);
}

void MatchScoreboard::noteLowInformation(const interpret::MatchSummary& s) {
    if (s.filtersOnlyLowInformation <= 0) return;
    const QString line = s.lowInformationExcluded
                             ? tr("\u2248 %n filter(s) matched only low-information motifs: left out", nullptr,
                                  s.filtersOnlyLowInformation)
                             : tr("\u2248 %n of these match only low-information motifs", nullptr,
                                  s.filtersOnlyLowInformation);
    mValues->setText(mValues->text() + QStringLiteral("<span style='color:%1'>%2</span>")
                                           .arg(plot::seriesColor(3).name(), line.toHtmlEscaped()));
    mValuesPlain += QLatin1Char('\n') + line;
}

void MatchScoreboard::fitWidthToTable() {
    // The table's rows never wrap: the panel is at least as wide as they are in the current
    // font (presentation mode enlarges it), and the splitter beside it gives way.
    if (mTableHtml.isEmpty()) {
        mValues->setMinimumWidth(0);
        return;
    }
    // The board's font, not the label's: an application font change (presentation mode)
    // reaches the widgets in no fixed order, and the label inherits the board's font.
    QTextDocument doc;
    doc.setDefaultFont(font());
    doc.setHtml(mTableHtml);
    mValues->setMinimumWidth(int(std::ceil(doc.idealWidth())) + 2);
}

QSize MatchScoreboard::minimumSizeHint() const {
    const QSize hint = QWidget::minimumSizeHint();
    return {std::max(hint.width(), 250), hint.height()};
}

void MatchScoreboard::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) fitWidthToTable();
}

void MatchScoreboard::showNote(const QString& text) {
    mTableHtml.clear();
    fitWidthToTable();
    mValuesPlain = text;
    mValues->setText(QStringLiteral("<span>%1</span>").arg(text.toHtmlEscaped()));
}

void MatchScoreboard::clear() {
    mHistory.clear();
    showNote(tr("Match statistics appear when the filters have been compared with the motif database."));
    scheduleReplot();
}

QString MatchScoreboard::valuesText() const { return mValuesPlain; }

void MatchScoreboard::showCurrent(const lab::MatchPoint& p, const QString& what) {
    const bool truth = p.truthCount > 0;
    const std::vector<Row> rows = {
        {truthColor(), tr("Match ground truth"),
         truth ? tr("%1/%2 filters").arg(p.filtersWithTruth).arg(p.filters) : tr("no ground truth"),
         percent(p.matchGroundTruth)},
        {anyColor(), tr("Match any"), tr("%1/%2 filters").arg(p.filtersWithHit).arg(p.filters), percent(p.matchAny)},
        {coverageColor(), tr("Coverage"),
         truth ? tr("%1/%2 true motifs").arg(p.truthCovered).arg(p.truthCount) : tr("no ground truth"),
         percent(p.coverage)},
    };
    QString html = QStringLiteral("<b>%1</b><table cellspacing='0' cellpadding='1'>").arg(what.toHtmlEscaped());
    QStringList plain;
    for (const Row& r : rows) {
        html += QStringLiteral("<tr><td style='white-space:nowrap'><span style='color:%1'>\u25a0</span>&nbsp;%2&nbsp;&nbsp;</td>"
                               "<td align='right'><b>%3</b>&nbsp;&nbsp;</td><td style='white-space:nowrap'>%4</td></tr>")
                    .arg(r.color.name(), r.name.toHtmlEscaped(), r.value.toHtmlEscaped(), r.counts.toHtmlEscaped());
        plain << QStringLiteral("%1: %2 (%3)").arg(r.name, r.counts, r.value);
    }
    html += QStringLiteral("</table>");
    mTableHtml = html;
    fitWidthToTable();
    mValues->setText(html);
    mValuesPlain = what + QLatin1Char('\n') + plain.join(QLatin1Char('\n'));
}

void MatchScoreboard::scheduleReplot() {
    // The timer starts after the previous replot, so two replots are >= kReplotMs apart.
    if (!mReplotTimer->isActive()) mReplotTimer->start();
}

void MatchScoreboard::replotNow() {
    QVector<double> x, truth, any, coverage, xTruth, xCoverage;
    for (const lab::MatchPoint& p : mHistory) {
        if (std::isfinite(p.matchAny)) {
            x << p.epoch;
            any << p.matchAny;
        }
        if (std::isfinite(p.matchGroundTruth)) {
            xTruth << p.epoch;
            truth << p.matchGroundTruth;
        }
        if (std::isfinite(p.coverage)) {
            xCoverage << p.epoch;
            coverage << p.coverage;
        }
    }
    mAnyGraph->setData(x, any, true);
    mTruthGraph->setData(xTruth, truth, true);
    mCoverageGraph->setData(xCoverage, coverage, true);
    const double last = mHistory.empty() ? 1.0 : double(mHistory.back().epoch);
    const double first = mHistory.empty() ? 1.0 : double(mHistory.front().epoch);
    mPlot->xAxis->setRange(first - 0.5, std::max(first + 0.5, last + 0.5));
    mPlot->yAxis->setRange(0, 1.04);
    mPlot->replot(QCustomPlot::rpQueuedReplot);
    ++mReplots;
}

void MatchScoreboard::setStatisticsHidden(bool hidden) {
    mHidden = hidden;
    mValues->setVisible(!hidden);
    mPlot->setVisible(!hidden);
    mHiddenNote->setVisible(hidden);
}

}  // namespace motifloom::ui
