#pragma once
// AdaptiveBox: lays its items out side by side when it is wide enough for all of them at their
// minimum widths, else one above the other. Panels built from it work both in a narrow side dock
// (a laptop) and in a wide floating window, and never force the main window wider.
//
// Its minimum width is that of the stacked layout (the widest item), so it can always shrink to
// a dock; the side-by-side layout is only chosen when the current width already allows it.

#include <QWidget>

class QBoxLayout;
class QLayout;

namespace motifloom::ui {

class AdaptiveBox : public QWidget {
    Q_OBJECT
public:
    explicit AdaptiveBox(QWidget* parent = nullptr);

    // Stretch factors apply in both arrangements (width side by side, height stacked).
    void addWidget(QWidget* widget, int stretch = 0);
    void addLayout(QLayout* layout, int stretch = 0);

    bool isSideBySide() const;
    // The width from which the items fit side by side.
    int sideBySideWidth() const;

    QSize minimumSizeHint() const override;  // of the stacked arrangement: never wider

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void arrange(int width);
    QBoxLayout* mLayout;
};

}  // namespace motifloom::ui
