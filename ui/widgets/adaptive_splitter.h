#pragma once
// AdaptiveSplitter: a QSplitter that puts its panes side by side when it is wide enough for
// all of them at their minimum widths, else one above the other (the splitter counterpart of
// AdaptiveBox). The architecture editor's layer table and layer form then work in a 330-px
// side dock as well as in a wide floating one, and the user can still drag the handle.

#include <QSplitter>

namespace motifloom::ui {

class AdaptiveSplitter : public QSplitter {
    Q_OBJECT
public:
    explicit AdaptiveSplitter(QWidget* parent = nullptr);

    // The width from which the panes fit side by side.
    int sideBySideWidth() const;
    QSize minimumSizeHint() const override;  // of the stacked arrangement: never wider

protected:
    void resizeEvent(QResizeEvent* event) override;
};

}  // namespace motifloom::ui
