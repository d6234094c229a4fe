#include "inspector/inspection_picture.h"

#include "logo/logo_palette.h"
#include "logo/logo_text.h"
#include "seqio/alphabet.h"

#include <QFontMetricsF>
#include <QImage>
#include <QObject>
#include <QPen>

#include <algorithm>
#include <bit>
#include <cmath>

namespace motifloom::ui {

namespace {
constexpr double kTrack = 64, kGap = 8, kHeatRow = 11;
constexpr double kRulerH = 18, kBoxLabelH = 24, kSequenceH = 26;
const QColor kMutated(0xd0, 0x21, 0x21);
const QColor kSite(0x2b, 0x6c, 0xb0, 70);

int singleBase(std::uint8_t code) {
    return std::popcount(unsigned(code)) == 1 && code < 16 ? std::countr_zero(unsigned(code)) : -1;
}

QColor mix(const QColor& a, const QColor& b, double t) {
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}
}  // namespace

QColor ismColour(double value, double scale) {
    if (!(scale > 0) || !std::isfinite(value)) return Qt::white;
    const double t = std::min(1.0, std::abs(value) / scale);
    return mix(Qt::white, value < 0 ? QColor(0x21, 0x66, 0xac) : QColor(0xb2, 0x18, 0x2b), t);
}

QColor activationColour(double value, double scale) {
    if (!(scale > 0) || !std::isfinite(value) || value <= 0) return Qt::white;
    return mix(Qt::white, QColor(0x08, 0x30, 0x6b), std::sqrt(std::min(1.0, value / scale)));
}

bool InspectionPicture::fires(int position, int filter) const {
    return filter == markedFilter && std::isfinite(markedThreshold) && position >= 0 && position < positions &&
           filter >= 0 && filter < filters && double(activation(position, filter)) > markedThreshold;
}

PictureLayout::PictureLayout(const InspectionPicture& picture, double column, bool withTitle)
    : mPicture(picture), mColumn(column) {
    mTitle = withTitle ? 46 : 4;
    mRuler = mTitle;
    mBoxLabels = mRuler + kRulerH;
    mSequence = mBoxLabels + kBoxLabelH;
    mSaliency = mSequence + kSequenceH + kGap;
    mIsm = mSaliency + kTrack + kGap;
    mIsmHeat = mIsm + kTrack + kGap;
    mActivation = mIsmHeat + 4 * kHeatRow + 2 * kGap + 14;  // + the map's heading
    const double activationH = picture.filters > 0 ? picture.filters * activationRowHeight() : 18;
    mBottom = mActivation + activationH + 6;
}

double PictureLayout::activationRowHeight() const {
    if (mPicture.filters <= 0) return 0;
    return std::clamp(300.0 / mPicture.filters, 3.0, 9.0);
}

QSizeF PictureLayout::size() const {
    return {kLeft + mColumn * double(mPicture.sequence.size()) + kRight, mBottom};
}

PictureHit PictureLayout::hitTest(const QPointF& pt) const {
    PictureHit hit;
    const int length = int(mPicture.sequence.size());
    const double colF = (pt.x() - kLeft) / mColumn;
    hit.position = colF >= 0 && colF < length ? int(colF) : -1;
    const double y = pt.y();
    if (y >= mRuler && y < mSequence) hit.row = PictureRow::Ruler;
    else if (y >= mSequence && y < mSequence + kSequenceH) hit.row = PictureRow::Sequence;
    else if (y >= mSaliency && y < mSaliency + kTrack) hit.row = PictureRow::Saliency;
    else if (y >= mIsm && y < mIsm + kTrack) hit.row = PictureRow::Ism;
    else if (y >= mIsmHeat && y < mIsmHeat + 4 * kHeatRow) {
        hit.row = PictureRow::IsmHeat;
        hit.base = std::clamp(int((y - mIsmHeat) / kHeatRow), 0, 3);
    } else if (mPicture.filters > 0 && y >= mActivation && y < mActivation + mPicture.filters * activationRowHeight()) {
        hit.row = PictureRow::Activation;
        hit.filter = std::clamp(int((y - mActivation) / activationRowHeight()), 0, mPicture.filters - 1);
    }
    return hit;
}

void PictureLayout::label(QPainter& painter, double y, double h, const QString& text, const QString& note) const {
    const QFont font = logoFont(11), small = logoFont(9.5);
    if (note.isEmpty()) {
        drawLogoText(painter, QRectF(6, y, kLeft - 14, h), Qt::AlignLeft | Qt::AlignVCenter, text, font, kLogoInk);
        return;
    }
    drawLogoText(painter, QRectF(6, y + h / 2 - 16, kLeft - 14, 16), Qt::AlignLeft | Qt::AlignVCenter, text, font, kLogoInk);
    drawLogoText(painter, QRectF(6, y + h / 2, kLeft - 14, 14), Qt::AlignLeft | Qt::AlignVCenter, note, small, kLogoMuted);
}

void PictureLayout::paint(QPainter& painter, bool raster) const {
    const InspectionPicture& p = mPicture;
    const int length = int(p.sequence.size());
    const double width = mColumn * length;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QFont small = logoFont(9.5), bold = logoFont(13, true), font = logoFont(11);
    if (mTitle > 10) {
        drawLogoText(painter, QRectF(6, 4, size().width() - 12, 20), Qt::AlignLeft | Qt::AlignVCenter, p.title, bold, kLogoInk);
        drawLogoText(painter, QRectF(6, 24, size().width() - 12, 16), Qt::AlignLeft | Qt::AlignVCenter, p.subtitle, font, kLogoMuted);
    }

    // Ruler: a tick every 10 bases, labelled every 20 (or 50 when the columns are narrow).
    const int every = mColumn * 20 >= 36 ? 20 : 50;
    painter.setPen(QPen(kLogoAxis, 0.8));
    const double rulerBase = mRuler + kRulerH - 2;
    painter.drawLine(QPointF(x(0), rulerBase), QPointF(x(length), rulerBase));
    for (int pos = 0; pos <= length; pos += 10) {
        painter.drawLine(QPointF(x(pos), rulerBase), QPointF(x(pos), rulerBase - (pos % every == 0 ? 5 : 3)));
        if (pos % every == 0 && pos < length)
            drawLogoText(painter, QRectF(x(pos) - 20, mRuler, 40, 11), Qt::AlignHCenter | Qt::AlignTop, QString::number(pos), small, kLogoInk);
    }
    label(painter, mRuler, kRulerH, QObject::tr("position"));

    paintSequence(painter);

    // Attribution tracks, with the planted motifs behind them.
    const double top = mSaliency, bottom = mIsm + kTrack;
    for (const PlantedBox& b : p.boxes) {
        const QRectF box(x(b.begin), top, (b.end - b.begin) * mColumn, bottom - top);
        if (b.classIndex == p.classIndex) painter.fillRect(box, kLogoHighlightFill);
    }
    const struct {
        double y;
        const std::vector<float>* values;
        QString name;
    } tracks[] = {{mSaliency, &p.saliency, QObject::tr("saliency")}, {mIsm, &p.ism, QObject::tr("ISM")}};
    for (const auto& t : tracks) {
        const double scale = importanceScale(*t.values);
        label(painter, t.y, kTrack, QStringLiteral("%1 \u00b7 %2").arg(p.className, t.name),
              t.values->empty() ? p.pendingNote : QStringLiteral("\u00b1%1").arg(scale, 0, 'g', 3));
        if (int(t.values->size()) == length)
            paintImportanceTrack(painter, QRectF(x(0), t.y, width, kTrack), p.sequence, *t.values, scale);
        painter.setPen(QPen(kLogoAxis, 0.8));
        painter.drawLine(QPointF(x(0), t.y), QPointF(x(0), t.y + kTrack));
    }
    for (const PlantedBox& b : p.boxes) {
        const QRectF box(x(b.begin), top, (b.end - b.begin) * mColumn, bottom - top);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(b.classIndex == p.classIndex ? QPen(kLogoHighlightFrame, 1.5) : QPen(QColor(0x9a, 0x9a, 0x9a), 1.0, Qt::DashLine));
        painter.drawRect(box);
    }

    paintIsmHeat(painter, raster);
    paintActivations(painter, raster);
    painter.restore();
}

void PictureLayout::paintSequence(QPainter& painter) const {
    const InspectionPicture& p = mPicture;
    const int length = int(p.sequence.size());
    const QFont small = logoFont(9.5);
    const double y = mSequence, h = kSequenceH - 6;  // the last 6 units: firing marks
    label(painter, y, kSequenceH, QObject::tr("sequence"));

    // Planted motifs: labels above (on a second line when they would overlap the previous
    // one), boxes around the letters.
    double lineEnd[2] = {-1e9, -1e9};
    for (const PlantedBox& b : p.boxes) {
        const bool own = b.classIndex == p.classIndex;
        const QRectF box(x(b.begin), y, (b.end - b.begin) * mColumn, h);
        painter.fillRect(box, own ? kLogoHighlightFill : QColor(0xf0, 0xf0, 0xf0));
        painter.setBrush(Qt::NoBrush);
        painter.setPen(own ? QPen(kLogoHighlightFrame, 1.5) : QPen(QColor(0x88, 0x88, 0x88), 1.0));
        painter.drawRect(box);
        // Labels start at the box; near the end of the sequence they end with it instead.
        const double labelWidth = QFontMetricsF(small).horizontalAdvance(b.label) + 4;
        const bool flip = x(b.begin) + labelWidth > x(length);
        const double left = flip ? x(b.end) - labelWidth : x(b.begin);
        const int line = left < lineEnd[0] + 2 ? 1 : 0;  // 0: the line next to the boxes
        lineEnd[line] = left + labelWidth;
        drawLogoText(painter, QRectF(left, mBoxLabels + (1 - line) * kBoxLabelH / 2, labelWidth, kBoxLabelH / 2),
                     (flip ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, b.label, small, own ? kLogoInk : kLogoMuted);
    }
    // Where the marked filter fires: its windows shaded, and a bar below the letters.
    if (p.markedFilter >= 0)
        for (int pos = 0; pos < p.positions; ++pos) {
            if (!p.fires(pos, p.markedFilter)) continue;
            const double a = std::max(0, pos + p.windowOffset), b = std::min(length, pos + p.windowOffset + p.receptiveField);
            if (b <= a) continue;
            painter.fillRect(QRectF(x(a), y, (b - a) * mColumn, h), kSite);
            painter.fillRect(QRectF(x(a), y + h + 1, (b - a) * mColumn, 4), QColor(0x2b, 0x6c, 0xb0));
        }
    // The letters (bars when the columns are too narrow for glyphs).
    const bool letters = mColumn >= 6;
    const QFont mono = logoFont(std::min(15.0, mColumn * 1.35), true);
    painter.setFont(mono);
    for (int pos = 0; pos < length; ++pos) {
        const std::uint8_t code = p.sequence[std::size_t(pos)];
        const int base = singleBase(code);
        const QColor colour = base >= 0 ? letterColour(LogoPalette::Classic, base) : QColor(0x90, 0x90, 0x90);
        const QRectF cell(x(pos), y, mColumn, h);
        if (letters) {
            painter.setPen(colour);
            painter.drawText(cell, Qt::AlignCenter, QString(QChar(seqio::decodeBase(code))));
        }
        else painter.fillRect(cell.adjusted(0.1 * mColumn, 3, -0.1 * mColumn, -3), colour);
        const bool changed = pos < int(p.original.size()) && p.original[std::size_t(pos)] != code;
        if (changed) painter.fillRect(QRectF(x(pos), y + h - 2, mColumn, 2.5), kMutated);
    }
    if (p.cursor >= 0 && p.cursor < length) {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(kLogoInk, 1.2));
        painter.drawRect(QRectF(x(p.cursor), y, mColumn, h));
    }
}

void PictureLayout::paintIsmHeat(QPainter& painter, bool raster) const {
    const InspectionPicture& p = mPicture;
    const int length = int(p.sequence.size());
    float scale = 0;
    for (float v : p.ismDelta)
        if (std::isfinite(v)) scale = std::max(scale, std::abs(v));
    label(painter, mIsmHeat, 4 * kHeatRow, QObject::tr("ISM %1").arg(p.className),
          p.ismDelta.empty() ? QString() : QObject::tr("\u0394 logit \u00b1%1").arg(double(scale), 0, 'g', 3));
    const QFont tiny = logoFont(9, true);
    for (int b = 0; b < 4; ++b)
        drawLogoText(painter, QRectF(x(0) - 14, mIsmHeat + b * kHeatRow, 12, kHeatRow), Qt::AlignRight | Qt::AlignVCenter,
                     QString(QChar("ACGT"[b])), tiny, letterColour(LogoPalette::Classic, b));
    if (int(p.ismDelta.size()) != length * 4) return;
    if (raster) {
        QImage image(length, 4, QImage::Format_RGB32);
        for (int pos = 0; pos < length; ++pos)
            for (int b = 0; b < 4; ++b) {
                const bool observed = p.sequence[std::size_t(pos)] == std::uint8_t(1u << b);
                image.setPixelColor(pos, b, observed ? QColor(0xf4, 0xf4, 0xf4) : ismColour(p.ismDelta[std::size_t(pos) * 4 + std::size_t(b)], scale));
            }
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter.drawImage(QRectF(x(0), mIsmHeat, length * mColumn, 4 * kHeatRow), image);
        painter.restore();
        if (mColumn >= 7)
            for (int pos = 0; pos < length; ++pos) {
                const int b = singleBase(p.sequence[std::size_t(pos)]);
                if (b >= 0) painter.fillRect(QRectF(x(pos + 0.5) - 1, mIsmHeat + (b + 0.5) * kHeatRow - 1, 2, 2), kLogoInk);
            }
    } else {
        for (int pos = 0; pos < length; ++pos)
            for (int b = 0; b < 4; ++b) {
                const QRectF cell(x(pos), mIsmHeat + b * kHeatRow, mColumn, kHeatRow);
                const bool observed = p.sequence[std::size_t(pos)] == std::uint8_t(1u << b);
                painter.fillRect(cell, observed ? QColor(0xf4, 0xf4, 0xf4) : ismColour(p.ismDelta[std::size_t(pos) * 4 + std::size_t(b)], scale));
                if (observed && mColumn >= 7) painter.fillRect(QRectF(cell.center().x() - 1, cell.center().y() - 1, 2, 2), kLogoInk);
            }
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(0xbb, 0xbb, 0xbb), 0.8));
    painter.drawRect(QRectF(x(0), mIsmHeat, length * mColumn, 4 * kHeatRow));
}

void PictureLayout::paintActivations(QPainter& painter, bool raster) const {
    const InspectionPicture& p = mPicture;
    const int length = int(p.sequence.size());
    const QFont font = logoFont(11, true), small = logoFont(std::clamp(activationRowHeight() - 1.5, 6.0, 9.5));
    drawLogoText(painter, QRectF(6, mActivation - 16, kLeft + length * mColumn, 14), Qt::AlignLeft | Qt::AlignVCenter,
                 QObject::tr("Activations \u00b7 %1").arg(p.layerLabel), font, kLogoInk);
    if (p.filters <= 0 || int(p.activations.size()) != p.filters * p.positions) {
        drawLogoText(painter, QRectF(x(0), mActivation, length * mColumn, 18), Qt::AlignLeft | Qt::AlignVCenter,
                     p.activationNote, logoFont(10.5), kLogoMuted);
        return;
    }
    float scale = 0;
    for (float v : p.activations)
        if (std::isfinite(v)) scale = std::max(scale, v);
    const double rowH = activationRowHeight();
    if (raster) {  // one pixel per (column, filter), scaled up without smoothing
        QImage image(length, p.filters, QImage::Format_RGB32);
        image.fill(Qt::white);
        for (int pos = 0; pos < p.positions; ++pos) {
            const int col = p.activationColumn(pos);
            if (col < 0 || col >= length) continue;
            for (int f = 0; f < p.filters; ++f) image.setPixelColor(col, f, activationColour(p.activation(pos, f), scale));
        }
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter.drawImage(QRectF(x(0), mActivation, length * mColumn, p.filters * rowH), image);
        painter.restore();
    }
    for (int f = 0; f < p.filters; ++f) {
        const double y = mActivation + f * rowH;
        if (f == p.markedFilter) painter.fillRect(QRectF(0, y, kLeft - 4, rowH), kLogoHighlightFill);
        if (rowH >= 6) {
            const bool truth = f < int(p.rowHighlighted.size()) && p.rowHighlighted[std::size_t(f)];
            const QString text = f < int(p.rowLabels.size()) ? p.rowLabels[std::size_t(f)] : QString::number(f + 1);
            drawLogoText(painter, QRectF(6, y, kLeft - 12, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetricsF(small).elidedText(text, Qt::ElideRight, kLeft - 12), small, truth ? kLogoInk : kLogoMuted);
        }
        for (int pos = 0; pos < p.positions && !raster; ++pos) {
            const int col = p.activationColumn(pos);
            if (col < 0 || col >= length) continue;
            const float v = p.activation(pos, f);
            if (v <= 0) continue;
            painter.fillRect(QRectF(x(col), y, mColumn + 0.3, rowH + 0.3), activationColour(v, scale));
        }
        if (f == p.markedFilter) {
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(kLogoHighlightFrame, 1.5));
            painter.drawRect(QRectF(x(0), y, length * mColumn, rowH));
        }
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(0xbb, 0xbb, 0xbb), 0.8));
    painter.drawRect(QRectF(x(0), mActivation, length * mColumn, p.filters * rowH));
}

}  // namespace motifloom::ui
