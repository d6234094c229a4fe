#include "widgets/adaptive_box.h"

#include <QBoxLayout>
#include <QResizeEvent>
#include <QStyle>

#include <algorithm>

namespace motifloom::ui {

AdaptiveBox::AdaptiveBox(QWidget* parent) : QWidget(parent) {
    mLayout = new QBoxLayout(QBoxLayout::TopToBottom, this);
    mLayout->setContentsMargins(0, 0, 0, 0);
    mLayout->setSizeConstraint(QLayout::SetNoConstraint);  // minimumSizeHint() below decides
}

QSize AdaptiveBox::minimumSizeHint() const {
    int width = 0;
    for (int i = 0; i < mLayout->count(); ++i)
        if (QLayoutItem* item = mLayout->itemAt(i); !item->isEmpty()) width = std::max(width, item->minimumSize().width());
    const QMargins m = mLayout->contentsMargins();
    return {width + m.left() + m.right(), mLayout->minimumSize().height()};
}

void AdaptiveBox::addWidget(QWidget* widget, int stretch) { mLayout->addWidget(widget, stretch); }

void AdaptiveBox::addLayout(QLayout* layout, int stretch) { mLayout->addLayout(layout, stretch); }

bool AdaptiveBox::isSideBySide() const { return mLayout->direction() == QBoxLayout::LeftToRight; }

int AdaptiveBox::sideBySideWidth() const {
    // Item minimums do not depend on the layout's direction.
    int width = 0, items = 0;
    for (int i = 0; i < mLayout->count(); ++i) {
        QLayoutItem* item = mLayout->itemAt(i);
        if (item->isEmpty()) continue;
        width += item->minimumSize().width();
        ++items;
    }
    const QMargins m = mLayout->contentsMargins();
    const int spacing = mLayout->spacing() >= 0 ? mLayout->spacing() : style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing);
    return width + std::max(0, items - 1) * std::max(0, spacing) + m.left() + m.right();
}

void AdaptiveBox::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    arrange(event->size().width());
}

void AdaptiveBox::arrange(int width) {
    const auto wanted = width >= sideBySideWidth() ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (mLayout->direction() != wanted) mLayout->setDirection(wanted);
}

}  // namespace motifloom::ui
