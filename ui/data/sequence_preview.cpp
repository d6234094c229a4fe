#include "data/sequence_preview.h"

#include "logo/logo_palette.h"
#include "seqio/alphabet.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QMetaMethod>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <bit>
#include <cmath>

namespace motifloom::ui {

namespace {

constexpr int kGroup = 10;  // bases per visual group (a small gap every 10)

QColor baseColour(std::uint8_t code, const QPalette& palette) {
    switch (code) {
    case 1: return letterColour(LogoPalette::Classic, 0);
    case 2: return letterColour(LogoPalette::Classic, 1);
    case 4: return letterColour(LogoPalette::Classic, 2);
    case 8: return letterColour(LogoPalette::Classic, 3);
    default: {
        QColor c = palette.color(QPalette::Text);
        c.setAlphaF(0.4);
        return c;
    }
    }
}

}  // namespace

SequencePreview::SequencePreview(QWidget* parent) : QWidget(parent) {
    mMono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setMouseTracking(true);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void SequencePreview::setSequences(std::vector<PreviewSequence> sequences) {
    mSequences = std::move(sequences);
    updateGeometry();
    update();
}

void SequencePreview::setPlaceholder(const QString& text) {
    mPlaceholder = text;
    update();
}

SequencePreview::Metrics SequencePreview::metrics() const {
    const QFontMetricsF mono(mMono, this);
    const QFontMetricsF normal(font(), this);
    Metrics m;
    m.charWidth = mono.horizontalAdvance(QLatin1Char('W'));
    m.lineHeight = std::ceil(mono.height() + 4);
    m.labelHeight = std::ceil(normal.height() * 0.85 + 2);
    m.titleHeight = std::ceil(normal.height() + 6);
    m.gap = std::ceil(normal.height() * 0.8);
    m.margin = 8;
    m.gutter = mono.horizontalAdvance(QStringLiteral("00000 "));
    return m;
}

int SequencePreview::basesPerLine(int width) const {
    const Metrics m = metrics();
    const double avail = width - 2 * m.margin - m.gutter;
    const double groupWidth = kGroup * m.charWidth + m.charWidth * 0.6;
    const int groups = std::max(1, int((avail + m.charWidth * 0.6) / groupWidth));
    return groups * kGroup;
}

int SequencePreview::heightForWidth(int width) const {
    const Metrics m = metrics();
    if (mSequences.empty()) return int(m.titleHeight * 4);
    const int perLine = basesPerLine(width);
    double h = m.margin;
    for (const auto& s : mSequences) {
        const int lines = std::max(1, int((s.codes.size() + std::size_t(perLine) - 1) / std::size_t(perLine)));
        h += m.titleHeight + lines * (m.labelHeight + m.lineHeight) + m.gap;
    }
    return int(std::ceil(h));
}

QSize SequencePreview::sizeHint() const {
    const Metrics m = metrics();
    const int w = int(2 * m.margin + m.gutter + 100 * m.charWidth + 9 * m.charWidth * 0.6) + 2;
    return QSize(w, heightForWidth(w));
}

QSize SequencePreview::minimumSizeHint() const {
    const Metrics m = metrics();
    return QSize(int(2 * m.margin + m.gutter + 20 * m.charWidth + m.charWidth), int(m.titleHeight * 3));
}

void SequencePreview::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) {
        mMono.setPointSizeF(font().pointSizeF() > 0 ? font().pointSizeF() : mMono.pointSizeF());
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

void SequencePreview::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const Metrics m = metrics();
    const QPalette pal = palette();

    if (mSequences.empty()) {
        QColor c = pal.color(QPalette::Text);
        c.setAlphaF(0.55);
        p.setPen(c);
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, mPlaceholder);
        return;
    }

    const int perLine = basesPerLine(width());
    const double groupGap = m.charWidth * 0.6;
    const double left = m.margin + m.gutter;
    auto xOf = [&](int col) { return left + col * m.charWidth + (col / kGroup) * groupGap; };

    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    small.setBold(true);
    QFont monoBold = mMono;
    monoBold.setBold(true);
    QFont monoSmall = mMono;
    monoSmall.setPointSizeF(mMono.pointSizeF() * 0.8);
    const QFontMetricsF monoMetrics(mMono, this);
    QColor dim = pal.color(QPalette::Text);
    dim.setAlphaF(0.55);

    double y = m.margin;
    for (const auto& s : mSequences) {
        // Title.
        p.setFont(bold);
        p.setPen(pal.color(QPalette::Text));
        const QRectF titleRect(m.margin, y, width() - 2 * m.margin, m.titleHeight);
        p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, s.title);
        const double titleW = QFontMetricsF(bold, this).horizontalAdvance(s.title + QStringLiteral("  "));
        p.setFont(font());
        p.setPen(dim);
        p.drawText(titleRect.adjusted(titleW, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(font(), this).elidedText(s.subtitle, Qt::ElideRight, titleRect.width() - titleW));
        y += m.titleHeight;

        const int n = int(s.codes.size());
        std::vector<int> owner(std::size_t(n), -1);  // motif covering each base (bold letters)
        for (int k = 0; k < int(s.motifs.size()); ++k)
            for (int i = std::max(0, s.motifs[k].start); i < std::min(n, s.motifs[k].start + s.motifs[k].width); ++i)
                owner[std::size_t(i)] = k;

        for (int lineStart = 0; lineStart < std::max(n, 1); lineStart += perLine) {
            const int lineEnd = std::min(n, lineStart + perLine);
            const double labelTop = y, letterTop = y + m.labelHeight;

            // Motif boxes and their labels.
            for (int k = 0; k < int(s.motifs.size()); ++k) {
                const PreviewMotif& mo = s.motifs[k];
                const int a = std::max(mo.start, lineStart), b = std::min(mo.start + mo.width, lineEnd);
                if (a >= b) continue;
                const double x0 = xOf(a - lineStart) - 0.5, x1 = xOf(b - 1 - lineStart) + m.charWidth + 0.5;
                QColor fill = mo.colour;
                fill.setAlphaF(0.16);
                QColor edge = mo.colour;
                edge.setAlphaF(0.85);
                p.setPen(QPen(edge, 1.2));
                p.setBrush(fill);
                p.drawRoundedRect(QRectF(x0, letterTop + 0.5, x1 - x0, m.lineHeight - 1), 3, 3);
                if (a == mo.start) {  // label on the segment where the motif begins
                    const QString arrow = mo.strand == '-' ? QStringLiteral("\u2190 ") : QString();
                    const QString arrowR = mo.strand == '-' ? QString() : QStringLiteral(" \u2192");
                    // Room up to the next motif's start on this line.
                    double room = width() - m.margin - x0;
                    for (const auto& other : s.motifs)
                        if (other.start > mo.start && other.start < lineEnd)
                            room = std::min(room, xOf(other.start - lineStart) - 4 - x0);
                    p.setFont(small);
                    p.setPen(mo.colour.darker(115));
                    const QString label = QFontMetricsF(small, this)
                                              .elidedText(arrow + mo.name + arrowR, Qt::ElideRight, std::max(room, x1 - x0));
                    p.drawText(QRectF(x0 + 1, labelTop, std::max(room, x1 - x0), m.labelHeight),
                               Qt::AlignLeft | Qt::AlignBottom, label);
                }
            }

            // Position gutter.
            p.setFont(monoSmall);
            p.setPen(dim);
            p.drawText(QRectF(m.margin, letterTop, m.gutter - m.charWidth * 0.5, m.lineHeight),
                       Qt::AlignRight | Qt::AlignVCenter, QString::number(lineStart + 1));

            // Letters.
            const double baseline = letterTop + (m.lineHeight + monoMetrics.ascent() - monoMetrics.descent()) / 2;
            for (int i = lineStart; i < lineEnd; ++i) {
                const std::uint8_t code = s.codes[std::size_t(i)];
                p.setFont(owner[std::size_t(i)] >= 0 ? monoBold : mMono);
                p.setPen(baseColour(code, pal));
                const QChar c = code == 0 ? QChar(0x00b7) : QChar(QLatin1Char(seqio::decodeBase(code)));
                p.drawText(QPointF(xOf(i - lineStart), baseline), QString(c));
            }
            y += m.labelHeight + m.lineHeight;
        }
        y += m.gap;
    }
}

std::pair<int, int> SequencePreview::hit(const QPointF& pos) const {
    const Metrics m = metrics();
    const int perLine = basesPerLine(width());
    const double groupGap = m.charWidth * 0.6;
    double y = m.margin;
    for (int si = 0; si < int(mSequences.size()); ++si) {
        const int n = int(mSequences[std::size_t(si)].codes.size());
        y += m.titleHeight;
        for (int lineStart = 0; lineStart < std::max(n, 1); lineStart += perLine) {
            const double letterTop = y + m.labelHeight;
            if (pos.y() >= letterTop && pos.y() < letterTop + m.lineHeight) {
                const double x = pos.x() - m.margin - m.gutter;
                if (x < 0) return {-1, -1};
                const double groupWidth = kGroup * m.charWidth + groupGap;
                const int group = int(x / groupWidth);
                const double inGroup = x - group * groupWidth;
                if (inGroup >= kGroup * m.charWidth) return {-1, -1};
                const int col = group * kGroup + int(inGroup / m.charWidth);
                const int base = lineStart + col;
                if (col >= perLine || base >= n) return {-1, -1};
                return {si, base};
            }
            y += m.labelHeight + m.lineHeight;
        }
        y += m.gap;
    }
    return {-1, -1};
}

void SequencePreview::mouseDoubleClickEvent(QMouseEvent* event) {
    const int row = hit(event->position()).first;
    if (row >= 0) emit sequenceActivated(row);
    else QWidget::mouseDoubleClickEvent(event);
}

bool SequencePreview::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const auto [si, base] = hit(help->pos());
        if (si < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const PreviewSequence& s = mSequences[std::size_t(si)];
        const std::uint8_t code = s.codes[std::size_t(base)];
        QString text = tr("%1, position %2: %3")
                           .arg(s.title)
                           .arg(base + 1)
                           .arg(code == 0 ? tr("padding (no base)") : QString(QLatin1Char(seqio::decodeBase(code))));
        for (const auto& mo : s.motifs)
            if (base >= mo.start && base < mo.start + mo.width)
                text += QStringLiteral("<br><b>%1</b> %2, %3 strand, positions %4\u2013%5")
                            .arg(mo.name.toHtmlEscaped(), mo.detail.toHtmlEscaped(),
                                 mo.strand == '-' ? tr("reverse") : tr("forward"))
                            .arg(mo.start + 1)
                            .arg(mo.start + mo.width);
        if (isSignalConnected(QMetaMethod::fromSignal(&SequencePreview::sequenceActivated)))
            text += tr("<br><i>Double-click to open it in the sequence inspector.</i>");
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

}  // namespace motifloom::ui
