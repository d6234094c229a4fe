#include "widgets/wrap_label.h"

#include <QResizeEvent>

namespace motifloom::ui {

WrapLabel::WrapLabel(QWidget* parent) : QLabel(parent) {
    setWordWrap(true);
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

void WrapLabel::claimHeight() {
    // The height depends on the width only, so this cannot loop: a new minimum height changes
    // the label's height, never its width.
    const int needed = heightForWidth(width() > 0 ? width() : sizeHint().width());
    if (needed > 0 && needed != minimumHeight()) setMinimumHeight(needed);
}

}  // namespace motifloom::ui
