#pragma once
// LogoWidget: shows one motif as a sequence logo (or the "never fires" placeholder), e.g. as a
// tile of the GUI's filter gallery. Painting is vector (logo_painter.h), so it stays sharp on
// high-DPI screens at any devicePixelRatio. Hovering a column shows its probabilities as a
// tooltip; a left click emits clicked().
// The widget owns copies of the motif and style; it never refers back to the caller's data.

#include "logo/logo_style.h"
#include "motif/motif.h"

#include <QWidget>

namespace motifloom::ui {

class LogoWidget : public QWidget {
    Q_OBJECT
public:
    explicit LogoWidget(QWidget* parent = nullptr);

    // Shows `motif`; an empty motif (see isEmptyMotif) shows the placeholder.
    void setMotif(const motif::Motif& motif);
    // Shows the labelled placeholder (style().emptyLabel) for a filter that never fires.
    void setNeverFires();
    void setLogoStyle(const LogoStyle& style);
    void setHighlighted(bool on);  // tinted background, as highlighted grid cells

    const motif::Motif& motif() const { return mMotif; }
    const LogoStyle& logoStyle() const { return mStyle; }
    bool neverFires() const { return mNeverFires; }
    bool isHighlighted() const { return mHighlighted; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Displayed motif column (0-based) under `pos` in widget coordinates, or -1.
    int columnAt(const QPointF& pos) const;

Q_SIGNALS:
    void clicked();

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    bool showsPlaceholder() const;

    motif::Motif mMotif;
    LogoStyle mStyle;
    bool mNeverFires = false;
    bool mHighlighted = false;
};

}  // namespace motifloom::ui
