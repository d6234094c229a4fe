#include "inspector/inspection_canvas.h"

#include "seqio/alphabet.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace motifloom::ui {

namespace {
constexpr double kMinColumn = 5, kMaxColumn = 16;
}

InspectionCanvas::InspectionCanvas(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    setPalette(pal);
}

void InspectionCanvas::setPicture(InspectionPicture picture) {
    const bool resized = picture.sequence.size() != mPicture.sequence.size() || picture.filters != mPicture.filters;
    const int cursor = mPicture.cursor;
    mPicture = std::move(picture);
    mPicture.cursor = cursor < int(mPicture.sequence.size()) ? cursor : -1;
    if (resized) updateGeometry();
    update();
}

void InspectionCanvas::setCursorPosition(int position) {
    mPicture.cursor = position >= 0 && position < int(mPicture.sequence.size()) ? position : -1;
    update();
}

double InspectionCanvas::column() const {
    const double length = std::max<double>(1, double(mPicture.sequence.size()));
    return std::clamp((width() - PictureLayout::kLeft - PictureLayout::kRight) / length, kMinColumn, kMaxColumn);
}

QSize InspectionCanvas::sizeHint() const {
    const PictureLayout layout(mPicture, 8, false);
    return layout.size().toSize();
}

QSize InspectionCanvas::minimumSizeHint() const {
    const PictureLayout layout(mPicture, kMinColumn, false);
    return layout.size().toSize();
}

void InspectionCanvas::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (mPicture.sequence.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Pick a sequence above (or type one) to see where the filters fire and which bases matter."));
        return;
    }
    PictureLayout(mPicture, column(), false).paint(painter, true);
}

QString InspectionCanvas::describe(const QPointF& point) const {
    const PictureLayout layout(mPicture, column(), false);
    const PictureHit hit = layout.hitTest(point);
    const auto& p = mPicture;
    if (hit.row == PictureRow::None) return {};
    if (hit.row == PictureRow::Activation && hit.position < 0)
        return hit.filter < int(p.rowLabels.size()) ? p.rowLabels[std::size_t(hit.filter)] + tr("<br>Click to mark where it fires.") : QString();
    if (hit.position < 0) return {};
    const int pos = hit.position;
    const QChar base = QChar(seqio::decodeBase(p.sequence[std::size_t(pos)]));
    QString text = tr("<b>position %1</b> \u00b7 %2").arg(pos).arg(base);
    if (pos < int(p.original.size()) && p.original[std::size_t(pos)] != p.sequence[std::size_t(pos)])
        text += tr(" (was %1)").arg(QChar(seqio::decodeBase(p.original[std::size_t(pos)])));
    for (const PlantedBox& b : p.boxes)
        if (pos >= b.begin && pos < b.end) text += tr("<br>in planted %1 (%2\u2013%3)").arg(b.label.toHtmlEscaped()).arg(b.begin).arg(b.end - 1);
    switch (hit.row) {
    case PictureRow::Saliency:
        if (pos < int(p.saliency.size())) text += tr("<br>saliency (%1): %2").arg(p.className.toHtmlEscaped()).arg(double(p.saliency[std::size_t(pos)]), 0, 'g', 3);
        break;
    case PictureRow::Ism:
        if (pos < int(p.ism.size())) text += tr("<br>ISM importance (%1): %2").arg(p.className.toHtmlEscaped()).arg(double(p.ism[std::size_t(pos)]), 0, 'g', 3);
        break;
    case PictureRow::IsmHeat:
        if (std::size_t(pos) * 4 + 3 < p.ismDelta.size()) {
            if (p.sequence[std::size_t(pos)] == std::uint8_t(1u << hit.base)) text += tr("<br>%1 is the observed base").arg(QChar("ACGT"[hit.base]));
            else
                text += tr("<br>%1\u2192%2: \u0394 logit %3 = %4<br>Click to make this substitution.")
                            .arg(base)
                            .arg(QChar("ACGT"[hit.base]))
                            .arg(p.className.toHtmlEscaped())
                            .arg(double(p.ismDelta[std::size_t(pos) * 4 + std::size_t(hit.base)]), 0, 'g', 3);
        }
        break;
    case PictureRow::Activation: {
        text = hit.filter < int(p.rowLabels.size()) ? QStringLiteral("<b>%1</b>").arg(p.rowLabels[std::size_t(hit.filter)].toHtmlEscaped()) : QString();
        // The activation position whose window centre is this column.
        const int a = pos - p.windowOffset - (p.receptiveField - 1) / 2;
        if (a >= 0 && a < p.positions) {
            text += tr("<br>at position %1: activation %2").arg(pos).arg(double(p.activation(a, hit.filter)), 0, 'g', 3);
            if (hit.filter == p.markedFilter && std::isfinite(p.markedThreshold))
                text += tr(" (fires above %1)").arg(p.markedThreshold, 0, 'g', 3);
        }
        text += tr("<br>Click to mark where it fires.");
        break;
    }
    default:
        text += tr("<br>Click to substitute; or type A, C, G, T over the sequence.");
    }
    return text;
}

QPointF InspectionCanvas::cellCentre(PictureRow row, int position, int baseOrFilter) const {
    const PictureLayout layout(mPicture, column(), false);
    const double x = layout.x(position + 0.5);
    for (double y = 0; y < height(); y += 1) {
        const PictureHit hit = layout.hitTest(QPointF(x, y));
        if (hit.row != row) continue;
        if (row == PictureRow::IsmHeat && hit.base != baseOrFilter) continue;
        if (row == PictureRow::Activation && hit.filter != baseOrFilter) continue;
        return {x, y + 2};
    }
    return {-1, -1};
}

bool InspectionCanvas::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = describe(help->pos());
        if (text.isEmpty()) QToolTip::hideText();
        else QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void InspectionCanvas::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || mPicture.sequence.empty()) return QWidget::mousePressEvent(event);
    const PictureHit hit = PictureLayout(mPicture, column(), false).hitTest(event->position());
    switch (hit.row) {
    case PictureRow::Activation:
        if (hit.filter >= 0) emit filterClicked(hit.filter);
        break;
    case PictureRow::IsmHeat:
        if (hit.position >= 0) {
            setCursorPosition(hit.position);
            if (mPicture.sequence[std::size_t(hit.position)] != std::uint8_t(1u << hit.base)) emit substitutionClicked(hit.position, hit.base);
        }
        break;
    case PictureRow::Sequence:
    case PictureRow::Saliency:
    case PictureRow::Ism:
        if (hit.position >= 0) {
            setCursorPosition(hit.position);
            emit baseClicked(hit.position, event->globalPosition().toPoint());
        }
        break;
    default:
        break;
    }
}

void InspectionCanvas::keyPressEvent(QKeyEvent* event) {
    const int length = int(mPicture.sequence.size());
    if (length == 0 || mPicture.cursor < 0) return QWidget::keyPressEvent(event);
    if (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right) {
        setCursorPosition(std::clamp(mPicture.cursor + (event->key() == Qt::Key_Left ? -1 : 1), 0, length - 1));
        return;
    }
    const QString text = event->text().toUpper();
    if (text.size() == 1 && QStringLiteral("ACGTN").contains(text[0]) && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
        const int position = mPicture.cursor;
        setCursorPosition(std::min(length - 1, position + 1));
        emit baseTyped(position, seqio::encodeBase(char(text[0].unicode())));
        return;
    }
    QWidget::keyPressEvent(event);
}

}  // namespace motifloom::ui
