#pragma once
// DockProportions: keeps the main window's docks at sensible sizes when the window changes
// size. QMainWindow gives all extra or missing room to the central widget, so after shrinking
// the window to a projector's 1280 x 720 (or growing it back) the side docks stay squeezed or
// oversized until View > Reset layout. After each resize (coalesced), a side dock narrower
// than its comfortable width (the panel's minimum and at least 330 px, at most a third of the
// window) or wider than
// half the window is brought back into that range with resizeDocks, and the bottom dock into
// [1/8, 1/3] of the height. Sizes the user chose inside those ranges are left alone.

#include <QObject>
#include <QPointer>
#include <QSize>

class QDockWidget;
class QMainWindow;
class QTimer;

namespace motifloom::ui {

class DockProportions : public QObject {
    Q_OBJECT
public:
    // `side` docks share the left area (tabbed); `bottom` is the run list. Installs itself as
    // an event filter on `window`, which owns it.
    DockProportions(QMainWindow* window, QList<QDockWidget*> side, QDockWidget* bottom);

    // Brings the docks into their ranges now (also called after each resize).
    void apply();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QMainWindow* mWindow;
    QList<QPointer<QDockWidget>> mSide;
    QPointer<QDockWidget> mBottom;
    QTimer* mTimer;
};

}  // namespace motifloom::ui
