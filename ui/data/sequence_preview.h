#pragma once
// SequencePreview: paints a few DNA sequences as monospace letters coloured like logo letters
// (classic palette: A green, C blue, G orange, T red; ambiguity codes grey, padding a dim dot)
// with embedded motifs highlighted: a tinted box in the motif's class colour over its span, its
// name and an arrow for the strand (→ forward, ← reverse complement) above the box.
//
// Layout: each sequence gets a title line ("syn00042 · train · ARID3A, SP1") and then lines of
// `basesPerLine` letters (a multiple of 10 that fits the width), each prefixed with its 1-based
// first position. The widget has a height for its width (hasHeightForWidth), so in a
// QScrollArea with widgetResizable it grows to show everything.
// Coordinates of PreviewMotif: 0-based, forward strand, [start, start + width) as in
// synth::Placement. Painting is vector text, so it is sharp at any devicePixelRatio.

#include <QColor>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

namespace motifloom::ui {

struct PreviewMotif {
    int start = 0;
    int width = 0;
    char strand = '+';
    QString name;     // e.g. "SP1"
    QString detail;   // tooltip, e.g. "MA0079.3 SP1, class 8"
    QColor colour;
};

struct PreviewSequence {
    QString title;                     // bold, e.g. the sequence id
    QString subtitle;                  // after the title, e.g. "train · labels SP1, YY1"
    std::vector<std::uint8_t> codes;   // base codes (seqio/sequence_set.h)
    std::vector<PreviewMotif> motifs;
};

class SequencePreview : public QWidget {
    Q_OBJECT
public:
    explicit SequencePreview(QWidget* parent = nullptr);

    void setSequences(std::vector<PreviewSequence> sequences);
    const std::vector<PreviewSequence>& sequences() const { return mSequences; }
    // Shown (centred, grey) when there are no sequences, e.g. an error or "Loading...".
    void setPlaceholder(const QString& text);

    // Bases per line at `width` pixels (>= 10, a multiple of 10).
    int basesPerLine(int width) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void sequenceActivated(int row);  // double-click on sequence `row` (index into sequences())

protected:
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Metrics {
        double charWidth, lineHeight, labelHeight, titleHeight, gap, margin, gutter;
    };
    Metrics metrics() const;
    // Sequence, base under `pos`, or {-1, -1}.
    std::pair<int, int> hit(const QPointF& pos) const;

    std::vector<PreviewSequence> mSequences;
    QString mPlaceholder;
    QFont mMono;
};

}  // namespace motifloom::ui
