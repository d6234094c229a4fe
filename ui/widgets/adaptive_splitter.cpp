#include "widgets/adaptive_splitter.h"

#include <QResizeEvent>

#include <algorithm>

namespace motifloom::ui {

AdaptiveSplitter::AdaptiveSplitter(QWidget* parent) : QSplitter(Qt::Vertical, parent) {}

int AdaptiveSplitter::sideBySideWidth() const {
    int width = 0, shown = 0;
    for (int i = 0; i < count(); ++i) {
        const QWidget* pane = widget(i);
        if (pane->isHidden()) continue;
        width += std::max(pane->minimumSizeHint().width(), pane->minimumWidth());
        ++shown;
    }
    return width + std::max(0, shown - 1) * handleWidth();
}

QSize AdaptiveSplitter::minimumSizeHint() const {
    int width = 0, height = 0, shown = 0;
    for (int i = 0; i < count(); ++i) {
        const QWidget* pane = widget(i);
        if (pane->isHidden()) continue;
        const QSize m = pane->minimumSizeHint().expandedTo(pane->minimumSize());
        width = std::max(width, m.width());
        height = orientation() == Qt::Vertical ? height + m.height() : std::max(height, m.height());
        ++shown;
    }
    if (orientation() == Qt::Vertical) height += std::max(0, shown - 1) * handleWidth();
    return {width, height};
}

void AdaptiveSplitter::resizeEvent(QResizeEvent* event) {
    const Qt::Orientation wanted = event->size().width() >= sideBySideWidth() ? Qt::Horizontal : Qt::Vertical;
    if (orientation() != wanted) {
        setOrientation(wanted);
        updateGeometry();
    }
    QSplitter::resizeEvent(event);
}

}  // namespace motifloom::ui
