#include "app_window/dock_proportions.h"

#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QScrollArea>
#include <QTimer>

#include <algorithm>

namespace motifloom::ui {

namespace {
constexpr int kComfortableSideWidth = 330;  // px; a third of a 1024-px window is 341
}  // namespace

DockProportions::DockProportions(QMainWindow* window, QList<QDockWidget*> side, QDockWidget* bottom)
    : QObject(window), mWindow(window), mBottom(bottom), mTimer(new QTimer(this)) {
    for (QDockWidget* d : side) mSide << d;
    mTimer->setSingleShot(true);
    mTimer->setInterval(0);  // after the layout has taken the new size
    connect(mTimer, &QTimer::timeout, this, &DockProportions::apply);
    window->installEventFilter(this);
    mTimer->start();  // once the window is first shown, too
}

bool DockProportions::eventFilter(QObject* watched, QEvent* event) {
    if (watched == mWindow && event->type() == QEvent::Resize) mTimer->start();
    return QObject::eventFilter(watched, event);
}

void DockProportions::apply() {
    const int w = mWindow->width(), h = mWindow->height();
    if (w <= 0 || h <= 0 || mWindow->isFullScreen()) return;
    // The side area: the widest visible dock decides (they are tabbed, one width).
    QDockWidget* shown = nullptr;
    int natural = 0;
    for (const auto& d : mSide) {
        if (!d || d->isHidden() || d->isFloating() || !d->isVisible()) continue;
        if (!shown) shown = d;
        // What the panel needs without a horizontal scroll bar (the contents are scrolled).
        QWidget* inner = d->widget();
        if (auto* area = qobject_cast<QScrollArea*>(inner); area && area->widget()) inner = area->widget();
        natural = std::max(natural, inner->minimumSizeHint().width() + 24);
    }
    if (shown) {
        // The panels' pages scroll inside the dock's own scroll area, so their minimum widths
        // do not add up into `natural`: never go below a width where they fit side panels' usual
        // content without a horizontal scroll bar.
        const int lo = std::min(std::max(natural, kComfortableSideWidth), w / 3), hi = std::max(lo, w / 2);
        const int now = shown->width();
        if (now < lo || now > hi) mWindow->resizeDocks({shown}, {std::clamp(now, lo, hi)}, Qt::Horizontal);
    }
    if (mBottom && !mBottom->isHidden() && !mBottom->isFloating()) {
        const int lo = h / 8, hi = h / 3;
        const int now = mBottom->height();
        if (now < lo || now > hi) mWindow->resizeDocks({mBottom}, {std::clamp(now, lo, hi)}, Qt::Vertical);
    }
}

}  // namespace motifloom::ui
