#include "widgets/vertical_scroll.h"

#include <QScrollArea>
#include <QStyle>

namespace motifloom::ui {

QScrollArea* verticalScroll(QWidget* content, ScrollWidth width) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    if (width == ScrollWidth::FitContent)
        scroll->setMinimumWidth(content->minimumSizeHint().width() + scroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    return scroll;
}

}  // namespace motifloom::ui
