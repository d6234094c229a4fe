#include "filters/run_filter_grid.h"

#include "lab/run_record.h"
#include "training/training_types.h"
#include "logo/logo_painter.h"

#include <QAbstractScrollArea>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QResizeEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace motifloom::ui {
namespace {

QString evalueText(double e) { return QString::number(e, 'g', 2); }

// Height of the grid without cells (a message): two one-line headlines' worth.
int emptyHeight(const QWidget* w) { return int(std::ceil(w->fontMetrics().height() * 3.4)); }

QFont boldOf(const QFont& f) {
    QFont bold = f;
    bold.setBold(true);
    return bold;
}

}  // namespace

double RunFilterGrid::headlineHeight(double width) const {
    // The bold headline wraps at its separators when the grid is narrow, rather than being cut.
    const double line = fontMetrics().height();
    const QRectF text = QFontMetricsF(boldOf(font()))
                            .boundingRect(QRectF(0, 0, std::max(1.0, width - 8), 1e6), Qt::TextWordWrap, headline());
    return std::ceil(std::max(line, text.height()) + 0.7 * line);
}

RunFilterGrid::RunFilterGrid(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    QSizePolicy sp(QSizePolicy::Preferred, QSizePolicy::Preferred);
    sp.setHeightForWidth(true);
    setSizePolicy(sp);
    showMessage(tr("No filters yet."));
}

void RunFilterGrid::setSnapshot(const FilterSnapshot& s) {
    QString head = s.final ? tr("Final filters (epoch %1 weights, %2 set)").arg(s.epoch).arg(QString::fromStdString(s.dataPart))
                           : tr("After epoch %1 (%2 set)").arg(s.epoch).arg(QString::fromStdString(s.dataPart));
    setCells(s.pwms, s.matched, s.matches, s.truthNames, head);
    if (!s.matched && !s.matchNote.empty()) mHeadline += QStringLiteral(" \u00b7 ") + QString::fromStdString(s.matchNote);
    mCacheDirty = true;
    updateGeometry();  // a longer headline may take another line
    update();
}

void RunFilterGrid::setRunFilters(const lab::RunFilters& f) {
    setCells(f.pwms, f.matched, f.matches, f.truthNames, tr("Filters (%1 set)").arg(QString::fromStdString(f.dataPart)));
}

QFont RunFilterGrid::captionFont() const {
    // The widget's font (scaled with the application's, e.g. in presentation mode), never
    // below 9 pt: captions stay readable however small the logos get.
    QFont f = font();
    f.setPointSizeF(std::max(kMinCaptionPointSize, f.pointSizeF()));
    return f;
}

LogoStyle RunFilterGrid::logoStyle() const {
    LogoStyle s;
    s.kind = mKind;
    s.showAxes = false;
    s.captionPixelSize = captionFont().pointSizeF() * logicalDpiY() / 72.0;
    s.titlePixelSize = s.captionPixelSize;  // "filter 7" as legible as its caption, scaled alike
    if (!mDisplay.empty() && !mDisplayEmptyLabel.isEmpty()) s.emptyLabel = mDisplayEmptyLabel;
    return s;
}

void RunFilterGrid::setLogoKind(LogoKind kind) {
    if (kind == mKind) return;
    mKind = kind;
    mCacheDirty = true;
    updateGeometry();
    update();
}

void RunFilterGrid::setDisplayMotifs(motif::MotifList motifs, const QString& emptyLabel, const QString& note) {
    mDisplay = std::move(motifs);
    mDisplayEmptyLabel = emptyLabel;
    mDisplayNote = note;
    applyDisplay();
}

void RunFilterGrid::applyDisplay() {
    mCells = mBaseCells;
    mTips = mBaseTips;
    for (std::size_t i = 0; i < mCells.size() && i < mDisplay.size(); ++i) {
        LogoCell& cell = mCells[i];
        cell.motif = mDisplay[i];
        cell.neverFires = mDisplay[i].width() == 0;
        if (mSilent[i] && cell.caption.isEmpty()) cell.caption = tr("never fires");
        if (!mDisplayNote.isEmpty()) mTips[i] += QStringLiteral("<br><i>") + mDisplayNote.toHtmlEscaped() + QStringLiteral("</i>");
    }
    if (mStatsHidden) {
        for (std::size_t i = 0; i < mCells.size(); ++i) {
            mCells[i].caption = QStringLiteral("?");
            mCells[i].highlight = false;
            mTips[i] = tr("<b>Filter %1</b><br>Its matches are hidden until the teacher reveals them.").arg(i + 1);
        }
    }
    mCacheDirty = true;
    updateGeometry();
    update();
}

QString RunFilterGrid::toolTipOf(int index) const {
    return index >= 0 && index < int(mTips.size()) ? mTips[std::size_t(index)] : QString();
}

QRectF RunFilterGrid::cellRect(int index) const {
    if (index < 0 || index >= int(mCells.size())) return {};
    const int columns = columnsFor(width());
    const double cellW = double(width()) / columns, cellH = cellHeight(cellW);
    return {(index % columns) * cellW, headlineHeight(width()) + (index / columns) * cellH, cellW, cellH};
}

void RunFilterGrid::showMessage(const QString& text) {
    mCells.clear();
    mTips.clear();
    mBaseCells.clear();
    mBaseTips.clear();
    mSilent.clear();
    mDisplay.clear();
    mHeadline.clear();
    mPlainHeadline.clear();
    mMessage = text;
    mCacheDirty = true;
    updateGeometry();
    update();
}

void RunFilterGrid::setStatisticsHidden(bool hidden) {
    if (hidden == mStatsHidden) return;
    mStatsHidden = hidden;
    applyDisplay();
}

void RunFilterGrid::setColumns(int columns) {
    mColumns = std::max(0, columns);
    mCacheDirty = true;
    updateGeometry();
    update();
}

void RunFilterGrid::setCellWidth(int px) {
    mCellWidth = std::max(40, px);
    mCacheDirty = true;
    updateGeometry();
    update();
}

void RunFilterGrid::setCells(const interpret::FilterPwmSet& pwms, bool matched,
                             const std::vector<interpret::FilterMatches>& allMatches,
                             const std::vector<std::string>& truthNames, const QString& headline) {
    const std::vector<interpret::FilterMatches> matches =
        mLeaveOutLowInformation ? interpret::leaveOutLowInformation(allMatches) : allMatches;
    mLowInformation = 0;
    mBaseCells.clear();
    mBaseTips.clear();
    mSilent.clear();
    mDisplay.clear();
    mMessage.clear();
    int withHit = 0, withTruth = 0, silent = 0;
    for (std::size_t i = 0; i < pwms.filters.size(); ++i) {
        const interpret::FilterPwm& p = pwms.filters[i];
        LogoCell cell;
        cell.motif = p.motif;
        cell.neverFires = !p.fires();
        cell.title = tr("filter %1").arg(i + 1);
        QString tip = tr("<b>Filter %1</b><br>").arg(i + 1);
        if (cell.neverFires) {
            ++silent;
            tip += tr("Never fires: no activation above zero on these sequences.");
        } else {
            tip += tr("%1 sites above half of its maximum activation (%2)")
                       .arg(p.sites)
                       .arg(p.maxActivation, 0, 'g', 3);
        }
        if (matched && i < matches.size()) {
            const interpret::FilterMatches& m = matches[i];
            if (m.status == interpret::FilterStatus::Uninformative) {
                cell.caption = tr("uninformative");
                tip += tr("<br>No column above 0.5 bits: nothing to compare.");
            } else if (m.anyHit()) {
                ++withHit;
                const interpret::MotifHit* best = m.bestTruthHit();
                if (best) ++withTruth;
                const interpret::MotifHit& shown = best ? *best : m.hits.front();
                const bool lowInfo = m.onlyLowInformation();
                mLowInformation += lowInfo;
                cell.caption = QStringLiteral("%1%2  E=%3")
                                   .arg(lowInfo ? QStringLiteral("\u2248 ") : QString())
                                   .arg(QString::fromStdString(shown.targetName.empty() ? shown.tomtom.targetId
                                                                                        : shown.targetName))
                                   .arg(evalueText(shown.tomtom.eValue));
                cell.highlight = best != nullptr;
                tip += tr("<br>Matches (Tomtom, E &lt; 0.1):");
                for (std::size_t h = 0; h < std::min<std::size_t>(5, m.hits.size()); ++h) {
                    const auto& hit = m.hits[h];
                    tip += QStringLiteral("<br>&nbsp;&nbsp;%1 %2 &nbsp;E = %3%4")
                               .arg(QString::fromStdString(hit.tomtom.targetId),
                                    QString::fromStdString(hit.targetName), evalueText(hit.tomtom.eValue),
                                    hit.truth >= 0 ? tr(" <b>(true motif)</b>") : QString());
                }
                if (m.hits.size() > 5) tip += tr("<br>&nbsp;&nbsp;... %1 more").arg(m.hits.size() - 5);
                if (lowInfo)
                    tip += tr("<br><b>\u2248 Low-information match</b>: the aligned part of every matching database "
                              "motif carries under %1 bits per column (nearly flat, like Pax4 MA0068.1). Such "
                              "hits reach E &lt; 0.1 by laying many flat columns side by side, not by a shared "
                              "sequence preference. \u201cWithout low-info\u201d leaves them out.")
                               .arg(interpret::LowInformationOptions{}.minTargetBitsPerColumn);
            } else if (m.status == interpret::FilterStatus::Compared) {
                cell.caption = tr("no match");
                if (m.excludedLowInformation > 0) {
                    ++mLowInformation;
                    cell.caption = tr("\u2248 left out");
                    tip += tr("<br>\u2248 %n low-information hit(s) left out (nearly flat database motifs).", nullptr,
                              m.excludedLowInformation);
                }
                if (m.best)
                    tip += tr("<br>No database motif with E &lt; 0.1 (closest: %1 %2, E = %3)")
                               .arg(QString::fromStdString(m.best->tomtom.targetId),
                                    QString::fromStdString(m.best->targetName), evalueText(m.best->tomtom.eValue));
            }
        }
        mSilent.push_back(cell.neverFires);
        mBaseCells.push_back(std::move(cell));
        mBaseTips.push_back(tip);
    }
    mHeadline = headline + QStringLiteral(" \u00b7 ") + (mBaseCells.size() == 1 ? tr("1 filter") : tr("%1 filters").arg(mBaseCells.size()));
    mPlainHeadline = mHeadline;
    if (matched) {
        mHeadline += QStringLiteral(" \u00b7 ") + tr("%1 match a database motif").arg(withHit);
        if (!truthNames.empty()) mHeadline += QStringLiteral(" \u00b7 ") + tr("%1 a true motif").arg(withTruth);
        else mHeadline += QStringLiteral(" \u00b7 ") + tr("no ground truth");
        if (mLowInformation > 0)
            mHeadline += QStringLiteral(" \u00b7 ") + (mLeaveOutLowInformation
                                                          ? tr("\u2248 %1 low-information left out").arg(mLowInformation)
                                                          : tr("\u2248 %1 only low-information").arg(mLowInformation));
    }
    if (silent > 0) mHeadline += QStringLiteral(" \u00b7 ") + tr("%1 never fire").arg(silent);
    applyDisplay();
}

void RunFilterGrid::setFitHeight(int h) {
    if (h == mFitHeight) return;
    mFitHeight = std::max(0, h);
    mCacheDirty = true;
    updateGeometry();
    update();
}

void RunFilterGrid::fitToViewport(QAbstractScrollArea* area) {
    mViewport = area->viewport();
    mViewport->installEventFilter(this);
    setFitHeight(mViewport->height());
}

bool RunFilterGrid::eventFilter(QObject* watched, QEvent* event) {
    if (watched == mViewport && event->type() == QEvent::Resize)
        setFitHeight(static_cast<QResizeEvent*>(event)->size().height());
    return QWidget::eventFilter(watched, event);
}

int RunFilterGrid::columnsFor(int width) const {
    if (mCells.empty()) return 1;
    const int n = int(mCells.size());
    if (mColumns > 0) return std::clamp(mColumns, 1, n);
    const int byWidth = std::clamp(width / std::max(40, mCellWidth), 1, n);
    if (mFitHeight <= 0) return byWidth;
    // Fewest columns (largest logos) whose grid fits the height; never smaller cells than by width.
    const double head = headlineHeight(width);
    for (int c = std::max(1, width / kMaxCellWidth); c <= byWidth; ++c) {
        const int rows = (n + c - 1) / c;
        if (head + rows * cellHeight(double(width) / c) <= mFitHeight) return c;
    }
    return byWidth;
}

double RunFilterGrid::cellHeight(double cellWidth) const {
    if (mCells.empty()) return 0.6 * cellWidth;
    // One cell at its natural proportions; the fixed-size title and caption lines do not scale.
    LogoCell cell = mCells.front();
    if (std::any_of(mCells.begin(), mCells.end(), [](const LogoCell& c) { return !c.caption.isEmpty(); }))
        cell.caption = QStringLiteral(" ");
    if (std::any_of(mCells.begin(), mCells.end(), [](const LogoCell& c) { return !c.title.isEmpty(); }))
        cell.title = QStringLiteral(" ");
    const LogoStyle style = logoStyle();
    LogoStyle captioned = style;
    captioned.caption = cell.caption;
    captioned.title = cell.title;
    const double fixed = logoFixedTextHeight(captioned);
    const QSizeF s = preferredLogoGridSize({cell}, 1, style);
    const double aspect = s.width() > 0 ? (s.height() - fixed) / s.width() : 0.6;
    return cellWidth * aspect + fixed;
}

double RunFilterGrid::cellsHeight(double width, int columns) const {
    if (mCells.empty() || columns < 1) return 0;
    const int rows = (int(mCells.size()) + columns - 1) / columns;
    return rows * cellHeight(width / columns);
}

int RunFilterGrid::heightForWidth(int width) const {
    if (mCells.empty()) return emptyHeight(this);
    const int columns = columnsFor(width);
    const int rows = (int(mCells.size()) + columns - 1) / columns;
    const double cell = double(width) / columns;
    return int(std::ceil(headlineHeight(width) + rows * cellHeight(cell)));
}

QSize RunFilterGrid::sizeHint() const {
    const int w = mColumns > 0 ? mColumns * mCellWidth : 6 * mCellWidth;
    return {w, heightForWidth(w)};
}

QSize RunFilterGrid::minimumSizeHint() const { return {2 * 40, emptyHeight(this)}; }

void RunFilterGrid::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    updateGeometry();
}

void RunFilterGrid::paintEvent(QPaintEvent*) {
    // 30 vector logos take ~10 ms to draw: draw them once per content / size / pixel ratio
    // into a cached pixmap, and blit it for every other repaint (scrolling, tooltips, exposes).
    const qreal dpr = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * dpr).toSize();
    if (mCache.size() != pixels || mCache.devicePixelRatioF() != dpr || mCacheDirty) {
        mCache = QPixmap(pixels);
        mCache.setDevicePixelRatio(dpr);
        mCache.fill(Qt::transparent);
        QPainter cp(&mCache);
        paintContent(cp);
        mCacheDirty = false;
    }
    QPainter p(this);
    p.drawPixmap(0, 0, mCache);
}

void RunFilterGrid::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) mCacheDirty = true;
    QWidget::changeEvent(event);
}

void RunFilterGrid::paintContent(QPainter& p) const {
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF all = rect();
    const double head = headlineHeight(all.width());
    p.setPen(palette().color(QPalette::WindowText));
    if (!mMessage.isEmpty() || mCells.empty()) {
        QColor dim = palette().color(QPalette::WindowText);
        dim.setAlpha(150);
        p.setPen(dim);
        p.drawText(all.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, mMessage);
        return;
    }
    p.setFont(boldOf(font()));
    p.drawText(QRectF(4, 0, all.width() - 8, head), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, headline());
    p.setFont(font());
    const int columns = columnsFor(width());
    const int rows = (int(mCells.size()) + columns - 1) / columns;
    const double cell = all.width() / columns;
    const QRectF grid(0, head, all.width(), std::min(all.height() - head, rows * cellHeight(cell)));
    paintLogoGrid(p, grid, mCells, columns, logoStyle());
}

int RunFilterGrid::cellAt(const QPoint& pos) const {
    if (mCells.empty()) return -1;
    const double head = headlineHeight(width());
    const int columns = columnsFor(width());
    const int rows = (int(mCells.size()) + columns - 1) / columns;
    const double cellW = double(width()) / columns, cellH = cellHeight(cellW);
    if (pos.y() < head || cellH <= 0) return -1;
    const int col = int(pos.x() / cellW), row = int((pos.y() - head) / cellH);
    if (col < 0 || col >= columns || row < 0 || row >= rows) return -1;
    const int index = row * columns + col;
    return index < int(mCells.size()) ? index : -1;
}

bool RunFilterGrid::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int i = cellAt(help->pos());
        if (i >= 0) QToolTip::showText(help->globalPos(), mTips[std::size_t(i)], this);
        else QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void RunFilterGrid::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        const int i = cellAt(event->position().toPoint());
        if (i >= 0) Q_EMIT filterClicked(i);
    }
    QWidget::mouseReleaseEvent(event);
}

}  // namespace motifloom::ui
