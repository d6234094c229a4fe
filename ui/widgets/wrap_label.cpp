#include "widgets/wrap_label.h"

#include <QEvent>
#include <QResizeEvent>

namespace motifloom::ui {

WrapLabel::WrapLabel(QWidget* parent) : QLabel(parent) {
    setWordWrap(true);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);  // any spare height below the text, not around it
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

void WrapLabel::setText(const QString& text) {
    QLabel::setText(text);
    claimHeight();
}

void WrapLabel::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    if (event->size().width() != event->oldSize().width()) claimHeight();
}

void WrapLabel::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange) claimHeight();
}

void WrapLabel::showEvent(QShowEvent* event) {
    QLabel::showEvent(event);
    claimHeight();
}

void WrapLabel::claimHeight() {
    // A hidden label's width is stale (a dock hidden by presentation mode): measured on show.
    if (!isVisible()) return;
    // QLabel's heightForWidth() never answers less than the minimum height, so measure without
    // it. The height depends on the width only, so this cannot loop: a new minimum height
    // changes the label's height, never its width.
    const int old = minimumHeight();
    setMinimumHeight(0);
    const int needed = heightForWidth(width());
    setMinimumHeight(needed > 0 ? needed : old);
}

}  // namespace motifloom::ui
