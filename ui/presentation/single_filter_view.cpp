#include "presentation/single_filter_view.h"

#include "filters/alignment_view.h"
#include "logo/logo_painter.h"
#include "logo/logo_pair.h"
#include "logo/logo_text.h"
#include "widgets/style_colours.h"

#include <QKeyEvent>
#include <QPainter>

#include <algorithm>

namespace motifloom::ui {

SingleFilterView::SingleFilterView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("singleFilterView"));
    setAutoFillBackground(true);
    setFocusPolicy(Qt::StrongFocus);
    mMatcher = new AlignmentView(this);
    mMatcher->hide();
    parent->installEventFilter(this);
    hide();
}

void SingleFilterView::showFilters(std::shared_ptr<const motif::MotifList> database, const QString& databaseLabel,
                                   const interpret::FilterPwmSet& pwms, int index,
                                   const std::vector<std::string>& truth, const std::vector<std::string>& truthNames,
                                   const QString& context) {
    mDatabase = database;
    mPwms = pwms;
    mQueries = interpret::comparisonMotifs(mPwms);
    mTruth = truth;
    mTruthNames = truthNames;
    mContext = context;
    mMatcher->setDatabase(std::move(database), truth, truthNames, databaseLabel);
    setGeometry(parentWidget()->rect());
    show();
    raise();
    setFocus(Qt::OtherFocusReason);
    mIndex = -1;
    setIndex(index);
}

void SingleFilterView::setIndex(int index) {
    if (mPwms.filters.empty()) return;
    index = std::clamp(index, 0, filterCount() - 1);
    mIndex = index;
    const interpret::FilterPwm& f = mPwms.filters[std::size_t(index)];
    const motif::Motif& query = mQueries[std::size_t(index)];
    const QString title = tr("filter %1").arg(index + 1);
    QString reason;
    if (!f.fires()) reason = tr("This filter never fires: no sequence activates it, so it has no motif.");
    else if (query.width() == 0) reason = tr("Uninformative: no column carries enough information to compare.");
    mMatcher->setFilter(query, title, reason);
    mTrueMotif = false;
    if (!reason.isEmpty()) {
        mCaption = reason;
    } else if (mMatcher->shownMatches().empty()) {
        mCaption = mMatcher->message().isEmpty() ? tr("No database motif to compare with.") : mMatcher->message();
    } else {
        const interpret::MotifHit& best = mMatcher->shownMatches().front();
        mTrueMotif = best.truth >= 0;
        mCaption = alignmentCaption(best);
        if (!mMatcher->isHit(best)) mCaption += tr(" \u2014 not a hit");
        else if (mTrueMotif) mCaption += tr(" \u2014 a true motif");
    }
    update();
}

QString SingleFilterView::heading() const {
    const QString n = tr("Filter %1 of %2").arg(mIndex + 1).arg(filterCount());
    return mContext.isEmpty() ? n : n + QStringLiteral("  \u00b7  ") + mContext;
}

void SingleFilterView::close() {
    hide();
    Q_EMIT closed();
}

bool SingleFilterView::event(QEvent* event) {
    // The window's shortcuts (Esc = Stop, arrows in tables) must not take the keys the view uses.
    if (event->type() == QEvent::ShortcutOverride) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Escape || key == Qt::Key_Left || key == Qt::Key_Right || key == Qt::Key_Up ||
            key == Qt::Key_Down || key == Qt::Key_Home || key == Qt::Key_End) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

bool SingleFilterView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible()) setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

void SingleFilterView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Escape: close(); break;
    case Qt::Key_Left:
    case Qt::Key_Up: setIndex(mIndex - 1); break;
    case Qt::Key_Right:
    case Qt::Key_Down: setIndex(mIndex + 1); break;
    case Qt::Key_Home: setIndex(0); break;
    case Qt::Key_End: setIndex(filterCount() - 1); break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

void SingleFilterView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF all = QRectF(rect()).adjusted(24, 16, -24, -12);
    const QColor ink = palette().color(QPalette::WindowText);
    QColor dim = ink;
    dim.setAlpha(170);

    // Heading, caption and hint in the window's (presentation-scaled) font.
    QFont head = font();
    head.setPointSizeF(font().pointSizeF() * 1.8);
    head.setBold(true);
    QFont body = font();
    body.setPointSizeF(font().pointSizeF() * 1.35);
    const double headH = QFontMetricsF(head).height() * 1.5, bodyH = QFontMetricsF(body).height() * 1.6;
    p.setFont(head);
    p.setPen(ink);
    p.drawText(QRectF(all.left(), all.top(), all.width(), headH), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(head).elidedText(heading(), Qt::ElideRight, all.width()));
    const QRectF hintBox(all.left(), all.bottom() - bodyH, all.width(), bodyH);
    p.setFont(font());
    p.setPen(dim);
    p.drawText(hintBox, Qt::AlignCenter,
               tr("\u2190 \u2192 previous / next filter    Home / End first / last    Esc back to the filters"));
    const QRectF captionBox(all.left(), hintBox.top() - bodyH, all.width(), bodyH);
    p.setFont(body);
    p.setPen(mTrueMotif ? style::colour(style::Role::TruthMatch) : ink);
    p.drawText(captionBox, Qt::AlignCenter, QFontMetricsF(body).elidedText(mCaption, Qt::ElideRight, all.width()));
    const QRectF figure(all.left(), all.top() + headH, all.width(), captionBox.top() - all.top() - headH);
    if (figure.height() < 20 || mPwms.filters.empty()) return;

    // The figure: the filter over its best match, or the filter's whole logo alone.
    LogoStyle style;
    style.smallSampleCorrection = mMatcher->smallSampleCorrection();
    const interpret::FilterPwm& f = mPwms.filters[std::size_t(mIndex)];
    const motif::Motif& query = mQueries[std::size_t(mIndex)];
    if (!mMatcher->shownMatches().empty() && mDatabase) {
        const interpret::MotifHit& best = mMatcher->shownMatches().front();
        const compare::TomtomHit& t = best.tomtom;
        const motif::Motif& target = (*mDatabase)[std::size_t(t.targetIndex)];
        // Keep the pair's natural proportions, centred: a stretched logo misleads.
        const QSizeF natural = preferredAlignedPairSize(query.width(), target.width(), t.offset, style);
        const double scale = std::min(figure.width() / natural.width(), figure.height() / natural.height());
        const QSizeF size = natural * scale;
        const QRectF box(figure.center().x() - size.width() / 2, figure.center().y() - size.height() / 2, size.width(),
                         size.height());
        QString targetLabel = QString::fromStdString(t.targetId);
        if (!best.targetName.empty() && best.targetName != t.targetId)
            targetLabel += QLatin1Char(' ') + QString::fromStdString(best.targetName);
        paintAlignedPair(p, box, query, target, t.offset, t.orientation == '-', tr("filter %1").arg(mIndex + 1),
                         targetLabel, style);
    } else {
        const QSizeF natural = preferredLogoSize(std::max(1, f.motif.width()), style);
        const double scale = std::min(figure.width() / natural.width(), figure.height() / natural.height());
        const QSizeF size = natural * scale;
        const QRectF box(figure.center().x() - size.width() / 2, figure.center().y() - size.height() / 2, size.width(),
                         size.height());
        if (f.motif.width() > 0) paintLogo(p, box, f.motif, style);
        else paintEmptyLogo(p, box, style);
    }
}

}  // namespace motifloom::ui
