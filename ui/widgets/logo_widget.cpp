#include "widgets/logo_widget.h"

#include "logo/logo_layout.h"
#include "logo/logo_painter.h"
#include "logo/logo_text.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace motifloom::ui {

LogoWidget::LogoWidget(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setMouseTracking(false);
}

void LogoWidget::setMotif(const motif::Motif& motif) {
    mMotif = motif;
    mNeverFires = false;
    updateGeometry();
    update();
}

void LogoWidget::setNeverFires() {
    mMotif = motif::Motif{};
    mNeverFires = true;
    updateGeometry();
    update();
}

void LogoWidget::setLogoStyle(const LogoStyle& style) {
    mStyle = style;
    updateGeometry();
    update();
}

void LogoWidget::setHighlighted(bool on) {
    if (mHighlighted == on) return;
    mHighlighted = on;
    update();
}

bool LogoWidget::showsPlaceholder() const { return mNeverFires || isEmptyMotif(mMotif); }

QSize LogoWidget::sizeHint() const {
    return preferredLogoSize(showsPlaceholder() ? 8 : mMotif.width(), mStyle).toSize();
}

QSize LogoWidget::minimumSizeHint() const {
    return (preferredLogoSize(showsPlaceholder() ? 8 : mMotif.width(), mStyle) * 0.4).toSize();
}

int LogoWidget::columnAt(const QPointF& pos) const {
    if (showsPlaceholder()) return -1;
    const LogoGeometry g = logoGeometry(QRectF(rect()), mMotif, mStyle);
    if (!g.plot.contains(pos)) return -1;
    const int column = int(std::floor((pos.x() - g.plot.left()) / g.slotWidth() - g.firstSlot));
    return column >= 0 && column < mMotif.width() ? column : -1;
}

void LogoWidget::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (mHighlighted) painter.fillRect(rect(), kLogoHighlightFill);
    if (showsPlaceholder())
        paintEmptyLogo(painter, QRectF(rect()), mStyle);
    else
        paintLogo(painter, QRectF(rect()), mMotif, mStyle);
}

bool LogoWidget::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip) return QWidget::event(event);
    auto* help = static_cast<QHelpEvent*>(event);
    const int column = columnAt(help->pos());
    if (column < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    const motif::Motif shown = displayedMotif(mMotif, mStyle);
    QString text = tr("position %1").arg(column + 1);
    const char letters[] = "ACGT";
    for (int b = 0; b < 4; ++b)
        text += QStringLiteral("\n%1  %2").arg(QChar::fromLatin1(letters[b])).arg(shown.probs(b, column), 0, 'f', 3);
    QToolTip::showText(help->globalPos(), text, this);
    return true;
}

void LogoWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint())) Q_EMIT clicked();
    QWidget::mouseReleaseEvent(event);
}

}  // namespace motifloom::ui
