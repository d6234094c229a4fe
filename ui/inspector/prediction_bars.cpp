#include "inspector/prediction_bars.h"

#include "logo/logo_text.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace motifloom::ui {

namespace {
constexpr int kNameWidth = 96, kValueWidth = 44, kTagWidth = 34;
}

PredictionBars::PredictionBars(QWidget* parent) : QWidget(parent) {
    setToolTip(tr("Predicted probability of each class. Bold names with a \u201ctrue\u201d tag are the sequence's labels; "
                  "a grey tick shows the probability before your mutations. Click a class to attribute it."));
}

void PredictionBars::setPredictions(std::vector<QString> classNames, std::vector<float> probabilities, std::vector<float> reference,
                                    std::vector<bool> truth) {
    const bool resized = classNames.size() != mNames.size();
    mNames = std::move(classNames);
    mProbabilities = std::move(probabilities);
    mReference = std::move(reference);
    mTruth = std::move(truth);
    if (resized) updateGeometry();
    update();
}

void PredictionBars::setChosenClass(int index) {
    mChosen = index;
    update();
}

int PredictionBars::rowHeight() const { return fontMetrics().height() + 6; }

QSize PredictionBars::sizeHint() const { return {320, std::max(1, int(mNames.size())) * rowHeight() + 8}; }
QSize PredictionBars::minimumSizeHint() const { return {220, std::max(1, int(mNames.size())) * rowHeight() + 8}; }

void PredictionBars::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const int rh = rowHeight();
    const int barLeft = kNameWidth + kTagWidth, barWidth = std::max(40, width() - barLeft - kValueWidth - 6);
    QFont normal = font(), bold = font();
    bold.setBold(true);
    for (std::size_t c = 0; c < mNames.size(); ++c) {
        const int y = 4 + int(c) * rh;
        const bool truth = c < mTruth.size() && mTruth[c];
        if (int(c) == mChosen) painter.fillRect(QRect(0, y, width(), rh), kLogoHighlightFill);
        painter.setFont(truth ? bold : normal);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(4, y, kNameWidth - 6, rh), Qt::AlignVCenter | Qt::AlignLeft,
                         painter.fontMetrics().elidedText(mNames[c], Qt::ElideRight, kNameWidth - 6));
        if (truth) {
            painter.setFont(normal);
            painter.setPen(QColor(0x1a, 0x7f, 0x37));
            painter.drawText(QRect(kNameWidth, y, kTagWidth, rh), Qt::AlignVCenter | Qt::AlignLeft, tr("true"));
        }
        const QRectF track(barLeft, y + 4, barWidth, rh - 8);
        painter.fillRect(track, QColor(0xee, 0xee, 0xee));
        if (c < mProbabilities.size() && std::isfinite(mProbabilities[c])) {
            const double v = std::clamp(double(mProbabilities[c]), 0.0, 1.0);
            painter.fillRect(QRectF(track.left(), track.top(), v * track.width(), track.height()),
                             v >= 0.5 ? QColor(0x2b, 0x6c, 0xb0) : QColor(0x9e, 0xb9, 0xd4));
            painter.setPen(palette().color(QPalette::WindowText));
            painter.setFont(normal);
            painter.drawText(QRect(barLeft + barWidth + 4, y, kValueWidth, rh), Qt::AlignVCenter | Qt::AlignLeft,
                             QString::number(v, 'f', 2));
        }
        if (c < mReference.size() && std::isfinite(mReference[c]) && c < mProbabilities.size() &&
            std::abs(mReference[c] - mProbabilities[c]) > 0.005f) {
            const double x = track.left() + std::clamp(double(mReference[c]), 0.0, 1.0) * track.width();
            painter.setPen(QPen(QColor(0x55, 0x55, 0x55), 2));
            painter.drawLine(QPointF(x, track.top() - 3), QPointF(x, track.bottom() + 3));
        }
        painter.setPen(QPen(QColor(0xbb, 0xbb, 0xbb), 1, Qt::DotLine));
        painter.drawLine(QPointF(track.left() + track.width() / 2, track.top()), QPointF(track.left() + track.width() / 2, track.bottom()));
    }
}

void PredictionBars::mousePressEvent(QMouseEvent* event) {
    const int row = int((event->position().y() - 4) / rowHeight());
    if (row >= 0 && row < int(mNames.size())) emit classClicked(row);
}

}  // namespace motifloom::ui
